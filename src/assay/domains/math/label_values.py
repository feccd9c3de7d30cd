"""A line that gives a word problem's quantities their names: `Speed = 80 km/h, time = 3 hours.`

Models list what the prompt gives before they compute with it. Such a line says nothing new when every
value on it is one the prompt writes, with the very unit the prompt writes after it, under a name of the
kind that unit measures (a speed is per something, a time in hours, a price in dollars). Read any other
way it would hide a wrong fact: `Speed = 3 km/h` (the time's number), `Distance = 80 km` (a speed's
number, its `/h` dropped), `Time = 80 km/h` (a speed named a time), `time = 4 hours` (a number the
prompt does not write). Each pair is held to the prompt's quotes (quotes.py): the number, the words of
its unit (`km/h` is km and h, as `80 km per hour` is km and hour) against the words after the prompt's
number, and the kind the name says (label_dimensions.py) against the kind of the unit. A pair that fails,
a name of no known kind or of a value worked out or denied (`Total time`, `Not speed`), or anything else
on the line (a sign, a relation other than `=` or `:`, a word between pairs other than `and`), and the
line is no restatement: it stays unread. Pure text work.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from assay.domains.math.label_dimensions import label_kind, unit_kind
from assay.domains.math.quotes import Quote

_PAIR = (
    r"(?P<label>[A-Za-z][A-Za-z' ]{0,30}?)\s*[=:]\s*(?P<dollar>\$)?\s*(?P<n>\d+(?:\.\d+)?)"
    r"(?:\s*(?P<unit>[A-Za-z]+(?:\s*/\s*[A-Za-z]+|\s+per\s+[A-Za-z]+)?))?"
)
_PAIR_AT = re.compile(r"\s*(?:,|;|\band\b)?\s*" + _PAIR + r"(?=\s*(?:,|;|\band\b|\.?\s*$))")
_LINE = re.compile(r"^[\s*\-•]*(?P<body>.*?)[\s.*]*$")
# the same unit, written short or long
_SAME = {
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "s": "second",
    "sec": "second",
}
# a speed's unit in one word: `mph` is miles and hours, as `60 miles per hour` is
_COMPOUND = {"mph": ("mile", "hour"), "kph": ("km", "hour"), "kmh": ("km", "hour")}
# a step's number: `Step 1:`, `1.`, `(2)`
_STEP_LABEL = re.compile(r"^\s*(?:step\s*\d+\s*[:.)]?|\(?\d+[.)])\s*", re.I)
# words that introduce the pairs (`Given:`, `Identify the speed and time:`), unless they deny or suppose them
_LEAD = re.compile(r"([A-Za-z][A-Za-z' ]{0,40}):\s+(?=" + _PAIR + ")")
_NOT_A_LEAD = frozenset("not no never wrong incorrect false if suppose assume instead".split())  # noqa: SIM905
MAX_PAIRS = 8
MAX_LABEL_WORDS = 4
# words that make a name one of a value worked out from the prompt's, or deny it
_NOT_GIVEN = frozenset(
    "not no never non total remaining left new final combined average extra difference sum change after "  # noqa: SIM905
    "before more less than twice double half triple increased decreased reduced overall whole".split()
)


def restates_labels(text: str, quotes: Collection[Quote]) -> bool:
    """Whether text is only names given values the prompt writes, each in its unit (see the module)."""
    body = _LINE.match(text.replace("**", " "))
    if body is None or not quotes:
        return False
    line = _STEP_LABEL.sub("", body.group("body"), count=1)
    lead = _LEAD.match(line)
    if lead is not None and not set(lead.group(1).lower().split()) & _NOT_A_LEAD:
        line = line[lead.end() :]  # `Identify the speed and time: speed = 60 mph, time = 2.5 hours.`
    at, pairs = 0, 0
    while at < len(line):
        found = _PAIR_AT.match(line, at)
        if found is None or pairs == MAX_PAIRS or not _holds(found, quotes):
            return False
        at, pairs = found.end(), pairs + 1
    return pairs > 0


def _holds(pair: re.Match[str], quotes: Collection[Quote]) -> bool:
    value = Fraction(pair.group("n"))
    unit = (pair.group("unit") or "").lower()
    label = pair.group("label").lower().split()
    if len(label) > MAX_LABEL_WORDS or set(label) & _NOT_GIVEN:
        return False  # `Total time = 3 hours`, `Not speed = 80 km/h`: a value worked out, or denied
    kind, _ = label_kind(" ".join(label))
    if pair.group("dollar"):
        if unit or kind != "money":
            return False
        return any(q.value == value and q.money == "dollar" for q in quotes)
    words = _unit_words(unit)
    if not words or not kind or kind != _kind(words):
        return False
    return any(q.value == value and not q.money and _unit_words(" ".join(q.rest)) == words for q in quotes)


def _unit_words(unit: str) -> list[str]:
    """The words of a unit, in order of first use, each as `_word` writes it (`mph`: mile, hour)."""
    words: list[str] = []
    for part in re.split(r"\s*/\s*|\s+per\s+|\s+", unit):
        for word in _COMPOUND.get(part.lower(), (part,)) if part else ():
            if _word(word) not in words:
                words.append(_word(word))
    return sorted(words)


def _kind(words: list[str]) -> str:
    """The kind a unit measures: per something is a rate, else its one word's kind."""
    if len(words) > 1:
        return "rate"
    return unit_kind(words[0])


def _word(word: str) -> str:
    word = word.lower()
    if word in _SAME:
        return _SAME[word]
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


__all__ = ["restates_labels"]
