"""A numbered premise, clue or statement given a verdict after a colon ("Premise 2: F", "Clue 3: not
satisfied", "Premise 2: ¬(T ∧ F) = F") is a claim about that item (`verdicts.py`), never a citation
leading into nothing: a false verdict is refused, a worked value is checked, a check of a right answer
verifies."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import knights, verdicts
from tests.domains.logic.puzzles import KNIGHTS, KNIGHTS_ANSWER, ZEBRA, logic_status

# the one model: p true, q false, r false, s true
PROPOSITIONAL: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r", "s"],
    "premises": [
        ["or", ["var", "s", "true"], ["var", "r", "false"]],
        ["not", ["and", ["var", "s", "true"], ["var", "r", "true"]]],
        ["not", ["and", ["var", "p", "false"], ["var", "s", "true"]]],
        ["or", ["var", "s", "true"], ["var", "r", "true"], ["var", "s", "true"]],
        ["implies", ["var", "q", "true"], ["var", "p", "false"]],
    ],
}
ANSWER = "\nAnswer: p = true, q = false, r = false, s = true"
ZEBRA_ANSWER = "\nAnswer:\nHouse 1: red, dog\nHouse 2: green, cat\nHouse 3: blue, fish"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Premise 2: F", ("Premise 2 is false", False)),
        ("Clue 3: not satisfied", ("Clue 3 is false", False)),
        ("Statement 1: ✓", ("Statement 1 is true", True)),
        ("premise 4: holds.", ("premise 4 is true", True)),
        ("Premise 2: ¬(T ∧ F) = F", None),  # a worked value: the kind reads it whole
        ("Premise 2: p is true", None),  # a citation leading into a claim
        ("P2: F", ("premise 2 is false", False)),
        ("(3): T", ("premise 3 is true", True)),
        ("Premise 2: evaluates to F", ("Premise 2 is false", False)),
    ],
)
def test_a_verdict_word_is_spelled_as_a_claim_on_its_item(text: str, expected: Any) -> None:
    assert verdicts.spelled(text) == expected


def test_a_worked_value_is_a_labelled_verdict() -> None:
    assert verdicts.labelled("Premise 2: ¬(T ∧ F) = ¬F = T ✓") == ("Premise 2", "¬(T ∧ F) = ¬F = T")
    assert verdicts.labelled("Premise 2: p is true") is None


@pytest.mark.parametrize(
    "response",
    [
        "Premise 2: F",
        "Premise 2: not satisfied",
        "Premise 1: T ∨ T = T ✓\nPremise 2: F ✓",
        "Premise 2: ¬(T ∧ F) = F",  # the premise is true
        "Premise 5: T → F = T",  # the arithmetic is wrong
        "Premise 2: ¬(F ∧ F) = T ✓",  # s is true, not F
        "Premise 2: ¬(T ∧ F) = ¬F = F",
        "P2: F",  # the short label, which a citation would drop
        "(2): F",
        "Premise 2: evaluates to F",
        "Premise 2: F, so q = false.",
        "Premise 2: T → F",  # constants no reader reads: unknown
        "Premise 2: ✓ F",
    ],
)
def test_a_false_verdict_on_a_premise_is_not_verified(response: str) -> None:
    assert logic_status(PROPOSITIONAL, response + ANSWER) != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Premise 1: T ∨ T = T ✓\nPremise 2: ¬(T ∧ F) = ¬F = T ✓\nPremise 3: ¬(F ∧ T) = T ✓\n"
        "Premise 4: T ∨ F ∨ T = T ✓\nPremise 5: F → F = T ✓",
        "Premise 1: T\nPremise 2: T",
        "- Premise 1: ✓\n- Premise 2: ✓",
        "Suppose r = true. Then s = true by premise 1. Premise 2: ¬(T ∧ T) = F. Contradiction. So r = false.",
        "Suppose r = true. Premise 1: s must be true. Premise 2: F. Contradiction. So r = false.",
    ],
)
def test_a_right_check_of_the_premises_verifies(response: str) -> None:
    assert logic_status(PROPOSITIONAL, response + ANSWER) == "verified"


@pytest.mark.parametrize("verdict", ["F", "not satisfied", "false"])
def test_a_clue_said_to_fail_that_the_kind_cannot_read_is_unknown(verdict: str) -> None:
    assert logic_status(ZEBRA, f"Clue 3: {verdict}" + ZEBRA_ANSWER) == "unknown"


def test_a_clue_checked_off_stays_prose() -> None:
    assert logic_status(ZEBRA, "Clue 1: ✓\nClue 3: ✓" + ZEBRA_ANSWER) == "verified"


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        # Ben's statement (the second) is false: he is a knave
        ("(2): T\n", "unknown"),  # was prose: a verdict that it holds, which the knights reader cannot read
        ("(1): T\n(2): T\n", "unknown"),
        ("(2): F\n", "unknown"),
        ("Statement 2: T\n", "refuted"),
        ("Statement 1: T\nStatement 2: F\n", "verified"),
    ],
)
def test_an_unread_verdict_on_a_knights_statement_is_unknown(steps: str, status: str) -> None:
    # a knave's statement is false in the solution, so a verdict that it holds can be a false claim
    # the prompt numbers the statements (Ava's is the first)
    assert logic_status(KNIGHTS, steps + "Answer: " + KNIGHTS_ANSWER, knights.prompt(KNIGHTS)) == status
