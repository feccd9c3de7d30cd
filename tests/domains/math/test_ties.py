"""Relevance, not just truth: check lines tied to the problem, arithmetic that follows from it, values
said in words, and the reader's newer shapes (tables, root labels, mixed numbers, lists in words)."""

from fractions import Fraction

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.expr import Expr
from assay.domains.math.grammar import parse_chain
from assay.domains.math.spoken import states_value
from assay.domains.math.tie import follows, is_part
from assay.domains.math.trace import parse_trace


def _expr(text: str) -> Expr:
    return parse_chain(text)[0]


@pytest.mark.parametrize(
    ("claim", "source", "env", "tied"),
    [
        # the answer put into the equation, partly worked, reordered
        ("2(4) + 5", "2x + 5", {"x": 4}, True),
        ("8 + 5", "2x + 5", {"x": 4}, True),
        ("5 + 4·2", "2x + 5", {"x": 4}, True),
        ("(-8)^2 + 9(-8) + 8", "x^2 + 9x + 8", {"x": -8}, True),
        ("-1(-8) - 3(5)", "-x - 3y", {"x": -8, "y": 5}, True),
        # true lines that never put the answer in
        ("4 + 9", "2x + 5", {"x": 4}, False),
        ("2(5) + 3", "2x + 5", {"x": 4}, False),
        ("2(3) + 7", "2x + 5", {"x": 4}, False),
        ("2^3 + 5", "2x + 5", {"x": 4}, False),
        # arithmetic: worked out, regrouped; not computed in an order the expression forbids
        ("2 + 12 - 1", "2 + 3 * 4 - 1", {}, True),
        ("14 - 1", "2 + 3 * 4 - 1", {}, True),
        ("2 + 3", "2 + 3 * 4 - 1", {}, False),
        ("19 - 6", "2 + 3 * 4 - 1", {}, False),
        ("10 + 4 - 1", "2 + 3 * 4 - 1", {}, False),
        ("4/12 + 3/12", "1/3 + 1/4", {}, True),
    ],
)
def test_follows(claim: str, source: str, env: dict[str, int], tied: bool) -> None:
    values = {k: Fraction(v) for k, v in env.items()}
    assert follows(_expr(claim), _expr(source), values) is tied


def test_a_number_for_several_terms_must_have_been_computed() -> None:
    # `18 + 2` for `4 + 6 × 3 - 2`: the 2 stands for 4 - 2, which no step computed
    source = _expr("4 + 6 * 3 - 2")
    assert not follows(_expr("18 + 2"), source, known=frozenset({Fraction(18)}))
    assert follows(_expr("4 + 18 - 2"), source, known=frozenset({Fraction(18)}))
    assert follows(_expr("2 + 11"), _expr("2 + 3 * 4 - 1"), known=frozenset({Fraction(11)}))
    assert is_part(_expr("3 * 4 - 1"), _expr("2 + 3 * 4 - 1"))


@pytest.mark.parametrize(
    "text",
    [
        "Dividing both sides by two, we obtain nine halves.",
        "Thirteen take away five works out to nine.",
        "That amounts to nine on the right.",
        "Half of eighty is thirty.",
        "13 - 5? That's 9.",
        "Thirteen minus five: nine.",
        "We find 2x to be nine.",
        "2x = 8... no, 9.",
        "2x = 8, er, 9.",
        "Dividing by 1/3 is multiplying by 2",
        "Is it 9? Yes, nine.",
    ],
)
def test_values_said_in_prose_are_claims(text: str) -> None:
    assert states_value(text)


@pytest.mark.parametrize(
    "text",
    [
        "Subtract 5 from both sides.",
        "Subtract 5 from both sides and divide by 2.",
        "If I subtract 2, I get",
        "Factor x^2 - 5x + 6:",
        "Set each factor equal to zero:",
        "This gives two solutions:",
        "Answer: 4",
        "**5**",
        "x = 2, 3",
        "So x is 4.",
        "So x equals 1 and y equals 9.",
        "Write both over the common denominator 40:",
        "Dividing by 1/3 is multiplying by 3:",
        "Could x be 5? No, since 2(5) + 5 = 15, not 13.",
        "numbers left: 4, 6, 12",
        "5! = 120",
    ],
)
def test_prose_without_a_stated_value_stays_prose(text: str) -> None:
    assert not states_value(text)


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("So x equals 1 and y equals 9.", "x = 1, y = 9"),
        ("So x is either 2 or 3.", "x = 2, x = 3"),
        ("x=2,3", "x=2, x = 3"),
        ("Answer: x=3; y=2", "x=3, y=2"),
        ("Answer: x equals four", "x = 4"),
        ("$x_1 = 2,\\ x_2 = 3$", "x = 2, x = 3"),
        ("x₁ = 2, x₂ = 3", "x = 2, x = 3"),
        ("x = 1,000", "x = 1000"),
        ("The value of 2x + 7 is 13.", "2x + 7 = 13"),
        ("x = 2 1/2", "x = 2 1/2"),
        # refused: an answer that is a question, hedged, ambiguous, or changed by its note
        ("Answer: x = 4?", None),
        ("Answer: 4 (negated)", None),
        ("Answer: (1,000)", None),
        ("x is 2 or 3.", None),
        ("x = 2 or x = 3, but not 3.", None),
        ("x_1 = 2", None),
    ],
)
def test_answer_shapes(line: str, answer: str | None) -> None:
    assert parse_trace(line).answer == answer


JOBS = [
    # (prompt, reference, response, status)
    ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nCheck: 4 + 9 = 13 ✓\nAnswer: 4", "unknown"),
    ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nCheck: 2(4) + 5 = 13 ✓\nAnswer: 4", "verified"),
    ("Compute 2 + 3 × 4 − 1.", "13", "2 + 3 = 5\n5 × 4 − 1 = 19\n19 − 6 = 13\nAnswer: 13", "unknown"),
    ("Compute 2 + 3 × 4 − 1.", "13", "3 × 4 = 12\n12 − 1 = 11\n2 + 11 = 13\nAnswer: 13", "verified"),
    ("Compute 4 + 6 × 3 − 2.", "20", "6 × 3 = 18\n18 + 2 = 20\nAnswer: 20", "unknown"),
    ("Compute 3/4 - 1/6.", "7/12", "**Answer:** 7/12\n\n3/4 − 1/6 = 9/12 − 2/12 = 7/12", "verified"),
    ("If 4x - 2 = 30, what is 3x - 4?", "20", "4x = 32\nx = 8\n3x - 4 = 3(8) - 4 = 20", "verified"),
    ("If 4x - 2 = 30, what is 3x - 4?", "20", "4x = 32\nx = 8\n3x - 4 = 3(8) - 4 = 21", "refuted"),
    (
        "Solve for x: 3x + 2 = 7",
        "5/3",
        "| Step | Work | Reason |\n|---|---|---|\n"
        "| 1 | $3x = 5$ | Subtract 2 |\n| 2 | $x = 5/3$ | Divide by 3 |",
        "verified",
    ),
    ("Solve for x: 2x + 5 = 13", "4", "2x &= 8 \\tag{13 - 5 = 9}\\\\\nx &= 4\nAnswer: 4", "unknown"),
    (
        "Solve for x: 2x + 5 = 13",
        "4",
        "2x = 8\nx = 4\n\n| variable | value |\n|---|---|\n| x | 5 |\n\nAnswer: x = 4",
        "unknown",
    ),
]


@pytest.mark.parametrize(("prompt", "gold", "response", "status"), JOBS)
def test_traces(prompt: str, gold: str, response: str, status: str) -> None:
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    assert check_trace_job(job)["status"] == status
