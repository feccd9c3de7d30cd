"""A price said of one thing inside a product (`7 × $3 each = $21`, `× $3 per pencil`) is the price: the
words after it say what it is the price of (units.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

PENCILS = {
    "prompt": "A store sells pencils at $3 each. Maria buys 7 pencils and pays with a $50 bill. "
    "How much change does she get?",
    "reference": {"answer": "29"},
}


@pytest.mark.parametrize(
    ("cost", "status"),
    [
        ("7 pencils × $3 each = $21", "verified"),
        ("7 × $3/pencil = $21", "verified"),
        ("7 pencils × $3 per pencil = $21", "verified"),
        ("$3 each × 7 pencils = $21", "verified"),
        ("7 × $3 each = $22", "refuted"),
        # the product said in words, or a price per something the prompt does not count: left unread
        ("7 pencils at $3 each = $21", "unknown"),
        ("7 × $3 a week = $21", "unknown"),
    ],
)
def test_a_price_of_one_in_a_product(cost: str, status: str) -> None:
    change = "$50 − $22 = $28" if "22" in cost else "$50 − $21 = $29"
    result = check_trace_job({**PENCILS, "response": f"{cost}\n{change}\nAnswer: {change.split('$')[-1]}"})
    assert result["status"] == status
