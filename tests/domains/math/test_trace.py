import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.trace import parse_trace
from assay.records import StepKind

C, V, P, U, A = StepKind.CLAIM, StepKind.VERIFICATION, StepKind.PROSE, StepKind.UNREADABLE, StepKind.ANSWER


@pytest.mark.parametrize(
    ("text", "kinds", "maths", "answer"),
    [
        # arrows between steps on one line
        (
            "2x + 5 = 13 → 2x = 8 → x = 8/2 = 4 → verify: 2(4) + 5 = 13",
            [C, C, C, V],
            ["2x + 5 = 13", "2x = 8", "x = 8/2 = 4", "2(4) + 5 = 13"],
            "x = 8/2 = 4",
        ),
        # Step n: labels, bracketed reasons, a Therefore ending
        (
            "Step 1: 2x = 8 [subtract 5 from both sides]\nStep 2: x = 4 [divide by 2]\nTherefore x = 4.",
            [C, C, C],
            ["2x = 8", "x = 4", "x = 4"],
            "x = 4",
        ),
        # numbered lists and prose lines
        ("Let's solve it.\n1. 2x = 8\n2) x = 4", [P, C, C], ["", "2x = 8", "x = 4"], "x = 4"),
        # LaTeX, \boxed and prose around the math
        (r"We get $x = \frac{8}{2}$, so the answer is $\boxed{4}$", [C], [r"x = \frac{8}{2}"], "4"),
        # unicode operators
        ("2x − 3 = 5 × 1", [C], ["2x - 3 = 5 * 1"], "2x - 3 = 5 * 1"),
        # prose with a claim after a colon; disjunctions
        (
            "Factor: (x - 2)(x - 3) = 0\nSo x - 2 = 0 or x - 3 = 0",
            [C, C],
            ["(x - 2)(x - 3) = 0", "x - 2 = 0 or x - 3 = 0"],
            "x - 2 = 0, x - 3 = 0",
        ),
        ("x = 2, x = 3", [C], ["x = 2 or x = 3"], "x = 2, x = 3"),
        # an unreadable claim is recorded, never guessed
        ("2x + = 8", [U], [""], None),
        ("x = __import__('os')", [U], [""], None),
        # answer lines
        ("3/4 + 1/4 = 1\nAnswer: 1", [C, A], ["3/4 + 1/4 = 1", "1"], "1"),
        ("#### 42", [A], ["42"], "42"),
        ("x + y = 5\nAnswer: (3, 2)", [C, A], ["x + y = 5", "(3, 2)"], "(3, 2)"),
        ("3/4 + 1/4 = 1\nTherefore 1.", [C, A], ["3/4 + 1/4 = 1", "1"], "1"),
        # an answer in words the reader cannot read is a claim it cannot check, and no answer
        ("So the answer is positive.\nThus we are done.", [U, P], ["", ""], None),
        # continuation lines
        # a chain written one `=` a line answers the value it comes to
        ("3/4 + 1/4\n= 1", [C, C], ["3/4 + 1/4", "= 1"], "1"),
    ],
)
def test_parse_trace(text: str, kinds: list[StepKind], maths: list[str], answer: str | None) -> None:
    trace = parse_trace(text)
    assert [s.kind for s in trace.steps] == kinds
    assert [s.math for s in trace.steps] == maths
    assert trace.answer == answer
    assert [s.index for s in trace.steps] == list(range(1, len(kinds) + 1))


def test_reasons_are_kept_apart() -> None:
    step = parse_trace("Step 2: 2x = 8 [subtract 5 from both sides]").steps[0]
    assert step.reason == "subtract 5 from both sides"
    assert step.math == "2x = 8"


def test_huge_response_is_one_unreadable_step() -> None:
    trace = parse_trace("x = 1\n" * 100_000)
    assert [s.kind for s in trace.steps] == [U]
    assert trace.answer is None


def test_nul_bytes_and_replacement_characters_are_not_math() -> None:
    trace = parse_trace("x = 4\x00\nx = \ufffd")
    assert trace.steps[0].kind == U and trace.steps[1].kind == U


