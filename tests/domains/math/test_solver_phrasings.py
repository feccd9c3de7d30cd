"""Lines real solvers write that the step checker reads, each beside the wrong twin it must not pass: a
fraction written as a number, a move's operand before a comma, reciprocals, the quadratic formula and the
discriminant stated in letters, "distribute the negative", "set them equal"."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.formula_lines import formula_statement
from assay.domains.math.grammar import parse_chain
from assay.domains.math.named_ops import constant
from assay.domains.math.operations import shown_operation


def _status(prompt: str, answer: str, response: str) -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


RIGHT = [
    # a number written as a fraction is no arithmetic shown on the side before (`1/2` is not 1 halved)
    (
        "Solve for x: 1/x + 1/2 = 1",
        "2",
        "Subtract 1/2 from both sides: 1/x = 1/2.\nTake reciprocals: x = 2.\nAnswer: x = 2",
    ),
    ("Solve for x: 1/x + 1/2 = 1", "2", "1/x = 1/2\nTaking the reciprocal of both sides, x = 2.\nAnswer: 2"),
    ("Solve for x: 1/x + 1/2 = 1", "2", "1/x = 1/2\nFlip both sides: x = 2\nAnswer: 2"),
    # the operand of the move named, before a comma, is no claim of its own
    (
        "Solve for x: 10 - 3x = 1",
        "3",
        "10 − 3x = 1\nSubtracting 10 from both sides, −3x = −9.\nDividing by −3, x = 3.\nAnswer: 3",
    ),
    # a kind of term moved is a rearrangement, not a move by the letter
    (
        "Solve for x: 5(x + 2) = 3(x + 6)",
        "4",
        (
            "5x + 10 = 3x + 18\nMove the x terms to the left and constants to the right:\n"
            "5x − 3x = 18 − 10\n2x = 8\nx = 4\nAnswer: 4"
        ),
    ),
    # the quadratic formula and the discriminant stated in letters, then used with the numbers
    (
        "Solve for x: x^2 + 4x - 5 = 0",
        "-5, 1",
        (
            "The quadratic formula is x = (-b ± √(b² - 4ac))/(2a), with a = 1, b = 4, c = -5.\n"
            "x = (-4 ± √36)/2 = (-4 ± 6)/2\nx = 1 or x = -5"
        ),
    ),
    (
        "Solve for x: x^2 + 4x - 5 = 0",
        "-5, 1",
        (
            "We use $x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$.\n"
            "Here $a = 1$, $b = 4$, $c = -5$.\n"
            "$x = \\frac{-4 \\pm \\sqrt{16 + 20}}{2} = \\frac{-4 \\pm 6}{2}$\n"
            "So $x = 1$ or $x = -5$."
        ),
    ),
    (
        "Solve for x: 5 - (x + 2) = 2x",
        "1",
        "Distribute the negative: 5 − x − 2 = 2x\nSimplify: 3 − x = 2x\nAdd x: 3 = 3x\nx = 1",
    ),
    (
        "Solve the system: y = 2x + 1, y = -x + 7",
        "(2, 5)",
        (
            "Set the two expressions for y equal:\n2x + 1 = −x + 7\n3x = 6\nx = 2\n"
            "Then y = 2(2) + 1 = 5.\n\nSolution: (2, 5)"
        ),
    ),
]

WRONG = [
    ("Solve for x: 1/x + 1/2 = 1", "2", "1/x = 1/2\nTake reciprocals: x = 1/2 + 3/2\nAnswer: 2"),
    ("Solve for x: 1/(x + 1) = 1/3", "2", "Take the reciprocal of both sides: x - 1 = 1\nx = 2\nAnswer: 2"),
    ("Solve for x: 10 - 3x = 1", "3", "−3x = −9\nDividing by 3, x = 3.\nAnswer: 3"),
    ("Solve for x: 2x + 6 = 10", "2", "Subtract 4, 2x = 4\nx = 2\nAnswer: 2"),
    (
        "Solve for x: 5(x + 2) = 3(x + 6)",
        "4",
        "5x + 10 = 3x + 18\nMove the x terms to the left:\n5x + 3x = 18 − 10\n8x = 8\nx = 1\nAnswer: 1",
    ),
    # a wrong formula, or one that is no formula, is never taken as stated
    ("Solve for x: x^2 + 4x - 5 = 0", "-5, 1", "x = (b ± √(b² - 4ac))/(2a)\nx = 1 or x = -5"),
    ("Solve for x: x^2 + 4x - 5 = 0", "-5, 1", "x = (-b ± √(b² - 4ac))/(2a) = 3\nx = 1 or x = -5"),
    ("Solve for x: x^2 + 4x - 5 = 0", "-5, 1", "x = (-b ± √(b² + 4ac))/(2a)\nx = 1 or x = -5"),
    ("Solve for x: 5 - (x + 2) = 2x", "1", "Distribute the negative: 5 − x + 2 = 2x + 4\nx = 1"),
    ("Solve for x: 5 - (x + 2) = 2x", "1", "5 − x − 2 = 2x\nDistribute the negative: 3 = 3x + 1\nx = 1"),
    (
        "Solve the system: y = 2x + 1, y = -x + 7",
        "(2, 5)",
        "Set the two expressions for y equal:\n2x + 1 = −x + 9\n3x = 8\nx = 2\ny = 5\nAnswer: (2, 5)",
    ),
]


@pytest.mark.parametrize(("prompt", "answer", "response"), RIGHT)
def test_a_solver_phrasing_verifies(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) == "verified"


@pytest.mark.parametrize(("prompt", "answer", "response"), WRONG)
def test_its_wrong_twin_does_not(prompt: str, answer: str, response: str) -> None:
    assert _status(prompt, answer, response) != "verified"


def test_a_fraction_in_lowest_terms_is_a_number_and_any_other_is_arithmetic() -> None:
    before = (parse_chain("1/x + 1/2")[0], parse_chain("1")[0])
    assert shown_operation(before, (parse_chain("1/x")[0], parse_chain("1/2")[0])) == (False, None)
    doubled = (parse_chain("1/x + 1/2")[0], parse_chain("2")[0])
    shows, wrong = shown_operation(doubled, (parse_chain("1/x")[0], parse_chain("2/4")[0]))
    assert shows and wrong is not None


def test_a_quotient_that_comes_to_a_number_is_that_number() -> None:
    assert constant(parse_chain("1/x - (1/x + 1/2)")[0]) == -0.5
    assert constant(parse_chain("x/(2x) + x")[0]) is None


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("x = (-b + sqrt(b^2 - 4*a*c))/(2*a)", False),  # one root only
        ("x = (-b ± sqrt(b^2 - 4*a*c))/(2*a)", True),
        ("x = (-b ± sqrt(b^2 - 4*a*c))/2*a", False),  # 2a in the numerator
        ("x = -b/(2a) ± sqrt(b^2 - 4*a*c)/(2*a)", True),
        # a term built to vanish at every quadratic the screen samples: the identity refuses it
        ("x = (-b ± sqrt(b^2 - 4*a*c))/(2*a) + (a-1)*(a-2)*(a-3)*(a-4)*(a-5)*(a-6)*(a-7)*(a+2)*b", False),
        ("D = b^2 - 4*a*c", True),
        ("D = b^2 - 2*a*c", False),
        ("y = (-b ± sqrt(b^2 - 4*a*c))/(2*a)", False),  # not the unknown
    ],
)
def test_only_the_formula_itself_is_taken_as_stated(line: str, stated: bool) -> None:
    name, value = line.split(" = ", 1)
    groups = [[[parse_chain(name)[0], parse_chain(value)[0]]]]
    assert (formula_statement(groups, "x", frozenset({"x"})) is not None) is stated


def test_no_formula_is_stated_when_the_problem_uses_its_letters() -> None:
    groups = [[[parse_chain("x")[0], parse_chain("(-b ± sqrt(b^2 - 4*a*c))/(2*a)")[0]]]]
    assert formula_statement(groups, "x", frozenset({"x", "a"})) is None
