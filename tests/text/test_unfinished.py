from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.text.unfinished import closes_nothing, ends_unfinished


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
        # after trailing emoji, or only a hesitation, a connective or a question about the answer
        "Wait, let me reconsider. 🤔",
        "Hmm.",
        "Hmm, hmm...",
        "Uh oh.",
        "Therefore",
        "Thus,",
        "Is that right?",
        "Wait, is that right?",
        "Hmm, is 29 correct?",
        "Hmm, but is that the final answer?",
        "Hmm, did I get that right?",
        "Double-checking now.",
        "Let me go back and recheck step 2.",
        # more redo verbs, and a redo that names a number without showing the work
        "Let me try a different approach.",
        "Let me sanity-check this.",
        "Let me review my work.",
        "Let me re-solve it.",
        "Let me start again.",
        "Time to recheck.",
        "Let me recompute 36 - 7.",
        "Let me verify with x = 4.",
        "I should double-check 36 - 7.",
        "Let me reconsider whether 29 is right.",
        # a re-reading of the problem that adds to the work
        "But wait, the problem says 3 apples.",
        "Actually, I miscounted.",
        # ends on a word that leads on
        "Then we",
        "Subtract 5 from both sides to get",
        "Now let's",
        "which gives",
        "resulting in",
        "Next we compute",
        "Now we need",
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
        # a negated to-do, a confirmation after an opener, a letter's closing
        "There is no need to check further.",
        "No need to double-check.",
        "Actually, this is the only solution.",
        "However, since lengths are positive, this is the only valid answer.",
        "Cheers,",
        "Best regards,",
        # a redo whose work is shown in the sentence
        "Let me verify: 2(4) + 3 = 11.",
        "Let me double-check 2*4 + 3 = 11.",
        "We need to also consider that x=5 satisfies the domain, which it does.",
        # ordinary endings
        "Time complexity: O(n)",
        "This works for lists, tuples, etc.",
        "The same method works as well.",
        "See the work above",
        "Happy coding! 🚀",
        "Does that answer your question?",
        "We need 5 boxes.",
        "That is what we get",
        "Let me know if this is right for your use case.",
        "Thus, the answer checks out ✅",
        "x = -3 ✗ (negative)",
        "| Step | Result |",
        "\\end{aligned}",
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
        # a cut-off followed by a line that closes nothing
        "40 - 4 = 36\nSo Tom has\n</answer>",
        "40 - 4 = 36\nWait, let me reconsider.\n**",
        "**Answer: 36**\n\nHmm, let me recheck 40 - 4. 🤔",
        # a hedge split across the last two lines
        "**Answer: 36**\n\nActually, I think I should\nrecount the apples.",
    ],
)
def test_neither_verifier_takes_an_answer_from_an_unfinished_text(response: str) -> None:
    assert check_answer_job(_apples(response))["status"] == "unknown"
    assert check_trace_job(_apples(response))["status"] != "verified"


def test_a_finished_text_keeps_its_answer() -> None:
    response = "40 - 4 = 36\nWait, let me verify: 36 + 4 = 40. Yes."
    assert check_answer_job(_apples(response))["status"] == "verified"
    assert check_trace_job(_apples(response))["status"] == "verified"


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("</answer>", True),
        ("**", True),
        ("  ```  ", True),
        ("</think>", True),
        ("x = 4", False),
        ("**x = 4**", False),
    ],
)
def test_a_line_that_closes_nothing(line: str, closes: bool) -> None:
    assert closes_nothing(line) is closes


@pytest.mark.parametrize(
    "response",
    [
        "x^2 = 1296, so x = 36 or x = -36\nx = -36 ✗ (negative)\nAnswer: 36",
        "40 - 4 = 36\n**Answer: 36**\n\nThere is no need to check further.",
        "40 - 4 = 36\nThe answer is 36.\n\nCheers,",
        # a last line that starts in lower case after a finished sentence is read alone
        "40 - 4 = 36.\nthe answer is 36.",
        "40 - 4 = 36\n#### 36\nthat is all",
    ],
)
def test_an_ordinary_ending_keeps_the_answer(response: str) -> None:
    assert check_answer_job(_apples(response))["status"] == "verified"
