"""A step out of an equation that is no polynomial (nonpoly_moves.py): the polynomial equation it states
must follow from undoing the function (square both sides, the cases of an absolute value, clear the
denominator, equate the exponents) by one operation on both sides; any other equation with the same root
is unknown, never passed."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.grammar import parse_chain
from assay.domains.math.nonpoly_moves import nonpolynomial_move


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        ("Solve for x: sqrt(x + 7) = 4", "9", "sqrt(x + 7) = 4\nx + 7 = 16\nx = 9", "verified"),
        ("Solve for x: sqrt(x + 7) = 4", "9", "Square both sides: x + 7 = 16\nx = 16 - 7 = 9", "verified"),
        ("Solve for x: 12/x = 3", "4", "12/x = 3\n12 = 3x\nx = 4", "verified"),
        ("Solve for x: 2^x = 8", "3", "2^x = 8\n2^x = 2^3\nx = 3", "verified"),
        (
            "Solve for x: |2x - 6| = 4",
            "5, 1",
            "|2x - 6| = 4\n2x - 6 = 4 or 2x - 6 = -4\nx = 5 or x = 1",
            "verified",
        ),
        (
            "Solve for x: x/(x + 1) = 2/3",
            "2",
            "x/(x + 1) = 2/3\n3x = 2(x + 1)\n3x = 2x + 2\nx = 2",
            "verified",
        ),
        (
            "Solve for x: sqrt(x + 7) + 2 = 6",
            "9",
            "sqrt(x + 7) + 2 = 6\nsqrt(x + 7) = 4\nx + 7 = 16\nx = 9",
            "verified",
        ),
        ("Solve for x: 2^(x + 1) = 16", "3", "2^(x + 1) = 16\nx + 1 = 4\nx = 3", "verified"),
        ("Solve for x: 5^x = 1/25", "-2", "5^x = 1/25\nx = -2", "verified"),
        (
            "Solve for x: sqrt(x + 7) = 4",
            "9",
            "sqrt(x + 7) = 4\n(sqrt(x + 7))^2 = 4^2\nx + 7 = 16\nx = 9",
            "verified",
        ),
        ("Solve for x: 3^(2x) = 81", "2", "3^(2x) = 81\n3^(2x) = 3^4\n2x = 4\nx = 2", "verified"),
        ("Solve for x: 6/(x - 2) = 3", "4", "6/(x - 2) = 3\n6 = 3(x - 2)\n2 = x - 2\nx = 4", "verified"),
        (
            "Solve for x: 6/(x - 2) = 3",
            "4",
            "6/(x - 2) = 3\nMultiply both sides by (x - 2): 6 = 3x - 6\n3x = 12\nx = 4",
            "verified",
        ),
        ("Solve for x: sqrt(x + 7) = 4", "9", "sqrt(x + 7) = 4\nx + 5 = 14\nx = 9", "unknown"),
        ("Solve for x: 6/(x - 2) = 3", "4", "6/(x - 2) = 3\n6 = x + 2\nx = 4", "unknown"),
        ("Solve for x: 2^(x + 1) = 16", "3", "2^(x + 1) = 16\nx + 1 = 16/4\nx = 3", "unknown"),
        # the red team's: the same root, reached by no move
        ("Solve for x: 12/x = 3", "4", "12/x = 3\nx + 2 = 6\nx = 4\nAnswer: 4", "unknown"),
        ("Solve for x: 2^x = 8", "3", "2^x = 8\nx + 1 = 4\nx = 3\nAnswer: 3", "unknown"),
        ("Solve for x: |2x - 6| = 0", "3", "|2x - 6| = 0\nx + 3 = 6\nx = 3\nAnswer: 3", "unknown"),
        ("Solve for x: 3^(2x) = 81", "2", "3^(2x) = 81\n2x = 81/27 + 1\nx = 2\nAnswer: 2", "unknown"),
    ],
)
def test_a_step_out_of_a_non_polynomial_equation(
    prompt: str, answer: str, response: str, status: str
) -> None:
    verdict = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert verdict["status"] == status, verdict


@pytest.mark.parametrize(
    ("before", "after", "moves"),
    [
        ("sqrt(x + 7) = 4", "x + 7 = 16", True),
        ("4 = sqrt(x + 7)", "16 = x + 7", True),
        ("sqrt(x + 7) = 4", "x - 7 = 2", False),
        ("12/x = 3", "3x = 12", True),
        ("12/x = 3", "12 = 3 + x", False),
        ("2^x = 8", "x = 3", True),  # the solution itself
        ("2^x = 8", "x + 1 = 4", False),
        ("2^(x - 1) = 2^4", "x - 1 = 4", True),
        ("x^(1/2) = 3", "x = 9", True),
        ("x^(1/2) = 3", "x - 6 = 3", False),
        ("(x + 1)^(1/3) = 2", "x + 1 = 8", True),
        # a shape the module does not undo, or a step to another equation that is no polynomial: not judged
        ("sqrt(x + 7) + 2 = 6", "x - 7 = 2", True),
        ("sqrt(x + 7) = 4", "sqrt(x + 7) - 4 = 0", True),
    ],
)
def test_the_moves_that_undo_a_function(before: str, after: str, moves: bool) -> None:
    first, second = parse_chain(before), parse_chain(after)
    why = nonpolynomial_move((first[0], first[1]), (second[0], second[1]), "x")
    assert (why is None) is moves, why


# --- a step to another equation that is no polynomial, and a step that raises the degree -----------------


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "status"),
    [
        # the same root, and no move gives it
        (
            "Solve for x: sqrt(x + 7) = 4",
            "sqrt(x + 7) = 4\nsqrt(2x - 2) = 4\n2x - 2 = 16\nx = 9\nAnswer: 9",
            "9",
            "unknown",
        ),
        ("Solve for x: 12/x = 3", "12/x = 3\n12/(x + 1) = 12/5\nx + 1 = 5\nx = 4\nAnswer: 4", "4", "unknown"),
        (
            "Solve for x: 2^(x + 1) = 16",
            "2^(x + 1) = 16\n3^(x - 1) = 9\nx - 1 = 2\nx = 3\nAnswer: 3",
            "3",
            "unknown",
        ),
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\n(x - 4)^2 = 0\nx = 4\nAnswer: 4", "4", "unknown"),
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\nx^3 = 64\nx = 4\nAnswer: 4", "4", "unknown"),
        (
            "If 4x - 2 = 10, what is 2x + 7?",
            "4x - 2 = 10\nx^2 - 6x + 9 = 0\nx = 3\n2x + 7 = 13\nAnswer: 13",
            "13",
            "unknown",
        ),
        # out of a polynomial equation into a function of the unknown, or a power beyond the exact path
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\n2^x = 16\nx = 4\nAnswer: 4", "4", "unknown"),
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\nsqrt(x) = 2\nx = 4\nAnswer: 4", "4", "unknown"),
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\n|x - 4| = 0\nx = 4\nAnswer: 4", "4", "unknown"),
        ("Solve for x: 2x + 5 = 13", "2x + 5 = 13\nx^5 = 1024\nx = 4\nAnswer: 4", "4", "unknown"),
        (
            "Solve for x: x^2 = 9",
            "x^2 = 9\n|x| = 3\nx = 3 or x = -3\nAnswer: x = 3 or x = -3",
            "3, -3",
            "verified",
        ),
        # a rewrite, one operation on both sides, both sides squared as written, or the square named
        (
            "Solve for x: 12/x = 3",
            "12/x = 3\nDivide both sides by 3: 4/x = 1\nx = 4\nAnswer: 4",
            "4",
            "verified",
        ),
        ("Solve for x: 2^(x + 1) = 16", "2^(x + 1) = 2^4\nx + 1 = 4\nx = 3\nAnswer: 3", "3", "verified"),
        (
            "Solve for x: sqrt(x + 7) + 2 = 6",
            "sqrt(x + 7) + 2 = 6\nsqrt(x + 7) = 4\nx + 7 = 16\nx = 9\nAnswer: 9",
            "9",
            "verified",
        ),
        (
            "Solve for x: sqrt(x + 7) = 4",
            "(sqrt(x + 7))^2 = 4^2\nx + 7 = 16\nx = 9\nAnswer: 9",
            "9",
            "verified",
        ),
        (
            "Solve for x: 2|x - 1| = 6",
            "2|x - 1| = 6\n|x - 1| = 3\nx - 1 = 3 or x - 1 = -3\nx = 4 or x = -2\nAnswer: x = 4 or x = -2",
            "4, -2",
            "verified",
        ),
        (
            "Solve for x: x - 4 = 0",
            "x - 4 = 0\nSquare both sides: (x - 4)^2 = 0\nx = 4\nAnswer: 4",
            "4",
            "verified",
        ),
    ],
)
def test_steps_between_shapes_must_be_moves(prompt: str, response: str, answer: str, status: str) -> None:
    result = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    assert result["status"] == status, result
