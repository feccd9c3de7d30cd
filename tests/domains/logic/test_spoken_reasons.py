"""A knights trace that speaks of what someone said: every report is checked against the speaker's
statement, and a statement named as a reason, in any words, is held to the claim it is given for.

The puzzle (assay's own generator, seed 3): Tess says "Cleo is a knight if and only if Hana is a knight",
Cleo says "if Hana is a knight then Tess is a knight", Hana says "Tess is a knight and Tess is a knave".
Tess and Hana are knaves, Cleo is a knight. Each wrong row gives a true claim a reason that does not give
it, or reports a statement nobody made; each right row must still verify.
"""

from __future__ import annotations

import re

import pytest

from assay.domains.logic.check import check_logic_job
from assay.domains.logic.speech_words import REPORT_VERB
from tests.domains.logic import puzzles

PUZZLE = puzzles.KNIGHTS_THREE
ANSWER = "\n\n" + puzzles.KNIGHTS_THREE_ANSWER
REST = "\nTess is a knave. Cleo is a knight. Hana is a knave."


def _status(first_line: str) -> str:
    result = check_logic_job({"reference": PUZZLE, "response": first_line + REST + ANSWER})
    return str(result["status"])


# every verb the walk takes for an unquoted report (`speech.SPEECH_VERB` is built on `REPORT_VERB`)
VERBS = [
    "says", "said", "claims", "claimed", "states", "stated", "asserts", "asserted", "declares", "declared",
    "tells us", "told us", "told you", "remarks", "remarked", "mentions", "mentioned", "notes", "noted",
    "comments", "commented", "expressed",
]  # fmt: skip


@pytest.mark.parametrize("verb", VERBS)
def test_a_false_report_is_refused_whatever_its_verb(verb: str) -> None:
    assert re.fullmatch(REPORT_VERB, verb, re.I), verb
    # the walk skips a report as the speaker's words only after the knights reader had it to check
    assert _status(f"Tess {verb} that Hana is a knight.") == "refuted"
    assert _status(f"Tess {verb} Hana is a knight.") == "refuted"


@pytest.mark.parametrize(
    "line",
    [
        "Tess was heard saying Hana is a knight.",
        "Tess keeps saying Hana is a knight.",
        "Tess says, Hana is a knight.",
        "Tess insists Hana is a knight.",
    ],
)
def test_a_report_the_reader_cannot_check_is_not_skipped(line: str) -> None:
    assert _status(line) == "unknown"


@pytest.mark.parametrize(
    "line",
    [
        "Given Cleo's remark, Tess is a knave.",
        "In light of Tess's words, Hana is a knave.",
        'Since Tess said "Cleo is a knight if and only if Hana is a knight", Cleo is a knight.',
        'Because Cleo says "if Hana is a knight then Tess is a knight", Tess is a knave.',
        "Cleo is a knight, because Tess claims Cleo is a knight if and only if Hana is a knight.",
        'Cleo says "if Hana is a knight then Tess is a knight", so Hana is a knave.',
        'Cleo says "if Hana is a knight then Tess is a knight"; therefore Hana is a knave.',
        "Tess says Cleo is a knight if and only if Hana is a knight, which makes Cleo a knight.",
        "According to Cleo, if Hana is a knight then Tess is a knight; so Hana is a knave.",
        "Cleo says that if Hana is a knight then Tess is a knight. So Hana is a knave.",
        "Tess claims Cleo is a knight if and only if Hana is a knight. Hence, Cleo is a knight.",
        "Cleo's claim: if Hana is a knight then Tess is a knight. Hence Hana is a knave.",
        "Given what Tess says, Hana is a knave.",
        "Tess is a knave: her words force it.",
        "Tess is a knave: her words force it... by Hana's own words, that is.",
        "Hana's statement tells us that Cleo is a knight.",
        "Hana's claim means Tess is a knave.",
    ],
)
def test_a_wrong_reason_for_a_true_claim_is_not_verified(line: str) -> None:
    assert _status(line) != "verified"


@pytest.mark.parametrize(
    "line",
    [
        'Since Hana said "Tess is a knight and Tess is a knave", Hana is a knave.',
        'Hana says "Tess is a knight and Tess is a knave", so Hana is a knave.',
        "Hana says Tess is a knight and Tess is a knave, which makes Hana a knave.",
        "Hana says Tess is a knight and Tess is a knave. Therefore Hana is a knave.",
        "Hana is a knave: her statement can never be true.",
        "Cleo notes that if Hana is a knight then Tess is a knight.",
        "Tess mentions that Cleo is a knight if and only if Hana is a knight.",
    ],
)
def test_a_right_reason_or_a_faithful_report_verifies(line: str) -> None:
    assert _status(line) == "verified"
