"""Conversion facts and conversions written as chains in word problems (unit_facts.py), and the readings
around them: a unit letter left after a number, a signed number in a prompt, a quantity asked by its name
in the prompt's one unit, a closing sentence in the question's tense."""

from __future__ import annotations

import random
import re

import pytest

from assay.domains.math import unit_facts
from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.unit_facts import checked_unit_facts
from assay.domains.math.units import asked_units
from assay.domains.math.unread import UNKNOWN_MARK
from tests.domains.math.test_reading_prechecks import CORPUS_LINES

MOVIE = "A movie lasts 2 hours. How many minutes long is the movie?"
BOTTLE = "A water bottle holds 750 mL. How many liters do 8 bottles hold?"
MARIA = "Maria runs 3 miles every day for 2 weeks. How many miles does she run in total?"
COLD = (
    "The temperature was -3 degrees in the morning and rose by 11 degrees by noon."
    " What was the temperature at noon?"
)


def _status(prompt: str, gold: str, response: str) -> str:
    return str(
        check_trace_job({"prompt": prompt, "reference": {"answer": gold}, "response": response})["status"]
    )


@pytest.mark.parametrize(
    ("line", "read"),
    [
        # true facts go, with the word that introduces them
        ("There are 7 days in a week, so 2 weeks is 14 days.", " , so 2 * 7 = 14."),
        ("So 2 hours is 120 minutes.", "So 2 * 60 = 120."),
        ("2 hours is 100 minutes", f" {UNKNOWN_MARK} "),
        ("Half an hour is 30 minutes.", "1/2 * 60 = 30."),
        ("A quarter of an hour is 15 minutes.", "1/4 * 60 = 15."),
        ("A quarter of an hour is 25 minutes.", f" {UNKNOWN_MARK} ."),
        ("25 minutes is 25/60 of an hour.", "25 / 60 = 25/60."),
        ("25 minutes is 25/50 of an hour.", f" {UNKNOWN_MARK} ."),
        ("15 minutes is 0/0 of an hour", f" {UNKNOWN_MARK} "),
        ("Since 1 L = 1000 mL, that is 6 L.", " , that is 6 L."),
        ("Since 1000 mL = 1 L,", " ,"),
        ("1000 mL = 1 L", "1000 / 1000 = 1"),
        ("60 minutes = 1 hour.", "60 / 60 = 1."),
        ("An hour has 60 minutes.", " ."),
        ("We know that 1 kg = 1,000 g.", " ."),
        ("There are 60 seconds in a minute", " "),
        # false ones, and pairs the table does not hold, are unread
        ("There are 10 days in a week.", f" {UNKNOWN_MARK} ."),
        ("1 L = 100 mL", f" {UNKNOWN_MARK} "),
        ("1 m = 1000 cm", f" {UNKNOWN_MARK} "),
        ("1 hour = 60 seconds", f" {UNKNOWN_MARK} "),
        ("an hour is a day", f" {UNKNOWN_MARK} "),
        # a conversion as a chain is its arithmetic when the amounts agree
        ("2 hours = 2 * 60 = 120 minutes", "2 * 60 = 120"),
        ("2 hours = 120 minutes", "2 * 60 = 120"),
        ("6000 mL = 6 L", "6000 / 1000 = 6"),
        ("120 minutes = 120 / 60 = 2 hours", "120 / 60 = 2"),
        ("Time = 2 hours = 120 minutes.", "Time = 2 * 60 = 120."),
        ("2 hours = 2 * 24 = 48 minutes", f" {UNKNOWN_MARK} "),
        ("6000 mL = 60 L", f" {UNKNOWN_MARK} "),
        ("3 m = 5 kg", f" {UNKNOWN_MARK} "),
        # not the whole chain, or not a conversion: left as written
        ("5 m = 500 cm = 5000 mm", "5 m = 500 cm = 5000 mm"),
        ("3 + 2 hours = 120 minutes", "3 + 2 hours = 120 minutes"),
        ("2 hours = 120 minutes + 5", "2 hours = 120 minutes + 5"),
        ("2 hours = 2 hours", "2 hours = 2 hours"),
        ("She works 8 hours a day.", "She works 8 hours a day."),
        # words before a fact in its clause may judge it: it stays, for the readers to leave unread
        ("It's false that there are 7 days in a week.", "It's false that there are 7 days in a week."),
        ("He runs daily, and a week has 7 days.", "He runs daily, and a week has 7 days."),
        ("So, since 1 hour = 60 minutes, it is 120.", "So,  , it is 120."),
    ],
)
def test_conversion_facts_are_checked_and_taken_out(line: str, read: str) -> None:
    assert checked_unit_facts(line) == read


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (
            MOVIE,
            "120",
            "1 hour = 60 minutes, so 2 hours = 2 × 60 = 120 minutes.\nThe movie is 120 minutes long.",
            "verified",
        ),
        (
            MOVIE,
            "120",
            "1 hour = 60 minutes\n2 hours = 120 minutes\nThe movie is 120 minutes long.",
            "verified",
        ),
        (MOVIE, "120", "2 hours = 2 × 24 = 48 minutes.\nThe answer is 120.", "unknown"),
        (MOVIE, "120", "There are 100 minutes in an hour, so 2 × 60 = 120.\nThe answer is 120.", "unknown"),
        (MOVIE, "120", "2 hours = 3 × 40 = 120 minutes\nAnswer: 120", "unknown"),
        (MOVIE, "120", "2 hours = 2 × 60 = 121 minutes\nAnswer: 120", "unknown"),
        (MOVIE, "120", "It is not true that 1 hour = 60 minutes.\n2 × 60 = 120\nAnswer: 120", "unknown"),
        (
            BOTTLE,
            "6",
            "8 × 750 = 6000 mL.\nSince 1 L = 1000 mL, that is 6000 ÷ 1000 = 6 L.\n"
            "The 8 bottles hold 6 liters.",
            "verified",
        ),
        (BOTTLE, "6", "8 × 750 = 6000 mL\n6000 mL = 6 L\nThe answer is 6.", "verified"),
        (BOTTLE, "6", "8 × 750 = 6000 mL\n6000 mL = 6000 ÷ 100 = 6 L\nThe answer is 6.", "refuted"),
        (BOTTLE, "6", "8 × 750 = 6000 mL\n1 L = 100 mL\nSo 6000 ÷ 1000 = 6 L.\nThe answer is 6.", "unknown"),
        # a unit letter no reader placed is never a variable (`1 L = 1000` in L was refuted)
        (
            BOTTLE,
            "6",
            "8 × 750 = 6000 mL\n6 L × 1000 = 6000\nThe answer is 6.",
            "unknown",
        ),
        (
            MARIA,
            "42",
            "There are 7 days in a week, so 2 weeks is 2 × 7 = 14 days.\nShe runs 3 × 14 = 42 miles.",
            "verified",
        ),
        (
            MARIA,
            "42",
            "There are 8 days in a week, so 2 weeks is 2 × 7 = 14 days.\nShe runs 3 × 14 = 42 miles.",
            "unknown",
        ),
        (MARIA, "42", "2 weeks = 12 days\nShe runs 3 × 14 = 42 miles.", "unknown"),
        (MARIA, "42", "2 weeks = 14 days\nShe runs 3 × 14 = 42 miles.", "verified"),
    ],
)
def test_word_problems_with_conversions(prompt: str, gold: str, response: str, status: str) -> None:
    assert _status(prompt, gold, response) == status


