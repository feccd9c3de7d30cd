"""Game of 24: the rules, for final answers and for the steps that lead to them.

The rules: combine the given numbers, each exactly once, with `+ - * /` and parentheses only, to reach
the target. Everything else is a broken rule and the claim is refuted, whatever its value: `!`, `^`,
square roots, digits glued into a new number (`1` and `2` read as `12`), a number used twice or not at
all, a unary minus, a variable or a constant. A chain such as `6 × 4 = 24 = 26` is judged as a whole:
every link must be true, not only the first.

A step (`8 / 2 = 4`) takes numbers from the pool of numbers still available and puts its result back;
its leaves must be literal numbers from the pool. A sub-expression is never taken "by value": `(1 + 1)`
does not stand for a 2 in the pool.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from assay.domains.math.after_answer import beyond_arithmetic, written_expressions
from assay.domains.math.exact import Number, Unsupported, evaluate, format_number
from assay.domains.math.expr import Bin, Call, Const, Expr, Neg, Num, PlusMinus, Var, pretty
from assay.domains.math.grammar import parse_chain
from assay.errors import LimitExceeded, MathParseError
from assay.records import Status, Step, StepKind
from assay.text.unfinished import MAX_LINE

ALLOWED_OPS = frozenset("+-*/")


def broken_rule(expr: Expr, negative_leaves: bool = False) -> str | None:
    """Why expr is not a Game of 24 expression, or None. `negative_leaves`: allow `-5` as a leaf."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin):
            if node.op not in ALLOWED_OPS:
                return f"uses {node.op!r}, which the rules do not allow (only + - * /)"
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg):
            if not (negative_leaves and isinstance(node.arg, Num)):
                return "uses a unary minus, which the rules do not allow"
        elif isinstance(node, Call):
            shown = "!" if node.name == "factorial" else "a square root"
            return f"uses {shown}, which the rules do not allow (only + - * /)"
        elif isinstance(node, Var | Const):
            return f"uses {node.name}, which is not one of the numbers"
        elif isinstance(node, PlusMinus):
            return "uses ±, which the rules do not allow"
    return None


def leaves(expr: Expr) -> list[Fraction]:
    """The numbers an allowed expression uses, a negative leaf `-5` as -5."""
    out: list[Fraction] = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Num):
            out.append(node.value)
        elif isinstance(node, Neg) and isinstance(node.arg, Num):
            out.append(-node.arg.value)
        elif isinstance(node, Bin):
            stack.extend((node.right, node.left))
    return out


def _shown(numbers: list[Fraction] | tuple[Fraction, ...]) -> str:
    return ", ".join(format_number(n) for n in sorted(numbers))


def _chain_values(parts: list[Expr]) -> tuple[list[Number] | None, str]:
    """Exact values of every part, or None and the reason (false link, division by zero, ...)."""
    values: list[Number] = []
    for part in parts:
        try:
            values.append(evaluate(part))
        except ZeroDivisionError:
            return None, f"{pretty(part)} divides by zero"
    for i in range(len(parts) - 1):
        if values[i] != values[i + 1]:
            shown = f"{format_number(values[i])} ≠ {format_number(values[i + 1])}"
            return None, f"{pretty(parts[i])} = {pretty(parts[i + 1])} is false ({shown})"
    return values, ""


def check_answer(numbers: tuple[Fraction, ...], target: Fraction, text: str) -> tuple[Status, str]:
    """A final answer such as `(8 / (3 - 8/3)) = 24`: every rule kept and every link true."""
    try:
        parts = parse_chain(text)
    except LimitExceeded as exc:
        return Status.UNKNOWN, f"the answer exceeds a safety bound: {exc}"
    except MathParseError as exc:
        return Status.UNKNOWN, f"could not read the answer: {exc}"
    # the part that combines the numbers; "24 = 8 * 3" puts it second
    wanted = sorted(numbers)
    expr = next((p for p in parts if sorted(leaves(p)) == wanted), None)
    if expr is None:
        expr = next((p for p in parts if isinstance(p, Bin)), parts[0])
        why = broken_rule(expr)
        if why is not None:
            return Status.REFUTED, f"the answer {why}"
        shown = _shown(leaves(expr))
        return Status.REFUTED, f"the answer uses {shown}, but must use each of {_shown(wanted)} exactly once"
    for part in parts:
        why = broken_rule(part) if part is expr else _not_a_plain_value(part)
        if why is not None:
            return Status.REFUTED, f"the answer {why}"
    try:
        values, why = _chain_values(parts)
    except (Unsupported, LimitExceeded) as exc:
        return Status.UNKNOWN, f"could not evaluate the answer: {exc}"
    if values is None:
        return Status.REFUTED, f"the answer is false: {why}"
    goal = format_number(target)
    if values[0] != target:
        return Status.REFUTED, f"the answer evaluates to {format_number(values[0])}, not {goal}"
    return Status.VERIFIED, f"uses each number once with + - * / only and evaluates to {goal}"


def _not_a_plain_value(part: Expr) -> str | None:
    """The other parts of an answer chain may restate values (`= 24`), with the same rules."""
    return broken_rule(part, negative_leaves=True)


