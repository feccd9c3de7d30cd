import pickle
from fractions import Fraction

import pytest

from assay.domains.math.exact import Surd, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import Bin, Num, Var, pretty, to_text, variables
from assay.domains.math.fold import fold_unicode
from assay.domains.math.grammar import parse_chain, parse_expr_text
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
        ("(3!)!", Fraction(720)),
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
        ("(1000!)!", LimitExceeded),
        ("3!!", MathParseError),  # a double factorial (15) or (3!)! (720): two readings, refused
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


# --- spellings with one reading: read as the writer meant -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        # LaTeX root indices: the n-th root, never sqrt(n) times the radicand
        (r"\sqrt[4]{5}", "(5^(1/4))"),
        (r"\sqrt[3]{x + 1}", "((x+1)^(1/3))"),
        (r"\sqrt[2]{9}", "(9^(1/2))"),
        ("∛8", "(8^(1/3))"),
        # a whole number then a proper numeric fraction is a mixed number; anything else is a product
        (r"3\frac{1}{4}", "(3+(1/4))"),
        (r"-3\frac{1}{4}", "(-(3+(1/4)))"),
        # the same written with a space: `3 1/4` (two numbers side by side are otherwise refused)
        ("3 1/4", "(3+(1/4))"),
        ("-3 1/2", "(-(3+(1/2)))"),
        ("2 × 3 1/2", "(2*(3+(1/2)))"),
        ("3 1/4 + 1", "((3+(1/4))+1)"),
        (r"x - 2\frac{1}{2}", "(x-(2+(1/2)))"),
        (r"2\frac{x}{3}", "(2*(x/3))"),
        (r"2^3\frac{1}{4}", "((2^3)*(1/4))"),
        ("3¼", "(3+(1/4))"),
        ("½x", "((1/2)*x)"),
        # nested fractions keep their structure
        (r"\frac{x}{\frac{2}{x}}", "(x/(2/x))"),
        ("2x/(1/x)", "((2*x)/(1/x))"),
        # Unicode's mathematical alphabets, fullwidth forms, superscripts, other digits
        ("2𝑥 + 𝐱 + 𝓍 + ｘ", "((((2*x)+x)+x)+x)"),
        ("２𝑥 − ９", "((2*x)-9)"),
        ("x²³", "(x^23)"),
        ("2⁻¹", "(2^(-1))"),
        ("xʸ", "(x^y)"),
        ("𝟒 + ٣", "(4+3)"),
        ("6 ✕ 2 ∕ 3", "((6*2)/3)"),
        ("a\u200b+\u00a0b", "(a+b)"),
    ],
)
def test_unusual_spellings_are_read_as_meant(text: str, tree: str) -> None:
    assert to_text(parse_expr_text(text)) == tree


@pytest.mark.parametrize(
    "text",
    [
        "1/2x",  # x/2 or 1/(2x)?
        "8/2(4)",
        r"2\frac{3}{2}",  # a product, or a mixed number written wrongly?
        r"1\frac{4}{4}",
        "x₁ + 1",  # a subscript makes another variable, not x1
        "2.5½",
        "x2½",
        r"\sqrt[3]",
        "①+1",  # a circled digit is a label
        "2x\u0304",  # x with a combining macron is x-bar, another variable
        "x′ + 1",
        "2 ≠ 3",
        "3 5/4",  # an improper fraction after a whole number: a mixed number written wrongly?
        "3 1/4x",  # (3 + 1/4)x or 3 + 1/(4x)?
        "3 1/4^2",
        "3 1/4/2",
        "2 3",  # a typo, not 6
        "17 % 5",  # a remainder, or 17% times 5?
        "3%x",
        "25% (4)",
        r"50\% of",
    ],
)
def test_spellings_with_two_readings_are_refused(text: str) -> None:
    with pytest.raises(MathParseError):
        parse_expr_text(text)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("x² − 5x + 6", "x^(2) - 5x + 6"),
        ("𝑥 = ４", "x = 4"),
        ("3¼ and ½", "(3+1/4) and (1/2)"),
        ("x₁₂", "x_(12)"),
        ("so — as shown", "so  ;  as shown"),
        ("Let’s check", "Let’s check"),
        ("2π", "2 pi "),
        ("plain ASCII stays", "plain ASCII stays"),
    ],
)
def test_fold_unicode(text: str, folded: str) -> None:
    assert fold_unicode(text) == folded


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25%", Fraction(1, 4)),
        (r"25\%", Fraction(1, 4)),
        ("32 * 25%", Fraction(8)),
        ("(1/2)%", Fraction(1, 200)),
        ("5%!", None),  # (5/100)! is beyond the exact path
        ("8%", Fraction(2, 25)),  # never 8: "Answer: 8%" is not the answer 8
    ],
)
def test_a_percent_sign_is_a_hundredth(text: str, value: Fraction | None) -> None:
    if value is None:
        with pytest.raises((Unsupported, MathParseError)):
            evaluate(parse_expr_text(text))
    else:
        assert evaluate(parse_expr_text(text)) == value


def test_a_node_keeps_the_hash_the_dataclass_would_give_and_leaves_it_behind_when_pickled() -> None:
    tree = Bin("+", Bin("*", Num(Fraction(2)), Var("x")), Num(Fraction(5)))
    # the tuple of the compared fields, as the frozen dataclass hashes: sets of trees iterate as before
    assert hash(tree) == hash(("+", tree.left, tree.right)) == hash(tree)
    assert variables(tree) == frozenset({"x"}) and variables(tree) is variables(tree)
    copy = pickle.loads(pickle.dumps(tree))
    assert copy == tree and hash(copy) == hash(tree) and repr(copy) == repr(tree)
    assert pickle.loads(pickle.dumps(Var("y")))._hash is None  # a hash of strings is per process
