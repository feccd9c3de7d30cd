"""Answers laid out with the people as columns (`roles_table`), LaTeX commands after an answer marker
(`structured`), restated answers (`read.ANSWER`) and sudoku rows numbered as a list (`sudoku_read`): each
right answer verifies, and each wrong, doubled, partial or retracted one does not."""

from __future__ import annotations

import pytest

from assay.domains.logic import roles_table
from tests.domains.logic.puzzles import KNIGHTS, logic_status

SIDE = "| | Ava | Ben | Cal |\n|---|---|---|---|\n"
LISTED = "**Answer**\n- Ava: knight\n- Ben: knave\n- Cal: knave\n\n"
SUDOKU = {"kind": "sudoku", "puzzle": "..4.4..1..3..2.."}


def test_a_turned_table_is_one_line_of_claims_and_keeps_the_line_count() -> None:
    lines = (SIDE + "| Role | Knight | Knave | Knave |").splitlines()
    assert roles_table.rewrite(KNIGHTS, lines) == [
        "",
        "",
        "Ava is a knight. Ben is a knave. Cal is a knave.",
    ]


@pytest.mark.parametrize(
    "response",
    [
        SIDE + "| Role | Knight | Knave | Knave |",
        "| Person | Ava | Ben | Cal |\n|---|---|---|---|\n| Type | knight | knave | knave |",
        SIDE + "| Knight? | ✅ | ❌ | ❌ |",
        SIDE + "| Type | Truth-teller | Liar | Liar |",
        "Ava's statement is true, so Ben is a knave.\n\n" + SIDE + "| Role | Knight | Knave | Knave |",
        "**Answer:** $\\boxed{\\text{Ava: knight, Ben: knave, Cal: knave}}$",
        LISTED + "To restate: Ava is a knight, Ben is a knave, Cal is a knave.",
    ],
)
def test_right_answers_verify(response: str) -> None:
    assert logic_status(KNIGHTS, response) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        SIDE + "| Role | Knave | Knight | Knave |",
        SIDE + "| Knave? | ✅ | ❌ | ❌ |",
        SIDE + "| Role | Knight | Knave | maybe |",
        SIDE + "| Role | Knight | Knave | Knave |\n| Knight? | No | No | No |",
        SIDE + "| Role | Knight | Knave | Knave |\n\nWait:\n\n" + SIDE + "| Role | Knight | Knight | Knave |",
        SIDE + "| Role | Knight | Knave | Knave |\n\nActually Cal is a knight.",
        "| | Ava | Ava | Cal |\n|---|---|---|---|\n| Role | Knight | Knight | Knave |",
        "| | Ava | Cal |\n|---|---|---|\n| Role | Knight | Knave |",
        "Ava's statement is false.\n\n" + SIDE + "| Role | Knight | Knave | Knave |",
        "**Answer:** $\\boxed{\\text{Ava: knave, Ben: knave, Cal: knave}}$",
        LISTED + "To restate: Ava is a knight, Ben is a knave, Cal is a knight.",
        "Answer: Ava is a knight, Ben is a knave, Cal is a knave.\nTo recap: Cal is a knight.",
    ],
)
def test_wrong_or_uncertain_answers_do_not_verify(response: str) -> None:
    assert logic_status(KNIGHTS, response) != "verified"


def test_sudoku_rows_numbered_by_their_position() -> None:
    assert logic_status(SUDOKU, "1. 2 1 4 3\n2. 4 3 2 1\n3. 1 4 3 2\n4. 3 2 1 4") == "verified"
    assert logic_status(SUDOKU, "1. 2 1 4 3\n2. 4 3 2 1\n3. 1 4 3 2\n4. 3 2 4 1") != "verified"
    assert logic_status(SUDOKU, "1. 2 1 4 3\n3. 4 3 2 1\n2. 1 4 3 2\n4. 3 2 1 4") != "verified"
    assert logic_status(SUDOKU, "2 1 4 3\n4 3 2 1\n1 4 3 2\n3 2 1 0") != "verified"
