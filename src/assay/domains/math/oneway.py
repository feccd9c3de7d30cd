"""One-way steps and the rejections that complete them (equation problems).

Squaring both sides of `sqrt(x + 7) = x - 5` gives `x + 7 = (x - 5)^2`: every solution survives, and a
root the problem does not have (x = 2) joins them. The step is a true implication, not an equivalence;
refuting it would refute the textbook method. What makes such a trace right is what it does with the
extra roots: it must reject each of them, and a rejection is itself a claim that is checked.

- A step whose solutions keep every solution of the step before and add some (`added`) is *one-way*. It
  is verified only if every added root is rejected somewhere in the trace; otherwise it is refuted, as
  any step that adds a root is (so a planted error that adds a root is still found at its step).
- A rejection (`x ≠ 2`, read from "so x = 2 is extraneous", rejection.py) is true when 2 is not a
  solution of the problem: put into the problem's equation exactly, the sides differ (or the equation is
  undefined there). Rejecting a true root is refuted; a value the exact path cannot evaluate is unknown.
- A later step may then drop exactly rejected roots (`x = 2 or x = 9` → `x = 9`); dropping any other
  root is refuted as before.

So the trace's last set of roots is the problem's own: it started from a superset built by true
implications and lost only values shown not to be solutions. Runs inside a verification worker.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from assay.domains.math.decide import Refuted, Unknown
from assay.domains.math.exact import Number, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_chain
from assay.errors import LimitExceeded, MathParseError

Pair = tuple[Expr, Expr]


def rejection(equations: Iterable[Pair], var: str, claim: str) -> tuple[Number, str]:
    """(the rejected value, evidence) for a claim `x ≠ v`: v must not solve the problem's equation."""
    name, _, value_text = claim.partition("≠")
    if name.strip() != var:
        raise Unknown(f"rejects a value of {name.strip()}, but the problem's unknown is {var}")
    try:
        parts = parse_chain(value_text.strip())
    except MathParseError as exc:
        raise Unknown(f"could not read the rejected value: {exc}") from exc
    if len(parts) != 1 or variables(parts[0]):
        raise Unknown("a rejected value that is not a number")
    try:
        value = evaluate(parts[0])
    except (Unsupported, LimitExceeded, ZeroDivisionError) as exc:
        raise Unknown(f"could not evaluate the rejected value exactly: {exc}") from exc
    shown = f"{var} = {format_number(value)}"
    for lhs, rhs in equations:
        for left in expand_plus_minus(lhs):
            for right in expand_plus_minus(rhs):
                try:
                    a, b = evaluate(left, {var: value}), evaluate(right, {var: value})
                except ZeroDivisionError:
                    continue  # undefined there: not a solution of this alternative
                except (Unsupported, LimitExceeded) as exc:
                    raise Unknown(f"could not put {shown} into the problem exactly: {exc}") from exc
                if a == b:
                    raise Refuted(f"rejects {shown}, which solves the problem")
    return value, f"{shown} is not a solution of the problem, rightly rejected"


def rational_points(items: Iterable[Any]) -> frozenset[Number] | None:
    """SymPy numbers as exact fractions, or None when one of them is not rational."""
    import sympy

    out: set[Number] = set()
    for item in items:
        if not isinstance(item, sympy.Rational):
            return None
        out.add(Fraction(int(item.p), int(item.q)))
    return frozenset(out)


def describe(points: Iterable[Number], var: str) -> str:
    return " or ".join(f"{var} = {format_number(p)}" for p in sorted(points, key=float))


__all__ = ["describe", "rational_points", "rejection"]
