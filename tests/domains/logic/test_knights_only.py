"""Other ways of saying "only" ("Only Ben lies", "The only knight is Ava", "Ava alone is a knight", "Ava is
the sole knight", "Ava is the only one telling the truth") read as the grammar's "only": the people named
have the role and everyone else the other one; an "only" with anything else in it stays unread."""

from __future__ import annotations

import pytest

from assay.domains.logic.knights_only import rewrite
from assay.domains.logic.knights_read import read_clause
from tests.domains.logic.puzzles import KNIGHTS, logic_status

SOLUTION = {("Ava", "knight"), ("Ben", "knave"), ("Cal", "knave")}  # KNIGHTS' one solution


@pytest.mark.parametrize(
    "clause",
    [
        "Only Ben and Cal lie",
        "Only Ava tells the truth",
        "The only knight is Ava",
        "The only knaves are Ben and Cal",
        "Ava alone is a knight",
        "Ava is the sole knight",
        "Ava is the only one telling the truth",
        "Ava is the only one who tells the truth",
        "Ben and Cal are the only ones who lie",
    ],
)
def test_only_forms_name_everyone(clause: str) -> None:
    found = read_clause(KNIGHTS, clause)
    assert isinstance(found, list)
    assert {(f[1], f[2]) for f in found} == SOLUTION


@pytest.mark.parametrize(
    "clause",
    [
        "Only Ben does not lie",
        "Only Ben lies to Cal",
        "Ava alone is not a knight",
        "The only knight is not Ava",
        "Only one of them lies",
        "Not only Ava tells the truth",
    ],
)
def test_other_only_clauses_are_not_rewritten_into_claims(clause: str) -> None:
    assert rewrite(clause) == clause or not isinstance(read_clause(KNIGHTS, clause), list)
    assert not isinstance(read_clause(KNIGHTS, clause), list)


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("Answer: The only knight is Ava.", "verified"),
        ("Answer: Only Ava tells the truth.", "verified"),
        ("Answer: The only knight is Ben.", "refuted"),
        ("Answer: Cal alone is a knight.", "refuted"),
        ("Answer: Ava alone is not a knight.", "unknown"),
    ],
)
def test_answers(response: str, expected: str) -> None:
    assert logic_status(KNIGHTS, response) == expected


def test_an_ellipsis_after_a_semicolon_takes_the_role_before_it() -> None:
    """ "Ava is a knight; so is Cal" and "Ben and Cal are knaves; Ava is not" read as one clause."""
    assert logic_status(KNIGHTS, "Answer: Ben is a knave; so is Cal. Ava is a knight.") == "verified"
    assert logic_status(KNIGHTS, "Answer: Ben and Cal are knaves; Ava is not.") == "verified"
    assert logic_status(KNIGHTS, "Answer: Ben and Ava are knaves; Cal is not.") == "refuted"
