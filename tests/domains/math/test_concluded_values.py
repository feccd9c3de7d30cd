"""A value a line concludes after its claim (`36 - 7 = 29, so 36`) is what the line says the claim comes
to; when it is another value the line is unreadable, never the claim alone (words.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.words import extract_claims

APPLES = {
    "prompt": "Tom had 36 apples and gave away 7. How many apples does he have left?",
    "reference": {"answer": "29"},
}


@pytest.mark.parametrize(
    ("line", "claims"),
    [
        # another value after words that conclude, or after punctuation alone
        ("36 - 7 = 29 so 36", None),
        ("36 - 7 = 29. So 36.", None),
        ("36-7=29; so 36", None),
        ("36 - 7 = 29 ; 36", None),
        ("36 - 7 = 29 ... 36", None),
        ("36 - 7 = 29, i.e. 36", None),
        ("36 - 7 = 29 final 36", None),
        ("36 - 7 = 29 so it is 36", None),
        ("36 - 7 = 29 in the end 36", None),
        ("36 - 7 = 29 namely 36", None),
        ("reasoning  36-7=29 ,  final_answer : 36", None),
        # the claim's own value said again
        ("36 - 7 = 29 so 29", "36 - 7 = 29"),
        ("36 - 7 = 29 so 29.0", "36 - 7 = 29"),
        ("reasoning  36-7=29 ,  final_answer : 29}", "36-7=29"),
        # words that name another quantity, or a value that does not end its sentence: read as before
        ("2/3 = 8/12 and 1/4 = 3/12, so the sum is 11/12.", "2/3 = 8/12; 1/4 = 3/12"),
        ("36 - 7 = 29 apples on day 3", "36 - 7 = 29"),
        ("2x = 10, so x = 5", "2x = 10; x = 5"),
        ("3 + 4 = 7 and 5 + 6 = 11, so in total 18", "3 + 4 = 7; 5 + 6 = 11"),
    ],
)
def test_a_concluded_value_is_held_to_the_claim(line: str, claims: str | None) -> None:
    assert extract_claims(line) == claims


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("36 - 7 = 29 so 36", "unknown"),
        ("36 - 7 = 29. So 36.", "refuted"),  # the second sentence read alone: `So 36.` states 36
        ('36 - 7 = 29\n{"reasoning": "36-7=29", "final_answer": 36}', "unknown"),
        ("36 - 7 = 29 so 29", "verified"),
        ('36 - 7 = 29\n{"reasoning": "36-7=29", "final_answer": 29}', "verified"),
    ],
)
def test_a_line_that_concludes_another_value_verifies_nothing(response: str, status: str) -> None:
    job = {**APPLES, "response": response}
    assert check_answer_job(job)["status"] == status
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize("response", ["36 - 7 = 29, so 36 !", "\\(36 - 7 = 29\\), so \\(36\\)."])
def test_punctuation_set_apart_still_closes_the_sentence(response: str) -> None:
    assert check_answer_job({**APPLES, "response": response})["status"] != "verified"
