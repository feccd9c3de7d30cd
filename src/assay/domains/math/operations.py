"""One operation on both sides: how a step of a polynomial equation may follow from the equation before.

`2x + 2 = 6` then `x + 2 = 4` has the same root, yet no one operation makes it (halving gives `x + 1 = 3`;
the line halved `2x` and `6` only and the root survived by luck). A step of a polynomial equation in one
unknown that is an affine map of both sides, `k·side + m`, must be one of what a solver does:

- scale both sides (`m = 0`: divide by 2, multiply by 3, or only tidy the sides),
- move terms across (every term of `m/k` cancels a term of a side: subtract 5, subtract 2x, then scale),
- complete a square (`k = 1`, `m` a number, a side now a perfect square),
- the operation the line names, applied exactly,
- or land on the solution itself (`x = 4`, `4 = x`), however many operations that takes.

Anything else (`x/2 + 1 = 3` then `x + 1 = 5`; `3(x + 1) = 12` then `3x + 1 = 10`, a shift that
cancels nothing) is unknown, never passed. And the arithmetic a line shows on a side must be the operation
that made the other side: `2x = 4` then `x = 4 - 2` shows subtracting 2, which does not make `x` of `2x`.
Steps that are no affine map (squaring, taking a root, clearing a denominator with the unknown) and other
equations are left to the solution-set check. Runs inside a verification worker.
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, identity, show
from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, has_plus_minus, variables
from assay.domains.math.named_ops import check_named, nonlinear
from assay.errors import LimitExceeded

Pair = tuple[Expr, Expr]
Polynomial = dict[int, Fraction]  # degree in the unknown: coefficient


def one_operation(
    before: Pair,
    after: Pair,
    var: str,
    earlier: list[Pair] | None = None,
    named: tuple[str, Expr] | None = None,
) -> str | None:
    """Why `after` is not one operation on both sides of `before` (see module), or None. A trace that goes
    back to an equation it had (`x = 9`, then the work again from `4x - 12 = 2x + 6`) may also follow from
    any of the `earlier` ones; an operation the line names (`Add 5 to both sides: 4x + 2 = 22`, named_ops.py)
    is one operation when applied exactly."""
    if named is not None and (_applies(named, before, after) or _named_power(named, before, after)):
        return None
    if any(after in (again, again[::-1]) for again in earlier or []):
        return None  # the trace goes back to an equation it had
    shows, wrong = shown_operation(before, after)
    shown_earlier = [shown_operation(again, after) for again in earlier or [] if again != before]
    if not shows:
        # `2x = 13 - 5 = 8` then `x = 13 - 9`: arithmetic written on a side of an earlier equation
        wrong = next((why for said, why in shown_earlier if said and why is not None), None)
    if wrong is not None:
        # the arithmetic shown is what was done to the equation before; only an equation it is written on,
        # with the right operations, explains it otherwise
        return None if (True, None) in shown_earlier else wrong
    why = _one_operation(before, after, var)
    for again in reversed(earlier or []):
        if why is None:
            break
        # only a polynomial equation can excuse a step (`12/x = 3` judges nothing here: nonpoly_moves.py)
        polynomial_again = all(polynomial(side, var) is not None for side in again)
        if again != before and polynomial_again and _one_operation(again, after, var) is None:
            why = None
    return why


def _one_operation(before: Pair, after: Pair, var: str) -> str | None:
    shown = shown_operation(before, after)[1]
    if shown is not None:
        return shown
    sides = [polynomial(side, var) for side in (*before, *after)]
    if any(side is None for side in sides):
        return None
    l1, r1, l2, r2 = (side for side in sides if side is not None)
    if _solved(l2, r2):
        return None
    degrees = max(_combine(l1, r1, Fraction(1)), default=0), max(_combine(l2, r2, Fraction(1)), default=0)
    if degrees[1] > degrees[0]:
        # `2x + 5 = 13` then `(x - 4)^2 = 0` or `x^3 = 64`: the same real roots, and no operation on both
        # sides raises the degree so (squaring both sides is named, and checked as named: named_ops.py)
        return (
            f"{show(after[0])} = {show(after[1])} has degree {degrees[1]}, above the {degrees[0]} of"
            f" {show(before[0])} = {show(before[1])}: the same roots, and no operation on both sides gives it"
        )
    for left, right in ((l2, r2), (r2, l2)):
        if _natural(l1, r1, left, right):
            return None
    return (
        f"{show(after[0])} = {show(after[1])} is no one operation on both sides of"
        f" {show(before[0])} = {show(before[1])}"
    )


def _named_power(named: tuple[str, Expr], before: Pair, after: Pair) -> bool:
    """A power, a root or a log named (`Square both sides`) and taken exactly (named_ops.py)."""
    return nonlinear(named) and check_named(named, [before], after) is None


def _applies(named: tuple[str, Expr], before: Pair, after: Pair) -> bool:
    op, operand = named
    if op not in ("+", "-", "*", "/"):
        return False  # a power, a root or a log named: named_ops.py checks it
    made = (Bin(op, before[0], operand), Bin(op, before[1], operand))
    try:
        return any(
            mpoly.identity(made[0], left) and mpoly.identity(made[1], right)
            for left, right in (after, after[::-1])
        )
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False


# a pure function of an immutable tree, asked of each side by every step that is compared with it (as the
# step after, then as the step before) and by nonpoly_moves.py: the answers are kept, bounded, and shared (no
# caller changes one)
@functools.lru_cache(maxsize=2048)
def polynomial(side: Expr, var: str) -> Polynomial | None:
    """side as {degree: coefficient} in var (rational coefficients, a constant denominator), or None."""
    if variables(side) - {var}:
        return None
    try:
        top, bottom = mpoly.to_ratfunc(side)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    divisor = mpoly.constant_of(bottom)
    if not isinstance(divisor, Fraction) or divisor == 0:
        return None
    found: Polynomial = {}
    for mono, coef in top.items():
        if not isinstance(coef, Fraction) or any(name != var for name, _ in mono):
            return None
        found[sum(power for _, power in mono)] = coef / divisor
    return found


def _solved(left: Polynomial, right: Polynomial) -> bool:
    """`x = 4`, `4 = x`: the unknown alone on one side, a value on the other."""
    return any(a == {1: 1} and set(b) <= {0} for a, b in ((left, right), (right, left)))


def _combine(a: Polynomial, b: Polynomial, k: Fraction) -> Polynomial:
    """a - k·b, without zero coefficients."""
    out = {d: a.get(d, Fraction(0)) - k * b.get(d, Fraction(0)) for d in set(a) | set(b)}
    return {d: c for d, c in out.items() if c != 0}


def _natural(l1: Polynomial, r1: Polynomial, l2: Polynomial, r2: Polynomial) -> bool:
    """Whether (l2, r2) = (k·l1 + m, k·r1 + m) with m = 0, or m/k moving terms across (each of its terms
    cancels one of l1 or r1), or k = 1 and m a number that completes a square. A step that is no affine
    map of both sides at all (squaring, taking a root) is left to the solution-set check."""
    difference = _combine(l1, r1, Fraction(1))
    if not difference or set(difference) == {0}:
        return True  # no unknown left to relate: the solution-set check decides
    top = max(difference)
    k = _combine(l2, r2, Fraction(1)).get(top, Fraction(0)) / difference[top]
    m = _combine(l2, l1, k)
    if k == 0 or _combine(r2, r1, k) != m:
        return True  # not one affine map of both sides (`(x - 2)^2 = 0` to `x - 2 = 0`): not judged here
    if not m:
        return True
    # `6x + 4 = 2x + 12` to `4x = 8` (subtract 2x + 4) or to `2x = 4` (and halve): what is added before
    # the scaling cancels terms of the sides
    if all(c / k in (-l1.get(d, 0), -r1.get(d, 0)) for d, c in m.items()):
        return True
    return k == 1 and set(m) == {0} and any(_square(side) for side in (l2, r2))


def _square(p: Polynomial) -> bool:
    """`x^2 - 6x + 9`: a perfect square of degree 2 (completing the square adds the number that makes it)."""
    a, b, c = (p.get(d, Fraction(0)) for d in (2, 1, 0))
    return set(p) <= {0, 1, 2} and a != 0 and b != 0 and b * b == 4 * a * c


def shown_operation(before: Pair, after: Pair) -> tuple[bool, str | None]:
    """`2x = 4` then `x = 4 - 2`: a side written as the side before with operations on it (`4 - 2`,
    `(13 - 5)/2`, `sqrt(8 + 8)`) shows what was done; the other side must be the same operations on its side
    before. A side before that was a chain (`2x = 13 - 5 = 8`) is also its value (`x = 8 - 4` shows
    subtracting 4 from 8). (whether a side shows operations, why they are not what was done or None)"""
    if after in (before, before[::-1]):
        return False, None  # the equation again (`sqrt(x + 2) = x` restated): nothing done
    for (old, new), (other_old, other_new) in (
        ((before[1], after[1]), (before[0], after[0])),
        ((before[0], after[0]), (before[1], after[1])),
        ((before[1], after[0]), (before[0], after[1])),
        ((before[0], after[1]), (before[1], after[0])),
    ):
        steps = _operations_on(old, new)
        value = _value(old)
        if not steps and value is not None:
            old, steps = value, _operations_on(value, new)
        if not steps:
            continue
        if any(op == "±" for op, _ in steps[:-1]) or has_plus_minus(other_new) or has_plus_minus(other_old):
            continue  # a ± inside what is shown: not read here
        if steps == [("±", None)]:
            continue  # `(x - 3)^2 = 1` then `x - 3 = ±1`: the root taken, and written as its value
        made, target = _applied(other_old, steps), other_new
        if isinstance(made, PlusMinus):
            # `x = ±(25 - 20)` from `x^2 = 25`: ±A is the other side when A² is its square
            made, target = Bin("^", made.right, Num(Fraction(2))), Bin("^", other_new, Num(Fraction(2)))
        try:
            # exactly, then (`sqrt(2x + 8)` against `x`) as decide.py proves identities
            if identity(made, target):
                return True, None
        except (Unknown, LimitExceeded, ZeroDivisionError):
            pass  # an operation nobody can confirm is no operation shown
        if _reduced_fraction(new):
            continue  # `1/x + 1/2 = 1` then `1/x = 1/2`: a number written as a fraction, not 1 halved
        said = ", then ".join(op if operand is None else f"{op} {show(operand)}" for op, operand in steps)
        return True, (
            f"{show(new)} shows {said} on {show(old)}, which does not make {show(other_new)}"
            f" of {show(other_old)}"
        )
    return False, None


def _applied(side: Expr, steps: list[tuple[str, Expr | None]]) -> Expr:
    """side with the operations shown applied, in order; `±sqrt` of a square `E^2` is `E` (`x^2 = 25` then
    `x = ±sqrt(25)` takes the root of both sides)."""
    for op, operand in steps:
        root = side.arg if isinstance(side, Call) and side.name == "sqrt" else None
        if op == "±" and isinstance(root, Bin) and root.op == "^" and root.right == Num(Fraction(2)):
            side = root.left
        elif op == "±":
            side = PlusMinus(None, side)
        elif operand is None:
            side = Call(op, side)
        else:
            side = Bin(op, side, operand)
    return side


def _value(side: Expr) -> Expr | None:
    """The number a side without the unknown comes to, when it is written as arithmetic (`13 - 5`)."""
    if isinstance(side, Num) or variables(side):
        return None
    try:
        value = evaluate(side)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    return Num(value) if isinstance(value, Fraction) else None


def _reduced_fraction(expr: Expr) -> bool:
    """`1/2`, `-3/4`: a fraction of whole numbers in lowest terms, the way a number is written. `4/2` is
    not one (nobody writes 2 so): it can only be arithmetic shown."""
    if isinstance(expr, Neg):
        expr = expr.arg
    if not (
        isinstance(expr, Bin)
        and expr.op == "/"
        and isinstance(expr.left, Num)
        and isinstance(expr.right, Num)
    ):
        return False
    top, bottom = expr.left.value, expr.right.value
    if top.denominator != 1 or bottom.denominator != 1 or bottom <= 1 or top == 0:
        return False
    return math.gcd(top.numerator, bottom.numerator) == 1


def _number(expr: Expr) -> bool:
    """A number written as one (`8`, `-4`), not arithmetic."""
    return isinstance(expr, Num) or (isinstance(expr, Neg) and isinstance(expr.arg, Num))


def _operations_on(old: Expr, new: Expr) -> list[tuple[str, Expr | None]]:
    """The operations (op, operand; a function and None), innermost first, that written on `old` give
    `new`, or []."""
    found: list[tuple[str, Expr | None]] = []
    while new != old:
        if (
            isinstance(new, Bin)
            and new.op in "+*"
            and new.right == old
            and _number(new.left)
            and _number(old)
        ):
            found.append((new.op, new.left))  # `-4 + 8` on 8: the operand written first
            new = new.right
        elif isinstance(new, Bin) and new.op in "+-*/":
            if new.op in "*/" and variables(new.right):
                return []  # `5x` is a term, not 5 multiplied by x
            found.append((new.op, new.right))
            new = new.left
        elif isinstance(new, Call) and new.name == "sqrt" and not variables(old):
            found.append((new.name, None))
            new = new.arg
        elif isinstance(new, PlusMinus) and new.left is None and not variables(old):
            found.append(("±", None))
            new = new.right
        else:
            break
    return found[::-1] if new == old and found else []
