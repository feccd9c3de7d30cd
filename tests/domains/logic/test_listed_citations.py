"""A line that lists claims, each with its bracketed citation: every citation is the reason of the claim
it follows (`citations.cut_after_citations`), and a later claim with its own citation is not a reason
for an earlier one on the line (`check.py`). A citation that does not give its claim is not verified."""

from __future__ import annotations

import pytest

from assay.domains.logic.check import check_logic_job
from assay.domains.logic.citations import cut_after_citations
from tests.domains.logic.puzzles import KNIGHTS, KNIGHTS_ANSWER

# KNIGHTS: Ava says "Ben is a knave"; Ben says "Ava is a knight iff Cal is a knight"; Cal says "Ava is a
# knave and Ben is a knight". Ben's and Cal's statements give Cal a knave and Ava a knight; then Ava's
# gives Ben a knave. Cal's statement with Cal a knave does not give Ben a knave.


def test_a_list_is_cut_after_each_citation() -> None:
    part = "Ava is a knight \ue0030\ue004 , Ben is a knave, Cal is a knave \ue0031\ue004"
    assert cut_after_citations(part, ["by Cal's statement", "by clue 2"], part) == [
        "Ava is a knight \ue0030\ue004 ",
        ", Ben is a knave, Cal is a knave \ue0031\ue004",
    ]


@pytest.mark.parametrize(
    ("part", "asides"),
    [
        ("Ava is a knight \ue0030\ue004 , Ben is a knave", ["she tells the truth"]),  # not a citation
        ("House 2: green \ue0030\ue004 , cat", ["clue 2"]),  # a labelled line is one claim
        ("Ava is a knight \ue0030\ue004", ["by Cal's statement"]),  # nothing follows
    ],
)
def test_what_is_not_cut(part: str, asides: list[str]) -> None:
    assert cut_after_citations(part, asides, part) == [part]


def test_a_sentence_that_reasons_on_is_not_cut() -> None:
    # what "so" concludes draws on every citation before it (`walk_reasons.stated`)
    part = "Blue is in house 3 \ue0030\ue004 , and the cat lives in the blue house"
    assert cut_after_citations(part, ["clue 1"], part + ", so the cat is in house 3") == [part]


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (
            "Cal is a knave [by Ben's and Cal's statements], Ava is a knight [by Ben's and Cal's "
            f"statements], Ben is a knave [by Ava's statement].\n\nAnswer: {KNIGHTS_ANSWER}",
            "verified",
        ),
        (
            "Cal is a knave [by Ben's and Cal's statements], Ben is a knave [by Cal's statement], "
            f"Ava is a knight [by Ava's statement].\n\nAnswer: {KNIGHTS_ANSWER}",
            "unknown",
        ),
        (
            "Answer: Ben is a knave [by Cal's statement], Ava is a knight, Cal is a knave [by Ben's and "
            "Cal's statements].",
            "unknown",
        ),
        (
            "Answer: Ava is a knight [by Ava's statement], Ben is a knave [by Ava's statement], Cal is a "
            "knave [by Cal's statement].",
            "unknown",
        ),
    ],
)
def test_each_listed_citation_gives_its_own_claim(response: str, status: str) -> None:
    assert check_logic_job({"reference": KNIGHTS, "response": response})["status"] == status
