"""A prompt that asks for its answer rounded (`to two decimal places`, `to the nearest hundredth`), and the
line that rounds the exact solution as asked (`x = 2/3`, then `x = 0.67`).

Read as an equation, `x = 0.67` after `x = 2/3` changes the solution, and the step would be refuted though
it does what the problem asks. When the prompt asks for N places and the step's one value is written with
at most N places and is the rounding of the one solution the work has (rejected roots aside: steps.py),
the step is that rounding (checked exactly: approximations.rounds_to). The work's equation stays the exact
one, so a later line is still held to the exact solution. Any other shape of request (significant
figures, `nearest whole number`, `round up`) is not read. Pure; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction

from assay.domains.math.approximations import rounds_to
from assay.domains.math.exact import Number

_WORD_PLACES = {"one": 1, "two": 2, "three": 3, "four": 4, "a": 1, "1": 1, "2": 2, "3": 3, "4": 4}
_PLACES = {"tenth": 1, "hundredth": 2, "thousandth": 3}
_REQUEST = re.compile(
    r"\b(?:to|rounded\s+to|round(?:ing)?\s+(?:it\s+|your\s+answer\s+)?to)\s+(?:the\s+)?"
    r"(?:(?P<count>one|two|three|four|a|[1-4])\s+(?:decimal\s+places?|d\.\s?p\.?|dp)\b"
    r"|nearest\s+(?P<unit>tenth|hundredth|thousandth)\b)",
    re.I,
)


def asked_places(prompt: str) -> int | None:
    """The decimal places the prompt asks the answer to be rounded to; None if it asks none, or two."""
    asked = {
        _WORD_PLACES[m.group("count").lower()] if m.group("count") else _PLACES[m.group("unit").lower()]
        for m in _REQUEST.finditer(prompt)
    }
    return asked.pop() if len(asked) == 1 else None


def rounds_solution(
    places: int | None, before: Iterable[Number], after: frozenset[Number], rejected: Iterable[Number]
) -> str | None:
    """Why the step from the solutions `before` to the one value `after` is the rounding asked, or None."""
    if places is None or len(after) != 1:
        return None
    (written,) = after
    if not isinstance(written, Fraction) or (written * 10**places).denominator != 1:
        return None
    kept = set(before) - set(rejected)
    if len(kept) != 1:
        return None
    (exact,) = kept
    if exact == written or not rounds_to(exact, written, places):
        return None
    return f"rounds the solution to {places} decimal place{'s' if places > 1 else ''}, as the problem asks"


__all__ = ["asked_places", "rounds_solution"]
