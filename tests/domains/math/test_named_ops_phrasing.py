"""An operation on both sides is read however it is phrased (named_ops.py) and held to the line it leads
to; one said in words the reader cannot read makes the line unknown, never passed."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.named_ops import named_operation, unread_operation

LINEAR = "Solve for x: 2x + 5 = 13"
ROOT = "Solve for x: sqrt(x + 7) = 4"
POWER = "Solve for x: 2^(x + 1) = 16"


def _status(prompt: str, response: str, answer: str) -> str:
    result = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    return str(result["status"])


@pytest.mark.parametrize(
    ("text", "symbol", "operand"),
    [
        ("Add 5 on both sides: 2x = 8", "+", "5"),
        ("Subtract 5 on both sides: 2x = 8", "-", "5"),
        ("Divide by 5 on both sides → 2x = 8", "/", "5"),
        ("Multiplying both sides with 2: 2x = 8", "*", "2"),
        ("+5 on both sides: 2x = 8", "+", "5"),
        ("÷2 on both sides: x = 4", "/", "2"),
        ("Both sides plus 5: 2x = 8", "+", "5"),
        ("Both sides halved: x = 4", "/", "2"),
        ("Halving both sides: 2x - 1 = 5", "/", "2"),
        ("2. **Divide both sides by 5**:", "/", "5"),
        ("Multiply both sides by x - 1: x^2 = 1", "*", "x - 1"),
        ("Subtract \\(2x\\) from both sides:", "-", "2x"),
        ("Subtract 2x - 3 from both sides: x = 1", "-", "2x - 3"),
        ("Cube both sides: x + 7 = 16", "^", "3"),
        ("Taking the square root of both sides: x = ±3", "root", "2"),
        ("Taking log base 4 of both sides: x + 1 = 4", "log", "4"),
        ("Adding 5 across: 2x = 8", "+", "5"),
        ("We add 5 throughout: 2x = 8", "+", "5"),
        ("Add 5 to the left and right: 2x = 8", "+", "5"),
        ("Add 5 to both members: 2x = 8", "+", "5"),
        ("Multiply through by 2: 2x = 8", "*", "2"),
        # an operation as the lead of the line
        ("Add 5: 2x = 8", "+", "5"),
        ("Then divide by 2: x = 4", "/", "2"),
        ("**Subtracting 5:** 2x = 8", "-", "5"),
    ],
)
def test_phrasings_of_one_operation_are_read(text: str, symbol: str, operand: str) -> None:
    from assay.domains.math.grammar import parse_expr_text

    assert named_operation(text) == (symbol, parse_expr_text(operand))


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("Dividing both sides by two, we obtain nine halves.", True),
        ("Flip both sides, and x/2 becomes 2/x.", True),
        # on a line with its equation, a reciprocal is held by move_words.py (test_solver_phrasings.py)
        ("Flip both sides: x/2 = 1/3", False),
        ("Simplifying both sides, we get:", False),
        ("Both sides are 13, so it checks.", False),
        ("Check: both sides give 2(4) + 5 = 13", False),
        ("Subtract 5 from both sides and divide both sides by 2: x = 4", False),
        ("Let's work through it. We subtract 2, which gives x/3 = 3.", False),
        ("After adding five to both sides: 2x = 8", True),
    ],
)
def test_an_operation_said_in_words_not_read_is_flagged(text: str, unread: bool) -> None:
    assert unread_operation(text) is unread


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "status"),
    [
        # the operation named is not what the line does
        (LINEAR, "2x + 5 = 13\nAdd 5 on both sides: 2x = 8\nx = 4\nAnswer: 4", "4", "refuted"),
        (LINEAR, "2x + 5 = 13\nDivide by 5 on both sides → 2x = 8\nx = 4\nAnswer: 4", "4", "refuted"),
        (
            LINEAR,
            "2x + 5 = 13\nBoth sides plus 5: 2x = 8\nBoth sides halved: x = 4\nAnswer: 4",
            "4",
            "refuted",
        ),
        (LINEAR, "2x + 5 = 13\n+5 on both sides: 2x = 8\n÷2 on both sides: x = 4\nAnswer: 4", "4", "refuted"),
        (ROOT, "Cube both sides: x + 7 = 16\nx = 9\nAnswer: 9", "9", "unknown"),
        (ROOT, "Taking the square root of both sides: x + 7 = 16\nx = 9\nAnswer: 9", "9", "unknown"),
        (POWER, "Taking log base 4 of both sides: x + 1 = 4\nx = 3\nAnswer: 3", "3", "unknown"),
        (LINEAR, "2x + 5 = 13\nDividing both sides by two: 2x = 8\nx = 4\nAnswer: 4", "4", "unknown"),
        (LINEAR, "2x + 5 = 13\nAdd 5: 2x = 8\nx = 4\nAnswer: 4", "4", "refuted"),
        (LINEAR, "2x + 5 = 13\nSubtract 5: 2x = 8\nDivide by 2: x = 4\nAnswer: 4", "4", "verified"),
        # the operation named is what the line does
        (
            LINEAR,
            "2x + 5 = 13\nSubtract 5 on both sides: 2x = 8\nDivide by 2 on both sides: x = 4\nAnswer: 4",
            "4",
            "verified",
        ),
        (
            LINEAR,
            "2x + 5 = 13\n-5 on both sides: 2x = 8\n÷2 on both sides: x = 4\nAnswer: 4",
            "4",
            "verified",
        ),
        (
            LINEAR,
            "2x + 5 = 13\nBoth sides minus 5: 2x = 8\nBoth sides halved: x = 4\nAnswer: 4",
            "4",
            "verified",
        ),
        (ROOT, "Square both sides: x + 7 = 16\nx = 9\nAnswer: 9", "9", "verified"),
        (
            POWER,
            "2^(x + 1) = 2^4\nTaking log base 2 of both sides: x + 1 = 4\nx = 3\nAnswer: 3",
            "3",
            "verified",
        ),
        (
            "Solve for x: x^2 = 9",
            "Take the square root of both sides: x = ±3\nAnswer: x = 3 or x = -3",
            "3, -3",
            "verified",
        ),
    ],
)
def test_the_operation_named_is_what_the_line_does(
    prompt: str, response: str, answer: str, status: str
) -> None:
    assert _status(prompt, response, answer) == status
