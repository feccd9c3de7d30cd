"""Identities proved, not sampled: exact polynomials and rational functions in any number of variables.

A step such as `2(x + 3) = 2x + 6` claims an identity. Checking it at a few sample points is unsound:
an expression built to vanish at those points (`(x - p1)(x - p2)(x - p3)` for the checker's points)
passes. Here both sides become N/D with N and D expanded into exact polynomials (rational or one-surd
coefficients), and `a = b` is an identity exactly when `Na*Db - Nb*Da` is the zero polynomial. No
common factor is cancelled, so `x/x = 1` holds as rational functions (the point x = 0 is outside both).

`pi` and `e` are read as indeterminates: each is transcendental, so a polynomial in *one* of them that is
not the zero polynomial is not zero as a number either. With both in one claim nothing is known about
their algebraic independence, so only the "is an identity" answer is given then, never "is not".

Sizes are bounded (terms, total degree) before the work is done; past a bound the caller gets
`LimitExceeded` and must say `unknown` or take a slower path, never guess.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction

from assay.domains.math.exact import Number, Unsupported, check, factorial, power, square_root
from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var, tree_depth
from assay.errors import LimitExceeded

MAX_TERMS = 3_000  # monomials in one polynomial
MAX_TOTAL_DEGREE = 48  # total degree of one monomial
MAX_POWER = 24  # largest integer exponent applied to a non-constant expression

Monomial = tuple[tuple[str, int], ...]  # sorted (variable, exponent) pairs; () is the constant monomial
Poly = dict[Monomial, Number]  # no zero coefficients; {} is the zero polynomial
RatFunc = tuple[Poly, Poly]  # numerator, denominator (the denominator is never the zero polynomial)

_PI, _E = "#pi", "#e"  # names no parsed variable can have (variables are single letters)


def _mono_mul(a: Monomial, b: Monomial) -> Monomial:
    if not a:
        return b
    if not b:
        return a
    merged = dict(a)
    for name, exp in b:
        merged[name] = merged.get(name, 0) + exp
    out = tuple(sorted(merged.items()))
    if sum(e for _, e in out) > MAX_TOTAL_DEGREE:
        raise LimitExceeded(f"a monomial of total degree above {MAX_TOTAL_DEGREE}")
    return out


def _const(value: Number) -> Poly:
    return {(): value} if value != 0 else {}


ONE: Poly = {(): Fraction(1)}


def p_add(a: Poly, b: Poly, sign: int = 1) -> Poly:
    out = dict(a)
    for mono, coef in b.items():
        total = check(out.get(mono, Fraction(0)) + (coef if sign > 0 else -coef))
        if total == 0:
            out.pop(mono, None)
        else:
            out[mono] = total
    if len(out) > MAX_TERMS:
        raise LimitExceeded(f"a polynomial with more than {MAX_TERMS} terms")
    return out


def p_mul(a: Poly, b: Poly) -> Poly:
    if not a or not b:
        return {}
    if len(a) * len(b) > 40 * MAX_TERMS:
        raise LimitExceeded(f"a product of polynomials with {len(a)} and {len(b)} terms")
    out: Poly = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            mono = _mono_mul(ma, mb)
            total = check(out.get(mono, Fraction(0)) + ca * cb)
            if total == 0:
                out.pop(mono, None)
            else:
                out[mono] = total
    if len(out) > MAX_TERMS:
        raise LimitExceeded(f"a polynomial with more than {MAX_TERMS} terms")
    return out


def constant_of(p: Poly) -> Number | None:
    """The value of a constant polynomial, or None if it has a variable (or pi, e) in it."""
    if not p:
        return Fraction(0)
    if len(p) == 1 and () in p:
        return p[()]
    return None


def total_degree(p: Poly) -> int:
    return max((sum(e for _, e in mono) for mono in p), default=0)


def names_of(p: Poly) -> frozenset[str]:
    return frozenset(name for mono in p for name, _ in mono)


# --- expressions to rational functions ------------------------------------------------------------------


# a pure function of an immutable tree. A step's sides are read again by each question asked of them (is a
# side constant, is a link an identity, is the step one operation on both sides) and by the next step's, and
# the trees the questions build are made of them (`lhs - rhs`, `k·lhs`, `before + operand`), so answers are
# kept, bounded, for a tree and for the sums, products and powers inside it. A lookup hashes the whole
# tree, so parts are looked up only in a shallow tree (the hashing then costs at most SHARED_DEPTH times
# the tree's size); a deeper one is converted as one piece. The polynomials are shared: no caller changes
# one (p_add and p_mul build new ones).
@functools.lru_cache(maxsize=2048)
def to_ratfunc(expr: Expr) -> RatFunc:
    """expr as (N, D), both expanded; raises Unsupported, LimitExceeded or ZeroDivisionError."""
    if type(expr) is Bin and tree_depth(expr) <= SHARED_DEPTH:
        return _shallow(expr)
    return _to_ratfunc(expr)


SHARED_DEPTH = 12  # the deepest tree whose parts are looked up in the memo


# the memo of shallow sums, products and powers: a part of a shallow tree is shallow too, so its depth is
# not walked again (each part's walk would cost the part's size, at every level)
@functools.lru_cache(maxsize=2048)
def _shallow(expr: Bin) -> RatFunc:
    return _binary(expr, _shared_part)


def _shared_part(expr: Expr) -> RatFunc:
    """A part of a shallow tree: a sum, product or power from the memo (see `to_ratfunc`), the rest as is."""
    return _shallow(expr) if type(expr) is Bin else _to_ratfunc(expr)


def _to_ratfunc(expr: Expr) -> RatFunc:
    if isinstance(expr, Num):
        return _const(expr.value), ONE
    if isinstance(expr, Var):
        return {((expr.name, 1),): Fraction(1)}, ONE
    if isinstance(expr, Const):
        return {((_PI if expr.name == "pi" else _E, 1),): Fraction(1)}, ONE
    if isinstance(expr, Neg):
        num, den = _to_ratfunc(expr.arg)
        return {m: -c for m, c in num.items()}, den
    if isinstance(expr, Bin):
        return _binary(expr)
    if isinstance(expr, Call):
        value = _constant_value(_to_ratfunc(expr.arg), f"{expr.name} of an expression with a variable")
        if expr.name == "factorial":
            return _const(factorial(value)), ONE
        if expr.name == "abs" and isinstance(value, Fraction):
            return _const(abs(value)), ONE
        if expr.name != "sqrt":
            raise Unsupported(f"the function {expr.name}")
        if not isinstance(value, Fraction):
            raise Unsupported("a square root of an irrational number")
        return _const(square_root(value)), ONE
    assert isinstance(expr, PlusMinus)
    raise Unsupported("± stands for two values; expand it first")


def _constant_value(rat: RatFunc, why: str) -> Number:
    top, bottom = constant_of(rat[0]), constant_of(rat[1])
    if top is None or bottom is None:
        raise Unsupported(why)
    return check(top / bottom)


def _binary(expr: Bin, part: Callable[[Expr], RatFunc] | None = None) -> RatFunc:
    """expr's sides converted by part (by default as themselves, `_to_ratfunc`), then combined."""
    convert = _to_ratfunc if part is None else part
    ln, ld = convert(expr.left)
    if expr.op == "^":
        return _power((ln, ld), convert(expr.right))
    rn, rd = convert(expr.right)
    if expr.op in "+-":
        sign = 1 if expr.op == "+" else -1
        if ld == rd:
            return p_add(ln, rn, sign), ld
        return p_add(p_mul(ln, rd), p_mul(rn, ld), sign), p_mul(ld, rd)
    if expr.op == "*":
        return p_mul(ln, rn), p_mul(ld, rd)
    # division
    if not rn:
        raise ZeroDivisionError("division by zero")
    scale = constant_of(rn)
    if scale is not None and constant_of(rd) == 1:  # dividing by a number keeps the denominator small
        return {m: check(c / scale) for m, c in ln.items()}, ld
    return p_mul(ln, rd), p_mul(ld, rn)


