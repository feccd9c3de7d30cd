"""Properties of the solution set said in words (`Both roots are positive.`, `there are no real roots`,
`There is exactly one solution.`) and the value one said after a verb of result (`evaluates to one`) are
claims the checker cannot read: their step is unknown, so the trace never verifies. Harmless prose that
shares their words (`one step at a time`, `double-check`, `check both solutions`) still verifies."""

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.spoken import says_one, states_property, states_value

QUADRATIC = ("Solve for x: x^2 - 5x + 6 = 0", "x = 2, x = 3")
LINEAR = ("Solve for x: 2x + 5 = 13", "4")


def _status(problem: tuple[str, str], response: str) -> str:
    prompt, gold = problem
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    return str(check_trace_job(job)["status"])


def _around_quadratic(line: str) -> str:
    return f"(x - 2)(x - 3) = 0\n{line}\nx = 2 or x = 3\nAnswer: x = 2, x = 3"


def _around_linear(line: str) -> str:
    return f"2x = 8\n{line}\nx = 4\nAnswer: 4"


# wrong statements about the solution set: every one is false for x^2 - 5x + 6 = 0 (roots 2 and 3)
WRONG_QUADRATIC = [
    "Both roots are negative.",
    "There are no real roots.",
    "The discriminant is negative, so the roots are complex.",
    "There is exactly one solution.",
    "The equation has infinitely many solutions.",
    "The roots are irrational.",
    "It has a double root.",
    "The two roots are equal.",
    "The roots have opposite signs.",
    "The solutions are not integers.",
    "There is a unique solution.",
    "Neither root is real.",
    "There is no solution.",
    "The roots are imaginary.",
    "The roots are both odd.",
    "There are three solutions.",
    "This quadratic has 3 real roots.",
    "One root is negative.",
    "The roots are non-real.",
    "The solutions are whole numbers bigger than a hundred",
    "The equation has a single solution.",
    "The roots are distinct primes.",
    "Both roots exceed ten.",
    "All solutions are even.",
    "Both roots are above zero.",
    "The roots are fractional.",
    "The roots are conjugates.",
    "There isn't any solution.",
    "No x satisfies the equation.",
    "They have the same parity.",
    "The roots have different signs.",
    "It has a root of multiplicity two.",
    "The solutions coincide.",
    "There are two solutions: x = 2.",
    "The three roots are 2 and 3.",
    "There is one solution: x = 2 and x = 3.",
    "There are two solutions, x = 2.",
    "The product of the roots evaluates to one.",
    "So the discriminant equals one.",
    "x = 2 or x = 3 (both negative)",
    # the words hidden from a word list: a soft hyphen, a zero-width space, a Cyrillic o, fullwidth letters
    "Both roots are pos\u00aditive.",
    "Both roots are pos\u200bitive.",
    "Both roots are p\u043esitive.",
    "Both roots are \uff4e\uff45\uff47\uff41\uff54\uff49\uff56\uff45.",
    "Both roots are **NEGATIVE**",
]

WRONG_LINEAR = [
    "The solution is negative.",
    "The solution is not an integer.",
    "x is odd.",
    "It evaluates to one.",
    "The answer is positive.",
    "x must be greater than 5.",
    "The solution is between 5 and 6.",
    "So there is exactly one solution, x = 5.",
    "The equation is never satisfied.",
    "x can be anything.",
    "Every x works.",
    "The equation is inconsistent.",
]


@pytest.mark.parametrize("line", WRONG_QUADRATIC)
def test_property_of_roots_is_unknown(line: str) -> None:
    assert _status(QUADRATIC, _around_quadratic(line)) != "verified"


@pytest.mark.parametrize("line", WRONG_LINEAR)
def test_property_of_solution_is_unknown(line: str) -> None:
    assert _status(LINEAR, _around_linear(line)) != "verified"


# harmless prose with the same words: an instruction, a pronoun, a count that lists its values
HARMLESS_QUADRATIC = [
    "Let's check each one.",
    "Let me double-check.",
    "Let's work through this one step at a time.",
    "Now check both solutions:",
    "Let's plug the two values back in:",
    "Combine into a single fraction:",
    "Set each factor equal to zero:",
    "Take square roots:",
    "Use the least common denominator:",
    "There are two solutions: x = 2 and x = 3.",
    "There are two solutions, x = 2 and x = 3.",
    "The two roots are 2 and 3.",
    "Move all x terms to the left.",
    "Distribute the negative sign:",
    "This is one way to do it.",
    "One of the roots is what we want.",
    "Both roots are valid.",
    "Both solutions are valid solutions.",
]


@pytest.mark.parametrize("line", HARMLESS_QUADRATIC)
def test_harmless_words_still_verify(line: str) -> None:
    assert _status(QUADRATIC, _around_quadratic(line)) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        "2x = 8\nThis equation has one solution: x = 4.\nAnswer: 4",
        "Sure! Let's solve this one together.\n2x + 5 = 13\n2x = 8\nx = 4\nAnswer: 4",
        "**Step 1:** Subtract 5 from both sides.\n\n$2x = 8$\n\n**Step 2:** Let me double-check, then divide."
        "\n\n$x = 4$\n\n**Answer:** 4",
    ],
)
def test_harmless_linear_traces_verify(response: str) -> None:
    assert _status(LINEAR, response) == "verified"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Both roots are positive.", True),
        ("there are no real roots", True),
        ("There is exactly one solution.", True),
        ("The solution is negative.", True),
        ("the roots are the same", True),
        ("There are two solutions: 2 and 3", False),
        ("There are two solutions: 2", True),
        ("Let's check the two roots", False),
        ("One root is x = 2", False),
        ("there is one root, x = 2", False),  # the count agrees with its list; `x = 2` is read as a claim
        ("there is one root, x = 2 and x = 3", True),
        ("Let me double-check the signs", False),
        ("Subtract 5 from both sides", False),
        ("Both roots are valid.", False),  # the values found said to hold: the answer's check decides it
        ("Both roots are valid since x > 0.", True),
        ("Only x = 2 is valid.", True),
    ],
)
def test_states_property(text: str, said: bool) -> None:
    assert states_property(text) is said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("It evaluates to one.", True),
        ("The quotient comes to just one", True),
        ("so we get one", True),
        ("one of the roots", False),
        ("Let's check each one.", False),
        ("This is one way to do it.", False),
        ("one step at a time", False),
    ],
)
def test_one_after_a_verb_of_result(text: str, said: bool) -> None:
    assert says_one(text) is said
    assert states_value(text) is said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # the purpose of an instruction names the term it removes: as big as the operand, no value stated
        ("Add 7 to both sides of the equation to eliminate the -7 on the left side:", False),
        ("Add 7 to both sides to cancel the -7.", False),
        ("Subtract 5 from both sides to remove the +5 on the left", False),
        # another number there, or a result after it, is a value said in words
        ("Add 7 to both sides to eliminate the -8:", True),
        ("Add 7 to both sides to get 25:", True),
        ("Add 7 to both sides to eliminate the -7 and get 25:", True),
        # the aim said first, without a value, then the instruction
        ("Isolate the term with x by subtracting 4 from both sides of the equation:", False),
        ("Isolate x by subtracting 4 from both sides to get 15:", True),
    ],
)
def test_the_term_an_instruction_removes(text: str, said: bool) -> None:
    assert states_value(text) is said
