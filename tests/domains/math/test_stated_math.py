"""Issue 11, second pass: math said to be a value in prose is a claim, never a mention.

`Subtracting 3, the right side drops to x + 1` says what the right side comes to: a word of result or
equality (`is`, `drops to`, `becomes`, `gives`, `works out to`, `leaves`, `we get`, any `<verb>s to`) then
a piece of math with a variable, a radical, a function or digits glued to a letter (`x + 1`, `9x`, `√81`,
`log(100)`, `0x9`). The claim reader does not read it, so the line is unreadable and the candidate cannot
verify. Instructions, aims, labels and mentions of math (`isolate x`, `the coefficient of x`, `Let x be
the number`, `x + 1 is the expression we need`) stay prose.
"""

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.spoken import states_value
from assay.domains.math.trace import parse_trace
from assay.records import StepKind

LINEAR = ("Solve for x: 2x + 3 = 11", "4")


def _response(line: str) -> str:
    return f"2x + 3 = 11\n{line}\n2x = 8\nx = 4\nAnswer: 4"


def _status(line: str) -> str:
    prompt, gold = LINEAR
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": _response(line)}
    return str(check_trace_job(job)["status"])


# wrong lines: each states a value the reader does not check, in a different phrasing or notation
WRONG = [
    "Subtracting 3, the right side drops to x + 1",
    "Subtracting 3 from both sides, the right side drops to 9x",
    "After subtracting 3, the right-hand side drops to 0x9",
    "Taking away 3, the right side drops to √81",
    "Subtracting 3, the right side falls to √(49)",
    "Subtracting 3, the right side changes to ∛512",
    "Subtracting 3, everything on the right works out to x − 2",
    "The right side simplifies to 4y",
    "Subtracting 3, we're left with 3x on the left",
    "Adding 4, the left side becomes just x",
    "Adding 7 to both sides, the right side rises to 2y",
    "Adding 7, the right-hand side works out to $\\sqrt{100}$",
    "Subtracting 3, the right side is $\\sqrt{64} + 1$",
    "After subtracting 3 the right side drops to $\\frac{x}{2}$",
    "The right side is now \\(x+1\\)",
    "Subtracting 3, the right side equals log(100)",
    "So the right side is now x²",
    "so the right side is 2 sqrt 5",
    "Subtracting 3, we get x + 8",
    "Subtracting 3 leaves $x + 5$ on the right",
    "The right side goes down to 3^x",
    "Subtracting 3, the right side ends up with 2·x",
    "Subtracting 3, the right side is x",
    "Subtracting 3, the right side comes out to \\sqrt[3]{27}",
    "Subtracting 3, the right side: 0x9",
    "Subtracting 3 ⇒ right side x + 1",
    "Subtracting 3, the right side turns out to be x + 1",
    "Subtracting 3, the right side now stands at 9x",
    "Subtracting 3, so x + 1 on the right",
    "Subtracting 3, the right side drops to 3π",
    "Subtracting 3, the right side becomes |x|",
    "Subtracting 3, the right side drops to x₁",
    "Subtracting 3, the right side is now x plus one",
    "Subtracting 3, the right side goes to x + 1",
    "Subtracting 3, it tends to 9x",
]

# correct lines around the same words: instructions, aims, labels, mentions of math
RIGHT = [
    # (an operation on both sides is checked against the line after it, named_ops.py: `Divide both sides by
    # 2` right before `2x = 8` names the wrong one, test_reader_gaps.py)
    "Subtract 3 from both sides, then divide by 2 to isolate x.",
    "Subtract 3 from both sides to isolate x.",
    "Subtract 3 from both sides in order to get x by itself.",
    "We want to get x by itself.",
    "Let x be the number we are looking for.",
    "2x + 3 is the expression on the left.",
    "**Step 2:** Subtract 3 from both sides.",
    "The variable is x.",
    "We need to solve for x.",
    "First, isolate the term with x.",
    "Next, divide by the coefficient of x.",
    "Our goal is to isolate x.",
    "This is a linear equation in x.",
    "The x term is on the left.",
    "Next we get x on its own.",
    "Subtracting 3 from both sides gives 2x = 8.",
    "Then divide by 2.",
    "Move 3 to the right side.",
    "Let the number be x.",
    "Goal: isolate x.",
]


@pytest.mark.parametrize("line", WRONG)
def test_math_said_to_be_a_value_is_unreadable(line: str) -> None:
    steps = parse_trace(_response(line)).steps
    # (an arrow splits its line in two steps: one of them is the unreadable claim)
    assert any(step.kind == StepKind.UNREADABLE for step in steps), steps
    assert _status(line) != "verified"


@pytest.mark.parametrize("line", RIGHT)
def test_mentions_instructions_and_aims_still_verify(line: str) -> None:
    assert _status(line) == "verified"


# the rule on one clause: True when it states a value, whatever the verb
CLAUSES = [
    ("the right side drops to x + 1", True),
    ("it plummets to 9x", True),
    ("the total climbs to 0x9", True),
    ("the left side reads 2x", True),
    ("that gives us x - 1", True),
    ("the right side is x", True),
    ("the left side turns into x^(2)", True),
    ("the result is sqrt(81)", True),
    ("the variable is x", False),
    ("we get x alone", False),
    ("leaves x by itself", False),
    ("the expression is x^2 - 5x + 6", False),  # restating what is given
    ("Plug it into 2x + 3", False),
    ("apply the formula to x^2 - 5x + 6", False),
    ("x + 1 is the expression we need", False),
    ("isolate the x-term", False),
    ("the equation is a quadratic", False),
    ("the right side: 0x9", True),
    ("right side x + 1", True),
    ("so x + 1 on the right", True),
    ("the right side now stands at 9x", True),
    ("Factor: x^2 - 5x + 6", False),  # the task restated
    ("x on the left", False),
    ("Keep 2x on the left", False),
    ("Unknown: x", False),
    ("we are going to isolate x", False),
    ("the substitution into 2x + 3", False),
]


@pytest.mark.parametrize(("clause", "states"), CLAUSES)
def test_states_value_reads_math_after_a_word_of_result(clause: str, states: bool) -> None:
    assert states_value(clause) is states
