"""A line that names a sign slip and gives a variable another list of roots takes back the list before it
(retracted.py, claim_reading.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.claim_reading import find_retraction

_PROMPT = "Solve for x: x^2 - 3x - 4 = 0"  # x = 4 or x = -1
_FACTORED = "(x − 4)(x + 1) = 0\n"


def _verdict(response: str) -> tuple[str, str]:
    job = {"prompt": _PROMPT, "reference": {"answer": "4, -1"}, "response": response}
    verdict = check_trace_job(job)
    return str(verdict["status"]), str(verdict["evidence"]).split(":")[0]


@pytest.mark.parametrize(
    "head", ["Wait, sign:", "Wait, the sign:", "Hmm, sign error:", "I used the wrong sign:"]
)
def test_a_named_sign_slip_is_a_retraction(head: str) -> None:
    assert find_retraction(head) is not None


@pytest.mark.parametrize("head", ["No sign error:", "The sign of x is", "Wait, signature", "Wait:"])
def test_other_sign_words_retract_nothing(head: str) -> None:
    assert find_retraction(head) is None


def test_a_corrected_root_list_verifies() -> None:
    response = _FACTORED + "x = 4 or x = 1\nWait, sign: x = 4 or x = −1.\nAnswer: x = 4 or x = −1"
    assert _verdict(response)[0] == "verified"


@pytest.mark.parametrize(
    ("response", "step"),
    [
        # the correction is checked as any line is
        (_FACTORED + "x = 4 or x = 1\nWait, sign: x = −4 or x = 1\nAnswer: x = 4 or x = −1", "step 3"),
        # a bare "Wait" takes nothing back: two lists of roots are two claims
        (_FACTORED + "x = 4 or x = 1\nWait: x = 4 or x = −1\nAnswer: x = 4 or x = −1", "step 2"),
        (_FACTORED + "x = 4 or x = 1\nNo sign error: x = 4 or x = −1\nAnswer: x = 4 or x = −1", "step 2"),
    ],
)
def test_a_wrong_or_unsaid_correction_is_refuted(response: str, step: str) -> None:
    assert _verdict(response) == ("refuted", step)


def test_a_correction_of_a_right_list_is_refuted() -> None:
    response = _FACTORED + "x = 4 or x = −1\nWait, the sign: x = −4 or x = 1\nAnswer: x = −4 or x = 1"
    assert _verdict(response)[0] == "refuted"
