"""A citation is held to what was established before it: the claims listed after it on its line are not
its reasons (only one a reason word leads is), and a bracket cites the part of a claim it follows."""

from __future__ import annotations

import pytest

from assay.domains.logic.line_reasons import reasons_beside
from assay.domains.logic.walk_events import Claim
from tests.domains.logic.puzzles import KNIGHTS_CAL, logic_status

# Ava knight, Ben knave, Cal knight
PUZZLE = KNIGHTS_CAL
ANSWER = "\n\nAnswer: Ava is a knight, Ben is a knave, Cal is a knight."


def status(response: str) -> str:
    return logic_status(PUZZLE, response)


@pytest.mark.parametrize(
    "response",
    [
        "Answer: Ava is a knight [by Ava's statement], Ben is a knave, Cal is a knight.",
        "Answer: Cal is a knight [by Cal's statement], Ava is a knight, Ben is a knave.",
        "Ava is a knight (by Ava's statement), and Ben is a knave.\nCal is a knight." + ANSWER,
        "Ava is a knight (by Ava's statement), so Ben is a knave.\nCal is a knight." + ANSWER,
    ],
)
def test_a_claim_listed_after_a_citation_is_not_its_reason(response: str) -> None:
    assert status(response) != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Ben is a knave, so Ava is a knight (by Ava's statement).\nCal is a knight." + ANSWER,
        "Ava is a knight (by Ava's statement), since Ben is a knave.\nCal is a knight." + ANSWER,
        "Ava is a knight (by Ava's statement) because Ben is a knave.\nCal is a knight." + ANSWER,
        "Ben is a knave.\nAnswer: Ava is a knight [by Ava's statement], Ben is a knave, Cal is a knight.",
    ],
)
def test_a_reason_before_the_claim_or_led_by_a_reason_word_counts(response: str) -> None:
    assert status(response) == "verified"


def claim(text: str, who: str) -> Claim:
    return Claim(0, [["var", who, "knight"]], "fact", [], text)


def test_reasons_beside_takes_earlier_claims_and_reason_led_later_ones() -> None:
    line = "Ava is a knight, Ben is a knight since Cal is a knight, and Dan is a knight"
    ava, ben, cal, dan = (claim(f"{w} is a knight", w) for w in ("Ava", "Ben", "Cal", "Dan"))
    assert reasons_beside(line, [ava, ben, cal, dan], ben) == [ava, cal]
    assert reasons_beside(line, [ava, ben, cal, dan], ava) == []


def test_a_later_claim_not_found_in_the_line_is_no_reason() -> None:
    ava, ben = claim("Ava is a knight", "Ava"), claim("he is a knight", "Ben")
    assert reasons_beside("Ava is a knight because Ben is a knight", [ava, ben], ava) == []


def test_a_bracket_cites_the_part_of_the_claim_it_follows() -> None:
    # read as one claim "Cal is a knight, and Ben is a knave": Cal's statement gives its first part only
    response = "Ava is a knight.\nCal is a knight (by Cal's statement), and Ben is a knave." + ANSWER
    assert status(response) == "verified"
    wrong = "Ava is a knight.\nBen is a knave (by Cal's statement), and Cal is a knight." + ANSWER
    assert status(wrong) != "verified"
