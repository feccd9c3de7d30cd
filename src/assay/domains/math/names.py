"""Names for numbers in a trace: `a = 1, b = -5, c = 6`, then `b^2 - 4ac = 25 - 24 = 1`.

A name is a letter the problem does not use, given a value with no variable in it, once. Naming claims
nothing about the problem, so it is not wrong by itself; every later use is checked with the value put
in exactly, so a wrong value makes the step that uses it wrong. One convention is a claim, and is
checked: `a`, `b`, `c` beside a quadratic equation are its coefficients (up to a common non-zero factor,
which the quadratic formula allows). Pure functions over parsed trees.
"""

from __future__ import annotations

from assay.domains.math.exact import Unsupported, evaluate, format_number
from assay.domains.math.expr import Bin, Call, Expr, Neg, PlusMinus, Var, variables
from assay.domains.math.poly import to_ratfunc
from assay.errors import LimitExceeded

Pair = tuple[Expr, Expr]
Definition = tuple[str, list[Expr]]  # the name, and the chain of parts that gives its value


def read_definitions(
    groups: list[list[list[Expr]]], taken: set[str], unknowns: frozenset[str] = frozenset()
) -> list[Definition] | None:
    """The names a line gives (every claim of it `n = value`), or None if it is not only that.

    A value is a number, or (a substitution, `Let y = 2x`) one expression in the problem's `unknowns`:
    every later use of the name is then the expression, so the steps after it are checked as if written
    out."""
    found: list[Definition] = []
    for group in groups:
        if len(group) != 1 or len(group[0]) < 2 or not isinstance(group[0][0], Var):
            return None
        name, rest = group[0][0].name, group[0][1:]
        used = frozenset().union(*(variables(p) for p in rest))
        if name in taken or name in (n for n, _ in found):
            return None
        if used and (len(rest) != 1 or not used <= unknowns):
            return None
        found.append((name, rest))
    return found


def coefficient_mismatch(equation: Pair, var: str, defined: dict[str, Expr]) -> str | None:
    """Evidence when `a, b, c` are not the coefficients of a quadratic equation; None when they are, or
    when the equation is not a quadratic with number coefficients (then they are only names)."""
    lhs, rhs = equation
    try:
        quadratic = to_ratfunc(Bin("-", lhs, rhs), var)
        named = [evaluate(defined[n]) for n in "cba"]  # lowest degree first, as poly.py stores them
    except (Unsupported, LimitExceeded, ZeroDivisionError, KeyError):
        return None
    if len(quadratic.num) != 3 or len(quadratic.den) != 1 or named[2] == 0:
        return None
    ratio = named[2] / quadratic.num[2]
    if all(n == ratio * c for n, c in zip(named, quadratic.num, strict=True)):
        return None
    shown = ", ".join(
        f"{n} = {format_number(defined_value)}" for n, defined_value in zip("abc", named[::-1], strict=True)
    )
    return f"{shown} are not the coefficients of the quadratic"


def substitute(expr: Expr, names: dict[str, Expr]) -> Expr:
    """expr with every named letter replaced by its value's tree."""
    if isinstance(expr, Var):
        return names.get(expr.name, expr)
    if isinstance(expr, Bin):
        return Bin(expr.op, substitute(expr.left, names), substitute(expr.right, names))
    if isinstance(expr, Neg):
        return Neg(substitute(expr.arg, names))
    if isinstance(expr, Call):
        return Call(expr.name, substitute(expr.arg, names))
    if isinstance(expr, PlusMinus):
        left = None if expr.left is None else substitute(expr.left, names)
        return PlusMinus(left, substitute(expr.right, names))
    return expr
