"""Zebra clauses made of more than one claim, each part read by the clause reader (`zebra_read`):

- what a clue needs, claimed of the puzzle: "Clue 1 needs red directly left of green";
- an appositive: "the black house, next to Max, is house 2" (the main claim and the appositive's);
- houses in pairs: "red and green are in houses 1-2 or 2-3" (one of the pairs);
- a house named twice: "the cat is in the green house, house 3" (the claim, and where that house is);
- a placement beside the thing just placed: "the juice is in house 1 and the chef is in house 2 next to
  it" (both placements, and the relation to "it", the one value the first part places);
- a shared subject: "Lou can't be in house 1 and must be left of the gray house".

Every reading is whole or nothing: `read` returns None when no shape matches (the caller reads the
clause its usual way), the formulas when one matches and every part reads, or a reason when a shape
matches but a part does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Reader = Callable[[str], Any]  # zebra_read.read_clause for the puzzle

_CLUE_NEEDS = re.compile(
    r"^clue\s*#?\s*\d+\s+(?:needs|requires|wants|puts|places|forces)\s+(?:that\s+)?(?P<rest>.+)$", re.I
)
_RELATION_WORDS = (
    r"next\s+to|beside|adjacent\s+to|"
    r"(?:directly\s+|immediately\s+|just\s+)?(?:to\s+the\s+)?(?:left|right)\s+of"
)
_APPOSITIVE = re.compile(
    rf"^(?P<subject>[^,]+?),\s*(?P<rel>{_RELATION_WORDS})\s+(?P<object>[^,]+?),\s*"
    r"(?P<rest>(?:is|lives|sits|stands|must\s+be)\b.+)$",
    re.I,
)
_PAIRED_HOUSES = re.compile(
    r"^(?P<a>[^,]+?)\s+and\s+(?P<b>[^,]+?)\s+are\s+in\s+houses\s+"
    r"(?P<pairs>\d\s*[-–]\s*\d(?:\s*(?:,\s*or|,|or)\s*\d\s*[-–]\s*\d)*)$",
    re.I,
)
_HOUSE_NAMED = re.compile(
    r"^(?P<main>.+\b(?P<noun>(?:the\s+)?[A-Za-z][\w-]*\s+house)),\s*(?P<house>house\s*\d)$", re.I
)
# "the juice is in house 1 and the chef is in house 2 next to it": "it" is what the first part places
_BESIDE_IT = re.compile(
    r"^(?P<first>(?P<it>[^,]+?)\s+(?:is|lives)\s+in\s+house\s*\d)\s*,?\s+and\s+(?P<subject>[^,]+?)\s+"
    rf"(?:is|lives)\s+in\s+(?P<house>house\s*\d)\s*,?\s+(?P<rel>{_RELATION_WORDS})\s+"
    r"(?:it|that\s+one|that\s+house)$",
    re.I,
)
_SHARED_SUBJECT = re.compile(
    r"^(?P<subject>(?:the\s+)?[A-Za-z][\w-]*)\s+(?P<first>[^,]+?)\s+and\s+"
    r"(?P<second>(?:must|is|isn'?t|can'?t|cannot|does|doesn'?t|lives|has|owns|drinks|keeps)\b.+)$",
    re.I,
)


def _all(parts: list[Any]) -> list[Any] | None:
    """The parts' formulas joined, or None when one part is not a readable claim."""
    if all(isinstance(part, list) for part in parts):
        return [formula for part in parts for formula in part]
    return None


def read(clause: str, reader: Reader) -> Any:
    text = clause.strip()
    needs = _CLUE_NEEDS.match(text)
    if needs:  # "Clue 1 needs red directly left of green": what the clue says, claimed of the puzzle
        return reader(needs.group("rest"))
    apposed = _APPOSITIVE.match(text)
    if apposed:
        # "the black house, next to Max, is house 2": two claims, the main one and the appositive's
        subject = apposed.group("subject")
        found = _all(
            [
                reader(f"{subject} {apposed.group('rest')}"),
                reader(f"{subject} is {apposed.group('rel')} {apposed.group('object')}"),
            ]
        )
        return found or f"a claim with an appositive that cannot be read with certainty: {clause[:80]}"
    pairs = _PAIRED_HOUSES.match(text)
    if pairs:
        return _paired_houses(reader, pairs, clause)
    named = _HOUSE_NAMED.match(text)
    if named:
        # "the cat is in the green house, house 3": the claim, and where that house is
        found = _all(
            [reader(named.group("main")), reader(named.group("noun") + " is " + named.group("house"))]
        )
        return found or f"a house named twice in a way that cannot be read with certainty: {clause[:80]}"
    beside = _BESIDE_IT.match(text)
    if beside:
        return _beside_it(reader, beside, clause)
    return None


def _placement(reading: Any) -> bool:
    """True when a reading places exactly one value in one house (what "it" can refer to)."""
    return isinstance(reading, list) and len(reading) == 1 and reading[0][0] == "var"


def _beside_it(reader: Reader, match: re.Match[str], clause: str) -> Any:
    """The two placements and the relation of the second to "it": only when the first part places one
    value, so that "it" is that value (or its house: the same relation either way)."""
    first = reader(match.group("first"))
    second = reader(f"{match.group('subject')} is in {match.group('house')}")
    relation = reader(f"{match.group('subject')} is {match.group('rel')} {match.group('it')}")
    if not (_placement(first) and _placement(second) and isinstance(relation, list)):
        return f"a placement beside 'it' that cannot be read with certainty: {clause[:80]}"
    return [*first, *second, *relation]


def _paired_houses(reader: Reader, match: re.Match[str], clause: str) -> Any:
    """ "red and green are in houses 1-2 or 2-3": a in the first house of a pair and b in the second,
    for one of the pairs."""
    options: list[Any] = []
    for first, second in re.findall(r"(\d)\s*[-–]\s*(\d)", match.group("pairs")):
        a = reader(f"{match.group('a')} is in house {first}")
        b = reader(f"{match.group('b')} is in house {second}")
        if not (isinstance(a, list) and isinstance(b, list) and len(a) == len(b) == 1):
            return f"houses in pairs that cannot be read with certainty: {clause[:80]}"
        options.append(["and", a[0], b[0]])
    return [options[0] if len(options) == 1 else ["or", *options]]


def shared_subject(clause: str, reader: Reader) -> list[Any] | None:
    """ "Lou can't be in house 1 and must be left of the gray house": both parts said of the subject,
    or None (the caller keeps its own reading) when the shape or a part does not read."""
    shared = _SHARED_SUBJECT.match(clause.strip())
    if shared is None:
        return None
    subject = shared.group("subject")
    return _all([reader(f"{subject} {shared.group(g)}") for g in ("first", "second")])
