"""A step that names its method in a bracketed reason or a lead must show it (named_methods.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

PROMPT = "Solve for x: x^2 + 6x - 16 = 0"


def _verdict(response: str) -> dict:
    return check_trace_job({"prompt": PROMPT, "reference": {"answer": "2, -8"}, "response": response})


@pytest.mark.parametrize(
    "response",
    [
        "Step 1: x^2 + 6x = 16 [move the constant]\nStep 2: x^2 + 6x + 9 = 25 [complete the square]\n"
        "Step 3: (x + 3)^2 = 25\nStep 4: x + 3 = ±5\nStep 5: x = 2 or x = -8",
        "Completing the square: (x + 3)^2 = 25\nx + 3 = ±5\nx = 2 or x = -8",
        "Factoring: (x - 2)(x + 8) = 0\nx = 2 or x = -8",
        "Step 1: (x - 2)(x + 8) = 0 [factor]\n"
        "Step 2: x - 2 = 0 or x + 8 = 0 [a product is zero when a factor is]\nStep 3: x = 2 or x = -8",
    ],
)
def test_a_method_the_line_shows_verifies(response: str) -> None:
    assert _verdict(response)["status"] == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Step 1: x^2 + 6x - 16 = 0 [the equation]\nStep 2: (x - 2)(x + 8) = 0 [complete the square]\n"
        "Step 3: x = 2 or x = -8",
        "Completing the square: (x - 2)(x + 8) = 0\nx = 2 or x = -8",
        "Step 1: x^2 + 6x - 16 = 0\nStep 2: x^2 + 6x = 16 [factor]\nStep 3: x = 2 or x = -8",
    ],
)
def test_a_method_the_line_does_not_show_is_unknown(response: str) -> None:
    result = _verdict(response)
    assert result["status"] == "unknown", result
    assert any("says it" in s["evidence"] for s in result["steps"]), result


# --- a method named in prose, and a rewriting said with a verb ---------------------------------------------


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Using the quadratic formula: (x - 2)(x - 3) = 0\nx = 2 or x = 3\nAnswer: 2, 3", "unknown"),
        ("By completing the square, (x - 2)(x - 3) = 0.\nSo x = 2 or x = 3.\nAnswer: 2, 3", "unknown"),
        ("We factor x^2 - 5x + 6 as (2x - 4)(x - 3).\nSo x = 2 or x = 3.\nAnswer: 2, 3", "refuted"),
        ("Using the quadratic formula: x = (5 ± 1)/2\nx = 3 or x = 2\nAnswer: 2, 3", "verified"),
        ("By completing the square, (x - 5/2)^2 = 1/4.\nSo x = 2 or x = 3.\nAnswer: 2, 3", "verified"),
        ("We factor x^2 - 5x + 6 as (x - 2)(x - 3).\nSo x = 2 or x = 3.\nAnswer: 2, 3", "verified"),
    ],
)
def test_methods_and_rewritings_said_in_prose(response: str, status: str) -> None:
    job = {"prompt": "Solve for x: x^2 - 5x + 6 = 0", "reference": {"answer": "2, 3"}, "response": response}
    assert check_trace_job(job)["status"] == status
