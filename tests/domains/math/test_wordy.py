"""Word problems (wordy.py and the `words` reading in steps.py), and the readers added with them:
repeating decimals, TeX one-token arguments, HTML emphasis, a lone ∓, a value restated in brackets,
number words up to 99, a box introduced by words, calculator notes, names given beside claims."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from assay.domains.math.check import check_trace_job
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.markup import prepare_line
from assay.domains.math.problem import spec_from
from assay.domains.math.trace import parse_trace
from assay.domains.math.wordy import given_numbers, states_rules, ungrounded


def _check(prompt: str, answer: str, response: str) -> dict[str, Any]:
    return check_trace_job({"prompt": prompt, "reference": {"answer": answer}, "response": response})


def _first_bad(result: dict[str, Any]) -> int | None:
    bad = [s["index"] for s in result["steps"] if s["status"] not in ("verified", "no_claim")]
    return bad[0] if bad else None


# --- the numbers a prompt in words gives ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "present", "absent"),
    [
        ("Betty has 3 boxes with 12 pencils each.", [3, 12, 0, 1], [36, 2, 60]),
        ("She sold half as many clips.", [2, Fraction(1, 2)], [3]),
        ("A number doubled and increased by five is thirteen.", [2, 5, 13], [8]),
        ("Forty-two apples and a dozen pears.", [42, 12], [40, 2]),
        ("It costs $1,250.50 and 25% tax.", [Fraction("1250.5"), 25, Fraction(1, 4), 100], [1250]),
        ("He earns $12 an hour and worked 50 minutes.", [12, 50, 60], [24]),
        ("He worked 50 minutes.", [50], [60]),  # no hours named: no conversion
        ("Three weeks and two days.", [3, 2, 7], [24]),
        # weeks or days in a year when the prompt speaks of both; a percentage added to the whole (a tax)
        ("He writes 3 pages twice a week. How many pages a year?", [3, 2, 52], [365, 7]),
        ("She reads 20 pages a day. How many pages in a year?", [20, 365], [52]),
        ("He worked 50 weeks.", [50], [52]),
        ("A 10% sales tax is added.", [10, Fraction(1, 10), Fraction(11, 10)], [Fraction(9, 5)]),
    ],
)
def test_given_numbers(prompt: str, present: list[Fraction | int], absent: list[Fraction | int]) -> None:
    given = set(given_numbers(prompt))
    assert all(Fraction(n) in given for n in present), given
    assert not any(Fraction(n) in given for n in absent), given


@pytest.mark.parametrize(
    ("text", "known", "loose"),
    [
        ("3 * 12", {3, 12}, []),
        ("36 - 8 + 1", {36, 1}, [8]),
        ("5^2", {5}, []),  # an exponent is notation, not a quantity
        ("2^5", {5}, [2]),
        ("-(7) + 7", {7}, []),
    ],
)
def test_ungrounded(text: str, known: set[int], loose: list[int]) -> None:
    found = ungrounded(parse_expr_text(text), {Fraction(k) for k in known})
    assert sorted(found) == [Fraction(n) for n in loose]


@pytest.mark.parametrize(
    ("prompt", "rules"),
    [
        ("Make 24 from 4, 4, 10, 10 using + - * / (each number once).", True),
        ("Use the numbers 1, 5, 5, 5 exactly once to get 24.", True),
        ("Combine the numbers 1, 2, 3, 4 to reach 24.", True),
        ("Get 24 from 1, 2, 3, 4.", True),
        ("Betty has 3 boxes with 12 pencils each.", False),
        ("Tom reads 5 pages each day for 3 weeks.", False),
    ],
)
def test_rules_in_words_are_not_a_word_problem(prompt: str, rules: bool) -> None:
    assert states_rules(prompt) is rules
    assert (spec_from(prompt, {"answer": "24"}).kind == "unknown") is rules


def test_a_reference_with_numbers_and_target_is_a_game_of_24() -> None:
    spec = spec_from("Make 24 from these.", {"answer": "24", "numbers": [4, 4, 10, 10], "target": 24})
    assert spec.kind == "game24"


# --- word problems, end to end ------------------------------------------------------------------------------

BETTY = (
    "Betty has 3 boxes with 12 pencils each. She gives away 7 pencils. How many pencils does she have left?"
)
NUMBER = "A number doubled and increased by five is thirteen. What is the number?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status", "step"),
    [
        (BETTY, "29", "3 × 12 = 36\n36 - 7 = 29\n#### 29", "verified", None),
        (BETTY, "29", "Betty has 3 × 12 = 36 pencils.\nShe has 36 - 7 = 29 pencils left.\n#### 29", "verified", None),  # noqa: E501
        # false arithmetic, located
        (BETTY, "29", "3 × 12 = 36\n36 - 7 = 28\n#### 29", "refuted", 2),
        # true arithmetic on a number from nowhere
        (BETTY, "29", "3 × 12 = 36\n36 - 8 = 28\n28 + 1 = 29\n#### 29", "unknown", 2),
        (BETTY, "29", "#### 29", "unknown", 1),
        # an answer no step computed, or computed in the answer line from loose numbers
        (BETTY, "29", "3 × 12 = 36\n#### 29", "unknown", 2),
        (BETTY, "29", "3 × 12 = 36\n36 - 7 = 29\n#### 29 + 0 × 5", "unknown", 3),
        # an equation set up from the words: solved by the reference, then every step equivalent
        (NUMBER, "4", "Let the number be x.\n2x + 5 = 13\n2x = 8\nx = 4\n#### 4", "verified", None),
        (NUMBER, "4", "Let the number be x.\n2x + 5 = 15\n2x = 8\nx = 4\n#### 4", "refuted", 2),
        (NUMBER, "4", "2x + 9 = 17\n2x = 8\nx = 4\n#### 4", "unknown", 1),  # 9 and 17 are not given
        (NUMBER, "4", "2x + 5 = 13\n2x = 10\nx = 5\n#### 5", "refuted", 2),
        (NUMBER, "4", "2x + 5 = 13\ny = 4\n#### 4", "unknown", 2),  # a second unknown
        # calculator notes are claims: a false one is never dropped
        ("Natalia sold 48 clips in April and half as many in May. How many in all?", "72",
         "48/2 = <<48/2=24>>24\n48+24 = <<48+24=72>>72\n#### 72", "verified", None),
        ("Natalia sold 48 clips in April and half as many in May. How many in all?", "72",
         "48/2 = <<48/2=25>>24\n48+24 = <<48+24=72>>72\n#### 72", "refuted", 1),
    ],
)  # fmt: skip
def test_word_problems(prompt: str, gold: str, response: str, status: str, step: int | None) -> None:
    result = _check(prompt, gold, response)
    assert result["status"] == status, result
    assert _first_bad(result) == step, result


# --- readers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "read"),
    [
        # repeating decimals: exact, and never the same as the decimal without its bar
        ("0.\\overline{3}", "(1/3)"),
        ("0.58\\overline{3}", "(7/12)"),
        ("0.(3)", "(1/3)"),
        ("2.5(16)", "2.5(16)"),  # a product, not a period
        ("0.3", "0.3"),
        # TeX one-token arguments
        ("\\frac12", "\\frac{1}{2}"),
        ("\\frac{1}2", "\\frac{1}{2}"),
        ("\\frac123", "\\frac{1}{2}3"),
        ("\\sqrt23", "\\sqrt{2}3"),
        # HTML emphasis in matched pairs only
        ("<b>Answer: 4</b>", " Answer: 4 "),
        ("a<b>c", "a<b>c"),
        # a lone ∓ is ±; beside another sign it stays refused
        ("x = 2 ∓ sqrt(3)", "x = 2 ± sqrt(3)"),
        ("x = 2 ± sqrt(3) ∓ 1", "x = 2 ± sqrt(3) ∓ 1"),
        # a value restated in brackets is an equality claim
        ("7/12 (= 0.5)", "7/12  = 0.5 "),
    ],
)
def test_prepare_line(line: str, read: str) -> None:
    assert prepare_line(line)[0] == read


DERIVED = "If 3x - 4 = 11, what is 5x + 1?"


@pytest.mark.parametrize(
    ("prompt", "gold", "response", "status"),
    [
        # number words up to 99
        ("Solve for x: 2x + 10 = 90", "40", "2x = 80\nx = 40\nThe answer is forty.", "verified"),
        ("Solve for x: x + 8 = 50", "42", "x = 42\nThe answer is forty-two.", "verified"),
        ("Solve for x: x + 8 = 50", "42", "x = 42\nThe answer is forty two.", "verified"),
        ("Solve for x: x + 8 = 50", "42", "x = 42\nThe answer is twenty four.", "refuted"),
        ("Solve for x: x + 8 = 50", "42", "x = 42\nThe answer is forty 2.", "unknown"),
        ("Solve for x: x + 8 = 50", "42", "x = 42\nThe answer is 40 two.", "unknown"),
        ("Solve for x: 2x + 10 = 90", "40", "2x = 80\nx = 40\nThe answer is fourteen.", "refuted"),
        # a box introduced by words
        (DERIVED, "26", "x = 5\n5x + 1 = 26\nThe value is $\\boxed{26}$.", "verified"),
        (DERIVED, "26", "x = 5\n5x + 1 = 26\nTwice the value is $\\boxed{26}$.", "unknown"),
        (DERIVED, "26", "x = 5\n5x + 1 = 26\nThe value is not $\\boxed{26}$.", "unknown"),
        # `\\boxed9` shows a boxed 9 (a one-token argument), another value than the claims'
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\n\\boxed9", "unknown"),
        ("Solve for x: 2x + 5 = 13", "4", "2x = 8\nx = 4\nThe answer is $\\boxed{4}$ <<2+2=5>>", "unknown"),
        # repeating decimals in the answer
        ("Solve for x: 3x = 1", "1/3", "x = 1/3\nAnswer: $0.\\overline{3}$", "verified"),
        ("Solve for x: 3x = 1", "1/3", "x = 1/3\nAnswer: $0.3$", "refuted"),
        ("Compute: 3/4 - 1/6", "7/12", "3/4 - 1/6 = 7/12\nAnswer: 7/12 (= 0.58\\overline{3})", "verified"),
        ("Compute: 3/4 - 1/6", "7/12", "3/4 - 1/6 = 7/12\nAnswer: 7/12 (= 0.583)", "refuted"),
        # a lone ∓
        ("Solve for x: x^2 - 4x + 1 = 0", "2 ± \\sqrt{3}", "x = 2 ∓ √3\nAnswer: x = 2 ∓ √3", "verified"),
        ("Solve for x: x^2 - 4x + 1 = 0", "2 ± \\sqrt{3}", "x = 2 ∓ √2\nAnswer: x = 2 ∓ √2", "refuted"),
        # a correction written as a LaTeX fraction, or as numbers side by side, is not prose
        ("Compute 1/2 + 1/4.", "3/4", "1/2 + 1/4 = 3/4\nAnswer: 3/4 ... no, $\\frac{5}{4}$", "unknown"),
        ("Compute 1/2 + 1/4.", "3/4", "1/2 + 1/4 = 3/4\nAnswer: 3/4 ... no, 3/4 3", "unknown"),
        # names given beside the claims of a line: the names first, checked against the equation
        ("Solve for x: x^2 - 2x - 1 = 0", "1 ± \\sqrt{2}",
         "With a = 1, b = -2, c = -1: x = (2 ± sqrt(8))/2\nx = 1 ± sqrt(2)\nAnswer: 1 ± sqrt(2)", "verified"),
        ("Solve for x: x^2 - 2x - 1 = 0", "1 ± \\sqrt{2}",
         "With a = 1, b = 2, c = -1: x = (2 ± sqrt(8))/2\nx = 1 ± sqrt(2)\nAnswer: 1 ± sqrt(2)", "refuted"),
        ("Solve for x: x^2 - 2x - 1 = 0", "1 ± \\sqrt{2}",
         "x = (-b ± sqrt(b^2 - 4*a*c))/(2*a), a = 1, b = -2, c = -1\nAnswer: 1 ± sqrt(2)", "verified"),
        ("Solve for x: x^2 - 2x - 1 = 0", "1 ± \\sqrt{2}",
         "x = (-b ± sqrt(b^2 - 4*a*c))/(2*a), a = 1, b = -2, c = 1\nAnswer: 1 ± sqrt(2)", "refuted"),
    ],
)  # fmt: skip
def test_readers_end_to_end(prompt: str, gold: str, response: str, status: str) -> None:
    assert _check(prompt, gold, response)["status"] == status


def test_a_box_alone_on_its_line_is_the_answer_step() -> None:
    trace = parse_trace("10 × 10 = 100\n$\\boxed{(10 \\times 10 - 4) / 4}$")
    assert trace.steps[-1].kind.value == "answer"
    assert trace.answer == "(10 \\times 10 - 4) / 4"
