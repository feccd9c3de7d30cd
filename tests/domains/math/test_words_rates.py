"""A rate written after a number (`90 a day`) is words, never the variable a times the number (words.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.words import extract_claims


@pytest.mark.parametrize(
    ("line", "claims"),
    [
        ("She bakes 15*6 = 90 a day.", "15*6 = 90"),
        ("She makes 9 * 2 = 18 a week", "9 * 2 = 18"),
        ("so 6 * 5 = 30 a piece", "6 * 5 = 30"),
        # the variable a stays a variable: before `=`, after a word, or followed by a connective or math
        ("so 2 a = 6", "2 a = 6"),
        ("x = 3 a", "x = 3 a"),
    ],
)
def test_a_rate_after_a_number_is_words(line: str, claims: str) -> None:
    assert extract_claims(line) == claims


def test_the_a_before_a_connective_is_not_taken_for_words() -> None:
    assert extract_claims("x = 3 a and y = 2") != "x = 3"
