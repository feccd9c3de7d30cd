"""A word problem's label or result unit held to what the prompt says its numbers count
(label_quantities.py), and a count in Roman numerals in a step's words (word_steps.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.label_quantities import rates

SHOP = (
    "A shop sells pens at $3 each and notebooks at $5 each. Maria buys 4 pens and 2 notebooks. "
    "How much does she spend?"
)
EGGS = (
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her "
    "friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck "
    "egg. How much in dollars does she make every day at the farmers' market?"
)
BAKER = "A baker makes 48 cookies and packs them in boxes of 6. She sells 5 boxes. How many boxes are left?"
PAGES = "Tom reads 15 pages a day. How many pages does he read in 2 weeks?"
PENCILS = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)


def _status(prompt: str, gold: str, response: str) -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    )
    return str(result["status"])


@pytest.mark.parametrize(
    ("prompt", "found"),
    [
        (PAGES, {Fraction(15): {"day"}}),
        (EGGS, {Fraction(16): {"day"}, Fraction(2): {"egg"}}),
        ("12 pencils per box.", {Fraction(12): {"box"}}),
        # `$12 and a hat`: no rate
        ("A shirt costs $12 and a hat costs $7. How much?", {}),
        ("Pens at $3 each and notebooks at $5 each.", {}),
    ],
)
def test_rates(prompt: str, found: dict[Fraction, set[str]]) -> None:
    assert rates(prompt) == found


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        (
            SHOP,
            "22",
            "Cost of the notebooks: 4 × $3 = $12\nCost of the pens: 2 × $5 = $10\n"
            "Total: $12 + $10 = $22\nAnswer: 22",
        ),
        (SHOP, "22", "Pens: 2 × 5 = 10\nNotebooks: 4 × 3 = 12\nTotal: 10 + 12 = 22\nAnswer: 22"),
        (EGGS, "18", "Eggs left: 16 - 3 - 4 = 9\nEggs eaten and sold: 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Remaining eggs: 16 - 3 - 4 = 9 dollars\nEarnings: 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "She sells 16 - 3 - 4 = 9 eggs and makes 9 × 2 = 18 eggs.\nAnswer: $18"),
        (PENCILS, "29", "3 × 12 = 36 pencils.\nAfter giving away IX pencils: 36 − 7 = 29.\nAnswer: 29"),
    ],
)
def test_labels_that_lie_are_never_verified(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) == "unknown"


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        (
            SHOP,
            "22",
            "**Pens:** $3 × 4 = $12\n**Notebooks:** $5 × 2 = $10\n**Total:** $12 + $10 = $22\n\nAnswer: 22",
        ),
        (EGGS, "18", "Eggs left: 16 - 3 - 4 = 9\nEarnings: 9 × 2 = 18 dollars\nAnswer: 18"),
        # a quotient counts something new: cookies ÷ cookies per box are boxes
        (BAKER, "3", "Find the number of boxes: 48 ÷ 6 = 8\nSubtract the boxes sold: 8 - 5 = 3\n#### 3"),
        # `per day` in a label names the rate, not what the line counts
        (
            PAGES,
            "210",
            "Two weeks have 14 days: 2 × 7 = 14.\n\n"
            "Multiply by the pages per day: 15 × 14 = 210.\n\n**Answer: 210**",
        ),
    ],
)
def test_labels_that_say_what_is_counted_verify(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) == "verified"


SALE = "A shirt costs $40 and is on sale for 25% off. What is the sale price in dollars?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Discount amount: 0.25 × 40 = $10\nSale price: $40 − $10 = $30\nAnswer: $30", "verified"),
        ("Sale price = 0.75 × 40 = 30\n\nAnswer: $30", "verified"),
        ("The discount is 0.25 × 40 = $10, so the sale price is 40 − 10 = $30.\n\nAnswer: 30", "verified"),
        # the label says the line computes what it does not
        ("Discount amount: 0.25 × 40 = $10\nOriginal price: $40 − $10 = $30\nAnswer: $30", "unknown"),
        ("Discount amount: 0.75 × 40 = $30\nAnswer: $30", "unknown"),
        ("Sale price: 0.25 × 40 = $10\nSale price: 40 - 10 = 30\nAnswer: $30", "unknown"),
        # a number from nowhere, a wrong product
        ("0.7 × 40 = 28\n28 + 2 = 30\nAnswer: 30", "unknown"),
        ("Discount: 0.25 × 40 = $12\nSale price: 40 − 12 = 28\nAnswer: 28", "refuted"),
    ],
)
def test_parts_of_a_whole(response: str, status: str) -> None:
    assert _status(SALE, "30", response) == status
