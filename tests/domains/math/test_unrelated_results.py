"""A result stated without a relation is never dropped as prose: a count said of math (`2x takes 9
steps`), math after an arrow (`→ 3x`), an expression after a word of consequence or a claim (`so 3x`,
`2x + 5 = 13; 3x`) and an expression alone on its line that nothing continues."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.spoken import states_value
from assay.domains.math.stated_math import result_alone
from assay.domains.math.trace import parse_trace
from assay.records import StepKind

LINEAR = "Solve for x: 2x + 5 = 13"


def _verdict(middle: str, prompt: str = LINEAR, answer: str = "4") -> dict[str, object]:
    response = f"2x + 5 = 13\n{middle}\nx = 4\nAnswer: 4"
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


@pytest.mark.parametrize(
    "clause",
    [
        "2x takes 9 steps",
        "2x in 9 steps",
        "Subtracting 5, 2x has 9 terms",
        "the 2x side takes four steps",
        "x + 1 gives 3 cases",
        "4x turns into 14 parts",
        "2x, 9 steps",
    ],
)
def test_a_count_said_of_math_states_a_value(clause: str) -> None:
    assert states_value(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "We consider 2 cases",
        "Subtract 5 from both sides",
        "There are two steps left",
        "x appears on both sides",
        "Adding the two equations eliminates y",
        "So the two solutions are 1 and 5.",
    ],
)
def test_a_count_in_words_states_nothing(clause: str) -> None:
    assert not states_value(clause)


@pytest.mark.parametrize(
    "line",
    [
        "subtract 5 → 3x",
        "→ 3x",
        "=> 3x",
        "⟹ 3x",
        "$\\implies 3x$",
        "\\Rightarrow 2x - 9",
        "2x + 5 = 13 → 3x",
        "2x + 5 = 13 → 3x → x = 4",
        "Subtract 5 → now 3x + 0",
        "2x = 8 → 8 + 1",
        "2x = 8 → x",
        "→ 3x, subtract",
    ],
)
def test_math_after_an_arrow_without_a_relation_is_unreadable(line: str) -> None:
    assert StepKind.UNREADABLE in [s.kind for s in parse_trace(line).steps]


@pytest.mark.parametrize(
    ("line", "kinds"),
    [
        ("2x + 5 = 13 → 2x = 8 → x = 4", [StepKind.CLAIM] * 3),
        ("→ subtract 5 from both sides", [StepKind.PROSE]),
        ("2x = 8 ⟹ 4", [StepKind.CLAIM, StepKind.ANSWER]),
    ],
)
def test_arrows_between_claims_instructions_and_values_read_as_before(
    line: str, kinds: list[StepKind]
) -> None:
    assert [s.kind for s in parse_trace(line).steps] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "2x + 5 = 13, so 3x",
        "2x + 5 = 13 so 3x.",
        "Now 3x.",
        "then 3x, so",
        "2x + 5 = 13; 2x - 9",
        "Subtract 5: 3x",
        "Subtracting 5 from both sides: 2x - 9",
        "x = 2, hence x^2 - 4",
    ],
)
def test_an_expression_after_a_consequence_or_a_claim_is_a_result(text: str) -> None:
    assert result_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "Factor: x^2 - 5x + 6",
        "Factor the left side, x^2 - 5x + 6, as a product",
        "so x",
        "isolate 2x",
        "we then divide 2x by 2",
        "Now divide both sides by 2",
        "The equation: 2x + 5",
        "So 2x + 5 - 5 equals 13 - 5",
    ],
)
def test_a_mention_or_a_lone_letter_is_no_result(text: str) -> None:
    assert not result_alone(text)


@pytest.mark.parametrize(
    "middle",
    ["3x", "$$3x$$", "2x - 9", "The left side becomes:\n$$2x - 9$$", "2x takes 9 steps", "then 3x, so"],
)
def test_a_result_nobody_relates_is_unknown(middle: str) -> None:
    verdict = _verdict(middle)
    assert verdict["status"] == "unknown", verdict


@pytest.mark.parametrize(
    "response",
    [
        "x^2 - 5x + 6\n= (x - 2)(x - 3)\n(x - 2)(x - 3) = 0\nx = 2 or x = 3\nAnswer: 2, 3",
        "# (x - 2)*(x - 3)\n(x - 2)(x - 3) = 0 gives x = 2 or x = 3.\nAnswer: 2, 3",
    ],
)
def test_an_expression_continued_or_stated_by_the_next_line_verifies(response: str) -> None:
    job = {"prompt": "Solve for x: x^2 - 5x + 6 = 0", "reference": {"answer": "2, 3"}, "response": response}
    verdict = check_trace_job(job)
    assert verdict["status"] == "verified", verdict
