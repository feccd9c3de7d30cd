"""Solution sets of one-variable equations, exactly: rational functions over Q (or one Q(sqrt d)).

`solution_set(lhs, rhs, var)` reads `lhs - rhs` as N(x)/D(x) *without cancelling common factors*, so
`x^2/x = x` keeps the point x = 0 out of its solution set, and returns the real solutions: N's roots that
are not D's roots. Roots come from the linear and quadratic formulas and the rational root theorem; what
is beyond those raises `Unsupported` so the caller can take the symbolic path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from fractions import Fraction
from math import isqrt, lcm

from assay.domains.math.exact import (
    Number,
    Surd,
    Unsupported,
    check,
    factorial,
    format_number,
    power,
    square_root,
)
from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var
from assay.errors import LimitExceeded

MAX_DEGREE = 12
MAX_ROOT_THEOREM = 10**10  # largest |coefficient| the rational root theorem will factor

Poly = tuple[Number, ...]  # coefficients, lowest degree first, no trailing zeros; () is zero

ZERO: Poly = ()
ONE: Poly = (Fraction(1),)


def _trim(coeffs: list[Number]) -> Poly:
    while coeffs and coeffs[-1] == 0:
        coeffs.pop()
    return tuple(coeffs)


def p_add(a: Poly, b: Poly) -> Poly:
    n = max(len(a), len(b))
    return _trim(
        [
            check((a[i] if i < len(a) else Fraction(0)) + (b[i] if i < len(b) else Fraction(0)))
            for i in range(n)
        ]
    )


def p_neg(a: Poly) -> Poly:
    return tuple(-c for c in a)


def p_mul(a: Poly, b: Poly) -> Poly:
    if not a or not b:
        return ZERO
    if len(a) + len(b) - 2 > MAX_DEGREE:
        raise LimitExceeded(f"a polynomial of degree above {MAX_DEGREE}")
    out: list[Number] = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x == 0:
            continue
        for j, y in enumerate(b):
            out[i + j] = check(out[i + j] + x * y)
    return _trim(out)


def p_const(a: Poly) -> Number | None:
    """The value of a constant polynomial, or None if it has x in it."""
    if not a:
        return Fraction(0)
    return a[0] if len(a) == 1 else None


def p_eval(a: Poly, x: Number) -> Number:
    total: Number = Fraction(0)
    for c in reversed(a):
        total = check(total * x + c)
    return total


@dataclass(frozen=True)
class RatFunc:
    num: Poly
    den: Poly

    def __add__(self, other: RatFunc) -> RatFunc:
        if self.den == other.den:
            return RatFunc(p_add(self.num, other.num), self.den)
        return RatFunc(
            p_add(p_mul(self.num, other.den), p_mul(other.num, self.den)), p_mul(self.den, other.den)
        )

    def __neg__(self) -> RatFunc:
        return RatFunc(p_neg(self.num), self.den)

    def __sub__(self, other: RatFunc) -> RatFunc:
        return self + (-other)

    def __mul__(self, other: RatFunc) -> RatFunc:
        return RatFunc(p_mul(self.num, other.num), p_mul(self.den, other.den))

    def __truediv__(self, other: RatFunc) -> RatFunc:
        if not other.num:
            raise ZeroDivisionError("division by zero")
        scale = p_const(other.num)
        if scale is not None:  # dividing by a number keeps the denominator small
            return RatFunc(tuple(check(c / scale) for c in self.num), self.den)
        return RatFunc(p_mul(self.num, other.den), p_mul(self.den, other.num))

    def constant(self) -> Number | None:
        top, bottom = p_const(self.num), p_const(self.den)
        if top is None or bottom is None:
            return None
        return check(top / bottom)


def _const(value: Number) -> RatFunc:
    return RatFunc(_trim([value]), ONE)


# a pure function of an immutable tree with an immutable answer: the checkers of one line convert the same
# sides (and their parts: the recursion goes through the memo too), so answers are kept, bounded
@functools.lru_cache(maxsize=8192)
def to_ratfunc(expr: Expr, var: str) -> RatFunc:
    """expr as N(x)/D(x) in the variable var (no cancellation)."""
    if isinstance(expr, Num):
        return _const(expr.value)
    if isinstance(expr, Var):
        if expr.name != var:
            raise Unsupported(f"a second variable {expr.name}")
        return RatFunc((Fraction(0), Fraction(1)), ONE)
    if isinstance(expr, Neg):
        return -to_ratfunc(expr.arg, var)
    if isinstance(expr, Bin):
        left = to_ratfunc(expr.left, var)
        right = to_ratfunc(expr.right, var)
        if expr.op == "+":
            return left + right
        if expr.op == "-":
            return left - right
        if expr.op == "*":
            return left * right
        if expr.op == "/":
            return left / right
        exponent = right.constant()
        if exponent is None:
            raise Unsupported("a variable in an exponent")
        base = left.constant()
        if base is not None:
            return _const(power(base, exponent))
        if not isinstance(exponent, Fraction) or exponent.denominator != 1:
            raise Unsupported("a non-integer power of the variable")
        n = exponent.numerator
        if abs(n) > MAX_DEGREE:
            raise LimitExceeded(f"a power above degree {MAX_DEGREE}")
        result = RatFunc(ONE, ONE)
        for _ in range(abs(n)):
            result = result * left
        return result if n >= 0 else RatFunc(ONE, ONE) / result
    if isinstance(expr, Call):
        inner = to_ratfunc(expr.arg, var).constant()
        if inner is None:
            raise Unsupported(f"{expr.name} of the variable")
        if expr.name == "factorial":
            return _const(factorial(inner))
        if expr.name == "abs" and isinstance(inner, Fraction):
            return _const(abs(inner))
        if expr.name != "sqrt":
            raise Unsupported(f"the function {expr.name}")
        if isinstance(inner, Surd):
            raise Unsupported("a nested square root")
        return _const(square_root(inner))
    if isinstance(expr, Const):
        raise Unsupported(f"the constant {expr.name}")
    assert isinstance(expr, PlusMinus)
    raise Unsupported("± must be expanded first")


# --- roots -------------------------------------------------------------------------------------------


def real_roots(p: Poly) -> frozenset[Number]:
    """The distinct real roots of a non-zero polynomial."""
    if not p:
        raise ValueError("the zero polynomial has every number as a root")
    # factor out x^k
    roots: set[Number] = set()
    k = 0
    while k < len(p) and p[k] == 0:
        k += 1
    if k:
        roots.add(Fraction(0))
        p = p[k:]
    degree = len(p) - 1
    if degree == 0:
        return frozenset(roots)
    if degree == 1:
        roots.add(check(-p[0] / p[1]))
        return frozenset(roots)
    if not all(isinstance(c, Fraction) for c in p):
        raise Unsupported("a polynomial of degree 2+ with irrational coefficients")
    rational = [c for c in p if isinstance(c, Fraction)]
    roots |= _rational_poly_roots(rational)
    return frozenset(roots)


def _rational_poly_roots(p: list[Fraction]) -> set[Number]:
    scale = lcm(*(c.denominator for c in p))
    ints = [int(c * scale) for c in p]
    roots: set[Number] = set()
    while len(ints) - 1 > 2:
        root = _one_rational_root(ints)
        if root is None:
            raise Unsupported(f"a degree-{len(ints) - 1} factor with no rational root")
        roots.add(root)
        ints = _deflate(ints, root)
    if len(ints) == 3:
        roots |= _quadratic_roots(Fraction(ints[2]), Fraction(ints[1]), Fraction(ints[0]))
    elif len(ints) == 2:
        roots.add(Fraction(-ints[0], ints[1]))
    return roots


def _quadratic_roots(a: Fraction, b: Fraction, c: Fraction) -> set[Number]:
    disc = b * b - 4 * a * c
    if disc < 0:
        return set()
    root = square_root(disc)
    return {check((-b + root) / (2 * a)), check((-b - root) / (2 * a))}


def _divisors(n: int) -> list[int]:
    n = abs(n)
    if n > MAX_ROOT_THEOREM:
        raise Unsupported("coefficients too large for the rational root theorem")
    small = [d for d in range(1, isqrt(n) + 1) if n % d == 0]
    return sorted(set(small + [n // d for d in small]))


def _one_rational_root(ints: list[int]) -> Fraction | None:
    if ints[0] == 0:
        return Fraction(0)
    for p in _divisors(ints[0]):
        for q in _divisors(ints[-1]):
            for cand in (Fraction(p, q), Fraction(-p, q)):
                if p_eval(tuple(Fraction(c) for c in ints), cand) == 0:
                    return cand
    return None


def _deflate(ints: list[int], root: Fraction) -> list[int]:
    """Divide by (x - root) and rescale to integers."""
    coeffs = [Fraction(c) for c in ints]
    out: list[Fraction] = [Fraction(0)] * (len(coeffs) - 1)
    carry = Fraction(0)
    for i in range(len(coeffs) - 1, 0, -1):
        carry = coeffs[i] + carry * root
        out[i - 1] = carry
    scale = lcm(*(c.denominator for c in out))
    return [int(c * scale) for c in out]


# --- solution sets -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SolutionSet:
    """Real solutions of a one-variable equation: finitely many points, or every x except some."""

    points: frozenset[Number]
    cofinite: bool = False  # True: every real number except `points`

    def union(self, other: SolutionSet) -> SolutionSet:
        if self.cofinite and other.cofinite:
            return SolutionSet(self.points & other.points, True)
        if self.cofinite:
            return SolutionSet(self.points - other.points, True)
        if other.cofinite:
            return SolutionSet(other.points - self.points, True)
        return SolutionSet(self.points | other.points)

    def contains(self, x: Number) -> bool:
        return (x not in self.points) if self.cofinite else (x in self.points)

    def describe(self, var: str) -> str:
        if self.cofinite:
            if not self.points:
                return "every real number"
            return "every real number except " + ", ".join(
                f"{var} = {format_number(p)}" for p in sorted_numbers(self.points)
            )
        if not self.points:
            return "no real solution"
        return " or ".join(f"{var} = {format_number(p)}" for p in sorted_numbers(self.points))


def sorted_numbers(points: frozenset[Number]) -> list[Number]:
    return sorted(points, key=lambda x: (float(x), format_number(x)))


EMPTY = SolutionSet(frozenset())


# a pure function of the (immutable) trees, with an immutable answer: a trace restates its equation (step 1
# is often the problem again, which the problem reader solved already), so answers are kept, bounded
@functools.lru_cache(maxsize=2048)
def solution_set(lhs: Expr, rhs: Expr, var: str) -> SolutionSet:
    diff = to_ratfunc(lhs, var) - to_ratfunc(rhs, var)
    excluded = real_roots(diff.den) if p_const(diff.den) is None else frozenset()
    if not diff.num:
        return SolutionSet(excluded, cofinite=True)
    return SolutionSet(real_roots(diff.num) - excluded)


def compare_sets(before: SolutionSet, after: SolutionSet, var: str) -> str | None:
    """None when equal; otherwise evidence naming a lost or added solution."""
    if before == after:
        return None
    if not before.cofinite and not after.cofinite:
        lost = sorted_numbers(before.points - after.points)
        added = sorted_numbers(after.points - before.points)
        parts = []
        if lost:
            parts.append("loses " + ", ".join(f"{var} = {format_number(x)}" for x in lost))
        if added:
            parts.append("adds " + ", ".join(f"{var} = {format_number(x)}" for x in added))
        return " and ".join(parts)
    return f"changes the solution set from {before.describe(var)} to {after.describe(var)}"