def test_a_factor_the_prompt_does_not_call_for_is_not_given() -> None:
    # the fact is true, but nothing in the prompt measures in days: 7 comes from nowhere the prompt says
    prompt = "Sam reads 3 pages an hour for 14 hours. How many pages does he read?"
    assert _status(prompt, "42", "There are 7 days in a week.\n3 × 14 = 42\nThe answer is 42.") == "verified"
    # 3 is given and 7 only by the fact: the step starts from a number the prompt does not call for
    said = check_trace_job(
        {
            "prompt": prompt,
            "reference": {"answer": "42"},
            "response": "There are 7 days in a week.\n3 × 7 = 21",
        }
    )
    assert said["steps"][-1]["status"] == "unknown"
    assert "starts from 7" in said["steps"][-1]["evidence"]


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Noon temperature: −3 + 11 = 8 degrees.", "verified"),
        ("−3 + 11 = 8\nThe temperature at noon was 8 degrees.", "verified"),
        ("−3 + 11 = 8\nIt was 8 degrees at noon.", "verified"),
        ("-3 + 11 = 9", "refuted"),
        ("3 + 11 = 14\nThe temperature at noon was 8 degrees.", "unknown"),
        ("−3 + 11 = 8\nThe temperature at noon was not 8 degrees.", "unknown"),
        ("−3 + 11 = 8\nThe temperature at noon was 8 degrees lower.", "unknown"),
        ("−3 + 11 = 8\nThe temperature at noon was 8 degrees Fahrenheit.", "unknown"),
    ],
)
def test_a_number_below_zero_in_the_prompt_is_a_quantity(response: str, status: str) -> None:
    # the prompt's `-3` was read as the expression to compute, and `−3 + 11 = 8` refuted against it
    assert _status(COLD, "8", response) == status


