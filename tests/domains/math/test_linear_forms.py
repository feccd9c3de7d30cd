"""Linear forms (linear_forms.py): `multiple` compares forms by their primitive integer directions, which
must give what the definition gives, form = c·of with c != 0, on every pair."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from assay.domains.math.linear_forms import Form, combination, multiple


def _by_definition(form: Form, of: Form) -> Fraction | None:
    """c with form = c·of (c != 0), or None, in plain Fraction arithmetic."""
    pivot = next((i for i, o in enumerate(of) if o), None)
    if pivot is None or not form[pivot]:
        return None
    c = form[pivot] / of[pivot]
    return c if all(f == c * o for f, o in zip(form, of, strict=True)) else None


def _forms(seed: int, count: int) -> list[Form]:
    """Random forms with zeros, signs and fractions, and multiples of each other among them."""
    rng = random.Random(seed)
    values = [Fraction(v) for v in (0, 0, 1, -1, 2, Fraction(-3, 2), Fraction(7, 4))]
    base = [tuple(rng.choice(values) for _ in range(3)) for _ in range(count)]
    scaled = [tuple(v * rng.choice(values[2:]) for v in form) for form in base]
    return base + scaled + [(Fraction(0),) * 3]


@pytest.mark.parametrize("seed", range(4))
def test_multiple_is_the_definition(seed: int) -> None:
    forms = _forms(seed, 30)
    for form, of in itertools.product(forms, repeat=2):
        # fresh tuples too: kept answers are by identity, and equal forms must be answered alike
        assert multiple(form, of) == _by_definition(form, of)
        assert multiple(tuple(form), tuple(of)) == _by_definition(form, of)


@pytest.mark.parametrize(
    ("form", "of", "expected"),
    [
        ((Fraction(2), Fraction(-4), Fraction(6)), (Fraction(1), Fraction(-2), Fraction(3)), Fraction(2)),
        ((Fraction(-1), Fraction(2), Fraction(-3)), (Fraction(1), Fraction(-2), Fraction(3)), Fraction(-1)),
        ((Fraction(1, 2), Fraction(0), Fraction(3)), (Fraction(1), Fraction(0), Fraction(6)), Fraction(1, 2)),
        # the same direction but a zero in another place: no multiple
        ((Fraction(1), Fraction(0), Fraction(3)), (Fraction(1), Fraction(1), Fraction(3)), None),
        # the zero form is a multiple of nothing, and nothing of it
        ((Fraction(0), Fraction(0), Fraction(0)), (Fraction(1), Fraction(1), Fraction(3)), None),
        ((Fraction(1), Fraction(1), Fraction(3)), (Fraction(0), Fraction(0), Fraction(0)), None),
        ((Fraction(0), Fraction(0), Fraction(0)), (Fraction(0), Fraction(0), Fraction(0)), None),
    ],
)
def test_multiple(form: Form, of: Form, expected: Fraction | None) -> None:
    assert multiple(form, of) == expected


def test_combination_found_is_right() -> None:
    forms = _forms(7, 12)
    for form, ki, kj in itertools.islice(itertools.product(forms, repeat=3), 4000):
        found = combination(form, ki, kj)
        if found is not None:
            a, b = found
            assert a and b
            assert all(f == a * x + b * y for f, x, y in zip(form, ki, kj, strict=True))
