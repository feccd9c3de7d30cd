"""A line of a linear system's trace that names a move or an equation (system_names.py) is held to what
it names (system_named_moves.py), however it names it; a name the checker cannot resolve leaves the line
unknown."""

from __future__ import annotations

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.decide import Unknown
from assay.domains.math.system_names import named_equations, read_names

PAIR = "Solve the system: a + b = 9 and a - b = 3."  # a = 6, b = 3
PAIR_ANSWER = "a = 6, b = 3"
THREE_TWO = "Solve the system of equations: 4x + 3y = 18 and x - y = 1."  # x = 3, y = 2
THREE_TWO_ANSWER = "x = 3, y = 2"


def _status(prompt: str, answer: str, *lines: str) -> str:
    response = "\n".join(lines) + f"\nAnswer: {answer}"
    result = check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})
    return str(result["status"])


@pytest.mark.parametrize(
    "lines",
    [
        # symbols and row labels for the sum, the other way round from what the line gives
        ("(1) - (2): 2a = 12", "a = 6", "b = 3"),
        ("Eq1 minus Eq2: 2a = 12", "a = 6", "b = 3"),
        ("R1 − R2: 2a = 12", "a = 6", "b = 3"),
        ("$(2) - (1) \\Rightarrow 2a = 12$", "a = 6", "b = 3"),
        # the sum in nouns and in a paragraph
        ("Combining them by subtraction: 2a = 12, so a = 6.", "b = 9 - 6 = 3"),
        ("We take the difference of the two equations and obtain 2a = 12, hence a = 6. Then b = 3.",),
        # a variable said to be gone that is still there
        ("Eliminating b: 2b = 6", "b = 3", "a = 6"),
        ("Adding the equations removes a, and eliminating a leaves 2a = 12.", "a = 6", "b = 3"),
        # the wrong equation named as the source, by ordinal, numeral, place or as written out
        ("From the 1st equation, b = a - 3.", "a + (a - 3) = 9", "a = 6", "b = 3"),
        ("From equation II, b = 9 - a.", "a - (9 - a) = 3", "a = 6", "b = 3"),
        ("Using the lower equation: b = 9 - a.", "2a - 9 = 3", "a = 6", "b = 3"),
        ("Rearranging a + b = 9 gives a = b + 3.", "(b + 3) + b = 9", "b = 3", "a = 6"),
        ("Adding: 2a = 12, a = 6.", "Plugging a = 6 into the second equation: 6 + b = 9", "b = 3"),
        ("Adding: 2a = 12, a = 6.", "Put a = 6 into a - b = 3: 6 + b = 9", "b = 3"),
        # a label on a line that is the other equation
        ("a + b = 9   [equation 2]", "Adding: 2a = 12, a = 6", "b = 3"),
        # a combination in a label this reader does not resolve: never taken as read
        ("Eq. P + Eq. Q: 2a = 12", "a = 6", "b = 3"),
        ("I + II: 2b = 6", "b = 3", "a = 6"),
        ("[1] - [2]: 2a = 12", "a = 6", "b = 3"),
        # the same names in compatibility characters, and a move named both ways
        ("（1）－（2）: 2a = 12", "a = 6", "b = 3"),
        ("Adding the two equations, no, subtracting them: 2a = 12", "a = 6", "b = 3"),
        # a heading whose move the next line does not make
        ("## Subtract the second equation from the first.", "2a = 12", "a = 6", "b = 3"),
    ],
)
def test_a_move_named_otherwise_than_made_is_never_verified(lines: tuple[str, ...]) -> None:
    assert _status(PAIR, PAIR_ANSWER, *lines) != "verified"


