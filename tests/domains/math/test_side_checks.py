"""Checks that name the problem's sides: over two lines, or closing on a side's name (named_sides.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.named_sides import joined_side_lines, name_sides

JOB = {
    "prompt": "Solve for x: 7x - 3 = 25",
    "reference": {"kind": "equation", "equations": ["7x - 3 = 25"], "variables": ["x"], "answer": "4"},
}
WORK = "Add 3 to both sides: 7x = 28\nDivide by 7: x = 4\n{}\nAnswer: x = 4"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "- Left side: $7(4) - 3 = 25$\n- Right side: $25$ ✓",
            "- Left side: $7(4) - 3 = 25$, Right side: $25$ ✓",
        ),
        ("LHS = 7(4) - 3 = 25\n\nRHS = 25", "LHS = 7(4) - 3 = 25, RHS = 25\n"),
        # a side's value alone, or after a line that opens with no side, is left where it is
        ("x = 4\nRight side: 25 ✓", "x = 4\nRight side: 25 ✓"),
        ("Right side: 25\nLeft side: 25", "Right side: 25\nLeft side: 25"),
        # two sides shown to differ, with no check mark: a candidate shown to fail, not a claim they agree
        ("Left side: 7(5) - 3 = 32\nRight side: 25", "Left side: 7(5) - 3 = 32\nRight side: 25"),
        ("Left side: 7(5) - 3 = 32\nRight side: 25 ✓", "Left side: 7(5) - 3 = 32, Right side: 25 ✓"),
    ],
)
def test_a_side_given_a_value_joins_the_check_above(text: str, joined: str) -> None:
    assert joined_side_lines(text) == joined


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Check: LHS = 7(4) - 3 = 25 = RHS ✓", "Check:  7(4) - 3 = 25 ✓"),
        ("Check: 7(4) - 3 = 25 = R.H.S.", "Check: 7(4) - 3 = 25"),
        ("Check: 7(4) - 3 = 25 = the right side", "Check: 7(4) - 3 = 25"),
    ],
)
def test_a_chain_closed_by_a_side_name_says_it_came_to_that_side(line: str, read: str) -> None:
    assert name_sides(line) == read


@pytest.mark.parametrize(
    ("check", "status"),
    [
        ("Check:\n- Left side: 7(4) − 3 = 28 − 3 = 25\n- Right side: 25 ✓", "verified"),
        ("**Check:**\n- **Left side:** $7(4) - 3 = 25$\n- **Right side:** $25$ ✓", "verified"),
        ("Check:\n- Left side: 7(4) − 3 = 25\n- Right side: 24 ✓", "refuted"),
        ("Check:\n- Left side: 7(4) − 3 = 26\n- Right side: 25 ✓", "refuted"),
        ("Check: LHS = 7(4) − 3 = 25 = RHS ✓", "verified"),
        ("Check: LHS = 7(4) − 3 = 24 = RHS ✓", "refuted"),
        ("Left side: 7(4) − 3 = 25 = right side ✓", "verified"),
        # a side's value alone ties it to nothing: unread, never an answer
        ("Right side: 25 ✓", "unknown"),
        ("RHS = 24", "unknown"),
    ],
)
def test_side_checks(check: str, status: str) -> None:
    assert check_trace_job({**JOB, "response": WORK.format(check)})["status"] == status


@pytest.mark.parametrize(
    ("check", "status"),
    [
        # a check worked in pieces is the one claim the pieces make
        ("Check: 7 × 4 = 28, 28 - 3 = 25 ✓", "verified"),
        ("Check: 7(4) = 28 and 28 - 3 = 25 ✓", "verified"),
        ("Check: 7 times 4 is 28, minus 3 is 25. ✓", "verified"),
        # each piece is still true arithmetic on its own, and the whole must be the problem at the answer
        ("Check: 7 × 4 = 29, 29 - 3 = 25 ✓", "refuted"),
        ("Check: 7 × 4 = 28, 28 - 3 = 26 ✓", "refuted"),
        ("Check: 7 × 4 = 28, 28 + 3 = 31 ✓", "refuted"),
        ("Check: 4 × 7 = 28, 28 - 3 = 25 ✓", "verified"),
        ("Check: 2 × 14 = 28, 28 - 3 = 25 ✓", "unknown"),
    ],
)
def test_a_check_in_pieces_is_read_as_one(check: str, status: str) -> None:
    assert check_trace_job({**JOB, "response": WORK.format(check)})["status"] == status
