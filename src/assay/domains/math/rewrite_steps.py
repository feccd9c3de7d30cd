"""Steps of a problem that asks to rewrite an expression in a variable: `Expand (x + 2)(x - 3).`,
`Simplify 3(a + 2) - 2(a - 1).`, `Factor x^2 - 9.`, with the expression rewritten as the reference.

Such a problem has no number to reach and no equation to solve, so a word problem's rules (true arithmetic
on the prompt's numbers) and an equation's (the same solution set) say nothing about its steps. What a
correct step says instead is that two expressions are the same expression, for every value of the
variables: `(x + 2)(x - 3) = x^2 - 3x + 2x - 6`. So every claim here must be an identity, proved by exact
arithmetic (decide.identity: never at sample points), and a line that writes one expression alone (the
running result, `= x^2 - x - 6` on a line of its own, or the answer) must be the problem's expression
rewritten. A step that loses a term is then refuted at the line that loses it.

The reading is used only when the reference is the prompt's expression rewritten (premises.py): a prompt
that writes `x + 3` in a story with a number for its answer is a word problem still. Pure functions over
parsed trees; runs inside a verification worker.
"""

from __future__ import annotations

from itertools import pairwise

from assay.domains.math.decide import Refuted, Unknown, identity, show
from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_expr_text
from assay.errors import LimitExceeded, MathParseError


def rewritten(expression: Expr | None, gold: str | None) -> bool:
    """Whether the reference `gold` is `expression` (the prompt's) rewritten: the same expression for
    every value of its variables. False when either is missing or the question cannot be decided."""
    if expression is None or not gold or not variables(expression):
        return False
    try:
        answer = parse_expr_text(gold)
        return identity(expression, answer)
    except (MathParseError, Unknown, LimitExceeded, ZeroDivisionError):
        return False


def rewrite_step(source: Expr, groups: list[list[list[Expr]]]) -> str:
    """The evidence for a line whose claims all hold; raises Refuted for a claim that is no identity, and
    Unknown for what the reading cannot judge (a disjunction, a lone expression that is not the
    problem's). `source` is the problem's expression."""
    said = []
    for group in groups:
        if len(group) > 1:
            raise Unknown("a disjunction in a problem that rewrites an expression")
        parts = group[0]
        for a, b in pairwise(parts):
            if not identity(a, b):
                raise Refuted(f"{show(a)} = {show(b)} is not an identity: the two differ as expressions")
        if identity(parts[-1], source):
            said.append(f"{show(parts[-1])} is the problem's expression rewritten")
        elif len(parts) == 1:
            # `x^2` alone may name a term the next line uses: not a claim the reading can judge
            raise Unknown(f"{show(parts[0])} alone is not the problem's expression {show(source)} rewritten")
        else:
            said.append("a true identity")
    return "; ".join(said)


__all__ = ["rewrite_step", "rewritten"]
