"""The speed-ups of the math checker answer exactly what the plain computation answers.

Each memo (an lru_cache on a pure function, the names of a problem's pairs, a tie matcher's shared node
values) and each fast path (exact type dispatch, a rational operand of a surd, a parse too small to be
deep) is compared here with the computation it replaces, on inputs built to tell them apart: hostile
text, repeated text, structurally equal but distinct trees, lists in place of tuples. No test looks at
timing.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from fractions import Fraction

import pytest

from assay.domains.math import answer, hidden_claims, markup, poly, spoken, step_state, vocabulary, words
from assay.domains.math.exact import Surd, Unsupported, evaluate, square_root
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, Var, nodes, variables
from assay.domains.math.grammar import MAX_TREE_DEPTH, parse_chain, parse_expr_text
from assay.domains.math.tie import Values, follows
from assay.errors import LimitExceeded, MathParseError

TEXTS = [
    "simplify",
    "add 16 to both sides",
    "Half of 8 is 3",
    "thirteen minus five is seven",
    "x is the next integer up",
    "Both roots are positive.",
    "there are no real roots",
    "pos\u00aditive",  # a soft hyphen inside a property word
    "p\u043esitive",  # a Cyrillic o
    "𝑥 = 4",
    "x = 2, 3",
    "x is either 2 or 3.",
    "2θ = 9",
    "the two solutions are 1 and 4",
    "Let's check the two roots",
    "",
    "5x + 3 = 2x - 9",
    "**Step 2:** $9x = -72$ \\quad \\checkmark  # 9x",
    "| x | 2 |",
    "~~x = 5~~ x = 4",
    "5x &#61; 26",
]


@pytest.mark.parametrize(
    "cached",
    [
        hidden_claims.hidden_claim,
        spoken.states_property,
        words.extract_claims,
        markup.prepare_line,
        vocabulary.is_mathy,
    ],
    ids=lambda f: f.__name__,
)
def test_text_memos_answer_as_the_function_does(cached: object) -> None:
    plain = cached.__wrapped__  # type: ignore[attr-defined]
    info = cached.cache_info()  # type: ignore[attr-defined]
    assert info.maxsize is not None and info.maxsize <= 8192  # bounded: a long-lived worker does not grow
    for _ in range(2):  # the second round answers from the memo
        for text in TEXTS:
            assert cached(text) == plain(text), text  # type: ignore[operator]


@pytest.mark.parametrize(
    "text",
    [
        "Both roots are positive.",
        "pos\u00aditive",
        "p\u043esitive",
        "the solutions are p\u043esitive",
        "\u200bthere are no real roots",
        "Let's check the two roots",
        "x = 4 ✓",
        "simplify",
    ],
)
def test_states_property_ascii_fast_path_agrees_with_the_full_scan(text: str) -> None:
    # the fast path skips the format-character and mixed-script scans for ASCII text: there they find nothing
    if text.isascii():
        assert "".join(c for c in text if unicodedata.category(c) != "Cf") == text
        assert not any(spoken._mixed_script(w) for w in re.findall(r"[^\W\d_]{2,}", text))
    assert spoken.states_property(text) == spoken.states_property.__wrapped__(text)


def _variables_by_walk(expr: Expr) -> frozenset[str]:
    return frozenset(node.name for node in nodes(expr) if isinstance(node, Var))


@pytest.mark.parametrize(
    "expr",
    [
        Num(Fraction(3)),
        Var("x"),
        Neg(Var("y")),
        Call("sqrt", Bin("+", Var("a"), Num(Fraction(1)))),
        PlusMinus(None, Var("b")),
        PlusMinus(Var("c"), Bin("^", Var("d"), Num(Fraction(2)))),
        parse_expr_text("-2(-x - 3y) + 5x^2 - 3(x + 1)/(2z) - sqrt(w) + |t| + 7!"),
    ],
)
def test_variables_matches_the_node_walk(expr: Expr) -> None:
    assert variables(expr) == _variables_by_walk(expr)


def test_solution_set_memo_is_immutable_and_keyed_by_structure() -> None:
    plain = poly.solution_set.__wrapped__
    lhs, rhs = parse_chain("x^2 - 4x - 5 = 0")
    first = poly.solution_set(lhs, rhs, "x")
    # an equal tree parsed apart is the same question; a different variable is another one
    again = poly.solution_set(*parse_chain("(x^2 - 4x - 5) = (0)"), "x")
    assert first == again == plain(lhs, rhs, "x")
    # a refusal is never kept: asked twice, it is refused twice
    for _ in range(2):
        with pytest.raises(Unsupported):
            poly.solution_set(lhs, rhs, "y")
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.points = frozenset()  # type: ignore[misc]
    assert poly.solution_set.cache_info().maxsize is not None


def test_pair_names_memo() -> None:
    pairs = tuple((a, b) for a, b in [parse_chain("x + y = 3"), parse_chain("2x - z = 1")])
    assert step_state.pair_names(pairs) == frozenset({"x", "y", "z"})
    assert step_state.pair_names(pairs) == frozenset({"x", "y", "z"})  # from the memo
    # a list may change under the same id: never memoized, always read afresh
    listed = [tuple(parse_chain("x = 1"))]
    assert step_state.pair_names(listed) == frozenset({"x"})  # type: ignore[arg-type]
    listed[0] = (Var("q"), Num(Fraction(1)))
    assert step_state.pair_names(listed) == frozenset({"q"})  # type: ignore[arg-type]
    for i in range(20):  # many problems: the memo stays small
        step_state.pair_names(((Var("x"), Num(Fraction(i))),))
    assert len(step_state._NAMES) <= 8


def test_surd_with_a_rational_operand_equals_the_general_formula() -> None:
    root = square_root(Fraction(20))  # 2*sqrt(5)
    assert isinstance(root, Surd)
    value = Fraction(-6) + root
    assert isinstance(value, Surd)
    for other in (Fraction(3), Fraction(-7, 4), Fraction(0), 2, 0):
        c = Fraction(other)
        product = Surd.make(value.a * c + value.b * 0 * value.d, value.a * 0 + value.b * c, value.d)
        total = Surd.make(value.a + c, value.b + 0, value.d)
        assert value * other == other * value == product
        assert value + other == other + value == total
        assert value - other == Surd.make(value.a - c, value.b, value.d)
        assert type(value * other) is type(product) and type(value + other) is type(total)
    assert value * value == Surd.make(
        value.a * value.a + value.b * value.b * value.d, 2 * value.a * value.b, value.d
    )


@pytest.mark.parametrize(
    ("claim", "source", "env"),
    [
        ("2(4) + 5", "2x + 5", {"x": Fraction(4)}),
        ("5 + 2(4)", "2x + 5", {"x": Fraction(4)}),
        ("4 + 9", "2x + 5", {"x": Fraction(4)}),
        ("((-9 + 3sqrt(5))/2)^2 + 9((-9 + 3sqrt(5))/2) + 9", "x^2 + 9x + 9", "+"),
        ("((-9 + 3sqrt(5))/2)^2 + 9((-9 + 3sqrt(5))/2) + 9", "x^2 + 9x + 9", "-"),
        ("-1(6) - 3(8)", "-x - 3y", {"x": Fraction(6), "y": Fraction(8)}),
    ],
)
def test_follows_with_a_shared_memo_answers_as_alone(claim: str, source: str, env: object) -> None:
    if isinstance(env, str):  # a root of x^2 + 9x + 9 = 0
        root = (Fraction(-9) + square_root(Fraction(45)) * (1 if env == "+" else -1)) / 2
        env = {"x": root}
    assert isinstance(env, dict)
    claim_tree, source_tree = parse_expr_text(claim), parse_expr_text(source)
    memo: Values = {}
    alone = follows(claim_tree, source_tree, env)
    # the memo filled by other questions at the same env changes no answer
    follows(claim_tree, parse_expr_text("x^2"), env, values=memo)
    assert follows(claim_tree, source_tree, env, values=memo) == alone
    assert follows(claim_tree, source_tree, env, values=memo) == alone


def test_evaluate_dispatch_unchanged() -> None:
    assert evaluate(parse_expr_text("2^3^2 - 8/2/2 + 3!")) == Fraction(516)
    assert evaluate(parse_expr_text("x y + 1"), {"x": Fraction(2), "y": Fraction(3)}) == Fraction(7)


def test_depth_limit_still_applies_to_long_flat_chains() -> None:
    # a tree is never deeper than its node count, so only trees with more nodes than the limit are walked;
    # a long left-leaning sum is one of them
    with pytest.raises(LimitExceeded):
        parse_expr_text("+".join(["1"] * (MAX_TREE_DEPTH + 5)))
    assert evaluate(parse_expr_text("+".join(["1"] * (MAX_TREE_DEPTH // 2)))) == MAX_TREE_DEPTH // 2


@pytest.mark.parametrize("text", ["4", "-2, 2", "x = 3, y = -1", "(3, 2)", "\\frac{7}{12}", "x = 2 or x = 3"])
def test_the_reference_memo_reads_as_the_answer_reader_does(text: str) -> None:
    assert answer.read_reference.cache_info().maxsize is not None  # bounded
    for _ in range(2):  # the second answer is the memo's
        assert answer.read_reference(text) == answer.read_answer(text)[0]


@pytest.mark.parametrize("text", ["", "x^x", "sqrt(-4)", "y = 2x + 1"])
def test_a_reference_the_reader_refuses_is_refused_every_time(text: str) -> None:
    for _ in range(2):
        with pytest.raises((MathParseError, Unsupported)):
            answer.read_answer(text)
        with pytest.raises((MathParseError, Unsupported)):
            answer.read_reference(text)
