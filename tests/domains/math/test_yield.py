"""Right answers in common styles verify, and the same styles with a wrong value do not.

Each class below (one-way steps and rejected roots, absolute values, units and currency, percentages in
words, reciprocals of fractions, struck-through text, bold math, sets as answers) has correct traces that
must verify next to the inputs that would fool a loose reader: a wrong value in the same style, a
rejection of a true root, a hedge, a unit that changes the value. In-process (`check_trace_job`), so no
verdict depends on the machine's load.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math import radical
from assay.domains.math.check import check_trace_job
from assay.domains.math.exact import Unsupported
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line
from assay.domains.math.trace import parse_trace
from assay.domains.math.units import asked_units, drop_units

SQRT = "Solve for x: sqrt(x + 7) = x - 5"
SQUARED = "Squaring: x + 7 = x^2 - 10x + 25\nx^2 - 11x + 18 = 0\n(x - 2)(x - 9) = 0\nx = 2 or x = 9\n"
ABS = "Solve for x: |x - 3| = 2"
WALK = "A class has 32 students and 25% of them walk to school. How many students walk?"
PENS = "A notebook costs $4 and a pen costs $3. How much do 5 notebooks and 2 pens cost in dollars?"
CENTS = "A pencil costs 25 cents. How many cents do 4 pencils cost?"


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_bad(result: dict[str, Any]) -> int | None:
    return next((s["index"] for s in result["steps"] if s["status"] not in ("verified", "no_claim")), None)


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # squaring is one-way: its extra root is rejected (and the rejection checked), then dropped
        (
            SQRT,
            "9",
            SQUARED + "Check x = 2: sqrt(9) = 3 but 2 - 5 = -3, so x = 2 is extraneous.\nAnswer: x = 9",
        ),
        (SQRT, "9", SQUARED + "x = 2 is extraneous, so x = 9.\nThe answer is 9."),
        (SQRT, "9", SQUARED + "We reject x = 2 (extraneous).\n$\\boxed{9}$"),
        # multiplying by x - 1 is one-way too; x = 1 makes a denominator zero, so it is no solution
        (
            "Solve for x: x^2/(x - 1) = 1/(x - 1)",
            "-1",
            "Multiply both sides by x - 1: x^2 = 1\nx = 1 or x = -1\n"
            "x = 1 is not a solution of the original equation.\nAnswer: x = -1",
        ),
        # absolute values, in the prompt and the steps
        (ABS, "1, 5", "x - 3 = 2 or x - 3 = -2\nx = 5 or x = 1"),
        (ABS, "1, 5", "$|x - 3| = 2$ means $x - 3 = \\pm 2$\n$x = 5$ or $x = 1$"),
        ("Solve for x: 2|x - 1| = 6", "-2, 4", "|x - 1| = 3\nx - 1 = 3 or x - 1 = -3\nx = 4 or x = -2"),
        # percentages in words, reciprocals, fractions grounded as one quantity
        (WALK, "8", "25% of 32 is 32 × 0.25 = 8.\n\nAnswer: 8 students"),
        (WALK, "8", "25% = 1/4\n32 × 1/4 = 8\n**Answer:** 8"),
        ("What is 40% of 15?", "6", "40% of 15 is 0.4 × 15 = 6.\n\nThe answer is 6."),
        (
            "Compute $\\frac{2}{3} \\div \\frac{4}{9}$.",
            "3/2",
            "2/3 × 9/4 = 18/12\n18/12 = 3/2\nThe answer is 3/2.",
        ),
        ("Compute $\\frac{3}{4} \\div \\frac{3}{8}$.", "2", "3/4 × 8/3 = 24/12 = 2\nAnswer: 2"),
        # units and currency asked for by the question
        (PENS, "26", "5 × 4 = 20\n2 × 3 = 6\n20 + 6 = 26\n\nThe total is **$26**."),
        (PENS, "26", "5 × 4 = 20\n2 × 3 = 6\n20 + 6 = 26\n\nAnswer: 26 dollars"),
        (CENTS, "100", "4 × 25 = 100\nAnswer: 100 cents"),
        # "what percent": the answer counts percent
        ("What percent of 80 is 20?", "25", "20/80 = 0.25 = 25%\n\n**Answer: 25%**"),
        ("What percent of 80 is 20?", "25", "20/80 = 0.25\n\n**Answer: 25 percent**"),
        ("What percent of 80 is 20?", "25%", "20/80 = 0.25 = 25%\n\nAnswer: 25%"),
        # answer tags, step headings that are instructions, SI thousands separators
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\nx = 5\n\n<answer>5</answer>"),
        ("Solve for x: 5x - 7 = 18", "5", "<think>\n5x = 25\n</think>\n<answer>\nx = 5\n</answer>"),
        (
            "Solve for x: 5x - 7 = 18",
            "5",
            "## Step 1: Add 7 to both sides of the equation\n"
            "$5x - 7 + 7 = 18 + 7$, which simplifies to $5x = 25$.\n\n"
            "## Step 2: Divide both sides of the equation by 5\n$x = 5$\n\n"
            "The final answer is: $\\boxed{5}$",
        ),
        ("Solve for x: x - 250 = 750", "1000", "x = 750 + 250 = 1000\n\n**Answer:** $x = 1\\,000$"),
        # answer styles: struck-through drafts, bold math, sets, boxed lists
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\n\nAnswer: ~~x = 6~~ x = 5"),
        ("Solve for x: 5x - 7 = 18", "5", "$5x = 25 \\Rightarrow x = 5$\n\nAnswer: $\\mathbf{5}$"),
        ("Solve for x: x^2 - 6x + 8 = 0", "2, 4", "(x - 2)(x - 4) = 0\nSolution set: {2, 4}"),
        (
            "Solve for x: 2x^2 - 3x - 2 = 0",
            "-1/2, 2",
            "$$\n\\begin{aligned}\n&(2x + 1)(x - 2) = 0 \\\\\n&x = -\\frac{1}{2} \\text{ or } x = 2\n"
            "\\end{aligned}\n$$\n\nTherefore $\\boxed{-\\frac{1}{2}, 2}$.",
        ),
    ],
)
def test_right_answers_in_common_styles_verify(prompt: str, answer: str, response: str) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "step"),
    [
        # the extra root of a squaring kept: the one-way step is where the trace goes wrong
        (SQRT, "9", SQUARED + "Answer: x = 2 or x = 9", 1),
        (SQRT, "9", SQUARED + "Answer: x = 9", 1),  # dropped, never rejected: the squaring's fault
        # a true root rejected
        (SQRT, "9", SQUARED + "x = 9 is extraneous.\nAnswer: x = 2", 5),  # not the squaring: the rejection
        ("Solve for x: x^2 = 9", "-3, 3", "x = 3 or x = -3\nx = -3 is extraneous\nAnswer: x = 3", 2),
        # a root added by a slip, never rejected
        ("Solve for x: 2x + 3 = 7", "2", "x = 2 or x = -2\nAnswer: x = 2 or x = -2", 1),
        # absolute value: one branch lost
        (ABS, "1, 5", "x - 3 = 2\nx = 5", 1),
        # wrong values in the right styles
        (WALK, "8", "25% of 32 is 32 × 0.25 = 9.\n\nAnswer: 9 students", 1),
        ("Compute 50% of 10.", "5", "50% of 10 is 10.\nAnswer: 5", 1),
        ("Compute $\\frac{2}{3} \\div \\frac{4}{9}$.", "3/2", "2/3 × 4/9 = 8/27\nThe answer is 8/27.", 1),
    ],
)
def test_wrong_steps_in_the_same_styles_are_refuted_at_their_step(
    prompt: str, answer: str, response: str, step: int
) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] == "refuted", result
    assert _first_bad(result) == step, result


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        # a rejection said with doubt is not a rejection: the root is dropped unchecked
        (SQRT, "9", SQUARED + "Maybe x = 2 is extraneous.\nAnswer: x = 9"),
        # a struck-through right value and a wrong one after it
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\n\nAnswer: ~~x = 5~~ x = 6"),
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\n\nAnswer: <del>x = 5</del> x = 6"),
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\n\nAnswer: $\\sout{5}$ 6"),
        # a unit that is not the asked one changes the value
        (PENS, "26", "5 × 4 = 20\n2 × 3 = 6\n20 + 6 = 26\n\nAnswer: 26 cents"),
        (CENTS, "100", "4 × 25 = 100\nThe total is **$100**."),
        (CENTS, "100", "4 × 25 = 100\nAnswer: $100"),
        ("How long is a 800 cm rope in meters?", "8", "800 / 100 = 8\nAnswer: 8 cm"),
        (WALK, "8", "25% of 32 is 32 × 0.25 = 8.\n\nAnswer: 8 teachers"),
        # a total with a hedge or a second value
        (PENS, "26", "5 × 4 = 20\n2 × 3 = 6\n20 + 6 = 26\n\nThe total is about $26."),
        (PENS, "26", "5 × 4 = 20\n2 × 3 = 6\n20 + 6 = 26\n\nThe total is $26 or $28."),
        # a set for a system: which value is x is not said
        ("Solve the system: x + y = 8, x - y = 2", "x = 5, y = 3", "x = 5\ny = 3\nAnswer: {3, 5}"),
        # a percentage that is not the asked one, or not a bare number of percent
        ("What percent of 80 is 20?", "25", "20/80 = 0.25 = 25%\n\nAnswer: 20%"),
        ("What percent of 80 is 20?", "25", "20/80 = 0.25\n\nAnswer: 0.25%"),
        ("What percent of 80 is 20?", "25", "20/80 = 0.25 = 25%\n\nAnswer: 25% of 80"),
        ("What is 20/80?", "25", "20/80 = 0.25 = 25%\n\nAnswer: 25%"),  # no percent asked: two readings
        # a wrong value in a tag, a thin space that groups no thousands
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\nx = 5\n\n<answer>6</answer>"),
        ("Solve for x: 5x - 7 = 18", "5", "5x = 25\nx = 5\n<answer>5</answer>\n<answer>6</answer>"),
        ("Solve for x: x - 250 = 750", "1000", "x = 750 + 250 = 1000\n\n**Answer:** $x = 1\\,0000$"),
        ("Solve for x: x - 250 = 750", "1000", "x = 750 + 250 = 1000\n\n**Answer:** $x = 10\\,00$"),
        # bars inside bars: which pair up is not certain
        ("Solve for x: ||x| - 1| = 2", "-3, 3", "|x| - 1 = 2\n|x| = 3\nx = 3 or x = -3"),
    ],
)
def test_fooling_inputs_are_never_verified(prompt: str, answer: str, response: str) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] != "verified", result


@pytest.mark.parametrize(
    ("prompt", "line", "read"),
    [
        (WALK, "Answer: 8 students", "Answer: 8"),
        (WALK, "Answer: 8 student", "Answer: 8"),
        (WALK, "Answer: 8 teachers", "Answer: 8 teachers"),
        (WALK, "Answer: 8 students ✓", "Answer: 8 ✓"),  # a check mark closing the line says it was checked
        (WALK, "Answer: 8 students. ✅", "Answer: 8. ✅"),
        (WALK, "Answer: 8 students ✗", "Answer: 8 students ✗"),
        (WALK, "Answer: 8 students ✓ or 9", "Answer: 8 students ✓ or 9"),
        ("How many more apples does Ann have?", "Answer: 3 more", "Answer: 3 more"),
        ("How many times larger is it?", "Answer: 3 times", "Answer: 3 times"),
        ("What is its length in meters?", "8 meters", "8"),
        ("What is its length in meters?", "800 cm", "800 cm"),
        ("What is the mass in m?", "2m = 10", "2m = 10"),  # one letter may be a variable: never a unit
        (PENS, "**$26**", "** 26**"),
        (PENS, "$26$", "$26$"),  # LaTeX delimiters, not currency
        (PENS, "It costs \\$26.", "It costs  26."),  # LaTeX's escaped dollar is the currency
        (CENTS, "It costs \\$1.", "It costs \u02cc1."),
        (CENTS, "**$100**", "**\u02cc100**"),  # dollars for a question in cents: refused
        ("Solve for x: 2x = 8", "$x = 4$", "$x = 4$"),  # no money in the prompt: `$` stays a delimiter
    ],
)
def test_only_the_asked_unit_comes_off(prompt: str, line: str, read: str) -> None:
    assert drop_units(line, asked_units(prompt)) == read


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("Answer: ~~x = 6~~ x = 5", "Answer:   x = 5"),  # struck through: deleted, as rendered
        ("Answer: <del>6</del> 5", "Answer:   5"),
        ("$x~~=~~5$", "$x~~=~~5$"),  # LaTeX spacing inside math, not a strike
        ("x~~=~~5", "x~~=~~5"),  # a symbol alone between tildes is spacing too
    ],
)
def test_struck_text_goes_and_latex_spacing_stays(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


@pytest.mark.parametrize(
    ("equation", "roots"),
    [
        ("sqrt(x + 7) = x - 5", {9}),
        ("x - 5 = sqrt(x + 7)", {9}),
        ("sqrt(2x + 1) = x - 1", {4}),
        ("sqrt(x) = -1", set()),
        ("sqrt(x^2) = x", None),  # every x >= 0: not finitely many, left to SymPy
        ("|x - 3| = 2", {1, 5}),
        ("|2x| = x + 3", {-1, 3}),
        ("|x| = -2", set()),
        ("|x - 1| = 0", {1}),
    ],
)
def test_radical_equations_are_solved_exactly(equation: str, roots: set[int] | None) -> None:
    lhs, rhs = parse_chain(equation)
    if roots is None:
        with pytest.raises(Unsupported):
            radical.solve(lhs, rhs, "x")
        return
    found = radical.solve(lhs, rhs, "x")
    assert not found.cofinite
    assert found.points == {Fraction(r) for r in roots}


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("The answer is 5 (not 6).", "5"),
        ("The answer is five (not six).", "5"),  # a value ruled out beside the answer, in words too
        ("The answer is 5 (not 5).", None),  # the answer ruled out beside itself: no answer
        ("The answer is five (not five).", None),
        ("The answer is five (not 5).", None),
        ("Answer: 0.5 (not 1/2)", None),
        ("The answer is five (maybe six).", None),
        ("The answer is 29, not 36.", "29"),  # after a comma, with its unit, or joined by `and`
        ("The answer is 29, not 36 apples.", "29"),
        ("The answer is 4, and not 5.", "4"),
        ("The answer is 29, not 29.", None),
        ("The answer is 29, not twenty-nine.", None),
        ("The answer is 29, not really.", None),
        ("The answer is 29, not counting the rest.", None),
        ("The answer is 4, not 5 but 6.", None),
    ],
)
def test_a_value_ruled_out_beside_the_answer(text: str, answer: str | None) -> None:
    assert parse_trace(text).answer == answer
