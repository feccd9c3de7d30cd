"""`x = 0.666...`: a decimal cut short is no claim to check as written (step_reader.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job


def _status(response: str) -> str:
    job = {"prompt": "Solve for x: 3x = 2", "reference": {"answer": "2/3"}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "response",
    [
        "x = 0.666...\nAnswer: 2/3",
        "x = 2/3 = 0.666…\nAnswer: 2/3",
        "x = 2/3 ≈ 0.666...\nAnswer: 2/3",
        r"x = 2/3 = 0.666\ldots" + "\nAnswer: 2/3",
    ],
)
def test_a_truncated_decimal_is_unknown_not_refuted(response: str) -> None:
    assert _status(response) == "unknown"


def test_an_exact_value_still_verifies() -> None:
    assert _status("3x = 2\nx = 2/3\nAnswer: 2/3") == "verified"
