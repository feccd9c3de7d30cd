"""Shapes the walk once skipped whole: a quotation is skipped as someone's words only when it is their words
(any frame, any verb), a question only when it takes no claim for granted, and prose only when it says
nothing of the puzzle's own text."""

from __future__ import annotations

import functools

import pytest

from assay.domains.logic import guard
from assay.domains.logic.check import check_logic_job
from assay.domains.logic.kinds import kind_of
from assay.domains.logic.speech import reported

REFERENCE = {
    "kind": "knights",
    "people": ["Jade", "Quinn", "Finn"],
    "statements": {
        "Jade": ["var", "Quinn", "knight"],
        "Quinn": ["var", "Finn", "knave"],
        "Finn": ["implies", ["var", "Finn", "knave"], ["var", "Quinn", "knight"]],
    },
}
NESTED = {
    "kind": "knights",
    "people": ["Hana", "Tess", "Lena"],
    "statements": {
        "Hana": [
            "or",
            ["var", "Lena", "knave"],
            ["and", ["var", "Lena", "knight"], ["var", "Tess", "knight"]],
        ],
        "Tess": ["var", "Hana", "knave"],
        "Lena": ["var", "Tess", "knave"],
    },
}


def _reported(reference: dict[str, object], text: str) -> bool:
    steps = kind_of(reference).steps
    reader = guard.claim_guard(reference, functools.partial(steps.read_clause, reference))
    return reported(text, reader, guard.mentions(reference))


@pytest.mark.parametrize(
    "text",
    [
        'Quinn replies "Finn is a knave."',
        '"Finn is a knave," Quinn answers.',
        'Quinn: "Finn is a knave."',
        '**Quinn:** "Finn is a knave."',
        'Quinn\'s words were "Finn is a knave."',
        'Finn replies "if Finn is a knave then Quinn is a knight."',
        'Finn replies "If I am a knave then Quinn is a knight."',
    ],
)
def test_the_speakers_own_words_are_their_words(text: str) -> None:
    assert _reported(REFERENCE, text)


@pytest.mark.parametrize(
    "text",
    [
        'Quinn replies "Jade is a knave."',  # Quinn said "Finn is a knave"
        'Quinn insists: "Jade is a knave."',
        '"Jade is a knave," Quinn replies.',
        'Quinn whispers "Finn is not a knave."',
        'Quinn \u2014 "Jade is a knave."',
        'Looking at Quinn: "Jade is a knave."',
        'She says "Quinn is a knave."',  # nobody named: whose words cannot be checked
        'The second person says "Finn is a knave."',  # an ordinal is not resolved: unknown, never skipped
        'Quinn replies "Finn is a knave" and "Jade is a knave".',  # two quotations
        'Jade and Quinn say "Finn is a knave."',  # two speakers
        'Ann says "hello"',  # nobody of the puzzle
        'Quinn denies "Finn is a knave."',  # the frame does not say Quinn said it
        'Quinn never says "Finn is a knave."',
        'Someone other than Quinn says "Finn is a knave."',
        'Quinn overhears "Finn is a knave."',
        'Quinn says "Finn is a knave" twice.',  # words after the quotation are the frame too
    ],
)
def test_words_that_are_not_the_speakers_are_not_skipped(text: str) -> None:
    assert not _reported(REFERENCE, text)


def test_the_puzzles_own_text_of_a_nested_statement_is_read_as_that_statement() -> None:
    steps = kind_of(NESTED).steps
    reader = guard.claim_guard(NESTED, functools.partial(steps.read_clause, NESTED))
    said = '"Lena is a knave or (Lena is a knight and Tess is a knight) (or both)"'
    assert reader(f"Hana says {said}") == [["true"]]
    assert reader(f"Hana's statement {said} is false") == [["var", "Hana", "knave"]]
    assert reader(f"Tess says {said}") == [["false"]]  # not what Tess said
    assert _reported(NESTED, f"Hana replies {said}.")
    assert not _reported(NESTED, f"Hana replies {said.replace('Tess is a knight', 'Tess is a knave')}.")


ANSWER = (
    "\nFinn is a knight.\nQuinn is a knave.\nJade is a knave.\n\n"
    "Answer: Jade is a knave, Quinn is a knave, Finn is a knight."
)


@pytest.mark.parametrize(
    ("question", "want"),
    [
        ("Why is Quinn a knight?", "refuted"),  # it states that Quinn is one
        ("How come Jade is a knight?", "refuted"),
        ("Who other than Jade is a knight?", "unknown"),  # it takes Jade for one
        ("What proves that Jade is a knight?", "unknown"),
        ("Which of them lies, given that Jade is a knight?", "unknown"),
        ("Who is a knight and who is a knave?", "verified"),  # it only asks
        ("Why is Finn a knight?", "verified"),  # it states what is so
        ("What does Quinn say?", "verified"),
    ],
)
def test_a_question_that_takes_a_claim_for_granted_is_held_to_it(question: str, want: str) -> None:
    verdict = check_logic_job({"reference": REFERENCE, "response": question + ANSWER})
    assert verdict["status"] == want, verdict


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("All three statements are conditionals.", "unknown"),  # none is
        ("Only one statement mentions Jade.", "unknown"),
        ("Each of the statements is about Finn.", "unknown"),
        (
            "All statements are consistent with the roles.",
            "verified",
        ),  # a check's summary, judged by the answer
        ("Let's look at each statement.", "verified"),  # says nothing of them
    ],
)
def test_a_claim_about_the_puzzles_text_is_not_prose(line: str, want: str) -> None:
    verdict = check_logic_job({"reference": REFERENCE, "response": line + ANSWER})
    assert verdict["status"] == want, verdict
