"""The operation a line of arithmetic names is one it computes (arithmetic_names.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.arithmetic_names import directs, misnamed_operation
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
        # named by a noun, an operator word or another verb
        ("Sum: 3 × 12 = 36", True),
        ("Difference: 36 × 2 = 72", True),
        ("Product: 36 − 7 = 29", True),
        ("Quotient: 36 − 7 = 29", True),
        ("**Addition:** 3 × 12 = 36", True),
        ("Step 1 (subtraction): 48 ÷ 6 = 8", True),
        ("Using multiplication, 48 ÷ 6 = 8 stickers each.", True),
        ("Plus: 36 − 7 = 29", True),
        ("Totaling: 3 × 12 = 36", True),
        ("Removing: 36 + 7 = 43", True),
        ("Split equally: 3 × 12 = 36", True),
        ("Square it: 3 × 12 = 36", True),
        ("Increase by 12: 3 × 12 = 36", True),
        ("| Addition | 3 × 12 = 36 |", True),
        ("3 × 12 = 36 (that's addition)", True),
        ("We add the trays together. 3 × 12 = 36.", True),
        ("Ａｄｄ: 3 × 12 = 36", True),
        ("Σ: 3 × 12 = 36", True),
        ("Reciprocal: 36 − 7 = 29", True),
        ("Percentage: 36 − 7 = 29", True),
        ("Modulo: 36 − 7 = 29", True),
        ("Summation: 3 × 12 = 36", True),
        ("Ratio: 3 × 12 = 36", True),
        ("Average: 3 × 12 = 36", True),
        ("Remainder: 3 × 12 = 36", True),
        ("Twice: 3 × 12 = 36", True),
        ("Exponent: 3 × 12 = 36", True),
        ("Halving: 48 − 24 = 24", True),
        ("Twice: 2 × 12 = 24", False),
        ("Halving: 48 ÷ 2 = 24", False),
        ("Remainder: 36 − 7 = 29", False),
        ("17 × 23 = 391. Double-check: 23 × 17 = 391.", False),
        ("On average, 3 × 12 = 36.", False),
        # named and done
        ("Product: 3 × 12 = 36", False),
        ("Step 1 (division): 48 ÷ 6 = 8", False),
        ("Square it: 6 × 6 = 36", False),
        ("We multiply the trays by the muffins per tray. 3 × 12 = 36.", False),
        # connectives and purposes name nothing
        ("In addition, she gives away 7: 36 − 7 = 29", False),
        ("To sum up, 36 − 7 = 29 pencils are left.", False),
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


@pytest.mark.parametrize(
    ("before", "line", "misnamed"),
    [
        ("### Step 1: Add", "3 × 12 = 36", True),
        ("Add the trays together:", "3 × 12 = 36", True),
        ("We add the trays together.", "3 × 12 = 36", True),
        ("### Step 1: Multiply", "3 × 12 = 36", False),
    ],
)
def test_a_line_before_names_the_next_line(before: str, line: str, misnamed: bool) -> None:
    assert directs(before)
    assert (misnamed_operation(line, before) is not None) is misnamed


def test_a_purpose_names_no_next_line() -> None:
    assert not directs("To add these fractions, I need a common denominator.")


BETTY = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "status"),
    [
        (BETTY, "Add: 3 × 12 = 36\nSubtract: 36 − 7 = 29\n\nAnswer: 29", "29", "unknown"),
        (BETTY, "Multiply: 3 × 12 = 36\nSubtract: 36 − 7 = 29\n\nAnswer: 29", "29", "verified"),
        (
            BETTY,
            "### Step 1: Add\n3 × 12 = 36\n### Step 2: Subtract\n36 − 7 = 29\n\nAnswer: 29",
            "29",
            "unknown",
        ),
        (
            BETTY,
            "### Step 1: Multiply\n3 × 12 = 36\n### Step 2: Subtract\n36 − 7 = 29\n\nAnswer: 29",
            "29",
            "verified",
        ),
        (
            BETTY,
            "| Operation | Work |\n|---|---|\n| Addition | 3 × 12 = 36 |\n| Subtraction | 36 − 7 = 29 |",
            "29",
            "unknown",
        ),
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
