"""Arithmetic with units on its numbers (unit_chains.py): the units come off only when they agree and
the prompt measures in them; anything else keeps them, for the reader to refuse."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.unit_chains import (
    formula_alone,
    prompt_measures,
    without_agreeing_units,
    without_unit_letters,
)

KM_H = frozenset({"km", "h"})


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("The speed is 120 km / 2 h = 60 km/h.", "The speed is 120 / 2 = 60."),
        ("It travels 60 km/h * 5 h = 300 km.", "It travels 60 * 5 = 300."),
        ("60 km per hour * 5 hours = 300 km", "60 * 5 = 300"),
        (" Speed  = \\frac{120   km }{2   hours } = 60   km/h ", " Speed  = \\frac{120}{2} = 60 "),
        ("\\[ 60    km/h  \\times 5    h  = 300    km  \\]", "\\[ 60 \\times 5 = 300  \\]"),
        ("10 km - 4 km = 6 km", "10 - 4 = 6"),
        ("1.5 km + 2 km = 3.5 km", "1.5 + 2 = 3.5"),
        ("9 * 60 km = 540 km.", "9 * 60 = 540."),
        ("Speed = distance / time = 120 km / 2 hours = 60 km/h.", "Speed = 120 / 2 = 60."),
        ("Distance = speed * time = 60 km/h * 5 hours = 300 km.", "Distance = 60 * 5 = 300."),
        # a sum or a product in parentheses, its units agreeing inside and out
        ("2 × (12 km + 7 km) = 38 km", "2 × (12 + 7) = 38"),
        ("(3 km + 2 km) / 5 h = 1 km/h", "(3 + 2) / 5 = 1"),
        ("(2 + 3) * 4 km = 20 km", "(2 + 3) * 4 = 20"),  # the whole chain, a count in parentheses
    ],
)
def test_agreeing_units_come_off(line: str, bare: str) -> None:
    assert without_agreeing_units(line, KM_H) == bare


@pytest.mark.parametrize(
    "line",
    [
        "2 km = 2000 m",  # a conversion: never made here
        "5 h * 60 = 300 min",
        "2 h * 60 min = 120 min",
        "60 km + 5 = 65 km",  # a sum of unlike things
        "3 km * 4 km = 12 km",  # km² is not km
        "2 × (12 km + 7 h) = 38 km",  # a sum of unlike things inside parentheses
        "(3 km + 2 km) × 5 h = 25 km",  # km·h is not km
        "120 km / 2 h = 60 km",  # a quotient is a speed, not a length
        "60 km/h * 5 h = 300 km/h",
        "60 km/h * 5 = 300 km",  # the time has no unit: the units do not agree
        # only a part of the chain would agree
        "-5 km + 10 km = 5 km",
        "x * 10 km = 20 km",
        "(2 + 3) * 4 km = 20 m",
        "10 km = 5 km - 2 = 3",
        # a unit the prompt does not measure in
        "12 kg / 2 h = 6 kg/h",
        "Distance = speed * time = 60 km/h * 5 hours = 300 km/h.",
        "3 + 4 = 7",
    ],
)
def test_units_that_do_not_agree_stay(line: str) -> None:
    assert without_agreeing_units(line, KM_H) == line


def test_the_units_a_prompt_measures_in() -> None:
    assert prompt_measures("A car travels 120 km in 2 hours at $3 a km.") == {"km", "h", "dollar"}
    assert prompt_measures("She walks at 3 mph.") == {"mi", "h"}
    assert prompt_measures("Betty has 3 boxes with 12 pencils each.") == frozenset()


CAR = "A car travels 120 km in 2 hours. How many km does it travel in 5 hours at the same speed?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (
            "The speed is 120 km ÷ 2 h = 60 km/h.\n"
            "In 5 hours the car travels 60 km/h × 5 h = 300 km.\n\n**300 km**",
            "verified",
        ),
        (
            "The speed is 120 km ÷ 2 h = 60 km/h.\n"
            "In 5 hours the car travels 60 km/h × 5 h = 320 km.\n\n**320 km**",
            "refuted",
        ),
        # the units of a wrong step do not agree: unread, never passed
        (
            "The speed is 2 h ÷ 120 km = 60 km/h.\n"
            "In 5 hours the car travels 60 km/h × 5 h = 300 km.\n\n**300 km**",
            "unknown",
        ),
        (
            "The speed is 120 km ÷ 2 h = 60 km/h.\n"
            "In 5 hours the car travels 60 km/h × 5 = 300 km.\n\n**300 km**",
            "unknown",
        ),
    ],
)
def test_end_to_end(response: str, status: str) -> None:
    result = check_trace_job({"prompt": CAR, "reference": {"answer": "300"}, "response": response})
    assert result["status"] == status


@pytest.mark.parametrize(
    "line",
    [
        "Speed = distance * time = 120 km / 2 h = 60 km/h",  # the formula in words is wrong
        "Distance = speed / time = 60 km/h * 5 hours = 300 km.",
        "Distance = distance / time = 120 km / 2 hours = 60 km/h.",  # its name says another quantity
        "Cost = price * number = 5 km * 2 = 10 km",  # words the formula reader does not know
    ],
)
def test_a_formula_in_words_must_say_what_the_units_say(line: str) -> None:
    assert without_agreeing_units(line, KM_H) == line


@pytest.mark.parametrize(
    "line",
    [
        "Distance = speed × time",
        "Time = distance ÷ speed.",
        "speed = distance / time",
        "Time = distance / speed × speed / speed",  # clumsy, still the formula: its words measure alike
        # a sum whose terms each measure what the formula names, whole numbers counting them
        "Perimeter = 2 × (length + width)",
        "Perimeter = length + width + length + width",
        "Perimeter = 2 × length + 2 × width",
        "Perimeter = 4 × side",
    ],
)
def test_a_true_formula_in_words_alone_is_prose(line: str) -> None:
    assert without_agreeing_units(line, KM_H) == "The formula in words."


@pytest.mark.parametrize(
    "line",
    [
        "Distance = speed / time",  # false: its words measure unlike things
        "Speed = distance × time",
        "Distance = distance / time",
        "Top speed = distance / time",  # a word the formula reader does not know
        "Cost = price × number",
        "Distance = speed x time",  # `x` is a word here, not a sign
        "Perimeter = 2 × (length + time)",  # terms that measure unlike things
        "Area = 2 × (length + width)",  # an area is no length
        "Perimeter = 2 × (length + width) + 3",  # a number added to lengths
        "Perimeter = 2 + 3",
        # letters that are variables: algebra, never a formula in words (`x = x + x` is false)
        "x = x + x",
        "n = 2 × (n + n)",
        "Area = 4 × side",
    ],
)
def test_any_other_formula_in_words_alone_stays_for_the_reader(line: str) -> None:
    assert without_agreeing_units(line, KM_H) == line


@pytest.mark.parametrize(
    ("line", "bare"),
    [
        ("Distance = speed × time = 60 × 3 = 180", "Distance = 60 × 3 = 180"),
        ("Time = distance / speed = 120 / 60 = 2 hours", "Time = 120 / 60 = 2 hours"),
    ],
)
def test_a_true_formula_in_words_before_bare_arithmetic_comes_off(line: str, bare: str) -> None:
    assert without_agreeing_units(line, KM_H) == bare


TRAIN = "A train travels 60 miles per hour for 3 hours. How far does it travel?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Distance = speed × time\n60 × 3 = 180 miles\nAnswer: 180", "verified"),
        ("Distance = speed × time = 60 × 3 = 180 miles\nAnswer: 180", "verified"),
        ("60 mi/h × 3 h = 180 mi\nAnswer: 180", "verified"),
        ("Distance = speed / time\n60 × 3 = 180 miles\nAnswer: 180", "unknown"),
        ("Distance = speed × time = 60 × 3 = 170\nAnswer: 170", "refuted"),
        ("Distance = speed × time = 60 / 3 = 20\nAnswer: 20", "refuted"),
    ],
)
def test_formulas_in_words_end_to_end(response: str, status: str) -> None:
    result = check_trace_job({"prompt": TRAIN, "reference": {"answer": "180"}, "response": response})
    assert result["status"] == status


RECTANGLE = "A rectangle has a length of 12 cm and a width of 7 cm. What is its perimeter?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Perimeter = 2 × (length + width)\n= 2 × (12 + 7)\n= 2 × 19\n= 38\nAnswer: 38", "verified"),
        ("Perimeter = 2 × (length + width)\n= 2 × (12 + 7)\n= 2 × 18\n= 38\nAnswer: 38", "refuted"),
        ("Perimeter = 2 × (length + time)\n= 2 × (12 + 7)\n= 38\nAnswer: 38", "unknown"),
    ],
)
def test_a_perimeter_in_words_then_its_numbers(response: str, status: str) -> None:
    result = check_trace_job({"prompt": RECTANGLE, "reference": {"answer": "38"}, "response": response})
    assert result["status"] == status


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Step 2: Distance = speed × time", "The formula in words."),
        ("Formula: Distance = speed × time = 60 × 3 = 180", "Formula: Distance = 60 × 3 = 180"),
        ("1. Distance = speed * time = 60 km/h * 3 h = 180 km", "1. Distance = 60 * 3 = 180"),
        ("- Distance = speed / time = 60 × 3 = 180", "- Distance = speed / time = 60 × 3 = 180"),
    ],
)
def test_a_line_label_before_a_formula_in_words(line: str, read: str) -> None:
    assert without_agreeing_units(line, KM_H) == read


GARDEN = "A garden is 12 meters long and 5 meters wide. What is its {}?"
BOX = "A box is 4 cm long, 3 cm wide and 2 cm high. What is its volume?"


def _garden(asked: str, gold: str, response: str) -> str:
    job = {"prompt": GARDEN.format(asked), "reference": {"answer": gold}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("asked", "gold", "line", "status"),
    [
        # a unit letter the prompt measures in, closing the chain: the unit, never a variable `m`
        ("perimeter", "34", "So the perimeter is 12 + 5 + 12 + 5 = 34 m.", "verified"),
        ("perimeter", "34", "So the perimeter is 12 + 5 + 12 + 5 = 35 m.", "refuted"),
        ("area", "60", "Area = 12 × 5 = 60 m².", "verified"),
        ("area", "60", "The area is $12 \\times 5 = 60 \\text{ m}^2$.", "verified"),
        ("area", "60", "Area = 12 × 5 = 61 m².", "refuted"),
        # `square meters` is a unit of area, not the operation squaring
        ("area", "60", "The area is 12 × 5 = 60 square meters.", "verified"),
        # two values, units inside the arithmetic, a unit of the kind the prompt does not measure in
        ("area", "60", "The area is 12 × 5 = 60 m or 61 m.", "unknown"),
        ("area", "60", "The area is $12 \\times 5 = 60 \\text{ m}^2$ or $61 \\text{ m}^2$.", "unknown"),
        ("area", "60", "Area: 12 × 5 = 60 feet.", "unknown"),
        ("area", "60", "The area is 12 × 5 = 60 square feet.", "unknown"),
        ("area", "60", "Area: 12 × 5 = 60 cm.", "unknown"),
    ],
)
def test_a_unit_closing_a_chain(asked: str, gold: str, line: str, status: str) -> None:
    assert _garden(asked, gold, f"{line}\nThe answer is {gold}.") == status


def test_a_conversion_is_held_to_its_factor_and_a_letter_the_prompt_uses_keeps_its_reading() -> None:
    track = {"prompt": "A track is 2 km long. How many meters is it?", "reference": {"answer": "2000"}}
    said = check_trace_job({**track, "response": "2 km = 2000 m\nThe answer is 2000."})
    assert said["status"] == "verified"
    assert check_trace_job({**track, "response": "2 km = 200 m\nThe answer is 2000."})["status"] == "unknown"
    solve = {"prompt": "Solve for m: 3m + 2 = 11", "reference": {"answer": "3"}}
    assert check_trace_job({**solve, "response": "3m = 9\nm = 3"})["status"] == "verified"
    assert check_trace_job({**solve, "response": "3m = 9 m\nm = 3"})["status"] == "refuted"


@pytest.mark.parametrize(
    ("prompt", "gold", "line", "status"),
    [
        # a formula of a figure in words, and a result with a squared or cubed unit
        (GARDEN.format("area"), "60", "Area = length × width = 12 × 5 = 60 m²", "verified"),
        (GARDEN.format("area"), "60", "Area: 12 × 5 = 60 sq m.", "verified"),
        (GARDEN.format("area"), "60", "Area = length × width = 12 × 5 = 61", "refuted"),
        (GARDEN.format("area"), "60", "Perimeter = length × width = 12 × 5 = 60", "unknown"),
        # an area in a length or a volume unit: the label and the unit disagree
        (GARDEN.format("area"), "60", "Area = 12 × 5 = 60 m.", "unknown"),
        (GARDEN.format("area"), "60", "Area = 12 × 5 = 60 m^3.", "unknown"),
        (BOX, "24", "Volume = length × width × height = 4 × 3 × 2 = 24 cm³.", "verified"),
        (BOX, "24", "Volume = 4 × 3 × 2 = 24 cubic centimeters.", "verified"),
        (BOX, "24", "Volume = 4 × 3 × 2 = 24 cm².", "unknown"),
        # units inside the arithmetic: lengths multiplied make the power of the result's unit
        (GARDEN.format("area"), "60", "The area is 12 m × 5 m = 60 m².", "verified"),
        (GARDEN.format("area"), "60", "Area = 12 m × 5 m = 60 m^2", "verified"),
        (GARDEN.format("area"), "60", "Area = 12 m × 5 m = 61 m²", "refuted"),
        (BOX, "24", "Volume = 4 cm × 3 cm × 2 cm = 24 cm³", "verified"),
        (GARDEN.format("area"), "60", "Area = 12 m × 5 m = 60 m", "unknown"),
        (GARDEN.format("area"), "60", "Area = 12 m + 5 m = 60 m²", "unknown"),
        (GARDEN.format("area"), "60", "Area = 12 m × 5 m = 60 m³", "unknown"),
        (BOX, "24", "Volume = 4 cm × 3 cm × 2 cm = 24 cm²", "unknown"),
        (BOX, "24", "Volume = 4 cm² × 3 cm × 2 = 24 cm³", "verified"),
        (BOX, "24", "Volume = 4 cm² × 3 cm² × 2 = 24 cm³", "unknown"),
    ],
)
def test_areas_and_volumes(prompt: str, gold: str, line: str, status: str) -> None:
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": f"{line}\nThe answer is {gold}."}
    assert check_trace_job(job)["status"] == status


def test_unit_letters_beside_a_compound_unit_and_an_asked_unit() -> None:
    miles = frozenset({"mi", "h"})
    # `mph` is a speed written as one word: no unit of its own to look up (a KeyError once)
    assert without_unit_letters("It goes 60 mph, so 120 mi.", miles, frozenset(), frozenset()) == (
        "It goes 60 mph, so 120."
    )
    # a unit inside the arithmetic: the line is left whole
    line = "60 mph × 2 h = 120 mi."
    assert without_unit_letters(line, miles, frozenset(), frozenset()) == line
    # the question asks in meters: `8 cm` keeps its unit (an answer in the wrong unit is no answer)
    meters = frozenset({"m", "meter", "meters"})
    assert without_unit_letters("Answer: 8 cm", frozenset({"cm", "m"}), frozenset(), meters) == "Answer: 8 cm"
    assert without_unit_letters("Answer: 8 m", frozenset({"cm", "m"}), frozenset(), meters) == "Answer: 8"


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("Speed = distance / time", True),
        ("Average speed = distance / time", True),  # an average measures what it averages
        ("Average speed = total distance / total time", True),
        ("Average speed = distance × time", False),  # the formula says another kind of quantity
        ("Average speed = time / distance", False),
    ],
)
def test_a_formula_in_words_alone_names_a_quantity_of_its_kind(line: str, alone: bool) -> None:
    assert formula_alone(line) is alone
