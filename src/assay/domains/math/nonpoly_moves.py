"""A step out of an equation that is no polynomial (`sqrt(x + 7) = 4`, `12/x = 3`, `2^x = 8`, `|2x - 6| = 0`)
must be a move a solver makes there, not any equation with the same root.

`sqrt(x + 7) = 4` then `x - 7 = 2` keeps the root 9, yet nothing one does to the square root gives it:
squaring gives `x + 7 = 16`. So when the equation before is one function of the unknown set equal to what
the move can take across (`sqrt(E) = T`, `E^(1/n) = T`, `|E| = T`, `N/D = T` with the unknown in D,
`b^E = T` for a number b, either way round), the polynomial equation a step states must follow, by one
operation on both sides (operations.py), from what undoing that function gives: `E = T^2` (square both
sides), `E = T^n`, `E = T` or `E = -T` (the cases of an absolute value), `N = T·D` (clear the
denominator), `E = k` when T is b^k, or `E = F` when T is b^F (equate the exponents). Landing on the
solution (`x = 9`) is always a move. A shape not listed, a step to another equation that is no
polynomial, or anything beyond the exact arithmetic is left to the solution-set check, as before. Runs
inside a verification worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from assay.domains.math.decide import show
from assay.domains.math.exact import Unsupported, evaluate, power
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, Var, variables
from assay.domains.math.operations import one_operation, polynomial, shown_operation
from assay.errors import LimitExceeded

Pair = tuple[Expr, Expr]

MAX_EXPONENT = 64  # `b^E = T` is undone only when T is b^k for a whole |k| up to this


def nonpolynomial_move(before: Pair, after: Pair, var: str) -> str | None:
    """Why `after` is no move out of the non-polynomial equation `before` (see the module), or None."""
    if all(polynomial(side, var) is not None for side in before):
        return None  # operations.py judges steps of a polynomial equation
    shows, wrong = shown_operation(before, after)
    if shows:
        return wrong  # `x - 1 = 16/4` from `2^(x - 1) = 16` shows dividing by 4, which does not make x - 1
    if any(polynomial(side, var) is None for side in after) or _solved(after, var):
        return None
    undone = list(_undone(before, var))
    if not undone:
        return None
    if any(one_operation(pair, after, var) is None for pair in undone):
        return None
    return (
        f"{show(after[0])} = {show(after[1])} is no move out of {show(before[0])} = {show(before[1])}"
        f" (undoing it gives {show(undone[0][0])} = {show(undone[0][1])})"
    )


def _solved(pair: Pair, var: str) -> bool:
    return any(side == Var(var) and not variables(other) for side, other in (pair, pair[::-1]))


def _undone(before: Pair, var: str) -> Iterator[Pair]:
    """The polynomial equations that undoing the function on one side of `before` gives."""
    for side, other in (before, before[::-1]):
        if var in variables(other) and polynomial(other, var) is None:
            continue  # the unknown inside both sides: no one move undoes it
        if isinstance(side, Call) and side.name == "sqrt":
            yield side.arg, Bin("^", other, Num(Fraction(2)))
        elif isinstance(side, Call) and side.name == "abs":
            yield side.arg, other
            yield side.arg, Neg(other)
        elif isinstance(side, Bin) and side.op == "/" and var in variables(side.right):
            yield side.left, Bin("*", other, side.right)
        elif isinstance(side, Bin) and side.op == "^" and not variables(side.left):
            yield from _exponents(side.left, side.right, other)
        elif isinstance(side, Bin) and side.op == "^" and _root_index(side.right) is not None:
            # `x^(1/2) = 3` is `sqrt(x) = 3`: raise both sides to the root's index
            yield side.left, Bin("^", other, Num(Fraction(_root_index(side.right) or 1)))


def _root_index(exponent: Expr) -> int | None:
    """n when the exponent is 1/n (n a whole number from 2 to 12), else None."""
    if variables(exponent):
        return None
    try:
        value = evaluate(exponent)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    if isinstance(value, Fraction) and value.numerator == 1 and 2 <= value.denominator <= 12:
        return value.denominator
    return None


def _exponents(base: Expr, exponent: Expr, other: Expr) -> Iterator[Pair]:
    """`b^E = b^F` gives `E = F`; `b^E = T` gives `E = k` when T is exactly b^k (k whole, bounded)."""
    if isinstance(other, Bin) and other.op == "^" and other.left == base:
        yield exponent, other.right
        return
    if variables(other):
        return
    try:
        b, t = evaluate(base), evaluate(other)
        if not isinstance(b, Fraction) or not isinstance(t, Fraction) or b <= 0 or b == 1:
            return
        for k in range(-MAX_EXPONENT, MAX_EXPONENT + 1):
            if power(b, Fraction(k)) == t:
                yield exponent, Num(Fraction(k))
                return
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return


__all__ = ["nonpolynomial_move"]
