"""An answer's place that holds no value states no answer: `Answer:` or an empty box ending the response,
a box that is an operand of more math (`$-\boxed{29}$`), a bound in a box (`\boxed{> 29}`). The claims
before it are no stand-in for the answer (trace.py, step_reader.py, answer_phrases.py, answer.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job

APPLES = {
    "prompt": "Tom had 36 apples and gave away 7. How many apples does he have left?",
    "reference": {"answer": "29"},
}
WORK = "36 - 7 = 29\n\n"


@pytest.mark.parametrize(
    "tail",
    [
        # announced and never given: cut off, a template left empty, the value struck out
        "Answer:",
        "**Final Answer:**",
        "## Final answer",
        "Answer: ...",
        "<answer></answer>",
        "Answer: $$",
        "Answer: ~~29~~",
        "Answer: <del>29</del>",
        r"\boxed{}",
        r"Answer: \boxed{ }",
        r"The answer is $\boxed{}$.",
        r"\fbox{\,}",
        # the box is part of a larger value
        r"$-\boxed{29}$",
        r"$1\boxed{29}$",
        r"$2 \cdot \boxed{29}$",
        r"$\sqrt{\boxed{29}}$",
        r"$\frac{\boxed{29}}{2}$",
        # a bound, not a value
        r"\boxed{> 29}",
        r"\boxed{\gt 29}",
    ],
)
def test_an_answer_place_without_the_value_verifies_nothing(tail: str) -> None:
    job = {**APPLES, "response": WORK + tail}
    assert check_answer_job(job)["status"] == "unknown"
    assert check_trace_job(job)["status"] == "unknown"


@pytest.mark.parametrize(
    "tail",
    [
        "Answer: 29",
        "## Final Answer\n\n\\boxed{29}",
        "\\boxed{}\n\n29",  # the empty box announces the answer the next line gives
        "The answer is\n\n29",  # so do the words of an answer with nothing after them
        "<answer>29</answer>",
        r"$x = \boxed{29}$",
        r"**Answer:** \boxed{29}",
        r"\text{Answer: }\boxed{29}",
        r"\mathbf{\boxed{29}}",
        "> Answer: 29",
    ],
)
def test_the_value_in_its_place_verifies(tail: str) -> None:
    job = {**APPLES, "response": WORK + tail}
    assert check_answer_job(job)["status"] == "verified"
    assert check_trace_job(job)["status"] == "verified"


def test_an_empty_box_then_a_wrong_value_is_refuted() -> None:
    job = {
        "prompt": "Solve for x: 2x + 5 = 13",
        "reference": {"answer": "4"},
        "response": "2x = 8\n\\boxed{}\nx = 5",
    }
    assert check_answer_job(job)["status"] == "refuted"


THINK = "<think>36 - 7 = 29, so \\boxed{29}</think>\n\n"


@pytest.mark.parametrize(
    "response",
    [
        # an answer stated in words nobody reads here: no other answer beside it is the committed one
        WORK + "Answer: 29\n\nAnswer: unknown",
        WORK + "Answer: 29\n\nFinal answer: cannot be determined",
        WORK + "Answer: 29\n\nAnswer: none",
        WORK + "Answer: 29\n\nThe answer is unknown.",
        # nor is what a reasoning block concluded, when the reply after it answers so
        THINK + "Answer: unknown",
        THINK + "Answer: no solution",
        THINK + "Final answer: see reasoning",
        THINK + "Answer:",
        THINK + "The answer is",
    ],
)
def test_an_answer_stated_unreadably_leaves_no_answer(response: str) -> None:
    job = {**APPLES, "response": response}
    assert check_answer_job(job)["status"] == "unknown"
    assert check_trace_job(job)["status"] != "verified"


@pytest.mark.parametrize("reply", ["Answer: 29", "Tom has 29 apples left.", "\\boxed{29}"])
def test_a_reply_that_answers_after_a_reasoning_block_verifies(reply: str) -> None:
    job = {**APPLES, "response": THINK + reply}
    assert check_answer_job(job)["status"] == "verified"
    assert check_trace_job(job)["status"] == "verified"
