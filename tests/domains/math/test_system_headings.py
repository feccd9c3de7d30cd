"""A heading that names a move ("## Step 1: Multiply the second equation by 3.") holds the next line with
equations to that move (system_moves.note_heading); a heading naming a move in words the reader cannot
follow leaves that line unknown, since the move it claims cannot be held to anything."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.spoken import states_value

THREE_TWO = "Solve the system of equations: 4x + 3y = 18 and x - y = 1."  # x = 3, y = 2
ANSWER = "x = 3, y = 2"
AFTER = ("## Step 2: Add the equations.", "7x = 21", "x = 3", "y = 3 - 1 = 2")


def _result(*lines: str) -> dict:
    response = "\n".join(lines) + f"\nThe final answer is: {ANSWER}"
    return check_trace_job({"prompt": THREE_TWO, "reference": {"answer": ANSWER}, "response": response})


@pytest.mark.parametrize(
    "heading",
    [
        "## Step 1: Multiply the second equation by 3.",
        "## Step 1: Multiply the second equation by 3 to eliminate y.",
        "### Step 1: Multiply equation 2 by 3",
        "**Step 1: Multiply eq. 2 by 3**",
        "## Step 1: Multiply (2) by 3.",
        "Step 1: Multiply the bottom equation by 3.",
        "## Step 1: Multiply the second equation by 3 and add it to the first.",
    ],
)
def test_a_heading_naming_the_move_made_verifies(heading: str) -> None:
    assert _result(heading, "3x - 3y = 3", *AFTER)["status"] == "verified"


@pytest.mark.parametrize(
    ("heading", "line"),
    [
        # the wrong factor, the wrong equation, the factor of the other equation
        ("## Step 1: Multiply the second equation by 2.", "3x - 3y = 3"),
        ("## Step 1: Multiply the first equation by 3.", "3x - 3y = 3"),
        ("**Step 1: Multiply eq. 1 by 3**", "3x - 3y = 3"),
        ("## Step 1: Multiply (2) by 4.", "3x - 3y = 3"),
        # a heading naming one move and a line doing another
        ("## Step 1: Add the two equations.", "3x - 3y = 3"),
        ("## Step 1: Subtract the second equation from the first.", "3x - 3y = 3"),
        # a heading whose names the reader cannot follow: the next line is not held to anything
        ("## Step 1: Now look at the other equation.", "3x - 3y = 3"),
        ("## Step 1: Take the other equation.", "3x - 3y = 3"),
        ("## Step 1: Eq. A + Eq. B", "3x - 3y = 3"),
    ],
)
def test_a_heading_naming_another_move_is_never_verified(heading: str, line: str) -> None:
    result = _result(heading, line, *AFTER)
    assert result["status"] != "verified"
    first_open = next(s for s in result["steps"] if s["status"] not in ("verified", "no_claim"))
    assert first_open["index"] in (1, 2), result["steps"]


def test_a_combination_a_heading_names_is_made_by_the_lines_after_it() -> None:
    # the scaled equation, then a heading naming another combination: the one named first is never made
    lines = ("## Step 1: Multiply the second equation by 3 and subtract it from the first.", "3x - 3y = 3")
    assert _result(*lines, *AFTER)["status"] != "verified"


def test_the_combined_move_a_heading_names_is_held_to_its_line() -> None:
    wrong = _result(
        "## Step 1: Multiply the second equation by 3.", "3x - 3y = 3", "## Step 2: Subtract.", "7x = 21"
    )
    assert wrong["status"] != "verified"
    assert (
        _result("## Step 1: Multiply the second equation by 3.", "3x - 3y = 3", *AFTER)["status"]
        == "verified"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Multiply the first equation by 2.",
        "Multiply eq. 2 by -3",
        "Multiply (1) by 2 and add it to the second.",
        "Multiply the first equation by 2 and the second by 3.",
        "Add 2 times the first equation to the second.",
        "I should subtract 4, not add it",  # what a step ought to have done
    ],
)
def test_a_multiplier_of_an_equation_states_no_value(text: str) -> None:
    assert not states_value(text)


@pytest.mark.parametrize(
    "text",
    [
        "Multiply the first equation by 2 to get 24",
        "Multiplying the first equation by 2 gives 4",
        "Multiply the first equation by 2, which gives 24",
        "Add 2 times the first equation to 5",
        "In eq. 2 we get 5",
        "I should get 4",
        "I had to subtract 4 and got 5",
    ],
)
def test_a_value_said_beside_an_equation_name_is_still_a_claim(text: str) -> None:
    assert states_value(text)


PAIR = "Solve the system: 2x + 3y = 12 and x - y = 1."  # x = 3, y = 2
PAIR_ANSWER = "x = 3, y = 2"


def _pair(*lines: str) -> str:
    response = "\n".join(lines) + f"\nAnswer: {PAIR_ANSWER}"
    result = check_trace_job({"prompt": PAIR, "reference": {"answer": PAIR_ANSWER}, "response": response})
    return str(result["status"])


@pytest.mark.parametrize(
    "heading",
    [
        "**Step 1: Multiply the second equation by 2 and subtract it from the first**",
        "Multiply the second equation by 2 and subtract it from the first:",
        "## Step 1: Double (2) and subtract it from (1).",
    ],
)
def test_a_heading_scaling_then_combining_names_the_combination(heading: str) -> None:
    # the combination at once, or the scaled equation on the way to it
    assert _pair(heading, "5y = 10", "y = 2", "x = 3") == "verified"
    assert _pair(heading, "2x - 2y = 2", "5y = 10", "y = 2", "x = 3") == "verified"


@pytest.mark.parametrize(
    "heading",
    [
        # the wrong factor, adding for subtracting, the wrong equation scaled
        "**Step 1: Multiply the second equation by 3 and subtract it from the first**",
        "Multiply the second equation by 2 and add it to the first:",
        "## Step 1: Multiply the first equation by 2 and subtract it from the second.",
        "Multiply the second equation by 3 and add it to the first:",
    ],
)
def test_a_heading_scaling_then_combining_otherwise_is_never_verified(heading: str) -> None:
    assert _pair(heading, "5y = 10", "y = 2", "x = 3") != "verified"
    assert _pair(heading, "2x - 2y = 2", "5y = 10", "y = 2", "x = 3") != "verified"
