"""Arithmetic a line of a one-unknown trace shows must compute with numbers the work has.

Holding at the solution says nothing about where a line's arithmetic came from: after `4x - 2 = 10`,
`x = 12 - 9 = 3` and `x = 3 (since 12 - 9 = 3)` are true, and 9 is a number no line wrote or computed
(the work that gives 3 is 12/4). The operation check (operations.py) judges arithmetic written on a side
of the equation before (`4x = 12` then `x = 12 - 9`); this module judges where its numbers come from, in
a trace of one equation to solve or of a consequence problem, on a line with an equation in the unknown:

- the arithmetic that works out a side without the unknown (`x = 12 - 9`, `4x = 9 + 3`; the first piece
  of arithmetic in the chain: what follows it only says the value again, `2x = 13 - 5 = 9 - 1`) may use
  only numbers the problem or the lines before have written or computed (their literals, the values of
  their parts without the unknown, the coefficients of their equations collected), numbers the same line
  has written before it, or one of these times a value found for the unknown (`2x + 7 = 6 + 7` once
  x = 3);
- arithmetic beside such an equation that works out a value the equation gives (`x = 3 (since 12 - 9 =
  3)`, `2x + 7 = 13 (as 20 - 7 = 13)`) is that value's derivation: the same, without the value itself;
- other arithmetic beside it (`x = 3 (check: 4 × 3 = 12)`) must use or give a number the line's
  equations write: `x = 3 (since 12 - 10 = 2)` is true and says nothing about x.

Numbers written as numbers are no arithmetic (`-5/2`, `2 1/4`), and an exponent names an operation
(`4^2`), not a number computed with. A side with a root or ± (the quadratic formula's `4ac` and `2a`) and
a line of arithmetic alone (the discriminant's `25 - 4(1)(6)`) are left to the other checks. Anything
else is `unknown`: true, but not shown. Runs inside a verification worker.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd

from assay.domains.math.decide import Unknown, show
from assay.domains.math.exact import Unsupported, evaluate, expand_plus_minus
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, Var, nodes, variables
from assay.domains.math.named_quantities import named_value
from assay.domains.math.operations import polynomial
from assay.domains.math.step_state import State
from assay.errors import LimitExceeded

Numbers = set[Fraction]


@dataclass
class Work:
    """What the problem and the lines so far have: the numbers written or computed, and the values found
    for the unknown (a product with one of them puts it in: `6 + 7` for `2x + 7` once x = 3)."""

    had: Numbers = field(default_factory=set)
    found: Numbers = field(default_factory=set)


def check_shown_numbers(state: State, text: str, groups: list[list[list[Expr]]], var: str) -> None:
    """Unknown if the line's arithmetic computes with a number the work does not have (see module). The
    line's numbers are had by the lines after it, whatever the verdict."""
    work = _work(state, var)
    line: Numbers = set()
    found = set(work.found)  # with the values the line's chains before give the unknown
    given: Numbers = set()  # the values the line's equations give
    chains = [parts for group in groups for parts in group]
    equations = [parts for parts in chains if any(variables(p) for p in parts)]
    try:
        for parts in equations:
            # the chain's own pieces with the unknown are had (`(4x - 2)/2 + 8 = 10/2 + 8`), its values not
            _note([p for p in parts if variables(p)], line, var)
            worked = _first_arithmetic(parts)
            if worked is not None:
                _from_the_work(worked, work.had | line, found)
            _note(parts, line, var)
            given |= _values(parts)
            if Var(var) in parts:
                found |= _values(parts)
        if not equations:
            # a line of arithmetic alone (`12 - 9 = 3`, then `x = 3`); a quantity it names (the
            # discriminant's `9 + 16 = 25` uses the formula's 4) is checked against the problem instead
            if not named_value(text):
                for parts in chains:
                    worked = _first_arithmetic(parts)
                    if worked is not None:
                        _from_the_work(worked, work.had, found)
            return
        for parts in chains:
            if parts in equations:
                continue
            value = _value(parts[-1])
            worked = _first_arithmetic(parts)
            if value is not None and abs(value) in given:
                # the derivation of a value the line gives; of the unknown's own value, without that value
                by = work.found if abs(value) in found - work.found else found
                if worked is not None:
                    _from_the_work(worked, work.had | (line - {abs(value)}), by)
            elif not (_leaves(parts) | ({abs(value)} if value is not None else set())) & line:
                text = " = ".join(show(p) for p in parts)
                raise Unknown(f"{text} is beside the line's equation, and uses no number it writes")
    finally:
        for parts in chains:
            _note(parts, line, var)
        work.had.update(line)
        work.found = found


def _work(state: State, var: str) -> Work:
    if not isinstance(state.shown_numbers, Work):
        work = Work()
        for lhs, rhs in state.reading.premises or state.reading.equations:
            _note([lhs, rhs], work.had, var)
        if state.reading.asked is not None:  # `2x + 7 = 2(3) + 7`: the expression asked about
            _note([state.reading.asked], work.had, var)
        state.shown_numbers = work
    return state.shown_numbers