@pytest.mark.parametrize(
    "lines",
    [
        ("(1) + (2): 2a = 12", "a = 6", "b = 3"),
        ("Eq1 minus Eq2: 2b = 6", "b = 3", "a = 6"),
        ("R1 + R2: 2a = 12", "a = 6", "b = 3"),
        ("$(1) + (2) \\Rightarrow 2a = 12$", "a = 6", "b = 3"),
        ("Combining them by addition: 2a = 12, so a = 6.", "b = 9 - 6 = 3"),
        ("We add the two equations and obtain 2a = 12, hence a = 6. Substituting into the first, b = 3.",),
        ("Eliminating b (add the equations): 2a = 12", "a = 6", "b = 3"),
        ("From the 2nd equation, b = a - 3.", "a + (a - 3) = 9", "a = 6", "b = 3"),
        ("From equation II, b = a - 3.", "a + (a - 3) = 9", "a = 6", "b = 3"),
        ("Using the upper equation: b = 9 - a.", "a - (9 - a) = 3", "a = 6", "b = 3"),
        ("Rearranging a - b = 3 gives a = b + 3.", "(b + 3) + b = 9", "b = 3", "a = 6"),
        ("Adding: 2a = 12, a = 6.", "Plugging a = 6 into the first equation: 6 + b = 9", "b = 3"),
        ("Adding: 2a = 12, a = 6.", "Put a = 6 into a - b = 3: 6 - b = 3", "b = 3"),
        ("Adding: 2a = 12, a = 6.", "Substituting into the first equation: b = 9 - 6", "b = 3"),
        ("a + b = 9   [equation 1]", "Adding: 2a = 12, a = 6", "b = 3"),
        ("## Add the two equations.", "2a = 12", "a = 6", "b = 3"),
        ("1. **Add the two equations**:", "2a = 12", "a = 6", "b = 3"),
        ("（1）＋（2）: 2a = 12", "a = 6", "b = 3"),
        ("Add the equations: 2a = 12.", "Back-substitute: b = 9 - 6 = 3", "a = 6"),
        ("Adding: 2a = 12, a = 6, b = 3.", "Check (2): 6 - 3 = 3 ✓"),
    ],
)
def test_a_move_named_as_made_verifies(lines: tuple[str, ...]) -> None:
    assert _status(PAIR, PAIR_ANSWER, *lines) == "verified"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        # scaling by a factor in words, by a verb, by a symbol
        (
            "Multiply the second equation by four: 3x - 3y = 3",
            "Multiply the second equation by three: 3x - 3y = 3",
        ),
        ("Doubling equation (2): 3x - 3y = 3", "Tripling equation (2): 3x - 3y = 3"),
        ("(2) × 2: 3x - 3y = 3", "(2) × 3: 3x - 3y = 3"),
        ("3·(2) - (1): 7x = 21", "3·(2) + (1): 7x = 21"),
    ],
)
def test_a_named_factor_is_the_factor_used(wrong: str, right: str) -> None:
    rest = ("x = 3", "y = 3 - 1 = 2")
    assert _status(THREE_TWO, THREE_TWO_ANSWER, wrong, *rest) != "verified"
    assert _status(THREE_TWO, THREE_TWO_ANSWER, right, *rest) == "verified"


EVEN = "Solve the system of equations: 4x - 4y = -8 and 5x + 3y = -26."  # x = -4, y = -2


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # an equation divided by a number is that equation scaled by its reciprocal
        ("Dividing the first equation by 4 gives x - y = -2.", True),
        ("Divide equation (1) by -4: -x + y = 2", True),
        ("Dividing the first equation by 2 gives x - y = -2.", False),
        ("Dividing the second equation by 4 gives x - y = -2.", False),
        ("Dividing the first equation by 0 gives x - y = -2.", False),
    ],
)
def test_an_equation_divided_by_a_number(line: str, verified: bool) -> None:
    rest = ("So x = y - 2.", "5(y - 2) + 3y = -26", "8y = -16", "y = -2", "x = -4")
    assert (_status(EVEN, "x = -4, y = -2", line, *rest) == "verified") is verified


@pytest.mark.parametrize(
    "check",
    [
        "Check (2): 6 + 3 = 9 ✓",  # that is the first equation
        "Check in the second equation: 6 + 3 = 9 ✓",
        "Substituting into equation 1 to check: 6 - 3 = 3 ✓",
        "Check (2'): 6 - 3 = 3 ✓",  # a derived equation the checker cannot resolve
    ],
)
def test_a_check_of_a_named_equation_must_be_that_equation(check: str) -> None:
    assert _status(PAIR, PAIR_ANSWER, "Adding: 2a = 12, a = 6, b = 3.", check) != "verified"


