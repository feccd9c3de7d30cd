"""Step-by-step verification: evidence names the step and the root; claims are proved, never sampled.

The checks run in-process (`check_trace_job` directly): these inputs are the tests' own, and a verdict
never depends on how loaded the machine is.
"""

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math import mpoly, symbolic
from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.grammar import parse_chain, parse_expr_text
from assay.domains.math.premises import read_problem
from assay.domains.math.problem import spec_from


def _check(
    prompt: str, answer: str, response: str, task: str | None = None, reference: dict[str, Any] | None = None
) -> dict[str, Any]:
    job = {"prompt": prompt, "reference": reference or {"answer": answer}, "response": response, "task": task}
    return check_trace_job(job)


def _first_bad(result: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in result["steps"] if s["status"] not in ("verified", "no_claim"))


def test_the_worked_example_verifies() -> None:
    result = _check(
        "Solve for x: 2x + 5 = 13",
        "4",
        "2x + 5 = 13 → 2x + 5 - 5 = 13 - 5 → 2x = 8 → x = 8/2 = 4 → Verify: 2(4) + 5 = 13",
    )
    assert result["status"] == "verified"
    assert [s["status"] for s in result["steps"]] == ["verified"] * 5


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "step", "evidence"),
    [
        # a lost root is named
        ("Solve: x^2 = 3x", "0, 3", "x^2 = 3x\nx = 3", 2, "x^2 = 3x → x = 3 loses x = 0"),
        # an added root is named
        ("Solve: x - 2 = 0", "2", "x - 2 = 0\n(x - 2)(x - 5) = 0", 2, "adds x = 5"),
        # a mis-copied problem is refuted at step 1
        ("Solve for x: 2x + 5 = 13", "4", "2x + 5 = 15\n2x = 10\nx = 5", 1, "loses x = 4"),
        # dividing one side only
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 8", 2, "loses x = 4 and adds x = 8"),
        # false arithmetic inside a chain
        ("Solve for x: 2x + 5 = 13", "4", "2x = 13 - 5 = 7\nx = 4", 1, "13 - 5 = 7 is false"),
        # a wrong verification line
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nVerify: 2(4) + 5 = 14", 3, "is false"),
        # a verification of another value
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nVerify: 2(5) + 5 = 15", 3, "not the problem's"),
        # systems: a claim false at the solution
        ("Solve: x + y = 5 and x - y = 1", "x = 3, y = 2", "2x = 6\nx = 3\ny = 5 - 3 = 3", 3, "false"),
        # arithmetic: a step that changes the value
        ("Compute: 1/2 + 1/3", "5/6", "1/2 + 1/3 = 3/6 + 2/6 = 6/6", 1, "3/6 + 2/6 = 6/6 is false"),
        # expressions that are not identities
        ("Solve for x: 2(x + 3) = 10", "2", "2x + 3 = 10\nx = 2", 1, "loses x = 2"),
    ],
)
def test_refuted_at_the_right_step(prompt: str, answer: str, response: str, step: int, evidence: str) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] == "refuted"
    first = next(s for s in result["steps"] if s["status"] != "verified" and s["status"] != "no_claim")
    assert first["index"] == step, result
    assert first["status"] == "refuted"
    assert evidence in first["evidence"], first


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        (
            "Solve for x: x^2 - 4x + 1 = 0",
            "2 ± sqrt(3)",
            "x^2 - 4x + 1 = 0\nx = (4 ± sqrt(16 - 4))/2\nx = 2 ± sqrt(3)\n"
            "Therefore x = 2 + sqrt(3) or x = 2 - sqrt(3).",
        ),
        ("Solve for x: x/x = 1", "all", "x/x = 1"),
        (r"Solve for x: \frac{x}{2} = 3", "6", r"\frac{x}{2} = 3 \implies x = 6"),
        ("Solve for x: 2(x + 3) = 10", "2", "2(x + 3) = 2x + 6 = 10\n2x = 4\nx = 2"),
    ],
)
def test_valid_reasoning_is_not_refuted(prompt: str, answer: str, response: str) -> None:
    result = _check(prompt, answer, response)
    assert all(s["status"] != "refuted" for s in result["steps"]), result


def test_unreadable_step_makes_the_candidate_unknown() -> None:
    result = _check("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 8 ÷÷ 2\nx = 4")
    assert result["status"] == "unknown"
    assert result["steps"][1]["status"] == "unknown"


