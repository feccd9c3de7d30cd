"""Conditions a prompt puts on its unknown (`for x > 0`) make the roots that break them no solutions
(conditions.py): a step may drop them, and an answer that keeps them is still wrong."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.conditions import Condition, breaks, excluded, prompt_conditions
from assay.domains.math.exact import evaluate
from assay.domains.math.grammar import parse_expr_text

POSITIVE = "Solve x^2 = 16 for x > 0."


def _status(response: str, prompt: str = POSITIVE, answer: str = "4") -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("prompt", "read"),
    [
        ("Solve x^2 = 16 for x > 0.", [(">", 0)]),
        ("Solve x^2 = 2 for x > 0, to two decimal places", [(">", 0)]),
        ("Solve for x: x^2 = 4, x ≥ -1", [(">=", -1)]),
        ("Solve x^2 = 4 where x ≠ 2", [("!=", 2)]),
        (r"Solve \(x^2 = 9\) for \(x \geq 1\) and \(x \le 4\)", [(">=", 1), ("<=", 4)]),
        # shapes not read: a chain, a bound with more math, another letter, a disjunction, a denial
        ("Solve x^2 = 4 for 0 < x < 3", []),
        ("Solve x^2 = 4 for x > 2y", []),
        ("Solve x^2 = 4 for x > 0.5x", []),
        ("Solve y^2 = 4 for t > 0", []),
        ("Solve x^2 = 9 for x > 0 or x < -5", []),
        ("Solve x^2 = 9, not for x > 0", []),
        ("Solve x^2 = 16, where x > 0 is not required.", []),
    ],
)
def test_prompt_conditions(prompt: str, read: list[tuple[str, int]]) -> None:
    found = [(c.comparison, c.bound) for c in prompt_conditions(prompt, "x")]
    assert found == [(op, Fraction(bound)) for op, bound in read]


def test_breaks_is_exact_for_rationals_and_undecided_at_the_bound_for_surds() -> None:
    positive = Condition("x", ">", Fraction(0))
    assert breaks(Fraction(-1, 1000), positive) is True
    assert breaks(Fraction(0), positive) is True
    assert breaks(Fraction(0), Condition("x", ">=", Fraction(0))) is False
    root = evaluate(parse_expr_text("sqrt(2)"))
    assert breaks(root, Condition("x", "<", Fraction(1))) is True
    assert excluded([root, -root], [positive]) == frozenset({-root})


@pytest.mark.parametrize(
    "response",
    [
        "x = ±4\nx = 4\nAnswer: 4",
        "x^2 = 16\nx = 4\nAnswer: 4",
        "x = 4 or x = −4\nx = 4\nAnswer: 4",
    ],
)
def test_dropping_a_root_the_condition_excludes_verifies(response: str) -> None:
    assert _status(response) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "x = ±4\nx = -4\nAnswer: -4",
        "x = ±4\nAnswer: x = 4 or x = -4",
        "x = ±4\nx = 4\nAnswer: 4 or -4",
        "x = ±5\nx = 5\nAnswer: 4",
    ],
)
def test_keeping_or_choosing_the_excluded_root_never_verifies(response: str) -> None:
    assert _status(response) != "verified"


def test_without_a_condition_a_dropped_root_is_not_verified() -> None:
    assert _status("x = ±4\nx = 4\nAnswer: 4", prompt="Solve x^2 = 16.") != "verified"
    assert _status("x = ±4\nx = 4\nAnswer: 4", prompt="Solve x^2 = 16 for x < 0.") != "verified"


RATIONAL = "Solve for x: (x + 1)/(x - 2) = 4"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # a domain note alone on its line says the value is no solution (rejection.py), checked exactly
        ("x ≠ 2\nx + 1 = 4(x − 2)\nx + 1 = 4x − 8\n9 = 3x\nx = 3\nAnswer: 3", "verified"),
        ("Note: x ≠ 2.\nx + 1 = 4x − 8\nx = 3\nAnswer: 3", "verified"),
        ("x ≠ 3\nx + 1 = 4(x − 2)\nx = 3\nAnswer: 3", "refuted"),  # 3 is the solution
    ],
)
def test_a_domain_note_is_a_rejection(response: str, status: str) -> None:
    assert _status(response, prompt=RATIONAL, answer="3") == status