def test_names_are_read_and_unresolvable_ones_are_reported() -> None:
    assert read_names("Subtract the second from the first: 2y = 8", 2).moves
    assert [m[1] for m in read_names("(1) + 2·(2): 5y = 10", 2).moves] == ["terms"]
    assert named_equations("Verify eq. II: 6 - 4 = 2", 2) == [2]
    assert named_equations("Check the bottom equation: 6 - 4 = 2", 2) == [2]
    assert named_equations("-6x - (8) = -44", 2) is None  # arithmetic, not a name
    with pytest.raises(Unknown):
        named_equations("Check the other equation: 6 - 4 = 2", 2)
    with pytest.raises(Unknown):
        read_names("Since equation 2 tells us so, y = 4", 2)  # named, but in words no construction reads


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # the move named after the equation, set apart: a name, never a factor of the last term
        ("2a = 12   [(1) + (2)]", True),
        ("2a = 12  (1) + (2)", True),
        ("2a = 12 ← (1) + (2)", True),
        ("$$2a = 12 \\quad (1) + (2)$$", True),
        ("2b = 6   [(1) - (2)]", True),
        ("2b = 6   [(1) + (2)]", False),
        ("2a = 12  (1) - (2)", False),
        ("2a = 12 ← (2) - (1)", False),
        ("2a = 12   [(1) + 2(2)]", False),
        ("2a = 12   [1] + [2]", False),  # not a name this reader reads: the line is not read at all
    ],
)
def test_a_move_named_after_its_equation(line: str, verified: bool) -> None:
    rest = ("a = 6", "b = 3") if "a" in line.split("=")[0] else ("b = 3", "a = 6")
    assert (_status(PAIR, PAIR_ANSWER, line, *rest) == "verified") is verified


THREE = "Solve the system: x + y + z = 6, x - y + z = 2, x + y - z = 0."  # x = 1, y = 2, z = 3
THREE_ANSWER = "x = 1, y = 2, z = 3"


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # plural and paired names: the equations named, not whichever pair gives the line
        ("Adding equations 2 and 3: 2x = 2", True),
        ("Adding equations 1 and 2: 2x = 2", False),
        ("Eqs. 2 & 3 added: 2x = 2", True),
        ("Eqs. 1 & 2 added: 2x = 2", False),
        ("Adding the second and third equations: 2x = 2", True),
        ("Adding the first and second equations: 2x = 2", False),
        ("Add second and third: 2x = 2", True),
        ("Add first and second: 2x = 2", False),
        ("Adding the last two equations: 2x = 2", True),
        ("Adding the first two equations: 2x = 2", False),
        ("Adding the other two equations: 2x = 2", False),  # which two is not said
        ("Adding equations 1, 2 and 3: 2x = 2", False),
        ("Summing equations (2) and (3) gives 2x = 2", True),
        ("Summing equations (1) and (3) gives 2x = 2", False),
        # number words and marks
        ("Equation two plus equation three: 2x = 2", True),
        ("Equation one plus equation two: 2x = 2", False),
        ("Eq. #1 + Eq. #3: 2x = 2", False),
    ],
)
def test_plural_paired_and_number_word_names(line: str, verified: bool) -> None:
    rest = ("x = 1", "Subtracting equation 2 from equation 1: 2y = 4, y = 2", "z = 6 - 1 - 2 = 3")
    assert (_status(THREE, THREE_ANSWER, line, *rest) == "verified") is verified


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        ("Add all three equations: 3x + y + z = 8", True),
        ("Add all three equations: 3x + y + z = 6", False),
        ("Subtract all three equations: 3x + y + z = 8", False),
        ("(1) + (2) + (3): 3x + y + z = 8", True),
    ],
)
def test_all_three_added(line: str, verified: bool) -> None:
    rest = ("Subtract (2) from (1): 2y = 4, y = 2", "(2) + (3): 2x = 2, x = 1", "z = 3")
    assert (_status(THREE, THREE_ANSWER, line, *rest) == "verified") is verified


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        ("Substituting into equation one: 6 + b = 9", True),
        ("Substituting into equation two: 6 + b = 9", False),
        ("Plug into Eq. Two: 6 - b = 3", True),
        ("Plug into Eq. One: 6 - b = 3", False),
    ],
)
def test_equations_named_by_number_words(line: str, verified: bool) -> None:
    assert (_status(PAIR, PAIR_ANSWER, "Adding: 2a = 12, a = 6", line, "b = 3") == "verified") is verified


