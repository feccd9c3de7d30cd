"""The value of a quantity a sentence names (named_quantities.py), computed from the problem, and the check
that the sentence gives it that value.

What the checker can compute exactly it checks: from a quadratic equation in the problem's one unknown
(the problem's, the trace's current one, or any it has stated, with the number coefficients of
`lhs - rhs`) the discriminant b² - 4ac (and that of the `a, b, c` the trace named), the sum -b/a and the
product c/a of the roots, the axis of symmetry -b/2a; one root, the other root is one of the problem's; the
coefficient of the unknown, the leading coefficient or the constant term of either side or of `lhs - rhs`;
the least common denominator (and a common denominator: a multiple of it) of the number denominators of
the problem. A value that is none of these is refuted; a name whose value cannot be computed here (a
slope, an intercept, a vertex, a denominator with the unknown in it, a value the grammar cannot read) is
unknown: a claim nobody checked is never verified as bare arithmetic. Runs inside a verification worker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from math import lcm

from assay.domains.math.decide import show
from assay.domains.math.exact import Number, Unsupported, evaluate, format_number
from assay.domains.math.expr import Bin, Expr, Num, nodes, variables
from assay.domains.math.named_quantities import Named, named_value
from assay.domains.math.poly import to_ratfunc
from assay.domains.math.step_state import Pair, State, pair_names
from assay.errors import LimitExceeded
from assay.records import StepResult, StepStatus

Coefficients = tuple[Fraction, ...]  # of `lhs - rhs` in the unknown, lowest degree first

_UNCOMPUTED = ("vertex", "slope", "intercept", "midpoint")
# which coefficient a name means (an index into the coefficients, lowest degree first)
_DEGREE = {
    "constant term": 0,
    "coefficient of the unknown": 1,
    "coefficient of the square": 2,
    "leading coefficient": -1,
}


def check_named_values(state: State, said: list[Named]) -> tuple[StepStatus, str]:
    """(verified, why) when every value said is the quantity named; else refuted or unknown, with why."""
    notes: list[str] = []
    for named in said:
        status, why = _check_one(state, named)
        if status != StepStatus.VERIFIED:
            return status, why
        if named.quantity == "root" and named.value:
            # `One root is 2. The other root is 2.`: the other root is not one named before
            root = evaluate(named.value[-1])
            if _OTHER.search(named.said) and root in state.named_roots:
                return (
                    StepStatus.REFUTED,
                    f"names {format_number(root)} as the other root, but it was named before",
                )
            state.named_roots.append(root)
        notes.append(why)
    return StepStatus.VERIFIED, "; ".join(notes)


_OTHER = re.compile(r"\b(?:other|another|second)\b", re.I)


def _check_one(state: State, named: Named) -> tuple[StepStatus, str]:
    if named.quantity == "D" and state.reading.mode in ("words", "expression"):
        return StepStatus.VERIFIED, "names D"  # `d = 60 mph × 2.5 h = 150 miles`: a distance, no discriminant
    if named.value is None:
        return (
            StepStatus.UNKNOWN,
            f"gives the {named.quantity} a value the checker cannot read: {named.said!r}",
        )
    try:
        values = [evaluate(part) for part in named.value]
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return StepStatus.UNKNOWN, f"could not evaluate the value given to the {named.quantity} exactly"
    if any(v != values[0] for v in values):
        return StepStatus.REFUTED, f"{' = '.join(show(p) for p in named.value)} is false"
    value = values[-1]
    if named.quantity in _UNCOMPUTED:
        return StepStatus.UNKNOWN, f"names the {named.quantity}, which the checker cannot compute here"
    quantity = "discriminant" if named.quantity == "D" else named.quantity
    try:
        expected = _expected(state, quantity)
    except (Unsupported, LimitExceeded, ZeroDivisionError, ValueError):
        expected = None
    if not expected and named.quantity == "D":
        return StepStatus.VERIFIED, "names D"  # no quadratic to take a discriminant of: D is only a name
    if not expected:
        return StepStatus.UNKNOWN, f"names the {named.quantity}, which the checker cannot compute here"
    shown = format_number(value)
    if named.quantity == "common denominator":
        whole = value if isinstance(value, Fraction) and value.denominator == 1 and value > 0 else None
        if whole is not None and any(isinstance(e, Fraction) and whole % e == 0 for e in expected):
            return StepStatus.VERIFIED, f"{shown} is a common denominator"
        return StepStatus.REFUTED, f"{shown} is not a common denominator (the least is {_listed(expected)})"
    if value in expected:
        return StepStatus.VERIFIED, f"the {quantity} is {shown}"
    return StepStatus.REFUTED, f"the {quantity} is {_listed(expected)}, not {shown}"


def _listed(values: set[Number]) -> str:
    return " or ".join(sorted(format_number(v) for v in values))


def _expected(state: State, quantity: str) -> set[Number]:
    """The values the named quantity may have (empty when it cannot be computed)."""
    mode = state.reading.mode
    if quantity in ("least common denominator", "common denominator"):
        return _denominators(state)
    if mode not in ("equivalent", "consequence") or len(pair_names(state.reading.equations)) != 1:
        return set()
    if quantity == "root":
        return set(state.reading.points)
    polys = list(_polynomials(state))
    if quantity in _DEGREE:
        at = _DEGREE[quantity]
        return {poly[at] for sides in _sides(state) for poly in sides if -len(poly) <= at < len(poly)}
    found: set[Number] = set()
    for c, b, a in (p for p in polys if len(p) == 3 and p[2] != 0):
        if quantity == "discriminant":
            found.add(b * b - 4 * a * c)
        elif quantity == "sum of the roots":
            found.add(-b / a)
        elif quantity == "product of the roots":
            found.add(c / a)
        elif quantity == "axis of symmetry":
            found.add(-b / (2 * a))
    if quantity == "discriminant" and {"a", "b", "c"} <= set(state.defined):
        named_a, named_b, named_c = (evaluate(state.defined[name]) for name in "abc")
        found.add(named_b * named_b - 4 * named_a * named_c)
    return found


def _equations(state: State) -> Iterator[Pair]:
    """The problem's equation, the trace's current one and those it has stated."""
    for pairs in (state.reading.equations, state.equation, state.seen):
        if len(pairs) == 1 or pairs is state.seen:
            yield from pairs


def _coefficients(expr: Expr, var: str) -> Coefficients | None:
    """expr's coefficients as a polynomial in var with number coefficients, or None."""
    try:
        ratfunc = to_ratfunc(expr, var)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    numbers = [c for c in (*ratfunc.num, *ratfunc.den) if isinstance(c, Fraction)]
    if len(ratfunc.den) != 1 or len(numbers) != len(ratfunc.num) + 1:
        return None
    scale = numbers[-1]
    return tuple(c / scale for c in numbers[:-1])


