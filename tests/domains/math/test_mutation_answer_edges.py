"""Final answers at two edges the mutation target `math-answer` (tools/mutation.py) found unheld: an
equation against a value (never equal, never a crash), and several values beyond the exact path (left
`unknown`, never handed to a general-purpose matcher)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job


def _check(gold: str, response: str) -> dict[str, object]:
    return check_answer_job({"prompt": "Find it.", "reference": {"answer": gold}, "response": response})


@pytest.mark.parametrize(
    ("gold", "response", "status"),
    [
        # an equation's answer is an equation: a value, or one variable's value, is not it
        ("2x + 3y = 6", "Answer: x = 3", "refuted"),
        ("2x + 3y = 6", "Answer: 3", "refuted"),
        ("x + y = 2", "Answer: (1, 1)", "refuted"),
        # and a value's answer is not an equation
        ("3", "Answer: 2x + 3y = 6", "refuted"),
        # the same line written with other coefficients is the same equation
        ("2x + 3y = 6", "Answer: 4x + 6y = 12", "verified"),
    ],
)
def test_an_equation_only_equals_an_equation(gold: str, response: str, status: str) -> None:
    result = _check(gold, response)
    assert result["status"] == status, result


@pytest.mark.parametrize(
    ("gold", "response"),
    [
        ("2, 3", "Answer: ||2||, ||3||"),  # both values, in a notation only math-verify reads
        ("2", "Answer: ||2||, ||3||"),  # one value asked, two given
        ("||2||, ||3||", "Answer: 2, 3"),
        ("||2||, ||3||", "Answer: ||2||"),  # two values asked, one given
    ],
)
def test_several_values_beyond_the_exact_path_are_unknown(gold: str, response: str) -> None:
    result = _check(gold, response)
    assert result["status"] == "unknown", result
    assert "several values beyond the exact path" in str(result["evidence"]), result


@pytest.mark.parametrize(
    ("gold", "response", "status", "evidence"),
    [
        # the symbolic path counts the values a ± makes before it pairs them
        (r"\pm x^{2}", "Answer: x^{2}", "refuted", "1 value(s) given where the reference has 2"),
        ("x^{2}", r"Answer: \pm x \cdot x", "refuted", "2 value(s) given where the reference has 1"),
        (r"\pm x^{2}", r"Answer: \pm x \cdot x", "verified", "(symbolic check)"),
    ],
)
def test_the_symbolic_path_counts_plus_minus_values(
    gold: str, response: str, status: str, evidence: str
) -> None:
    result = _check(gold, response)
    assert result["status"] == status and evidence in str(result["evidence"]), result


@pytest.mark.parametrize(
    "pred",
    [
        "(" * 300 + "2" + ")" * 300,  # deeper than the grammar's nesting bound
        "1/" * 500 + "1",  # a tree deeper than its bound
        "9" * 5000,  # longer than the text bound
    ],
)
def test_an_answer_beyond_a_safety_bound_on_the_slow_path_is_unknown(pred: str) -> None:
    from assay.domains.math.answer import _slow_path

    status, why = _slow_path("2", pred)
    assert (status.value, "safety bound" in why) == ("unknown", True)


@pytest.mark.parametrize("pred", ["\\frac{", "\\begin{x}", "\\left(", "\\text{}", "$$"])
def test_an_answer_neither_the_grammar_nor_math_verify_reads_is_unknown(pred: str) -> None:
    from assay.domains.math.answer import _slow_path

    status, why = _slow_path("2", pred)
    assert (status.value, why) == (
        "unknown",
        "could not read the answer (neither the grammar nor math-verify)",
    )
