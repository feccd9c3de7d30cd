"""The slow path: SymPy on trees that the allow-list parser already read, for what exact.py cannot do.

SymPy objects are built node by node from `Expr` (never from text), and every power and factorial is
size-checked first, because SymPy evaluates `9**387420489` eagerly. Import this module only inside a
verification worker: SymPy calls can take unbounded time, and only the worker is killable.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import sympy

from assay.domains.math.exact import MAX_BITS, MAX_EXPONENT, MAX_FACTORIAL, Unsupported
from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var
from assay.errors import LimitExceeded

_SYMBOLS: dict[str, Any] = {}


def symbol(name: str) -> Any:
    if name not in _SYMBOLS:
        _SYMBOLS[name] = sympy.Symbol(name, real=True)
    return _SYMBOLS[name]


def to_sympy(expr: Expr) -> Any:
    if isinstance(expr, Num):
        value: Fraction = expr.value
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(expr, Var):
        return symbol(expr.name)
    if isinstance(expr, Const):
        return sympy.pi if expr.name == "pi" else sympy.E
    if isinstance(expr, Neg):
        return -to_sympy(expr.arg)
    if isinstance(expr, Bin):
        left, right = to_sympy(expr.left), to_sympy(expr.right)
        if expr.op == "+":
            return left + right
        if expr.op == "-":
            return left - right
        if expr.op == "*":
            return left * right
        if expr.op == "/":
            if right == 0:
                raise ZeroDivisionError("division by zero")
            return left / right
        _check_power(left, right)
        return left**right
    if isinstance(expr, Call):
        arg = to_sympy(expr.arg)
        if expr.name == "sqrt":
            return sympy.sqrt(arg)
        if expr.name == "abs":
            return sympy.Abs(arg)
        if expr.name != "factorial":
            raise Unsupported(f"the function {expr.name}")
        if not (arg.is_Integer and 0 <= arg <= MAX_FACTORIAL):
            raise LimitExceeded("factorial argument is not a small non-negative integer")
        return sympy.factorial(arg)
    assert isinstance(expr, PlusMinus)
    raise ValueError("± must be expanded before the symbolic path")


def _check_power(base: Any, exponent: Any) -> None:
    if exponent.is_Rational and not exponent.is_Integer and base.is_number and base.is_negative:
        # (-8)^(1/3) is -2 to a schoolbook and a complex number to SymPy: too ambiguous to judge
        raise Unsupported("a fractional power of a negative number")
    if exponent.is_Number and exponent.is_Rational:
        if abs(exponent) > MAX_EXPONENT:
            raise LimitExceeded(f"exponent {exponent} exceeds the limit {MAX_EXPONENT}")
        if base.is_Rational:
            bits = max(int(base.p).bit_length(), int(base.q).bit_length(), 1)
            if bits * abs(exponent) > MAX_BITS:
                raise LimitExceeded("a power too large to compute")
    elif not exponent.is_number:
        if any(s.is_Symbol for s in exponent.free_symbols):
            return
    else:
        # an irrational exponent such as 2^pi: fine to keep symbolic, but bound its size
        approx = sympy.N(exponent, 15)
        if approx.is_real and abs(approx) > MAX_EXPONENT:
            raise LimitExceeded("exponent too large")


def is_zero(value: Any) -> bool | None:
    """True / False when SymPy can decide that value is zero, else None."""
    simplified = sympy.simplify(value)
    if simplified == 0:
        return True
    if simplified.is_number:
        zero = simplified.is_zero
        if zero is not None:
            return bool(zero)
        # a numeric value SymPy cannot decide: a high-precision check only to say "not zero"
        approx = sympy.N(simplified, 50)
        if approx.is_real and abs(approx) > sympy.Float("1e-40"):
            return False
        return None
    verdict = simplified.equals(0)
    return None if verdict is None else bool(verdict)


def equal(a: Expr, b: Expr) -> bool | None:
    return is_zero(to_sympy(a) - to_sympy(b))


def real_solutions(pairs: list[tuple[Expr, Expr]], var: str) -> Any:
    """The union of the real solution sets of the equations lhs = rhs (a SymPy set)."""
    total: Any = sympy.S.EmptySet
    for lhs, rhs in pairs:
        total = total.union(
            sympy.solveset(sympy.Eq(to_sympy(lhs), to_sympy(rhs)), symbol(var), domain=sympy.S.Reals)
        )
    return total


WITNESS_DRAWS = 12  # points drawn for a witness that the sides differ; a point where either is undefined
# or the difference is not clearly away from 0 proves nothing and the next is drawn


def identity(a: Expr, b: Expr) -> bool | None:
    """Whether a = b for every value of the variables: True only when SymPy simplifies the difference to
    0; False only with a witness, a point drawn now (never a fixed one) where the difference is clearly
    not 0; None otherwise."""
    diff = to_sympy(a) - to_sympy(b)
    if not diff.free_symbols:
        return is_zero(diff)
    if sympy.simplify(diff) == 0:
        return True
    draw = random.SystemRandom()
    for attempt in range(WITNESS_DRAWS):
        # every other point is positive: a side with a root or a log of the unknown (`sqrt(x + 7)`) is
        # undefined on half the line, and four points all there left a plain equation undecided about
        # one time in sixteen (a correct step unknown by chance)
        low = 0 if attempt % 2 else -(10**6)
        point = {
            s: sympy.Rational(draw.randint(low, 10**6), draw.randint(1, 10**3)) for s in diff.free_symbols
        }
        approx = sympy.N(diff.subs(point), 50)
        if approx.is_real and approx.is_finite and abs(approx) > sympy.Float("1e-30"):
            return False
    return None


def compare_solution_sets(old: Any, new: Any) -> tuple[list[Any], list[Any]] | None:
    """(lost, added) between two SymPy solution sets (both empty: the same set), or None when they are not
    explicit finite sets whose elements SymPy can tell apart (a ConditionSet, an interval, ...)."""
    if old == new:
        return [], []
    finite = (sympy.FiniteSet, type(sympy.S.EmptySet))
    if not (isinstance(old, finite) and isinstance(new, finite)):
        return None
    lost, added = list(old.args), list(new.args)
    for item in list(lost):
        for other in added:
            same = is_zero(item - other)
            if same is None:
                return None
            if same:
                lost.remove(item)
                added.remove(other)
                break
    return lost, added
