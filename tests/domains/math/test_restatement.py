"""A restatement of the problem is a claim about the problem (restatement.py): a misquote with the same
solution set is refused, the problem restated faithfully (sides rewritten, swapped, or scaled as a step
that says so) is checked as usual. In-process (`check_trace_job`): no timing involved.
"""

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.decide import Refuted, Unknown
from assay.domains.math.grammar import parse_chain
from assay.domains.math.restatement import check_copy, check_restatement, is_restatement


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_bad(result: dict[str, Any]) -> tuple[int, str] | None:
    bad = [s for s in result["steps"] if s["status"] in ("refuted", "unknown")]
    return (bad[0]["index"], bad[0]["status"]) if bad else None


A = "Solve for x: 5x - 7 = 18"


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        # same solution set, other numbers: the misquote is refuted with a restatement lead...
        (A, "5", "We solve 5x - 2 = 23.\n5x = 25\nx = 5\nAnswer: 5", "refuted"),
        (A, "5", "The equation is $5x - 12 = 13$.\n$5x = 25$\n$x = 5$\nAnswer: 5", "refuted"),
        (A, "5", "**Given:** 18 = 5x - 7... no wait, 23 = 5x - 2.\n5x = 25\nx = 5\nAnswer: 5", "unknown"),
        (A, "5", "We need to solve 10x - 14 = 36.\n10x = 50\nx = 5\nAnswer: 5", "refuted"),
        (A, "5", "We need to solve 5x = 25.\nx = 5\nAnswer: 5", "unknown"),
        # ... and unknown bare (a misquote, or a step that names no operation)
        (A, "5", "5x - 2 = 23\n5x = 25\nx = 5\nAnswer: 5", "unknown"),
        ("If 4x - 2 = 10, what is 2x + 7?", "13", "4x - 6 = 6\nx = 3\n2x + 7 = 13\nAnswer: 13", "unknown"),
        # a misquote with other solutions was refuted before and still is
        (
            "Solve for x: 3x + 5 = 23",
            "6",
            "We need to solve 3x + 5 = 20.\n3x = 15\nx = 5\nAnswer: 5",
            "refuted",
        ),
    ],
)
def test_a_misquoted_problem_is_not_verified(prompt: str, answer: str, response: str, status: str) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] != "verified"
    assert _first_bad(result) == (1, status)


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (A, "5", "We need to solve $5x - 7 = 18$.\n$5x = 25$\n$x = 5$\nAnswer: 5"),
        (A, "5", "We solve 18 = 5x - 7.\n5x = 25\nx = 5\nAnswer: 5"),
        (A, "5", "The problem asks us to solve 5x - 7 = 18.\n5x = 25\nx = 5\nAnswer: 5"),
        ("Solve for x: 2(x + 3) = 16", "5", "We solve 2x + 6 = 16.\n2x = 10\nx = 5\nAnswer: 5"),
        ("Solve for x: 4x + 8 = 12", "1", "2x + 4 = 6\n2x = 2\nx = 1\nAnswer: 1"),  # both sides halved
        ("Solve for x: 4x - 3 = 17", "5", "Adding 5 to both sides: 4x + 2 = 22\n4x = 20\nx = 5\nAnswer: 5"),
        (
            "Solve the system: 3x - y = 14 and -6x + 4y = -14.",
            "x = 7, y = 7",
            "-6x + 2y = -28\n2y = 14\ny = 7\n3x - 7 = 14\nx = 7",
        ),
        (
            "Solve for x: x^2 - 6x + 5 = 0",
            "x = 1, x = 5",
            "x^2 - 6x = -5\nx^2 - 6x + 9 = 4\n(x - 3)^2 = 4\nx - 3 = 2 or x - 3 = -2\nx = 5 or x = 1\n"
            "Answer: x = 1, x = 5",
        ),
        (
            "Solve the system: x + y = 9, x - y = 3",
            "x = 6, y = 3",
            "We solve x + y = 9 and x - y = 3.\n2x = 12\nx = 6\ny = 3",
        ),
    ],
)
def test_a_faithful_restatement_or_a_named_step_verifies(prompt: str, answer: str, response: str) -> None:
    assert _check(prompt, answer, response)["status"] == "verified"


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("We need to solve 5x - 7 = 18", True),
        ("The given equation is 17 = 4x - 3", True),
        ("**Given:** 4x - 1 = 19", True),
        ("Problem: 7 + 5x = 32", True),
        ("Solving for x: 5x - 7 = 18", True),
        ("So we have 5x = 25", False),
        ("The equation becomes 5x = 25", False),
        ("Subtract 7 from both sides: 5x = 25", False),
    ],
)
def test_restatement_leads(text: str, lead: bool) -> None:
    assert is_restatement(text) is lead


def _pair(text: str) -> tuple[Any, Any]:
    left, right = parse_chain(text)
    return left, right


def test_the_rules_directly() -> None:
    problem = (_pair("5x - 7 = 18"),)
    check_restatement(problem, [list(_pair("18 = 5 * x - 7"))])  # the same sides, swapped
    with pytest.raises(Refuted, match="misquotes the problem"):
        check_restatement(problem, [list(_pair("5x - 2 = 23"))])
    with pytest.raises(Unknown):
        check_restatement(problem, [list(_pair("5x = 25"))])
    with pytest.raises(Unknown, match="other numbers"):
        check_copy(problem, [list(_pair("5x - 2 = 23"))], "5x - 2 = 23", None)
    check_copy(problem, [list(_pair("5x - 2 = 23"))], "Add 5 to both sides: 5x - 2 = 23", None)
    check_copy(problem, [list(_pair("10x - 14 = 36"))], "10x - 14 = 36", None)  # both sides doubled


# --- an expression problem restated in prose ---------------------------------------------------------

FRACTIONS = "Compute: 3/4 - 1/6"
WORK = "\n3/4 - 1/6 = 9/12 - 2/12 = 7/12\nAnswer: 7/12"


@pytest.mark.parametrize(
    ("first", "status"),
    [
        ("We need to compute 3/4 - 1/6.", "verified"),
        ("We need to compute 9/12 - 2/12.", "verified"),  # the same value, rewritten
        ("We need a common denominator: 12.", "verified"),  # no expression: prose
        ("The problem asks for $\\frac{3}{4} - \\frac{1}{6}$.", "verified"),
        # another value: the problem misquoted
        ("We need to compute 3/4 + 1/6.", "refuted"),
        ("The problem asks for 3/5 - 1/6.", "refuted"),
        ("The problem asks for $\\frac{3}{4} + \\frac{1}{6}$.", "refuted"),
        ("**Problem:** $\\frac{3}{5} - \\frac{1}{6}$", "refuted"),
        ("**Problem:** $\\frac{3}{4} - \\frac{1}{6}$", "verified"),
    ],
)
def test_an_expression_problem_restated_in_prose(first: str, status: str) -> None:
    result = check_trace_job({"prompt": FRACTIONS, "reference": {"answer": "7/12"}, "response": first + WORK})
    assert result["status"] == status, result
