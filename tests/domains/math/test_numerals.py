"""Red team 5 (issue 11): values written in ways the reader does not read, and the tails, bindings and
retractions around them.

1. A numeral glued to a word, a colon or another script (`is9`, `答案：5`, `Antwort:5`), another script's
   numeral (`五`, `①`) or a Roman numeral (`IX`, `Ⅸ`, `ix`) makes its line unreadable, never prose.
2. `$\\boxed{4}!$` is 4!, never 4.
3. A check line's binding (`Verify with x = 5: 2(4) + 5 = 13`) says where the check is matched.
4. A retraction that opens a line and restates a piece of the previous step takes that step back.
Correct styles beside them verify: `10{,}000`, `Multiply the first two`, `33 - 9 is 24, yes`, GSM8K's
`<<42-9=33>>33` notes.
"""

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.numerals import roman_numeral, unread_numeral
from assay.domains.math.trace import parse_trace
from assay.records import StepKind

LINEAR = ("Solve for x: 2x + 5 = 13", "4")
QUADRATIC = ("Solve for x: x^2 - 5x + 6 = 0", "2, 3")
SYSTEM = ("Solve the system: x + y = 8, x - y = 2", "(5, 3)")
PRODUCT = ("Compute 125 × 8 × 10.", "10000")
MARBLES = (
    "Sam has 3 bags with 14 marbles each. He loses 9 marbles. How many marbles does he have now?",
    "33",
)


def _status(problem: tuple[str, str], response: str) -> str:
    prompt, gold = problem
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    return str(check_trace_job(job)["status"])


# -- the decision table for Roman numerals --------------------------------------------------------------

ROMAN = [
    ("IX", True),
    ("XIII", True),
    ("XL", True),
    ("MCM", True),
    ("ix", True),
    ("xiv", True),
    ("vi", True),
    ("xl", True),
    ("xc", True),
    ("I", False),  # the pronoun
    ("V", False),  # one letter: a variable
    ("x", False),
    ("i", False),
    ("mix", False),  # words and units with d or m
    ("cm", False),
    ("mm", False),
    ("mi", False),
    ("di", False),
    ("cd", False),
    ("cc", False),  # words and units of Roman form listed by name
    ("li", False),
    ("Mix", False),  # mixed case: a word starting a sentence
    ("Vi", False),
    ("IIII", False),  # not canonical
    ("VX", False),
    ("did", False),
    ("civil", False),
    ("viz", False),
]


@pytest.mark.parametrize(("token", "numeral"), ROMAN)
def test_roman_numeral_table(token: str, numeral: bool) -> None:
    assert roman_numeral(token) is numeral


UNREAD = [
    ("the right side is9", True),
    ("right side after subtracting:9", True),
    ("result:5", True),
    ("Antwort:5", True),
    ("答案:5", True),
    ("最终结果是5", True),
    ("两边同时减去5，得到9", True),
    ("答案是五", True),  # a CJK numeral
    ("the value is ①", True),
    ("the right side comes to IX", True),
    ("XIII minus V, that is IX", True),
    ("the right side drops to ix", True),
    ("the right side is (ix)", True),  # after a verb of result, parentheses hold a value
    ("add 2x to both sides", False),
    ("I will mix the terms", False),
    ("Case II: x is negative", False),  # labels name parts
    ("Combining (i) and (ii)", False),
    ("from equation (ii)", False),
    ("(iv) the last case", False),
    ("draw side CD", False),
    ("the right side IX", True),  # a point pair has a letter IX has not
    ("the right side ix", True),
    ("the right side xl", True),
    ("the 2nd equation", False),
    ("the length in cm", False),
    ("x^2 - 5x + 6", False),
    ("so x is |-4|", False),
]


@pytest.mark.parametrize(("text", "unread"), UNREAD)
def test_unread_numerals(text: str, unread: bool) -> None:
    assert unread_numeral(text) is unread


# -- 1 and 2: wrong values written in numerals nobody reads: never verified ---------------------------

GLUED_LINES = [
    "答案：5",
    "答え：5",
    "**答案**：5",
    "最终结果是５",
    "Antwort:5",
    "Respuesta:5",
    "result:5",
    "Résultat :5",
    "Ответ:5",
    "答案：五",
    "the answer is IX",
    "the right side is9",
    "x equals٥",
]