def test_the_prompt_s_one_unit_is_the_answer_s_when_a_quantity_is_asked_by_name() -> None:
    assert "degrees" in asked_units(COLD).words
    # a number without its word, or numbers in two words: the unit of the answer is not certain
    assert not asked_units("It was -3 degrees at 6 am and rose 2 degrees. What was the temperature?").words
    assert not asked_units("It was -3 degrees and rose by 11. What was the temperature?").words
    assert not asked_units("It was -3 degrees and rose by 11 degrees. How cold was it?").words


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The total cost was $45.", "verified"),
        ("The total cost was $45 before tax.", "unknown"),
        ("The total cost was originally $45.", "unknown"),
        ("The total cost was $46.", "refuted"),
    ],
)
def test_a_closing_sentence_in_the_question_s_tense(sentence: str, status: str) -> None:
    prompt = (
        "Tickets cost $12 for adults and $7 for children. A family buys 2 adult tickets and 3 child"
        " tickets. What was the total cost?"
    )
    assert _status(prompt, "45", f"2 × 12 = 24\n3 × 7 = 21\n24 + 21 = 45\n{sentence}") == status
    # a past tense the question does not use stays a stop word
    now = prompt.replace("What was", "What is")
    assert _status(now, "45", "2 × 12 = 24\n3 × 7 = 21\n24 + 21 = 45\nThe total cost was $45.") == "unknown"


PERCENT = "What percent of 80 is 20?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("20 ÷ 80 = 0.25\n0.25 × 100 = 25%\nThe answer is 25%.", "verified"),
        ("20/80 = 0.25, and 0.25 × 100 = 25%.\nThe answer is 25%.", "verified"),
        (
            "We compute \\(\\frac{20}{80} = 0.25\\), and \\(0.25 \\times 100 = 25\\%\\).\nThe answer is 25%.",
            "verified",
        ),
        ("20 ÷ 80 = 0.25\n100 × 0.25 = 25%\nThe answer is 25%.", "verified"),
        # the value made a percentage is still held to its arithmetic, and the answer to the reference
        ("20 ÷ 80 = 0.25\n0.25 × 100 = 26%\nThe answer is 25%.", "refuted"),
        ("\\(0.25 \\times 100 = 26\\%\\)\nThe answer is 25%.", "refuted"),
        ("20 ÷ 80 = 0.25\n0.25 × 100 = 25%\nThe answer is 26%.", "refuted"),
        # `100%` is one: `0.25 × 100% = 25%` is true as written, `0.25 × 100% = 0.25` too
        ("20 ÷ 80 = 0.25\n0.25 × 100% = 25%\nThe answer is 25%.", "verified"),
    ],
)
def test_a_value_made_a_percentage(response: str, status: str) -> None:
    # `0.25 × 100 = 25%` read 25% as 25/100 and was refuted
    assert _status(PERCENT, "25", response) == status


