"""Closing sentences and leading clauses of word-problem solutions: the length unit a "how far" question
asks in (units.py), a phrase the question says after the answer's number, `still` in what is needed, the
asked unit `of` something the prompt names (answer_sentence.py), and a rate or time span before the
arithmetic that uses it (event_clause.py)."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.answer_sentence import sentence_answer
from assay.domains.math.check import check_trace_job
from assay.domains.math.trace import parse_trace
from assay.domains.math.units import asked_units

TRAIN = (
    "A train travels at 80 km per hour for 3 hours and then at 60 km per hour for 2 hours. "
    "How far does it travel in total?"
)
CAR = "A car travels 120 km in 2 hours. How many km does it travel in 5 hours at the same speed?"
PIZZA = (
    "He buys 2 large pizzas and 2 small pizzas. A large pizza has 16 slices and a small pizza has 8 "
    "slices. How many pieces does he eat?"
)
WALLET = (
    "A wallet costs $100. Betty has $50 and her parents give her $45. How much more money does Betty need?"
)
GLASSES = (
    "There are 24 students in a class. One third of them wear glasses. How many students do not wear glasses?"
)
EGGS = "Janet sells 9 eggs a day for $2 per egg. How much in dollars does she make every day?"


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


@pytest.mark.parametrize(
    ("prompt", "unit", "asked"),
    [
        (TRAIN, "km", True),
        ("He walks 3 km/h for 2 hours. How far does he go?", "km", True),
        ("He walks 3 miles. How far does he go?", "miles", True),
        # two units of length: the question asks in neither for sure
        ("He walks 3 miles and 2 km. How far does he go?", "km", False),
        ("He walks 3 miles and 2 km. How far does he go?", "miles", False),
        # no number measured in it
        ("He walks for 3 hours at a few km an hour. How far does he go?", "km", False),
    ],
)
def test_how_far_asks_in_the_one_length_unit_of_the_prompt(prompt: str, unit: str, asked: bool) -> None:
    assert (unit in asked_units(prompt).words) is asked


@pytest.mark.parametrize(
    ("prompt", "sentence", "value"),
    [
        (TRAIN, "The train travels **360 km** in total.", "360"),
        (TRAIN, "It travels 360 kilometres altogether.", "360"),
        (TRAIN, "It travels 360 miles in total.", None),
        (CAR, "The car travels **300 km** in 5 hours.", "300"),
        # a phrase the question does not say is a second value
        (CAR, "The car travels 60 km in 1 hour.", None),
        (CAR, "The car travels 300 km in 6 hours.", None),
        (PIZZA, "Albert eats **48 pieces** of pizza.", "48"),
        (PIZZA, "Albert eats 48 pieces of cake.", None),
        (PIZZA, "Albert eats 48 pieces of 16.", None),
        (WALLET, "Betty still needs **$5**.", "5"),
        (EGGS, "She still makes $18 every day.", None),
        # a negated question: no phrase of it is taken off
        (GLASSES, "16 students wear glasses in 24.", None),
    ],
)
def test_closing_sentences(prompt: str, sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(prompt)) == value


@pytest.mark.parametrize(
    ("line", "math"),
    [
        ("At $2 each, she makes 9 × $2 = $18.", "9 * 2 = 18"),
        ("At $2 per egg, she makes 9 × 2 = 18 dollars.", "9 * 2 = 18"),
        ("In 7 days, she sells 9 × 7 = 63 eggs.", "9 * 7 = 63"),
    ],
)
def test_a_rate_or_span_clause_before_the_arithmetic_that_uses_it(line: str, math: str) -> None:
    assert parse_trace(line, asked_units(EGGS)).steps[0].math == math


@pytest.mark.parametrize(
    "line",
    [
        "At $3 each, she makes 9 × 2 = 18 dollars.",  # the clause's number is not in the arithmetic
        "At $2 each and 3 more, she makes 9 × 2 = 18 dollars.",  # two numbers in the clause
    ],
)
def test_a_clause_the_arithmetic_does_not_use_stays_unread(line: str) -> None:
    assert parse_trace(line, asked_units(EGGS)).steps[0].kind.value == "unreadable"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (EGGS, "18", "At $2 each, she makes 9 × $2 = **$18** per day.", "verified"),
        (EGGS, "18", "At $2 each, she makes 9 × $2 = **$20** per day.", "refuted"),
        (
            TRAIN,
            "360",
            "80 × 3 = 240\n60 × 2 = 120\n240 + 120 = 360\n\nThe train travels **360 km** in total.",
            "verified",
        ),
        (
            TRAIN,
            "360",
            "80 × 2 = 160\n60 × 3 = 180\n160 + 180 = 340\n\nThe train travels **340 km** in total.",
            "refuted",
        ),
    ],
)
def test_end_to_end(prompt: str, gold: str, response: str, status: str) -> None:
    assert _check(prompt, gold, response)["status"] == status
