"""`90 a day`: the article of a rate's unit after a number is prose, not the letter a (words.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.words import extract_claims

_PROMPT = "A worker earns 15 dollars an hour for 6 hours. How much does he make a day?"


@pytest.mark.parametrize(
    ("body", "claims"),
    [
        ("He makes 15*6 = 90 a day.", "15*6 = 90"),
        ("She saves 3*4 = 12 an hour", "3*4 = 12"),
        ("2 a + 3 = 7", "2 a + 3 = 7"),  # no unit after it: the letter stays
        ("b = 2 a because", "b = 2 a"),
    ],
)
def test_an_article_before_a_unit_is_prose(body: str, claims: str) -> None:
    assert extract_claims(body) == claims


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("He makes 15*6 = <<15*6=90>>90 a day.\n#### 90", "verified"),
        ("He makes 15*6 = 91 a day.\n#### 90", "refuted"),
        # the note's false arithmetic is a claim of the line: refuted there
        ("He makes 15*6 = <<15*6=80>>90 a day.\n#### 90", "refuted"),
    ],
)
def test_a_rate_with_an_article_is_checked(response: str, status: str) -> None:
    job = {"prompt": _PROMPT, "reference": {"answer": "90"}, "response": response}
    assert check_trace_job(job)["status"] == status
