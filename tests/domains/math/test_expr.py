from fractions import Fraction

import pytest

from assay.domains.math.exact import Surd, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import parse_chain, parse_expr_text, pretty
from assay.errors import LimitExceeded, MathParseError


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # plain arithmetic and precedence
        ("2 + 3 * 4", Fraction(14)),
        ("2^3^2", Fraction(512)),
        ("-2^2", Fraction(-4)),
        ("2^-1", Fraction(1, 2)),
        ("8/2/2", Fraction(2)),
        ("3.25", Fraction(13, 4)),
        # implicit multiplication
        ("2(4) + 5", Fraction(13)),
        ("(1 + 1)(2 + 2)", Fraction(8)),
        ("3sqrt(4)", Fraction(6)),
        # unicode
        ("6 × 2 ÷ 3 − 1", Fraction(3)),
        ("2·3", Fraction(6)),
        ("3²", Fraction(9)),
        # LaTeX
        (r"\frac{3}{4} + \frac{1}{4}", Fraction(1)),
        (r"2 \cdot 3 \times 4", Fraction(24)),
        (r"\left(1 + 2\right) \div 3", Fraction(1)),
        (r"\sqrt{16}", Fraction(4)),
        (r"\dfrac{1}{2}", Fraction(1, 2)),
        # factorial
        ("5!", Fraction(120)),
        ("3!!", Fraction(720)),
        ("1/2004! * 2004!", Fraction(1)),
    ],
)
def test_exact_values(text: str, value: Fraction) -> None:
    assert evaluate(parse_expr_text(text)) == value


def test_surds_are_exact() -> None:
    root = evaluate(parse_expr_text("2 + sqrt(3)"))
    assert isinstance(root, Surd)
    assert evaluate(parse_expr_text("(2 + sqrt(3))(2 - sqrt(3))")) == 1
    assert evaluate(parse_expr_text("sqrt(12)")) == evaluate(parse_expr_text("2sqrt(3)"))
    assert format_number(evaluate(parse_expr_text("(4 - sqrt(12))/2"))) == "2 - sqrt(3)"


def test_plus_minus_expands_to_both_signs() -> None:
    values = {evaluate(e) for e in expand_plus_minus(parse_expr_text("±2021"))}
    assert values == {Fraction(2021), Fraction(-2021)}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("9**9**9", LimitExceeded),
        ("10^10^10^10", LimitExceeded),
        ("1000!!", LimitExceeded),
        ("(" * 100_000 + "1" + ")" * 100_000, LimitExceeded),
        ("(" * 200 + "1" + ")" * 200, LimitExceeded),
        ("1" * 5000, LimitExceeded),
        ("+".join(["1"] * 3000), LimitExceeded),
        ("__import__('os').system('echo hi')", MathParseError),
        ("().__class__.__bases__[0].__subclasses__()", MathParseError),
        ("x.__class__", MathParseError),
        ("1\x002", MathParseError),
        ("2 3", MathParseError),
        ("lambda: 1", MathParseError),
        ("import os", MathParseError),
        ("", MathParseError),
        ("2 +", MathParseError),
    ],
)
def test_hostile_text_is_refused_before_work(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        evaluate(parse_expr_text(text))


@pytest.mark.parametrize("text", ["pi", "e", "sqrt(-1)", "sqrt(2) + sqrt(3)", "2^(1/3)"])
def test_beyond_exact_path_is_unsupported(text: str) -> None:
    with pytest.raises(Unsupported):
        evaluate(parse_expr_text(text))


def test_chains_split_on_equals() -> None:
    parts = parse_chain("x = 8/2 = 4")
    assert len(parts) == 3


@pytest.mark.parametrize(
    "text", ["x^2 - 3x", "2(x + 3)", "-x + 1/2", "(x - 2)(x - 3)", "4 - (2 - 1)", "2^(3^2)"]
)
def test_pretty_round_trips(text: str) -> None:
    tree = parse_expr_text(text)
    assert parse_expr_text(pretty(tree)) == tree
