"""A root rejected for making the problem's denominator zero (rejection.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.rejection import find_rejections

_PROMPT = "Solve for x: (x^2 - 1)/(x - 1) = 0"


def _status(response: str, answer: str = "-1") -> str:
    job = {"prompt": _PROMPT, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "clause",
    [
        "But x = 1 makes the denominator zero, so it is rejected.",
        "x = 1 makes the denominator zero, so we reject it.",
        "x = 1 gives division by zero, so this root is extraneous.",
        "x = 1 would make the denominator equal to zero, and it must be excluded",
    ],
)
def test_the_clause_rejects_its_value(clause: str) -> None:
    found = find_rejections(clause)
    assert found is not None
    assert found[0] == [("x", "1")]


@pytest.mark.parametrize(
    "clause",
    [
        "x = 1 makes the denominator zero.",  # no rejection said
        "x = 1 makes the denominator 5, so it is rejected.",  # a reason not read
        "x = 1 makes me happy, so it is rejected.",
    ],
)
def test_other_clauses_are_not_read_as_rejections(clause: str) -> None:
    assert find_rejections(clause) is None


def test_a_trace_that_rejects_the_extraneous_root_verifies() -> None:
    trace = (
        "x^2 - 1 = 0\nx = 1 or x = -1\nBut x = 1 makes the denominator zero, so it is rejected.\n"
        "Answer: x = -1"
    )
    assert _status(trace) == "verified"


def test_rejecting_the_true_root_is_refuted() -> None:
    trace = "x^2 - 1 = 0\nx = 1 or x = -1\nx = -1 makes the denominator zero, so we reject it.\nAnswer: x = 1"
    assert _status(trace, "-1") == "refuted"


@pytest.mark.parametrize(
    ("clause", "rest"),
    [
        ("x = 1 is excluded, so x = -1.", ", so x = -1."),
        ("So x = 1 is ruled out.", "."),
        ("Since x ≠ 1, x = -1.", " x = -1."),
    ],
)
def test_an_excluded_value_is_rejected(clause: str, rest: str) -> None:
    found = find_rejections(clause)
    assert found is not None
    assert found[0] == [("x", "1")]
    assert found[1].strip() == rest.strip()


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Multiply by (x − 1): x² − 1 = 0, so x = 1 or x = −1.\nx = 1 is excluded, so x = −1.", "verified"),
        ("Multiply by (x − 1): x² − 1 = 0, so x = ±1. Since x ≠ 1, x = −1.", "verified"),
        ("Multiply by (x − 1): x² − 1 = 0, so x = 1 or x = −1.\nx = −1 is excluded, so x = 1.", "refuted"),
        ("Multiply by (x − 1): x² − 1 = 0, so x = ±1. Since x ≠ −1, x = 1.", "refuted"),
    ],
)
def test_an_excluded_root_is_checked(response: str, status: str) -> None:
    assert _status(response) == status