# --- the final answer: where it is stated, in every common layout ----------------------------------------


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("2x = 8\nx = 4", "x = 4"),
        ("So the answer is $\\boxed{4}$.", "4"),
        ("$\\boxed{\\frac{1}{2}}$", "\\frac{1}{2}"),
        ("$\\boxed{x = 2 \\text{ or } x = 3}$", "x = 2 or x = 3"),
        ("**Final Answer:** $x = 4$", "x = 4"),
        ("**Answer: 11/12**", "11/12"),
        ("The final answer is: $\\boxed{4}$", "4"),
        ("## Final Answer\n\n$\\boxed{4}$", "4"),
        ("**Final Answer**\n\nx = 2, x = 3", "x = 2, x = 3"),
        ("2x = 8\n#### 4", "4"),
        ("Answer: x = 4", "x = 4"),
        # what follows the answer in its line is a step of its own (its claims are checked)
        ("Answer: x = 4. Check: 2(4) + 5 = 13.", "x = 4"),
        ("The answer is 4 because 2x = 8.", "4"),
        ("The answer is four.", "4"),
        ("x = 4  # divide by 2", "x = 4"),
        ("the solutions are x = 2 and x = 3.", "x = 2, x = 3"),
        ("The roots are 2 and 3.", "2, 3"),
        ("One solution is x = 2, the other is x = 3.", "x = 3"),
        ("Dividing by 2, we see that x is 4.", "x = 4"),
        ("2x = 6\nx = 3\n3 + y = 8\ny = 5", "x = 3, y = 5"),
        ("So (x, y) = (3, 5).", "x = 3, y = 5"),
        ("**Answer:** $x \\in \\{2, 3\\}$", "x = 2, x = 3"),
        ("x = 4\nCheck: 2(4) + 5 = 13 ✓", "x = 4"),
        ("x = 4\nPlugging x = 4 back in: 2(4) + 5 = 13", "x = 4"),
        ("∴ x = 4", "x = 4"),
        # retractions: the last committed answer counts
        ("The answer is 4. Hmm, that slipped: so x = 7.", "x = 7"),
        ("The answer is $\\boxed{4}$.\nNo wait, I misread it: the answer is $\\boxed{9}$.", "9"),
        # "wait" or "actually" alone is no retraction: both answers stand, so both must hold
        ("The answer is $\\boxed{4}$.\nWait, actually the answer is $\\boxed{9}$.", "4\n9"),
        ("<think>\nthe answer is 5\n</think>\nThe answer is 4.", "4"),
        # the reasoning blocks of other models and training formats end the same way
        ("<reasoning>\nthe answer is 5\n</reasoning>\n<answer>4</answer>", "4"),
        ("<thinking>the answer is 5</thinking> The answer is 4.", "4"),
        ("<|begin_of_thought|>\nthe answer is 5\n<|end_of_thought|>\n<|begin_of_solution|>\n\\boxed{4}", "4"),
        # a reasoning block or an announced answer closing the text: the answer never came (cut off)
        ("<think>\n2x = 8\nx = 4\n</think>\n", None),
        ("<reasoning>\n2x = 8\nx = 4\n</reasoning>\n<answer>\n</answer>", None),
        ("2x = 8\nx = 4\n\n**Final Answer:**\n\n", None),
        ("<think>\n2x = 8\nThe answer is \\boxed{4}.", None),  # cut off inside its reasoning
        ("<think>\nx = 5\n</think>\nThe answer is 4.\n<think>\nHmm, wait", None),
        ("2x = 8\n</think>\nThe answer is 4.", "4"),  # the block opened in the prompt's template
        ("2x = 8\nx = 4\n\n## Final Answer\n$\\boxed{4}$", "4"),
        ("The answer is 4.\nWait, let me verify: 2(4) + 5 = 13. Yes.", "4"),
        ("Answer: x = 4\nOops, that is wrong.", None),
        # two committed answers: both are kept, so both must hold
        ("The answer is 4.\n\n**Final Answer:** 5", "4\n5"),
        # boxes joined by `or` on one line are one answer, the values together (all must be the solutions)
        ("$\\boxed{4}$ or $\\boxed{5}$", "4, 5"),
        # nothing readable
        ("So the answer is positive.", None),
        ("I do not know.", None),
    ],
)
def test_final_answer(text: str, answer: str | None) -> None:
    assert parse_trace(text).answer == answer


