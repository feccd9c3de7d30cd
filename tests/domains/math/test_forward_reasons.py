"""Bracketed reasons written ahead of the line they describe: read ahead only when the first annotated line
is the problem's own equation with a move beside it; a wrong move or a wrong line is still caught."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.forward_reasons import forward_reasons
from assay.domains.math.problem import spec_from

PROBLEM = "Solve for x: 4x - 5 = 11"


def _status(response: str) -> str:
    job = {"prompt": PROBLEM, "reference": {"answer": "4"}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "response",
    [
        "4x − 5 = 11  [add 5 to both sides]\n4x = 16  [divide by 4]\nx = 4",
        "4x - 5 = 11 (add 5)\n4x = 16 (divide by 4)\nx = 4",
        "$4x - 5 = 11$ [add 5]\n$4x = 16$ [divide by 4]\n$x = 4$",
        # the usual way, each reason the move that gave its line: read as before
        "4x = 16  [add 5 to both sides]\nx = 4  [divide by 4]",
        "4x - 5 = 11 (given)\n4x = 16 (add 5)\nx = 4 (divide by 4)",
    ],
)
def test_reasons_read_the_way_the_trace_writes_them(response: str) -> None:
    assert _status(response) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        # a move named ahead that does not give the next line, or a false line under a right move
        "4x − 5 = 11  [subtract 5 from both sides]\n4x = 16  [divide by 4]\nx = 4",
        "4x − 5 = 11  [add 5 to both sides]\n4x = 16  [divide by 2]\nx = 4",
        "4x − 5 = 11  [add 5 to both sides]\n4x = 16  [divide by 4]\nx = 5",
        "4x − 5 = 11  [add 5 to both sides]\n4x = 6  [divide by 4]\nx = 1.5",
    ],
)
def test_a_wrong_move_or_line_is_still_caught(response: str) -> None:
    assert _status(response) != "verified"


def test_a_line_with_words_ends_the_run() -> None:
    """The reason of the run's last equation is not moved onto a check or an answer line after it."""
    prompt = "Solve for x: 3x + 7 = 16"
    response = "3x + 7 = 16 [simplify]\n3x = 9 [simplify]\nx = 3 [simplify]\nCheck: 3(3) + 7 = 16"
    job = {"prompt": prompt, "reference": {"answer": "3"}, "response": response}
    assert check_trace_job(job)["answer"] is not None
    assert forward_reasons(response, spec_from(prompt, {"answer": "3"}, None).equations).endswith(
        "\nCheck: 3(3) + 7 = 16"
    )
