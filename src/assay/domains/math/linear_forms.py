"""Linear forms of a system's equations, and how one is made from others.

An equation in the unknowns is held as the coefficients of `lhs - rhs` (the unknowns in order, then the
constant). One form is a multiple of another, or two combined (`α·ki + β·kj`), and a combination
eliminates a variable both have when the result lacks it. The one-move rule (system_moves.py) and the
checks of named moves (system_named_moves.py) are both said in these terms.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.expr import Expr, Num

Form = tuple[Fraction, ...]  # coefficients of the unknowns in order, then the constant: form = 0


def form_of(lhs: Expr, rhs: Expr, names: tuple[str, ...]) -> Form | None:
    """lhs - rhs as a linear form in names, or None if it is not linear with rational coefficients."""
    found = mpoly.linear_form(lhs, rhs, names)
    if found is None:
        return None
    coeffs, constant = found
    values = [*coeffs, constant]
    rational = [v for v in values if isinstance(v, Fraction | int)]
    if len(rational) != len(values):
        return None
    return tuple(Fraction(v) for v in rational)


def valued(form: Form) -> int | None:
    """The index of the one unknown a form gives a value (`x - 6`), or None."""
    held = [i for i, v in enumerate(form[:-1]) if v]
    return held[0] if len(held) == 1 else None


def multiple(form: Form, of: Form) -> Fraction | None:
    """c with form = c·of (c != 0), or None."""
    # a multiple has its zeros where `of` has them: most pairs differ there, and the test needs no
    # arithmetic (plain loops: this is asked of every equation had, for every equation of every line)
    pivot = None
    for i, (f, o) in enumerate(zip(form, of, strict=True)):
        if (not f) != (not o):
            return None
        if pivot is None and o:
            pivot = i
    if pivot is None:
        return None
    c = form[pivot] / of[pivot]
    for f, o in zip(form, of, strict=True):
        if f != c * o:
            return None
    return c


def combination(form: Form, ki: Form, kj: Form) -> tuple[Fraction, Fraction] | None:
    """(α, β) with form = α·ki + β·kj, both non-zero, or None (ki and kj not multiples of each other)."""
    for p, q in itertools.combinations(range(len(form)), 2):
        det = ki[p] * kj[q] - ki[q] * kj[p]
        if det:
            alpha = (form[p] * kj[q] - form[q] * kj[p]) / det
            beta = (ki[p] * form[q] - ki[q] * form[p]) / det
            if not alpha or not beta:
                return None
            ok = all(f == alpha * x + beta * y for f, x, y in zip(form, ki, kj, strict=True))
            return (alpha, beta) if ok else None
    return None


def eliminates(form: Form, ki: Form, kj: Form) -> bool:
    """form is ki and kj combined so that a variable both have is gone."""
    if combination(form, ki, kj) is None:
        return False
    return any(ki[v] and kj[v] and not form[v] for v in range(len(form) - 1))


def side_forms(side: Expr, names: tuple[str, ...]) -> Form | None:
    return form_of(side, Num(Fraction(0)), names)
