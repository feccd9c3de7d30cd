"""Knights statements cited by number ("(S1)", "by statement 2") resolve by the prompt's order of its
quotations, only when that order is certain and the response numbers none otherwise; a statement cited
by a pronoun ("(by her statement)") is the host's one subject, or unknown."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.knights_numbered import numbered, numbering
from tests.domains.logic.puzzles import logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["and", ["var", "Ava", "knight"], ["var", "Ben", "knight"]],
        "Cal": ["var", "Ava", "knight"],
    },
}
PROMPT = (
    'Knights always tell the truth and knaves always lie. You meet Ava, Ben and Cal. Ava says: "Ben is a '
    'knave." Ben says: "Ava and I are both knights." Cal says: "Ava is a knight." Who is who?'
)
# the same puzzle, its statements quoted in another order than its list of people
REORDERED = (
    'You meet Ava, Ben and Cal. Cal says: "Ava is a knight." Ava says: "Ben is a knave." In Ben\'s words: '
    '"Ava and I are both knights." Who is who?'
)
ANSWER = "\nAnswer: Ava is a knight, Ben is a knave, Cal is a knight."


def status(response: str, prompt: str = PROMPT) -> str:
    return logic_status(PUZZLE, response, prompt)


def test_the_prompt_order_is_the_order_of_its_quotations() -> None:
    assert numbering(PUZZLE, PROMPT, "(S1)") == ("Ava", "Ben", "Cal")
    assert numbering(PUZZLE, REORDERED, "(S1)") == ("Cal", "Ava", "Ben")
    assert numbering(PUZZLE, PROMPT, "no number here") is None  # nothing cited by number: not read


@pytest.mark.parametrize(
    "prompt",
    [
        "",
        'Ava says "Ben is a knave". "Ava and I are both knights," Ben and Cal agree. Cal says "Ava is a '
        'knight".',
        'Ava says: "Ben is a knave." Cal says: "Ava is a knight."',  # Ben's statement not quoted
    ],
)
def test_an_order_that_is_not_certain_is_none(prompt: str) -> None:
    assert numbering(PUZZLE, prompt, "(S1)") is None


def test_a_response_numbering_the_statements_otherwise_leaves_numbers_unresolved() -> None:
    assert numbering(PUZZLE, PROMPT, "S1 (Cal): Ava is a knight.") is None
    assert numbering(PUZZLE, PROMPT, "Let Cal's statement = S1.") is None
    assert numbering(PUZZLE, PROMPT, "S1 (Ava): Ben is a knave.") == ("Ava", "Ben", "Cal")
    assert (
        numbering(PUZZLE, PROMPT, "1. Cal says Ava is a knight.\n2. Ava says Ben is a knave.\n(S2)") is None
    )
    assert numbering(PUZZLE, PROMPT, "1. Ava says Ben is a knave.\n2. Ben's claim: both knights.\n(S2)") == (
        "Ava",
        "Ben",
        "Cal",
    )


def test_numbers_map_to_places_in_the_list_of_people() -> None:
    order, people = ("Cal", "Ava", "Ben"), ["Ava", "Ben", "Cal"]
    assert numbered("by S1", order, people) == (3,)
    assert numbered("by statements 2 and 3", order, people) == (1, 2)
    assert numbered("by S4", order, people) is None
    assert numbered("by premise 1", order, people) is None


@pytest.mark.parametrize(
    "cite", ["(S1)", "(by S1)", "(by statement 1)", "[Statement 1]", "(by her statement)"]
)
def test_a_statement_cited_by_number_or_pronoun_is_checked(cite: str) -> None:
    assert status(f"Ben is a knave.\nAva is a knight {cite}.\nCal is a knight." + ANSWER) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Ben is a knave.\nAva is a knight (S3).\nCal is a knight." + ANSWER,  # S3 is Cal's
        "Ben is a knave.\nAva is a knight (S4).\nCal is a knight." + ANSWER,  # no such statement
        "S1 (Cal): Ava is a knight.\nBen is a knave.\nAva is a knight (S1).\nCal is a knight." + ANSWER,
        "Cal is a knight (by his statement).\nBen is a knave." + ANSWER,  # Cal's alone does not give it
        "Ben is a knave.\nSince Cal is a knight, Ava is a knight (by her statement)." + ANSWER,  # whose?
    ],
)
def test_a_wrong_or_uncertain_numbered_or_pronoun_citation_does_not_verify(response: str) -> None:
    assert status(response) != "verified"


def test_the_order_of_quotations_is_used_not_the_list_of_people() -> None:
    # in REORDERED, S2 is Ava's statement ("Ben is a knave"), which gives Ava's role with Ben's
    assert (
        status("Ben is a knave.\nAva is a knight (S2).\nCal is a knight." + ANSWER, REORDERED) == "verified"
    )
    assert (
        status("Ben is a knave.\nAva is a knight (S1).\nCal is a knight." + ANSWER, REORDERED) != "verified"
    )


def test_a_statement_judged_by_its_number_is_its_speakers() -> None:
    assert status("Ben is a knave.\nS1 is true.\nS2 is false.\nS3 is true." + ANSWER) == "verified"
    assert status("Ben is a knave.\nS2 is true." + ANSWER) == "refuted"
    # in REORDERED, S1 is Cal's statement, true
    assert status("Ben is a knave.\nS1 is true.\nS3 is false." + ANSWER, REORDERED) == "verified"
    assert status("Ben is a knave.\nS3 is true." + ANSWER, REORDERED) == "refuted"
    # without a certain order, not read
    assert status("Ben is a knave.\nS1 is true." + ANSWER, "") == "unknown"
