"""Math tasks on numbers only: multi-step arithmetic with fractions and Game of 24 (with the
exhaustive solver that finds a way to the target), each with a reference solver that writes the trace
(task_text.py).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.expr import Bin, Expr, Num, pretty
from assay.domains.math.task_base import MathTask, check_range, make_problem
from assay.domains.math.task_text import num, trace_text
from assay.errors import ConfigError
from assay.records import Problem

# --- arithmetic with fractions ------------------------------------------------------------------------


@dataclass(frozen=True)
class ArithmeticConfig:
    terms: int = 3  # how many numbers
    max_denominator: int = 9
    operators: str = "+-×÷"  # drawn from these
    integers: int = 0  # how many of the numbers are whole (the rest are fractions)

    def __post_init__(self) -> None:
        check_range("arithmetic", "terms", self.terms, 2, 6)
        check_range("arithmetic", "max_denominator", self.max_denominator, 2, 50)
        check_range("arithmetic", "integers", self.integers, 0, self.terms)
        if not self.operators or set(self.operators) - set("+-×÷"):
            raise ConfigError("task arithmetic: operators must be drawn from '+-×÷'")


_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "×": lambda a, b: a * b, "÷": lambda a, b: a / b}


def _operand(q: Fraction, neighbours: str) -> str:
    if q < 0 or (q.denominator != 1 and any(op in "×÷" for op in neighbours)):
        return f"({num(q)})"
    return num(q)


def _render(values: list[Fraction], ops: list[str]) -> str:
    out = []
    for i, value in enumerate(values):
        neighbours = (ops[i - 1] if i > 0 else "") + (ops[i] if i < len(ops) else "")
        out.append(_operand(value, neighbours))
        if i < len(ops):
            out.append(ops[i])
    return " ".join(out)


class FractionArithmetic(MathTask):
    name = "arithmetic"
    description = "Multi-step arithmetic with fractions, respecting the order of operations."
    Config = ArithmeticConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: ArithmeticConfig = self.config
        rng = self.rng(seed, index)
        while True:
            whole = set(rng.sample(range(cfg.terms), cfg.integers))
            values = [
                Fraction(rng.randint(1, 12))
                if i in whole
                else Fraction(rng.randint(1, cfg.max_denominator - 1), rng.randint(2, cfg.max_denominator))
                for i in range(cfg.terms)
            ]
            ops = [rng.choice(cfg.operators) for _ in range(cfg.terms - 1)]
            if all(v != 0 for v in values):
                break
        expression = _render(values, ops)
        steps: list[tuple[str, str]] = []
        cur_values, cur_ops = list(values), list(ops)
        while cur_ops:
            i = next((k for k, op in enumerate(cur_ops) if op in "×÷"), 0)
            a, b, op = cur_values[i], cur_values[i + 1], cur_ops[i]
            result = _OPS[op](a, b)
            before = _render(cur_values, cur_ops)
            cur_values[i : i + 2] = [result]
            del cur_ops[i]
            after = _render(cur_values, cur_ops)
            verb = {"+": "add", "-": "subtract", "×": "multiply", "÷": "divide"}[op]
            reason = f"{verb} first: {num(a)} {op} {num(b)} = {num(result)}" if cur_ops else verb
            steps.append((f"{before} = {after}", reason))
        answer = cur_values[0]
        text = trace_text(steps, f"{expression} = {num(answer)}", f"Answer: {num(answer)}")
        reference = {"kind": "expression", "expression": expression, "answer": num(answer), "trace": text}
        return make_problem(self, seed, index, f"Compute: {expression}", reference)


# --- Game of 24 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Game24Config:
    count: int = 4  # how many numbers
    max_number: int = 13
    target: int = 24

    def __post_init__(self) -> None:
        check_range("game24", "count", self.count, 2, 5)
        check_range("game24", "max_number", self.max_number, 2, 100)
        check_range("game24", "target", self.target, 1, 10_000)


_G24_OPS = ("+", "-", "*", "/")


def solve24(numbers: list[Fraction], target: Fraction) -> list[tuple[Expr, Expr, str, Fraction]] | None:
    """One way to reach target: a list of (left, right, op, result) moves, or None. Exhaustive search."""
    items: list[tuple[Fraction, Expr]] = [(n, Num(n)) for n in numbers]

    def search(pool: list[tuple[Fraction, Expr]]) -> list[tuple[Expr, Expr, str, Fraction]] | None:
        if len(pool) == 1:
            return [] if pool[0][0] == target else None
        for i, j in itertools.permutations(range(len(pool)), 2):
            (va, ea), (vb, eb) = pool[i], pool[j]
            rest = [p for k, p in enumerate(pool) if k not in (i, j)]
            for op in _G24_OPS:
                if op in "+*" and i > j:
                    continue  # commutative: one order is enough
                if op == "/" and vb == 0:
                    continue
                value = {"+": va + vb, "-": va - vb, "*": va * vb, "/": va / vb if vb else va}[op]
                found = search([*rest, (value, Bin(op, ea, eb))])
                if found is not None:
                    return [(ea, eb, op, value), *found]
        return None

    return search(items)


class Game24(MathTask):
    name = "game24"
    description = "Game of 24: combine the numbers with + - × ÷ to reach the target, each number once."
    Config = Game24Config

    def generate(self, seed: int, index: int) -> Problem:
        cfg: Game24Config = self.config
        rng = self.rng(seed, index)
        target = Fraction(cfg.target)
        for _ in range(10_000):
            numbers = sorted(Fraction(rng.randint(1, cfg.max_number)) for _ in range(cfg.count))
            moves = solve24(numbers, target)
            if moves is not None:
                break
        else:
            raise ConfigError(f"task game24: found no solvable numbers for target {cfg.target}")
        pool = list(numbers)
        steps: list[tuple[str, str]] = []
        expression: Expr = Num(numbers[0])
        for left, right, op, value in moves:
            pool.remove(_value_of(left))
            pool.remove(_value_of(right))
            pool.append(value)
            shown = {"*": "×", "/": "÷"}.get(op, op)
            left_text = pretty(Num(_value_of(left)))
            right_text = pretty(Num(_value_of(right)))
            if _value_of(right).denominator != 1:
                right_text = f"({right_text})"
            steps.append(
                (
                    f"{left_text} {shown} {right_text} = {num(value)}",
                    "numbers left: " + ", ".join(num(n) for n in sorted(pool)),
                )
            )
            expression = Bin(op, left, right)
        answer = pretty(expression)
        listed = ", ".join(num(n) for n in numbers)
        prompt = (
            f"Use the numbers {listed} exactly once each, with + - × ÷ and parentheses, to make {cfg.target}."
        )
        text = trace_text(steps, f"{answer} = {cfg.target}", f"Answer: {answer}")
        reference = {
            "kind": "game24",
            "numbers": [num(n) for n in numbers],
            "target": cfg.target,
            "answer": answer,
            "trace": text,
        }
        return make_problem(self, seed, index, prompt, reference)


def _value_of(expr: Expr) -> Fraction:
    from assay.domains.math.exact import evaluate

    value = evaluate(expr)
    assert isinstance(value, Fraction)
    return value
