"""A problem that asks to rewrite an expression (`Expand (x + 2)(x - 3).`) whose reference is that
expression rewritten: every claim must be an identity and a lone expression the problem's rewritten
(rewrite_steps.py). Each correct trace has wrong twins, refuted or unknown at the line that goes wrong;
prompts whose reference is not the expression rewritten keep their word-problem reading."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.rewrite_steps import rewrite_step, rewritten
from assay.domains.math.trace import parse_trace
from assay.records import StepKind

EXPAND = ("Expand (x + 2)(x - 3).", "x^2 - x - 6")
SQUARE = ("Simplify (x+1)^2.", "x^2 + 2x + 1")
COLLECT = ("Simplify 3(a + 2) - 2(a - 1).", "a + 8")
FACTOR = ("Factor x^2 - 9.", "(x - 3)(x + 3)")


def _result(problem: tuple[str, str], response: str) -> dict[str, Any]:
    prompt, gold = problem
    return check_trace_job({"prompt": prompt, "reference": {"answer": gold}, "response": response})


def _first_error(result: dict[str, Any]) -> int | None:
    return next((s["index"] for s in result["steps"] if s["status"] in ("refuted", "unknown")), None)


# --- correct traces verify ------------------------------------------------------------------------------

CORRECT = [
    (SQUARE, "(x+1)^2 = (x+1)(x+1)\n= x^2 + x + x + 1\n= x^2 + 2x + 1\nFinal answer: x^2 + 2x + 1"),
    (
        EXPAND,
        "Using FOIL:\n- First: x · x = x²\n- Outer: x · (−3) = −3x\n- Inner: 2 · x = 2x\n"
        "- Last: 2 · (−3) = −6\n\n"
        "Combine: x² − 3x + 2x − 6 = x² − x − 6\n\n**Answer:** $x^2 - x - 6$",
    ),
    (EXPAND, "$$(x + 2)(x - 3) = x^2 - 3x + 2x - 6 = x^2 - x - 6$$\n\n$\\boxed{x^2 - x - 6}$"),
    (COLLECT, "3(a + 2) - 2(a - 1) = 3a + 6 - 2a + 2\n= a + 8\n\nThe answer is a + 8."),
    (FACTOR, "x^2 - 9 is a difference of squares: x^2 - 9 = (x - 3)(x + 3).\n\nAnswer: (x - 3)(x + 3)"),
]


@pytest.mark.parametrize(("problem", "response"), CORRECT)
def test_correct_rewrites_verify(problem: tuple[str, str], response: str) -> None:
    result = _result(problem, response)
    assert result["status"] == "verified", result


# --- wrong steps are found where they are ----------------------------------------------------------------

WRONG = [
    # a term lost in the middle of the chain, the right answer copied after it
    (SQUARE, "(x+1)^2 = (x+1)(x+1)\n= x^2 + x + 1\n= x^2 + 2x + 1\nFinal answer: x^2 + 2x + 1", 2),
    # a sign slip in one product of FOIL
    (
        EXPAND,
        "- First: x · x = x²\n- Outer: x · (−3) = 3x\n- Inner: 2 · x = 2x\n- Last: 2 · (−3) = −6\n"
        "Combine: x² − 3x + 2x − 6 = x² − x − 6\n**Answer:** $x^2 - x - 6$",
        2,
    ),
    # distributing the minus sign to the first term only
    (COLLECT, "3(a + 2) - 2(a - 1) = 3a + 6 - 2a - 2\n= a + 8\n\nThe answer is a + 8.", 1),
    # a product that vanishes at the points a sampler might try: never decided at points
    (
        SQUARE,
        "(x+1)^2 = x^2 + 2x + 1 + (x-1)(x-2)(x-3)(x-4)(x-5)(x-6)(x-7)(x-8)(x-9)(x-10)\n= x^2 + 2x + 1\n"
        "Final answer: x^2 + 2x + 1",
        1,
    ),
    # like terms combined wrong on a line that goes on from the one before
    (EXPAND, "(x + 2)(x - 3) = x^2 - 3x + 2x - 6\n= x^2 - 5x - 6\nFinal answer: x^2 - x - 6", 2),
]


@pytest.mark.parametrize(("problem", "response", "at"), WRONG)
def test_wrong_steps_are_located(problem: tuple[str, str], response: str, at: int) -> None:
    result = _result(problem, response)
    assert result["status"] != "verified"
    assert _first_error(result) == at, result


def test_a_wrong_answer_is_refuted() -> None:
    result = _result(EXPAND, "(x + 2)(x - 3) = x^2 - x - 6\nFinal answer: x^2 - x - 7")
    assert result["status"] == "refuted"


# --- when the reading is used ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "gold", "expected"),
    [
        ("(x + 2)(x - 3)", "x^2 - x - 6", True),
        ("(x + 2)(x - 3)", "x^2 + x - 6", False),
        ("(x + 2)(x - 3)", "-6", False),  # a value, not the expression: a word problem's answer
        ("(x + 2)(x - 3)", "x = 2", False),
        ("(x + 2)(x - 3)", "", False),
        ("2 + 3", "5", False),  # no variable: the expression reading's, not this one's
    ],
)
def test_rewritten_only_when_the_reference_is_it(expression: str, gold: str, expected: bool) -> None:
    assert rewritten(parse_expr_text(expression), gold) is expected


def test_a_story_with_an_expression_keeps_its_word_reading() -> None:
    prompt = "A rectangle is x + 3 cm long. When x = 2, how long is it?"
    job = {"prompt": prompt, "reference": {"answer": "5"}, "response": "2 + 3 = 5\nAnswer: 5"}
    result = check_trace_job(job)
    assert not any("rewritten" in s["evidence"] for s in result["steps"])


def test_a_true_identity_in_other_letters_is_a_side_claim() -> None:
    """`(a + b)^2 = a^2 + 2a*b + b^2`, the formula a step uses: true, but not the problem's expression."""
    formula = [parse_expr_text(side) for side in ("(a + b)^2", "a^2 + 2*a*b + b^2")]
    assert rewrite_step(parse_expr_text("(x + 1)^2"), [[formula]]) == "a true identity"


def test_a_disjunction_is_unknown() -> None:
    from assay.domains.math.decide import Unknown

    x = parse_expr_text("x")
    with pytest.raises(Unknown):
        rewrite_step(x, [[[x], [parse_expr_text("2x")]]])


# --- an answer label before an expression in a variable -----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # the answer, read and checked as the answer
        ("Final answer: x^2 + 2x + 1", StepKind.ANSWER),
        ("**Answer:** $x^2 - x - 6$", StepKind.ANSWER),
        ("The final answer is: $\\boxed{3y + 10}$", StepKind.ANSWER),
        # what a move came to with its relation left out, or more than the answer on the line: unread
        ("Subtract 5: 3x", StepKind.UNREADABLE),
        ("Answer: 3x, I think.", StepKind.UNREADABLE),
        ("Answer: 3e+3", StepKind.UNREADABLE),
    ],
)
def test_an_answer_label_before_an_expression(line: str, kind: StepKind) -> None:
    assert parse_trace(f"x = 4\n{line}").steps[-1].kind == kind
