"""A line that gives one value under a label, and a label that recaps a given or a check."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from assay.domains.math.labelled_values import NUMBER, labelled_value, number_value, recaps_a_given


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("Apples left: 36", "Apples left", 36),
        ("- **Apples left:** 36", "Apples left", 36),
        ("Left = 36 apples", "Left", 36),
        ("Apples remaining — 36", "Apples remaining", 36),
        ("| Apples left | 36 |", "Apples left", 36),
        ('{"answer": 36}', "answer", 36),
        ("∴ 36", "", 36),
        ("=> -4", "", -4),
        ("Remaining: thirty-six", "Remaining", 36),
        ("Share: 3/4", "Share", Fraction(3, 4)),
        ("Discount: 25%", "Discount", Fraction(1, 4)),
        ("Answer (corrected): 36", "Answer (corrected)", 36),
    ],
)
def test_a_value_under_a_label_is_read(line: str, label: str, value: Fraction) -> None:
    assert labelled_value(line) == (label, value)


@pytest.mark.parametrize(
    "line",
    [
        "Check: 29 + 7 = 36",  # work, not a value
        "He gave away 7 of his 36 apples.",
        "| Quantity | Value |",
        "|---|---|",
        "Share: 3/0",
        "Step 1: subtract 7 from 36",
        "x" * 300 + ": 5",
    ],
)
def test_other_lines_give_no_labelled_value(line: str) -> None:
    assert labelled_value(line) is None


@pytest.mark.parametrize(
    ("label", "recap"),
    [
        ("Start", True),
        ("Given away", True),
        ("Verification", True),
        ("Left side", True),
        ("LHS", True),
        ("Total given away", False),  # a result word, whatever else
        ("Apples left", False),
        ("Final", False),
        ("Tom", False),
        ("", False),
    ],
)
def test_a_recap_names_a_given_or_a_check_and_no_result(label: str, recap: bool) -> None:
    assert recaps_a_given(label) is recap


def test_a_name_given_a_value_is_no_label() -> None:
    assert labelled_value("Then y = 8.") is None
    assert labelled_value("x = 5") is None
    assert labelled_value("because 2x = 8.") is None  # a claim with words before it


@pytest.mark.parametrize(
    ("text", "value"),
    [("36", 36), ("-4", -4), ("1,250.5", Fraction(2501, 2)), ("3 / 4", Fraction(3, 4)),
     ("25%", Fraction(1, 4)), ("thirty-six", 36), ("$12", 12), ("3/0", None)],
)  # fmt: skip
def test_a_number_is_read_once_for_every_reader(text: str, value: Fraction | None) -> None:
    found = re.fullmatch(NUMBER, text, re.I)
    assert found is not None and number_value(found) == value
