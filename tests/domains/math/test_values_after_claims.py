"""With no stated answer the last claims are the answer (final_answer.py); a line of prose after them that
puts another value forward (`So (7, 4).`, `i.e. 5`, `{2, 4}`) leaves none, and one that gives the same
values in the same order keeps it."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.after_answer import signed_values
from assay.domains.math.check import check_answer_job, check_trace_job

LINEAR = ("Solve for x: 3x + 5 = 17", "4", "3x + 5 = 17\n3x = 12\nx = 4\n\n")
QUADRATIC = (
    "Solve for x: x^2 - 5x + 6 = 0",
    "2, 3",
    "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\nx = 2 or x = 3\n\n",
)
SYSTEM = (
    "Solve the system: x + y = 10 and x - y = 2",
    "x = 6, y = 4",
    "x + y = 10\nx - y = 2\n2x = 12\nx = 6\ny = 10 - 6 = 4\n\n",
)
FRACTION = ("Solve for x: 7x + 11 = 0", "-11/7", "7x + 11 = 0\n7x = -11\nx = -11/7\n\n")


def _statuses(problem: tuple[str, str, str], last: str) -> tuple[str, str]:
    prompt, reference, work = problem
    job = {"prompt": prompt, "reference": {"answer": reference}, "task": "", "response": work + last}
    return check_answer_job(job)["status"], check_trace_job(job)["status"]


@pytest.mark.parametrize(
    ("problem", "last"),
    [
        (LINEAR, "(5)"),  # 5 is a number of the problem's, offered alone
        (LINEAR, "i.e. 5"),
        (LINEAR, "So (7, 4)."),
        (LINEAR, "{4, 3}"),
        (LINEAR, "So {4, 3}."),
        (LINEAR, "(−4)"),
        (QUADRATIC, "{2, 4}"),
        (QUADRATIC, "2, 3, 4"),
        (QUADRATIC, "{-2, 3}"),
        (SYSTEM, "So (4, 6)."),  # the pair in the other order
        (SYSTEM, "(7, 4)"),
        (SYSTEM, "{4, 6}"),
        (FRACTION, "(11/7)"),
        (FRACTION, "i.e. -11/0"),
    ],
)
def test_another_value_after_the_last_claims_leaves_no_answer(
    problem: tuple[str, str, str], last: str
) -> None:
    assert "verified" not in _statuses(problem, last)


@pytest.mark.parametrize(
    ("problem", "last"),
    [
        (LINEAR, "(4)"),
        (LINEAR, "So (4)."),
        (LINEAR, "i.e. 4"),
        (LINEAR, "{4}"),
        (QUADRATIC, "{2, 3}"),
        (QUADRATIC, "(2, 3)"),
        (SYSTEM, "(6, 4)"),
        (SYSTEM, "i.e. (6, 4)"),
        (SYSTEM, "(6, 4) ✓"),
        (FRACTION, "(-11/7)"),
        (FRACTION, "$-\\frac{11}{7}$"),
    ],
)
def test_the_same_values_after_the_last_claims_keep_the_answer(
    problem: tuple[str, str, str], last: str
) -> None:
    assert _statuses(problem, last) == ("verified", "verified")


def test_values_are_read_with_their_signs_in_order() -> None:
    assert signed_values("(−11/7, 4)") == [-Fraction(11, 7), 4]
    assert signed_values("\\frac{3}{4} and 2") == [Fraction(3, 4), 2]
    assert signed_values("3/0") is None
    assert signed_values("i.e. 1,250") == [1250]  # a thousands group, one value
    assert signed_values("(2,3)") == [2, 3]


STATED = (
    "Solve for x: x^2 - 5x + 6 = 0",
    "2, 3",
    "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\n\n**Answer:** x = 2 or x = 3\n\n",
)
STATED_PAIR = (
    "Solve the system: x + y = 10 and x - y = 2",
    "x = 6, y = 4",
    "x + y = 10\nx - y = 2\n2x = 12\nx = 6\ny = 10 - 6 = 4\n\nAnswer: x = 6, y = 4\n\n",
)

UNNAMED_PAIR = (
    "Solve the system: x + y = 10 and x - y = 2",
    "x = 6, y = 4",
    "x + y = 10\nx - y = 2\n2x = 12\nx = 6\ny = 10 - 6 = 4\n\nAnswer: 6, 4\n\n",
)


@pytest.mark.parametrize(
    ("problem", "last", "kept"),
    [
        (STATED, "{-2, 3}", False),  # read by nobody, and another value
        (STATED, "i.e. (3)", False),  # one root of two
        (STATED, "(2, 3)", True),
        (STATED_PAIR, "So (4, 6).", False),
        (STATED_PAIR, "{4, 6}", False),
        (STATED_PAIR, "(6, 4)", True),
        (UNNAMED_PAIR, "... or (4, 6)", False),  # a pair named nothing keeps its order
        (UNNAMED_PAIR, "So (6, 4).", True),
        (LINEAR, "The answer is x = 4.\n\n{4, 3}", False),
        (LINEAR, "The answer is x = 4.\n\n(4)", True),
    ],
)
def test_a_line_of_values_after_a_stated_answer_must_give_it(
    problem: tuple[str, str, str], last: str, kept: bool
) -> None:
    assert (_statuses(problem, last) == ("verified", "verified")) is kept
    assert kept or "verified" not in _statuses(problem, last)


APPLES = "Tom has 36 apples and gives away 7. How many apples does Tom have left?"


@pytest.mark.parametrize(
    ("closing", "kept"),
    [
        ("29 + 1", False),  # an expression put forward after the answer, worth 30
        ("36 - 6", False),
        ("x + 1", False),  # no value anyone can say
        ("36 - 7", True),  # the answer's own value
        ("30 - 1", True),
        ("29 + 7 = 36 ✓", True),  # a check
    ],
)
def test_a_lone_expression_after_the_answer_must_be_worth_it(closing: str, kept: bool) -> None:
    job = {
        "prompt": APPLES,
        "reference": {"answer": "29"},
        "task": "",
        "response": f"The answer is 29.\n\n{closing}",
    }
    assert (check_answer_job(job)["status"] == "verified") is kept


AREA = "A rectangle has a length of 8 cm and a width of 5 cm. What is its area in square centimeters?"


@pytest.mark.parametrize(
    ("closing", "status"),
    [
        ("So the area is \\(40\\).", "verified"),  # a closing sentence's number in inline math
        ("So the area is $40$.", "verified"),
        ("So the area is \\(40\\ \\text{cm}^2\\).", "verified"),
        ("So the area is \\(41\\).", "refuted"),
        ("So the area is \\(40\\ \\text{cm}\\).", "unknown"),  # a length, for an area
        ("So the area is $40 + 1$.", "unknown"),
    ],
)
def test_a_closing_sentence_reads_its_number_in_inline_math(closing: str, status: str) -> None:
    job = {"prompt": AREA, "reference": {"answer": "40"}, "task": "", "response": f"8 × 5 = 40\n{closing}"}
    assert check_trace_job(job)["status"] == status