@pytest.mark.parametrize("line", GLUED_LINES)
def test_a_numeral_glued_or_foreign_after_the_work_is_never_verified(line: str) -> None:
    assert _status(LINEAR, f"2x + 5 = 13\n2x = 8\nx = 4\n\n{line}") != "verified"


WRONG_STEPS = [
    "subtracting 5, the right side is9",
    "right side after subtracting:9",
    "两边同时减去5，得到9",
    "Subtracting five, the right side comes to Ⅸ.",
    "Subtracting five, the right side comes to IX.",
    "The right side is now XIII minus V, that is IX.",
    "the right side drops to ix.",
    "the right-hand side is now ⅸ",
    "the right side becomes (ix)",
    "the right side is now XL minus XXXI",
    "the right side is ⑨",
    "the right side is 9th",  # an ordinal glued where a value stands is no label
]


@pytest.mark.parametrize("step", WRONG_STEPS)
def test_a_wrong_step_in_numerals_nobody_reads_is_unknown(step: str) -> None:
    steps = parse_trace(f"2x + 5 = 13\n{step}\nx = 4\nAnswer: 4").steps
    assert steps[1].kind == StepKind.UNREADABLE
    assert _status(LINEAR, f"2x + 5 = 13\n{step}\nx = 4\nAnswer: 4") == "unknown"


FACTORIAL_TAILS = [
    "$\\boxed{4}!$",
    "\\[\\boxed{4}!\\]",
    "$\\boxed{4} !$",
    "$\\boxed{4}\\,!$",
    "\\boxed{4}!",
    "$x = \\boxed{4}!$",
    "$\\boxed{x = 4}!$",
    "$\\boxed{4}'$",
    "$\\boxed{4}^\\circ$",
    "$\\boxed{4}\\%$",
    "$\\boxed{4}^2$",
    "$\\boxed{4}_{10}$",
]


@pytest.mark.parametrize("tail", FACTORIAL_TAILS)
def test_a_postfix_after_a_box_in_math_is_never_the_boxed_value(tail: str) -> None:
    assert _status(LINEAR, f"2x + 5 = 13\n2x = 8\nx = 4\n{tail}") != "verified"


@pytest.mark.parametrize(
    "tail",
    ["$\\boxed{4}$!", "The answer is $\\boxed{4}$!", "$\\boxed{4}.$", "Final answer: $\\boxed{4}$. Done!"],
)
def test_an_exclamation_after_the_math_ends_a_sentence(tail: str) -> None:
    assert _status(LINEAR, f"2x + 5 = 13\n2x = 8\nx = 4\n{tail}") == "verified"


# -- 3: a check's binding ties its arithmetic ---------------------------------------------------------

CHECKS = [
    (LINEAR, "2x = 8\nx = 4\nCheck x = 4: 2(4) + 5 = 13 ✓", "verified"),
    (LINEAR, "2x = 8\nx = 4\nPlugging in x = 4: 2(4) + 5 = 8 + 5 = 13 ✓", "verified"),
    (LINEAR, "2x = 8\nx = 4\nPlugging in x = 5: 2(4) + 5 = 13 ✓", "refuted"),
    (LINEAR, "2x = 8\nVerify with x = 5: 2(4) + 5 = 13 ✓\nAnswer: 4", "refuted"),
    (LINEAR, "2x = 8\nx = 4\nVerify: 2(4) + 5 = 13, so x = 5 works ✓", "refuted"),
    (LINEAR, "2x = 8\nx = 4\nCheck: with y = 4, 2(4) + 5 = 13 ✓", "unknown"),
    (
        QUADRATIC,
        "(x - 2)(x - 3) = 0\nx = 2 or x = 3\nCheck x = 2: 2^2 - 5(2) + 6 = 0 ✓\n"
        "Check x = 3: 3^2 - 5(3) + 6 = 0 ✓\nAnswer: x = 2, 3",
        "verified",
    ),
    # both are roots, but the line substitutes the other one
    (
        QUADRATIC,
        "(x - 2)(x - 3) = 0\nx = 2 or x = 3\nCheck x = 2: 3^2 - 5(3) + 6 = 0 ✓\nAnswer: x = 2, 3",
        "unknown",
    ),
    (
        QUADRATIC,
        "(x - 2)(x - 3) = 0\nx = 2 or x = 3\nCheck x = 7: 3^2 - 5(3) + 6 = 0 ✓\nAnswer: x = 2, 3",
        "refuted",
    ),
    (
        SYSTEM,
        "2x = 10\nx = 5\ny = 3\nCheck with x = 5, y = 3: 5 + 3 = 8 ✓ and 5 - 3 = 2 ✓\nAnswer: (5, 3)",
        "verified",
    ),
    (
        SYSTEM,
        "2x = 10\nx = 5\ny = 3\nCheck with x = 3, y = 5: 5 + 3 = 8 ✓ and 5 - 3 = 2 ✓\nAnswer: (5, 3)",
        "refuted",
    ),
]


