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
        # the label in every place a line writes one: after the result, in brackets, in a table's first
        # cell, as a bullet's subject, bold, in LaTeX text, on the line above, after an arrow
        (EGGS, "18", "Left over: 16 − 3 − 4 = 9\nMoney: 9 × 2 = 18 (eggs)\nAnswer: 18"),
        (
            EGGS,
            "18",
            "| Quantity | Value |\n|---|---|\n| Eggs left | 16 − 3 − 4 = 9 |\n| Eggs eaten | 9 × 2 = 18 |",
        ),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\n**Eggs sold** 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\n$\\text{Eggs sold} = 9 \\times 2 = 18$\nAnswer: 18"),
        (
            EGGS,
            "18",
            "Left: 16 − 3 − 4 = 9\n**Step 2: Eggs sold**\nShe sells them all.\n9 × 2 = 18\nAnswer: 18",
        ),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\nＥｇｇｓ s\u200bold: 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\nEggs (sold): 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\n9 × 2 = 18, eggs\nAnswer: 18"),
        (
            SHOP,
            "22",
            "- Notebooks cost 4 × 3 = 12\n- Pens cost 2 × 5 = 10\n- Total 12 + 10 = 22\n\nAnswer: 22",
        ),
        (SHOP, "22", "Pen cost → 2 × 5 = 10\nNotebook cost → 4 × 3 = 12\nTotal → 12 + 10 = 22\n\nAnswer: 22"),
        (SHOP, "22", "4 × 3 = 12 → notebooks\n2 × 5 = 10 → pens\n12 + 10 = 22\n\nAnswer: 22"),
        (SHOP, "22", "4 × $3 = $12 for the notebooks\n2 × $5 = $10 for the pens\n12 + 10 = 22\nAnswer: 22"),
        (
            SHOP,
            "22",
            "The notebooks cost 4 × 3 = 12 and the pens 2 × 5 = 10, total 12 + 10 = 22.\nAnswer: 22",
        ),
        (SHOP, "22", "### Notebooks\n4 × 3 = 12\n### Pens\n2 × 5 = 10\n### Total\n12 + 10 = 22\nAnswer: 22"),
        (SHOP, "22", "2 × 5 = 10 pens\n4 × 3 = 12 notebooks\n12 + 10 = 22\nAnswer: 22"),
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
        # the same shapes, saying what is counted
        (EGGS, "18", "Left over: 16 − 3 − 4 = 9\nMoney: 9 × 2 = 18 (dollars)\nAnswer: 18"),
        (
            EGGS,
            "18",
            "| Quantity | Value |\n|---|---|\n| Eggs left | 16 − 3 − 4 = 9 |\n| Money | 9 × 2 = 18 |",
        ),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\n**Step 2: Money from selling eggs**\n9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\nCost of the eggs: 9 × 2 = 18\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\nShe sells 9 eggs for 9 × 2 = 18 dollars.\nAnswer: 18"),
        (EGGS, "18", "Left: 16 − 3 − 4 = 9\nMultiply the eggs by the price: 9 × 2 = 18\nAnswer: 18"),
        (
            SHOP,
            "22",
            "- Pens cost 4 × 3 = 12\n- Notebooks cost 2 × 5 = 10\n- Total 12 + 10 = 22\n\nAnswer: 22",
        ),
        (SHOP, "22", "Pen cost → 4 × 3 = 12\nNotebook cost → 2 × 5 = 10\nTotal → 12 + 10 = 22\n\nAnswer: 22"),
        (SHOP, "22", "4 × 3 = 12 → pens\n2 × 5 = 10 → notebooks\n12 + 10 = 22\n\nAnswer: 22"),
        (
            SHOP,
            "22",
            "The pens cost 4 × 3 = 12 and the notebooks 2 × 5 = 10, total 12 + 10 = 22.\nAnswer: 22",
        ),
        # a computed factor carries its own unit: 15 pages a minute times 8 minutes are pages
        (
            "A printer prints 45 pages in 3 minutes. How many pages does it print in 8 minutes?",
            "120",
            "Rate: 45 ÷ 3 = 15\nPages in 8 minutes: 15 × 8 = 120\nAnswer: 120",
        ),
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


