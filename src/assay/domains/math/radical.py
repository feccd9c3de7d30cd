"""Exact solution sets of `sqrt(A) = B` and `|A| = B`, where the polynomial solver alone cannot reach.

`sqrt(A) = B` holds exactly where `A = B^2` and `B >= 0` (A >= 0 then follows); `|A| = B` exactly where
`A = B` or `A = -B`, and `B >= 0`. Both right-hand conditions are polynomial (or rational) equations the
exact solver handles, and the sign of B at each candidate is decided exactly (rationals and quadratic
surds, exact.py). So `sqrt(x + 7) = x - 5` has the exact solution set {9} with no SymPy at all, and a
step that squares it can be compared exactly (oneway.py).

Only a side that *is* the root or the bars, with no other root or bars in the equation, is solved so;
anything else raises Unsupported as before, and the caller falls back to SymPy. Runs inside a
verification worker.
"""

from __future__ import annotations

import functools
from fractions import Fraction

from assay.domains.math.exact import Number, Unsupported, evaluate, sign
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, variables
from assay.domains.math.poly import SolutionSet, solution_set

_SPECIAL = ("sqrt", "abs")


# a pure function of immutable trees with an immutable answer: one equation is solved again and again (the
# problem's, restated by a trace's first step; a step's, by the checks after it; the samples of one problem
# share them), so answers are kept, bounded
@functools.lru_cache(maxsize=4096)
def solve(lhs: Expr, rhs: Expr, var: str) -> SolutionSet:
    """The exact real solution set of lhs = rhs; raises Unsupported (or LimitExceeded) beyond it."""
    try:
        return solution_set(lhs, rhs, var)
    except Unsupported:
        special, other = (lhs, rhs) if _is_special(lhs) else (rhs, lhs)
        if not isinstance(special, Call) or not _is_special(special):
            raise
        if _has_special(other) or _has_special(special.arg):
            raise
    inner = special.arg
    if special.name == "sqrt":
        candidates = solution_set(inner, Bin("^", other, Num(Fraction(2))), var)
    else:
        candidates = solution_set(inner, other, var).union(solution_set(inner, Neg(other), var))
    if candidates.cofinite:
        raise Unsupported(f"{special.name} equation with infinitely many candidates")
    return SolutionSet(frozenset(c for c in candidates.points if _non_negative(other, var, c)))


def _non_negative(expr: Expr, var: str, point: Number) -> bool:
    try:
        return sign(evaluate(expr, {var: point})) >= 0
    except ZeroDivisionError:
        return False  # undefined there: no solution


def _is_special(expr: Expr) -> bool:
    return isinstance(expr, Call) and expr.name in _SPECIAL and bool(variables(expr.arg))


def _has_special(expr: Expr) -> bool:
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Call):
            if node.name in _SPECIAL:
                return True
            stack.append(node.arg)
        elif isinstance(node, Bin):
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg):
            stack.append(node.arg)
        elif isinstance(node, PlusMinus):
            stack.append(node.right)
            if node.left is not None:
                stack.append(node.left)
    return False


__all__ = ["solve"]
