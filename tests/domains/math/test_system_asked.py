from __future__ import annotations

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.expr import Var
from assay.domains.math.problem import spec_from

SYSTEM = "Solve the system of equations: x + y = 10 and x - y = 2."


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Find x.", "x"),
        ("What is the value of y?", "y"),
        ("Solve for $x$.", "x"),
        ("Find z.", None),  # not one of the system's names
        ("", None),
    ],
)
def test_the_one_name_a_system_asks_for(question: str, asked: str | None) -> None:
    spec = spec_from(f"{SYSTEM} {question}".strip(), {"answer": "6"}, "")
    assert spec.asked == (Var(asked) if asked else None)


def _job(response: str) -> dict[str, object]:
    return {"prompt": f"{SYSTEM} Find x.", "reference": {"answer": "6"}, "task": "", "response": response}


@pytest.mark.parametrize(
    "response",
    [
        "Adding the equations: 2x = 12, so x = 6.\nThen y = 10 - 6 = 4.\nSo x = 6.",
        "Adding: 2x = 12, so x = 6.\nThen y = 10 - 6 = 4.\n\nAnswer: x = 6, y = 4",
    ],
)
def test_the_asked_value_among_the_others_is_the_answer(response: str) -> None:
    assert check_answer_job(_job(response))["status"] == "verified"
    assert check_trace_job(_job(response))["status"] == "verified"


@pytest.mark.parametrize("answer", ["y = 4", "4", "x = 6, x = 7", "(4, 6)", "x = 7, y = 3"])
def test_another_value_for_the_asked_name_is_refuted(answer: str) -> None:
    assert check_answer_job(_job(f"Answer: {answer}"))["status"] == "refuted"
