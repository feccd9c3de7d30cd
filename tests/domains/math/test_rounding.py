"""A prompt that asks for a rounded answer, and the step that rounds the exact solution as asked
(rounding.py): that step verifies, any other decimal is still a change of the solution."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.exact import evaluate
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.rounding import asked_places, rounds_solution

THIRDS = "Solve for x: 3x = 2. Round to two decimal places."
ROOT = "Solve x^2 = 2 for x > 0, to two decimal places"


def _status(response: str, prompt: str = THIRDS, answer: str = "0.67") -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    ("prompt", "places"),
    [
        (THIRDS, 2),
        ("Give x to 3 d.p.", 3),
        ("Round your answer to the nearest tenth.", 1),
        ("to one decimal place", 1),
        ("Solve 3x = 2.", None),
        ("Round to 2 significant figures.", None),
        ("Round to two decimal places, then to the nearest tenth.", None),  # two requests: neither read
    ],
)
def test_asked_places(prompt: str, places: int | None) -> None:
    assert asked_places(prompt) == places


def test_rounds_solution_needs_one_kept_solution_and_its_rounding() -> None:
    two_thirds = frozenset({Fraction(2, 3)})
    assert rounds_solution(2, two_thirds, frozenset({Fraction(67, 100)}), ()) is not None
    assert rounds_solution(2, two_thirds, frozenset({Fraction(66, 100)}), ()) is None
    assert rounds_solution(2, two_thirds, frozenset({Fraction(667, 1000)}), ()) is None  # more places
    assert rounds_solution(None, two_thirds, frozenset({Fraction(67, 100)}), ()) is None
    root = evaluate(parse_expr_text("sqrt(2)"))
    both = frozenset({root, -root})
    assert rounds_solution(2, both, frozenset({Fraction(141, 100)}), ()) is None  # which root?
    assert rounds_solution(2, both, frozenset({Fraction(141, 100)}), {-root}) is not None


@pytest.mark.parametrize(
    ("response", "prompt", "answer"),
    [
        ("x = 2/3 ≈ 0.67\nAnswer: 0.67", THIRDS, "0.67"),
        ("3x = 2\nx = 2/3\nx = 0.67", THIRDS, "0.67"),
        ("x = ±√2\nx = √2\nx = 1.41", ROOT, "1.41"),
        ("x = √2 ≈ 1.41\nAnswer: 1.41", ROOT, "1.41"),
    ],
)
def test_rounding_as_asked_verifies(response: str, prompt: str, answer: str) -> None:
    assert _status(response, prompt, answer) == "verified"


@pytest.mark.parametrize(
    ("response", "prompt", "answer"),
    [
        ("x = 2/3\nx = 0.66", THIRDS, "0.67"),  # truncated, not rounded
        ("x = 2/3\nx = 0.7\nAnswer: 0.67", THIRDS, "0.67"),
        ("x = 2/3\nx = 0.667\nAnswer: 0.67", THIRDS, "0.67"),
        ("3x = 2\nx = 0.67\nx = 0.68\nAnswer: 0.67", THIRDS, "0.67"),  # the work stays exact after rounding
        ("x = ±√2\nx = -1.41\nAnswer: 1.41", ROOT, "1.41"),
        ("x = 2/3\nx = 0.67", "Solve for x: 3x = 2.", "2/3"),  # no rounding asked
    ],
)
def test_other_decimals_never_verify(response: str, prompt: str, answer: str) -> None:
    assert _status(response, prompt, answer) != "verified"