def test_answer_alone_is_not_step_verified() -> None:
    result = _check("Solve for x: 2x + 5 = 13", "4", "The answer is 4.")
    assert result["status"] == "unknown"
    assert "no checkable step" in result["evidence"]


def test_prompt_without_math_cannot_anchor_steps() -> None:
    result = _check("Tom has some apples and eats two. How many are left?", "3", "5 - 2 = 3\nAnswer: 3")
    assert result["status"] == "unknown"


# --- identities are proved, not sampled --------------------------------------------------------------------

# a product that vanishes at the sample points the old checker used (and at any other fixed points one
# could publish): an expression built this way passes every fixed-point test
VANISH = "(x - 1237/97)(x + 811/53)(x - 359/211)"
VANISH4 = VANISH + "(x + 97/13)"


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "step"),
    [
        # a false "identity" step on its own line
        ("Solve for x: 2x + 5 = 13", "4", f"2x + 5 = 13\n2x + 5 + {VANISH} = 2x + 5\n2x = 8\nx = 4", 2),
        # a false expansion inside a chain
        ("Solve for x: x^2 = 4", "-2, 2", f"x^2 - 4 = (x - 2)(x + 2) + {VANISH4} = 0\nx = 2 or x = -2", 1),
        # the junk term in the middle of an equation
        ("Solve for x: 3x - 1 = 8", "3", f"3x - 1 + {VANISH} = 8\n3x = 9\nx = 3", 1),
        # a rational function built the same way
        ("Solve for x: 2x = 6", "3", f"2x + {VANISH}/(x^2 + 1) = 2x\n2x = 6\nx = 3", 1),
    ],
)
def test_an_identity_built_to_vanish_at_sample_points_is_refuted(
    prompt: str, answer: str, response: str, step: int
) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] != "verified", result
    assert _first_bad(result)["index"] == step, result


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("2(x + 3)", "2x + 6", True),
        ("(x + 1)^2", "x^2 + 2x + 1", True),
        ("(x + y)^3", "x^3 + 3x^2 y + 3x y^2 + y^3", True),
        ("x/x", "1", True),
        ("1/(x - 1) - 1/(x + 1)", "2/(x^2 - 1)", True),
        ("sqrt(8) x", "2 sqrt(2) x", True),
        ("2 pi x", "x*pi*2", True),
        ("x + " + VANISH, "x", False),
        ("(x + y)^2", "x^2 + y^2", False),
        ("pi", "22/7", False),  # pi is transcendental: no rational equals it
        ("8^(1/3) x", "2x", True),
    ],
)
def test_exact_identity(left: str, right: str, expected: bool) -> None:
    assert mpoly.identity(parse_expr_text(left), parse_expr_text(right)) is expected


def test_pi_and_e_together_cannot_be_shown_different() -> None:
    # nothing is known about pi and e being algebraically independent: no "is not an identity" verdict
    with pytest.raises(Unsupported):
        mpoly.identity(parse_expr_text("pi + e"), parse_expr_text("5.8598744820488"))


@pytest.mark.parametrize(
    ("equation", "linear"),
    [
        ("2x + 3y = 7", True),
        ("(x + y)/2 = 1", True),
        ("x + y + (x^2 - x)(x - 1237/97) = 5", False),  # linear at 0, 1 and one sample point only
        ("x*y = 6", False),
        ("x/y = 2", False),
    ],
)
def test_linearity_is_decided_exactly(equation: str, linear: bool) -> None:
    lhs, rhs = parse_chain(equation)
    assert (mpoly.linear_form(lhs, rhs, ("x", "y")) is not None) is linear


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("y = 2x + 1", "2y = 4x + 2", True),
        ("y = 2x + 1", "y - 2x - 1 = 0", True),
        ("y = 2x + 1", f"y = 2x + 1 + {VANISH4}", False),
        ("y = 2x + 1", "y = 2x + 2", False),
    ],
)
def test_equation_answers_are_proportional_exactly(a: str, b: str, expected: bool) -> None:
    first, second = parse_chain(a), parse_chain(b)
    assert mpoly.proportional((first[0], first[1]), (second[0], second[1])) is expected


def test_a_system_that_only_looks_linear_at_sample_points_is_not_solved() -> None:
    result = _check(
        "Solve for x and y: x + y + (x^2 - x)(x - 1237/97) = 5 and x - y = 1",
        "x = 3, y = 2",
        "2x = 6\nx = 3\ny = 2",
    )
    assert result["status"] != "verified"


