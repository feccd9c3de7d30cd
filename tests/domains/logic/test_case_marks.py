"""Verdict marks after a case ("Case 1: Ava is a knight ❌", "Case 2: ... ✅") judge the case they follow;
a counterfactual in brackets is a conditional; a counterfactual about a settled fact is reasoned from its
assumption alone, never from the fact it denies."""

from __future__ import annotations

import pytest

from tests.domains.logic.puzzles import KNIGHTS_CAL, KNIGHTS_CAL_ANSWER, logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE, ANSWER = KNIGHTS_CAL, KNIGHTS_CAL_ANSWER


def status(response: str) -> str:
    return logic_status(PUZZLE, response)


@pytest.mark.parametrize(
    "cases",
    [
        "Case 1: Ben is a knight ❌\nCase 2: Ben is a knave ✅",
        "Case 1: Ben is a knight ✗ contradiction.\nCase 2: Ben is a knave ✓ consistent.",
        "Case 1: Ben is a knight. Then Ava is a knave ❌\nCase 2: Ben is a knave ✅",
    ],
)
def test_marks_judge_the_case_they_follow(cases: str) -> None:
    assert status(cases + ANSWER) == "verified"


@pytest.mark.parametrize(
    "cases",
    [
        "Case 1: Ben is a knight ✅\nCase 2: Ben is a knave ❌",
        "Case 1: Ben is a knave ❌",
        "Case 1: Ben is a knight ✓ consistent.",
    ],
)
def test_a_wrong_mark_is_refuted(cases: str) -> None:
    assert status(cases + ANSWER) == "refuted"


def test_a_bracketed_counterfactual_is_checked_as_a_conditional() -> None:
    assert status(
        "Ben is a knave (if Ben were a knight, Ava would be a knave).\nCal is a knight." + ANSWER
    ) == ("verified")
    assert status("Cal is a knight (if Cal were a knave, Ava would be a knight)." + ANSWER) == "refuted"


@pytest.mark.parametrize(
    "response",
    [
        "Cal is a knight.\nIf Cal were a knave, Ava would be a knight.",
        "Cal is a knight.\nSuppose Cal is a knave. Then Ava is a knight.",
    ],
)
def test_a_counterfactual_is_not_reasoned_from_the_fact_it_denies(response: str) -> None:
    # Cal's statement ("Ava is a knight") gives Ava's role only with Cal a knight: under "Cal is a knave"
    # it gives the opposite
    assert status(response + ANSWER) != "verified"
