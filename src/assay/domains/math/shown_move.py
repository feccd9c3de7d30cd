"""The arithmetic a linear equation's line shows must start from the equation before it.

`2x + 5 = 13`, then `2x = 5 + 5 − 2 = 8` or `2x = 2 × 5 − 2 = 8`: the equation is right and every number
is the problem's (shown_numbers.py passes them), yet the arithmetic is not the move the line makes:
subtracting 5 from both sides works out `13 − 5`, and a trace that shows other arithmetic teaches a
computation that lands on 8 by luck. When the equation before is linear in the unknown and has a side
without it, the first arithmetic the line shows on a side without the unknown (`13 − 5` in `2x = 13 − 5 =
8`, `8/2` in `x = 8/2 = 4`) must have that side, or its value, among its operands at some depth
(`(13 − 5)/2` keeps `13`; `8/2` keeps the `8` that moving the 5 across gives). Only lines of one linear
equation are judged; a ± or a root, a side with the unknown on both sides before, a trace with an
equation that is not linear before it, and lines without arithmetic are
left to the other checks. Runs inside a verification worker.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

from assay.domains.math.decide import Unknown, show
from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, nodes, variables
from assay.domains.math.operations import polynomial
from assay.errors import LimitExceeded

Pair = tuple[Expr, Expr]


def check_shown_move(parts: list[Expr], earlier: list[Pair], var: str) -> None:
    """Unknown when the line's chain shows arithmetic that does not start from a side of an earlier
    linear equation without the unknown (see module)."""
    if not earlier or not any(variables(p) for p in parts) or any(_irrational(p) for p in parts):
        return
    worked = next((p for p in parts if not variables(p) and not _literal(p)), None)
    if worked is None or not _linear(parts, var):
        return
    starts: list[Expr] = []
    values: set[Fraction] = set()
    if not all(_linear(list(pair), var) for pair in earlier):
        return  # the line may work from an equation that is no linear one (`12/x = 3`)
    for left, right in earlier:
        numeric = [side for side in (left, right) if not variables(side)]
        if not numeric:
            # the unknown on both sides (`5x - 7 = 2x + 8`): the move works out their constant terms
            values |= {c for side in (left, right) for k in _constants(side, var) for c in (k, -k)}
        starts += numeric
        if len(numeric) == 1:
            # `x = 8/2` straight from `2x + 5 = 13`: the side the constant term's move gives (13 − 5)
            side = left if numeric[0] is right else right
            value = _value(numeric[0])
            if value is not None:
                values |= {value - k for k in _constants(side, var)}
    if not starts:
        return
    written = {v for v in map(_value, starts) if v is not None}
    values |= written
    if _value(worked) in written:
        return  # a side before, written again (`-10/4` as `-5/2`)
    for node in _operands(worked):
        if node in starts or _value(node) in values:
            return
    raise Unknown(
        f"the arithmetic shown, {show(worked)}, does not start from {show(starts[-1])}, the side of the"
        " equation before that the move works out"
    )


def _literal(expr: Expr) -> bool:
    """A number written as a number (`-5`, `91/2`, `-9/4`, `2 1/2`): no arithmetic (`8/2` divides)."""
    if isinstance(expr, Neg):
        return _literal(expr.arg)
    if isinstance(expr, Bin) and expr.op == "/":
        top = expr.left.arg if isinstance(expr.left, Neg) else expr.left
        if isinstance(top, Num) and isinstance(expr.right, Num):
            a, b = top.value, expr.right.value
            return a.denominator == b.denominator == 1 and b > 1 and gcd(a.numerator, b.numerator) == 1
        return False
    if isinstance(expr, Bin) and expr.op == "+" and isinstance(expr.left, Num):
        # a mixed number: a whole number and a proper fraction
        return expr.left.value.denominator == 1 and _literal(expr.right) and 0 < (_value(expr.right) or 0) < 1
    return isinstance(expr, Num)


def _operands(expr: Expr) -> list[Expr]:
    """expr's operands at every depth through + − × ÷ and negation (not inside a power or a call)."""
    found = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin) and node.op in "+-*/":
            found += [node.left, node.right]
            stack += [node.left, node.right]
        elif isinstance(node, Neg):
            found.append(node.arg)
            stack.append(node.arg)
    return found


def _constants(side: Expr, var: str) -> list[Fraction]:
    found = polynomial(side, var)
    return [found[0]] if found and found.get(0) else []


def _value(expr: Expr) -> Fraction | None:
    try:
        value = evaluate(expr)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    return value if isinstance(value, Fraction) else None


def _linear(parts: list[Expr], var: str) -> bool:
    for part in parts:
        found = polynomial(part, var)
        if found is None or any(degree > 1 for degree, coef in found.items() if coef):
            return False
    return True


def _irrational(expr: Expr) -> bool:
    return any(isinstance(n, (PlusMinus, Call)) for n in nodes(expr)) or any(
        isinstance(n, Bin) and n.op == "^" and not isinstance(n.right, Num) for n in nodes(expr)
    )
