"""A correction ("no wait", "wait, no", "hmm, actually") takes back the earlier claim its claim denies;
one that denies nothing is unknown, except a soft one ("hmm, actually"), which is then a plain claim."""

from __future__ import annotations

import pytest

from tests.domains.logic.puzzles import KNIGHTS_CAL, KNIGHTS_CAL_ANSWER, logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE, ANSWER = KNIGHTS_CAL, KNIGHTS_CAL_ANSWER


def status(response: str) -> str:
    return logic_status(PUZZLE, response)


@pytest.mark.parametrize(
    "line",
    [
        "Cal is a knave. No wait, Cal is a knight.",
        "Cal is a knave, no wait, Cal is a knight.",
        "Cal is a knave — wait, no — Cal is a knight.",
        "So Cal is a knave. Hmm, actually, Cal is a knight.",
        "Hmm, actually, Cal is a knight.",
    ],
)
def test_a_corrected_claim_is_taken_back(line: str) -> None:
    assert status(f"Ben is a knave.\n{line}" + ANSWER) == "verified"


@pytest.mark.parametrize(
    "line",
    [
        "Cal is a knight, no wait, Cal is a knave.",  # the correction is wrong
        "Cal is a knave. No wait, Ava is a knight.",  # takes back nothing it names
        "Cal is a knave. Hmm, actually, Ava is a knight.",
    ],
)
def test_a_wrong_or_unnamed_correction_does_not_verify(line: str) -> None:
    assert status(f"Ben is a knave.\n{line}" + ANSWER) != "verified"


def test_a_correction_after_the_answer_leaves_no_answer() -> None:
    assert status(ANSWER.strip() + " No wait, Cal is a knave.") != "verified"
    assert (
        status("Answer: Ava is a knight, Ben is a knave, Cal is a knave, no wait, Cal is a knight.")
        != "verified"
    )