# --- claims the reader cannot read with certainty are unreadable, never prose ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2θ = 9",  # an unknown letter glued to a number
        "2x\u0304 = 9",  # x-bar
        "x₁ = 9",
        "f'(x) = 2x",
        "2x ≈ 9",
        "$2x \\leq 7$",
        "$2x \\neq 8$, so $x = 4$",
        "2x < 8",
        "It is not true that 2x = 8",
        "x = four-ish",
        "We get twox = 9",
        "1/2x = 3",
        "So the answer is positive.",
        "x is 4 times y",
        "so x is 4 or 5 here",
        "a 20% discount on 40 = 32",
        "x <= 4",
        "Check: x = 5",  # a check that checks nothing readable
        "x = \u202e54",  # a right-to-left override: what is shown is not what is written
        "4\ufe0f\u20e3 = 4",
    ],
)
def test_unreadable_claims_are_never_prose(text: str) -> None:
    kinds = [s.kind for s in parse_trace(text).steps]
    assert U in kinds, kinds


@pytest.mark.parametrize(
    ("text", "math"),
    [
        # a rejected root is the claim `x ≠ v` (checked against the problem by oneway.py), never prose
        ("x = 4 is not a solution", "x ≠ 4"),
        ("we reject x = -1", "x ≠ -1"),
        ("x = -1 is extraneous", "x ≠ -1"),
        ("So x = -1/2 does not work.", "x ≠ -1/2"),
        (
            "Check x = 2: sqrt(9) = 3 but 2 - 5 = -3, so x = 2 is extraneous.",
            "x ≠ 2; sqrt(9) = 3; 2 - 5 = -3",
        ),
        ("x = 2 is extraneous, so x = 9.", "x ≠ 2; x = 9"),
        # a domain note alone on its line (`x != 4` too: never "x! = 4")
        ("x ≠ 4", "x ≠ 4"),
        ("x != 4", "x ≠ 4"),
        ("Note: x ≠ 2.", "x ≠ 2"),
        # "P% of N" is the product, and `is` after it says `=`: both sides are checked
        ("15% of 80 = 12", "(15% * 80) = 12"),
        ("50% of 10 = 10", "(50% * 10) = 10"),  # never the true "10 = 10": checked, and false
        ("40% of 15 is 0.4 × 15 = 6.", "(40% * 15) = 0.4 * 15 = 6"),
        # the value after `is` in math delimiters or a box, as a closing sentence writes it
        ("15% of 240 is $36$.", "(15% * 240) = 36"),
        ("So 15% of 240 is \\(35\\).", "(15% * 240) = 35"),  # checked, and false
        ("15% of 240 is $\\boxed{36}$.", "(15% * 240) = 36"),
        ("3/5 of 20 is $12$.", "(3/5 * 20) = 12"),
        ("So 20% of 85 is \\(\\boxed{17}\\).", "(20% * 85) = 17"),
    ],
)
def test_rejections_and_percentages_are_claims(text: str, math: str) -> None:
    steps = parse_trace(text).steps
    assert [(s.kind, s.math) for s in steps] == [(StepKind.CLAIM, math)]


@pytest.mark.parametrize(
    "text",
    [
        "x = 2 is not extraneous",  # a rejection negated: not read as one
        "x = 2 is extraneous and x = 9 is not",
        "x = y is extraneous",  # a rejected value must be a number
        "x = 2 is not a solution, x = 9 is not a solution either",
        "maybe x = 2 is extraneous",
        "x = 2 is probably extraneous",
    ],
)
def test_rejections_that_are_not_plain_stay_unreadable(text: str) -> None:
    kinds = [s.kind for s in parse_trace(text).steps]
    assert kinds == [U], kinds