@pytest.mark.parametrize(("problem", "response", "status"), CHECKS)
def test_a_check_is_matched_at_the_value_it_binds(
    problem: tuple[str, str], response: str, status: str
) -> None:
    assert _status(problem, response) == status


# -- 4 and the correct styles -------------------------------------------------------------------------

CORRECT = [
    (
        PRODUCT,
        "## Step 1: Multiply the first two\n$125 \\times 8 = 1000$\n\n## Step 2: Then by 10\n"
        "$1000 \\times 10 = 10{,}000$\n\nThe final answer is: $\\boxed{10,000}$",
    ),
    (
        PRODUCT,
        "### Step 1: Multiply the first two\n\n$$\n125 \\times 8 = 1000\n$$\n\n### Step 2: Then by 10\n\n"
        "$$\n1000 \\times 10 = 10{,}000\n$$\n\n### ✅ Final Answer:\n\n$$\n\\boxed{10{,}000}\n$$",
    ),
    (
        PRODUCT,
        "1. 125 × 8 = 1000   (multiply the first two)\n2. 1000 × 10 = 10,000   (then by 10)\n\n"
        "Final answer: 10,000",
    ),
    (
        PRODUCT,
        "Thus, $125 \\times 8 = 1000$ and $1000 \\times 10 = 10{,}000$.\n\nThe answer is \\( 10{,}000 \\).",
    ),
    (
        ("Solve for x: 4x + 9 = 33", "6"),
        "<think>\nSubtract 9: 4x = 24. Hmm, wait, 33 - 9 is 24, yes. "
        "So x = 24/4 = 6.\n</think>\nSubtracting 9 from both sides gives $4x = 24$, so $x = 6$.\n\n"
        "**Answer:** 6",
    ),
    (
        ("Solve for x: 4x + 9 = 33", "6"),
        "4x = 33 - 9 = 42\nOops, that's a mistake: 33 - 9 = 24, so 4x = 24.\n"
        "x = 6\n\nThe answer is $\\boxed{6}$.",
    ),
    (LINEAR, "x = 5\nWait, that's wrong: x = 8/2 = 4\nAnswer: 4"),
    # the retraction on a line of its own, the correction on the next
    (
        ("Solve for x: 3x + 4 = 19", "5"),
        "3x + 4 = 19\n3x = 23\n\nWait, that's wrong — I should subtract 4, not add it. Let me redo this.\n\n"
        "3x = 19 - 4 = 15\nx = 15/3 = 5\n\nFinal answer: x = 5",
    ),
    (
        MARBLES,
        "Sam starts with 3 * 14 = <<3*14=42>>42 marbles.\nHe has 42 - 9 = <<42-9=33>>33 marbles.\n#### 33",
    ),
    (MARBLES, "Sam starts with <<3*14=42>>42 marbles.\nHe has <<42-9=33>>33 marbles.\n#### 33"),
]


@pytest.mark.parametrize(("problem", "response"), CORRECT)
def test_correct_styles_verify(problem: tuple[str, str], response: str) -> None:
    assert _status(problem, response) == "verified"


