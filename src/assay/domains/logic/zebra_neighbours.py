"""Zebra clauses that name a house by its place beside another, read by the clause reader (`zebra_read`):

- a neighbour on one side: "the Dane's neighbour on the right owns the dog", "the Swede's left-hand
  neighbour keeps a dog", "the house to the left of the Brit's is yellow";
- a house some houses away: "the house two to the left of the Swede is yellow", "the dog lives two
  doors to the right of the Dane".

Each is "y is k houses to the left (or right) of x": one of the pairs (y in h, x in h + k), every part
a single placement read by the clause reader. A neighbour without a side ("the Dane's neighbour owns the
dog") is not read: the Dane has two. A negated or hedged tail ("is not yellow", "owns the dog or the
cat") does not read as one placement, and the clause stays unread. `read` returns None when no shape
matches, the formulas when one matches and every part reads, or a reason when a part does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Reader = Callable[[str], Any]  # zebra_read.read_clause for the puzzle

_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_SIDE = r"(?P<side>left|right)"
_OWNER = r"(?:the\s+)?(?P<x>[A-Za-z][\w\s-]*?)(?:'s|’s)"
# what the house beside holds: "owns the dog", "is yellow", "keeps a dog", "is the Brit's"
_TAIL = (
    r"(?P<verb>is|has|owns|keeps|drinks|likes|loves|plays|prefers|enjoys|smokes|eats|holds|houses)\s+"
    r"(?P<y>.+?)[\s.!]*$"
)
_SHAPES = (
    # "the Dane's neighbour on the right owns the dog", "the Dane's immediate neighbour to the left is red"
    re.compile(
        rf"^{_OWNER}\s+(?:(?:immediate|next[\s-]door)\s+)?neighbou?r\s+(?:on|to)\s+(?:the|his|her|their|its)\s+"
        rf"{_SIDE}(?:[\s-]hand\s+side)?\s*,?\s+{_TAIL}",
        re.I,
    ),
    # "the Swede's left-hand neighbour keeps a dog", "the Brit's right neighbour is yellow"
    re.compile(rf"^{_OWNER}\s+{_SIDE}(?:[\s-]hand)?\s+neighbou?r\s+{_TAIL}", re.I),
    # "the house (immediately) to the left of the Brit's is yellow", "the house two to the left of the
    # Swede is yellow", "the first house to the right of the fish is white"
    re.compile(
        r"^the\s+(?:(?P<first>first|next)\s+)?(?:house|home|neighbou?r|one)\s+"
        r"(?:(?P<k>one|two|three|four|[1-4])\s+(?:houses?\s+|doors?\s+)?|(?:immediately|directly|just)\s+)?"
        rf"(?:on|to)\s+the\s+{_SIDE}\s+of\s+(?:the\s+)?(?P<x>[A-Za-z][\w\s-]*?)(?:'s|’s)?(?:\s+house)?\s*,?\s+"
        rf"{_TAIL}",
        re.I,
    ),
)
# "the dog lives two doors to the right of the Dane": the subject first, the distance counted
_DISTANCE = re.compile(
    r"^(?P<y>(?:the\s+)?[A-Za-z][\w\s-]*?)\s+(?:is|lives|sits|stands)\s+(?P<k>one|two|three|four|[1-4])\s+"
    rf"(?:houses?|doors?)\s+(?:to\s+the\s+)?{_SIDE}\s+of\s+(?P<x>(?:the\s+)?[A-Za-z][\w\s-]*?)[\s.!]*$",
    re.I,
)
# "the Swede is in the house after the Dane", "... in the house right before the red one": the next house
# (a row counts from its left end); a bare "after the Dane", which may mean any house further on, is not read
_NEXT_HOUSE = re.compile(
    r"^(?P<y>(?:the\s+)?[A-Za-z][\w\s-]*?)\s+(?:is|lives|sits|stands)\s+in\s+the\s+(?:house|home|one)\s+"
    r"(?:(?:right|immediately|directly|just)\s+)?(?P<order>after|before)\s+"
    r"(?P<x>(?:the\s+)?[A-Za-z][\w\s-]*?)(?:'s|’s)?(?:\s+(?:house|home|one))?[\s.!]*$",
    re.I,
)
_SUBJECT = r"(?P<x>(?:the\s+)?[A-Za-z][\w\s-]*?)"
_BE = r"(?:is|lives|sits|stands|must\s+be|has\s+to\s+be|can\s+only\s+be)"
# "the cat is in house 2 or house 3": one of the two
_EITHER_HOUSE = re.compile(
    rf"^{_SUBJECT}\s+{_BE}\s+(?:in\s+)?(?:either\s+)?house\s*(?P<a>\d)\s+or\s+(?:in\s+)?(?:house\s*)?(?P<b>\d)[\s.!]*$",
    re.I,
)
# "the bird is between the dog and the cat": somewhere between them, on either side
_BETWEEN = re.compile(
    rf"^{_SUBJECT}\s+{_BE}\s+(?:somewhere\s+)?between\s+(?P<y>(?:the\s+)?[A-Za-z][\w\s-]*?)\s+and\s+"
    r"(?P<z>(?:the\s+)?[A-Za-z][\w\s-]*?)[\s.!]*$",
    re.I,
)
# "the Brit is at one end of the row": the first house or the last
_AT_END = re.compile(
    rf"^{_SUBJECT}\s+{_BE}\s+(?:at|in)\s+(?:one|either|an)\s+end(?:\s+of\s+the\s+(?:row|street|line))?[\s.!]*$",
    re.I,
)
# "the Dane and the Brit are neighbours", "... live next to each other"
_NEIGHBOURS = re.compile(
    r"^(?P<x>(?:the\s+)?[A-Za-z][\w\s-]*?)\s+and\s+(?P<y>(?:the\s+)?[A-Za-z][\w\s-]*?)\s+"
    r"(?:are|live)\s+(?:(?:next[\s-]door\s+)?neighbou?rs|next\s+to\s+each\s+other|adjacent|side\s+by\s+side)[\s.!]*$",
    re.I,
)
_HEDGE = re.compile(r"\b(?:not|n't|never|no|or|nor|either|neither|maybe|perhaps|might|could)\b", re.I)


def read(clause: str, reader: Reader, n: int) -> Any:
    text = clause.strip()
    for shape in _SHAPES:
        m = shape.match(text)
        if m:
            groups = m.groupdict()
            k = _COUNT[groups["k"].lower()] if groups.get("k") else 1
            y = m.group("y")
            if m.group("verb").lower() == "is" and re.match(r"(?:the\s+)?[\w-]+(?:'s|’s)$", y, re.I):
                y = re.sub(r"(?:'s|’s)$", "", y)  # "the house to the left of the Brit's is the Dane's"
            return _away(reader, n, y, m.group("x"), m.group("side").lower(), k, clause)
    m = _DISTANCE.match(text)
    if m:
        k = _COUNT[m.group("k").lower()]
        return _away(reader, n, m.group("y"), m.group("x"), m.group("side").lower(), k, clause)
    m = _NEXT_HOUSE.match(text)
    if m:
        side = "right" if m.group("order").lower() == "after" else "left"
        return _away(reader, n, m.group("y"), _named(m.group("x")), side, 1, clause)
    return _placed(text, reader, n, clause)


def _named(phrase: str) -> str:
    """ "the red one" or "the red house" as the value it names ("the red"): the house is the value's."""
    return re.sub(r"\s+(?:one|house|home)$", "", phrase.strip(), flags=re.I)


