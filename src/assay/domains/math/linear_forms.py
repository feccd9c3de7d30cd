"""Linear forms of a system's equations, and how one is made from others.

An equation in the unknowns is held as the coefficients of `lhs - rhs` (the unknowns in order, then the
constant). One form is a multiple of another, or two combined (`α·ki + β·kj`), and a combination
eliminates a variable both have when the result lacks it. The one-move rule (system_moves.py) and the
checks of named moves (system_named_moves.py) are both said in these terms.
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.expr import Expr, Num

Form = tuple[Fraction, ...]  # coefficients of the unknowns in order, then the constant: form = 0


# a pure function of immutable trees: each line's sides are asked for again against every equation of the
# system (`quoted_premises`, `substituted_whole`), and the system's sides on every line of the trace
@functools.lru_cache(maxsize=4096)
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
    # on the form's integers (`_integers`, kept): a fraction's truth is a Python call, an integer's is not
    held = [i for i, v in enumerate(_integers(form)[0][:-1]) if v]
    return held[0] if len(held) == 1 else None


def multiple(form: Form, of: Form) -> Fraction | None:
    """c with form = c·of (c != 0), or None."""
    # asked of every equation had, for every equation of every line, and most pairs are not multiples: two
    # non-zero forms are multiples exactly when their primitive integer directions (`_kept`) are the same
    (whole, scale, direction), (whole_of, scale_of, direction_of) = _kept(form), _kept(of)
    if len(whole) != len(whole_of):
        _check_lengths(whole, whole_of)
        return None
    if direction is None or direction != direction_of:
        return None
    # form = c·of with c = form[pivot] / of[pivot] at the first non-zero place (the same in both)
    pivot = direction[0]
    return Fraction(whole[pivot] * scale_of, scale * whole_of[pivot])


def _check_lengths(whole: tuple[int, ...], whole_of: tuple[int, ...]) -> None:
    """Forms of different lengths (never two equations of one system) are no multiples if one has a zero
    where the other has none before the shorter ends; else they are a mistake (zip raises ValueError)."""
    for f, o in zip(whole, whole_of, strict=True):
        if (not f) != (not o):
            return


# a form's direction: its first non-zero place, and its integers divided by their greatest common divisor,
# signed so that the one there is positive
Direction = tuple[int, tuple[int, ...]]

# a pure function of an immutable form: the same forms (the system's equations, the equations had) are
# compared with every equation of every line, so each is converted once. Kept by the form's identity, with
# the form itself (so its id is never another's while kept): a tuple of fractions hashes each fraction
# again on every lookup, which costs more than the conversion (bounded, for a long-lived worker).
_INTEGERS: dict[int, tuple[Form, tuple[tuple[int, ...], int, Direction | None]]] = {}
_MAX_KEPT = 4096


def _integers(form: Form) -> tuple[tuple[int, ...], int]:
    """(form·scale as integers, scale), scale the least common denominator: the tests on forms are asked of
    every equation had, for every equation of every line, and integer arithmetic is many times faster
    than Fraction's."""
    whole, scale, _ = _kept(form)
    return whole, scale


def _kept(form: Form) -> tuple[tuple[int, ...], int, Direction | None]:
    """`_integers` and the form's direction (None for the zero form): two non-zero forms are multiples of
    each other exactly when their directions are equal."""
    kept = _INTEGERS.get(id(form))
    if kept is not None and kept[0] is form:
        return kept[1]
    scale = math.lcm(*[v.denominator for v in form])
    whole = tuple([v.numerator * (scale // v.denominator) for v in form])
    divisor = math.gcd(*whole)
    direction = None
    if divisor:
        pivot = next(i for i, x in enumerate(whole) if x)
        if whole[pivot] < 0:
            divisor = -divisor
        direction = pivot, tuple([x // divisor for x in whole])
    found = whole, scale, direction
    if len(_INTEGERS) >= _MAX_KEPT:
        _INTEGERS.clear()
    _INTEGERS[id(form)] = (form, found)
    return found


_MAGNITUDES: dict[int, tuple[Form, frozenset[Fraction]]] = {}


def magnitudes(form: Form) -> frozenset[Fraction]:
    """The absolute values of form's coefficients and constant (kept by identity, as `_integers`: each line's
    forms are noted as numbers the work has, and a set of fractions hashes each one again)."""
    kept = _MAGNITUDES.get(id(form))
    if kept is not None and kept[0] is form:
        return kept[1]
    found = frozenset(abs(v) for v in form)
    if len(_MAGNITUDES) >= _MAX_KEPT:
        _MAGNITUDES.clear()
    _MAGNITUDES[id(form)] = (form, found)
    return found


def combination(form: Form, ki: Form, kj: Form) -> tuple[Fraction, Fraction] | None:
    """(α, β) with form = α·ki + β·kj, both non-zero, or None (ki and kj not multiples of each other)."""
    # solved on integer multiples (`_integers`): with form = F/s, ki = I/si, kj = J/sj, the determinant of
    # the first pair of columns where I and J are independent gives α = a·si/(s·det), β = b·sj/(s·det)
    (f, scale), (i, scale_i), (j, scale_j) = _integers(form), _integers(ki), _integers(kj)
    for p, q in itertools.combinations(range(len(f)), 2):
        det = i[p] * j[q] - i[q] * j[p]
        if det:
            a = f[p] * j[q] - f[q] * j[p]
            b = i[p] * f[q] - i[q] * f[p]
            if not a or not b:
                return None
            if any(fr * det != a * x + b * y for fr, x, y in zip(f, i, j, strict=True)):
                return None
            return Fraction(a * scale_i, scale * det), Fraction(b * scale_j, scale * det)
    return None


def eliminates(form: Form, ki: Form, kj: Form) -> bool:
    """form is ki and kj combined so that a variable both have is gone."""
    if combination(form, ki, kj) is None:
        return False
    return any(ki[v] and kj[v] and not form[v] for v in range(len(form) - 1))


_ZERO = Num(Fraction(0))  # one object: the memo of form_of then compares it by identity


def side_forms(side: Expr, names: tuple[str, ...]) -> Form | None:
    return form_of(side, _ZERO, names)
