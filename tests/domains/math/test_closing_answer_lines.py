"""Closing lines that state the answer in common model styles: `Result: -11/7`, `Final: 4`, `Answer — 4`,
`I get -11/7.`, `So 2 and 3.` (answer_sentence.closing_values), and `{x: 6, y: 4}` (several labelled values
read as their claims). Each verifies when right; a wrong value, a negation, a doubt or another value after
it never does."""

from __future__ import annotations

import pytest

from assay.domains.math.answer_sentence import closing_values
from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.units import listed_options

LINEAR = "Solve for x: 7x + 11 = 0."
LINEAR_WORK = "7x + 11 = 0\n7x = -11\nx = -11/7\n\n"
QUADRATIC = "Solve for x: x^2 - 5x + 6 = 0."
QUADRATIC_WORK = "x^2 - 5x + 6 = 0\n(x - 2)(x - 3) = 0\nx - 2 = 0 or x - 3 = 0\n\n"
SYSTEM = "Solve the system: x + y = 10 and x - y = 2."
SYSTEM_WORK = "Adding the equations: 2x = 12, so x = 6.\nThen y = 10 - 6 = 4.\n\n"


def _statuses(prompt: str, answer: str, response: str) -> tuple[str, str]:
    job = {"prompt": prompt, "reference": {"answer": answer}, "task": "", "response": response}
    return str(check_trace_job(dict(job))["status"]), str(check_answer_job(dict(job))["status"])


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (LINEAR, "-11/7", LINEAR_WORK + "Result: −11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "Final result: -11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "Final: -11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "I get -11/7."),
        (LINEAR, "-11/7", LINEAR_WORK + "So we get −11/7."),
        (LINEAR, "-11/7", LINEAR_WORK + "Answer — -11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "Answer — x = -11/7"),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So 2 and 3."),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "Therefore, 2 or 3."),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + "{x: 6, y: 4}"),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + '```json\n{"x": 6, "y": 4}\n```'),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + "x: 6, y: 4"),
    ],
)
def test_a_right_closing_line_verifies(prompt: str, answer: str, response: str) -> None:
    assert _statuses(prompt, answer, response) == ("verified", "verified")


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (LINEAR, "-11/7", LINEAR_WORK + "Result: -7/11"),
        (LINEAR, "-11/7", LINEAR_WORK + "Result: not -11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "Result: -11/7\n\nOr maybe x = 11/7."),
        (LINEAR, "-11/7", LINEAR_WORK + "Final: 11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "I get 11/7."),
        (LINEAR, "-11/7", LINEAR_WORK + "I get -11/7, not -7/11."),
        (LINEAR, "-11/7", LINEAR_WORK + "I get -11/7 maybe."),
        (LINEAR, "-11/7", LINEAR_WORK + "I get -11/7 or 11/7."),
        (LINEAR, "-11/7", LINEAR_WORK + "Answer — 11/7"),
        (LINEAR, "-11/7", LINEAR_WORK + "Answer — not -11/7"),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So 2 and 4."),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So 2, 3 and 6."),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So not 2 and 3."),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So 2 and 3!"),
        (QUADRATIC, "2, 3", QUADRATIC_WORK + "So 2 and 3.\n\nActually, 2 and 4."),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + "{x: 4, y: 6}"),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + "{x: 6, x: 4}"),
        (SYSTEM, "x = 6, y = 4", SYSTEM_WORK + "{x: 6, y: 4}\n\nActually y = 5."),
    ],
)
def test_a_wrong_or_unsettled_closing_line_never_verifies(prompt: str, answer: str, response: str) -> None:
    steps, answer_only = _statuses(prompt, answer, response)
    assert steps != "verified"
    assert answer_only != "verified"


@pytest.mark.parametrize(
    ("line", "values"),
    [
        ("So 2 and 3.", "2, 3"),
        ("Thus 2, 3 or 4", "2, 3, 4"),
        ("I get -11/7.", "-11/7"),
        ("So we obtain 5.", "5"),
    ],
)
def test_closing_values_joins_values_after_a_conclusion_word(line: str, values: str) -> None:
    assert closing_values(line) == values


@pytest.mark.parametrize(
    "line",
    [
        "2 and 3.",
        "So 5.",
        "So x and 3.",
        "So 2 and 3 apples.",
        "So 2 and 3!",
        "I get x = 4.",
        "So not 2 and 3.",
    ],
)
def test_closing_values_refuses_anything_else(line: str) -> None:
    assert closing_values(line) is None


FLOUR = "A baker uses 2.5 kg of flour per batch of bread. How much flour does he need for 8 batches?"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("He needs 20 kg of flour.", "verified"),  # the asked unit, of the asked substance
        ("He needs 20 kg of sugar.", "unknown"),
        ("He needs 20 g of flour.", "unknown"),
        ("He needs 20 kg of flour per batch.", "unknown"),
        ("He does not need 20 kg of flour.", "unknown"),
        ("He needs 18 kg of flour.", "refuted"),
    ],
)
def test_a_closing_sentence_names_the_asked_substance(sentence: str, status: str) -> None:
    assert _statuses(FLOUR, "20", "2.5 kg × 8 = 20 kg\n\n" + sentence) == (status, status)


EXPAND = "Expand (x - 4)(x + 4)."
EXPAND_WORK = "(x - 4)(x + 4) = x^2 + 4x - 4x - 16 = x^2 - 16.\n\n"


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("So the expanded form is x^2 - 16.", "verified"),
        ("So the simplified expression is x^2 - 16.", "verified"),
        ("So the expanded form is x^2 + 16.", "refuted"),
        ("So the expanded form is not x^2 - 16.", "unknown"),
        ("Maybe the expanded form is x^2 - 16.", "unknown"),
        ("So the expanded form is x^2 - 16 squared.", "unknown"),
        ("So the expanded form is x^2 - 16.\n\nOr maybe x^2 + 16.", "unknown"),
    ],
)
def test_the_named_form_of_a_rewrite_is_its_answer(sentence: str, status: str) -> None:
    assert _statuses(EXPAND, "x^2 - 16", EXPAND_WORK + sentence) == (status, status)


CHOICES = (
    "A farmer has 7 rows of 8 apple trees. How many apple trees does he have?\n(A) 54 (B) 56 (C) 64 (D) 15"
)


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("7 × 8 = 56\n\nThe answer is (B) 56.", "verified"),  # the choices are no numbers the story gives
        ("7 × 8 = 56\n\nAnswer: (B) 56", "verified"),
        ("7 × 8 = 56\n\nThe answer is (C) 56.", "unknown"),  # a letter the prompt gives another value
        ("7 × 8 = 56\n\nAnswer: (B) 64", "unknown"),
        ("7 × 8 = 56\n\nThe answer is (C) 64.", "refuted"),
        ("7 × 8 = 56\n\nThe answer is (B) 56.\n\nOr maybe (A) 54.", "unknown"),
    ],
)
def test_a_choice_said_with_its_letter_is_its_value(response: str, status: str) -> None:
    assert _statuses(CHOICES, "56", response) == (status, status)


def test_a_computation_from_a_choice_is_not_grounded() -> None:
    assert _statuses(CHOICES, "56", "54 + 2 = 56\n\nThe answer is (B) 56.")[0] != "verified"


def test_listed_options_needs_two_distinct_letters() -> None:
    assert listed_options("How many? (A) 24 (B) 36") == frozenset({("A", "24"), ("B", "36")})
    assert listed_options("Point (A) 3 units away. How far?") == frozenset()
    assert listed_options("(A) 1 (A) 2") == frozenset()
