"""A reason said after a claim (`3x = 15 because 20 take away 5 leaves 14`) is a clause of its own: a
relation it states in words is a claim nobody reads, so the step is unreadable (hidden_claims.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.hidden_claims import hidden_claim

EQUATION = {
    "prompt": "Solve for x: 3x + 5 = 20",
    "reference": {"kind": "equation", "equations": ["3x + 5 = 20"], "variables": ["x"], "answer": "5"},
}


@pytest.mark.parametrize(
    "reason",
    [
        "20 take away 5 leaves 14",
        "taking 5 from 20 leaves 14",
        "5 from 20 is 14",
        "removing 5 from 20 gives 14",
        "20 reduced by 5 is 14",
    ],
)
def test_a_false_reason_in_words_is_never_checked_as_true(reason: str) -> None:
    assert hidden_claim(f"3x = 15 because {reason}")
    response = f"3x + 5 = 20\n3x = 15 because {reason}\nx = 5\nAnswer: x = 5"
    assert check_trace_job({**EQUATION, "response": response})["status"] != "verified"


@pytest.mark.parametrize(
    "line",
    ["3x = 15 because we subtract 5 from both sides", "3x = 15 since 20 - 5 = 15"],
)
def test_a_reason_without_a_relation_in_words_stays_read(line: str) -> None:
    assert not hidden_claim(line)
    response = f"3x + 5 = 20\n{line}\nx = 5\nAnswer: x = 5"
    assert check_trace_job({**EQUATION, "response": response})["status"] == "verified"