def _note(parts: list[Expr], seen: Numbers, var: str) -> None:
    """The numbers parts write or compute: literals, the values of pieces without the unknown (`4(7)` gives
    28, `(7 ± 1)/2` gives 4 and 3), and the coefficients of their equations collected (`4x - 2 = 10`
    gives 12)."""
    for part in parts:
        try:
            seen.update(_written_or_computed(part))
        except Exception:
            _walk_numbers(part, seen)  # fails again at the same piece, with what comes before it noted
            raise
    for a, b in itertools.pairwise(parts):
        if variables(a) or variables(b):
            seen.update(_collected(a, b, var))


# pure functions of immutable trees: a line's parts are noted more than once (its equations' pieces with the
# unknown, its chains, then all of them again for the lines after), and each walk evaluates every piece
# without the unknown, so the answers are kept (bounded, so a long-lived worker does not grow)
@functools.lru_cache(maxsize=4096)
def _written_or_computed(part: Expr) -> frozenset[Fraction]:
    seen: Numbers = set()
    _walk_numbers(part, seen)
    return frozenset(seen)


def _walk_numbers(part: Expr, seen: Numbers) -> None:
    """Add part's literals and the values of its pieces without the unknown to seen."""
    for node in nodes(part):
        if isinstance(node, Num):
            seen.add(abs(node.value))
        elif not variables(node):
            for option in expand_plus_minus(node):
                value = _value(option)
                if value is not None:
                    seen.add(abs(value))


@functools.lru_cache(maxsize=4096)
def _collected(a: Expr, b: Expr, var: str) -> frozenset[Fraction]:
    """The coefficients of the equation a = b collected as a polynomial in var (none if it is not one)."""
    found = polynomial(Bin("-", a, b), var)
    return frozenset(abs(c) for c in found.values()) if found is not None else frozenset()


def _value(expr: Expr) -> Fraction | None:
    if variables(expr):
        return None
    try:
        value = evaluate(expr)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    return Fraction(value) if isinstance(value, Fraction | int) else None


def _values(parts: list[Expr]) -> Numbers:
    """The values an equation's chain gives: `x = 12/4 = 3` gives 3, `2x + 7 = 13` gives 13."""
    return {abs(v) for part in parts if (v := _value(part)) is not None}


def _first_arithmetic(parts: list[Expr]) -> Expr | None:
    """The first part of a chain that is arithmetic without the unknown, or None (what follows it only says
    its value again; a root or ± is judged elsewhere)."""
    for part in parts:
        if variables(part) or _written_number(part):
            continue
        if any(isinstance(node, PlusMinus | Call) for node in nodes(part)):
            return None
        return part
    return None


def _written_number(expr: Expr) -> bool:
    """A number written as one: `8`, `-4`, `-5/2` and `4/1` (in lowest terms), `2 1/4` (read `2 + 1/4`)."""
    if isinstance(expr, Neg):
        return _written_number(expr.arg)
    if isinstance(expr, Num):
        return True
    if isinstance(expr, Bin) and expr.op == "/":
        top, bottom = expr.left.arg if isinstance(expr.left, Neg) else expr.left, expr.right
        return (
            isinstance(top, Num)
            and isinstance(bottom, Num)
            and top.value.denominator == bottom.value.denominator == 1
            and bottom.value >= 1
            and gcd(int(top.value), int(bottom.value)) == 1
        )
    if isinstance(expr, Bin) and expr.op == "*" and isinstance(expr.left, Num) and _power_of_ten(expr.right):
        return True  # `4 · 10^0`, scientific notation
    if isinstance(expr, Bin) and expr.op == "+" and isinstance(expr.left, Num):
        fraction = expr.right  # a mixed number: a whole number and a proper fraction
        proper = isinstance(fraction, Bin) and 0 < (_value(fraction) or 0) < 1
        return proper and _written_number(fraction)
    return False


def _power_of_ten(expr: Expr) -> bool:
    if not (isinstance(expr, Bin) and expr.op == "^" and expr.left == Num(Fraction(10))):
        return False
    exponent = expr.right.arg if isinstance(expr.right, Neg) else expr.right
    return isinstance(exponent, Num) and exponent.value.denominator == 1


def _leaves(parts: list[Expr]) -> Numbers:
    """The numbers parts compute with: their literals, but not exponents (`4^2` squares 4)."""
    found: Numbers = set()

    def walk(node: Expr) -> None:
        if isinstance(node, Num):
            found.add(abs(node.value))
        elif isinstance(node, Bin):
            walk(node.left)
            if node.op != "^":
                walk(node.right)
        elif isinstance(node, Neg | Call):
            walk(node.arg)
        elif isinstance(node, PlusMinus):
            if node.left is not None:
                walk(node.left)
            walk(node.right)

    for part in parts:
        walk(part)
    return found


def _from_the_work(side: Expr, allowed: Numbers, found: Numbers) -> None:
    """Unknown if side computes with a number that is neither allowed nor a value found for the unknown
    times an allowed number or a value found (`9 - 21 + 12 = 0` puts x = 3 into x^2 - 7x + 12)."""
    new = sorted(
        n for n in _leaves([side]) - allowed if not any(v and n / v in allowed | found for v in found)
    )
    if new:
        raise Unknown(
            f"{show(side)} computes with {', '.join(str(n) for n in new)}, which neither the problem nor a"
            " line before has"
        )


__all__ = ["check_shown_numbers"]
