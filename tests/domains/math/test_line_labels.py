"""A leading `(N)` is a line label only when space and no operand follow it (step_reader.LABEL): `(2)(8)`
and `(5)2x` are products, so a false product is never read as the line without its factor."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job


def _status(prompt: str, answer: str, response: str) -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response + f"\nAnswer: {answer}"}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "response",
    [
        "3x + 2 = 14\n(4)3x = 12\nx = 4",  # read as `3x = 12` if the factor were a label
        "3x + 2 = 14\n(2)(3x) = 12\nx = 4",
        "Solve: (3)x = 12\nx = 4",
    ],
)
def test_a_leading_factor_is_not_dropped(response: str) -> None:
    assert _status("Solve for x: 3x + 2 = 14", "4", response) != "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        ("Compute 4 × 9.", "36", "(4)(9) = 36"),
        ("Solve for x: 3x + 2 = 14", "4", "(1) 3x + 2 = 14\n(2) 3x = 12\n(3) x = 4"),
    ],
)
def test_products_and_real_labels_read(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) == "verified"