def test_percent_arithmetic_as_the_answer() -> None:
    prompt = "Sara's battery drops 12% per hour. Starting from 100%, what percent is left after 5 hours?"
    steps = "Drop in 5 hours: 12% × 5 = 60%\n"
    assert _status(prompt, "40", steps + "Left: 100% − 60% = 40%\nThe battery has 40% left.") == "verified"
    assert _status(prompt, "40", steps + "Left: 100% − 60% = 41%") == "refuted"
    assert _status(prompt, "40", steps + "Left: 100% − 0.6 = 40%") != "verified"


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ("a = 16, b = 48", "unknown"),
        ("Answer: a = 16, b = 48", "unknown"),
        ("Answer: a = 16\nb = 48", "refuted"),  # the answer line gives a = 16
        ("a = 16, b = 47", "refuted"),
        ("b = 48", "verified"),
        ("Answer: 48", "verified"),
    ],
)
def test_several_named_values_for_a_word_problem(answer: str, status: str) -> None:
    # the names are the solver's: which value is asked is not said (`a = 16, b = 48` was refuted)
    prompt = "Ben has 3 times as many marbles as Ann. Together they have 64 marbles. How many does Ben have?"
    job = {"prompt": prompt, "reference": {"answer": "48"}, "response": answer}
    assert check_answer_job(job)["status"] == status


# --- the units' alternation written as a tree finds what the plain alternation does -----------------------

_PLAIN_UNITS = "|".join(sorted(map(re.escape, unit_facts._UNIT_OF), key=len, reverse=True))


def _unit_text(seed: int, count: int) -> list[str]:
    """Random text near the facts' edges: a fact's or a chain's slots (lead, amount, unit, verb, amount,
    unit, what follows) each filled at random, with unit spellings cut short, run on or in capitals."""
    draw = random.Random(seed)
    spellings = list(unit_facts._UNIT_OF)
    units = [*spellings, *(s[:-1] for s in spellings if len(s) > 1), *(s + "s" for s in spellings)]
    units += [s.upper() for s in spellings[:12]] + ["", "x", "in"]
    slots = [
        ["", "", "since ", "we know that ", "So ", "there are ", "a", "-", "(", "5 × "],
        ["1", "60", "2.5", "1,000", "one", "an", "a", "half an", "a quarter of an", "25/60 of an", "", "x"],
        ["", " ", "  "],
        units,
        [" = ", "=", " is ", " has ", " equals ", " in ", " in one ", " ", " = 2 × 60 = ", " = 60/60 = "],
        ["1", "60", "120", "3600", "one", "a", "an", "half an", "", "x"],
        ["", " ", "  "],
        units,
        ["", ".", ",", " of", "/h", "^2", "²", " = 5", " × 2", "s", " and 3 hours = 180 minutes"],
    ]
    return ["".join(draw.choice(slot) for slot in slots) for _ in range(count)]


@pytest.mark.parametrize("name", ["_EQUAL", "_THERE_ARE", "_CONVERSION_CHAIN"])
def test_unit_tree_matches_as_the_plain_alternation(name: str) -> None:
    guarded = getattr(unit_facts, name)
    assert unit_facts._UNIT in guarded.pattern
    plain = re.compile(guarded.pattern.replace(unit_facts._UNIT, _PLAIN_UNITS), guarded.regex.flags)
    texts = [*CORPUS_LINES, *_unit_text(11, 20000)]
    for text in texts:
        want = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in guarded.regex.finditer(text)] == want, text


def test_unit_tree_reads_every_spelling_whole() -> None:
    for spelling in unit_facts._UNIT_OF:
        assert re.fullmatch(unit_facts._UNIT, spelling, re.I)
        assert re.fullmatch(unit_facts._UNIT, spelling + "q", re.I) is None