# --- the symbolic path decides as strictly as the exact one -----------------------------------------------


def test_pi_lost_root_is_refuted_on_the_symbolic_path() -> None:
    result = _check("Solve for x: x^2 = πx", "0, π", "x^2 = πx\nx = π\nAnswer: π")
    assert result["status"] == "refuted"
    bad = _first_bad(result)
    assert bad["index"] == 2 and "loses" in bad["evidence"] and "0" in bad["evidence"], result


def test_pi_roots_kept_are_not_refuted() -> None:
    result = _check("Solve for x: x^2 = πx", "0, π", "x^2 - πx = 0\nx(x - π) = 0\nx = 0 or x = π")
    assert all(s["status"] != "refuted" for s in result["steps"]), result


def test_symbolic_sets_that_are_not_finite_are_not_compared() -> None:
    import sympy

    x = symbolic.symbol("x")
    condition = sympy.ConditionSet(x, sympy.Eq(x**5 - x - 1 + sympy.sin(x), 0), sympy.S.Reals)
    assert symbolic.compare_solution_sets(condition, sympy.FiniteSet(1)) is None
    assert symbolic.compare_solution_sets(sympy.FiniteSet(0, sympy.pi), sympy.FiniteSet(sympy.pi)) == (
        [0],
        [],
    )


def test_symbolic_identity_needs_a_proof() -> None:
    a, b = parse_expr_text("sqrt(x^2 + 2x + 1)"), parse_expr_text("x + 1")
    assert symbolic.identity(a, b) is not True  # |x + 1|, not x + 1


# --- Game of 24: the rules, and every link of a chain ------------------------------------------------------


def _game24(numbers: list[str], response: str) -> dict[str, Any]:
    reference = {"kind": "game24", "numbers": numbers, "target": 24}
    return _check("Make 24.", "", response, task="game24", reference=reference)


@pytest.mark.parametrize(
    ("numbers", "response", "why"),
    [
        (["4", "6", "1", "1"], "Answer: (4! / 1) * 1 * 6 / 6", "!"),
        (["2", "3", "4", "1"], "Answer: 2^3 * (4 - 1)", "'^'"),
        (["16", "3", "5", "1"], "Answer: sqrt(16) * (3 + 5 - 1 - 1)", "square root"),
        (["16", "3", "5", "1"], r"Answer: \sqrt{16} \times (5 + 1)", "square root"),
        (["1", "2", "3", "4"], "Answer: 12 * (3 - 4 + 1) + 12", "must use each"),  # digits glued
        (["1", "2", "4", "4"], "Answer: (4 + 4 + 4) * 2 * 1", "must use each"),  # a number used twice
        (["6", "4", "1", "1"], "Answer: 6 × 4 × 1 × 1 = 24 = 26", "24 = 26 is false"),
        (["6", "4", "1", "1"], "Answer: 6 × 4 × 1 × 1 = 25", "is false"),
        (["3", "8", "8", "3"], "Answer: -(3 - 8 × 3) + 3 - 8 + 8", "unary minus"),
    ],
)
def test_game24_answers_that_break_the_rules_are_refuted(numbers: list[str], response: str, why: str) -> None:
    result = _game24(numbers, response)
    assert result["status"] == "refuted", result
    assert why in result["evidence"], result


