"""The last path of the final-answer check: math-verify, and the exact second opinion it needs.

An answer the allow-list grammar cannot read (`||x||`: bars inside bars, whose pairing the grammar never
guesses; a decimal comma `0{,}5`) goes to math-verify.
math-verify compares numbers after rounding, so when it says "equal" for two numbers, an exact SymPy
difference must be zero too. Each case below reaches that path (the evidence names it), so a change
that makes math-verify say yes to everything, or drops the exact check, fails here.
"""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job


def _check(gold: str, response: str) -> dict[str, object]:
    return check_answer_job(
        {"prompt": "Find the value.", "reference": {"answer": gold}, "response": response}
    )


@pytest.mark.parametrize(
    ("gold", "response"),
    [
        # equal after math-verify's rounding, different exactly: only the second opinion refutes them
        (r"\pi", "Answer: ||3.141592653589793238||"),
        (r"\pi", "**Answer:** ||3.141592653589793238||"),
        ("e", "Answer: ||2.718281828459045235||"),
        ("10^{-20}", "Answer: ||0||"),
        ("2^{-80}", "Answer: ||0||"),
        ("10^{-20}", "Answer: ||10^{-19}||"),  # ten times larger, "equal" after rounding
    ],
)
def test_math_verify_equal_but_not_exactly_equal_is_refuted(gold: str, response: str) -> None:
    result = _check(gold, response)
    assert result["status"] == "refuted", result
    assert "math-verify says equal, but the exact difference is" in str(result["evidence"]), result


@pytest.mark.parametrize(
    ("gold", "response"),
    [
        # plainly different: math-verify itself says no
        ("1/3", "Answer: ||0.3333333333333333||"),
        ("1/3", "Answer: 0{,}333333333333333333"),
        ("1/2", "Answer: ||1/3||"),
        ("2", "Answer: ||3||"),
    ],
)
def test_math_verify_different_is_refuted(gold: str, response: str) -> None:
    result = _check(gold, response)
    assert result["status"] == "refuted", result
    assert "(math-verify)" in str(result["evidence"]), result


@pytest.mark.parametrize(
    ("gold", "response"),
    [
        # equal, exactly: math-verify's yes stands (the second opinion does not refute a right answer)
        ("1/3", "Answer: ||1/3||"),
        ("2", "Answer: ||-2||"),
        ("2", "Answer: ||2||"),
        ("10^{-20}", "Answer: ||10^{-20}||"),
    ],
)
def test_math_verify_equal_and_exactly_equal_is_verified(gold: str, response: str) -> None:
    result = _check(gold, response)
    assert result["status"] == "verified", result
    assert "equals the reference (math-verify)" in str(result["evidence"]), result
