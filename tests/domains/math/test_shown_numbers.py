"""Arithmetic a line of a one-unknown trace shows computes with numbers the work has (shown_numbers.py),
and a chain said of the unknown in words is read with its subject (words.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.trace import parse_trace

CONSEQUENCE = "If 4x - 2 = 10, what is 2x + 7?"
SOLVE = "Solve for x: 4x - 2 = 10"
QUADRATIC = "Solve for x: x^2 - 7x + 12 = 0"


def _verdict(prompt: str, response: str, answer: str) -> dict:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_open(result: dict) -> tuple[int, str] | None:
    return next(
        ((s["index"], s["status"]) for s in result["steps"] if s["status"] not in ("verified", "no_claim")),
        None,
    )


# --- the reader: a chain said of a subject keeps its subject ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "math"),
    [
        ("So x is 12 - 10 = 2.", "x = 12 - 10 = 2"),
        ("So x equals 12 - 9 = 3.", "x = 12 - 9 = 3"),
        ("x must be 12/4 = 3", "x = 12/4 = 3"),
        ("x comes out to 12 - 9 = 3.", "x = 12 - 9 = 3"),
        ("x turns out to be 12 - 9 = 3.", "x = 12 - 9 = 3"),
        ("x is found to be 12 - 9 = 3.", "x = 12 - 9 = 3"),
        ("x ends up being 12 - 9 = 3", "x = 12 - 9 = 3"),
        ("x, which is 12 - 9 = 3", "x = 12 - 9 = 3"),
        ("4x is 10 + 3 = 13.", "4x = 10 + 3 = 13"),
        ("Then 2x + 7 equals 2(3) + 7 = 13.", "2x + 7 = 2(3) + 7 = 13"),
        # not a subject: a clause ended, a word, a number, a long aside
        ("We divide by -2, which gives x = 3.", "x = 3"),
        ("We factor the left side as (x - 2)(x + 5) = 0.", "(x - 2)(x + 5) = 0"),
        ("Subtract 2x from both sides to get 2x = 8.", "2x = 8"),
        # after a verb or a preposition the letter is an object
        ("Eliminating y gives 2y = 8, so y = 4.", "2y = 8; y = 4"),
        ("Solve for x, which gives 12/4 = 3", "12/4 = 3"),
    ],
)
def test_a_chain_said_of_a_subject_is_read_with_it(line: str, math: str) -> None:
    assert [s.math for s in parse_trace(line).steps] == [math]


def test_a_clause_that_names_its_own_move_is_a_step_of_its_own() -> None:
    # each move is held to the equation it makes (named_sentences.py)
    line = "Subtracting 2x from both sides gives x - 6 = 5, and adding 6 gives x = 11."
    assert [s.math for s in parse_trace(line).steps] == ["x - 6 = 5", "x = 11"]


# --- numbers from nowhere are unknown -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "first"),
    [
        # a solved line's arithmetic on 9, which no line wrote (the work is 12/4)
        (CONSEQUENCE, "4x - 2 = 10\nSo x is 12 - 9 = 3.\n2x + 7 = 13\nAnswer: 13", "13", (2, "unknown")),
        (
            CONSEQUENCE,
            "4x - 2 = 10\n4x = 12\nx = 3 (since 12 - 9 = 3)\n2x + 7 = 13\nAnswer: 13",
            "13",
            (3, "unknown"),
        ),
        (SOLVE, "4x - 2 = 10\nx turns out to be 12 - 9 = 3.\nAnswer: 3", "3", (2, "unknown")),
        (SOLVE, "4x - 2 = 10\nSo x = 3, because 15 - 12 = 3.\nAnswer: 3", "3", (2, "unknown")),
        (SOLVE, "4x - 2 = 10\n4x = 9 + 3 = 12\nx = 3\nAnswer: 3", "3", (2, "unknown")),
        # the value of the equation's other side, worked out on numbers no line has
        (
            CONSEQUENCE,
            "4x - 2 = 10\nx = 3\n2x + 7 = 13 (since 20 - 7 = 13)\nAnswer: 13",
            "13",
            (3, "unknown"),
        ),
        # arithmetic beside the equation that says nothing about it
        (
            CONSEQUENCE,
            "4x - 2 = 10\n4x = 12\nx = 3 (since 12 - 10 = 2)\n2x + 7 = 13\nAnswer: 13",
            "13",
            (3, "unknown"),
        ),
        # a line of arithmetic alone, then the value
        (
            CONSEQUENCE,
            "4x - 2 = 10\n4x = 12\n12 - 9 = 3\nx = 3\n2x + 7 = 13\nAnswer: 13",
            "13",
            (3, "unknown"),
        ),
        # the chain said of x in words is checked as x's value: false
        (CONSEQUENCE, "4x - 2 = 10\nSo x is 12 - 10 = 2.\n2x + 7 = 13\nAnswer: 13", "13", (2, "refuted")),
    ],
)
def test_arithmetic_on_numbers_no_line_has_is_not_verified(
    prompt: str, response: str, answer: str, first: tuple[int, str]
) -> None:
    result = _verdict(prompt, response, answer)
    assert result["status"] != "verified"
    assert _first_open(result) == first, result


@pytest.mark.parametrize(
    ("prompt", "response", "answer"),
    [
        (SOLVE, "4x - 2 = 10\n4x = 12\nx = 12/4 = 3\nAnswer: 3", "3"),
        (SOLVE, "4x - 2 = 10\nSo x is 12/4 = 3.\nAnswer: 3", "3"),
        (SOLVE, "4x - 2 = 10\n4x = 10 + 2 = 12\nx = 3 (since 4 × 3 = 12)\nAnswer: 3", "3"),
        (SOLVE, "4x - 2 = 10\n4x = 12\nx = 3, since 12 ÷ 4 = 3\nAnswer: 3", "3"),
        (CONSEQUENCE, "4x - 2 = 10\n4x = 12\nx = 3\n2x + 7 = 6 + 7 = 13\nAnswer: 13", "13"),
        (
            CONSEQUENCE,
            "From 4x - 2 = 10 we get 4x = 12, so x = 3. Then 2x + 7 = 6 + 7 = 13.\nAnswer: 13",
            "13",
        ),
        (CONSEQUENCE, "2x + 7 = (4x - 2)/2 + 8 = 10/2 + 8 = 13\nAnswer: 13", "13"),
        # a check on the line puts the root in (9 = 3·3, 21 = 3·7)
        (
            QUADRATIC,
            "(x - 3)(x - 4) = 0 so x = 3 or x = 4. Check 9 - 21 + 12 = 0.\nAnswer: x = 3 or x = 4",
            "3, 4",
        ),
        # numbers written as numbers are no arithmetic
        ("Solve for x: 7x - 4 = 3x - 14", "4x = -10\nx = -10/4\nx = -5/2\nAnswer: -5/2", "-5/2"),
        ("Solve for x: 4x = 9", "x = 9/4\nx = 2 1/4\nAnswer: 2 1/4", "9/4"),
        ("Solve for x: 2x + 5 = 13", "2x = 8\nAnswer: $x = 4 \\cdot 10^{0}$", "4"),
        ("Solve for x: 2x + 5 = 13", "2x = 8\nAnswer: $x = 3.\\dot{9}$", "4"),
        ("Solve for x: sqrt(x + 7) = 4", "(sqrt(x + 7))^2 = 4^2\nx + 7 = 16\nx = 9\nAnswer: 9", "9"),
        # the value said again after its working: no new working
        ("Solve for x: 2x + 5 = 13", "2x = 13 - 5 = 9 - 1\nx = 4\nAnswer: 4", "4"),
        # the discriminant's arithmetic uses the formula's 4: checked against the problem instead
        (
            "Solve for x: 2x^2 + 3x - 2 = 0",
            "a = 2, b = 3, c = -2\nb^2 - 4*a*c = 9 + 16 = 25\nx = (-3 ± 5)/4\nx = 1/2 or x = -2\n"
            "Answer: x = 1/2 or x = -2",
            "1/2, -2",
        ),
    ],
)
def test_arithmetic_the_work_explains_verifies(prompt: str, response: str, answer: str) -> None:
    result = _verdict(prompt, response, answer)
    assert result["status"] == "verified", result
