"""An operation on both sides named on a line of several claims, or on a system's line, is held to the
line's equations (line_moves.py, steps.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

_LINEAR = ("Solve for x: 3x + 5 = 20", "5")
_SYSTEM = ("Solve for x and y: x + y = 5 and x - y = 1", "x = 3, y = 2")


def _status(response: str, problem: tuple[str, str]) -> str:
    job = {"prompt": problem[0], "reference": {"answer": problem[1]}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "response",
    [
        "Adding 5 to both sides gives 3x = 15. Dividing by 3, x = 5.",
        "If we add 5 to both sides we get 3x = 15, and dividing by 3 we get x = 5.",
        "3x + 5 = 20. Then, adding 5 to each side, 3x = 15. So x = 5.",
        "Multiplying both sides by 3 gives 3x = 15, so x = 5.",
    ],
)
def test_a_misnamed_operation_among_several_claims_is_not_verified(response: str) -> None:
    assert _status(response, _LINEAR) != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Subtracting 5 from both sides gives 3x = 15. Dividing by 3, x = 5.",
        "If we subtract 5 from both sides we get 3x = 15, and dividing by 3 we get x = 5.",
        "3x + 5 = 20. Then, subtracting 5 from each side, 3x = 20 - 5 = 15. So x = 5.",
    ],
)
def test_the_operation_made_among_several_claims_verifies(response: str) -> None:
    assert _status(response, _LINEAR) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "Add the equations: 2x = 6\nDivide both sides by 3: x = 3\nSubstitute: 3 + y = 5\ny = 2\n"
        "Answer: x = 3, y = 2",
        "2x = 6 [add the equations]\nx = 3\n3 + y = 5\ny = 2 [add 3 to both sides]\nAnswer: x = 3, y = 2",
        "2x = 6\nDivide both sides by 6.\nx = 3\ny = 2\nAnswer: x = 3, y = 2",
    ],
)
def test_a_system_line_naming_another_operation_is_not_verified(response: str) -> None:
    assert _status(response, _SYSTEM) != "verified"


def test_a_system_line_naming_its_operation_verifies() -> None:
    response = (
        "Add the equations: 2x = 6\nDivide both sides by 2: x = 3\nSubstitute: 3 + y = 5\n"
        "Subtract 3 from both sides: y = 2\nAnswer: x = 3, y = 2"
    )
    assert _status(response, _SYSTEM) == "verified"
