"""A method a step names for itself, held to the shape of what the step writes.

"Step 2: (x - 2)(x + 8) = 0 [complete the square]" keeps the solutions, so the solution-set check passes
it, and yet the step does not do what it says. When a line names its method in a bracketed reason or in
a lead before a colon ("Completing the square: ...", "Factor: ...", or "By completing the square, ..."), the
method must show:

- completing the square writes a square of a sum or difference (`(x + 3)^2`), or a side that is one
  expanded (`x^2 + 6x + 9`);
- factoring writes a product with a sum or difference in it (`(x - 2)(x + 8)`, `2(x + 3)`, `x(x - 4)`);
- the quadratic formula writes a ± or a square root, or the roots it gives (`x = 3 or x = 2`).

A line whose shape does not show the method it names is `unknown`. Methods said in passing in prose are
not read here; other methods are not checked.
"""

from __future__ import annotations

import re

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown
from assay.domains.math.exact import Unsupported
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, Var, nodes, variables
from assay.errors import LimitExceeded
from assay.text.trigger_words import compile_guarded

# where a line names its own method: a bracketed reason, or a lead before a colon
_BRACKETED = re.compile(r"\[([^\[\]]{1,80})\]")
_LEAD = re.compile(
    r"^\s*(?:\*\*)?(?:step\s*\d+\s*[:.)]\s*)?([A-Za-z][^:=\d]{0,60}):"
    # `By completing the square, (x - 2)^2 = 1`, `Using the quadratic formula, x = ...`: a lead before a comma
    r"|^\s*(?:\*\*)?(?:step\s*\d+\s*[:.)]\s*)?((?:by|using|with|via|applying)\s[^:=\d,]{0,60}),",
    re.I,
)
# the method leads the reason ("[factor]", "By completing the square:"), not a noun inside it ("[a product
# is zero when a factor is]")
_OPENING = r"^\s*(?:(?:by|now|then|next|we|let's|first)\s+){0,3}"
_COMPLETE = compile_guarded(_OPENING + r"complet(?:e|es|ing|ed)\s+the\s+square\b", re.I)
_FACTOR = compile_guarded(_OPENING + r"(?:factor(?:s|ing|ed|ise|ize|ised|ized)?\b|factori[sz]ation\b)", re.I)
_FORMULA = compile_guarded(
    r"^\s*(?:(?:by|using|with|via|applying|now|then|next|we|let's|first|use)\s+){0,3}(?:the\s+)?quadratic\s+formula\b",
    re.I,
)
_NOT_A_METHOD = compile_guarded(
    r"\b(?:common\s+factor|factor\s+of|not|n't|instead|could|would|try|tried)\b", re.I
)


def check_method(text: str, groups: list[list[list[Expr]]]) -> None:
    """Unknown when the line names a method its shape does not show."""
    named = [m.group(1) for m in _BRACKETED.finditer(text)]
    lead = _LEAD.match(text)
    if lead is not None:
        named.append(lead.group(1) or lead.group(2))
    parts = [part for group in groups for alternative in group for part in alternative]
    for words in named:
        if _NOT_A_METHOD.search(words):
            continue
        square = any(_is_square_of_sum(node) for p in parts for node in nodes(p)) or any(
            map(_square_trinomial, parts)
        )
        if _COMPLETE.search(words) and not square:
            raise Unknown("the line says it completes the square, but writes no square of a sum")
        if _FORMULA.search(words) and not _formula_shape(groups):
            raise Unknown(
                "the line says it uses the quadratic formula, but writes no ± or root, nor the roots"
            )
        factored = any(_is_factored(node) for p in parts for node in nodes(p))
        if _FACTOR.search(words) and not _COMPLETE.search(words) and not factored:
            raise Unknown("the line says it factors, but writes no product of a sum")


def _formula_shape(groups: list[list[list[Expr]]]) -> bool:
    """What the quadratic formula writes: a ± or a square root, or the roots it gives (`x = 3 or x = 2`)."""
    parts = [part for group in groups for alternative in group for part in alternative]
    if any(
        isinstance(node, PlusMinus) or (isinstance(node, Call) and node.name == "sqrt")
        for p in parts
        for node in nodes(p)
    ):
        return True
    return all(
        isinstance(alternative[0], Var) and not any(variables(p) for p in alternative[1:])
        for group in groups
        for alternative in group
    )


def _sum(expr: Expr) -> bool:
    return isinstance(expr, Bin) and expr.op in "+-" and bool(variables(expr))


def _is_square_of_sum(node: Expr) -> bool:
    return (
        isinstance(node, Bin)
        and node.op == "^"
        and isinstance(node.right, Num)
        and node.right.value == 2
        and _sum(node.left)
    )


def _square_trinomial(side: Expr) -> bool:
    """`x^2 + 6x + 9`: a polynomial in one variable that is the square of a linear one (a1² = 4·a2·a0)."""
    names = variables(side)
    if len(names) != 1:
        return False
    try:
        numerator, denominator = mpoly.to_ratfunc(side)
    except (Unsupported, LimitExceeded):
        return False
    if mpoly.constant_of(denominator) is None or mpoly.total_degree(numerator) != 2:
        return False
    (name,) = names
    a2 = numerator.get(((name, 2),), 0)
    a1 = numerator.get(((name, 1),), 0)
    a0 = numerator.get((), 0)
    return bool(a2) and a1 * a1 == 4 * a2 * a0


def _is_factored(node: Expr) -> bool:
    if isinstance(node, Neg):
        return _is_factored(node.arg)
    if isinstance(node, Bin) and node.op == "*":
        return _sum(node.left) or _sum(node.right)
    return isinstance(node, Bin) and node.op == "^" and _sum(node.left)
