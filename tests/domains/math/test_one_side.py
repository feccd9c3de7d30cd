"""An operation said of one side of an equation (one_side.py): the line is unknown, never verified."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.one_side import one_sided

PROMPT = "Solve for x: 4x - 5 = 11"


@pytest.mark.parametrize(
    "said",
    [
        "add 5 to the left side",
        "Add 5 to the left-hand side",
        "adding 5 to the LHS only",
        "adding 5 on the left",
        "add 5 only to the left side",
        "add 5 to one side",
        "add 5 to one of the sides",
        "subtract -5 from the left side",
        "take away 5 from the right side",
        "Divide the left side by 4",
        "Divide only the left side by 4",
        "multiply the R.H.S. by 2",
        "add 5 to the left\u2010hand side",  # a Unicode hyphen
        "add 5 to both sides and 3 to the left",
        "Add 5 to the left side and subtract 5 from the right side",
        "multiply the numerator by 3",
        "square the left side",
    ],
)
def test_one_side_named(said: str) -> None:
    assert one_sided(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "add 5 to both sides",
        "add 5 to each side of the equation",
        "add 5 to the left and right sides",
        "Add 5 to the left side and to the right side",
        "Divide both sides by 4 to get x on the left",
        "Add 5 to both sides, so we are left with",
        "Move -5 to the right side",  # a move across, held elsewhere (move_words.py)
        "Bring the 5 to the right",
        "Multiply both sides by the denominator",
        "Multiply top and bottom by 3",
        "Subtract 5 from both sides; the left side becomes 4x",
        "Right, so we add 5 to both sides",
    ],
)
def test_both_sides_or_no_operation(said: str) -> None:
    assert one_sided(said) is None


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("4x − 5 = 11  [add 5 to both sides]\n4x = 16  [divide by 4]\nx = 4", "verified"),
        ("4x − 5 = 11  [add 5 to the left side]\n4x = 16  [divide by 4]\nx = 4", "unknown"),
        ("4x − 5 = 11\n4x = 16  [add 5 to the left side]\nx = 4", "unknown"),
        ("4x = 16  [add 5 to the left side]\n4x − 5 = 11\nx = 4", "unknown"),
        ("4x − 5 = 11\nAdd 5 to the left side: 4x = 16\nx = 4", "unknown"),
        ("4x − 5 = 11\nAdd 5 to the left side.\n4x = 16\nx = 4", "unknown"),
        ("4x − 5 = 11\n4x = 16\nDivide the left side by 4: x = 4", "unknown"),
        (
            "4x − 5 = 11\nAdd 5 to both sides: 4x = 16\nDivide both sides by 4 to get x on the left: x = 4",
            "verified",
        ),
        ("4x − 5 = 11\nMove -5 to the right side: 4x = 11 + 5\n4x = 16\nx = 4", "verified"),
    ],
)
def test_traces(response: str, status: str) -> None:
    job = {"prompt": PROMPT, "reference": {"answer": "4"}, "response": response}
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize("said", ["Multiply the bottom equation by 3", "Divide the top row by 2"])
def test_equations_named_by_place_are_no_sides(said: str) -> None:
    assert one_sided(said) is None
