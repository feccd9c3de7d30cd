"""A line that calls a step wrong without taking it back is unknown (self_judged.py, steps.py)."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.self_judged import judges_wrong

PENCILS = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)


@pytest.mark.parametrize(
    ("line", "judged"),
    [
        ("2x = 8 — no, that's wrong.", True),
        ("3 × 12 = 36 (oops, wrong)", True),
        ("3 × 12 = 36? No.", True),
        ("Note that 2x = 8 is incorrect.", True),
        ("That was a mistake.", True),
        ("36 - 7 = 29. Not.", True),
        ("No mistake there: 36 - 7 = 29.", False),
        ("That is not wrong.", False),
        ("36 - 7 = 29 ✓", False),
    ],
)
def test_judges_wrong(line: str, judged: bool) -> None:
    assert judges_wrong(line) is judged


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("3 × 12 = 36 (oops, wrong)\n36 − 7 = 29\nAnswer: 29", "unknown"),
        ("3 × 12 = 36\nThat is wrong.\n36 − 7 = 29\nAnswer: 29", "unknown"),
        ("3 × 12 = 36. 36 - 7 = 29. False.\nAnswer: 29", "unknown"),
        # a retraction that takes the step back and says what replaces it
        ("3 × 12 = 36\n36 − 7 = 28\nOops, that's a mistake: 36 − 7 = 29\nAnswer: 29", "verified"),
        ("3 × 12 = 36\n36 − 7 = 29\nAnswer: 29", "verified"),
    ],
)
def test_traces_that_judge_a_step_wrong(response: str, status: str) -> None:
    job = {"prompt": PENCILS, "reference": {"answer": "29"}, "response": response}
    result: dict[str, Any] = check_trace_job(job)
    assert result["status"] == status, result