@pytest.mark.parametrize(
    ("numbers", "response"),
    [
        (
            ["4", "6", "1", "1"],
            "Step 1: 4 * 6 = 24\nStep 2: 1 * 1 = 1\nStep 3: 24 * 1 = 24\nAnswer: 4 * 6 * (1 * 1)",
        ),
        (
            ["3", "3", "8", "8"],
            "Step 1: 8 / 3 = 8/3\nStep 2: 3 - 8/3 = 1/3\nStep 3: 8 / (1/3) = 24\nAnswer: 8 / (3 - 8/3)",
        ),
        (["1", "2", "11", "12"], "1 - 2 = -1\n11 + 12 = 23\n23 - -1 = 24\nAnswer: 24 = 11 + 12 - (1 - 2)"),
        # the whole answer written again once the steps reached it: a recap, not a step from the pool
        (
            ["4", "6", "1", "1"],
            "4 × 6 = 24\n24 × 1 = 24\n24 × 1 = 24\nSo 4 × 6 × 1 × 1 = 24.\nAnswer: 4 × 6 × 1 × 1",
        ),
        (
            ["4", "6", "1", "1"],
            "4 × 6 = 24\n24 × 1 = 24\n24 × 1 = 24\nAnswer: 4 × 6 × 1 × 1\nCheck: 4 × 6 × 1 × 1 = 24",
        ),
    ],
)
def test_game24_solutions_verify(numbers: list[str], response: str) -> None:
    result = _game24(numbers, response)
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    ("numbers", "response", "step"),
    [
        # a sub-expression is not taken from the pool by its value: (1 + 1) is not the 2
        (["1", "2", "3", "4"], "Step 1: (1 + 1) * 3 = 6\nStep 2: 6 * 4 = 24\nAnswer: 2 * 3 * 4 * 1", 1),
        (["2", "3", "4", "6"], "Step 1: sqrt(4) * 3 = 6\nStep 2: 6 * 4 = 24\nAnswer: 2 * 3 * 4 / 6 * 6", 1),
        (["2", "3", "4", "6"], "Step 1: 2 * 3 = 6\nStep 2: 6 * 6 = 36\nStep 3: 36 - 4! = 12", 3),
        # a recap of the whole answer must end on a value the steps reached, and be true
        (
            ["4", "6", "1", "1"],
            "4 + 6 = 10\n10 + 1 = 11\n11 + 1 = 12\n4 × 6 × 1 × 1 = 24\nAnswer: 4 × 6 × 1 × 1",
            4,
        ),
        (
            ["4", "6", "1", "1"],
            "4 × 6 = 24\n24 × 1 = 24\n24 × 1 = 24\n4 × 6 × 1 × 1 = 25\nAnswer: 4 × 6 × 1 × 1",
            4,
        ),
        (
            ["4", "6", "1", "1"],
            "4 × 6 = 24\n24 × 1 = 24\n24 × 1 = 24\n4 × 6 × 1 = 24\nAnswer: 4 × 6 × 1 × 1",
            4,
        ),
    ],
)
def test_game24_steps_follow_the_rules(numbers: list[str], response: str, step: int) -> None:
    result = _game24(numbers, response)
    assert result["status"] == "refuted", result
    assert _first_bad(result)["index"] == step, result


def test_game24_after_a_step_not_read_a_missing_number_proves_nothing() -> None:
    """The step not read may have made the number the next step uses: that step is unknown, not refuted."""
    response = (
        "Step 1: 4 × 6 = 24 (left: 24, 1, 1)\nStep 2: 24 × 1 = 24\nStep 3: 24 × 1 = 24\nAnswer: 4 × 6 × 1 × 1"
    )
    result = _game24(["4", "6", "1", "1"], response)
    assert result["status"] == "unknown", result
    assert [s["status"] for s in result["steps"][:2]] == ["unknown", "unknown"], result


@pytest.mark.parametrize(
    "after",
    [
        "Alternatively: 4 + 6 + 1 + 1",
        "Or: 4+6+1+1",
        "Another: \\(4 + 6 + 1 + 1\\)",
        "Alternatively, 4 × (6 + 1) − 1 works.",
        "Also 6 ÷ (1 − 1/4).",
    ],
)
def test_game24_another_expression_after_the_answer_takes_it_back(after: str) -> None:
    response = "4 × 6 = 24\n24 × 1 = 24\n24 × 1 = 24\nAnswer: 4 × 6 × 1 × 1\n" + after
    assert _game24(["4", "6", "1", "1"], response)["status"] != "verified"
    reference = {"kind": "game24", "numbers": ["4", "6", "1", "1"], "target": 24, "answer": ""}
    job = {"prompt": "Make 24.", "reference": reference, "task": "game24", "response": response}
    assert check_answer_job(job)["status"] != "verified"


