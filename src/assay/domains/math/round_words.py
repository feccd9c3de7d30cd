"""A word problem's division rounded to a whole number in words: `130 ÷ 40 = 3.25`, then "Since a bus
cannot be split, we round up to 4 buses."

Such a line claims that the whole number is the rounding of the value the line before computed, up (the
buses needed) or down (the pens that can be bought). It is checked: the value must be the last one the
steps computed and not whole, the line must say which way it rounds, name no other number, and the whole
number must be that rounding (checked exactly). A true rounding is a value the steps computed, from what
the rounded value used; a false one is refuted. Which way the problem calls for is the answer's to bear
(the reference), as with every operation a word problem's words call for. Pure; safe in any process.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from assay.domains.math.vocabulary import NUMBER_WORDS

_ROUNDING = re.compile(
    r"\bround(?:s|ed|ing)?\s+(?:it\s+|this\s+|that\s+)?(?P<way>up|down)\s*(?:to|,|gives|we\s+get|:)?\s*"
    r"(?P<value>\d{1,12})(?![\d.,/]\d)",
    re.I,
)
_NUMBER = re.compile(r"\d+")
# the clause that rounds starts after the last of these before it (`Since a bus cannot be split, we round
# up ...`: the reason's negation is not the rounding's)
_CLAUSE_START = re.compile(r"[,;:.!?]\s|\b(?:since|because|as)\b", re.I)
# a negation, a hedge, a question or an alternative in the rounding's own clause
_NOT_SAID = re.compile(
    r"n't\b|n['’]t\b|\b(?:not|never|no|cannot|maybe|perhaps|probably|possibly|might|could|would|if|unless"
    r"|suppose|guess|or|either|instead|rather|i\.e|e\.g|wrong|incorrect|mistake)\b|\?",
    re.I,
)


# the same said by what must be bought or can be made (`Since he can't buy half a pack, he must buy 13
# packs.`, `She can fill 7 boxes.`): up for what is needed, down for what can be done; such a line is read
# only when its number is that rounding, never refuted (the words may mean something else)
_WHOLE_NEEDED = re.compile(
    r"\b(?:must|need(?:s|ed)?\s+to|ha(?:s|ve|d)\s+to|will\s+need(?:\s+to)?|should)\s+"
    r"(?:buy|get|rent|order|use|take|bring|hire|book|make|purchase)\s+(?P<value>\d{1,12})(?![\d.,/]\d)",
    re.I,
)
_WHOLE_POSSIBLE = re.compile(
    r"\b(?:can|could)\s+(?:only\s+)?(?:buy|afford|fill|make|pack|complete|get|purchase)\s+(?:only\s+)?"
    r"(?P<value>\d{1,12})(?![\d.,/]\d)",
    re.I,
)


def rounded(line: str, last: Fraction | None) -> tuple[Fraction, str] | None:
    """(the whole number, the claim said) when line rounds last up or down to a whole number in words, or
    None when it does not (see the module). Raises ValueError with the reason for a false rounding."""
    line = line.replace("**", "")
    found = _ROUNDING.search(line)
    if found is None:
        return _implied(line, last)
    if last is None or last.denominator == 1:
        return None
    if len(_NUMBER.findall(line)) != 1:
        return None  # another number in the line says something else
    if any(word.lower() in NUMBER_WORDS for word in re.findall(r"[A-Za-z]+", line)):
        return None  # `We round up to 4 buses, i.e. five.`: a number in words says something else too
    clause = _CLAUSE_START.split(line[: found.start()])[-1] + line[found.end() :]
    if _NOT_SAID.search(clause) is not None:
        return None  # `We don't round up to 4 buses.`, `Maybe round up to 4?`: the rounding is not claimed
    whole = Fraction(int(found.group("value")))
    way = found.group("way").lower()
    expected = math.ceil(last) if way == "up" else math.floor(last)
    said = f"rounds {_show(last)} {way} to {int(whole)}"
    if whole != expected:
        raise ValueError(f"{said}, but {_show(last)} rounded {way} is {expected}")
    return whole, said


def _implied(line: str, last: Fraction | None) -> tuple[Fraction, str] | None:
    """A rounding said by what must be bought (up) or can be made (down), when its number is that rounding."""
    if last is None or last.denominator == 1 or len(_NUMBER.findall(line)) != 1:
        return None
    if any(word.lower() in NUMBER_WORDS for word in re.findall(r"[A-Za-z]+", line)):
        return None
    for pattern, way in ((_WHOLE_NEEDED, "up"), (_WHOLE_POSSIBLE, "down")):
        found = pattern.search(line)
        if found is None:
            continue
        clause = _CLAUSE_START.split(line[: found.start()])[-1] + line[found.end() :]
        whole = Fraction(int(found.group("value")))
        if _NOT_SAID.search(clause) is not None or whole != (
            math.ceil(last) if way == "up" else math.floor(last)
        ):
            return None
        return whole, f"rounds {_show(last)} {way} to {int(whole)}"
    return None


def _show(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


__all__ = ["rounded"]
