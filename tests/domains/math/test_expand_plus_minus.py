"""`expand_plus_minus` of a tree without ± is the tree itself, equal to what the full expansion builds;
with ± every sign choice is there and the limit holds. No test looks at timing.
"""

from __future__ import annotations

import pytest

from assay.domains.math.exact import _expand, evaluate, expand_plus_minus
from assay.domains.math.grammar import parse_expr_text
from assay.errors import LimitExceeded


@pytest.mark.parametrize("text", ["2x + 5", "-(x - 3)^2 / 4", "sqrt(x + 1) - |x|", "7", "x", "pi"])
def test_without_plus_minus_the_tree_itself(text: str) -> None:
    expr = parse_expr_text(text)
    assert expand_plus_minus(expr) == _expand(expr, 8) == [expr]
    assert expand_plus_minus(expr)[0] is expr


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("3 ± 2", {1, 5}),
        ("-(1 ± 2) * 2", {2, -6}),
        ("(2 ± 1)(3 ± 1)", {12, 6, 4, 2}),
    ],
)
def test_with_plus_minus_every_choice(text: str, values: set[int]) -> None:
    expr = parse_expr_text(text)
    options = expand_plus_minus(expr)
    assert options == _expand(expr, 8)
    assert {evaluate(o) for o in options} == values


def test_the_limit_still_holds() -> None:
    with pytest.raises(LimitExceeded):
        expand_plus_minus(parse_expr_text(" ± ".join(["1"] * 6)))
