"""Layouts models write around their claims: a bold line that only names whom a step is about, a
quotation that ends its sentence, a "Reasoning:" label. Each claims nothing itself, and never hides the
claim next to it."""

from __future__ import annotations

import pytest

from tests.domains.logic.puzzles import KNIGHTS_CAL, logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE = KNIGHTS_CAL
ANSWER = "\nAnswer: Ava is a knight, Ben is a knave, Cal is a knight."


def status(response: str) -> str:
    return logic_status(PUZZLE, response)


@pytest.mark.parametrize(
    "response",
    [
        "**Step 1: Ben**\nBen is a knave.\n**Step 2: Ava and Cal**\nAva is a knight.\nCal is a knight.",
        'Cal says "Ava is a knight." Cal is a knight.\nBen is a knave.',
        "Reasoning: Ben is a knave, so Ava is a knight.\nCal is a knight.",
    ],
)
def test_the_layout_claims_nothing_itself(response: str) -> None:
    assert status(response + ANSWER) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "**Ben is a knight**\nAva is a knight.",
        'Cal says "Ava is a knight." Cal is a knave.',
        'Ben says "Ava and I are both knights." Ben is a knight.',
        "Reasoning: Ben is a knight.",
    ],
)
def test_the_claim_beside_the_layout_is_checked(response: str) -> None:
    assert status(response + ANSWER) != "verified"