# --- what the prompt asks: questions, derived quantities, hints --------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "answer", "response"),
    [
        ("What is x if 7x − 3 = 25?", "4", "7x - 3 = 25\n7x = 28\nx = 4"),
        ("Find the value of x such that 3x + 2 = 11.", "3", "3x = 9\nx = 3"),
        ("Solve 3x+2=11 for x.", "3", "3x + 2 = 11\n3x = 9\nx = 3"),
        ("What is 3/4 + 5/6?", "19/12", "3/4 = 9/12\n5/6 = 10/12\n9/12 + 10/12 = 19/12\nAnswer: 19/12"),
        ("If 4x − 2 = 10, what is 2x + 7?", "13", "4x = 12\nx = 3\n2x + 7 = 2(3) + 7 = 13\nAnswer: 13"),
        ("If 2x = 10, what is x^2 - 25?", "0", "x = 5\nx^2 - 25 = 25 - 25 = 0\nAnswer: 0"),
        ("If x^2 = 9, what is x^2 + 1?", "10", "x^2 + 1 = 9 + 1 = 10\nAnswer: 10"),
        (
            "If x + y = 5 and x - y = 1, what is 2x + y?",
            "8",
            "2x = 6\nx = 3\ny = 2\n2x + y = 6 + 2 = 8\nAnswer: 8",
        ),
        ("Given that 2x = 10, solve x^2 = 5x.", "5", "x^2 = 5x\nx = 5\nAnswer: 5"),
        (r"Compute $\sqrt[3]{27} + \frac{\frac{1}{2}}{3}$.", "19/6", "3 + 1/6 = 19/6\nAnswer: 19/6"),
        (r"Solve for x: $\frac{x}{\frac{1}{2}} = 8$", "4", "2x = 8\nx = 4"),
        (r"Solve for x: $\sqrt[3]{8}\, x = 10$", "5", "2x = 10\nx = 5"),
        ("Evaluate ∛64 − 2.", "2", "∛64 = 4\n4 - 2 = 2\nAnswer: 2"),
    ],
)
def test_what_the_prompt_asks_is_read(prompt: str, answer: str, response: str) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    ("prompt", "answer", "response", "step"),
    [
        # the hint is not a premise (the reference keeps both roots): the step that loses x = 0 is wrong
        (
            "Solve x^2 = 5x. Hint: if 2x = 10, then x = 5 is one root.",
            "0, 5",
            "x^2 = 5x\nx = 5\nAnswer: 0, 5",
            2,
        ),
        ("Solve x^2 = 3x (if 2x = 6 you have one root).", "0, 3", "x = 3\nAnswer: 0, 3", 1),
        # a derived quantity: a claim false at the solution
        ("If x^2 = 9, what is x^2 + 1?", "10", "x = 3\nx^2 + 1 = 10\nAnswer: 10", 1),
        ("If 4x − 2 = 10, what is 2x + 7?", "13", "4x = 12\nx = 3\n2x + 7 = 2(3) + 8 = 14\nAnswer: 13", 3),
    ],
)
def test_hints_and_conditions_do_not_loosen_the_rules(
    prompt: str, answer: str, response: str, step: int
) -> None:
    result = _check(prompt, answer, response)
    assert result["status"] != "verified", result
    assert _first_bad(result)["index"] == step, result


def test_several_equations_without_a_reference_are_not_guessed() -> None:
    spec = spec_from("Given that 2x = 10, solve x^2 = 5x.", {})
    assert read_problem(spec, None).mode == "unknown"


def test_a_condition_the_prompt_states_lets_a_step_drop_the_root_it_excludes() -> None:
    result = _check("Solve x^2 = 9 where x > 0.", "3", "x^2 = 9\nx = ±3\nx = 3\nAnswer: 3")
    assert result["status"] == "verified", result  # conditions.py reads `where x > 0`


def test_a_condition_in_words_makes_the_dropped_root_unknown_not_wrong() -> None:
    result = _check("Solve x^2 = 9 where x is positive.", "3", "x^2 = 9\nx = ±3\nx = 3\nAnswer: 3")
    assert result["status"] == "unknown", result


# --- check lines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check",
    [
        "Check: 2(4) + 5 = 13 ✓",
        "Check: 2(4) + 5 = 13 and 4 + 9 = 13",
        "Check: 4 + 9 = 13",
        "Check: 2x + 5 = 2(4) + 5 = 13 ✓",
        "Check: 2(4) + 5 = 8 + 5 = 13 = 4 + 9",
    ],
)
def test_check_lines_that_evaluate_one_or_both_sides(check: str) -> None:
    result = _check("Solve for x: 2x + 5 = x + 9", "4", f"x + 5 = 9\nx = 4\n{check}")
    assert result["status"] == "verified", result


