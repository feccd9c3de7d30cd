"""Prose that real traces write around their math: the pronoun `I`, `start by ...` instructions,
interjections, arithmetic in words joined by `, and`, a rate retold over its span."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.label_dimensions import label_kind
from assay.domains.math.sentences import clauses
from assay.domains.math.words import extract_claims


def _linear(equation: str, answer: str) -> dict:
    return {
        "prompt": f"Solve for x: {equation}",
        "reference": {"kind": "equation", "equations": [equation], "variables": ["x"], "answer": answer},
    }


@pytest.mark.parametrize(
    ("body", "claims"),
    [
        ("To solve 7x - 3 = 25, I add 3 to both sides.", "7x - 3 = 25"),
        ("From 7x = 28, I get x = 4.", "7x = 28; x = 4"),
        # `I` before anything but a word in lower case is still math
        ("I = 5", "I = 5"),
        ("V = I R", "V = I R"),
    ],
)
def test_the_pronoun_i_is_no_variable(body: str, claims: str) -> None:
    assert extract_claims(body) == claims


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (
            "To solve 7x − 3 = 25, I first add 3 to both sides, which gives 7x = 28. Then I get x = 4.",
            "verified",
        ),
        (
            "To solve 7x − 3 = 25, I first add 3 to both sides, which gives 7x = 22. Then I get x = 4.",
            "refuted",
        ),
        # a hedge in the first person still commits to nothing
        ("7x = 28\nx = 4, I think.", "unknown"),
        ("Let me start by adding 3 to both sides. That gives 7x = 28, so x = 4.", "verified"),
        ("We begin by adding 3 to both sides: 7x = 28, so x = 4.", "verified"),
        ("7x = 28, so x = 4.\nPlugging in: 7(4) - 3 = 25. Yep, that works.", "verified"),
        ("7x = 28, so x = 4.\nPlugging in: 7(4) - 3 = 26. Yep, that works.", "refuted"),
    ],
)
def test_first_person_and_instructions(response: str, status: str) -> None:
    assert check_trace_job({**_linear("7x - 3 = 25", "4"), "response": response})["status"] == status


@pytest.mark.parametrize(
    ("sentence", "pieces"),
    [
        ("3 times 12 is 36, and 36 minus 15 is 21.", ["3 times 12 is 36, and ", "36 minus 15 is 21."]),
        # a check's pieces each evaluate only part of the problem: kept whole
        ("Check: 7 times 4 is 28, and 28 minus 3 is 25.", ["Check: 7 times 4 is 28, and 28 minus 3 is 25."]),
        (
            "If I plug in 4: 7 times 4 is 28, and 28 minus 3 is 25.",
            ["If I plug in 4: 7 times 4 is 28, and 28 minus 3 is 25."],
        ),
    ],
)
def test_arithmetic_in_words_after_and_is_a_clause(sentence: str, pieces: list[str]) -> None:
    assert clauses(sentence) == pieces


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("3 times 12 is 36, and 36 minus 15 is 21.\nTom has 21 apples left.", "verified"),
        ("3 times 12 is 36, and 36 minus 15 is 22.\nTom has 22 apples left.", "refuted"),
    ],
)
def test_arithmetic_in_words_joined_by_and(response: str, status: str) -> None:
    job = {
        "prompt": "Tom has 3 boxes with 12 apples each. He gives away 15 apples. "
        "How many apples does he have left?",
        "reference": {"answer": "21"},
        "response": response,
    }
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("sam reads pages per day for days", ("", "")),
        ("pay per hour over hours", ("", "")),
        # a rate named as the result stays one
        ("pages per day", ("rate", "day")),
        ("cost per pen in dollars", ("rate", "pen")),
    ],
)
def test_a_rate_retold_over_its_span_names_no_rate(label: str, kind: tuple[str, str]) -> None:
    assert label_kind(label) == kind


def test_a_rate_retold_over_its_span_verifies() -> None:
    job = {
        "prompt": "Sam reads 15 pages a day. How many pages does he read in 6 days?",
        "reference": {"answer": "90"},
        "response": "Sam reads 15 pages per day for 6 days: 15 × 6 = 90 pages.\n\nThe answer is 90.",
    }
    assert check_trace_job(job)["status"] == "verified"
    job["response"] = "Pages per day: 15 × 6 = 90 pages.\n\nThe answer is 90."
    assert check_trace_job(job)["status"] == "unknown"
