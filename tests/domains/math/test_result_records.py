"""What each value a word problem's steps compute counts, held to its later uses and to the question
(result_records.py)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.result_records import MONEY, answer_not_asked, question_asks, time_rates

EGGS = (
    "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her "
    "friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck "
    "egg. How much in dollars does she make every day at the farmers' market?"
)
COOKIES = (
    "A bakery bakes 90 cookies every day. It sells each cookie for $2. "
    "How much money, in dollars, does the bakery make in 7 days?"
)
APPLES = (
    "A farmer picks 24 apples from each of 5 trees. He packs the apples into bags of 6. "
    "How many bags does he fill?"
)
WENG = (
    "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting. "
    "How much did she earn?"
)
LETTERS = (
    "James writes a 3-page letter to 2 different friends twice a week. How many pages does he write a year?"
)
CLIPS = (
    "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many "
    "clips did Natalia sell altogether in April and May?"
)


def _status(prompt: str, gold: str, response: str) -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    )
    return str(result["status"])


@pytest.mark.parametrize(
    ("prompt", "asks"),
    [
        (EGGS, MONEY),
        (COOKIES, MONEY),
        (APPLES, "bag"),
        (WENG, MONEY),
        (LETTERS, "page"),
        ("Tom has 5 apples. How many dollars does he have left?", MONEY),
        ("Tom has 5 apples. What is the total?", ""),
        ("Tom has 5 apples and eats 2.", ""),
    ],
)
def test_what_the_question_asks(prompt: str, asks: str) -> None:
    assert question_asks(prompt)[0] == asks


def test_rates_per_unit_of_time() -> None:
    assert time_rates(WENG) == {Fraction(12): frozenset({"hour"})}
    assert time_rates("Tom reads 15 pages per day and 3 books every week.") == {
        Fraction(15): frozenset({"day"}),
        Fraction(3): frozenset({"week"}),
    }
    assert time_rates(APPLES) == {}


def test_answer_held_to_the_question() -> None:
    question = question_asks(APPLES)[1]
    recorded = {"apple", "bag"}
    assert answer_not_asked("bag", question, "apple", recorded) is not None
    assert answer_not_asked("bag", question, "bag", recorded) is None
    assert answer_not_asked("bag", question, "", recorded) is None  # no record: nothing changes
    assert answer_not_asked("", question, "apple", recorded) is None  # a question the checker cannot read
    # two counted nouns: `slices` may be the trace's word for the `pieces` asked, which it never records
    assert answer_not_asked("piece", frozenset({"piece"}), "slice", {"slice"}) is None
    # kinds that differ are told apart whatever the trace records
    assert answer_not_asked(MONEY, frozenset({"earn"}), "minute", {"minute"}) is not None
    # a question that names the record's noun itself (`How many students are boys?`)
    assert answer_not_asked("student", frozenset({"student", "boy"}), "boy", {"student", "boy"}) is None


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        # a value that counts eggs, taken from and called money
        (EGGS, "18", "Eggs sold: 16 − 3 = 13\nMoney: 13 − 4 = 9\nTotal: 9 × 2 = 18\n\nThe answer is $18."),
        # money times days, called cookies
        (
            COOKIES,
            "1260",
            "Money per day: 90 × 2 = 180 dollars\nCookies per week: 180 × 7 = 1260 cookies\n\n"
            "The answer is $1260.",
        ),
        # a rate per a thing the problem never names
        (COOKIES, "1260", "Cookies per batch: 90 × 7 = 630\nMoney: 630 × 2 = 1260\n\nThe answer is $1260."),
        # a rate per hour divided by 60 is per minute
        (WENG, "10", "Pay per hour: 12 / 60 = 0.2\nPay: 0.2 × 50 = 10\n\nThe answer is $10."),
        # the answer's line counts apples, the question asks for bags
        (APPLES, "20", "Bags per tree: 24 / 6 = 4\nApples: 4 × 5 = 20\n\nThe answer is 20."),
        # the unit on the answer's line counts apples, an earlier one bags, and the question asks for bags
        (APPLES, "20", "Apples: 24 × 5 = 120 bags\nBags: 120 ÷ 6 = 20 apples\n\nThe answer is 20."),
        # the answer's line counts minutes, the question asks for money
        (WENG, "10", "Minutes: 12 / 60 = 0.2 minutes\nPay: 0.2 × 50 = 10 minutes\n\nThe answer is $10."),
        # a label on a line of its own names weeks, the question asks for pages
        (LETTERS, "624", "Weeks per year:\n12 × 52 = 624\n\nThe answer is 624."),
    ],
)
def test_computed_values_held_to_their_records(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) != "verified"


@pytest.mark.parametrize(
    ("prompt", "gold", "response"),
    [
        (
            EGGS,
            "18",
            "Eggs eaten: 3 + 4 = 7\nEggs left: 16 - 7 = 9\nMoney: 9 × $2 = $18\n\nThe answer is $18.",
        ),
        (
            COOKIES,
            "1260",
            "**Cookies in 7 days:** 90 × 7 = 630\n**Money:** 630 × $2 = $1,260\n\n**Answer: $1,260**",
        ),
        (WENG, "10", "Pay per minute: 12 / 60 = 0.2\nPay: 0.2 × 50 = 10\n\n#### 10"),
        (
            APPLES,
            "20",
            "Apples: 24 apples × 5 trees = 120 apples\nBags: 120 apples ÷ 6 = 20 bags\n\n"
            "The answer is 20 bags.",
        ),
        (
            LETTERS,
            "624",
            "Pages per week: 3 × 2 × 2 = 12\nPages per year: 12 × 52 = 624\n\nThe answer is 624.",
        ),
        # `May` names a month, not what the line counts
        (
            CLIPS,
            "72",
            "April: 48 clips\nMay: 48 ÷ 2 = 24 clips\nTotal: 48 + 24 = 72 clips\n\nThe answer is 72 clips.",
        ),
    ],
)
def test_correct_traces_still_verify(prompt: str, gold: str, response: str) -> None:
    assert _status(prompt, gold, response) == "verified"
