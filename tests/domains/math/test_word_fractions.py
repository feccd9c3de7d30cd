"""A story that writes a fraction as one number ("She spends 1/4 of her money") is a word problem, not an
expression to compute (problem.py); the fraction is one quantity of it (wordy.py), and `1/4 of 40` in a
step is the product it says (claim_reading.py), never the `40` after the words."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.problem import spec_from
from assay.domains.math.trace import parse_trace
from assay.domains.math.wordy import given_numbers

MARIA = (
    "Maria has 40 dollars. She spends 1/4 of her money on a book and then buys a pen for 3 dollars. "
    "How many dollars does she have left?"
)
THESIS = (
    "Evelyn is required to submit a 9-page thesis. She already finished writing 1/3 of the thesis. "
    "How many pages does she have left to write?"
)
BEDS = (
    "A hospital has a capacity of 3200 beds with 1/4 occupied. Due to the major accident, 135 patients are "
    "admitted into the hospital each day. Calculate the total number of unoccupied beds in the hospital "
    "after 2 weeks. Give the result as your final answer. Do not include units."
)


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


@pytest.mark.parametrize(
    ("prompt", "kind"),
    [
        (MARIA, "words"),
        (THESIS, "words"),
        (BEDS, "words"),
        # the fraction is all the problem writes: it is the expression to work on
        ("Simplify 12/18.", "expression"),
        ("What is 3/4 as a decimal?", "expression"),
        # more than one fraction literal is arithmetic to do
        ("Compute 3/4 - 1/6.", "expression"),
        ("Tom has 5 apples. Compute 3/4 + 1/6.", "expression"),
    ],
)
def test_a_fraction_in_a_story_is_a_quantity_of_a_word_problem(prompt: str, kind: str) -> None:
    assert spec_from(prompt, {"answer": "1"}).kind == kind


def test_a_fractions_digits_are_not_given_numbers_on_their_own() -> None:
    given = given_numbers(MARIA)
    assert Fraction(1, 4) in given and Fraction(40) in given and Fraction(3) in given
    assert Fraction(4) not in given
    # a 4 the story writes elsewhere is given
    assert Fraction(4) in given_numbers("She has 4 pens and spends 1/4 of her 40 dollars.")


@pytest.mark.parametrize(
    ("line", "math"),
    [
        ("1/4 of 40 = 10", "(1/4 * 40) = 10"),
        ("She spends 1/4 of 40 = 10 dollars.", "(1/4 * 40) = 10"),
        ("3/5 of 20 is 12.", "(3/5 * 20) = 12"),
        # a result with words after it is not a fraction of anything
        ("50/60 = 5/6 of an hour", "50/60 = 5/6"),
    ],
)
def test_a_fraction_of_a_number_is_their_product(line: str, math: str) -> None:
    assert parse_trace(line).steps[0].math == math


def test_a_fraction_of_words_is_not_read_as_the_number_after_them() -> None:
    # `1/4 of her 40 dollars = 10` is not the claim `40 = 10` (nor `1/4 of the 40 = 40` the claim `40 = 40`)
    for line in ("She spends 1/4 of her 40 dollars = 10 dollars.", "1/4 of the 40 = 40"):
        assert parse_trace(line).steps[0].kind.value == "unreadable"


@pytest.mark.parametrize(
    "response",
    [
        "She spends 1/4 of 40 = 10 dollars on the book.\nThen she has 40 - 10 = 30 dollars.\n"
        "After the pen: 30 - 3 = 27 dollars.\n#### 27",
        "40 * 1/4 = 10\n40 - 10 - 3 = 27\n#### 27",
        "Book: $\\frac{1}{4} \\times 40 = 10$\nLeft: $40 - 10 - 3 = 27$\n\n**Answer: 27**",
    ],
)
def test_correct_fraction_stories_verify(response: str) -> None:
    assert _check(MARIA, "27", response)["status"] == "verified"


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        # the fraction's digits used as numbers of the story
        (MARIA, "27", "40 - 4 = 36\n36 - 3 = 33\n33 - 6 * 1 = 27\n#### 27"),
        (THESIS, "6", "9 - 3 = 6\n6 * 1 = 6\n#### 6"),
        # a wrong part of the total
        (MARIA, "27", "1/4 of 40 = 12\n40 - 12 - 3 = 25\n#### 25"),
        (THESIS, "6", "She wrote 1/3 of 9 = 4 pages, so 9 - 3 = 6 are left.\n#### 6"),
        # the occupied beds taken as the free ones
        (BEDS, "510", "3200 × 1/4 = 800\n2 × 7 = 14\n135 × 14 = 1890\n1890 - 800 = 1090\n#### 1090"),
    ],
)
def test_wrong_fraction_stories_never_verify(prompt: str, gold: str, response: str) -> None:
    assert _check(prompt, gold, response)["status"] != "verified"


def test_a_correct_trace_of_the_beds_story_verifies() -> None:
    response = (
        "Occupied beds: 3200 × 1/4 = 800.\nUnoccupied beds: 3200 - 800 = 2400.\n"
        "2 weeks is 2 × 7 = 14 days.\nNew patients: 135 × 14 = 1890.\n"
        "Unoccupied after 2 weeks: 2400 - 1890 = 510.\n#### 510"
    )
    assert _check(BEDS, "510", response)["status"] == "verified"


ROPE = "A rope is 12 meters long. Sam cuts off 1/3 of it. How long is the remaining piece in meters?"
SUGAR = "A recipe needs 2/3 cup of sugar per batch. How many cups of sugar are needed for 6 batches?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (ROPE, "8", "12 × 2/3 = 8\n\nAnswer: 8", "verified"),
        (ROPE, "8", "Cut off: 12 × 1/3 = 4\nLeft: 12 − 4 = 8\n\nAnswer: 8", "verified"),
        (SUGAR, "4", "Sugar needed: 6 × 2/3 = 4 cups.\n\nAnswer: 4", "verified"),
        # a numerator nobody gives
        (SUGAR, "4", "6 × 5/3 = 10\n10 - 6 = 4\n\nAnswer: 4", "unknown"),
        (ROPE, "8", "12 × 3/4 = 9\n9 - 1 = 8\n\nAnswer: 8", "unknown"),
    ],
)
def test_what_is_left_of_the_whole_is_grounded(prompt: str, gold: str, response: str, status: str) -> None:
    assert _check(prompt, gold, response)["status"] == status
