"""The arithmetic a linear equation's line shows starts from the equation before it (shown_move.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job


def _status(response: str, prompt: str = "Solve for x: 2x + 5 = 13", answer: str = "4") -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response + f"\nAnswer: {answer}"}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "lines",
    [
        "2x = 5 + 5 − 2 = 8\nx = 4",  # the problem's numbers, not the move's
        "2x = 2 × 5 − 2 = 8\nx = 4",
        "2x = 4 + 4 = 8\nx = 4",
        "2x = 16/2 = 8\nx = 4",
    ],
)
def test_arithmetic_that_is_not_the_move_is_unknown(lines: str) -> None:
    assert _status("2x + 5 = 13\n" + lines) == "unknown"


@pytest.mark.parametrize(
    ("prompt", "answer", "lines"),
    [
        ("Solve for x: 2x + 5 = 13", "4", "2x = 13 − 5 = 8\nx = 8/2 = 4"),
        ("Solve for x: 2x + 5 = 13", "4", "x = (13 − 5)/2 = 4"),
        ("Solve for x: 5x - 7 = 2x + 8", "5", "5x - 2x = 8 + 7\n3x = 15\nx = 15/3 = 5"),
        ("Solve for x: 4x + 10 = 0", "-5/2", "4x = -10\nx = -10/4\nx = -5/2"),
        ("Solve for x: 12/x = 3", "4", "x/12 = 1/3\nx = 12/3 = 4"),
        ("Solve for x: 2x = 5", "5/2", "x = 5/2 = 2 1/2"),
    ],
)
def test_arithmetic_of_the_move_verifies(prompt: str, answer: str, lines: str) -> None:
    assert _status(lines, prompt, answer) == "verified"
