"""Zebra clauses that place a value in the house right after or before another's (`zebra_neighbours`):
the next house along the row, never "any house further on"."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import zebra_read
from tests.domains.logic.puzzles import ZEBRA

FISH, GREEN, DOG, RED = ("pet", "fish"), ("color", "green"), ("pet", "dog"), ("color", "red")


def _next(subject: tuple[str, str], other: tuple[str, str], after: bool) -> list[Any]:
    """subject is in the house just after (or before) other's, in a row of three."""
    houses = [(h + 1, h) for h in (1, 2)] if after else [(h, h + 1) for h in (1, 2)]
    return [["or", *(["and", ["var", subject, a], ["var", other, b]] for a, b in houses)]]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The fish is in the house after the green one", _next(FISH, GREEN, True)),
        ("The fish is in the house right after the green house", _next(FISH, GREEN, True)),
        ("The green house is in the house immediately before the fish", _next(GREEN, FISH, False)),
        ("The dog lives in the house before the red one", _next(DOG, RED, False)),
    ],
)
def test_the_house_after_is_the_next_one(clause: str, expected: Any) -> None:
    assert zebra_read.read_clause(ZEBRA, clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "The fish is after the green one",  # any house further on, or the next: not told
        "The fish is in the house after",
        "The fish is not in the house after the green one",
        "The fish or the dog is in the house after the green one",
    ],
)
def test_what_is_not_the_next_house_is_not_read_as_it(clause: str) -> None:
    got = zebra_read.read_clause(ZEBRA, clause)
    assert isinstance(got, str) or got is None
