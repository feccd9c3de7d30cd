"""The words on an equation's line that name a move are held to the move the line makes (move_words.py)."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.move_words import label, move_words


def _status(response: str, prompt: str = "Solve for x: 2x + 5 = 13", answer: str = "4") -> str:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    return str(check_trace_job(job)["status"])


@pytest.mark.parametrize(
    "lead",
    [
        # moving a term across: the operand named is not the term moved
        "Transpose 2: 2x = 8",
        "Transposing the 2 gives 2x = 8",
        "**Transpose 2:** 2x = 8",
        "2x = 8 (transposing 2)",
        "2x = 8   [cancel the 2]",
        "Moving the 2 to the other side: 2x = 8",
        "Cancel the 2: 2x = 8",
        "Get rid of the 2: 2x = 8",
        "Next we transpose 2, so 2x = 8",
        # the label on the line above
        "Transpose 2:\n2x = 8",
        "## Transpose 2\n2x = 8",
        # spellings: unicode look-alikes, full-width digits
        "Trаnspose 2: 2x = 8",
        "Transpose ２: 2x = 8",
        # methods and rewritings the line does not make
        "Cross-multiplying: 2x = 8",
        "Cross-multiplying, 2x = 8",
        "Distributing: 2x = 8",
        "Expanding the brackets: 2x = 8",
        "Taking logs: 2x = 8",
        "Bring the 5 over and halve: 2x = 8",
        "Isolating x: 2x = 8",
        "Divide by 2: 2x = 8",
        # moves the checker does not know at all
        "Reciprocate: 2x = 8",
        "Differentiate: 2x = 8",
        "Swap the sides: 2x = 8",
        # written after the equation
        "2x = 8 ✓ (factored)",
        "2x = 8, by the quadratic formula",
        "2x = 8 ... expanding the brackets",
        "2x = 8 using the quadratic formula",
        "2x = 8, taking logs",
        "2x = 8 — cross-multiplied",
        "2x = 8 (sqrt both sides)",
        "2x = 8 (difference of squares)",
    ],
)
def test_a_move_the_line_does_not_make_is_not_verified(lead: str) -> None:
    # unknown (`Divide by 2:` is refuted: named_ops.py reads the operation on both sides)
    assert _status(lead + "\nx = 4\nAnswer: 4") in ("unknown", "refuted")


@pytest.mark.parametrize(
    "response",
    [
        "Transpose 5: 2x = 8\nx = 4",
        "Moving the 5 to the other side: 2x = 8\nDividing through by 2: x = 4",
        "Subtracting 5 and dividing by 2: x = 4",
        "Bring the 5 over: 2x = 8\nHalve: x = 4",
        "Isolate the x term: 2x = 8\nIsolate x: x = 4",
        "Simplify: 2x = 8\nx = 4",
        "First, 13 minus 5 is 8, so 2x = 8. Then 8 divided by 2 is 4, so x = 4.",
        "Our goal is to isolate x.\n2x = 8\nx = 4",
    ],
)
def test_a_move_the_line_makes_verifies(response: str) -> None:
    assert _status(response + "\nAnswer: 4") == "verified"


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "status"),
    [
        ("Solve for x: (x + 2)/3 = 4", "10", "Cross-multiplying: x + 2 = 12\nx = 10", "verified"),
        ("Solve for x: 3(x - 2) = 9", "5", "Expand: 3x - 6 = 9\nAdd 6: 3x = 15\nx = 5", "verified"),
        ("Solve for x: 3(x - 2) = 9", "5", "Expand: 3x - 6 + 3 = 12\nx = 5", "unknown"),
        ("Solve for x: sqrt(x + 3) = 4", "13", "Squaring: x + 3 = 16\nx = 13", "verified"),
        ("Solve for x: sqrt(x + 3) = 2", "1", "Taking logs: x + 3 = 4\nx = 1", "unknown"),
    ],
)
def test_moves_of_other_equations(prompt: str, answer: str, response: str, status: str) -> None:
    assert _status(response + f"\nAnswer: {answer}", prompt, answer) == status


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Transpose 2 gives 2x = 8", ["transpose"]),
        ("Okay. Transpose 2 ⇒ 2x + 5 = 8", ["transpose"]),
        ("x = 3 [divide by -2]", ["divide", "divide"]),
        ("2x = 8, by the quadratic formula", []),  # harmless words alone: the formula is added as a method
        ("2x = 8 ... expanding the brackets", ["expanding", "brackets"]),
        ("2x = 8, and next we can divide by 2.", []),  # a plan for the lines to come
        ("To solve x^2 + 13x + 42 = 0, we factor the quadratic.", []),  # a goal, then the method to come
        ("So x^2 + 13x + 42 = 0, we factor the quadratic.", ["factor"]),
        ("So (x - 2)(x - 3) = 0", []),
        ("x^2 - πx = 0", []),
    ],
)
def test_label_holds_the_words_that_name_the_move(line: str, words: list[str]) -> None:
    assert move_words(label(line), frozenset("x")) == words


def test_harmless_words_and_variables_are_not_move_words() -> None:
    assert move_words("So the answer is xy, we check it", frozenset("xy")) == []
    assert move_words("Restamos 5", frozenset("x")) == ["restamos"]


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (
            "Solve for x: x^2 - 4x + 1 = 0",
            "2 - sqrt(3), 2 + sqrt(3)",
            "Completing the square: x² − 4x + 4 = 3, so (x − 2)² = 3.\nTaking square roots: x − 2 = ±√3.\n"
            "So x = 2 ± √3.",
        ),
        (
            "Solve for x: x^2 - 12x + 36 = 0",
            "6",
            "(x - 6)^2 = 0 [factor]\nx - 6 = 0 [a square is zero only when its base is]\nx = 6",
        ),
        ("Solve for x: x^2 = πx", "0, π", "x^2 - πx = 0\nx(x - π) = 0\nx = 0 or x = π"),
        # a form names what the line is written as, no move (the factoring is held to the product)
        (
            "Solve for x: x^2 - 5x + 4 = 0",
            "1, 4",
            "Write the factored form: (x - 1)(x - 4) = 0\nSo x = 1 or x = 4.",
        ),
    ],
)
def test_nouns_and_constants_are_no_move_words(prompt: str, answer: str, response: str) -> None:
    job = {"prompt": prompt, "reference": {"answer": answer}, "response": response}
    steps = check_trace_job(job)["steps"]
    assert all(s["status"] == "verified" for s in steps[:-1]), steps


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # the operand of a named operation closed by the reason's parenthesis is read (`5)` is 5)
        ("3x = 15 (adding 5)", False),
        ("3x = 15 (add 5)", False),
        ("3x = 15 (subtracting 5)", True),
        ("3x = 15 (adding -5)", True),
        # an operand the checker does not read is no licence for any operand
        ("3x = 15 (adding five)", False),
        ("3x = 15 (subtracting five)", False),
    ],
)
def test_a_named_operation_in_parentheses_is_held_to_its_operand(line: str, verified: bool) -> None:
    status = _status(f"3x + 5 = 20\n{line}\nx = 5", "Solve for x: 3x + 5 = 20", "5")
    assert (status == "verified") is verified
