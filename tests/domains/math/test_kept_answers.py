"""What the checker keeps to read a line once answers exactly what reading it again answers.

A segment's reading (kept by text, renumbered per step), an operation's exact value (kept on its node),
a linear form's integers and magnitudes (kept by the form's identity), and the memos of pure functions of
text or trees: each is compared here with the plain computation, on inputs built to tell them apart
(hostile text, a tree with a variable evaluated at a point, forms freed and made again, equal trees
parsed apart); and the evaluator's whole-number arithmetic with the general fraction arithmetic. No test
looks at timing.
"""

from __future__ import annotations

import pickle
from fractions import Fraction

import pytest

from assay.domains.math import (
    grammar,
    linear_forms,
    mpoly,
    named_ops,
    poly,
    radical,
    restatement,
    step_reader,
)
from assay.domains.math.exact import MAX_BITS, Unsupported, apply_op, evaluate
from assay.domains.math.expr import Bin, Num, Var
from assay.domains.math.grammar import parse_chain, parse_expr_text
from assay.domains.math.trace import parse_trace
from assay.errors import LimitExceeded, MathParseError

SEGMENTS = [
    "Step 2: x + 7 = -54/(-6) = 9 [divide both sides by -6]",
    "Verify: (3)^2 - 10(3) + 21 = 0 and (7)^2 - 10(7) + 21 = 0",
    "Therefore x = 1, y = 1.",
    "The answer is 4. Hmm, that slipped: so x = 7.",
    "x = 2 is not a solution, so x = 3",
    "Answer: \\boxed{26}",
    "## Final Answer",
    "Both roots are positive.",
    '{"answer": 5}',
    "#### 72",
    "p\u043esitive x = 4 ✓",
    "",
]


@pytest.mark.parametrize("text", SEGMENTS)
@pytest.mark.parametrize("comment", ["", "6", "x is 6"])
def test_a_kept_reading_is_the_reading_renumbered(text: str, comment: str) -> None:
    for index in (1, 7, 1):  # the second and third answers are the memo's
        plain = step_reader._read(index, text, text, comment)
        kept = step_reader.read_step(index, text, text, comment)
        assert kept == plain
        assert all(e.step is None or e.step.index == index for e in kept)


def test_each_reading_has_steps_of_its_own() -> None:
    # the trace reader finds a step among its events by identity: two lines of the same text are two steps
    first = step_reader.read_step(3, "x = 4", "x = 4", "")
    again = step_reader.read_step(3, "x = 4", "x = 4", "")
    assert first == again
    assert all(a.step is not b.step for a, b in zip(first, again, strict=True) if a.step is not None)
    trace = parse_trace("x = 4\nx = 4\nAnswer: 4")
    assert [s.index for s in trace.steps] == [1, 2, 3]
    assert trace.steps[0] is not trace.steps[1]


def test_a_kept_value_is_never_one_at_a_point() -> None:
    tree = parse_expr_text("2x + 5")
    assert evaluate(tree, {"x": Fraction(4)}) == 13
    with pytest.raises(Unsupported):  # evaluated at a point, the tree kept nothing
        evaluate(tree)
    assert evaluate(tree, {"x": Fraction(1)}) == 7
    part = parse_expr_text("(3 + 4)x")
    assert isinstance(part, Bin)
    assert evaluate(part.left) == 7  # kept on the part without a variable, the same at any point
    assert evaluate(part, {"x": Fraction(2)}) == 14
    assert evaluate(part, {"x": Fraction(-1)}) == -7


@pytest.mark.parametrize("text", ["1/0 + 2", "sqrt(-4) * 2", "2^(1/3) + 1", "pi + 1", "5!!"])
def test_a_failing_node_keeps_nothing(text: str) -> None:
    try:
        tree = parse_expr_text(text)
    except MathParseError:
        return
    for _ in range(2):
        with pytest.raises((Unsupported, ZeroDivisionError, LimitExceeded)):
            evaluate(tree)


def test_a_pickled_node_leaves_its_kept_value_behind() -> None:
    tree = parse_expr_text("(2 + 3) * sqrt(8)")
    value = evaluate(tree)
    copy = pickle.loads(pickle.dumps(tree))
    assert isinstance(copy, Bin) and copy._value is None
    assert copy == tree and evaluate(copy) == value


def _plain_multiple(form: tuple[Fraction, ...], of: tuple[Fraction, ...]) -> Fraction | None:
    if any((not f) != (not o) for f, o in zip(form, of, strict=True)):
        return None
    ratios = {f / o for f, o in zip(form, of, strict=True) if o}
    return ratios.pop() if len(ratios) == 1 else None


FORMS = [
    (Fraction(1), Fraction(-1), Fraction(-2)),
    (Fraction(2), Fraction(-2), Fraction(-4)),
    (Fraction(-1, 2), Fraction(1, 2), Fraction(1)),
    (Fraction(1), Fraction(0), Fraction(-6)),
    (Fraction(3), Fraction(0), Fraction(-18)),
    (Fraction(0), Fraction(1, 3), Fraction(-4, 3)),
    (Fraction(0), Fraction(0), Fraction(0)),
    (Fraction(2, 3), Fraction(5, 7), Fraction(0)),
]


