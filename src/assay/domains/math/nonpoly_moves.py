"""A step out of an equation that is no polynomial (`sqrt(x + 7) = 4`, `12/x = 3`, `2^x = 8`, `|2x - 6| = 0`)
must be a move a solver makes there, not any equation with the same root.

`sqrt(x + 7) = 4` then `x - 7 = 2` keeps the root 9, yet nothing one does to the square root gives it:
squaring gives `x + 7 = 16`. So when the equation before is one function of the unknown set equal to what
the move can take across (`sqrt(E) = T`, `E^(1/n) = T`, `|E| = T`, `N/D = T` with the unknown in D,
`b^E = T` for a number b, either way round), the polynomial equation a step states must follow, by one
operation on both sides (operations.py), from what undoing that function gives: `E = T^2` (square both
sides), `E = T^n`, `E = T` or `E = -T` (the cases of an absolute value), `N = T·D` (clear the
denominator), `E = k` when T is b^k, or `E = F` when T is b^F (equate the exponents). Landing on the
solution (`x = 9`) is always a move. A step to another equation that is no polynomial (`sqrt(x + 7) = 4`
then `sqrt(2x - 2) = 4`, the same root) must rewrite its sides (`2^(x + 1) = 2^4`), square or cube both
as written, or be one operation on both sides (`12/x = 3` then `4/x = 1`, `2|x - 1| = 6` then
`|x - 1| = 3`); anything else is unknown. A shape not listed, the cases of an absolute value at once
(`x - 3 = ±2`) or anything beyond the exact arithmetic is left to the solution-set check. Runs inside a
verification worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from assay.domains.math.decide import Unknown, identity, show
from assay.domains.math.exact import Unsupported, evaluate, power
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, Var, has_plus_minus, variables
from assay.domains.math.named_ops import check_named, constant, nonlinear
from assay.domains.math.operations import one_operation, polynomial, shown_operation
from assay.domains.math.restatement import ratio
from assay.errors import LimitExceeded

Pair = tuple[Expr, Expr]

MAX_EXPONENT = 64  # `b^E = T` is undone only when T is b^k for a whole |k| up to this


def nonpolynomial_move(
    before: Pair, after: Pair, var: str, named: tuple[str, Expr] | None = None
) -> str | None:
    """Why `after` is no move out of the non-polynomial equation `before` (see the module), or out of a
    polynomial one into one that is no polynomial, or None. `named`: the operation the line names."""
    if all(polynomial(side, var) is not None for side in before):
        return _out_of_polynomial(before, after, var, named)  # operations.py judges the rest
    shows, wrong = shown_operation(before, after)
    if shows:
        return wrong  # `x - 1 = 16/4` from `2^(x - 1) = 16` shows dividing by 4, which does not make x - 1
    if _solved(after, var):
        return None
    if any(has_plus_minus(side) for side in after):
        return None  # `x - 3 = ±2` from `|x - 3| = 2`: the cases at once, for the solution-set check
    if any(polynomial(side, var) is None for side in after):
        return _to_nonpolynomial(before, after)
    undone = list(_undone(before, var))
    if not undone:
        return None
    if any(one_operation(pair, after, var) is None for pair in undone):
        return None
    return (
        f"{show(after[0])} = {show(after[1])} is no move out of {show(before[0])} = {show(before[1])}"
        f" (undoing it gives {show(undone[0][0])} = {show(undone[0][1])})"
    )


def _out_of_polynomial(before: Pair, after: Pair, var: str, named: tuple[str, Expr] | None) -> str | None:
    """`2x + 5 = 13` then `2^x = 16`, `sqrt(x) = 2`, `1/x = 1/4` or `|x - 4| = 0`: the same root, and no move
    out of a polynomial equation gives a function of the unknown, but taking the root of both sides of a
    square (`x^2 = 9` then `|x| = 3`) or the operation the line names, done exactly (named_ops.py)."""
    if all(polynomial(side, var) is not None for side in after) or any(map(has_plus_minus, after)):
        return None
    if named is not None and nonlinear(named) and check_named(named, [before], after) is None:
        return None
    for side, other in (after, after[::-1]):
        if isinstance(side, Call) and side.name == "abs" and not variables(other):
            square = (Bin("^", side.arg, Num(Fraction(2))), Bin("^", other, Num(Fraction(2))))
            if any(
                _rewrites(a, b) and _rewrites(c, d)
                for (a, c), (b, d) in [(before, square), (before[::-1], square)]
            ):
                return None
    return (
        f"{show(after[0])} = {show(after[1])} is no polynomial, and no move out of {show(before[0])} ="
        f" {show(before[1])} gives it"
    )


def _to_nonpolynomial(before: Pair, after: Pair) -> str | None:
    """A step to another equation that is no polynomial (`sqrt(x + 7) = 4` then `sqrt(2x - 2) = 4`, which
    keeps the root 9) must rewrite the sides (`2^(x + 1) = 2^4` for `= 16`) or be one operation on both
    sides (`12/x = 3` then `4/x = 1`); anything else is no move. None when it is one, else why not."""
    atoms: dict[Expr, Expr] = {}
    frozen = (_frozen(before[0], atoms), _frozen(before[1], atoms))
    for left, right in (after, after[::-1]):
        if _rewrites(before[0], left) and _rewrites(before[1], right):
            return None
        if any(
            _rewrites(Bin("^", before[0], Num(Fraction(k))), left)
            and _rewrites(Bin("^", before[1], Num(Fraction(k))), right)
            for k in (2, 3)
        ):
            return None  # both sides squared or cubed, as written: `(sqrt(x + 7))^2 = 4^2`
        left, right = _frozen(left, atoms), _frozen(right, atoms)
        try:
            factor = ratio(Bin("-", left, right), Bin("-", *frozen))
            if factor is not None and factor != 0:
                shift_left = constant(Bin("-", left, Bin("*", Num(factor), frozen[0])))
                shift_right = constant(Bin("-", right, Bin("*", Num(factor), frozen[1])))
                if shift_left is not None and shift_left == shift_right:
                    return None
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            pass  # beyond the exact rational functions: no operation confirmed
    return (
        f"{show(after[0])} = {show(after[1])} is neither {show(before[0])} = {show(before[1])} rewritten nor"
        " one operation on both sides of it"
    )


def _frozen(expr: Expr, atoms: dict[Expr, Expr]) -> Expr:
    """expr with each root, absolute value, function or power with the unknown in its exponent written as a
    name of its own (the same piece, the same name), so that `2|x - 1| = 6` to `|x - 1| = 3` is read as
    halving both sides of `2a = 6`."""
    if isinstance(expr, Call) or (
        isinstance(expr, Bin)
        and expr.op == "^"
        and (variables(expr.right) or not isinstance(expr.right, Num))
    ):
        if not variables(expr):
            return expr
        return atoms.setdefault(expr, Var(f"_piece{len(atoms)}"))
    if isinstance(expr, Bin):
        return Bin(expr.op, _frozen(expr.left, atoms), _frozen(expr.right, atoms))
    if isinstance(expr, Neg):
        return Neg(_frozen(expr.arg, atoms))
    return expr


def _rewrites(a: Expr, b: Expr) -> bool:
    if a == b:
        return True
    if has_plus_minus(a) or has_plus_minus(b):
        return False  # ± is not for the symbolic path
    try:
        return identity(a, b)
    except (Unknown, Unsupported, LimitExceeded, ZeroDivisionError):
        return False


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
