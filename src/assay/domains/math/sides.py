"""Which parts of an arithmetic problem a step may compute besides the problem's value.

A step of `Compute 2 + 1/3 + 2/3` may compute a part of it (`2 + 1/3 = 7/3`), the same operation once its
operands have been computed (`1/(3/2)` for the problem's `1/(1 + 1/2)`), or a side computation on whole
numbers (`4 × 3 = 12` for a common denominator). Anything else true that is not the problem's value
rewrites the problem (a dropped or miscopied term) and is refuted by the step checker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assay.domains.math.decide import exact_value
from assay.domains.math.exact import Number, Unsupported, apply_op
from assay.domains.math.expr import Bin, Expr, Num, to_text
from assay.errors import LimitExceeded

Operation = tuple[str, Number, Number]  # (op, value of the left operand, value of the right one)
MAX_REMEMBERED = 5000


@dataclass
class Parts:
    """The sub-expressions seen so far (structural keys) and their operations by operand values."""

    seen: set[str] = field(default_factory=set)
    operations: set[Operation] = field(default_factory=set)

    def remember(self, expr: Expr) -> None:
        stack = [expr]
        while stack and len(self.seen) < MAX_REMEMBERED:
            node = stack.pop()
            self.seen.add(to_text(node))
            if isinstance(node, Bin):
                stack.extend((node.left, node.right))
        if len(self.operations) < MAX_REMEMBERED:
            _values_below(expr, self.operations)

    def has(self, expr: Expr) -> bool:
        """Whether expr is a part seen before, or the same operation on operands of the same values."""
        if to_text(expr) in self.seen:
            return True
        return isinstance(expr, Bin) and _operation(expr) in self.operations


def _values_below(expr: Expr, operations: set[Operation]) -> Number | None:
    """expr's exact value, computed once bottom-up, recording every operation met on the way."""
    if not isinstance(expr, Bin):
        try:
            return exact_value(expr)
        except (ZeroDivisionError, LimitExceeded):
            return None
    left, right = _values_below(expr.left, operations), _values_below(expr.right, operations)
    if left is None or right is None:
        return None
    operations.add((expr.op, left, right))
    try:
        return apply_op(expr.op, left, right)
    except (ZeroDivisionError, LimitExceeded, Unsupported):
        return None


def _operation(node: Bin) -> Operation | None:
    try:
        left, right = exact_value(node.left), exact_value(node.right)
    except (ZeroDivisionError, LimitExceeded):
        return None
    return None if left is None or right is None else (node.op, left, right)


def whole_number_arithmetic(expr: Expr) -> bool:
    """`a op b` on two numbers, or whole numbers combined with + - * only."""
    if isinstance(expr, Bin) and isinstance(expr.left, Num) and isinstance(expr.right, Num):
        return True
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin) and node.op in "+-*":
            stack.extend((node.left, node.right))
        elif not (isinstance(node, Num) and node.value.denominator == 1):
            return False
    return isinstance(expr, Bin)