def _placed(text: str, reader: Reader, n: int, clause: str) -> Any:
    """A value in one of some houses, between two others, at an end, or beside another: one of the
    placements that make it so, each part read as a single placement."""
    houses = range(1, n + 1)
    m = _EITHER_HOUSE.match(text)
    if m:
        spots = sorted({int(m.group("a")), int(m.group("b"))})
        if any(not 1 <= h <= n for h in spots):
            return f"a house outside 1-{n}: {clause[:80]}"
        return _options(reader, [[(m.group("x"), h)] for h in spots], clause)
    m = _AT_END.match(text)
    if m:
        return _options(reader, [[(m.group("x"), h)] for h in sorted({1, n})], clause)
    m = _BETWEEN.match(text)
    if m:
        return _options(
            reader,
            [
                [(m.group("y"), a), (m.group("x"), b), (m.group("z"), c)]
                for a in houses
                for b in houses
                for c in houses
                if a < b < c or c < b < a
            ],
            clause,
        )
    m = _NEIGHBOURS.match(text)
    if m:
        pairs = [[(m.group("x"), a), (m.group("y"), b)] for a in houses for b in houses if abs(a - b) == 1]
        return _options(reader, pairs, clause)
    return None


def _options(reader: Reader, options: list[list[tuple[str, int]]], clause: str) -> Any:
    """One of the options, each a conjunction of placements ("the dog in house 1 and the cat in house 3")."""
    found: list[Any] = []
    for option in options:
        parts = []
        for phrase, house in option:
            if _HEDGE.search(phrase):
                return f"a placement with a hedge or a negation that is not read: {clause[:80]}"
            named = re.sub(r"^(?:a|an)\s+", "the ", phrase.strip(), flags=re.I)
            at = reader(f"{named} is in house {house}")
            if not _placement(at):
                return f"a placement that cannot be read with certainty: {clause[:80]}"
            parts.append(at[0])
        found.append(parts[0] if len(parts) == 1 else ["and", *parts])
    if not found:
        return [["false"]]
    return [found[0] if len(found) == 1 else ["or", *found]]


def _away(reader: Reader, n: int, y: str, x: str, side: str, k: int, clause: str) -> Any:
    """y is k houses to the side of x: one of the pairs (y in h, x in h -/+ k)."""
    if _HEDGE.search(y) or _HEDGE.search(x):
        return f"a neighbour's house with a hedge or a negation that is not read: {clause[:80]}"
    y = re.sub(r"^(?:a|an)\s+", "the ", y.strip(), flags=re.I)  # "keeps a dog"
    step = k if side == "left" else -k  # y left of x: x is k houses further right
    options: list[Any] = []
    for h in range(1, n + 1):
        if not 1 <= h + step <= n:
            continue
        at_y = reader(f"{y} is in house {h}")
        at_x = reader(f"{x} is in house {h + step}")
        if not (_placement(at_y) and _placement(at_x)):
            return f"a neighbour's house that cannot be read with certainty: {clause[:80]}"
        options.append(["and", at_y[0], at_x[0]])
    if not options:
        return [["false"]]
    return [options[0] if len(options) == 1 else ["or", *options]]


def _placement(reading: Any) -> bool:
    return isinstance(reading, list) and len(reading) == 1 and reading[0][0] == "var"