@pytest.mark.parametrize(
    ("line", "verified"),
    [
        # a variable said to be gone, in any verb, before or after it: the new equation must lack it
        ("Adding the equations gets rid of b: 2a = 12", True),
        ("Adding the equations gets rid of a: 2a = 12", False),
        ("Adding the equations removes b: 2a = 12", True),
        ("Adding the equations removes a: 2a = 12", False),
        ("Add them so that b cancels: 2a = 12", True),
        ("Add them so that a cancels: 2a = 12", False),
        ("Adding, the a terms drop out: 2a = 12", False),
        ("Adding, the b terms drop out: 2a = 12", True),
        ("Adding cancels out a: 2a = 12", False),
        ("Adding, a is eliminated: 2a = 12", False),
    ],
)
def test_a_variable_said_gone_in_other_verbs(line: str, verified: bool) -> None:
    assert (_status(PAIR, PAIR_ANSWER, line, "a = 6", "b = 3") == "verified") is verified


@pytest.mark.parametrize(
    ("lines", "verified"),
    [
        # more spellings of one equation; one the reader cannot place leaves the line unknown
        (("Adding eq's 1 and 2: 2a = 12", "a = 6", "b = 3"), True),
        (("Adding: 2a = 12, a = 6", "Using the equation numbered one: 6 + b = 9, b = 3"), True),
        (("Adding: 2a = 12, a = 6", "Using the equation numbered two: 6 + b = 9, b = 3"), False),
        (("Adding: 2a = 12, a = 6", "From equation no. 2, b = 9 - 6 = 3"), False),
        (("Adding: 2a = 12, a = 6", "From equation nr 5, b = 9 - 6 = 3"), False),
        (("The first minus the second: 2b = 6", "b = 3", "a = 6"), True),
        (("The second minus the first: 2b = 6", "b = 3", "a = 6"), True),  # a multiple of it
        (("The first plus the second: 2b = 6", "b = 3", "a = 6"), False),
        # working from a named equation with a value put in: that equation, written whole
        (("Adding: 2a = 12, a = 6", "Using the second one: 6 + b = 9, b = 3"), False),
        (("Adding: 2a = 12, a = 6", "Using the first one: 6 + b = 9, b = 3"), True),
        (("Adding: 2a = 12, a = 6", "From the second equation: 6 - b = 3, b = 3"), True),
        (("Adding: 2a = 12, a = 6", "From the second equation: b = 6 - 3 = 3"), True),
        (("From the second equation, a = b + 3.", "(b + 3) + b = 9", "b = 3", "a = 6"), True),
        # the variable left, said instead of the one removed
        (("Adding leaves only a: 2a = 12", "a = 6", "b = 3"), True),
        (("Adding leaves only b: 2a = 12", "a = 6", "b = 3"), False),
        (("Adding gives an equation in b alone: 2a = 12", "a = 6", "b = 3"), False),
        (("Adding zeroes out the a terms: 2a = 12", "a = 6", "b = 3"), False),
        (("Adding zeroes out the b terms: 2a = 12", "a = 6", "b = 3"), True),
        # circled numbers in a leading label
        (("① + ②: 2a = 12", "a = 6", "b = 3"), True),
        (("① − ②: 2a = 12", "a = 6", "b = 3"), False),
        (("② − ①: -2b = -6", "b = 3", "a = 6"), True),
    ],
)
def test_more_names_of_equations_and_moves(lines: tuple[str, ...], verified: bool) -> None:
    assert (_status(PAIR, PAIR_ANSWER, *lines) == "verified") is verified
