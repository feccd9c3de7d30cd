"""How numerals in answers are read: scientific notation, digit groups, and letters after a number.

Scientific notation: `4.2e1` is 42, while `1.5e-3` and `2e+1` have two readings.

An unsigned exponent right after a numeral (`4.2e1`, `3E5`) can only be a power of ten: nobody writes e
times 1 as `e1`. With a sign (`1.5e-3`) it is also 1.5·e − 3 with Euler's e, and math-verify reads it
that way, so neither the grammar nor math-verify picks: the answer is unknown, never refuted or verified.

Digit groups: `1,000.5` is 1000.5 (a decimal part after comma groups has no other reading); `1.000,5`,
the decimal-comma style's 1000.5, is also the list 1.000, 5, so it is never refuted as the list alone.

Letters: `12 m` for 12 and `1k` for 1000 hold a letter the reference does not have (a unit? a suffix? an
unknown?): unknown, where they used to be refuted as 12·m and 1·k.
"""

from fractions import Fraction

import pytest

from assay.domains.math.check import check_answer_job, check_trace_job
from assay.domains.math.expr import Num
from assay.domains.math.grammar import parse_chain
from assay.errors import LimitExceeded, MathParseError


@pytest.mark.parametrize(
    ("text", "value"),
    [("4.2e1", 42), ("3E5", 300_000), (".5e2", 50), ("5e0", 5), ("2.5e1", 25), ("1e3", 1000)],
)
def test_an_unsigned_exponent_is_a_power_of_ten(text: str, value: int) -> None:
    assert parse_chain(text) == [Num(Fraction(value))]


@pytest.mark.parametrize("text", ["1.5e-3", "2e+1", "4.2E+1", "3e2x", "2e1.5", "2e3(x + 1)"])
def test_a_signed_exponent_or_a_letter_after_it_is_refused(text: str) -> None:
    with pytest.raises(MathParseError, match="two readings"):
        parse_chain(text)


def test_a_huge_exponent_is_a_bound_not_a_number_of_a_million_digits() -> None:
    with pytest.raises(LimitExceeded):
        parse_chain("1e999999")


@pytest.mark.parametrize("text", ["2e", "2e + 1", "e^2", "3e", "x e^2"])
def test_eulers_e_away_from_an_exponent_is_read_as_before(text: str) -> None:
    parse_chain(text)  # no error: e is the constant


def _answer(gold: str, response: str) -> str:
    job = {"prompt": "What is the value?", "reference": {"answer": gold}, "response": response}
    return str(check_answer_job(job)["status"])


@pytest.mark.parametrize(
    ("gold", "response", "status"),
    [
        ("42", "Answer: 4.2e1", "verified"),
        ("42", "Answer: 4.2e2", "refuted"),
        ("3000", "The answer is 3e3.", "verified"),
        ("42", "Answer: 4.2E+1", "unknown"),  # math-verify would read it as 42
        ("0.0015", "Answer: 1.5e-3", "unknown"),  # math-verify would read it as 1.5e - 3 and refute
        ("2e+1", "Answer: 20", "unknown"),  # a reference with the same two readings
    ],
)
def test_answers_in_scientific_notation(gold: str, response: str, status: str) -> None:
    assert _answer(gold, response) == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        ("x = 3e3", "verified"),
        ("x = 3e2", "refuted"),
        ("x = 2(1.5e3)", "verified"),
        ("x = 3e+3", "unknown"),
    ],
)
def test_steps_in_scientific_notation(response: str, status: str) -> None:
    job = {"prompt": "Solve for x: x/2 = 1500", "reference": {"answer": "3000"}, "response": response}
    assert str(check_trace_job(job)["status"]) == status


@pytest.mark.parametrize(
    ("gold", "response", "status"),
    [
        ("1000.5", "Answer: 1,000.5", "verified"),
        ("1000.5", "Answer: 1,000.50", "verified"),
        ("1000.5", "Answer: 1{,}000.5", "verified"),
        ("1000.5", "Answer: 1,000.6", "refuted"),
        ("1000.5", "Answer: 1,000,5", "refuted"),  # no reading gives 1000.5
        ("1000.5", "Answer: 1.000,5", "unknown"),  # 1000.5 with a decimal comma, or the list 1.000, 5
        ("1000", "Answer: 1.000,5", "unknown"),
        ("1, 5", "Answer: 1.000,5", "verified"),  # as the list: equal
    ],
)
def test_digit_groups_with_a_decimal_part(gold: str, response: str, status: str) -> None:
    assert _answer(gold, response) == status


@pytest.mark.parametrize(
    ("gold", "response", "status"),
    [
        ("12", "Answer: 12 m", "unknown"),
        ("1000", "Answer: 1k", "unknown"),
        ("5", "Answer: x", "unknown"),
        ("2x + 1", "Answer: 2y + 1", "unknown"),
        ("2x + 1", "Answer: 2x + 2", "refuted"),  # the reference's own letters are compared as before
        ("2x + 1", "Answer: 1 + 2x", "verified"),
        ("4", "Answer: 2\\pi", "refuted"),  # a constant is no letter of this kind
    ],
)
def test_a_letter_the_reference_lacks_is_unknown(gold: str, response: str, status: str) -> None:
    assert _answer(gold, response) == status
