"""Zebra denials the grammar does not read, rewritten to ones it does (each part read by the clause
reader, `zebra_read.read_clause`, whole or nothing):

- "neither ... nor" over two people or things: "Neither the Dane nor the German drinks juice" is "the
  Dane does not drink juice" and "the German does not drink juice";
- "neither ... nor" over two houses: "The Spaniard is in neither house 1 nor house 2", "... is neither in
  house 1 nor in house 2" is "the Spaniard is not in house 1" and "the Spaniard is not in house 2";
- "neither ... nor" over two values after a verb: "The Dane drinks neither juice nor coffee" is "the
  Dane does not drink juice" and "the Dane does not drink coffee", "The Swede is neither the doctor nor
  the chef" is "the Swede is not the doctor" and "the Swede is not the chef";
- "does not live in": "The Dane does not live in house 2" is "the Dane is not in house 2".

What is denied is each part, never their disjunction's negation read as one of them: a part that does
not read makes the whole clause unreadable (a reason), never the other part alone. A "neither" that is
not one of these shapes whole is left to the grammar (None).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Reader = Callable[[str], Any]  # zebra_read.read_clause for the puzzle

_PEOPLE = re.compile(r"^neither\s+(?P<a>[^,]+?)\s+nor\s+(?P<rest>[^,]+?)[\s.!]*$", re.I)
_MAX_WORDS = 4  # the words of the second subject tried ("the Blue Master smoker")
_HOUSE = r"(?:house\s*#?\s*\d|the\s+[\w-]+\s+house)"
_HOUSES = re.compile(
    rf"^(?P<subject>[^,]+?)\s+(?:is|lives)\s+(?:in\s+neither\s+(?P<a>{_HOUSE})\s+nor\s+(?P<b>{_HOUSE})"
    rf"|neither\s+in\s+(?P<a2>{_HOUSE})\s+nor\s+in\s+(?P<b2>{_HOUSE}))[\s.!]*$",
    re.I,
)
_VALUES = re.compile(
    r"^(?P<subject>[^,]+?)\s+(?P<verb>[A-Za-z]+)\s+neither\s+(?P<a>[^,]+?)\s*,?\s+nor\s+(?P<b>[^,]+?)[\s.!]*$",
    re.I,
)
# a subject that already denies or hedges ("The Dane doesn't drink neither ...", "The Dane probably
# drinks neither ...") is not one person's plain denial of two values: left to the grammar
_NOT_PLAIN = re.compile(r"\b(?:not|no|never|nor|neither|either|or|n't|\w+ly)\b|n't\b", re.I)
_NOT_LIVE = re.compile(r"\b(?:does\s+not|doesn'?t)\s+live\s+in\b", re.I)


def read(clause: str, reader: Reader) -> Any:
    """The clause's formulas when it is one of the module's shapes, a reason when a part does not read,
    None when it is none of them."""
    text = clause.strip()
    if _NOT_LIVE.search(text):
        return reader(_NOT_LIVE.sub("is not in", text))
    if "neither" not in text.lower():
        return None
    houses = _HOUSES.match(text)
    if houses is not None:
        subject = houses.group("subject")
        pair = [houses.group("a") or houses.group("a2"), houses.group("b") or houses.group("b2")]
        return _both(clause, [reader(f"{subject} is not in {house}") for house in pair])
    people = _PEOPLE.match(text)
    if people is None:
        values = _VALUES.match(text)
        if values is None or _NOT_PLAIN.search(values.group("subject")):
            return None
        subject, verb = values.group("subject"), values.group("verb")
        denied = "is not" if verb.lower() in ("is", "are") else f"does not {_base(verb)}"
        return _both(clause, [reader(f"{subject} {denied} {values.group(k)}") for k in ("a", "b")])
    # where the second subject ends is not marked: the first split whose two denials both read
    words = people.group("rest").split()
    for k in range(1, min(_MAX_WORDS, len(words) - 2) + 1):
        second, verb, rest = " ".join(words[:k]), words[k], " ".join(words[k + 1 :])
        be = verb.lower() in ("is", "are") or (
            verb.lower() in ("lives", "live") and rest.lower().startswith("in ")
        )
        denied = f"is not {rest}" if be else f"does not {verb} {rest}"
        parts = [reader(f"{people.group('a')} {denied}"), reader(f"{second} {denied}")]
        if all(isinstance(part, list) and part for part in parts):
            return [formula for part in parts for formula in part]
    return f"a 'neither ... nor' whose parts cannot both be read: {clause[:80]}"


def _both(clause: str, parts: list[Any]) -> Any:
    if all(isinstance(part, list) and part for part in parts):
        return [formula for part in parts for formula in part]
    return f"a 'neither ... nor' whose parts cannot both be read: {clause[:80]}"


def _base(verb: str) -> str:
    """A verb's form after "does not": "drinks" → "drink", "has" → "have", "watches" → "watch"."""
    lower = verb.lower()
    if lower == "has":
        return "have"
    if lower.endswith("ies") and len(lower) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z)es$", lower):
        return verb[:-2]
    return verb[:-1] if lower.endswith("s") and not lower.endswith("ss") else verb
