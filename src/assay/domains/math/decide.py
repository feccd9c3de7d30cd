"""Single claims, decided exactly or not at all: arithmetic, identities, sets of values.

`identity(a, b)` is proved by exact polynomial arithmetic (mpoly.py), or by SymPy when that cannot
represent the claim; it is never decided at sample points, which an expression can be built to vanish
at. A claim neither can decide raises `Unknown`; a false one raises `Refuted`. Runs inside a
verification worker.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.approximations import within
from assay.domains.math.exact import Number, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import Expr, Neg, Num, has_plus_minus, pretty, to_text, variables
from assay.errors import LimitExceeded

# fresh points for witnesses of "not an identity" (never a fixed, public list: see identity())
_DRAW = random.Random()


class Refuted(Exception):
    """The claim is false (internal signal: the step checker turns it into a refuted step)."""


class Unknown(Exception):
    """The claim cannot be decided (internal signal: an unknown step)."""


def show(expr: Expr) -> str:
    """A short readable rendering for evidence."""
    text = pretty(expr)
    return text if len(text) < 60 else text[:57] + "..."


def exact_value(expr: Expr, env: Mapping[str, Number] | None = None) -> Number | None:
    """Exact value, or None when the exact path cannot represent it."""
    try:
        return evaluate(expr, env)
    except Unsupported:
        return None


def value_set(expr: Expr, env: Mapping[str, Number] | None = None) -> set[Number]:
    """The values of expr (two for each ±); raises Unknown beyond the exact path."""
    out: set[Number] = set()
    for option in expand_plus_minus(expr):
        value = exact_value(option, env)
        if value is None:
            raise Unknown(f"could not evaluate {show(expr)} exactly")
        out.add(value)
    return out


def identity(a: Expr, b: Expr) -> bool:
    """Whether a = b for every value of the variables (for variable-free sides: whether they are equal).

    Proved by exact rational-function arithmetic; beyond it (a root of a variable, two different square
    roots, pi together with e), SymPy must prove it. Past a size bound, LimitExceeded propagates and the
    step is unknown. Never decided at sample points.
    """
    if to_text(a) == to_text(b):
        return True  # the same expression twice, whatever its size
    if _differ_somewhere(a, b):
        return False
    try:
        return mpoly.identity(a, b)
    except Unsupported:
        pass
    from assay.domains.math import symbolic

    verdict = symbolic.identity(a, b)
    if verdict is None:
        raise Unknown(f"could not decide whether {show(a)} = {show(b)} holds")
    return verdict


WITNESS_DRAWS = 4  # points drawn for a witness that two sides differ; undefined ones are skipped


def _differ_somewhere(a: Expr, b: Expr) -> bool:
    """A cheap witness that a = b is not an identity: one point, drawn now, where both sides are defined
    and differ. Most pairs a step checker asks about are equations, not identities, and this settles
    them without expanding anything. It only ever says "not an identity" (a proof); equal values there
    prove nothing, and the exact proof follows."""
    names = sorted(variables(a) | variables(b))
    if not names:
        return False
    for _ in range(WITNESS_DRAWS):
        # a point where a side is undefined (`sqrt(x + 7)` at x = -100) says nothing: another is drawn
        env: dict[str, Number] = {
            n: Fraction(_DRAW.randint(-(10**6), 10**6), _DRAW.randint(1, 999)) for n in names
        }
        try:
            return evaluate(a, env) != evaluate(b, env)
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            continue
    return False


def same_value(a: Expr, b: Expr) -> bool:
    """Whether two variable-free expressions are equal (exact, then as an identity)."""
    va, vb = exact_value(a), exact_value(b)
    if va is not None and vb is not None:
        return va == vb
    return identity(a, b)


def arith(a: Expr, b: Expr) -> None:
    """`a = b` for variable-free a and b must be true. A decimal that is a's value cut to its places
    (`200 / 45 = 4.44`, `= 4.45`) is an approximation written with `=`: neither true nor a slip, unknown."""
    if not same_value(a, b):
        va = exact_value(a)
        if va is not None and _decimal_literal(b) and approximated(va, exact_value(b)):
            raise Unknown(
                f"{show(a)} = {show(b)} writes an approximation with `=` (it is {format_number(va)})"
            )
        shown = f" (it is {format_number(va)})" if va is not None else ""
        raise Refuted(f"{show(a)} = {show(b)} is false{shown}")


MAX_PLACES = 6  # decimal places of a value written as an approximation


def _decimal_literal(expr: Expr) -> bool:
    """Whether expr is a number written with a decimal point (`4.44`, `-0.6`): the grammar reads a
    fraction (`9/15`) as a division, so a literal with a denominator came with a point."""
    inner = expr.arg if isinstance(expr, Neg) else expr
    return isinstance(inner, Num) and inner.value.denominator != 1


def approximated(exact: Number, written: object) -> bool:
    """Whether written is a decimal with 1 to MAX_PLACES places that exact (a rational or a surd), which
    has more places than it shows, rounds or truncates to (within one unit of its last place)."""
    if not isinstance(written, Fraction) or written.denominator == 1:
        return False
    places = next((k for k in range(1, MAX_PLACES + 1) if (written * 10**k).denominator == 1), None)
    if places is None or (isinstance(exact, Fraction) and (exact * 10**places).denominator == 1):
        return False  # not a short decimal, or the exact value has no more places than it shows
    return within(exact, written, Fraction(1, 10**places))


def same_values(a: Expr, b: Expr) -> None:
    """Two variable-free expressions with ± must stand for the same set of values."""
    if value_set(a) != value_set(b):
        raise Refuted(f"{show(a)} = {show(b)} is false")


def check_arithmetic(parts: list[Expr]) -> None:
    """Every variable-free link of a chain must be true."""
    for a, b in itertools.pairwise(parts):
        if variables(a) | variables(b):
            continue
        if has_plus_minus(a) or has_plus_minus(b):
            same_values(a, b)
        else:
            arith(a, b)


def foreign(parts: list[Expr], allowed: set[str]) -> None:
    """A claim with a variable the problem does not have cannot be related to it."""
    names: set[str] = set().union(*(variables(p) for p in parts)) - allowed
    if names:
        raise Unknown(f"uses {', '.join(sorted(names))}, which the problem does not")


def cancelled_identity(parts: list[Expr]) -> None:
    """`0(2x + 5) = 0(13)`, `2x + 5 - (2x + 5) = 13 - 13`, `0x = 0`: a link whose side has a variable that
    cancels out is true for every value, so as a step it keeps nothing of the equation it was made from
    (multiplying by 0, subtracting an equation from itself), and what follows it follows from nothing. It
    cannot be told from a side computation (`2x - 2x + 9 = 9`) for sure, so it is unknown, never passed."""
    for a, b in itertools.pairwise(parts):
        sides = [side for side in (a, b) if variables(side)]
        if sides and any(_constant(side) for side in sides) and identity(a, b):
            raise Unknown(f"in {show(a)} = {show(b)} the variable cancels: it holds for every value")


def _constant(expr: Expr) -> bool:
    """Whether expr has the same rational value whatever its variables are."""
    try:
        top, bottom = mpoly.to_ratfunc(expr)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False
    return (not top or mpoly.constant_of(top) is not None) and mpoly.constant_of(bottom) is not None
