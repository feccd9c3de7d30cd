"""Short answer forms: a truth value per person ("Will: T, May: F") and a count of a role with the people
who have it ("There are two knights: Ava and Cal"), read exactly or left unread."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.knights_read import read_clause
from tests.domains.logic.puzzles import logic_status

# Ava knight, Ben knave, Cal knight (unique)
PUZZLE: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["and", ["var", "Ava", "knave"], ["var", "Cal", "knave"]],
        "Cal": ["iff", ["var", "Ava", "knight"], ["var", "Ben", "knave"]],
    },
}
SOLUTION = [["var", "Ava", "knight"], ["var", "Ben", "knave"], ["var", "Cal", "knight"]]


@pytest.mark.parametrize(
    "clause",
    [
        "Ava: T, Ben: F, Cal: T",
        "Ava = T; Ben = F; Cal = T.",
        "Ava: T and Ben: F and Cal: T",
        "There are two knights: Ava and Cal",
        "There are 2 knights, Ava & Cal",
        "There is one knave: Ben",
        "There is exactly one knave: Ben",
        "Exactly one of the three is a knave: Ben",
        "Exactly two of the three people are knights: Ava, Cal",
    ],
)
def test_the_whole_answer_is_read(clause: str) -> None:
    assert sorted(read_clause(PUZZLE, clause)) == sorted(SOLUTION)


def test_the_other_two_are_the_people_not_named() -> None:
    found = read_clause(PUZZLE, "Ben is the knave, and the other two are knights")
    assert {tuple(f) for f in found} == {tuple(f) for f in SOLUTION}
    assert read_clause(PUZZLE, "Ben is a knave and both of the other two are knights") is not None


@pytest.mark.parametrize(
    "clause",
    [
        "There are two knights: Ava",  # the count is not the names'
        "There are two knights: Ava, Ben and Cal",
        "There are two knights: Ava and Ava",
        "There is one knaves: Ben",
        "There are two knave: Ava and Cal",
        "There are two knights: Ava and Dan",  # not one of the people
        "Exactly one of the two is a knave: Ben",  # "the two": some of the people, not all
        "Exactly one of them is a knave: Ben",  # "them" may be some of the people
        "There are at least two knights: Ava and Cal",
        "There are not two knights: Ava and Cal",
        "Ben is a knave, and the other three are knights",  # two are not named, not three
        "Ben is a knave, and the other two are not knights",
    ],
)
def test_a_count_that_is_not_certain_is_not_read(clause: str) -> None:
    assert isinstance(read_clause(PUZZLE, clause), str)


@pytest.mark.parametrize(
    "clause",
    ["Ava: t, Ben: f", "Ava: true, Ben: false", "Statement 2: T", "Ava: not T", "Ava: T?", "Ava: T, Dan: F"],
)
def test_other_truth_values_are_not_roles(clause: str) -> None:
    """A lower-case letter, a word (true of what?), a numbered statement, a negated or questioned value,
    a name not in the puzzle: not read as roles (the clause says nothing the reader takes)."""
    found = read_clause(PUZZLE, clause)
    assert found is None or isinstance(found, str)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Ava: T, Ben: F, Cal: T", "verified"),
        ("**Answer:** There are two knights: Ava and Cal.", "verified"),
        ("Answer: Ben is the knave, and the other two are knights.", "verified"),
        ("Ava: T, Ben: T, Cal: F", "refuted"),
        ("There are two knights: Ava and Ben.", "refuted"),
        ("Exactly one of the three is a knight: Ava.", "refuted"),
        ("Ava: T, Ben: F", "unknown"),  # Cal's role not given
        ("Ava: T, Ben: F, Cal: T\nWait, actually Cal is a knave.", "unknown"),
    ],
)
def test_answers_in_short_forms(response: str, expected: str) -> None:
    assert logic_status(PUZZLE, response) == expected
