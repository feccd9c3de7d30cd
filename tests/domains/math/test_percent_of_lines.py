"""A line naming a percent of a number and ending on a colon is one chain with the arithmetic after it."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.percent_of_lines import joined_percent_lines

SHIRT = "A shirt costs $25 and is on sale for 20% off. What is the sale price in dollars?"
TAIL = "\nThe sale price is 25 − 5 = $20.\nAnswer: $20"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("The discount is 20% of $25:\n0.20 × 25 = 5", "The discount is 20% of $25, which is 0.20 × 25 = 5"),
        ("**Discount: 20% of $25:**\n$25 × 0.2 = $5", "**Discount: 20% of $25, which is $25 × 0.2 = $5"),
        # a colon after a move names an operation, not a value; a line after it with a name is no arithmetic
        ("Divide by 3:\n12 / 3 = 4", "Divide by 3:\n12 / 3 = 4"),
        ("The discount is 20% of $25:\nx = 5", "The discount is 20% of $25:\nx = 5"),
        ("The discount is 20% of $25:\n\n0.20 × 25 = 5", "The discount is 20% of $25:\n\n0.20 × 25 = 5"),
    ],
)
def test_joined_percent_lines(text: str, joined: str) -> None:
    assert joined_percent_lines(text) == joined


@pytest.mark.parametrize(
    ("work", "status"),
    [
        ("The discount is 20% of $25:\n0.20 × 25 = 5", "verified"),
        ("The discount is 25% of $25:\n0.20 × 25 = 5", "refuted"),  # the percent named is held to the work
        ("The discount is 20% of $25:\n0.25 × 25 = 6.25", "refuted"),
    ],
)
def test_the_percent_named_is_checked_against_the_arithmetic(work: str, status: str) -> None:
    job = {"prompt": SHIRT, "reference": {"answer": "20"}, "task": "", "response": work + TAIL}
    assert check_trace_job(job)["status"] == status
