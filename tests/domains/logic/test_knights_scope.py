"""A negation or count over several people is read with its scope explicit ("not both", "at least one
of", "it is false that either ... or ..."), and a lead negation whose scope is not certain is unknown."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.knights_read import read_clause
from tests.domains.logic.puzzles import logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["and", ["var", "Ava", "knight"], ["var", "Ben", "knight"]],
        "Cal": ["var", "Ava", "knight"],
    },
}
ANSWER = "\nAnswer: Ava is a knight, Ben is a knave, Cal is a knight."
A, B, C = (["var", p, "knight"] for p in ("Ava", "Ben", "Cal"))


def status(response: str) -> str:
    return logic_status(PUZZLE, response)


@pytest.mark.parametrize(
    ("clause", "formula"),
    [
        ("Ava and Ben are not both knights", ["not", ["and", A, B]]),
        ("Not both Ava and Ben are knights", ["not", ["and", A, B]]),
        ("It is false that both Ava and Ben are knights", ["not", ["and", A, B]]),
        ("It is false that either Ava or Ben is a knight", ["not", ["or", A, B]]),
        ("At least one of Ben and Cal is a knight", ["or", B, C]),
        ("At most one of Ben and Cal is a knight", ["not", ["and", B, C]]),
        ("Exactly one of Ben and Cal is a knight", ["and", ["or", B, C], ["not", ["and", B, C]]]),
    ],
)
def test_the_scope_is_read_as_written(clause: str, formula: Any) -> None:
    assert read_clause(PUZZLE, clause) == [formula]


@pytest.mark.parametrize(
    "clause",
    [
        "It is false that Ava is a knave and Ben is a knight",
        "It is not the case that Ava is a knave, and Ben is a knave",
        "It is false that Ava is a knave or Ben is a knight",
        "At least one of Ava and Dan is a knight",  # Dan is nobody
    ],
)
def test_a_scope_that_is_not_certain_is_unknown(clause: str) -> None:
    assert isinstance(read_clause(PUZZLE, clause), str)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("Ava and Ben are not both knights.", "verified"),
        ("Ava and Cal are not both knights.", "refuted"),
        ("At least one of Ben and Cal is a knight.", "verified"),
        ("At least one of Ava and Cal is a knave.", "refuted"),
        ("Exactly one of Ben and Cal is a knight.", "verified"),
        ("Exactly one of Ava and Cal is a knight.", "refuted"),
        ("It is false that either Ava is a knave or Ben is a knight.", "verified"),
        ("It is false that Ava is a knave and Ben is a knight.", "unknown"),
    ],
)
def test_scoped_steps_are_checked(step: str, expected: str) -> None:
    assert status(f"Ben is a knave.\n{step}" + ANSWER) == expected
