"""Exact numbers for the fast path: rationals and quadratic surds `a + b*sqrt(d)`, with hard size bounds.

Everything a step checker needs for linear and quadratic work is exact here: `Fraction` for rationals and
`Surd` for one square root. What falls outside (pi, e, two different roots, roots of negatives, huge
powers) raises `Unsupported` or `LimitExceeded`, and the caller decides (symbolic fallback or `unknown`).
Bounds are checked *before* the arithmetic, so `9^9^9` costs nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Union

from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var, has_plus_minus
from assay.errors import AssayError, LimitExceeded

MAX_BITS = 20_000  # size of any intermediate numerator or denominator
MAX_FACTORIAL = 3_000  # largest n for n!
MAX_EXPONENT = 10_000  # largest |n| in x^n for an exact power
MAX_SQUAREFREE_TRIAL = 10**5  # trial division bound when extracting square factors


class Unsupported(AssayError):
    """The exact fast path cannot represent this value; a slower path may."""


_ZERO = Fraction(0)


class Surd:
    """a + b*sqrt(d) with rational a, b and square-free integer d > 1; b != 0 (else it is a Fraction)."""

    __slots__ = ("a", "b", "d")

    def __init__(self, a: Fraction, b: Fraction, d: int) -> None:
        self.a, self.b, self.d = a, b, d

    @staticmethod
    def make(a: Fraction, b: Fraction, d: int) -> Number:
        return a if b == 0 else Surd(a, b, d)

    def _pair(self, other: object) -> tuple[Fraction, Fraction] | None:
        if isinstance(other, Surd):
            if other.d != self.d:
                raise Unsupported("two different square roots in one value")
            return other.a, other.b
        if isinstance(other, Fraction):
            return other, _ZERO  # a Fraction is immutable: no copy needed
        if isinstance(other, int):
            return Fraction(other), _ZERO
        return None

    def __add__(self, other: object) -> Number:
        pair = self._pair(other)
        if pair is None:
            return NotImplemented
        if pair[1] is _ZERO:  # a rational: only the rational part moves (the same value, less work)
            return Surd.make(self.a + pair[0], self.b, self.d)
        return Surd.make(self.a + pair[0], self.b + pair[1], self.d)

    __radd__ = __add__

    def __neg__(self) -> Surd:
        return Surd(-self.a, -self.b, self.d)

    def __sub__(self, other: object) -> Number:
        pair = self._pair(other)
        if pair is None:
            return NotImplemented
        return Surd.make(self.a - pair[0], self.b - pair[1], self.d)

    def __rsub__(self, other: object) -> Number:
        return (-self) + other

    def __mul__(self, other: object) -> Number:
        pair = self._pair(other)
        if pair is None:
            return NotImplemented
        c, e = pair
        if e is _ZERO:  # a rational factor scales both parts (the same value, less work)
            return Surd.make(self.a * c, self.b * c, self.d)
        return Surd.make(self.a * c + self.b * e * self.d, self.a * e + self.b * c, self.d)

    __rmul__ = __mul__

    def inverse(self) -> Number:
        norm = self.a * self.a - self.b * self.b * self.d  # never 0: sqrt(d) is irrational
        return Surd.make(self.a / norm, -self.b / norm, self.d)

    def __truediv__(self, other: object) -> Number:
        if isinstance(other, Surd):
            return self * other.inverse()
        if isinstance(other, Fraction | int):
            if other == 0:
                raise ZeroDivisionError("division by zero")
            return Surd.make(self.a / other, self.b / other, self.d)
        return NotImplemented

    def __rtruediv__(self, other: object) -> Number:
        if isinstance(other, Fraction | int):
            return Fraction(other) * self.inverse()
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Surd):
            return (self.a, self.b, self.d) == (other.a, other.b, other.d)
        return False  # a Surd is irrational, so never equal to a rational

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.d))

    def sign(self) -> int:
        """Exact sign of a + b*sqrt(d)."""
        sa, sb = _sgn(self.a), _sgn(self.b)
        if sa == 0 or sa == sb:
            return sb if sa == 0 else sa
        # opposite signs: compare a^2 with b^2 d
        diff = self.a * self.a - self.b * self.b * self.d
        return sa if diff > 0 else sb

    def __float__(self) -> float:
        return float(self.a) + float(self.b) * math.sqrt(self.d)

    def __repr__(self) -> str:
        return f"Surd({self.a}, {self.b}, {self.d})"


Number = Union[Fraction, Surd]  # noqa: UP007 - a runtime alias used in isinstance-free annotations


def _sgn(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def sign(x: Number) -> int:
    return x.sign() if isinstance(x, Surd) else _sgn(x)


def format_number(x: Number) -> str:
    """Human-readable exact form: `4`, `-3/2`, `2 + sqrt(3)`, `1/2 - 3/2*sqrt(5)`."""
    if isinstance(x, Fraction):
        return str(x)
    root = f"sqrt({x.d})"
    b = x.b
    coef = root if b == 1 else f"-{root}" if b == -1 else f"{b}*{root}"
    if x.a == 0:
        return coef
    if b < 0:
        mag = -b
        coef = root if mag == 1 else f"{mag}*{root}"
        return f"{x.a} - {coef}"
    return f"{x.a} + {coef}"


def _check_size(x: Fraction) -> Fraction:
    if x.numerator.bit_length() > MAX_BITS or x.denominator.bit_length() > MAX_BITS:
        raise LimitExceeded(f"a number grew past {MAX_BITS} bits")
    return x


def check(x: Number) -> Number:
    if isinstance(x, Surd):
        _check_size(x.a)
        _check_size(x.b)
        return x
    return _check_size(x)


def square_root(q: Fraction) -> Number:
    """sqrt(q) exactly, for rational q >= 0."""
    if q < 0:
        raise Unsupported("square root of a negative number")
    n, m = q.numerator, q.denominator
    # sqrt(n/m) = sqrt(n*m)/m
    inside = n * m
    if inside.bit_length() > 200:
        raise LimitExceeded("square root of a number that is too large")
    root = math.isqrt(inside)
    if root * root == inside:
        return Fraction(root, m)
    outside, free = _split_square(inside)
    return Surd.make(Fraction(0), Fraction(outside, m), free)


def _split_square(n: int) -> tuple[int, int]:
    """n = outside^2 * free with free square-free; only trial division up to a bound."""
    outside, free = 1, n
    p = 2
    while p * p <= free:
        if p > MAX_SQUAREFREE_TRIAL:
            raise Unsupported("cannot factor the number under a square root")
        while free % (p * p) == 0:
            free //= p * p
            outside *= p
        p += 1 if p == 2 else 2
    return outside, free


MAX_ROOT_INDEX = 64  # largest q in x^(p/q) the exact path tries


def _integer_root(n: int, k: int) -> int | None:
    """The k-th root of n >= 0 if it is a whole number, else None."""
    if n < 2:
        return n
    root = 1 << ((n.bit_length() + k - 1) // k)  # an upper bound; Newton's method walks down from it
    while True:
        smaller = ((k - 1) * root + n // root ** (k - 1)) // k
        if smaller >= root:
            break
        root = smaller
    return root if root**k == n else None


def _rational_root(base: Number, exponent: Fraction) -> Number:
    """base^(p/q) for q > 2, exact only when base is a non-negative rational q-th power."""
    q = exponent.denominator
    if q > MAX_ROOT_INDEX:
        raise Unsupported(f"a root of index {q}")
    if not isinstance(base, Fraction):
        raise Unsupported("a fractional power of an irrational number")
    if base < 0:
        # (-8)^(1/3) is -2 to a schoolbook and a complex number to SymPy: too ambiguous to judge
        raise Unsupported("a fractional power of a negative number")
    if _bits(base) > MAX_BITS // 4:
        raise LimitExceeded("a root of a number that is too large")
    top, bottom = _integer_root(base.numerator, q), _integer_root(base.denominator, q)
    if top is None or bottom is None:
        raise Unsupported(f"the {q}-th root of {base} is not rational")
    return power(Fraction(top, bottom), Fraction(exponent.numerator))


def power(base: Number, exponent: Number) -> Number:
    if not isinstance(exponent, Fraction):
        raise Unsupported("an irrational exponent")
    if exponent.denominator > 2:
        return _rational_root(base, exponent)
    if exponent.denominator == 2:
        if not isinstance(base, Fraction):
            raise Unsupported("a fractional power of an irrational number")
        return power(square_root(base), Fraction(exponent.numerator))
    n = exponent.numerator
    if abs(n) > MAX_EXPONENT:
        raise LimitExceeded(f"exponent {n} exceeds the limit {MAX_EXPONENT}")
    size = _bits(base)
    if size * abs(n) > MAX_BITS:
        raise LimitExceeded(f"a power would have about {size * abs(n)} bits, past the {MAX_BITS}-bit limit")
    if isinstance(base, Fraction):
        if n < 0 and base == 0:
            raise ZeroDivisionError("zero to a negative power")
        return base**n
    result: Number = Fraction(1)
    for _ in range(abs(n)):
        result = result * base
    return result if n >= 0 else Fraction(1) / result


def _bits(x: Number) -> int:
    if isinstance(x, Surd):
        return max(_bits(x.a), _bits(x.b)) + x.d.bit_length()
    return max(x.numerator.bit_length(), x.denominator.bit_length(), 1)


def factorial(x: Number) -> Fraction:
    if not isinstance(x, Fraction) or x.denominator != 1 or x < 0:
        raise Unsupported("factorial of something that is not a non-negative integer")
    if x > MAX_FACTORIAL:
        shown = str(x) if x < 10**9 else f"a number of about {int(x.numerator.bit_length() * 0.30103)} digits"
        raise LimitExceeded(f"factorial of {shown} exceeds the limit {MAX_FACTORIAL}!")
    return Fraction(math.factorial(int(x)))


def apply_op(op: str, left: Number, right: Number) -> Number:
    """left op right, exactly, for the binary operators of the grammar."""
    if type(left) is Fraction and type(right) is Fraction and left.denominator == 1 == right.denominator:
        # whole numbers (most of what a trace computes): the sum, difference or product is a whole number,
        # made without the general fraction arithmetic (the same value, bounded the same way)
        if op == "+":
            return _check_size(Fraction(left.numerator + right.numerator))
        if op == "-":
            return _check_size(Fraction(left.numerator - right.numerator))
        if op == "*":
            return _check_size(Fraction(left.numerator * right.numerator))
    if op == "+":
        return check(left + right)
    if op == "-":
        return check(left - right)
    if op == "*":
        return check(left * right)
    if op == "/":
        if right == 0:
            raise ZeroDivisionError("division by zero")
        return check(left / right)
    return check(power(left, right))


def evaluate(expr: Expr, env: Mapping[str, Number] | None = None) -> Number:
    """The exact value of expr with variables taken from env. PlusMinus must be expanded first."""
    # exact type tests, most common first (the node classes have no subclasses): this runs for every node.
    # An operation or a call evaluated without env is kept on its node (trees are immutable and shared: a
    # line's parse is read by several checkers, each evaluating its pieces): evaluated without env, it has
    # no variable, so its value is the same at any env. A node that fails keeps nothing (it fails again).
    if type(expr) is Num:
        return expr.value
    if type(expr) is Bin:
        kept = expr._value
        if kept is not None:
            return kept  # type: ignore[return-value]
        value = apply_op(expr.op, evaluate(expr.left, env), evaluate(expr.right, env))
        if env is None:
            object.__setattr__(expr, "_value", value)
        return value
    if type(expr) is Var:
        if env is None or expr.name not in env:
            raise Unsupported(f"variable {expr.name} has no value")
        return env[expr.name]
    if isinstance(expr, Neg):
        return -evaluate(expr.arg, env)
    if isinstance(expr, Call):
        kept = expr._value
        if kept is not None:
            return kept  # type: ignore[return-value]
        value = _call(expr, evaluate(expr.arg, env))
        if env is None:
            object.__setattr__(expr, "_value", value)
        return value
    if isinstance(expr, Const):
        raise Unsupported(f"the constant {expr.name} is not exact-rational")
    raise Unsupported("± stands for two values; expand it first")


def _call(expr: Call, arg: Number) -> Number:
    if expr.name == "factorial":
        return factorial(arg)
    if expr.name == "abs":
        if isinstance(arg, Surd):
            raise Unsupported("the absolute value of an irrational number")
        return abs(arg)
    if expr.name != "sqrt":  # a function this evaluator does not know is never read as another one
        raise Unsupported(f"the function {expr.name}")
    if isinstance(arg, Surd):
        raise Unsupported("square root of an irrational number")
    return square_root(arg)


def expand_plus_minus(expr: Expr, limit: int = 8) -> list[Expr]:
    """All sign choices of the ± in expr, as plain expressions (at most `limit` of them)."""
    if not has_plus_minus(expr):
        return [expr]  # the one choice is expr itself: no copy of the tree is built
    return _expand(expr, limit)


def _expand(expr: Expr, limit: int) -> list[Expr]:
    if isinstance(expr, PlusMinus):
        rights = _expand(expr.right, limit)
        lefts: list[Expr | None] = [None] if expr.left is None else list(_expand(expr.left, limit))
        out: list[Expr] = []
        for left in lefts:
            for right in rights:
                out.append(right if left is None else Bin("+", left, right))
                out.append(Neg(right) if left is None else Bin("-", left, right))
        return _capped(out, limit)
    if isinstance(expr, Bin):
        return _capped(
            [Bin(expr.op, a, b) for a in _expand(expr.left, limit) for b in _expand(expr.right, limit)],
            limit,
        )
    if isinstance(expr, Neg):
        return [Neg(a) for a in _expand(expr.arg, limit)]
    if isinstance(expr, Call):
        return [Call(expr.name, a) for a in _expand(expr.arg, limit)]
    return [expr]


def _capped(items: list[Expr], limit: int) -> list[Expr]:
    if len(items) > limit:
        raise LimitExceeded(f"more than {limit} ± combinations")
    return items
