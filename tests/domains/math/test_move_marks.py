"""A move marked after an equation in parentheses (`2x = 8 (−5)`) is read as that move (move_marks.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.move_marks import with_move_mark


def _verdict(
    response: str, prompt: str = "Solve for x: 3x + 5 = 20", answer: str = "5"
) -> tuple[str, str | None]:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    verdict = check_trace_job(job)
    status = str(verdict["status"])
    # the step a refutation names leads its evidence (`step 2: ...`)
    return status, str(verdict["evidence"]).split(":")[0] if status == "refuted" else None


@pytest.mark.parametrize(
    ("body", "math", "words"),
    [
        ("2x = 8 (−5)", "2x = 8", "[subtract 5 from both sides]"),
        ("2x = 8 (-5)", "2x = 8", "[subtract 5 from both sides]"),
        ("x = 4 (÷2)", "x = 4", "[divide both sides by 2]"),
        ("x = 4 (/ 2)", "x = 4", "[divide both sides by 2]"),
        ("x = 12 (×3)", "x = 12", "[multiply both sides by 3]"),
        ("2x = 8 (+ 3x)", "2x = 8", "[add 3x to both sides]"),
        (r"2x = 8 \quad (\div 2)", "2x = 8", "[divide both sides by 2]"),
    ],
)
def test_a_mark_is_read_as_its_move(body: str, math: str, words: str) -> None:
    stripped, shown = with_move_mark(body, body)
    assert stripped == math
    assert shown.endswith(words)


@pytest.mark.parametrize(
    "body",
    [
        "4x = 26 - (-6)",  # a sign before it: a negative number subtracted
        "4x = 26 − (−6)",
        "2y = 3*(-2)",  # no space: a product
        "(-5)",  # no equation before it
        "2x = 8 (−5) + 1",  # not at the end of the line
        "2x = 8 (x − 5)",  # more than a sign and an operand
        "x = 3 (or 4)",
    ],
)
def test_other_parentheses_stay_math(body: str) -> None:
    assert with_move_mark(body, body) == (body, body)


def test_a_marked_trace_verifies() -> None:
    assert _verdict("3x + 5 = 20\n3x = 15 (−5)\nx = 5 (÷3)\nAnswer: 5") == ("verified", None)


@pytest.mark.parametrize(
    ("response", "step"),
    [
        ("3x + 5 = 20\n3x = 15 (+5)\nx = 5 (÷3)\nAnswer: 5", 2),  # the sign is not the move made
        ("3x + 5 = 20\n3x = 15 (−5)\nx = 5 (÷5)\nAnswer: 5", 3),  # the operand is not
        ("3x + 5 = 20\n3x = 15 (×5)\nx = 5\nAnswer: 5", 2),
    ],
)
def test_a_mark_that_is_not_the_move_is_refuted(response: str, step: int) -> None:
    assert _verdict(response) == ("refuted", f"step {step}")


def test_a_system_line_is_held_to_its_mark() -> None:
    prompt, answer = "Solve for x and y: x + y = 5 and x - y = 1", "x = 3, y = 2"
    good = "2x = 6\nx = 3 (÷2)\n3 + y = 5\ny = 2 (−3)\nAnswer: x = 3, y = 2"
    bad = "2x = 6\nx = 3 (÷3)\n3 + y = 5\ny = 2 (+3)\nAnswer: x = 3, y = 2"
    assert _verdict(good, prompt, answer)[0] == "verified"
    assert _verdict(bad, prompt, answer)[0] != "verified"


@pytest.mark.parametrize(
    "response",
    [
        "$3x = 15$ (−5)\n$x = 5$ (÷3)\nAnswer: 5",
        "\\(3x = 15\\) (−5)\n\\(x = 5\\) (÷3)\nAnswer: 5",
    ],
)
def test_a_mark_after_inline_math_is_its_move(response: str) -> None:
    assert _verdict(response) == ("verified", None)


@pytest.mark.parametrize(
    ("response", "step"),
    [
        ("$3x = 15$ (+5)\n$x = 5$ (÷3)\nAnswer: 5", 1),
        ("$3x = 15$ (−5)\n$x = 5$ (×3)\nAnswer: 5", 2),
        ("$3x = 15$ (−20)\n$x = 5$ (÷3)\nAnswer: 5", 1),
    ],
)
def test_a_wrong_mark_after_inline_math_is_refuted(response: str, step: int) -> None:
    assert _verdict(response) == ("refuted", f"step {step}")