@pytest.mark.parametrize(
    ("text", "kinds", "maths"),
    [
        # markup is layout: headings, bold labels, bullets, quotes, align environments, code fences
        ("### Step 1: Subtract 5\n\n2x = 8", [P, C], ["", "2x = 8"]),
        ("**Step 1:** $2x = 8$", [C], ["2x = 8"]),
        ("- 2x = 8\n* x = 4\n> x = 4", [C, C, C], ["2x = 8", "x = 4", "x = 4"]),
        ("\\begin{align*}\n2x + 5 &= 13 \\\\\n2x &= 8\n\\end{align*}", [C, C], ["2x + 5 = 13", "2x = 8"]),
        ("```\n2*x == 8\n```", [C], ["2*x = 8"]),
        ("x^2 = 9 \\implies x = 3 \\text{ or } x = -3", [C, C], ["x^2 = 9", "x = 3 or x = -3"]),
        # the binding stays with the check: the arithmetic is matched at x = 2 only (check_lines.py)
        ("Check x = 2: 2^2 - 5(2) + 6 = 0 ✓", [V], ["x = 2; 2^2 - 5(2) + 6 = 0"]),
        ("Check: $2(4) + 5 = 13 \\quad \\checkmark$", [V], ["2(4) + 5 = 13"]),
        ("LHS: 2(4) + 5 = 13 and 13 = 13 ✓", [V], ["2(4) + 5 = 13; 13 = 13"]),
        ("Substituting y = 5 into x + y = 8: x + 5 = 8", [C], ["y = 5; x + y = 8; x + 5 = 8"]),
        # "x = 2 and x = 3" lists solutions (x has one value at a time)
        ("x = 2 and x = 3", [C], ["x = 2 or x = 3"]),
        # unicode spellings are read, not skipped
        ("2𝑥 = 9", [C], ["2x = 9"]),
        ("ｘ² = ９", [C], ["x^(2) = 9"]),
        ("5! = 120", [C], ["5! = 120"]),
        # a parenthesis with words: a reason if it has no math, else punctuation around checked claims
        ("x = 4 (from equation 1)", [C], ["x = 4"]),
        ("x = 4 (and hence 2x = 9)", [C], ["x = 4; 2x = 9"]),
        ("Solve: \\(x = 1 or x = 6\\)", [C], ["x = 1 or x = 6"]),
        ("x = 4 ✔️ 😊", [C], ["x = 4"]),
    ],
)
def test_layout_is_removed_and_claims_kept(text: str, kinds: list[StepKind], maths: list[str]) -> None:
    steps = parse_trace(text).steps
    assert [s.kind for s in steps] == kinds
    assert [s.math for s in steps] == maths


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # an answer is read whole or not at all: nothing after its value may change it
        ("The answer is 4 ⊕ 1.", None),
        ("Answer: 4 \\bmod 3", None),
        ("The answer is 4 less than 9.", None),
        ("The answer is 4 dozen.", None),
        ("The answer is 4 (or maybe 5).", None),
        ("#### 4 percent", None),
        ("$\\boxed{4}$ squared", None),
        ("The answer is 4, not really.", None),
        ("The answer is actually five, not four.", "5"),  # a value ruled out beside it changes nothing
        # harmless closing prose keeps the answer
        ("The answer is 4, as required.", "4"),
        ("The answer is 4 (it satisfies the equation).", "4"),
        ("The answer is $4$. I hope it is correct.", "4"),
        # a line that is only a value states it; after another answer it is a second one
        ("x = 4\n**5**", "5"),
        ("Answer: 4\n\n**5**", "4\n5"),
        # the ordered pair / solution set is an answer phrase
        ("x = 3\ny = 2\nSo the ordered pair is (2, 3).", "(2, 3)"),
    ],
)
def test_answers_are_read_whole(text: str, answer: str | None) -> None:
    assert parse_trace(text).answer == answer