WRONG = [
    # a retraction that restates nothing of the step before retracts nothing
    (
        ("Solve for x: 4x + 9 = 33", "6"),
        "4x = 33 - 9 = 42\nOops, that's a mistake.\n4x = 24\nx = 6\nAnswer: 6",
    ),
    (
        ("Solve for x: 4x + 9 = 33", "6"),
        "4x = 33 - 9 = 42\nOops, that's a mistake: 4x + 9 = 33\n4x = 24\nx = 6\nAnswer: 6",
    ),
    # a retraction on its own line: the next line must restate what it corrects, right after the step
    (("Solve for x: 3x + 4 = 19", "5"), "3x = 23\nWait, that's wrong. Let me redo this.\nx = 5\nAnswer: 5"),
    (("Solve for x: 3x + 4 = 19", "5"), "3x = 23\nWait, that's wrong.\n3x = 19 - 4 = 16\nx = 5\nAnswer: 5"),
    (("Solve for x: 3x + 4 = 19", "5"), "3x = 23\nHmm.\n3x = 19 - 4 = 15\nx = 5\nAnswer: 5"),
    (
        ("Solve for x: 3x + 4 = 19", "5"),
        "3x = 23\nx = 23/3\nWait, that's wrong.\n3x = 19 - 4 = 15\nx = 5\nAnswer: 5",
    ),
    (
        ("Solve for x: 3x + 4 = 19", "5"),
        "3x = 23\nWait, that's wrong, x is 7.\n3x = 19 - 4 = 15\nx = 5\nAnswer: 5",
    ),
    # only the line right before is taken back
    (LINEAR, "2x = 9\nx = 5\nOops, mistake: 2x = 8\nx = 4\nAnswer: 4"),
    (
        ("Solve for x: 4x + 9 = 33", "6"),
        "Subtract 9: 4x = 24. Hmm, wait, 33 - 9 is 25, yes. So x = 6.\nAnswer: 6",
    ),
    (MARBLES, "Sam starts with <<3*14=42>>41 marbles.\nHe has <<42-9=33>>33 marbles.\n#### 33"),
    (
        MARBLES,
        "Sam starts with 3 * 14 = <<3*14=42>>42 marbles.\nHe has 42 - 9 = <<42-9=34>>33 marbles.\n#### 33",
    ),
    (PRODUCT, "125 × 8 = 1000\n1000 × 10 = 10{,}001\nAnswer: 10,000"),
]


@pytest.mark.parametrize(("problem", "response"), WRONG)
def test_wrong_traces_around_the_new_styles_are_not_verified(problem: tuple[str, str], response: str) -> None:
    assert _status(problem, response) != "verified"


MORE_WRONG = [
    # arithmetic on numbers right after a word of result is a value
    (LINEAR, "2x + 5 = 13\nafter subtracting, the right side drops to 13 - 4\nx = 4\nAnswer: 4"),
    (LINEAR, "2x + 5 = 13\nthe right side works out to 3^2\nx = 4\nAnswer: 4"),
    (LINEAR, "2x + 5 = 13\nthe right side comes to ⁹\nx = 4\nAnswer: 4"),
    (LINEAR, "2x + 5 = 13\nthe right side comes to ₉\nx = 4\nAnswer: 4"),
    # a Roman label is no label when a relation follows it, and `(x)` is the variable
    (SYSTEM, "(i) x + y = 8\n(ii) x - y = 2\n2x = 10\nx = 5\n(ii) = 9\ny = 3\nAnswer: (5, 3)"),
    (SYSTEM, "(i) x + y = 8\n(ii) x - y = 2\n2x = 10\n(x) = 6\ny = 3\nAnswer: (5, 3)"),
    # a pair of numbers in brackets is never read as thousands
    (PRODUCT, "125 × 8 = 1000\n1000 × 10 = 10000\nAnswer: (10,000)"),
]


@pytest.mark.parametrize(("problem", "response"), MORE_WRONG)
def test_more_wrong_traces_are_not_verified(problem: tuple[str, str], response: str) -> None:
    assert _status(problem, response) != "verified"


MORE_CORRECT = [
    (
        SYSTEM,
        "Part I: eliminate y.\n(i) x + y = 8\n(ii) x - y = 2\nAdding the two equations: 2x = 10\nx = 5\n"
        "Part II: back-substitute.\ny = 8 - 5 = 3\nAnswer: (5, 3)",
    ),
    (PRODUCT, "125 × 8 = 1000\n1000 × 10 = 10000\n\n$\\boxed{10,000}$"),
    (
        ("Compute 2/3 + 1/4.", "11/12"),
        "I need to handle 2/3 + 1/4.\n2/3 + 1/4 = 8/12 + 3/12 = 11/12\nAnswer: 11/12",
    ),
]


@pytest.mark.parametrize(("problem", "response"), MORE_CORRECT)
def test_more_correct_styles_verify(problem: tuple[str, str], response: str) -> None:
    assert _status(problem, response) == "verified"