def _var(state: State) -> str:
    names = sorted(pair_names(state.reading.equations))
    return names[0]


def _polynomials(state: State) -> Iterator[Coefficients]:
    var = _var(state)
    for lhs, rhs in _equations(state):
        found = _coefficients(Bin("-", lhs, rhs), var)
        if found is not None:
            yield found


def _sides(state: State) -> Iterator[list[Coefficients]]:
    """Each equation's sides and `lhs - rhs`, either way round, as polynomials (for a coefficient)."""
    var = _var(state)
    for lhs, rhs in _equations(state):
        polys = [_coefficients(e, var) for e in (lhs, rhs, Bin("-", lhs, rhs), Bin("-", rhs, lhs))]
        yield [p for p in polys if p]


def _denominators(state: State) -> set[Number]:
    """The least common denominator of the problem's number denominators: empty when it has none, or one
    with a variable in it (whose LCD is an expression)."""
    reading = state.reading
    sources = [side for pair in reading.equations for side in pair] if reading.equations else []
    if state.source is not None:
        sources.append(state.source)
    found: list[int] = []
    for source in sources:
        for node in nodes(source):
            if isinstance(node, Bin) and node.op == "/":
                if variables(node.right):
                    return set()
                below = evaluate(node.right)
                if not isinstance(below, Fraction) or below.denominator != 1 or below == 0:
                    return set()
                found.append(abs(below.numerator))
            elif isinstance(node, Num) and node.value.denominator != 1:
                return set()  # a decimal: no denominator anyone writes
    found = [d for d in found if d > 1]
    return {Fraction(lcm(*found))} if found else set()


def with_named_values(state: State, text: str, result: StepResult) -> StepResult:
    """result, joined with the check of every value the step's text gives a named quantity."""
    said = named_value(text) if state.reading.mode != "game24" else []
    if not said or result.status == StepStatus.REFUTED:
        return result
    status, why = check_named_values(state, said)
    if status == StepStatus.VERIFIED and result.status == StepStatus.UNKNOWN:
        return result
    if status != StepStatus.VERIFIED:
        return StepResult(result.index, status, why)
    if result.status == StepStatus.VERIFIED:
        why = f"{why}; {result.evidence}"
    return StepResult(result.index, StepStatus.VERIFIED, why)


__all__ = ["check_named_values", "with_named_values"]
