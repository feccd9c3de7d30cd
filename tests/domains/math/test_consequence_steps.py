"""Steps of a premise in a consequence problem ("If 4x - 2 = 10, what is 2x + 7?") follow from the equation
before them as steps of an equation to solve do (solution_steps.py): one operation on both sides, the
operation a line names, arithmetic shown that makes the other side. Holding at the solution is not enough."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "4x - 2 = 10\n4x = 12\nx = 3\n2x + 7 = 2(3) + 7 = 13\nAnswer: 13",
            "verified",
        ),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "4x - 2 = 10\n2x - 1 = 5\n2x = 6\n2x + 7 = 6 + 7 = 13\nAnswer: 13",
            "verified",
        ),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "2x + 7 = (4x - 2)/2 + 8 = 10/2 + 8 = 13\nAnswer: 13",
            "verified",
        ),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "Add 2 to both sides: 4x = 12.\nDivide by 4: x = 3.\nSo 2x + 7 = 2(3) + 7 = 13.\nAnswer: 13",
            "verified",
        ),
        ("If 4x - 2 = 10, what is 2x + 7?", "13", "4x - 2 = 10\n2x + 7 = 10 + 3 = 13\nAnswer: 13", "unknown"),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "Subtracting 2 from both sides: 4x = 12.\nDividing by 4: x = 3.\n"
            "So 2x + 7 = 2(3) + 7 = 13.\nAnswer: 13",
            "refuted",
        ),
        ("Given 5x - 5 = 20, find 3x - 1.", "14", "5x - 5 = 20\n3x - 1 = 20 - 6 = 14\nAnswer: 14", "unknown"),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "4x - 2 = 10\n4x = 12\nx = 12 - 9 = 3\n2x + 7 = 2(3) + 7 = 13\nAnswer: 13",
            "unknown",
        ),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "4x - 2 = 10\n2x + 2 = 8\nx = 3\n2x + 7 = 13\nAnswer: 13",
            "unknown",
        ),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "13",
            "4x - 2 = 10, so 2x + 7 = (4x - 2) + 3 = 10 + 3 = 13.\nAnswer: 13",
            "unknown",
        ),
    ],
)
def test_a_step_of_the_premise_follows_from_the_one_before(
    prompt: str, answer: str, response: str, status: str
) -> None:
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert verdict["status"] == status, verdict
