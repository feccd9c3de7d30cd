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
    """body without each `≈ d` after a value that is that value rounded to d's places (after `=`, or
    closing the text after a box or a number); others stay."""
    if "≈" not in body and "approx" not in body:
        return body
    for tail in reversed(list(_TAIL.finditer(body))):
        if _rounded(body[: tail.start()], tail):
            body = body[: tail.start()] + body[tail.end() :]
    return without_checked_answer_approximation(body)  # `The answer is 19/40 ≈ 0.48.`


# `\\boxed{19/40} ≈ 0.48`, `The answer is 19/40 ≈ 0.475.`, `Answer: 19/40 ≈ 0.48`: a decimal after a box or
# after a number that `is` or a label states, closing the text (`7/12 ≈ 0.583` alone states nothing exact)
_ANSWER_TAIL = re.compile(
    r"(?P<value>\\boxed\s*\{(?P<boxed>[^{}]{0,80}(?:\{[^{}]{0,40}\}[^{}]{0,40}){0,4})\}"
    r"|(?:(?<=\bis )|(?<=: ))(?P<number>[-−]?\d+(?:\.\d+)?(?:\s*/\s*\d+)?))"
    r"\s*(?:≈|\\approx\b)\s*(?P<decimal>[-−]?\d+\.\d+)(?=[\s.,;$]*$)"
)
_FRACTION = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


def without_checked_answer_approximation(text: str) -> str:
    """text without a `≈ d` closing it after a box or a number that rounds to d (`\\boxed{19/40} ≈ 0.48`),
    so that the box or the number alone states the answer; any other tail stays (and leaves the answer
    garbled, as before)."""
    if "≈" not in text and "approx" not in text:
        return text
    tail = _ANSWER_TAIL.search(text)
    if tail is None:
        return text
    value = tail.group("boxed") if tail.group("boxed") is not None else tail.group("number")
    value = _FRACTION.sub(r"(\1)/(\2)", value.replace("−", "-"))
    decimal = tail.group("decimal").replace("−", "-")
    places = len(decimal.split(".")[1])
    if places > _PLACES_MAX:
        return text
    try:
        chain = parse_chain(value)
        if len(chain) != 1 or variables(chain[0]):
            return text
        exact = evaluate(chain[0])
    except (MathParseError, Unsupported, LimitExceeded, ZeroDivisionError):
        return text
    if not rounds_to(exact, Fraction(decimal), places):
        return text
    return text[: tail.end("value")] + text[tail.end() :]


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
