"""A sentence that names a quantity of the problem and gives it a value (named_quantities.py), checked
against the problem (quantity_values.py): the discriminant, Vieta's sum and product, the axis of symmetry,
a root, a coefficient, the LCD. Each right value with its wrong twins: a wrong value whose arithmetic is
true is refuted, a value the checker cannot read or a quantity it cannot compute is unknown."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.exact import evaluate, format_number
from assay.domains.math.named_quantities import named_value, without_formula_label, without_named_values

QUAD = "Solve for x: x^2 - 5x + 6 = 0"
ROOTS = "\n(x - 2)(x - 3) = 0\nx = 2 or x = 3"
LIN = "Solve for x: 3x + 5 = 20"
FRAC = "Solve for x: x/4 + x/6 = 5"


def _status(prompt: str, answer: str, response: str) -> str:
    result: dict[str, Any] = check_trace_job(
        {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    )
    return str(result["status"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The discriminant is 25 - 24 = 1.", [("discriminant", "1")]),
        ("The discriminant is b² - 4ac = 25 - 24 = 1.", [("discriminant", "1")]),
        ("D = b^2 - 4ac = (-5)^2 - 4(1)(6) = 1", [("discriminant", "1")]),
        ("Compute the discriminant: $b^2 - 4ac = 25 - 24 = 1$.", [("discriminant", "1")]),
        ("The discriminant of the quadratic is 1, so two roots.", [("discriminant", "1")]),
        ("The discriminant is five.", [("discriminant", None)]),
        (
            "Sum of roots = -b/a = 5, product of roots = c/a = 6.",
            [("sum of the roots", "5"), ("product of the roots", "6")],
        ),
        (
            "The roots r, s satisfy r + s = 5 and rs = 6.",
            [("sum of the roots", "5"), ("product of the roots", "6")],
        ),
        ("The axis of symmetry is x = 5/2.", [("axis of symmetry", "5/2")]),
        ("The other root is 3.", [("root", "3")]),
        ("The coefficient of x is 3.", [("coefficient of the unknown", "3")]),
        ("The LCD is 12.", [("least common denominator", "12")]),
        # a name after a verb labels an operation; a formula or a property is no value; `of 4 and 6` is a fact
        ("Simplify the discriminant: x = (4 ± sqrt(12))/2", []),
        ("Write both over the common denominator 12: 3/4 = 9/12", []),
        ("Common denominator: 2/3 + 1/4 = 8/12 + 3/12.", []),
        ("The discriminant is b^2 - 4ac.", []),
        ("Since the discriminant is negative, there are no real roots.", []),
        ("The LCD of 4 and 6 is 12.", []),
    ],
)
def test_the_quantity_a_sentence_names_and_its_value(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    found = [
        (named.quantity, None if named.value is None else format_number(evaluate(named.value[-1])))
        for named in named_value(text)
    ]
    assert found == expected


def test_the_formula_label_and_the_sentences_the_checker_reads() -> None:
    assert without_formula_label("b^(2) - 4ac = 25 - 24 = 1") == "25 - 24 = 1"
    assert without_formula_label("D = b^2 - 4*a*c = 1") == "1"
    said = "The sum of the roots is 5 and the product of the roots is 6."
    assert without_named_values(said, said) == ""
    vieta = "The roots r, s satisfy r + s = 5 and rs = 6, so they are 2 and 3."
    assert without_named_values(vieta, vieta) == "the roots are 2 and 3"
    # anything else in the sentence keeps it whole for the reader: the elliptic `the product is 7` is no
    # named value, and must not be dropped as prose
    ellipsis = "The sum of the roots is 5 and the product is 7."
    assert without_named_values(ellipsis, ellipsis) == ellipsis
    # taken out only when the step's text names the same values
    assert without_named_values(said, "The sum of the roots is 5.") == said


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        # the discriminant, with its formula, of the problem or of an equation the trace has stated
        (QUAD, "2, 3", "The discriminant is 25 - 24 = 1." + ROOTS, "verified"),
        (
            QUAD,
            "2, 3",
            "The discriminant is b² - 4ac = 25 - 24 = 1.\nx = (5 ± 1)/2\nx = 3 or x = 2",
            "verified",
        ),
        (
            QUAD,
            "2, 3",
            "2x^2 - 10x + 12 = 0\nThe discriminant is 100 - 96 = 4.\nx = (10 ± 2)/4\nx = 3 or x = 2",
            "verified",
        ),
        (QUAD, "2, 3", "The discriminant is 25 - 20 = 5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "The discriminant is 5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "b^2 - 4ac = 25 - 20 = 5" + ROOTS, "refuted"),
        (QUAD, "2, 3", "The discriminant is 100 - 96 = 4." + ROOTS, "refuted"),
        (
            "Solve for x: x^2 = 5x - 6",
            "2, 3",
            "The discriminant is 25 + 24 = 49.\nx^2 - 5x + 6 = 0" + ROOTS,
            "refuted",
        ),
        (QUAD, "2, 3", "Here a = 1, b = 5, c = 6.\nb^2 - 4ac = 25 - 24 = 1" + ROOTS, "refuted"),
        (QUAD, "2, 3", "The discriminant is five." + ROOTS, "unknown"),
        # the value right after the name, or a letter for it where the problem is a quadratic
        (QUAD, "2, 3", "We compute the discriminant, 25 - 20 = 5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "Discriminant 25 - 20 = 5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "D = 5" + ROOTS, "refuted"),
        (QUAD, "2, 3", "D = 1\nx = (5 ± sqrt(D))/2\nx = 3 or x = 2", "verified"),
        # its symbol, in unicode or LaTeX; the formula inside the quadratic formula, with the names given
        (
            QUAD,
            "2, 3",
            "Here a = 1, b = -5, c = 6.\nDiscriminant: Δ = (-5)^2 - 4(1)(6) = 25 - 24 = 1" + ROOTS,
            "verified",
        ),
        (QUAD, "2, 3", "The discriminant is $\\Delta = 25 - 24 = 1$." + ROOTS, "verified"),
        (QUAD, "2, 3", "The discriminant is $\\Delta = 25 - 20 = 5$." + ROOTS, "refuted"),
        (QUAD, "2, 3", "Δ = 49" + ROOTS, "refuted"),
        (
            "Solve for x: x^2 - 7x + 12 = 0",
            "3, 4",
            "With a = 1, b = -7, c = 12:\n"
            "$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a} = \\frac{7 \\pm 1}{2}$$\n"
            "So $x_1 = 4$, $x_2 = 3$.",
            "verified",
        ),
        (
            "Solve for x: x^2 - 7x + 12 = 0",
            "3, 4",
            "With a = 1, b = -7, c = 12:\n"
            "$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a} = \\frac{7 \\pm 3}{2}$$\n"
            "So $x_1 = 4$, $x_2 = 3$.",
            "refuted",
        ),
        ("Solve for x: 2x + 5 = 13", "4", "The discriminant is 0.\n2x = 8\nx = 4", "unknown"),
        # Vieta: the sum and the product, with their formulas or by the roots' names
        (QUAD, "2, 3", "The sum of the roots is 5 and the product of the roots is 6." + ROOTS, "verified"),
        (QUAD, "2, 3", "The roots r, s satisfy r + s = 5 and rs = 6, so they are 2 and 3.", "verified"),
        (QUAD, "2, 3", "Sum of roots = -b/a = -5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "The roots r, s satisfy r + s = -5 and rs = 6, so they are 2 and 3.", "refuted"),
        (QUAD, "2, 3", "The sum of the roots is 5 and the product is 7." + ROOTS, "unknown"),
        # the axis of symmetry and a root are values of the unknown, not equations of the trace
        (QUAD, "2, 3", "The axis of symmetry is x = 5/2." + ROOTS, "verified"),
        (QUAD, "2, 3", "The axis of symmetry is x = 5." + ROOTS, "refuted"),
        (QUAD, "2, 3", "(x - 2)(x - 3) = 0\nOne root is 2. The other root is 3.\nx = 2 or x = 3", "verified"),
        (QUAD, "2, 3", "(x - 2)(x - 3) = 0\nOne root is 2. The other root is 4.\nx = 2 or x = 3", "refuted"),
        (QUAD, "2, 3", "(x - 2)(x - 3) = 0\nOne root is 2. The other root is 2.\nx = 2 or x = 3", "refuted"),
        # coefficients of either side, or of lhs - rhs
        (LIN, "5", "The coefficient of x is 3.\n3x = 15\nx = 5", "verified"),
        (LIN, "5", "The coefficient of x is 5.\n3x = 15\nx = 5", "refuted"),
        (QUAD, "2, 3", "The coefficient of x^2 is 2." + ROOTS, "refuted"),
        # the LCD of number denominators; a common denominator is a multiple of it
        (FRAC, "12", "The LCD is 12.\n3x + 2x = 60\n5x = 60\nx = 12", "verified"),
        (FRAC, "12", "The LCD is 24.\n6x + 4x = 120\n10x = 120\nx = 12", "refuted"),
        (FRAC, "12", "The common denominator is 24.\n6x + 4x = 120\n10x = 120\nx = 12", "verified"),
        (FRAC, "12", "The common denominator is 10.\n6x + 4x = 120\n10x = 120\nx = 12", "refuted"),
        (
            "Compute 5/6 - 1/4.",
            "7/12",
            "The LCD is 24.\n5/6 - 1/4 = 10/12 - 3/12 = 7/12\nThe answer is 7/12.",
            "refuted",
        ),
        ("Solve for x: 1/x + 1/2 = 1", "2", "The LCD is 2.\n2 + x = 2x\nx = 2", "unknown"),
        # what the checker cannot compute is unknown, never true arithmetic
        (QUAD, "2, 3", "The slope is 3 - 1 = 2." + ROOTS, "unknown"),
        (QUAD, "2, 3", "The vertex is at 5/2." + ROOTS, "unknown"),
    ],
)
def test_a_named_value_is_checked_against_the_problem(
    prompt: str, answer: str, response: str, status: str
) -> None:
    assert _status(prompt, answer, response) == status
