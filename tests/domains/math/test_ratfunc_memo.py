"""The memo of `mpoly.to_ratfunc` answers as the plain conversion does: keyed by the tree's structure, a
refusal never kept, bounded, and the shared polynomials left as they were by every question that reads
them. No test looks at timing.
"""

from __future__ import annotations

import pytest

from assay.domains.math import mpoly, named_ops, operations, restatement
from assay.domains.math.decide import cancelled_identity, identity
from assay.domains.math.exact import Unsupported
from assay.domains.math.grammar import parse_chain, parse_expr_text
from assay.errors import LimitExceeded

TEXTS = [
    "2(x + 3)",
    "2x + 6",
    "(x - 2)(x + 3)/(x + 1)",
    "x/x",
    "-(x^2 - 4x + 4)",
    "sqrt(8) x + 1/2",
    "pi x - e",
    "(x + y)^3 - 3*x*y*(x + y)",
    "0(2x + 5)",
    "5",
    "(x^2 - 1)^-2",
]


@pytest.mark.parametrize("text", TEXTS)
def test_memo_answers_as_the_plain_conversion(text: str) -> None:
    expr = parse_expr_text(text)
    fresh = mpoly._to_ratfunc(expr)
    for _ in range(2):  # the second answer is the memo's
        assert mpoly.to_ratfunc(expr) == fresh
    assert mpoly.to_ratfunc(parse_expr_text(f"({text})")) == fresh  # an equal tree parsed apart


@pytest.mark.parametrize("text", ["sqrt(x)", "x^x", "2^(1/x)", "x^30"])
def test_a_refusal_is_never_kept(text: str) -> None:
    expr = parse_expr_text(text)
    for _ in range(2):
        with pytest.raises((Unsupported, LimitExceeded)):
            mpoly.to_ratfunc(expr)


def test_the_memo_is_bounded() -> None:
    assert mpoly.to_ratfunc.cache_info().maxsize is not None


def test_questions_leave_the_shared_polynomials_as_they_were() -> None:
    before, after = tuple(parse_chain("6x + 4 = 2x + 12")), tuple(parse_chain("4x = 8"))
    sides = [*before, *after, parse_expr_text("2(x + 3)"), parse_expr_text("2x + 6")]
    kept = {side: mpoly._to_ratfunc(side) for side in sides}
    for side in sides:
        mpoly.to_ratfunc(side)
    operations.one_operation(before, after, "x")
    operations.one_operation(after, before, "x")
    identity(sides[4], sides[5])
    cancelled_identity([sides[4], sides[5]])
    mpoly.linear_form(before[0], before[1], ("x",))
    mpoly.proportional(before, after)
    restatement.ratio(before[0], after[0])
    named_ops.constant(sides[0])
    for side in sides:
        assert mpoly.to_ratfunc(side) == kept[side] == mpoly._to_ratfunc(side)


@pytest.mark.parametrize("text", TEXTS)
def test_a_tree_built_of_remembered_parts_answers_as_the_plain_conversion(text: str) -> None:
    # the questions build trees of sides already converted (`lhs - rhs`, `k·lhs`): parts come from the memo
    side = parse_expr_text(text)
    try:
        mpoly.to_ratfunc(side)
    except (Unsupported, LimitExceeded):
        return
    for built in (f"({text}) - ({text})", f"3*({text})", f"({text}) + x", f"(({text}) - 1)^2"):
        expr = parse_expr_text(built)
        assert mpoly.to_ratfunc(expr) == mpoly._to_ratfunc(expr), built


def test_a_deep_tree_is_converted_whole() -> None:
    expr = parse_expr_text(" + ".join(["(x + 1)"] * 40))  # deeper than SHARED_DEPTH: one piece
    assert mpoly.to_ratfunc(expr) == mpoly._to_ratfunc(expr) == ({(("x", 1),): 40, (): 40}, mpoly.ONE)
