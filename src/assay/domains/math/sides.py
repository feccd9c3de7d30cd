"""Which parts of an arithmetic problem a step may compute, and which step works the problem out.

A step of `Compute 2 + 1/3 + 2/3` may compute a part of it (`2 + 1/3 = 7/3`), the same operation once its
operands have been computed (`1/(3/2)` for the problem's `1/(1 + 1/2)`), or a side computation on whole
numbers (`4 × 3 = 12` for a common denominator). Anything else true that is not the problem's value
rewrites the problem (a dropped or miscopied term) and is refuted by the step checker.

Truth is not enough for the problem's own value: `19 - 6 = 13` is true and has the value of
`2 + 3 × 4 - 1`, but it does not follow from it. A line that reaches the problem's value must follow from
the problem's expression (tie.py), and a final answer counts only once some line has worked it out so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assay.domains.math.decide import Refuted, Unknown, exact_value, show
from assay.domains.math.exact import Number, Unsupported, apply_op, format_number
from assay.domains.math.expr import Bin, Expr, Num, to_text
from assay.domains.math.tie import follows, is_literal, is_part
from assay.errors import LimitExceeded

Operation = tuple[str, Number, Number]  # (op, value of the left operand, value of the right one)
MAX_REMEMBERED = 5000


@dataclass
class Parts:
    """The sub-expressions seen so far (structural keys) and their operations by operand values."""

    seen: set[str] = field(default_factory=set)
    operations: set[Operation] = field(default_factory=set)
    results: frozenset[Number] = frozenset()  # the values of what the steps wrote

    def add_result(self, value: Number) -> None:
        if len(self.results) < MAX_REMEMBERED:
            self.results = self.results | {value}

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


def derives(parts: list[Expr], source: Expr, known: frozenset[Number]) -> bool:
    """Whether a true chain works the problem out: one of its parts (not a bare number, which would be
    the answer restated) is the problem's expression with parts of it worked out (a number standing for
    several terms must be a result computed before: `known`)."""
    return any(not is_literal(p) and follows(p, source, known=known) for p in parts)


def arithmetic_step(
    parts: list[Expr], value: Number, target: Number, source: Expr, seen: Parts
) -> tuple[str, bool]:
    """(evidence, whether the step works the problem out) for a true chain of value `value` in a problem
    of expression `source` and value `target`; raises Unknown or Refuted for a step that is not tied."""
    if derives(parts, source, seen.results):
        return "true, and works out the problem's expression", True
    tied = seen.has(parts[0]) or any(
        not is_literal(p) and is_part(p, source, known=seen.results) for p in parts
    )
    if value == target:
        if tied:  # the problem's own operation on operands of the same values (`1/(3/2)`)
            return "true, and keeps the problem's value", False
        raise Unknown(
            f"{show(parts[0])} reaches the problem's value {format_number(target)}"
            " but does not follow from the problem's expression"
        )
    if tied:
        return "true (a part of the problem)", False
    # a side computation (`4 × 3 = 12` for a common denominator, `3 + 2 + 1 = 6` for a numerator) on whole
    # numbers is true and harmless; anything else that is neither the problem's value nor a part of it
    # rewrites the problem (a dropped or miscopied term)
    if whole_number_arithmetic(parts[0]):
        return "true (a side computation)", False
    raise Refuted(
        f"{show(parts[0])} equals {format_number(value)}, not the problem's value"
        f" {format_number(target)}, and is not a part of the problem"
    )
