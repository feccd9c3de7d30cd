"""A decimal approximation closing a line (approximations.py) is taken off when it is the value before it
rounded to the places it shows; any other tail leaves the line as written (unreadable)."""

from __future__ import annotations

import pytest

from assay.domains.math.approximations import (
    without_checked_answer_approximation,
    without_checked_approximation,
)
from assay.domains.math.check import check_trace_job
from assay.domains.math.decide import Refuted, Unknown, arith
from assay.domains.math.grammar import parse_chain


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("3/4 - 1/6 = 9/12 - 2/12 = 7/12 ≈ 0.583", "3/4 - 1/6 = 9/12 - 2/12 = 7/12"),
        ("= 7/12 ≈ 0.5833.", "= 7/12."),
        ("11/12 = 0.91666... no: 2/3 + 1/4 = 11/12 ≈ 0.917", "11/12 = 0.91666... no: 2/3 + 1/4 = 11/12"),
        ("x = ±√2 ≈ ±1.414", "x = ±√2"),
        ("$x = \\pm\\sqrt{2} \\approx \\pm 1.41$", "$x = \\pm\\sqrt{2}$"),
        ("x = -√2 ≈ -1.414", "x = -√2"),
        ("x = (3 + √5)/2 ≈ 2.618", "x = (3 + √5)/2"),
        ("y = 1/3 ≈ 0.3", "y = 1/3"),
        ("x = 2 + √3 ≈ 3.732 or x = 2 - √3 ≈ 0.268", "x = 2 + √3 or x = 2 - √3"),
        ("x = 2 + √3 ≈ 3.732 or x = 2 - √3 ≈ 0.269", "x = 2 + √3 or x = 2 - √3 ≈ 0.269"),
        ("x = 2 + √3 ≈ 3.731, y = 1/3 ≈ 0.333", "x = 2 + √3 ≈ 3.731, y = 1/3"),
    ],
)
def test_a_rounded_tail_is_taken_off(line: str, read: str) -> None:
    assert without_checked_approximation(line) == read


@pytest.mark.parametrize(
    "line",
    [
        "= 7/12 ≈ 0.584",  # a wrong last digit
        "= 11/12 ≈ 0.916",  # truncated, not rounded
        "= 2/3 ≈ 0.66",
        "x = ±√2 ≈ 1.414",  # one of the two values
        "x = √2 ≈ ±1.414",
        "x = ±√2 ≈ ±1.415",
        "x = (3 + √5)/2 ≈ 2.619",
        "x ≈ 0.583",  # nothing exact before it
        "7/12 ≈ 0.583",
        "x = 2y ≈ 0.5",  # not a number alone
        "x = π ≈ 3.14",  # beyond exact arithmetic
        "= 1/3 ≈ 0.3333333333333333333",
        "x = 2 + √3 ≈ 3.732 + 1",  # the decimal is not the whole of what follows
        "x = 2 + √3 or 2 - √3 ≈ 0.268",
    ],
)
def test_any_other_tail_stays(line: str) -> None:
    assert without_checked_approximation(line) == line


@pytest.mark.parametrize(
    ("approx", "verified"),
    [("0.583", True), ("0.58", True), ("0.584", False), ("0.59", False)],
)
def test_a_trace_with_an_approximate_tail(approx: str, verified: bool) -> None:
    response = f"3/4 - 1/6 = 9/12 - 2/12 = 7/12 ≈ {approx}\nAnswer: 7/12"
    result = check_trace_job(
        {"prompt": "Compute: 3/4 - 1/6", "reference": {"answer": "7/12"}, "response": response}
    )
    assert (result["status"] == "verified") is verified


@pytest.mark.parametrize(
    ("line", "status"),
    [
        # a surd cut to a few places and written with `=`: an approximation, as a rational's is
        ("√2 = 1.41", "unknown"),
        ("√2 = 1.414", "unknown"),
        ("2√3 = 3.46", "unknown"),
        ("1 + √2 = 2.41", "unknown"),
        # a wrong digit, a whole number, more places than an approximation shows: false
        ("√2 = 1.43", "refuted"),
        ("√2 = 1", "refuted"),
        ("√2 = 1.3", "refuted"),
        ("√2 = 1.4142135623", "refuted"),
    ],
)
def test_a_surd_written_as_a_short_decimal_with_equals(line: str, status: str) -> None:
    left, right = parse_chain(line)
    raised = Unknown if status == "unknown" else Refuted
    with pytest.raises(raised):
        arith(left, right)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("\\boxed{19/40} ≈ 0.48", "\\boxed{19/40}"),
        ("$\\boxed{\\frac{19}{40}} \\approx 0.475$", "$\\boxed{\\frac{19}{40}}$"),
        ("The answer is 19/40 ≈ 0.48.", "The answer is 19/40."),
        ("\\boxed{19/40} ≈ 0.58", "\\boxed{19/40} ≈ 0.58"),  # not its rounding: the tail stays
        ("\\boxed{19/40} ≈ 0.4", "\\boxed{19/40} ≈ 0.4"),
        ("\\boxed{x} ≈ 0.48", "\\boxed{x} ≈ 0.48"),  # no value to round
        ("The answer is 19/40 ≈ 0.48 or so.", "The answer is 19/40 ≈ 0.48 or so."),  # not closing the text
    ],
)
def test_a_rounded_tail_after_a_stated_answer_is_taken_off(text: str, read: str) -> None:
    assert without_checked_answer_approximation(text) == read


def test_a_stated_answer_with_its_rounding_verifies_and_a_wrong_rounding_does_not() -> None:
    job = {"prompt": "Compute 3/8 + 1/10.", "reference": {"answer": "19/40"}, "task": ""}
    right = check_trace_job({**job, "response": "3/8 + 1/10 = 19/40\nThe answer is 19/40 ≈ 0.48."})
    wrong = check_trace_job({**job, "response": "3/8 + 1/10 = 19/40\nThe answer is 19/40 ≈ 0.58."})
    assert (right["status"], wrong["status"]) == ("verified", "unknown")