@pytest.mark.parametrize(
    "check",
    [
        "Check: 2(5) + 5 = 15 ✓",  # another value
        "Check: 2(4) + 5 = 14",  # false arithmetic
        "Check: 2x + 5 = 2(4) + 5 = 15",
        "Check: 2(4) + 5 = 13 and 4 + 9 = 12",
    ],
)
def test_wrong_check_lines_are_refuted(check: str) -> None:
    result = _check("Solve for x: 2x + 5 = x + 9", "4", f"x + 5 = 9\nx = 4\n{check}")
    assert result["status"] == "refuted", result
    assert _first_bad(result)["index"] == 3, result


# --- side computations in arithmetic ------------------------------------------------------------------------


def test_side_computations_are_true_claims() -> None:
    response = (
        "LCD is 12.\n4 × 3 = 12 and 6 × 2 = 12\n3/4 = 9/12\n5/6 = 10/12\n9/12 + 10/12 = 19/12\nAnswer: 19/12"
    )
    result = _check("Compute 3/4 + 5/6", "19/12", response)
    assert result["status"] == "verified", result


def test_a_dropped_term_is_not_a_side_computation() -> None:
    # `1/3 + 2/3` is a part of the sum (terms regrouped), true, but it is not the problem: the answer 3
    # was never worked out from `2 + 1/3 + 2/3`, so the trace cannot verify
    result = _check("Compute 2 + 1/3 + 2/3", "3", "1/3 + 2/3 = 1\nAnswer: 3")
    assert result["status"] == "unknown", result
    assert _first_bad(result)["index"] == 2
    assert "works the answer out" in _first_bad(result)["evidence"]
    # a non-whole value that is no part of the problem rewrites it: refuted
    result = _check("Compute 2 + 1/3 + 2/3", "3", "1/2 + 1/3 = 5/6\nAnswer: 3")
    assert result["status"] == "refuted", result


@pytest.mark.parametrize(
    ("base", "exponent", "value"),
    [("27", "1/3", "3"), ("8/27", "2/3", "4/9"), ("16", "3/4", "8"), ("0", "1/5", "0")],
)
def test_rational_powers_are_exact(base: str, exponent: str, value: str) -> None:
    assert evaluate(parse_expr_text(f"({base})^({exponent})")) == Fraction(value)


@pytest.mark.parametrize("text", ["2^(1/3)", "(-8)^(1/3)", "3^(1/100)"])
def test_rational_powers_that_are_not_rational_are_unsupported(text: str) -> None:
    with pytest.raises(Unsupported):
        evaluate(parse_expr_text(text))


# --- names for numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "status", "step"),
    [
        (
            "a = 1, b = -5, c = 6\nb^2 - 4*a*c = 25 - 24 = 1\n"
            "x = (-b ± sqrt(b^2 - 4*a*c))/(2*a) = (5 ± 1)/2\nx = 3 or x = 2",
            "verified",
            None,
        ),
        # a, b, c beside a quadratic name its coefficients: a wrong one is refuted where it is given
        ("a = 1, b = 5, c = 6\nx = (-b ± sqrt(b^2 - 4*a*c))/(2*a)\nx = 2 or x = 3", "refuted", 1),
        ("a = -1\nb = 5\nc = -6\nx = (-b ± sqrt(b^2 - 4*a*c))/(2*a)\nx = 2 or x = 3", "verified", None),
        # other names are only names: the step that uses a wrong value is refuted
        ("p = 5, q = 6\nx^2 - p*x + q = 0\nx = 2 or x = 3", "verified", None),
        ("p = 5, q = 7\nx^2 - p*x + q = 0\nx = 2 or x = 3", "refuted", 2),
        # false arithmetic inside a definition
        ("a = 1, b = -5, c = 6\nD = b^2 - 4*a*c = 25 - 24 = 2\nx = 3 or x = 2", "refuted", 2),
        # a name given a second value contradicts the first
        ("a = 1\na = 2\nx = 3 or x = 2", "refuted", 2),
        # a name for an expression in the variable (a substitution) is read by putting the expression back
        ("u = x - 2\nu(u - 1) = 0\nx = 2 or x = 3", "verified", None),
        ("Let u = x - 2. Then u(u - 1) = 0, so u = 0 or u = 1\nx = 2 or x = 3", "verified", None),
        ("u = x - 2\nu(u + 1) = 0\nx = 2 or x = 3", "refuted", 2),
        ("Let u = x - 2, so u(u + 1) = 0\nx = 2 or x = 3", "refuted", 1),
        ("u = x - 2\nu = 0 or u = 2\nx = 2 or x = 3", "refuted", 2),
        # a substitution in a name the problem uses is a claim, not a name
        ("x = u + 2\nu(u - 1) = 0\nx = 2 or x = 3", "unknown", 1),
    ],
)
def test_names_for_numbers(response: str, status: str, step: int | None) -> None:
    # the answer line is explicit: which trailing lines make the final answer is the reader's business
    result = _check("Solve for x: x^2 - 5x + 6 = 0", "2, 3", response + "\nAnswer: 2, 3")
    assert result["status"] == status, result
    if step is not None:
        assert _first_bad(result)["index"] == step, result


