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
from assay.domains.math.units import asked_units, drop_units

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
APPLES_LEFT = "Tom had 36 apples and gave away 7. How many apples does he have left?"
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
        (WALLET, "Betty still needs $5 more.", "5"),
        (APPLES_LEFT, "Tom still has 29 apples left.", "29"),  # `still` taken off: the number moved
        (APPLES_LEFT, "Tom has 29 apples now.", "29"),
        (APPLES_LEFT, "Tom has 29 apples nowhere.", None),
        (EGGS, "She still makes $18 every day.", None),
        # a negated question: no phrase of it is taken off
        (GLASSES, "16 students wear glasses in 24.", None),
    ],
)
def test_closing_sentences(prompt: str, sentence: str, value: str | None) -> None:
    units = asked_units(prompt)
    assert sentence_answer(drop_units(sentence, units), units) == value  # as the trace hands it over


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


MUFFINS = (
    "A baker makes 24 muffins in each batch. She bakes 5 batches and sells 97 muffins. "
    "How many muffins are left?"
)
MUFFIN_STEPS = "She bakes 24 × 5 = 120 muffins.\nAfter selling, 120 − 97 = 23 muffins are left.\n"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("So there are 23 muffins left over.", "23"),
        ("Hence 23 muffins remain.", "23"),
        ("She ends up with 23 muffins.", "23"),
        ("Therefore, twenty-three muffins are left.", "23"),
        ("So twenty three muffins are left.", "23"),
        # what the same words cannot say
        ("So 23 muffins remain unsold.", None),
        ("She has left over 23 muffins.", None),  # `over` before the number bounds it
        ("She ends up with more than 23 muffins.", None),
        ("She ended up with 23 muffins, but gave 2 away.", None),
        ("Twenty-three or twenty-five muffins are left.", None),  # two number words
        ("Not twenty-three muffins are left.", None),
        ("Twenty-three muffins are left, about.", None),
        ("So 23 muffins and one tray are left.", None),  # a digit and a number word
    ],
)
def test_closing_sentences_of_a_final_state(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(MUFFINS)) == value


@pytest.mark.parametrize(
    ("closing", "gold", "status"),
    [
        ("Answer: 23 muffins left", "23", "verified"),  # a label, the value and a word that keeps it
        ("Answer: 25 muffins left", "23", "refuted"),
        ("Answer: 23 muffins left (or 25)", "23", "unknown"),
        ("Answer: 23 dollars", "23", "unknown"),  # a unit the question does not ask in
        ("So there are 23 muffins left over.", "23", "verified"),
        ("So there are 25 muffins left over.", "23", "refuted"),
        ("Therefore, twenty-five muffins are left.", "23", "refuted"),
    ],
)
def test_closing_lines_end_to_end(closing: str, gold: str, status: str) -> None:
    assert _check(MUFFINS, gold, MUFFIN_STEPS + closing)["status"] == status


ROPE = "How long is a 800 cm rope in meters?"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The rope is 8 meters long.", "8"),
        ("It is 8 m long.", "8"),
        # a unit the question names but does not ask in: 8 cm is not 8 m
        ("The rope is 8 cm.", None),
        ("The rope is 8 cm long.", None),
        ("Answer: 8 cm", None),
        ("The rope is 8 hours long.", None),
    ],
)
def test_a_unit_named_but_not_asked_changes_the_value(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(ROPE)) == value


def test_a_unit_named_but_not_asked_is_never_verified() -> None:
    assert _check(ROPE, "8", "800 / 100 = 8\nThe rope is 8 cm long.")["status"] != "verified"
    assert _check(ROPE, "8", "800 / 100 = 8\nThe rope is 8 meters long.")["status"] == "verified"


FRUIT = (
    "Tom has 8 apples and 3 pears. He eats 2 apples. How many apples does he have left after eating pears?"
)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("He has 6 apples.", "6"),
        ("He has 6 apples left after eating pears.", "6"),
        ("He has 6 left.", "6"),
        # a thing the prompt counts that the question does not ask for, though the question names it
        ("He has 6 pears.", None),
        ("He has 6 pears left.", None),
    ],
)
def test_a_counted_thing_not_asked_for_changes_the_value(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(FRUIT)) == value


KIM = "Kim scored 85, 92, and 78 on three tests. What is her average score?"
PIZZA_LEFT = (
    "A pizza is cut into 8 slices. Tom eats 3 slices and Jerry eats 2. What fraction of the pizza is left?"
)


@pytest.mark.parametrize(
    ("prompt", "sentence", "value"),
    [
        # the quantity the question asks for by name
        (KIM, "Her average score is 85.", "85"),
        (KIM, "The average is 85.", "85"),
        (KIM, "Her average score is about 85.", None),
        (KIM, "The sum is 85.", None),
        (
            "Kim scored 85 and 92. What is the difference between her score and the average?",
            "The average is 85.",
            None,
        ),
        # a fraction of two whole numbers is one number
        (PIZZA_LEFT, "So 3/8 of the pizza is left.", "3/8"),
        (PIZZA_LEFT, "So 3/8/2 of the pizza is left.", None),
        (PIZZA_LEFT, "So 3 / 8 of the pizza is left.", None),
        (PIZZA_LEFT, "So 3/8 of the pizza is eaten.", None),
        (PIZZA_LEFT, "So 1/2 and 3/8 are left.", None),
    ],
)
def test_an_asked_quantity_and_a_fraction(prompt: str, sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(prompt)) == value


BOOK_LEFT = (
    "A book has 300 pages. Mia read 20% of it on Monday and 45 pages on Tuesday. How many pages are left?"
)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("There are 195 pages left to read.", "195"),
        ("195 pages are left to read.", "195"),
        ("Mia has 195 pages left to read.", "195"),
        # a verb the prompt does not say, more words after it, a negation: unread
        ("She has 195 pages left to skip.", None),
        ("She has 195 pages left to read tomorrow.", None),
        ("She has not 195 pages left to read.", None),
    ],
)
def test_left_for_what_the_prompt_does(sentence: str, value: str | None) -> None:
    assert sentence_answer(sentence, asked_units(BOOK_LEFT)) == value