@pytest.mark.parametrize(
    "line",
    [
        "Half of 8 is 3, so x = 4.",
        "Subtracting 5 from both sides gives us 2x equal to 9.",
        "Check: two times four plus five is fourteen.",
        "So x equals minus four.",
        "On second thought, x is the next integer up.",
        "Hmm, wait, actually it should be five.",
        "The sum of the numerators is 6.",
        "Only the larger root counts.",
        "2x = 8 [since 13 - 5 = 9]",
        "2x = 8  # 13 - 5 = 9",
        "x = 4 [divide by 2, and 2 \\cdot 4 = 9]",
        "x = 4 [since 8 divided by 2 gives 5]",
        "The answer is never $\\boxed{4}$; it is $5$.",
    ],
)
def test_claims_in_words_and_reasons_are_unreadable(line: str) -> None:
    assert StepKind.UNREADABLE in [s.kind for s in parse_trace(line).steps]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # true side arithmetic in a reason, a method in words, a variable said to be a value
        ("Step 1: 7/6 + 2 ÷ (1/3) = 7/6 + 6 [divide first: 2 ÷ 1/3 = 6]", StepKind.CLAIM),
        ("x = 4 [since 8 / 2 = 4]", StepKind.CLAIM),
        ("Dividing by 1/3 is multiplying by 3: 15 / (1/3) = 15 * 3", StepKind.CLAIM),
        ("2x = 8, which means x equals 4.", StepKind.CLAIM),
        ("Subtract 5 from both sides.", StepKind.PROSE),
    ],
)
def test_readable_reasons_and_prose_stay_readable(line: str, kind: StepKind) -> None:
    assert [s.kind for s in parse_trace(line).steps] == [kind]


def test_cases_end_with_their_sentence():
    # the next sentence's `So x = 3` is no step of the case `x = 3`: read as written, it narrows the answer
    trace = parse_trace("(x-2)(x-3) = 0, so x = 2 or x = 3. So x = 3.")
    assert trace.answer == "x = 3"
    assert trace.steps[-1].math == "(x-2)(x-3) = 0; x = 2 or x = 3; x = 3"


def test_cases_worked_in_words_still_chain():
    trace = parse_trace("x - 2 = 0, giving x = 2, or x - 3 = 0, giving x = 3.")
    assert trace.steps[-1].math == "x = 2 or x = 3"


@pytest.mark.parametrize(
    ("text", "kind", "math"),
    [
        # an expression said to be another (`means`, `is just`): the identity, held to be one (steps.py)
        ("(x + 1)^2 means (x + 1)(x + 1).", StepKind.CLAIM, "(x + 1)^2 = (x + 1)(x + 1)"),
        ("Notice that 4y - 10 is just 2(2y - 5).", StepKind.CLAIM, "4y - 10 = 2(2y - 5)"),
        ("So $(x+1)^2$ means $(x+1)(x+1)$.", StepKind.CLAIM, "(x+1)^2 = (x+1)(x+1)"),
        # a value, not an expression: the claim it always was; words on a side: unread
        ("x is just 4.", StepKind.CLAIM, "x = 4"),
        ("So 2x is just 8.", StepKind.UNREADABLE, ""),
        ("The ratio 3:5 means 8 parts in total.", StepKind.UNREADABLE, ""),
    ],
)
def test_an_expression_said_to_be_another(text: str, kind: StepKind, math: str) -> None:
    steps = parse_trace(text).steps
    assert [(s.kind, s.math) for s in steps] == [(kind, math)]


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        (
            "Simplify (x+1)^2.",
            "x^2 + 2x + 1",
            "(x + 1)^2 means (x + 1)(x + 1).\nSo (x + 1)^2 = x^2 + 2x + 1.",
            "verified",
        ),
        (
            "Simplify (x+1)^2.",
            "x^2 + 2x + 1",
            "(x + 1)^2 means (x + 1)(x - 1).\nSo (x + 1)^2 = x^2 + 2x + 1.",
            "refuted",
        ),
        (
            "If 2y - 5 = 9, what is 4y - 10?",
            "18",
            "Notice that 4y - 10 is just 2(2y - 5).\nSo 4y - 10 = 2(9) = 18.",
            "verified",
        ),
        # true where y = 7, but no identity: what `is just` says is refuted
        (
            "If 2y - 5 = 9, what is 4y - 10?",
            "18",
            "Notice that 4y - 10 is just 3y - 3.\nSo 4y - 10 = 18.",
            "refuted",
        ),
        (
            "Solve for x: x^2 - 5x + 6 = 0",
            "2, 3",
            "x^2 - 5x + 6 means (x - 2)(x + 3).\nSo x = 2 or x = 3.",
            "refuted",
        ),
    ],
)
def test_an_expression_said_to_be_another_is_an_identity(
    prompt: str, gold: str, response: str, status: str
) -> None:
    job = {"prompt": prompt, "reference": {"answer": gold}, "response": response}
    assert check_trace_job(job)["status"] == status
