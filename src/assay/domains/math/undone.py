"""A word problem's given number taken back out of a value computed from it: `4 × 6 = 24`, then
`24 - 4 = 20` (the rectangle's area less a side is not its perimeter, whatever the answer is).

Every line of such a trace is true arithmetic on grounded numbers (wordy.py), and the result may be
the reference by coincidence, so arithmetic and grounding alone would pass it. A number that went into a
value and is then subtracted from it, or divided out of it, undoes part of its own contribution: a
correct solution rarely does that (it would not have added the number in), a wrong one that steers to
a known answer often does. Such a step is unknown, never passed (fail closed: a correct trace that
does this, `3 × 12 - 12` for "one box fewer", loses only its verdict).

What counts: the values the steps computed are expanded into the arithmetic that computed them (first
derivation kept, bounded), and a subtraction or division whose right side is a number the prompt gives
is flagged when that number also occurs in its left side and taking it out undoes its contribution: the
left side grows with it, does not move with it, or already takes it away as a term. Betty's "her
grandparents give twice as much as her parents' $15" (`100 - 50 - 15 × 2 - 15`) takes away a new amount
and stays; so does a discount (`20 - 0.25 × 20`), which subtracts a product, not the number, and a
relative change (`(50 - 40) / 40` for the percent increase from 40), which divides by the base. Pure tree
work; safe in any process.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from fractions import Fraction

from assay.domains.math.exact import Number, Unsupported, evaluate
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num
from assay.errors import LimitExceeded

MAX_NODES = 400  # nodes of one expanded derivation; a larger one is not expanded further


def undone_given(expr: Expr, derived: Mapping[Number, Expr], given: Collection[object]) -> Num | None:
    """The given number that expr (with computed values expanded) takes back out of a value computed
    from it, or None."""
    expanded = _expand(expr, derived, given, [MAX_NODES])
    stack: list[Expr] = [expanded]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin):
            right = node.right
            if (
                node.op in "-/"
                and isinstance(right, Num)
                and right.value in given
                and right.value not in (0, 1)
                # `2 ÷ 2 = 1` for "half that much" of 2: a given number halved, nothing computed undone
                and not isinstance(node.left, Num)
                and _holds(node.left, right.value)
                and _grows_with(node.left, right.value)
                and not _relative_change(node, right)
            ):
                return right
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg | Call):
            stack.append(node.arg)
    return None


def _relative_change(node: Bin, right: Num) -> bool:
    """`(50 - 40) / 40`: a change divided by the value it changed from, the relative change a percent
    increase or decrease asks for (the given number is the base, not a contribution taken back)."""
    left = node.left
    return node.op == "/" and isinstance(left, Bin) and left.op == "-" and right in (left.left, left.right)


def _expand(expr: Expr, derived: Mapping[Number, Expr], given: Collection[object], budget: list[int]) -> Expr:
    budget[0] -= 1
    if budget[0] <= 0:
        return expr
    if isinstance(expr, Num):
        # a number the prompt gives is that number, even when a step also computed it
        source = derived.get(expr.value) if expr.value not in given else None
        return _expand(source, derived, given, budget) if source is not None else expr
    if isinstance(expr, Bin):
        return Bin(
            expr.op, _expand(expr.left, derived, given, budget), _expand(expr.right, derived, given, budget)
        )
    if isinstance(expr, Neg):
        return Neg(_expand(expr.arg, derived, given, budget))
    return expr


def _grows_with(expr: Expr, value: Number) -> bool:
    """Whether expr grows with the number `value` where it occurs (every occurrence moved together), does not
    move with it, or already takes it away as a term: only then does taking it out undo its contribution.
    `100 - 100/2 - 15 × 2` then `- 15` takes away a new amount (Betty's grandparents give twice her
    parents' $15); `4 × 6` then `- 4` takes the side back out of the area, and `100 - 15` then `- 15` the
    same amount twice. Anything beyond exact arithmetic counts as growing (fail closed)."""
    step = Fraction(1, 1000)
    try:
        before = evaluate(_moved(expr, value, Fraction(0)))
        after = evaluate(_moved(expr, value, step))
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return True
    if not isinstance(before, Fraction) or not isinstance(after, Fraction):
        return True
    # growing or not moving at all with it, or taken away already as itself (`20 - 5` then `- 5`): undone
    return after >= before or _subtracted(expr, value)


def _subtracted(expr: Expr, value: Number) -> bool:
    """Whether the number itself is a term taken away in expr's sum (`100 - 50 - 15`, not `15 × 2`)."""
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin) and node.op in "+-":
            if node.op == "-" and isinstance(node.right, Num) and node.right.value == value:
                return True
            stack.append(node.left)
            if node.op == "+":
                stack.append(node.right)
    return False


def _moved(expr: Expr, value: Number, by: Fraction) -> Expr:
    """expr with every occurrence of the number `value` moved by `by`."""
    if isinstance(expr, Num):
        return Num(expr.value + by) if expr.value == value else expr
    if isinstance(expr, Bin):
        return Bin(expr.op, _moved(expr.left, value, by), _moved(expr.right, value, by))
    if isinstance(expr, Neg):
        return Neg(_moved(expr.arg, value, by))
    if isinstance(expr, Call):
        return Call(expr.name, _moved(expr.arg, value, by))
    return expr


def _holds(expr: Expr, value: Number) -> bool:
    stack: list[Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Num) and node.value == value:
            return True
        if isinstance(node, Bin):
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg | Call):
            stack.append(node.arg)
    return False


__all__ = ["undone_given"]
