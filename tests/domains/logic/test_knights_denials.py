"""Denials and groups in knights answers: a denial of a denial ("It is not true that Ava is not a
knight"), a role denied after another ("not a knave and not a knight" is the contradiction it says),
"none of A and B", "Ben and Cal both lie", and "the others" after a sentence that named someone."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.knights_read import read_clause
from tests.domains.logic.puzzles import KNIGHTS, logic_status


def _literals(found: Any) -> set[tuple[str, str, bool]]:
    assert isinstance(found, list)
    out = set()
    for formula in found:
        positive = formula[0] == "var"
        atom = formula if positive else formula[1]
        assert atom[0] == "var", formula
        out.add((atom[1], atom[2], positive))
    return out


@pytest.mark.parametrize(
    ("clause", "literals"),
    [
        ("It is not true that Ava is not a knight", {("Ava", "knight", True)}),
        ("It is false that Ava is not a knave", {("Ava", "knave", True)}),
        ("It is not the case that Ava isn't a knight", {("Ava", "knight", True)}),
        ("Ava is not not a knight", {("Ava", "knight", True)}),
        ("Ava is a knight, not a knave", {("Ava", "knight", True), ("Ava", "knave", False)}),
        ("Ava is not a knight and not a knave", {("Ava", "knight", False), ("Ava", "knave", False)}),
        ("None of Ben and Cal is a knight", {("Ben", "knight", False), ("Cal", "knight", False)}),
        ("Ben and Cal both lie", {("Ben", "knave", True), ("Cal", "knave", True)}),
        ("Ava and Ben both tell the truth", {("Ava", "knight", True), ("Ben", "knight", True)}),
    ],
)
def test_clauses_read(clause: str, literals: set[tuple[str, str, bool]]) -> None:
    assert _literals(read_clause(KNIGHTS, clause)) == literals


@pytest.mark.parametrize(
    "clause",
    [
        "Ben and Cal both do not lie",  # each does not, or not both: the scope is open
        "It is not the case that Ava and Ben are not knights",  # not (A and B) or (not A) and not B
        "None of them is a knight",  # who "them" is, the clause does not say
    ],
)
def test_open_scopes_stay_unread(clause: str) -> None:
    assert not isinstance(read_clause(KNIGHTS, clause), list)


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("Only Ava is a knight; the other two are knaves.", "verified"),
        ("Only Ava is a knight. The other two are knaves.", "verified"),
        ("Ava is a knight. The others are knaves.", "verified"),
        ("So Ava is a knight. All the others are knaves.", "verified"),
        ("Ben is a knave. The others are knights.", "refuted"),
        ("Ava is a knight. The other three are knaves.", "unknown"),  # two are left, not three
        ("Suppose only Ben is a knight. The others are knaves.", "unknown"),  # no plain claim before
        # "not a knight" is false: a role denied whatever the verb before it said
        ("Ava is not a knave and not a knight. Ben is a knave. Cal is a knave.", "unknown"),
        ("It is not true that Ava is not a knight. Ben is a knave. Cal is a knave.", "verified"),
        ("It is false that Ben is not a knight. Ava is a knight. Cal is a knave.", "refuted"),
        ("Ava is a knight; none of Ben and Cal is a knight.", "verified"),
        ("Ava tells the truth, while Ben and Cal both lie.", "verified"),
    ],
)
def test_answers_in_these_words_are_judged(response: str, status: str) -> None:
    assert logic_status(KNIGHTS, response) == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("<answer>Ava is a knight, Ben is a knave, Cal is a knave</answer>", "verified"),
        ("Reasoning.\n<answer>Ava: knight\nBen: knave\nCal: knave</answer>", "verified"),
        ("Ben is a knight.\n<answer>Ava is a knight, Ben is a knave, Cal is a knave</answer>", "refuted"),
        (
            "<answer>Ava is a knight, Ben is a knave, Cal is a knave</answer>\nHmm, wait: Ben is a knight.",
            "unknown",
        ),
    ],
)
def test_answer_tags_written_inline_mark_the_answer(response: str, status: str) -> None:
    assert logic_status(KNIGHTS, response) == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # under "what if Ava is a knave", her false statement makes Ben a knight: "a knave" is wrong there
        ("What if Ava is a knave? Then Ben is a knave.", "refuted"),
        ("What if Ava is a knave?\nThen Ben is a knight.", "unknown"),  # the case never fails
        (
            "What if Ava is a knave? Then Ben is a knight, so Cal is a knave, but Cal's statement is then "
            "true. Contradiction.",
            "verified",
        ),
    ],
)
def test_what_if_opens_a_case(response: str, status: str) -> None:
    assert (
        logic_status(KNIGHTS, response + "\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave.")
        == status
    )


@pytest.mark.parametrize(
    ("clause", "says_nothing"),
    [
        ("We need to determine who is a knight and who is a knave", True),
        ("First, figure out who lies", True),
        ("We need to determine who is a knight, since the others are knaves", False),  # a claim after it
        ("We need to determine who is a knight; Ava is", False),  # a claim joined to the task
        ("Determine who is a knight: only Ben", False),
        ("We need to find who lies, Ava or Ben", False),  # names someone
        ("We must find out who is a knight: everyone is", False),
    ],
)
def test_the_task_said_again_is_no_claim(clause: str, says_nothing: bool) -> None:
    assert (read_clause(KNIGHTS, clause) is None) == says_nothing
