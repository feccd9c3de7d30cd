"""The cases of an absolute value solved line by line (`**Case 1:** x - 1 = 3`, then `x - 1 = -3`,
equation_steps.py), a check that shows a root extraneous with `≠` (`sqrt(1) = 1 ≠ -1`, rejection.py) and an
equation said to factor into another (claim_reading.py): read as what they are, and their wrong twins are
never verified."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

ABS = "Solve for x: |x - 1| = 3"
CASE_1 = "**Case 1:** $x - 1 = 3$, so $x = 4$."
BOTH = "Therefore $x = 4$ or $x = -2$."
SQRT = "Solve for x: sqrt(x + 2) = x"
QUAD = "Solve for x: x^2 - 7x + 12 = 0"
SQUARED = "sqrt(x + 2) = x\nx + 2 = x^2\nx^2 - x - 2 = 0\n(x - 2)(x + 1) = 0\nx = 2 or x = -1\n"


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "verified"),
    [
        (ABS, "4, -2", f"{CASE_1}\n\n**Case 2:** $x - 1 = -3$, so $x = -2$.\n\n{BOTH}", True),
        (ABS, "4, -2", f"{CASE_1}\n\n{BOTH}", False),  # a case never solved
        (ABS, "4, -2", f"{CASE_1}\n\n**Case 2:** $x - 1 = -2$, so $x = -1$.\n\n{BOTH}", False),
        (ABS, "4, -2", "x - 1 = 3\nx = 4\nAnswer: 4", False),
        # `|x| = 4` added by a step is one way, not cases
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\n|x| = 4\nx = 4\nAnswer: 4", False),
        (
            SQRT,
            "2",
            SQUARED + "Check x = -1: sqrt(1) = 1 ≠ -1, so x = -1 is extraneous.\nAnswer: x = 2",
            True,
        ),
        (
            SQRT,
            "2",
            SQUARED + "Check x = -1: sqrt(1) = 1 ≠ 1, so x = -1 is extraneous.\nAnswer: x = 2",
            False,
        ),
        (
            SQRT,
            "2",
            SQUARED + "Check x = -1: sqrt(1) = 2 ≠ -1, so x = -1 is extraneous.\nAnswer: x = 2",
            False,
        ),
        # an equation said to factor into another: its left side rewritten, `= 0` said twice
        (QUAD, "3, 4", "x^2 - 7x + 12 = 0 can be factored into (x - 3)(x - 4) = 0.\nx = 3 or x = 4", True),
        (QUAD, "3, 4", "x^2 - 7x + 12 = 0 can be factored into (x - 2)(x - 6) = 0.\nx = 3 or x = 4", False),
    ],
)
def test_cases_and_extraneous_checks(prompt: str, answer: str, response: str, verified: bool) -> None:
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert (verdict["status"] == "verified") is verified, verdict


FACTORED = "Solve for x: x^2 - 6x + 5 = 0"


@pytest.mark.parametrize(
    ("cases", "verified"),
    [
        ("Either x − 1 = 0 → x = 1, or x − 5 = 0 → x = 5.", True),
        ("x − 1 = 0 ⇒ x = 1 or x − 5 = 0 ⇒ x = 5", True),
        ("Either x - 1 = 0 -> x - 1 + 1 = 0 + 1 -> x = 1, or x - 5 = 0 -> x - 5 + 5 = 0 + 5 -> x = 5", True),
        # each case gives its own value: swapped ends are wrong though together they are the roots
        ("Either x − 1 = 0 → x = 5, or x − 5 = 0 → x = 1.", False),
        ("Either x − 1 = 0 → x = 1, or x − 5 = 0 → x = 6.", False),
        ("Either x + 1 = 0 → x = -1, or x − 5 = 0 → x = 5.", False),
        # worked through in words
        ("So x − 1 = 0, giving x = 1, or x − 5 = 0, giving x = 5.", True),
        ("x − 1 = 0, so x = 1, or x − 5 = 0, so x = 5", True),
        ("So x − 1 = 0, giving x = 5, or x − 5 = 0, giving x = 1.", False),
        ("So x − 1 = 0, giving x = 1, or x − 5 = 0, giving x = -5.", False),
        # cases through different numbers of arrows are read as written
        ("Either x − 1 = 0 → x = 1 or x = 5, or x − 5 = 0 → x = 5.", False),
        # a case already solved needs no arrow; the other is worked through its words
        ("So either x = 1 or x − 5 = 0, which means x = 5.", True),
        ("So either x = 1 or x − 5 = 0, which means x = 6.", False),
        ("So either x = 5 or x − 5 = 0, which means x = 5.", False),
        ("So either x − 1 = 0 or x − 5 = 0, which means x = 5.", False),
    ],
)
def test_cases_worked_through_arrows_each_give_their_own_root(cases: str, verified: bool) -> None:
    response = f"(x − 1)(x − 5) = 0\n\n{cases}\n\nThe solutions are **1** and **5**."
    result = check_trace_job({"prompt": FACTORED, "reference": {"answer": "1, 5"}, "response": response})
    assert (result["status"] == "verified") is verified, result["steps"]


RADICAL = "Solve for x: sqrt(x + 3) = x - 3"
SQUARED_6 = (
    "x + 3 = (x - 3)^2 = x^2 - 6x + 9\nx^2 - 7x + 6 = 0\n(x - 1)(x - 6) = 0\nSo x = 1 or x = 6.\n**Check:**\n"
)


@pytest.mark.parametrize(
    ("checks", "verified"),
    [
        ("- x = 1: √4 = 2, but 1 − 3 = −2. ✗ (extraneous)\n- x = 6: √9 = 3 and 6 − 3 = 3. ✓", True),
        ("x = 1: √4 = 2, but 1 − 3 = −2 ✗\nx = 6: √9 = 3 = 6 − 3 ✓", True),
        ("For x = 1: √4 = 2 and 1 − 3 = −2 — extraneous.\nx = 6: √9 = 3 = 6 − 3 ✓", True),
        ("Check x = 1: √4 = 2, but 1 − 3 = −2. Reject.\nCheck x = 6: √9 = 3 and 6 − 3 = 3. ✓", True),
        ("Check x = 6: √9 = 3 and 6 − 3 = 3. Reject.\nCheck x = 1: √4 = 2 = 1 + 1 ✓", False),
        # the true root marked as failing, the work wrong, a hedge
        ("- x = 6: √9 = 3 and 6 − 3 = 3. ✗ (extraneous)\n- x = 1: √4 = 2 = 1 + 1 ✓", False),
        ("- x = 1: √4 = 3, but 1 − 3 = −2. ✗ (extraneous)\n- x = 6: √9 = 3 and 6 − 3 = 3. ✓", False),
        ("- x = 1: √4 = 2, maybe 1 − 3 = −2. ✗\n- x = 6: √9 = 3 and 6 − 3 = 3. ✓", False),
    ],
)
def test_a_failed_check_rejects_its_candidate(checks: str, verified: bool) -> None:
    response = SQUARED_6 + checks + "\n\n**Answer:** $x = 6$"
    result = check_trace_job({"prompt": RADICAL, "reference": {"answer": "6"}, "response": response})
    assert (result["status"] == "verified") is verified, result["steps"]
