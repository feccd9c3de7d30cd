"""A line after the stated final answer that puts another value forward leaves no answer."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.after_answer import contradicts, numbers_in, puts_another_value
from assay.domains.math.check import check_answer_job, check_trace_job

SEEN = {Fraction(n) for n in (2, 3, 8, 11)}  # `Solve for x: 2x + 3 = 11`, work `2x = 8`


@pytest.mark.parametrize(
    "line",
    [
        "x = 5",
        "Actually x = 5.",
        "Or maybe x = 5.",
        "Hmm, or 30?",
        "But it could also be 5.",
        "(If you meant 2x - 3 = 11, it would be 7.)",
        "P.S. If he also ate one, 28.",
        "x equals five.",
        "Or maybe five.",
        "Update: 5",
        "Edit: x is 5.",
        "$x = 5$",
        "x=\\frac{9}{2}",
        "But the question might want x = 8/2 = 4.5.",
        "Another answer is 5.",
    ],
)
def test_another_value_is_put_forward(line: str) -> None:
    assert puts_another_value(line, "", ["x = 4"], SEEN)


@pytest.mark.parametrize(
    "line",
    [
        "Check: 2 · 4 + 3 = 8 + 3 = 11 ✓",
        "This seems reasonable since 2(4) + 3 = 11.",
        "Verification: substituting x = 4 gives 2(4) + 3 = 11, which matches.",
        "Note: x = 8/2 = 4, since 2x = 8.",
        "x + y = 11",  # binds nothing: the name does not open the statement
        "I hope it is correct.",
        "So x = 4.",
    ],
)
def test_a_look_back_puts_nothing_forward(line: str) -> None:
    assert not puts_another_value(line, "", ["x = 4"], SEEN)


def test_a_fraction_answer_may_be_said_as_its_decimal_or_percent() -> None:
    assert not puts_another_value("or 0.75 as a decimal.", "", ["\\frac{3}{4}"], set())
    assert not puts_another_value("That is 75%.", "", ["3/4"], set())


def test_another_name_is_another_quantity() -> None:
    assert not puts_another_value("Then y = 8.", "", ["x = 4"], SEEN)
    assert puts_another_value("Then y = 8.", "", ["4"], set())  # a bare answer: any name is the answer's


def test_numbers_are_read_by_value() -> None:
    assert numbers_in("1,250 and 4.50 and 4.5") == {Fraction(1250), Fraction(9, 2)}


def _job(response: str) -> dict[str, object]:
    problem = {"prompt": "Solve for x: 2x + 3 = 11", "reference": {"answer": "4"}, "task": ""}
    return {**problem, "response": response}


@pytest.mark.parametrize(
    "response",
    [
        "2x = 8\nAnswer: x = 4\n\nOr maybe x = 5.",
        "2x = 8\nFinal answer: 4\nBut it could also be 5.",
        "2x = 8\nAnswer: x = 4\nx = 5",
        "2x = 8\n\\boxed{4}\n\nThough some might say 5.",
    ],
)
def test_both_verifiers_leave_an_equivocal_answer_unverified(response: str) -> None:
    assert check_answer_job(_job(response))["status"] != "verified"
    assert check_trace_job(_job(response))["status"] != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "2x = 8\nAnswer: x = 4\n\nCheck: 2 · 4 + 3 = 8 + 3 = 11 ✓",
        "2x = 8\nx = 0 does not work, so the answer is x = 4.",
        "2x = 8\nThe answer is $\\boxed{4}$.\n\nI hope it is correct.",
    ],
)
def test_an_answer_with_a_look_back_still_verifies(response: str) -> None:
    assert check_answer_job(_job(response))["status"] == "verified"


def test_a_value_asked_about_and_ruled_out_is_not_put_forward() -> None:
    assert not puts_another_value("Could it be 54? No.", "", ["56"], set())
    assert puts_another_value("Could it be 54? No, it is 55.", "", ["56"], set())


@pytest.mark.parametrize(
    ("math", "answers", "contradicted"),
    [
        ("2x = 10", ["x = 4"], True),
        ("x = 4 + 1", ["4"], True),
        ("x = √25", ["4"], True),
        ("x^2 = 16", ["x = 2 or x = 3"], True),
        ("x + y = 6", ["x = 3, y = 2"], True),
        ("2x + 3 = 11; 2x = 8", ["x = 4"], False),
        ("x - 2 = 0", ["x = 2, x = 3"], False),  # holds at one root
        ("y = 8", ["x = 4"], False),  # another name: not the answer's
        ("2 + 2 = 5", ["x = 4"], False),  # arithmetic: the steps' to check
        ("2x = 10", ["x = a"], False),  # an answer not read as values
    ],
)
def test_a_claim_about_the_answer_is_held_to_it(math: str, answers: list[str], contradicted: bool) -> None:
    assert contradicts(math, answers) is contradicted


def test_work_after_the_answer_must_end_on_it() -> None:
    problem = {
        "prompt": "Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples are left?",
        "reference": {"answer": "29"},
        "task": "words",
    }
    ends_elsewhere = "3 × 12 = 36\n36 − 7 = 29\n**Answer: 29 apples**\n\nHe has 36 − 8 = 28 apples."
    explains = "**Answer: 29 apples**\n\nExplanation: 3 × 12 = 36, and 36 - 7 = 29."
    assert check_answer_job({**problem, "response": ends_elsewhere})["status"] == "unknown"
    assert check_answer_job({**problem, "response": explains})["status"] == "verified"


@pytest.mark.parametrize(
    "closing", ["He has 29 - 1 apples left.", "He has 29² apples left.", "He has 29 × 1 apples."]
)
def test_prose_that_works_on_the_last_result_leaves_no_answer(closing: str) -> None:
    problem = {
        "prompt": "Tom has 36 apples. He gives away 7. How many are left?",
        "reference": {"answer": "29"},
    }
    response = f"36 − 7 = 29\n{closing}"
    assert check_answer_job({**problem, "task": "words", "response": response})["status"] != "verified"
    assert check_trace_job({**problem, "task": "words", "response": response})["status"] != "verified"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("His sister has 29 apples left.", "unknown"),  # someone the problem does not have
        ("Tom has 29 apples left.", "verified"),
        ("So, Tom has 29 apples left.", "verified"),
        ("The total number of apples left is 29.", "verified"),
        ("His boxes hold 29 apples.", "verified"),
    ],
)
def test_a_closing_sentence_about_someone_else_is_no_answer(closing: str, status: str) -> None:
    problem = {
        "prompt": "Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples are left?",
        "reference": {"answer": "29"},
        "task": "words",
    }
    response = f"3 × 12 = 36\n36 − 7 = 29\n{closing}"
    assert check_answer_job({**problem, "response": response})["status"] == status


def test_a_percent_in_closing_prose_must_be_what_the_last_claim_gave() -> None:
    problem = {
        "prompt": "Tom has 36 apples. He gives away 7. How many are left?",
        "reference": {"answer": "29"},
    }
    count = {**problem, "task": "words", "response": "36 − 7 = 29\nHe has 29% of the apples left."}
    assert check_answer_job(count)["status"] != "verified"
    assert check_trace_job(count)["status"] != "verified"
    battery = {
        "prompt": "A battery at 100% loses 12% an hour. What percent is left after 5 hours?",
        "reference": {"answer": "40"},
        "task": "words",
        "response": "Drop in 5 hours: 12% × 5 = 60%\nLeft: 100% − 60% = 40%\nThe battery has 40% left.",
    }
    assert check_trace_job(battery)["status"] == "verified"