def _power(base: RatFunc, exponent: RatFunc) -> RatFunc:
    exp_value = _constant_value(exponent, "a variable (or pi, e) in an exponent")
    top, bottom = constant_of(base[0]), constant_of(base[1])
    if top is not None and bottom is not None:
        return _const(power(check(top / bottom), exp_value)), ONE
    if not isinstance(exp_value, Fraction) or exp_value.denominator != 1:
        raise Unsupported("a non-integer power of an expression with a variable")
    n = exp_value.numerator
    if abs(n) > MAX_POWER:
        raise LimitExceeded(f"a power above {MAX_POWER} of an expression with a variable")
    num, den = ONE, ONE
    for _ in range(abs(n)):
        num, den = p_mul(num, base[0]), p_mul(den, base[1])
    if n < 0:
        if not num:
            raise ZeroDivisionError("zero to a negative power")
        num, den = den, num
    return num, den


# --- the questions callers ask ------------------------------------------------------------------------


def difference(a: Expr, b: Expr) -> Poly:
    """Na*Db - Nb*Da: the zero polynomial exactly when a = b is an identity of rational functions."""
    an, ad = to_ratfunc(a)
    bn, bd = to_ratfunc(b)
    if ad == bd:
        return p_add(an, bn, -1)
    return p_add(p_mul(an, bd), p_mul(bn, ad), -1)


def identity(a: Expr, b: Expr) -> bool:
    """Whether a = b holds for every value of the variables (as rational functions).

    Raises Unsupported when the exact path cannot decide: beyond its number system, or a non-zero
    difference that has both pi and e in it (no proof that it is not zero as a number).
    """
    diff = difference(a, b)
    if not diff:
        return True
    if {_PI, _E} <= names_of(diff):
        raise Unsupported("pi and e in one claim: no proof that the difference is not zero")
    return False


def linear_form(lhs: Expr, rhs: Expr, names: tuple[str, ...]) -> tuple[list[Number], Number] | None:
    """Coefficients c and constant k with lhs - rhs = c·names + k as an identity, or None if not linear."""
    num, den = to_ratfunc(Bin("-", lhs, rhs))
    scale = constant_of(den)
    if scale is None or names_of(num) - set(names):
        return None
    coeffs: list[Number] = [Fraction(0)] * len(names)
    constant: Number = Fraction(0)
    for mono, coef in num.items():
        if not mono:
            constant = check(coef / scale)
        elif len(mono) == 1 and mono[0][1] == 1:
            coeffs[names.index(mono[0][0])] = check(coef / scale)
        else:
            return None
    return coeffs, constant


def proportional(a: tuple[Expr, Expr], b: tuple[Expr, Expr]) -> bool:
    """Whether the equations a and b are the same up to a non-zero constant factor, exactly.

    With A = lhs - rhs = NA/DA and B = NB/DB, A = c·B for a number c != 0 exactly when NA·DB = c·NB·DA
    as polynomials. Two equations that are both `0 = 0` are not answers to compare, so False.
    """
    an, ad = to_ratfunc(Bin("-", a[0], a[1]))
    bn, bd = to_ratfunc(Bin("-", b[0], b[1]))
    left, right = p_mul(an, bd), p_mul(bn, ad)
    if not left or not right:
        return False
    mono, coef = next(iter(right.items()))
    if mono not in left:
        return False
    ratio = check(left[mono] / coef)
    return not p_add(left, {m: check(c * ratio) for m, c in right.items()}, -1)
