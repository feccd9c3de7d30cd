"""A clause that names an operation and writes an equation, after a clause that wrote its own, is a step of
its own (named_sentences.py): each named move is held to the equation it makes."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.named_sentences import split_named_operations


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            "Subtracting 5 from both sides gives 3x = 12, and dividing by 4 gives x = 4.",
            ["Subtracting 5 from both sides gives 3x = 12", "dividing by 4 gives x = 4."],
        ),
        (
            "Subtracting 5 gives 3x = 12; then divide by 3: x = 4",
            ["Subtracting 5 gives 3x = 12", "divide by 3: x = 4"],
        ),
        ("3x = 12, so x = 4", ["3x = 12, so x = 4"]),  # no move named
        ("Subtract 5 and divide by 3: x = 4", ["Subtract 5 and divide by 3: x = 4"]),  # one equation
        ("x = 4, and adding 2 gives 6", ["x = 4, and adding 2 gives 6"]),  # no equation after
        (
            "Then, multiply equation 2 by 2: 2(x - y) = 2(-1)",
            ["Then, multiply equation 2 by 2: 2(x - y) = 2(-1)"],
        ),
    ],
)
def test_clauses_that_name_their_moves_are_cut(line: str, pieces: list[str]) -> None:
    assert split_named_operations(line) == pieces


@pytest.mark.parametrize(
    ("second", "status"),
    [
        ("dividing by 3 gives x = 4.", "verified"),
        ("dividing by 4 gives x = 4.", "unknown"),  # the move named is not the move made
        ("multiplying by 3 gives x = 4.", "unknown"),
    ],
)
def test_each_named_move_is_held_to_its_equation(second: str, status: str) -> None:
    response = f"3x + 5 = 17\nSubtracting 5 gives 3x = 12, and {second}"
    job = {
        "prompt": "Solve for x: 3x + 5 = 17",
        "reference": {"answer": "4"},
        "task": "",
        "response": response,
    }
    assert check_trace_job(job)["status"] == status
