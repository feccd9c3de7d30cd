"""A line of a linear system's trace is one move from the equations before it (system_moves.py): true at
the solution is not enough, since a system with one solution implies every linear equation true there."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job

SYSTEM = "Solve the system: x + y = 10 and x - y = 2."
SYSTEM_2 = "Solve the system: 2x + 3y = 12 and x - y = 1."


def _lines(*lines: str) -> str:
    return "\n".join(lines)


def _verdict(prompt: str, response: str, answer: str) -> dict:
    if "Answer:" not in response:
        response += f"\nAnswer: {answer}"
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_open(result: dict) -> tuple[int, str] | None:
    steps = result["steps"]
    return next(
        ((s["index"], s["status"]) for s in steps if s["status"] not in ("verified", "no_claim")), None
    )


@pytest.mark.parametrize(
    ("prompt", "response", "answer"),
    [
        # elimination named and done
        (
            SYSTEM,
            _lines(
                "Adding the equations: 2x = 12, so x = 6.", "Substituting into the first: 6 + y = 10, y = 4."
            ),
            "x = 6, y = 4",
        ),
        (
            SYSTEM,
            _lines("Subtract the second equation from the first: 2y = 8", "y = 4", "x = 10 - 4 = 6"),
            "x = 6, y = 4",
        ),
        # substitution, with arrows
        (
            SYSTEM_2,
            _lines(
                "From the second equation, x = y + 1.",
                "2(y + 1) + 3y = 12 → 5y = 10 → y = 2",
                "x = 2 + 1 = 3",
            ),
            "x = 3, y = 2",
        ),
        # scaling named, then the combination
        (
            SYSTEM_2,
            _lines(
                "Multiply the second equation by 3: 3x - 3y = 3.",
                "Add to the first: 5x = 12 + 3 = 15, x = 3.",
                "Then y = x - 1 = 2.",
            ),
            "x = 3, y = 2",
        ),
        # a value put into a coefficient: 6 is 2·3, a product of numbers had
        (
            SYSTEM_2,
            _lines(
                "x = 3 (adding 3 times the second to the first gives 5x = 15)", "3y = 12 - 6 = 6", "y = 2"
            ),
            "x = 3, y = 2",
        ),
        # fractions
        (
            SYSTEM_2,
            _lines(
                "From the first equation, y = (12 - 2x)/3.",
                "x - (12 - 2x)/3 = 1, so 5x = 15, x = 3.",
                "y = (12 - 2·3)/3 = 2.",
            ),
            "x = 3, y = 2",
        ),
        # a difference that removes no variable, named
        (
            "Solve the system: 3x + y = 11 and x - y = 1.",
            _lines(
                "Adding the equations gives 4x = 12, so x = 3.",
                "Subtracting the second from the first gives 2x + 2y = 10, so y = 2.",
            ),
            "x = 3, y = 2",
        ),
        # an expression of the values found
        (
            "If x + y = 5 and x - y = 1, what is 2x + y?",
            _lines("2x = 6", "x = 3", "y = 2", "2x + y = 6 + 2 = 8", "Answer: 8"),
            "8",
        ),
    ],
)
def test_moves_a_reader_can_follow_verify(prompt: str, response: str, answer: str) -> None:
    result = _verdict(prompt, response, answer)
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    ("prompt", "response", "answer", "step"),
    [
        # true at the solution, but from neither equation
        (
            SYSTEM,
            _lines("From the first equation, y = 2x - 8.", "x - (2x - 8) = 2, so x = 6.", "y = 4"),
            "x = 6, y = 4",
            1,
        ),
        (
            SYSTEM,
            _lines("x + y = 10", "x - y = 2", "x = 3y - 6", "2y = 8, y = 4", "x = 6"),
            "x = 6, y = 4",
            3,
        ),
        # the named move is not what the line does
        (
            SYSTEM,
            _lines("Subtracting the second equation from the first: 2x = 12", "x = 6", "y = 4"),
            "x = 6, y = 4",
            1,
        ),
        (SYSTEM, _lines("Adding the two equations: 2y = 8, so y = 4.", "Then x = 6."), "x = 6, y = 4", 1),
        (SYSTEM, _lines("From the first equation, y = 4.", "Then x = 6."), "x = 6, y = 4", 1),
        (SYSTEM, _lines("From (1): x = y + 2.", "y + 2 + y = 10, y = 4.", "x = 6"), "x = 6, y = 4", 1),
        (
            "Solve the system: 3x + y = 11 and x - y = 1.",
            _lines("Multiplying the second equation by 3: 3x - y = 7.", "So 2y = 4, y = 2, and x = 3."),
            "x = 3, y = 2",
            1,
        ),
        # a computation the move did not make
        (
            SYSTEM_2,
            _lines(
                "Multiply the second equation by 3: 3x - 3y = 3.",
                "Add to the first: 5x = 18 - 3 = 15, so x = 3.",
                "Then y = 2.",
            ),
            "x = 3, y = 2",
            2,
        ),
        (
            SYSTEM_2,
            _lines("x = y + 1.", "2(y + 1) + 3y = 12", "5y = 17 - 7 = 10", "y = 2, x = 3"),
            "x = 3, y = 2",
            3,
        ),
    ],
)
def test_lines_that_do_not_follow_are_unknown(prompt: str, response: str, answer: str, step: int) -> None:
    result = _verdict(prompt, response, answer)
    assert result["status"] != "verified", result
    assert _first_open(result) == (step, "unknown"), result


def test_a_false_line_is_still_refuted() -> None:
    result = _verdict(SYSTEM, _lines("Adding the equations: 2x = 14", "x = 7", "y = 3"), "x = 6, y = 4")
    assert result["status"] == "refuted"
    assert _first_open(result) == (1, "refuted")


GENERATED = _lines(
    "Step 1: -2x + 6y = -48 [equation 1]",
    "Step 2: -6x - 2y = -24 [equation 2]",
    "Step 3: -6(-2x + 6y) = -6(-48) [multiply equation 1 by -6]",
    "Step 4: -2(-6x - 2y) = -2(-24) [multiply equation 2 by -2]",
    "Step 5: -40y = 240 [subtract the second from the first: x cancels]",
    "Step 6: y = 240/(-40) = -6 [divide by -40]",
    "Step 7: -2x + 6(-6) = -48 [put y into equation 1]",
    "Step 8: -2x = -48 + 36 = -12 [move the constant]",
    "Step 9: x = -12/(-2) = 6 [divide by -2]",
    "Therefore x = 6, y = -6.",
)
GENERATED_PROMPT = "Solve the system of equations: -2x + 6y = -48 and -6x - 2y = -24."


def test_the_generators_own_reasons_verify() -> None:
    assert _verdict(GENERATED_PROMPT, GENERATED, "x = 6, y = -6")["status"] == "verified"


@pytest.mark.parametrize(
    ("honest", "lie", "step"),
    [
        ("[equation 1]", "[equation 2]", 1),
        ("[multiply equation 1 by -6]", "[multiply equation 2 by -6]", 3),
        ("[subtract the second from the first: x cancels]", "[add the two equations: y cancels]", 5),
        ("[put y into equation 1]", "[put y into equation 2]", 7),
    ],
)
def test_a_reason_that_names_the_wrong_equation_or_move_is_unknown(honest: str, lie: str, step: int) -> None:
    assert honest in GENERATED
    result = _verdict(GENERATED_PROMPT, GENERATED.replace(honest, lie, 1), "x = 6, y = -6")
    assert result["status"] == "unknown", result
    assert _first_open(result) == (step, "unknown"), result


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        ("Multiplying the equations: x^2 - y^2 = 20", True),
        ("Multiplying the equations: (x + y)(x - y) = 20, i.e. x^2 - y^2 = 20.", True),
        ("(x + y)(x - y) = 10 · 2", True),
        ("Multiplying the equations: x^2 + y^2 = 52", False),  # true at (6, 4), but no product of them
        ("Adding the equations: x^2 - y^2 = 20", False),  # names another move
        ("Multiplying the first equation by 2: x^2 - y^2 = 20", False),
        ("Multiplying the equations: x^2 - y^2 = 20, so 2x = 12", False),
    ],
)
def test_two_equations_multiplied_side_by_side(line: str, verified: bool) -> None:
    response = _lines(line, "Adding them: 2x = 12", "x = 6, y = 4")
    assert (_verdict(SYSTEM, response, "x = 6, y = 4")["status"] == "verified") is verified


@pytest.mark.parametrize(
    ("lines", "verified"),
    [
        # a combination written out is simplified by the next equation, not replaced by another move
        (("x + y + x - y = 12", "2x = 12", "x = 6", "y = 4"), True),
        (("(x + y) + (x - y) = 10 + 2", "2x = 12", "x = 6, y = 4"), True),
        (("(x + y) + (x - y) = 10 + 2, so x = 6", "y = 4"), True),
        (("x + y + x - y = 12", "2y = 8", "y = 4", "x = 6"), False),
        (("(x + y) - (x - y) = 10 - 2", "2x = 12", "x = 6, y = 4"), False),
        (("(x + y) + (x - y) = 10 + 2, so 2y = 8", "y = 4, x = 6"), False),
        # the next line naming a move of its own is held to that move instead
        (("(x + y) - (x - y) = 10 - 2, so y = 4", "Adding the equations: 2x = 12", "x = 6"), True),
    ],
)
def test_a_written_combination_is_simplified_by_the_next_equation(
    lines: tuple[str, ...], verified: bool
) -> None:
    assert (_verdict(SYSTEM, _lines(*lines), "x = 6, y = 4")["status"] == "verified") is verified