def test_forms_kept_by_identity_answer_as_their_fractions() -> None:
    for _ in range(3):
        # made afresh each round: a form freed and made again may take an old id, and is read afresh
        forms = [tuple(Fraction(v) for v in form) for form in FORMS]
        for form in forms:
            held = [i for i, v in enumerate(form[:-1]) if v]
            assert linear_forms.valued(form) == (held[0] if len(held) == 1 else None)
            assert linear_forms.magnitudes(form) == frozenset(abs(v) for v in form)
            for of in forms:
                assert linear_forms.multiple(form, of) == _plain_multiple(form, of)
    for i in range(linear_forms._MAX_KEPT + 10):  # many forms: the memos stay bounded
        linear_forms.multiple((Fraction(i), Fraction(1)), (Fraction(1), Fraction(1)))
    assert len(linear_forms._INTEGERS) <= linear_forms._MAX_KEPT


@pytest.mark.parametrize(
    "text",
    [
        "Divide both sides by 3",
        "Subtract 2x from both sides",
        "Taking the square root of both sides",
        "Multiply both sides by (x - 1)",
        "add 5 to both sides and divide both sides by 2",
        "Divide: 4",
        "divide both sides by √",
        "",
    ],
)
def test_a_kept_named_operation_is_the_reading(text: str) -> None:
    for _ in range(2):
        assert named_ops.named_operation(text) == named_ops.named_operation.__wrapped__(text)


@pytest.mark.parametrize(
    "text", ["2x + 5", "(x - 2)(x + 3)", "sqrt(x + 7) - 1", "-(-3)", "1/2x", "2 =", "x y"]
)
def test_kept_parses_and_shapes_answer_as_reading_again(text: str) -> None:
    plain = grammar.parse_expr_text.__wrapped__
    try:
        fresh = plain(text)
    except (MathParseError, LimitExceeded):
        for _ in range(2):  # a refusal is never kept
            with pytest.raises((MathParseError, LimitExceeded)):
                parse_expr_text(text)
        return
    for _ in range(2):
        assert parse_expr_text(text) == fresh
        assert restatement._shape(fresh) == restatement._shape.__wrapped__(fresh)
        try:
            converted = poly.to_ratfunc.__wrapped__(fresh, "x")
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            with pytest.raises((Unsupported, LimitExceeded, ZeroDivisionError)):
                poly.to_ratfunc(fresh, "x")
        else:
            assert poly.to_ratfunc(fresh, "x") == converted
        try:
            whole = mpoly._to_ratfunc(fresh)
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            with pytest.raises((Unsupported, LimitExceeded, ZeroDivisionError)):
                mpoly.to_ratfunc(fresh)
        else:
            assert mpoly.to_ratfunc(fresh) == whole


@pytest.mark.parametrize(
    "equation", ["x^2 - 10x + 21 = 0", "sqrt(x + 7) = x - 5", "|x - 3| = 2", "2x + 5 = 2x + 5", "x^x = 4"]
)
def test_a_kept_solution_set_is_the_solving(equation: str) -> None:
    lhs, rhs = parse_chain(equation)
    try:
        solved = radical.solve.__wrapped__(lhs, rhs, "x")
    except (Unsupported, LimitExceeded):
        for _ in range(2):
            with pytest.raises((Unsupported, LimitExceeded)):
                radical.solve(lhs, rhs, "x")
        return
    left, right = equation.split("=", 1)
    for _ in range(2):
        assert radical.solve(lhs, rhs, "x") == solved
        assert radical.solve(*parse_chain(f"({left}) = {right}"), "x") == solved  # an equal tree parsed apart
    assert radical.solve(Var("x"), Num(Fraction(2)), "x").points == frozenset({Fraction(2)})


@pytest.mark.parametrize("op", ["+", "-", "*"])
@pytest.mark.parametrize(
    ("left", "right"),
    [(12, -7), (0, 5), (-3, 0), (10**30, 10**30), (2, 3), (Fraction(1, 2), 4), (4, Fraction(-2, 3))],
)
def test_whole_number_arithmetic_is_the_fraction_arithmetic(op: str, left: object, right: object) -> None:
    a, b = Fraction(left), Fraction(right)  # type: ignore[arg-type]
    general = {"+": a + b, "-": a - b, "*": a * b}[op]
    found = apply_op(op, a, b)
    assert found == general and type(found) is Fraction
    assert (found.numerator, found.denominator) == (general.numerator, general.denominator)


def test_whole_numbers_past_the_size_bound_are_refused() -> None:
    big = Fraction(2**MAX_BITS)
    with pytest.raises(LimitExceeded):
        apply_op("*", big, big)
    with pytest.raises(LimitExceeded):
        apply_op("+", big * 2, big * 2)
    assert apply_op("-", big, big) == 0
