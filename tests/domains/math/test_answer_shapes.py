"""Answer lines in shapes real replies use: a check mark closing the answer (`Answer: x = 4 ✓`,
answer_math.py) and a JSON reply (`{"answer": 5}`, step_reader.py). Each is read as the value it states,
and its wrong twins are never verified."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

LIN = "Solve for x: 3x + 4 = 19"
WORK = "3x + 4 = 19 → 3x = 15 → x = 5\n\n"


def _status(answer_line: str) -> str:
    result = check_trace_job({"prompt": LIN, "reference": {"answer": "5"}, "response": WORK + answer_line})
    return str(result["status"])


@pytest.mark.parametrize(
    "line",
    [
        "Answer: x = 5 ✓",
        "**Answer:** $x = 5$ ✔",
        '```json\n{"answer": 5}\n```',
        '{"answer": "5"}',
        '{"final_answer": 5}',
    ],
)
def test_an_answer_in_a_reply_shape_verifies(line: str) -> None:
    assert _status(line) == "verified"


@pytest.mark.parametrize(
    "line",
    [
        "Answer: x = 6 ✓",
        "Answer: x = 5 ✓ or 6",
        "Answer: x = 5 ✗",
        '{"answer": 6}',
        '{"answer": 5, "check": 6}',
        '{"answer": "5 or 6"}',
        '{"answer": 5}\n{"answer": 6}',
        '{"answer": "x = 6"}',
    ],
)
def test_its_wrong_twins_are_never_verified(line: str) -> None:
    assert _status(line) != "verified"


SQUARE = "Solve for x: x^2 - 4x + 1 = 0"
COMPLETED = "Completing the square: x² − 4x + 4 = 3, so (x − 2)² = 3.\n"


@pytest.mark.parametrize(
    ("rest", "verified"),
    [
        # "square roots:" names the operation, not the roots: the last line states the answer
        ("Taking square roots: x − 2 = ±√3.\nSo x = 2 ± √3.", True),
        ("Taking square roots: x − 2 = ±√3.\nSo x = 2 ± √2.", False),
        ("Taking square roots: x − 2 = √3.\nSo x = 2 + √3.", False),
        ("The roots: x = 2 ± √2.", False),
    ],
)
def test_square_roots_taken_are_no_stated_answer(rest: str, verified: bool) -> None:
    result = check_trace_job(
        {"prompt": SQUARE, "reference": {"answer": "2 - sqrt(3), 2 + sqrt(3)"}, "response": COMPLETED + rest}
    )
    assert (result["status"] == "verified") is verified


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # a root taken with no side named is taken of both sides, and the line must be what that gives
        ("Taking the square root: 2x = 8", False),
        ("Taking square roots, 2x = 8", False),
        ("Take the cube root: 2x = 8", False),
        ("Subtract 5 from both sides: 2x = 8", True),
    ],
)
def test_a_root_taken_is_held_to_its_line(line: str, verified: bool) -> None:
    result = check_trace_job(
        {
            "prompt": "Solve for x: 2x + 5 = 13",
            "reference": {"answer": "4"},
            "response": f"{line}\nx = 4\nAnswer: 4",
        }
    )
    assert (result["status"] == "verified") is verified