CAR = "A car travels at 60 miles per hour for 2.5 hours. How many miles does it travel?"
DUCKS = (
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her "
    "friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck "
    "egg. How much in dollars does she make every day at the farmers' market?"
)


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        # a result said to be per hour that multiplies by the hours it is per
        (CAR, "150", "It travels 60*2.5=<<60*2.5=150>>150 miles an hour.\n#### 150", "unknown"),
        (CAR, "150", "Distance: 60 × 2.5 = 150 miles per hour\n#### 150", "unknown"),
        (CAR, "150", "It travels 60*2.5=<<60*2.5=150>>150 miles in total.\n#### 150", "verified"),
        # the unit after the `$` that closes inline math is the result's unit
        (
            DUCKS,
            "18",
            "Eggs sold: $16 - 3 - 4 = 9$\n\nIncome: $9 \\times 2 = 18$ eggs\n\n$\\boxed{18}$",
            "unknown",
        ),
        (
            DUCKS,
            "18",
            "Eggs sold: $16 - 3 - 4 = 9$\n\nIncome: $9 \\times 2 = 18$ dollars\n\n$\\boxed{18}$",
            "verified",
        ),
    ],
)
def test_what_a_result_is_per_and_its_unit_after_math(
    prompt: str, gold: str, response: str, status: str
) -> None:
    assert _status(prompt, gold, response) == status


LETTERS = (
    "James writes a 3-page letter to 2 different friends twice a week. How many pages does he write a year?"
)


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Pages a week: 3 × 2 × 2 = 12 pages\nPages a year: 12 × 52 = 624 pages\n#### 624", "verified"),
        ("Pages a week: 3 × 2 × 2 = 12\nIn a year: 12 × 52 = 624\n#### 624", "verified"),
        # 52 converts weeks and years: its product is never in days or per day
        ("Pages a week: 3 × 2 × 2 = 12 pages\nDays a year: 12 × 52 = 624 days\n#### 624", "unknown"),
        ("Pages a week: 3 × 2 × 2 = 12\nThat is 12 × 52 = 624 pages a day\n#### 624", "unknown"),
    ],
)
def test_a_conversion_is_between_its_own_units(response: str, status: str) -> None:
    assert _status(LETTERS, "624", response) == status


SHIRT = (
    "A shirt costs $40. It is on sale for 25% off, and then a 10% sales tax is added to the sale price. "
    "What is the final price?"
)


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # the whole and its tax as one factor, 1.1, uses the 10 the problem gives
        (
            "Sale price: $40 × 0.75 = $30\nTotal (after tax): $30 × 1.1 = $33\n\n**Final answer: $33**",
            "verified",
        ),
        (
            "$$40 \\times (1 - 0.25) = 30$$\n$$30 \\times 1.10 = 33$$\nThe answer is $\\boxed{33}$.",
            "verified",
        ),
        ("Sale price (before tax): $40 × 0.75 = $30\nTotal: $30 × 1.1 = $33\n#### 33", "verified"),
        # a label that says before the tax, over a product that applies it
        ("Sale price: $40 × 0.75 = $30\nTotal (before tax): $30 × 1.1 = $33\n#### 33", "unknown"),
        ("Sale price: $40 × 0.75 = $30\nPre-tax total: $30 × 1.1 = $33\n#### 33", "unknown"),
        ("Price without the discount: $40 × 0.75 = $30\nTotal: $30 × 1.1 = $33\n#### 33", "unknown"),
    ],
)
def test_a_percentage_added_to_the_whole(response: str, status: str) -> None:
    assert _status(SHIRT, "33", response) == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Eggs left: 16 − 3 − 4 = 9\nMoney: 9 × 2 = $18\n#### 18", "verified"),
        ("Eggs left: 16 − 3 − 4 = 9\nMoney per day: 9 × 2 = $18\n#### 18", "verified"),
        # $2 per egg times the 9 eggs left is not a rate per egg
        ("Eggs left: 16 − 3 − 4 = 9\nMoney per egg: 9 × 2 = $18\n#### 18", "unknown"),
        ("Eggs left: 16 − 3 − 4 = 9\nPrice per egg: $2 × 9 = $18\n#### 18", "unknown"),
    ],
)
def test_a_rate_per_thing_times_a_computed_count(response: str, status: str) -> None:
    assert _status(DUCKS, "18", response) == status
