"""The tree walks (`nodes`, `number_leaves`, `has_plus_minus`, `tree_depth`) loop with exact type tests for
speed; each must answer exactly as a plain recursive walk of the same tree does, node for node and in the
same order, on every shape the grammar builds."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assay.domains.math.expr import (
    Bin,
    Call,
    Expr,
    Neg,
    Num,
    PlusMinus,
    has_plus_minus,
    nodes,
    number_leaves,
    tree_depth,
)
from assay.domains.math.fold import fold_unicode
from assay.domains.math.grammar import parse_chain


def _children(node: Expr) -> list[Expr]:
    """Children in the order `nodes` visits them (its stack pops the last pushed first)."""
    if isinstance(node, Bin):
        return [node.right, node.left]
    if isinstance(node, Neg | Call):
        return [node.arg]
    if isinstance(node, PlusMinus):
        return [node.right] if node.left is None else [node.left, node.right]
    return []


def _nodes_reference(expr: Expr) -> list[Expr]:
    out = [expr]
    for child in _children(expr):
        out.extend(_nodes_reference(child))
    return out


def _leaves_reference(expr: Expr) -> list[Fraction]:
    if isinstance(expr, Num):
        return [expr.value]
    if isinstance(expr, Bin):
        return _leaves_reference(expr.left) + _leaves_reference(expr.right)
    if isinstance(expr, Neg | Call):
        return _leaves_reference(expr.arg)
    if isinstance(expr, PlusMinus):
        left = [] if expr.left is None else _leaves_reference(expr.left)
        return left + _leaves_reference(expr.right)
    return []


def _depth_reference(expr: Expr) -> int:
    return 1 + max((_depth_reference(child) for child in _children(expr)), default=0)


def _has_plus_minus_reference(expr: Expr) -> bool:
    if isinstance(expr, PlusMinus):
        return True
    if isinstance(expr, Bin):
        return _has_plus_minus_reference(expr.left) or _has_plus_minus_reference(expr.right)
    if isinstance(expr, Neg | Call):
        return _has_plus_minus_reference(expr.arg)
    return False


SHAPES = [
    "3x + 5 = 26",
    "−7 − (−3) = −4",  # unicode minus
    "2(x + 3)(x − 1) = 2x^2 + 4x − 6",  # implicit products
    "((((1 + 2) * 3) − 4) / 5) = 1",  # nested parentheses
    "123456789012345678901234567890 * 98765432109876543210"
    " = 12193263113702179522496570642237463801111263526900",  # huge integers
    "0.25 × 100 = 25",  # decimals
    "84 ÷ 12 = 7",
    "2^10 − 3^(2^2) = 943",  # exponents, nested
    "x = (−b ± sqrt(b^2 − 4*a*c)) / (2*a)",
    "±3 = x",
    "5! / (2! * 3!) = 10",
    "|−4| + sqrt(16) = 8",
    "-(-(-(x))) = -x",
]


@pytest.mark.parametrize("text", SHAPES)
def test_walks_agree_with_a_recursive_walk(text: str) -> None:
    for side in parse_chain(fold_unicode(text)):
        assert list(nodes(side)) == _nodes_reference(side)
        assert [id(n) for n in nodes(side)] == [id(n) for n in _nodes_reference(side)]
        assert number_leaves(side) == _leaves_reference(side)
        assert tree_depth(side) == _depth_reference(side)
        assert has_plus_minus(side) == _has_plus_minus_reference(side)


def test_a_plus_minus_without_a_left_side_is_walked() -> None:
    tree = Bin("*", PlusMinus(None, Num(Fraction(3))), Neg(Call("sqrt", Num(Fraction(2)))))
    assert [id(n) for n in nodes(tree)] == [id(n) for n in _nodes_reference(tree)]
    assert number_leaves(tree) == [Fraction(3), Fraction(2)]
    assert tree_depth(tree) == 4
    assert has_plus_minus(tree)
