"""A line that states the quadratic formula or the discriminant in letters, before the numbers go in.

`The quadratic formula is x = (-b ± sqrt(b^2 - 4ac))/(2a).` then `Here a = 1, b = 4, c = -5.`: the first
line uses a, b and c, which the problem does not, yet it claims nothing about the problem; it names the
method the lines after it use, and they are checked on their own (the coefficients when they are named,
names.py; each value the formula gives, against the equation). Such a line is taken as stated when it is
the formula itself: `x = (-b ± sqrt(b^2 - 4ac))/(2a)` for the unknown (screened on quadratics whose roots
are known, then proved branch by branch as an identity, so a term built to vanish at the screen's points is
refused), or `D = b^2 - 4ac` (an identity in a, b and c). Anything else with letters the problem does not
use stays for the step checker, which leaves it unknown. Pure functions over parsed trees.
"""

from __future__ import annotations

from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, identity
from assay.domains.math.exact import Unsupported, evaluate, expand_plus_minus
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, Var, variables
from assay.errors import LimitExceeded

COEFFICIENTS = frozenset({"a", "b", "c"})
# (a, b, c) and the roots of a·t^2 + b·t + c: two roots, one root, rational roots, a negative leading term
_QUADRATICS: tuple[tuple[tuple[int, int, int], frozenset[Fraction]], ...] = tuple(
    ((a, b, c), frozenset(Fraction(r) for r in roots))
    for (a, b, c), roots in (
        ((1, -5, 6), (2, 3)),
        ((2, -3, -2), (2, Fraction(-1, 2))),
        ((1, 2, 1), (-1,)),
        ((3, -10, 3), (3, Fraction(1, 3))),
        ((1, 0, -9), (3, -3)),
        ((5, -6, 1), (1, Fraction(1, 5))),
        ((4, 4, -3), (Fraction(1, 2), Fraction(-3, 2))),
        ((-2, 1, 6), (2, Fraction(-3, 2))),
        ((7, -19, -6), (3, Fraction(-2, 7))),
        ((6, 17, 12), (Fraction(-4, 3), Fraction(-3, 2))),
    )
)
_DISCRIMINANT = Bin(
    "-", Bin("^", Var("b"), Num(Fraction(2))), Bin("*", Num(Fraction(4)), Bin("*", Var("a"), Var("c")))
)


_FORMULA = Bin(
    "/",
    Bin("+", Neg(Var("b")), PlusMinus(None, Call("sqrt", _DISCRIMINANT))),
    Bin("*", Num(Fraction(2)), Var("a")),
)


def formula_statement(groups: list[list[list[Expr]]], var: str, problem_names: frozenset[str]) -> str | None:
    """Evidence when every claim of a line is the quadratic formula for `var` or the discriminant under a
    name of its own, written in a, b and c (letters the problem does not use); else None."""
    if not groups or COEFFICIENTS & problem_names:
        return None
    said = []
    for group in groups:
        if len(group) != 1 or len(group[0]) != 2 or not isinstance(group[0][0], Var):
            return None
        name, value = group[0][0].name, group[0][1]
        if name == var and _quadratic_formula(value):
            said.append("the quadratic formula")
        elif name not in problem_names | COEFFICIENTS and _discriminant(value):
            said.append("the discriminant")
        else:
            return None
    return "states " + " and ".join(dict.fromkeys(said)) + " (the lines that use it are checked)"


def _quadratic_formula(value: Expr) -> bool:
    if variables(value) != COEFFICIENTS:
        return False
    try:
        branches = expand_plus_minus(value)
        if len(branches) != 2:
            return False
        for (a, b, c), roots in _QUADRATICS:
            env = {"a": Fraction(a), "b": Fraction(b), "c": Fraction(c)}
            found = {evaluate(branch, env) for branch in branches}
            if found != roots:
                return False
        # the points screen; the identity decides (a term built to vanish at the points is no formula)
        canonical = expand_plus_minus(_FORMULA)
        return all(any(identity(branch, root) for root in canonical) for branch in branches)
    except (Unknown, Unsupported, LimitExceeded, ZeroDivisionError):
        return False


def _discriminant(value: Expr) -> bool:
    if variables(value) != COEFFICIENTS:
        return False
    try:
        return mpoly.identity(value, _DISCRIMINANT)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False
