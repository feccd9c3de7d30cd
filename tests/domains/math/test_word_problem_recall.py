"""Word-problem solutions as models write them (GSM8K's own solutions among them) verify, and the wrong
twin of each does not: a closing sentence in the question's words, a labelled final value, a given number
subtracted again only when it is a new amount, conversions a year calls for."""

from __future__ import annotations

import pytest

from assay.domains.math.answer_sentence import sentence_answer
from assay.domains.math.check import check_trace_job
from assay.domains.math.grammar import parse_chain
from assay.domains.math.undone import undone_given
from assay.domains.math.units import asked_units

JULIE = (
    "Julie is reading a 120-page book. Yesterday, she was able to read 12 pages and today, she read twice as"
    " many pages as yesterday. If she wants to read half of the remaining pages tomorrow, how many pages"
    " should she read?"
)
KEN = (
    "Ken created a care package. He poured into the box enough jelly beans to bring the weight to 2 pounds."
    " Then, he added enough brownies to cause the weight to triple. Next, he added another 2 pounds of jelly"
    " beans. And finally, he added enough gummy worms to double the weight once again. What was the final"
    " weight of the box of goodies, in pounds?"
)
BETTY = (
    "Betty is saving money for a new wallet which costs $100. Betty has only half of the money she needs."
    " Her parents decided to give her $15 for that purpose, and her grandparents twice as much as her"
    " parents. How much more money does Betty need to buy the wallet?"
)
JAMES = (
    "James writes a 3-page letter to 2 different friends twice a week. How many pages does he write a year?"
)
RECTANGLE = "A rectangle is 4 meters long and 6 meters wide. What is its perimeter in meters?"
JULIE_WORK = "Today she read 12 × 2 = 24 pages.\nSo far: 12 + 24 = 36 pages.\nRemaining: 120 − 36 = 84.\n"
KEN_WORK = (
    "After brownies: 2 × 3 = 6 pounds.\nAfter jelly beans: 6 + 2 = 8 pounds.\n"
    "After gummy worms: 8 × 2 = 16.\n"
)


def _status(prompt: str, answer: str, response: str) -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (JULIE, "42", JULIE_WORK + "Half of the remaining: 84 ÷ 2 = 42.\n\nShe should read **42 pages**."),
        (KEN, "16", KEN_WORK + "\nFinal weight: **16 pounds**."),
        (
            BETTY,
            "5",
            "In the beginning, Betty has only 100 / 2 = $<<100/2=50>>50.\n"
            "Betty's grandparents gave her 15 * 2 = $<<15*2=30>>30.\n"
            "This means, Betty needs 100 - 50 - 30 - 15 = $<<100-50-30-15=5>>5 more.\n#### 5",
        ),
        (
            JAMES,
            "624",
            "He writes each friend 3*2=<<3*2=6>>6 pages a week\n"
            "So he writes 6*2=<<6*2=12>>12 pages every week\n"
            "That means he writes 12*52=<<12*52=624>>624 pages a year\n#### 624",
        ),
    ],
)
def test_a_solution_as_models_write_it_verifies(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) == "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # a negation, a hedge or a comparison in the closing sentence, even one the question does not use
        (JULIE, "42", JULIE_WORK + "Half: 84 ÷ 2 = 42.\n\nShe should not read **42 pages**."),
        (JULIE, "42", JULIE_WORK + "Half: 84 ÷ 2 = 42.\n\nShe should read about **42 pages**."),
        (JULIE, "42", JULIE_WORK + "Half: 84 ÷ 2 = 42.\n\nShe should read more than **42 pages**."),
        (KEN, "16", KEN_WORK + "\nFinal weight: **17 pounds**."),
        (KEN, "16", KEN_WORK + "\nWrong weight: **16 pounds**."),
        (KEN, "16", KEN_WORK + "\nFinal weight: not **16 pounds**."),
        # a side taken back out of the area; the same amount taken away twice and added back
        (RECTANGLE, "20", "Area: 4 × 6 = 24\nPerimeter: 24 − 4 = 20\n\nThe perimeter is 20 meters."),
        (
            BETTY,
            "5",
            "Betty has 100 / 2 = $50.\nGrandparents: 15 * 2 = $30.\n"
            "She needs 100 - 50 - 30 - 15 - 15 + 15 = $5.\n#### 5",
        ),
        # a year is 52 weeks, not 50
        (
            JAMES,
            "624",
            "Each time: 3 × 2 = 6 pages.\nPer week: 6 × 2 = 12 pages.\n"
            "Per year: 12 × 50 = 600 pages.\n\n**Answer: 624**",
        ),
    ],
)
def test_its_wrong_twin_does_not(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) != "verified"


def test_stop_words_the_question_says_are_echoes_and_negations_never_are() -> None:
    units = asked_units(JULIE)
    assert sentence_answer("She should read 42 pages.", units) == "42"
    assert sentence_answer("She should not read 42 pages.", units) is None
    assert sentence_answer("She must read 42 pages.", units) is None  # `must` is not the question's
    assert sentence_answer("Final answer: 42 pages.", units) == "42"
    assert sentence_answer("Pages left: 42.", units) is None  # a label in other words


def test_a_given_number_subtracted_again_is_undone_only_when_it_undoes_itself() -> None:
    given = {100, 50, 15, 2, 4, 6}
    betty = parse_chain("100 - 50 - 15 * 2 - 15")[0]
    assert undone_given(betty, {}, given) is None
    assert undone_given(parse_chain("4 * 6 - 4")[0], {}, given) is not None
    assert undone_given(parse_chain("100 - 15 - 15")[0], {}, given) is not None
    assert undone_given(parse_chain("100 - 15 * 2 - 15 - 15")[0], {}, given) is not None


WENG = (
    "Weng earns $12 an hour for babysitting. Yesterday, she just did 50 minutes of babysitting."
    " How much did she earn?"
)
TINA = (
    "Tina makes $18.00 an hour. If she works more than 8 hours per shift, she is eligible for overtime,"
    " which is paid by your hourly wage + 1/2 your hourly wage. If she works 10 hours every day for 5 days,"
    " how much money does she make?"
)


def test_an_x_between_two_numbers_multiplies() -> None:
    rate = "Weng earns 12/60 = $0.2 per minute.\n"
    assert _status(WENG, "10", rate + "She earned 0.2 x 50 = $10.\n#### 10") == "verified"
    assert _status(WENG, "10", rate + "She earned 0.2 x 50 = $11.\n#### 10") == "refuted"
    # a lone x beside one number is a term
    assert _status("Solve for x: 2x + 4 = 10", "3", "2 x = 6\nx = 3\nAnswer: 3") == "verified"


def test_an_operator_between_words_of_a_story_is_no_expression_to_compute() -> None:
    """ "your hourly wage + 1/2 your hourly wage" once made the problem the expression 1/2, refuting every
    right answer."""
    work = "Regular: 8 × 18 = 144.\nOvertime rate: 18 + 9 = 27.\n"
    work += "Overtime: 2 × 27 = 54.\nDaily: 144 + 54 = 198.\n"
    assert _status(TINA, "990", work + "Total: 5 × 198 = 990.\n\n#### 990") != "refuted"
    assert _status(TINA, "990", work + "Total: 5 × 198 = 980.\n\n#### 990") == "refuted"
