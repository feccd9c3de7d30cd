"""The math tree that the allow-list parser (grammar.py) reads text into: its node types, walks over it
(the variables in it, its number literals, its depth) and its renderings (`to_text`, a stable structural
key; `pretty`, for people). Trees are immutable, so a parse can be shared. Pure data: safe in any process.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from fractions import Fraction

# --- the tree ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Num:
    value: Fraction
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi" or "e"
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    arg: Expr
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Bin:
    op: str  # one of + - * / ^
    left: Expr
    right: Expr
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _value: object = field(default=None, init=False, repr=False, compare=False)  # exact.evaluate keeps it


@dataclass(frozen=True, slots=True)
class PlusMinus:
    """`left ± right`, or `±right` when left is None: stands for two values."""

    left: Expr | None
    right: Expr
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    name: str  # "sqrt" or "factorial"
    arg: Expr
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)
    _value: object = field(default=None, init=False, repr=False, compare=False)  # exact.evaluate keeps it


Expr = Num | Var | Const | Neg | Bin | PlusMinus | Call


# --- what a node keeps: its hash and its variables -----------------------------------------------------
# A frozen dataclass hashes the tuple of its fields on every call, so hashing a tree walks all of it, and the
# checker's memos (values per node, per solution point) hash the same subtrees over and over. Each node
# keeps its hash once computed: the same value the dataclass would give (the tuple of its compared fields),
# so sets and dicts of trees hold and iterate exactly as before. `variables` keeps its answer on the root it
# was asked of, and `exact.evaluate` the exact value of an operation or a call it evaluated without
# variables. A pickled node leaves all three behind (string hashes differ between processes).


_KEPT = ("_hash", "_names", "_value")  # what a node keeps, never pickled


def _with_kept_hash(cls: type) -> None:
    names = tuple(f.name for f in fields(cls) if f.compare)

    def __hash__(self: Expr) -> int:
        kept = self._hash
        if kept is None:
            kept = hash(tuple(getattr(self, name) for name in names))
            object.__setattr__(self, "_hash", kept)
        return kept

    def __getstate__(self: Expr) -> list[object]:
        return [None if f.name in _KEPT else getattr(self, f.name) for f in fields(self)]

    setattr(cls, "__hash__", __hash__)  # noqa: B010 - a method set on each node class
    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 - a method set on each node class


for _node in (Num, Var, Const, Neg, Bin, PlusMinus, Call):
    _with_kept_hash(_node)


def nodes(expr: Expr) -> Iterator[Expr]:
    """expr and every node under it (each once, parents before their children)."""
    # exact type tests, as in `variables` (the node classes have no subclasses): many readers walk every line
    stack: list[Expr] = [expr]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        yield node
        if type(node) is Bin:
            push(node.left)
            push(node.right)
        elif type(node) is Neg or type(node) is Call:
            push(node.arg)
        elif type(node) is PlusMinus:
            push(node.right)
            if node.left is not None:
                push(node.left)


def variables(expr: Expr) -> frozenset[str]:
    """The variable names in expr (kept on its root: the checker asks again of the same shared trees)."""
    kept = expr._names
    if kept is not None:
        return kept
    # the hottest walk of the step checker: one loop, exact type tests (the node classes have no
    # subclasses), no generator; visits the same nodes as `nodes`
    names: set[str] = set()
    stack: list[Expr] = [expr]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is Bin:
            push(node.left)
            push(node.right)
        elif type(node) is Var:
            names.add(node.name)
        elif type(node) is Neg or type(node) is Call:
            push(node.arg)
        elif type(node) is PlusMinus:
            push(node.right)
            if node.left is not None:
                push(node.left)
    found = frozenset(names)
    object.__setattr__(expr, "_names", found)
    return found


def has_plus_minus(expr: Expr) -> bool:
    stack: list[Expr] = [expr]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is Bin:
            push(node.left)
            push(node.right)
        elif type(node) is Neg or type(node) is Call:
            push(node.arg)
        elif type(node) is PlusMinus:
            return True
    return False


def number_leaves(expr: Expr) -> list[Fraction]:
    """The number literals of expr, left to right (used by Game of 24 and the checks of numbers shown)."""
    out: list[Fraction] = []
    stack: list[Expr] = [expr]
    pop, push = stack.pop, stack.append
    while stack:  # right pushed before left, so the left is read first
        node = pop()
        if type(node) is Num:
            out.append(node.value)
        elif type(node) is Bin:
            push(node.right)
            push(node.left)
        elif type(node) is Neg or type(node) is Call:
            push(node.arg)
        elif type(node) is PlusMinus:
            push(node.right)
            if node.left is not None:
                push(node.left)
    return out


def to_text(expr: Expr) -> str:
    """A plain, fully parenthesised rendering (stable; used as a structural key)."""
    if isinstance(expr, Num):
        return str(expr.value)
    if isinstance(expr, Var | Const):
        return expr.name
    if isinstance(expr, Neg):
        return f"(-{to_text(expr.arg)})"
    if isinstance(expr, Bin):
        return f"({to_text(expr.left)}{expr.op}{to_text(expr.right)})"
    if isinstance(expr, PlusMinus):
        left = "" if expr.left is None else to_text(expr.left)
        return f"({left}±{to_text(expr.right)})"
    return f"{expr.name}({to_text(expr.arg)})"


def tree_depth(expr: Expr) -> int:
    """Depth of the tree, computed without recursion (exact type tests: it runs for every tree converted)."""
    deepest = 0
    stack: list[tuple[Expr, int]] = [(expr, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > deepest:
            deepest = depth
        if type(node) is Bin:
            push((node.left, depth + 1))
            push((node.right, depth + 1))
        elif type(node) is Neg or type(node) is Call:
            push((node.arg, depth + 1))
        elif type(node) is PlusMinus:
            push((node.right, depth + 1))
            if node.left is not None:
                push((node.left, depth + 1))
    return deepest


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


def pretty(expr: Expr) -> str:
    """A readable rendering with only the parentheses it needs (`x^2 - 3x`, `2(x + 3)`)."""
    return _pretty(expr)[0]


def _pretty(expr: Expr) -> tuple[str, int]:
    if isinstance(expr, Num):
        value = expr.value
        if value < 0:
            return str(value), 3
        return (str(value), 5) if value.denominator == 1 else (str(value), 2)
    if isinstance(expr, Var | Const):
        return expr.name, 5
    if isinstance(expr, Neg):
        inner, prec = _pretty(expr.arg)
        return "-" + (inner if prec >= 3 else f"({inner})"), 3
    if isinstance(expr, Call):
        inner = _pretty(expr.arg)[0]
        if expr.name == "factorial":
            arg_text, prec = _pretty(expr.arg)
            return (arg_text if prec >= 5 else f"({arg_text})") + "!", 5
        if expr.name == "abs":
            return f"|{inner}|", 5
        return f"sqrt({inner})", 5
    if isinstance(expr, PlusMinus):
        right, prec = _pretty(expr.right)
        right = right if prec >= 2 else f"({right})"
        if expr.left is None:
            return f"±{right}", 3
        return f"{_pretty(expr.left)[0]} ± {right}", 1
    op, mine = expr.op, _PRECEDENCE[expr.op]
    if op == "/" and all(
        isinstance(side, Num) and side.value >= 0 and side.value.denominator == 1
        for side in (expr.left, expr.right)
    ):
        return f"{_pretty(expr.left)[0]}/{_pretty(expr.right)[0]}", 2
    left, lp = _pretty(expr.left)
    right, rp = _pretty(expr.right)
    if op == "^":
        left = left if lp > mine else f"({left})"
        right = right if rp >= 5 else f"({right})"
        return f"{left}^{right}", mine
    left = left if lp >= mine else f"({left})"
    tight = rp > mine or (rp == mine and op in "+*" and not isinstance(expr.right, Num))
    right = right if tight else f"({right})"
    if (
        op == "*"
        and isinstance(expr.left, Num)
        and expr.left.value.denominator == 1
        and (
            isinstance(expr.right, Var)
            or (isinstance(expr.right, Bin) and expr.right.op == "^")
            or right.startswith("(")
        )
    ):
        return f"{left}{right}", mine
    if op == "*" and rp >= mine and not right.startswith("("):
        return f"{left}*{right}", mine
    return f"{left} {op} {right}", mine
