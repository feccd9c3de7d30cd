"""The operation a line of arithmetic names is one it computes (arithmetic_names.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.arithmetic_names import misnamed_operation
from assay.domains.math.check import check_trace_job


@pytest.mark.parametrize(
    ("line", "misnamed"),
    [
        ("Add: 3 × 12 = 36", True),
        ("Divide: 36 − 7 = 29", True),
        ("Subtract: 18/5 + 8/9 = 202/45", True),
        ("Adding: 1/4 − 16/27 = −37/108.", True),
        ("Multiply: (3/5) ÷ (1/6) = 18/5", True),
        ("Step 1: 1/4 - (4/3) × (4/9) = 1/4 - 16/27 [add first]", True),
        ("Step 2: 1/4 - 16/27 = -37/108 [add]", True),
        ("We add the boxes: 3 × 12 = 36 pencils. We multiply out the gift: 36 − 7 = 29.", True),
        # named and done
        ("Multiply: 3 × 12 = 36", False),
        ("Step 2: 1/4 - 16/27 = -37/108 [subtract]", False),
        ("Step 1: 1/4 - (4/3) × (4/9) = 1/4 - 16/27 [multiply first: 4/3 × 4/9 = 16/27]", False),
        ("Divide 12 by 5: 12/5 = 2.4", False),
        ("Divide by multiplying by the reciprocal: 1/2 ÷ 3/4 = 2/3", False),
        ("She adds 5 more apples: 12 + 5 = 17", False),
        ("In total she has 3 × 12 = 36 pencils, then subtracts 7: 36 - 7 = 29", False),
        ("Then divide: −37/108.", False),  # no arithmetic to judge
    ],
)
def test_a_named_operation_is_one_the_line_computes(line: str, misnamed: bool) -> None:
    assert (misnamed_operation(line) is not None) is misnamed


BETTY = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "status"),
    [
        (BETTY, "Add: 3 × 12 = 36\nSubtract: 36 − 7 = 29\n\nAnswer: 29", "29", "unknown"),
        (BETTY, "Multiply: 3 × 12 = 36\nSubtract: 36 − 7 = 29\n\nAnswer: 29", "29", "verified"),
        (
            "Compute: (3/5) ÷ (1/6) + 8/9",
            "Multiply: (3/5) ÷ (1/6) = 18/5\n18/5 + 8/9 = 202/45\n\nAnswer: 202/45",
            "202/45",
            "unknown",
        ),
        (
            "Compute: (3/5) ÷ (1/6) + 8/9",
            "Divide: (3/5) ÷ (1/6) = 18/5\nAdd: 18/5 + 8/9 = 202/45\n\nAnswer: 202/45",
            "202/45",
            "verified",
        ),
    ],
)
def test_traces_with_named_operations(prompt: str, response: str, answer: str, status: str) -> None:
    result = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert result["status"] == status, result
