"""A clause that says something of a term in a variable (`x^2 is the same as x plus x`) is a claim made in
words: its step is never prose (hidden_claims.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.hidden_claims import hidden_claim


@pytest.mark.parametrize(
    "line",
    [
        "x^2 is the same as x plus x.",
        "x^2 is equal to twice x.",
        "3x is the same as x plus x.",
        "x² is the same as x times x.",
        "x + 1 is the next integer.",
    ],
)
def test_a_relation_said_of_a_term_is_a_claim(line: str) -> None:
    assert hidden_claim(line)


@pytest.mark.parametrize("line", ["Step 1 is easy.", "Now we isolate the variable.", "This is linear."])
def test_prose_without_a_term_is_prose(line: str) -> None:
    assert not hidden_claim(line)


@pytest.mark.parametrize("line", ["x^2 is the same as x plus x.", "3x is the same as x plus x."])
def test_a_false_relation_in_words_never_verifies(line: str) -> None:
    job = {"prompt": "Solve for x: 2x + 3 = 11", "reference": {"answer": "4"}, "task": ""}
    response = f"2x + 3 = 11\n{line}\n2x = 8\nx = 4\nAnswer: 4"
    assert check_trace_job({**job, "response": response})["status"] != "verified"
