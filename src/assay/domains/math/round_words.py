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

_ROUNDING = re.compile(
    r"\bround(?:s|ed|ing)?\s+(?:it\s+|this\s+|that\s+)?(?P<way>up|down)\s*(?:to|,|gives|we\s+get|:)?\s*"
    r"(?P<value>\d{1,12})(?![\d.,/]\d)",
    re.I,
)
_NUMBER = re.compile(r"\d+")


def rounded(line: str, last: Fraction | None) -> tuple[Fraction, str] | None:
    """(the whole number, the claim said) when line rounds last up or down to a whole number in words, or
    None when it does not (see the module). Raises ValueError with the reason for a false rounding."""
    line = line.replace("**", "")
    found = _ROUNDING.search(line)
    if found is None or last is None or last.denominator == 1:
        return None
    if len(_NUMBER.findall(line)) != 1:
        return None  # another number in the line says something else
    whole = Fraction(int(found.group("value")))
    way = found.group("way").lower()
    expected = math.ceil(last) if way == "up" else math.floor(last)
    said = f"rounds {_show(last)} {way} to {int(whole)}"
    if whole != expected:
        raise ValueError(f"{said}, but {_show(last)} rounded {way} is {expected}")
    return whole, said


def _show(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


__all__ = ["rounded"]