@pytest.mark.parametrize(
    ("prompt", "gold", "mode"),
    [
        ("Solve for x: 2x + 5 = 13", "4", "equivalent"),
        ("What is x if 7x − 3 = 25?", "4", "equivalent"),
        ("If 4x − 2 = 10, what is 2x + 7?", "13", "consequence"),
        ("Given that 2x = 10, solve x^2 = 5x.", "5", "consequence"),  # the hint is a premise
        ("Solve x^2 = 5x. Hint: if 2x = 10, then x = 5 is a root.", "0, 5", "equivalent"),  # it is not
        ("Given that 2x = 10, solve x^2 = 5x.", "7", "unknown"),  # no reading predicts the reference
        ("Solve: x + y = 5 and x - y = 1", "x = 3, y = 2", "system"),
        ("Solve: x*y = 6 and x - y = 1", "x = 3, y = 2", "unknown"),  # not linear: not solved
        ("Compute 3/4 + 5/6.", "19/12", "expression"),
        ("Tom has two apples.", "2", "words"),  # words only: checked as a word problem (wordy.py)
        ("Tom has two apples.", "a couple", "unknown"),  # ... but only against an exact reference
    ],
)
def test_the_reading_is_the_one_that_predicts_the_reference(prompt: str, gold: str, mode: str) -> None:
    assert read_problem(spec_from(prompt, {"answer": gold}), gold).mode == mode


def test_past_the_exact_bounds_a_step_is_unknown_not_handed_to_sympy() -> None:
    # a degree-24 equation: SymPy's solver could run for minutes; the step says why it is not judged
    result = _check("Solve for x: 2x + 5 = 13", "4", "(x + 1)^24 = x^24 + 24x^23\nx = 4")
    assert result["steps"][0]["status"] == "unknown"
    assert "safety bound" in result["steps"][0]["evidence"]


@pytest.mark.parametrize(
    ("answer", "steps", "final"),
    [
        ("Answer: 37.5%", "unknown", "verified"),
        ("Answer: 37.5", "unknown", "verified"),
        ("Answer: 3.75%", "refuted", "refuted"),
    ],
)
def test_a_question_about_an_expression_that_is_not_its_value(answer: str, steps: str, final: str) -> None:
    """`What is 3/8 as a percent?` (reference 37.5): the expression's value is 3/8, so the steps cannot be
    held to it and are never refuted for reaching 37.5; the answer is read in percent, as asked."""
    job = {
        "prompt": "What is 3/8 as a percent?",
        "reference": {"answer": "37.5"},
        "task": "",
        "response": "3/8 = 0.375\n0.375 × 100 = 37.5\n" + answer,
    }
    assert check_trace_job(job)["status"] == steps
    assert check_answer_job(job)["status"] == final


APPLES = "Tom has 36 apples and gives away 7. How many apples does Tom have left?"


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # the answer first, the work after it: held to what the whole trace computed
        ("**Answer: 29 apples**\n\nTom starts with 36 apples and gives away 7, so 36 − 7 = 29.", "verified"),
        ("The answer is 29. Here's why: 36 − 7 = 29.", "verified"),
        ("**Answer: 29**\n\n36 − 7 = 29\n29 − 1 = 28", "unknown"),  # the work goes on to another value
        ("Answer: 29\n\n36 + 7 = 43", "unknown"),
        ("**Answer: 29 apples**\n\n36 − 7 = 28.", "refuted"),
    ],
)
def test_a_word_problem_answered_before_its_work(response: str, status: str) -> None:
    job = {"prompt": APPLES, "reference": {"answer": "29"}, "task": "", "response": response}
    assert check_trace_job(job)["status"] == status
