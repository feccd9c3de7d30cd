"""A word problem's label and its result's unit name the same kind of quantity (label_dimensions.py)."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.label_dimensions import label_kind

CAR = (
    "A car travels 120 km in 2 hours, then continues at the same speed for 3 more hours. "
    "How many kilometres does it travel in total?"
)
BOOK = "Tom reads 15 pages per day. How many days does he need to read a 240-page book?"
TANK = "A tank holds 60 litres. A pump fills it at 4 litres per minute. How many minutes does it take?"
SALE = "A shirt costs $40. It is on sale for 25% off. What is the sale price in dollars?"
TAX = "A meal costs $50 before an 8% tax. What is the total cost in dollars?"
PENS = (
    "Pens cost $3 each. Maria buys 4 pens and pays with a $20 bill. How much change does she get in dollars?"
)


def _status(prompt: str, gold: str, response: str) -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    )
    return str(result["status"])


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("speed", ("rate", "")),
        ("pages per day", ("rate", "day")),
        ("total time", ("time", "")),
        ("distance", ("length", "")),
        ("number of pages", ("count", "page")),
        ("days needed", ("time", "")),
        ("sugar needed", ("", "")),
        ("change", ("money", "")),
        ("eggs sold", ("", "")),
    ],
)
def test_label_kinds(label: str, kind: tuple[str, str]) -> None:
    assert label_kind(label) == kind


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        (
            CAR,
            "300",
            "Speed: 120 ÷ 2 = 60 km/h\nSpeed: 60 km/h × 3 h = 180 km\nTotal: 120 + 180 = 300 km\nAnswer: 300",
        ),
        (
            CAR,
            "300",
            "Speed = 120 ÷ 2 = 60 km/h\nTime = 60 × 3 = 180 km\nDistance = 120 + 180 = 300 km\nAnswer: 300",
        ),
        (
            CAR,
            "300",
            "Speed = 120 ÷ 2 = 60 km/h\nDistance = 60 × 3 = 180 km\n"
            "Total time = 120 + 180 = 300 km\nAnswer: 300",
        ),
        (BOOK, "16", "Number of pages = 240 ÷ 15 = 16 days\nAnswer: 16"),
        (BOOK, "16", "Days needed: 240 ÷ 15 = 16 pages\nAnswer: 16 days"),
        (TANK, "15", "Litres per minute: 60 ÷ 4 = 15 minutes\nAnswer: 15"),
        (TANK, "15", "Minutes needed = 60 litres ÷ 4 = 15 litres\nAnswer: 15"),
        (PENS, "8", "Change: 4 × $3 = $12\nCost: $20 − $12 = $8\nAnswer: 8"),
        (PENS, "8", "Cost of the pens: 4 × $3 = $12\nChange: $20 − $12 = $8 pens\nAnswer: 8"),
        # a count of pens over a price of a pen; a rate per day over a division by one
        (PENS, "8", "Number of pens: 4 × 3 = 12\nChange: 20 − 12 = 8\nAnswer: 8"),
        (BOOK, "16", "Pages per day: 240 ÷ 15 = 16\nAnswer: 16"),
        (TANK, "15", "Flow rate: 60 ÷ 4 = 15\nAnswer: 15"),
        (PENS, "8", "Cost per pen: 4 × 3 = 12\nChange: 20 − 12 = 8\nAnswer: 8"),
        # the part taken named as what is left, and a price before tax computed
        (SALE, "30", "Discount: 40 × 25% = 10\nAmount saved: 40 − 10 = 30\nAnswer: 30"),
        (TAX, "54", "Tax = 50 × 0.08 = 4\nPrice before tax = 50 + 4 = 54\nAnswer: 54"),
    ],
)
def test_a_label_and_a_unit_of_two_kinds_are_never_verified(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) == "unknown"


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        (
            CAR,
            "300",
            "Speed = 120 ÷ 2 = 60 km/h\nDistance = 60 × 3 = 180 km\nTotal = 120 + 180 = 300 km\nAnswer: 300",
        ),
        (
            CAR,
            "300",
            "Speed = distance / time = 120 km / 2 hours = 60 km/h.\n"
            "Distance = speed * time = 60 km/h * 3 hours = 180 km.\nTotal: 120 + 180 = 300\nAnswer: 300",
        ),
        (BOOK, "16", "Days needed: 240 ÷ 15 = 16 days\nAnswer: 16"),
        (TANK, "15", "Time = 60 ÷ 4 = 15 minutes\nAnswer: 15"),
        (PENS, "8", "Cost of the pens: 4 × $3 = $12\nChange: $20 − $12 = $8\nAnswer: 8"),
        (PENS, "8", "Pens: 4 × 3 = 12\nChange: 20 − 12 = 8\nAnswer: 8"),
        (SALE, "30", "Discount: 40 × 25% = 10\nSale price: 40 − 10 = 30\nAnswer: 30"),
        (TAX, "54", "Tax = 50 × 0.08 = 4\nTotal = 50 + 4 = 54\nAnswer: 54"),
        (
            "A recipe needs 2/3 cup of sugar per batch. How many cups of sugar are needed for 6 batches?",
            "4",
            "Sugar needed: 6 × 2/3 = 4 cups.\n\nAnswer: 4",
        ),
    ],
)
def test_a_label_and_a_unit_of_one_kind_verify(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) == "verified"
