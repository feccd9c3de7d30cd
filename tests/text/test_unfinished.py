from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.text.unfinished import ends_unfinished


@pytest.mark.parametrize(
    "line",
    [
        # broken off
        "So Tom has",
        "However, the problem says that",
        "**Step 2:**",
        "2x + 3 =",
        "40 - 4 = 36, then subtract",
        "The answer is \\boxed{",
        "He gives away 4 of the",
        # work announced, never shown
        "Let me reconsider.",
        "Hmm, I need to recheck this.",
        "Let me double-check.",
        "We need to also account for the tax.",
        # a second thought left open
        "But wait, we need to also consider the rotten apples.",
        "Actually, hold on.",
        "Wait.",
        "But wait, he also lost 1 apple.",
        "On second thought, that is not right.",
    ],
)
def test_a_text_that_stops_before_it_is_done(line: str) -> None:
    assert ends_unfinished(line)


@pytest.mark.parametrize(
    "line",
    [
        "So Tom has 36 apples",
        "x = 4",
        "The answer is $\\boxed{36}$.",
        "Let me know if you have other questions.",
        "I hope this helps!",
        "Wait, 36 + 4 = 40, so that checks out ✓",
        "Actually, hold on: the answer is 35.",
        "Wait, actually x = 5.",
        "Let me verify: 36 + 4 = 40. Yes.",
        "Thus x equals four.",
        "It is what it is.",
    ],
)
def test_a_finished_last_line(line: str) -> None:
    assert not ends_unfinished(line)


def _apples(response: str) -> dict[str, object]:
    prompt = "Tom had 40 apples and gave away 4. How many apples does he have left?"
    return {"prompt": prompt, "reference": {"answer": "36"}, "task": "", "response": response}


@pytest.mark.parametrize(
    "response",
    [
        "40 - 4 = 36\nSo Tom has",
        "40 - 4 = 36\nWait, let me reconsider.",
        "**Answer: 36**\n\nActually, hold on.",
        "The answer is 36.\nBut wait, we need to also consider the rotten apples.",
        "Step 1: 40 - 4 = 36\nStep 2:",
    ],
)
def test_neither_verifier_takes_an_answer_from_an_unfinished_text(response: str) -> None:
    assert check_answer_job(_apples(response))["status"] == "unknown"
    assert check_trace_job(_apples(response))["status"] != "verified"


def test_a_finished_text_keeps_its_answer() -> None:
    response = "40 - 4 = 36\nWait, let me verify: 36 + 4 = 40. Yes."
    assert check_answer_job(_apples(response))["status"] == "verified"
    assert check_trace_job(_apples(response))["status"] == "verified"