def check_step(
    pool: Counter[Number], parts: list[Expr], given: tuple[Number, ...] = (), pool_known: bool = True
) -> tuple[Status, str, Counter[Number]]:
    """One step `a op b (op c ...) = r`: (status, evidence, the pool after it).

    A step that writes the whole answer again from the given numbers (`4 × 6 × 1 × 1 = 24` after the steps
    that reached it) is a recap: judged as an answer would be, and the pool stays as it is. pool_known:
    False after a step that could not be read, so the numbers left are not known and a number missing
    from the pool proves nothing."""
    if len(parts) < 2:
        return Status.UNKNOWN, "a Game of 24 step must be `a op b = c`", pool
    for part in parts:
        why = broken_rule(part, negative_leaves=True)
        if why is not None:
            return Status.REFUTED, f"the step {why}", pool
    try:
        values, why = _chain_values(parts)
    except (Unsupported, LimitExceeded) as exc:
        return Status.UNKNOWN, f"could not evaluate the step: {exc}", pool
    if values is None:
        return Status.REFUTED, why, pool
    expr = next((p for p in parts if isinstance(p, Bin)), None)
    if expr is None:
        return Status.UNKNOWN, "a Game of 24 step must combine numbers with + - * /", pool
    after = pool.copy()
    missing = _take(expr, after, top=True)
    if missing and given and Counter(leaves(expr)) == Counter(given) and values[0] in pool:
        # `4 × 6 × 1 × 1 = 24` once the steps reached 24: the whole answer written again, every given
        # number once, ending on a value the steps reached
        return Status.VERIFIED, f"true; the whole answer again from {_shown(given)}", pool  # type: ignore[arg-type]
    if missing:
        available = _shown(list(pool.elements()))  # type: ignore[arg-type]
        said = f"{pretty(expr)} uses {format_number(missing[0])}, which is not available (left: {available})"
        if not pool_known:
            return (
                Status.UNKNOWN,
                f"{said}; an earlier step could not be read, so the numbers left are not known",
                pool,
            )
        return Status.REFUTED, said, pool
    result = values[0]
    after[result] += 1
    after = +after  # drop the numbers used up
    return Status.VERIFIED, f"true; numbers left: {_shown(list(after.elements()))}", after  # type: ignore[arg-type]


def _literal(expr: Expr) -> Fraction | None:
    """The value of a number as it is written: `5`, `-1`, `1/2`, `-3/4`; None for anything else."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Neg) and isinstance(expr.arg, Num):
        return -expr.arg.value
    if isinstance(expr, Bin) and expr.op == "/" and isinstance(expr.right, Num) and expr.right.value != 0:
        top = _literal(expr.left)
        if top is not None and not isinstance(expr.left, Bin):
            return top / expr.right.value
    return None


def _take(expr: Expr, pool: Counter[Number], top: bool = False) -> list[Fraction]:
    """Take expr's numbers out of pool; the numbers that were not there (empty when all were).

    An intermediate result is written as a number (`1/2`, `-1`), so below the top a written fraction
    whose value is in the pool is that number; only literals, never a computed sub-expression by value.
    """
    value = _literal(expr)
    if isinstance(expr, Bin) and (top or value is None or pool[value] <= 0):
        return _take(expr.left, pool) + _take(expr.right, pool)
    if value is None:
        raise Unsupported("a Game of 24 leaf that is not a number")  # broken_rule() excludes this
    if pool[value] <= 0:
        return [value]
    pool[value] -= 1
    return []


# `Also works: 4!`: a factorial alone; after the target itself (`We made 24!`) a `!` is the sentence's
_FACTORIAL = re.compile(r"(?<![\d.])(\d+)\s*!(?!=)")


def rule_broken_after(steps: tuple[Step, ...], numbers: tuple[Fraction, ...], target: Fraction) -> str | None:
    """The first line after the last answer line that offers an answer breaking the rules beside the one
    given, or None: numbers written with an operation the rules forbid (`Alternatively: 6^1 × 4^1`,
    `Also works: 24 = 4! × 1 × 1`, `Or just 4!`), or an expression of every given number that does not use
    each exactly once (`Or: 6 × (8 - 3 - 2) + 6` for 8, 2, 3, 6). The answer alone cannot show either."""
    last = max((at for at, step in enumerate(steps) if step.kind == StepKind.ANSWER), default=None)
    if last is None:
        return None
    wanted = Counter(numbers)
    for step in steps[last + 1 :]:
        if beyond_arithmetic(step.text) or beyond_arithmetic(step.math or ""):
            return step.text
        if any(Fraction(int(m.group(1))) != target for m in _FACTORIAL.finditer(step.text[:MAX_LINE])):
            return step.text
        for written, in_claim in written_expressions(step.text) + written_expressions(step.math or ""):
            try:
                chain = parse_chain(written)
            except (MathParseError, LimitExceeded):
                continue
            for side in chain:
                if broken_rule(side) is not None:
                    continue
                used = Counter(leaves(side))
                if used == wanted:
                    continue
                if used.total() >= wanted.total() and set(used) >= set(wanted):
                    return step.text  # every given number, but not each exactly once
                if not in_claim and len(chain) == 1 and _worth(side) == target:
                    return step.text  # `Alternatively: 3 × 8`: the target from other numbers, offered alone
    return None


def _worth(expr: Expr) -> Number | None:
    try:
        return evaluate(expr, {})
    except (Unsupported, ZeroDivisionError, LimitExceeded):
        return None
