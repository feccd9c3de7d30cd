"""A clause that names an operation and writes an equation, after a clause that wrote its own, is a step of
its own (named_sentences.py): each named move is held to the equation it makes."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.named_sentences import split_named_operations
from assay.domains.math.words import extract_claims


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        (
            "Subtracting 5 from both sides gives 3x = 12, and dividing by 4 gives x = 4.",
            ["Subtracting 5 from both sides gives 3x = 12", "dividing by 4 gives x = 4."],
        ),
        (
            "Subtracting 5 gives 3x = 12; then divide by 3: x = 4",
            ["Subtracting 5 gives 3x = 12", "divide by 3: x = 4"],
        ),
        ("3x = 12, so x = 4", ["3x = 12, so x = 4"]),  # no move named
        ("Subtract 5 and divide by 3: x = 4", ["Subtract 5 and divide by 3: x = 4"]),  # one equation
        ("x = 4, and adding 2 gives 6", ["x = 4, and adding 2 gives 6"]),  # no equation after
        (
            "Then, multiply equation 2 by 2: 2(x - y) = 2(-1)",
            ["Then, multiply equation 2 by 2: 2(x - y) = 2(-1)"],
        ),
    ],
)
def test_clauses_that_name_their_moves_are_cut(line: str, pieces: list[str]) -> None:
    assert split_named_operations(line) == pieces


@pytest.mark.parametrize(
    ("second", "status"),
    [
        ("dividing by 3 gives x = 4.", "verified"),
        ("dividing by 4 gives x = 4.", "unknown"),  # the move named is not the move made
        ("multiplying by 3 gives x = 4.", "unknown"),
    ],
)
def test_each_named_move_is_held_to_its_equation(second: str, status: str) -> None:
    response = f"3x + 5 = 17\nSubtracting 5 gives 3x = 12, and {second}"
    job = {
        "prompt": "Solve for x: 3x + 5 = 17",
        "reference": {"answer": "4"},
        "task": "",
        "response": response,
    }
    assert check_trace_job(job)["status"] == status


@pytest.mark.parametrize(
    "line",
    ["x = 240 km / 3 h", "x = 240 km ÷ 3 h", "x = 4 apples + 2 apples", "y = 5 cm × 2"],
)
def test_an_expression_that_goes_on_past_a_unit_is_not_cut_short(line: str) -> None:
    # read up to the unit, `x = 240 km / 3 h` would claim x = 240
    assert extract_claims(line) is None


def test_a_new_claim_after_a_word_is_its_own() -> None:
    assert extract_claims("-3x - 3 = 12; -3x = 15; x = -5") == "-3x - 3 = 12; -3x = 15; x = -5"
    assert extract_claims("Verify: -2(6) + 6(-6) = -48 and -6(6) - 2(-6) = -24") == (
        "-2(6) + 6(-6) = -48; -6(6) - 2(-6) = -24"
    )
