"""A decimal approximation after an exact value (`= 7/12 ≈ 0.583`, `x = ±√2 ≈ ±1.414`).

The tail is a second claim about the value before it: that the value rounds to the decimal written, to
as many places as it shows. When it does, the tail says nothing more and is taken off, so the exact claim
before it is read and checked as usual; when it does not (a wrong digit, a truncation, a value that is not
a number alone), the line is left as it is, and the reader finds it unreadable (`≈` is a relation the
checker does not decide). Exact arithmetic only (exact.py): rationals and one square root.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from assay.domains.math.exact import Surd, Unsupported, evaluate
from assay.domains.math.expr import variables
from assay.domains.math.grammar import parse_chain
from assay.errors import LimitExceeded, MathParseError

# `≈ 0.583` closing the line or one of its values (before `or`, `and`, a comma, a full stop, a closing `$`)
_TAIL = re.compile(
    r"\s*(?:≈|\\approx\b)\s*(?P<pm>±|\\pm\b)?\s*(?P<decimal>[-−]?\d+\.\d+)"
    r"(?=[\s.,;$]*$|\s*(?:[,;]|\bor\b|\band\b))"
)
_SIDE = re.compile(r"=\s*\$*\s*(?P<pm>±|\\pm\b)?(?P<side>[^=]+?)\s*\$*\s*$")
_PLACES_MAX = 12  # digits after the point a tail may show: more is no rounding a line would write


def without_checked_approximation(body: str) -> str:
    """body without each `≈ d` after a value that is that value rounded to d's places; others stay."""
    if "≈" not in body and "approx" not in body:
        return body
    for tail in reversed(list(_TAIL.finditer(body))):
        if _rounded(body[: tail.start()], tail):
            body = body[: tail.start()] + body[tail.end() :]
    return body


def _rounded(before: str, tail: re.Match[str]) -> bool:
    side = _SIDE.search(before)
    if side is None or (side.group("pm") is None) != (tail.group("pm") is None):
        return False
    decimal = tail.group("decimal").replace("−", "-")
    places = len(decimal.split(".")[1])
    if places > _PLACES_MAX:
        return False
    try:
        chain = parse_chain(side.group("side"))
        if len(chain) != 1 or variables(chain[0]):
            return False
        value = evaluate(chain[0])
    except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError):
        return False
    return rounds_to(value, Fraction(decimal), places)


def rounds_to(value: object, decimal: Fraction, places: int) -> bool:
    """value (a Fraction or a Surd) is within half a unit of the last place of decimal."""
    return within(value, decimal, Fraction(1, 2 * 10**places))


def within(value: object, decimal: Fraction, tolerance: Fraction) -> bool:
    """value (a Fraction or a Surd) is within tolerance of decimal (a Surd's root bounded far finer)."""
    if isinstance(value, int | Fraction):
        return abs(Fraction(value) - decimal) <= tolerance
    if not isinstance(value, Surd):
        return False
    # a + b·√d, with √d bounded between two decimals far finer than the tolerance
    precision = 10 ** (len(str(tolerance.denominator)) + 12)
    root = Fraction(math.isqrt(value.d * precision * precision), precision)
    bounds = [value.a + value.b * root, value.a + value.b * (root + Fraction(1, precision))]
    return all(abs(bound - decimal) <= tolerance for bound in bounds)
