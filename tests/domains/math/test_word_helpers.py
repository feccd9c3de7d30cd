"""An equation a word problem's trace sets up for a helper unknown (word_steps.py): built from the prompt's
numbers, with one solution that is not the answer, it is worked on to the answer; a number from nowhere or
an answer that stops at the helper is not."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

CLASS = "A class has 28 students. There are 4 more boys than girls. How many boys are there?"
NUMBER = "A number doubled and increased by five is thirteen. What is the number?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (
            CLASS,
            "16",
            "g + (g + 4) = 28\n2g + 4 = 28\n2g = 24\ng = 12\nBoys = 12 + 4 = 16\n\n#### 16",
            "verified",
        ),
        (
            CLASS,
            "16",
            "Let g be the girls. Then g + (g + 4) = 28, so 2g = 24 and g = 12.\nBoys: 12 + 4 = 16.",
            "verified",
        ),
        (
            CLASS,
            "16",
            "g + (g + 4) = 28\n2g + 4 = 28\n2g = 22\ng = 12\nBoys = 12 + 4 = 16\n\n#### 16",
            "refuted",
        ),
        (CLASS, "16", "g + (g + 4) = 28\n2g = 24\ng = 12\n\n#### 12", "refuted"),
        # a number from nowhere in the equation: refuted when its solution is not the answer, unless one
        # operation on the prompt's numbers makes it (24 is 28 - 4: the boys' surplus taken off in the head)
        (CLASS, "16", "g + g = 25\ng = 25/2\nBoys = 25/2 + 4 = 33/2\n\n#### 33/2", "refuted"),
        (CLASS, "16", "g + g = 23\ng = 23/2\nBoys = 23/2 + 4 = 31/2\n\n#### 16", "refuted"),
        (CLASS, "16", "g + g = 24\ng = 12\nBoys = 12 + 4 = 16\n\n#### 16", "unknown"),
        (NUMBER, "4", "Let the number be x.\n2x + 5 = 15\n2x = 8\nx = 4\n#### 4", "refuted"),
        # a bare value nobody computed is unknown, not refuted
        (CLASS, "16", "g = 12\nBoys = 12 + 4 = 16\n\n#### 16", "unknown"),
    ],
)
def test_helper_unknowns(prompt: str, gold: str, response: str, status: str) -> None:
    result = check_trace_job({"prompt": prompt, "reference": {"answer": gold}, "response": response})
    assert result["status"] == status
