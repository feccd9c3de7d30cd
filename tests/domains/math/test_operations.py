"""A step of an equation is one operation on both sides (operations.py), and a step whose variable
cancels keeps nothing of its equation (decide.cancelled_identity): both are unknown, never passed."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.decide import Unknown, cancelled_identity
from assay.domains.math.expr import Expr
from assay.domains.math.grammar import parse_chain
from assay.domains.math.operations import one_operation


def _pair(text: str) -> tuple[Expr, Expr]:
    left, right = parse_chain(text)
    return left, right


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # scale, move terms (then scale), land on the solution, complete a square, show the operation
        ("2x + 5 = 13", "2x = 8"),
        ("2x + 5 = 13", "x = 4"),
        ("2x + 5 = 13", "8 = 2x"),
        ("5x + 3 = 2x + 9", "3x = 6"),
        ("6x + 4 = 2x + 12", "2x = 4"),
        ("3(x + 1) = 12", "x + 1 = 4"),
        ("3(x + 1) = 12", "3x + 3 = 12"),
        ("x/3 + 2 = 5", "x + 6 = 15"),
        ("x^2 - 6x = -8", "x^2 - 6x + 9 = 1"),
        ("2x^2 - 10x + 12 = 0", "x^2 - 5x + 6 = 0"),
        ("(x - 2)^2 = 0", "x - 2 = 0"),
        ("2x + 5 = 13", "2x = 13 - 5"),
        ("2x + 5 = 13", "x = (13 - 5)/2"),
        # on the value of the side before, when it was a chain (`2x = 13 - 5 = 8`)
        ("2x = 13 - 5", "x = 8/2"),
        ("x/3 = 5 - 2", "x = 3 * 3"),
        ("x^2 = 28 - 3", "x = ±sqrt(25)"),
        ("(x - 3)^2 = 1", "x - 3 = ±1"),
        ("sqrt(x + 2) = x", "x = sqrt(x + 2)"),
    ],
)
def test_one_operation_on_both_sides_passes(before: str, after: str) -> None:
    assert one_operation(_pair(before), _pair(after), "x") is None


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("2x + 2 = 6", "x + 2 = 4"),  # halved 2x and 6 only
        ("x/2 + 1 = 3", "x + 1 = 5"),  # doubled x/2 and 3 only
        ("3(x + 1) = 12", "3x + 1 = 10"),  # a shift that cancels nothing
        ("4x + 3 = 2x + 9", "2x + 4 = 10"),
        ("x^2 - 5x + 6 = 0", "x^2 - 5x + 7 = 1"),
        ("2x = 4", "x = 4 - 2"),  # shows subtracting 2, but x is not 2x - 2
        # the shown arithmetic on the value of a chain before (`2x = 13 - 5 = 8`)
        ("2x = 13 - 5", "x = 8 - 4"),
        ("5x = 33 - 3", "x = 30 - 24"),
        ("x/3 = 5 - 2", "x = 3 + 6"),
        ("2x = 13 - 5", "x = sqrt(8 + 8)"),
        ("x^2 = 28 - 3", "x = ±(25 - 20)"),
        ("2x = 8", "x = -4 + 8"),  # the operand written first
    ],
)
def test_a_same_root_step_no_one_operation_makes_is_refused(before: str, after: str) -> None:
    assert one_operation(_pair(before), _pair(after), "x") is not None


def test_the_named_operation_applied_exactly_is_one_operation() -> None:
    added = ("+", parse_chain("5")[0])
    assert one_operation(_pair("4x - 3 = 17"), _pair("4x + 2 = 22"), "x", named=added) is None
    assert one_operation(_pair("4x - 3 = 17"), _pair("4x + 2 = 22"), "x") is not None


@pytest.mark.parametrize(
    "claim", ["0(2x + 5) = 0(13)", "2x + 5 - (2x + 5) = 13 - 13", "0x = 0", "(x + y) - (x + y) = 10 - 10"]
)
def test_a_link_whose_variable_cancels_is_unknown(claim: str) -> None:
    with pytest.raises(Unknown):
        cancelled_identity(parse_chain(claim))


@pytest.mark.parametrize("claim", ["2(x + 3) = 2x + 6", "5x - 2x + 3 = 2x - 2x + 9", "13 - 5 = 8"])
def test_identities_and_equations_that_keep_the_variable_pass(claim: str) -> None:
    cancelled_identity(parse_chain(claim))


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        ("Solve for x: 2x + 2 = 6", "2", "2x + 2 = 6\nDivide both sides by 2: x + 2 = 4\nx = 2\nAnswer: 2"),
        ("Solve for x: 2x + 6 = 10", "2", "2x + 6 = 10\nDividing both sides by 2, x + 6 = 8.\nx = 2"),
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 13\n0(2x + 5) = 0(13)\n0 = 0\nx = 4"),
        # an earlier equation does not excuse arithmetic shown on the value of the one before
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 13\n2x = 13 - 5 = 8\nx = 8 - 4 = 4\nAnswer: 4"),
        ("Solve for x: 2x + 5 = 13", "4", "$$2x + 5 = 13$$\n$$2x = 13 - 5 = 8$$\n$$x = \\sqrt{8 + 8} = 4$$"),
        # arithmetic written on a side of an earlier equation; a non-polynomial one excuses nothing
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 13\n2x = 13 - 5 = 8\nx = 13 - 9 = 4\nAnswer: 4"),
        ("Solve for x: 12/x = 3", "4", "12/x = 3\nx/12 = 1/3\nx + 8 = 12\nx = 4\nAnswer: 4"),
        # arithmetic after the equation's value is shown on the equation before too
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 13\n2x = 8\nx = 4 = 8 - 4\nAnswer: 4"),
    ],
)
def test_such_traces_do_not_verify(prompt: str, answer: str, response: str) -> None:
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert verdict["status"] != "verified", verdict


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("3 × 4 = 12\n12 - 4 = 8\n#### 8", "unknown"),  # the 20 paid is in no computation
        ("4 + 4 = 8\n#### 8", "unknown"),
        ("3 × 4 = 12\n20 - 12 = 8\n#### 8", "verified"),
    ],
)
def test_a_word_problem_answer_uses_every_number_the_problem_writes(response: str, status: str) -> None:
    prompt = "Ann buys 3 notebooks at 4 dollars each and pays with a 20 dollar bill. What is her change?"
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": "8"}, "response": response})
    assert verdict["status"] == status, verdict


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # one factor per line, each solved: the cases cover the disjunction
        ("(x - 2)(x - 3) = 0\nx - 2 = 0 → x = 2\nx - 3 = 0 → x = 3\nAnswer: x = 2 or x = 3", "verified"),
        (
            "(x - 2)(x - 3) = 0\n- If x - 2 = 0, then x = 2.\n- If x - 3 = 0, then x = 3.\nAnswer: 2, 3",
            "verified",
        ),
        # a case never solved, a wrong second case, a root lost that is no factor
        ("(x - 2)(x - 3) = 0\nx - 2 = 0\nx = 2\nAnswer: x = 2 or x = 3", "refuted"),
        ("(x - 2)(x - 3) = 0\nx - 2 = 0 → x = 2\nx - 3 = 0 → x = 4\nAnswer: 2, 3", "refuted"),
        ("x^2 - 5x = -6\nx = 2\nx = 3\nAnswer: 2, 3", "refuted"),
    ],
)
def test_cases_of_a_factored_equation_line_by_line(response: str, status: str) -> None:
    job = {"prompt": "Solve for x: x^2 - 5x + 6 = 0", "reference": {"answer": "2, 3"}, "response": response}
    verdict = check_trace_job(job)
    assert verdict["status"] == status, verdict


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        # `4,5` may be the decimal 4.5: refuted as a list, so unknown; a list of the roots still verifies
        ("Solve for x: 2x = 9", "9/2", "2x = 9\nx = 4,5\nAnswer: 4,5", "unknown"),
        ("Solve for x: 2x = 9", "9/2", "2x = 9\nx = 4.5\nAnswer: 4.5", "verified"),
        ("Solve for x: x^2 - 5x + 6 = 0", "2, 3", "(x - 2)(x - 3) = 0\nx=2,3\nAnswer: x=2,3", "verified"),
        ("Solve for x: 2x = 9", "9/2", "2x = 9\nx = 4, 5\nAnswer: 4, 5", "refuted"),
    ],
)
def test_a_tight_comma_between_digits_is_never_refuted_as_a_list(
    prompt: str, answer: str, response: str, status: str
) -> None:
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert verdict["status"] == status, verdict
