"""Procedural math tasks, each with a reference solver that writes a step-by-step trace.

Every trace has numbered steps, a bracketed reason per step, a `Verify:` line that puts the answer back
into the problem, and a final answer line, e.g.

    Step 1: 2x + 5 = 13 [the equation]
    Step 2: 2x + 5 - 5 = 13 - 5 [subtract 5 from both sides]
    Step 3: 2x = 8 [simplify]
    Step 4: x = 8/2 = 4 [divide both sides by 2]
    Verify: 2(4) + 5 = 13
    Therefore x = 4.

The trace goes into `reference["trace"]`, so the problem carries its own worked solution.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, ClassVar

from assay.domains.math.expr import Bin, Expr, Num, pretty
from assay.errors import ConfigError
from assay.records import Problem
from assay.tasks import ProceduralTask

# --- formatting helpers -------------------------------------------------------------------------------


def num(q: Fraction | int) -> str:
    """A number as written in a trace: `4`, `-3`, `5/3`, `-5/3`."""
    return str(Fraction(q))


def paren(q: Fraction | int) -> str:
    """A number ready to follow a coefficient: `(4)`, `(-3)`, `(5/3)`."""
    return f"({num(q)})"


def term(coef: Fraction | int, var: str, first: bool) -> str:
    """`3x`, `- 3x`, `+ x`, `-x` (first term), `(2/3)x`."""
    coef = Fraction(coef)
    mag = abs(coef)
    body = var if mag == 1 else (f"{mag}{var}" if mag.denominator == 1 else f"({mag}){var}")
    if first:
        return body if coef > 0 else f"-{body}"
    return f"+ {body}" if coef > 0 else f"- {body}"


def linear(coefs: list[tuple[Fraction | int, str]], const: Fraction | int = 0) -> str:
    """A linear form `3x - 2y + 5`, skipping zero terms."""
    parts: list[str] = []
    for coef, var in coefs:
        if coef != 0:
            parts.append(term(coef, var, first=not parts))
    const = Fraction(const)
    if const != 0 or not parts:
        if not parts:
            parts.append(num(const))
        else:
            parts.append(f"+ {num(const)}" if const > 0 else f"- {num(-const)}")
    return " ".join(parts)


def signed(q: Fraction | int) -> str:
    """`+ 5` or `- 5`, to append a constant to an expression."""
    q = Fraction(q)
    return f"+ {num(q)}" if q >= 0 else f"- {num(-q)}"


def nonzero(rng: random.Random, low: int, high: int) -> int:
    while True:
        value = rng.randint(low, high)
        if value != 0:
            return value


def trace_text(steps: list[tuple[str, str]], verify: str, final: str) -> str:
    lines = [f"Step {i}: {math_text} [{reason}]" for i, (math_text, reason) in enumerate(steps, 1)]
    return "\n".join([*lines, f"Verify: {verify}", final])


def _problem(task: ProceduralTask, seed: int, index: int, prompt: str, reference: dict[str, Any]) -> Problem:
    return task.problem(seed, index, prompt, reference)


class _MathTask(ProceduralTask):
    domain: ClassVar[str] = "math"


def _check_range(task: str, key: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(f"task {task}: config key {key!r} must be in [{low}, {high}], not {value}")


# --- linear equations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinearConfig:
    max_coef: int = 9  # largest |coefficient|
    max_solution: int = 10  # largest |numerator| of the solution
    forms: str = "ax+b=c,a(x+b)=c,ax+b=cx+d"  # comma-separated forms to draw from
    rational: bool = False  # allow solutions that are not integers

    def __post_init__(self) -> None:
        _check_range("linear", "max_coef", self.max_coef, 2, 100)
        _check_range("linear", "max_solution", self.max_solution, 1, 1000)
        bad = set(self.forms.split(",")) - set(_LINEAR_FORMS)
        if bad or not self.forms:
            raise ConfigError(f"task linear: unknown form(s) {sorted(bad)}; known: {list(_LINEAR_FORMS)}")


_LINEAR_FORMS = ("ax+b=c", "a(x+b)=c", "ax+b=cx+d")


class LinearEquation(_MathTask):
    name = "linear"
    description = (
        "Linear equations in x: ax + b = c, a(x + b) = c, x on both sides; optional rational solutions."
    )
    Config = LinearConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: LinearConfig = self.config
        rng = self.rng(seed, index)
        form = rng.choice(cfg.forms.split(","))
        if form == "ax+b=c":
            equation, steps, verify, x = self._simple(rng, cfg)
        elif form == "a(x+b)=c":
            equation, steps, verify, x = self._bracket(rng, cfg)
        else:
            equation, steps, verify, x = self._both_sides(rng, cfg)
        trace = trace_text(steps, verify, f"Therefore x = {num(x)}.")
        reference = {
            "kind": "equation",
            "equations": [equation],
            "variables": ["x"],
            "answer": num(x),
            "trace": trace,
        }
        return _problem(self, seed, index, f"Solve for x: {equation}", reference)

    def _solution(self, rng: random.Random, cfg: LinearConfig, a: int) -> Fraction:
        if cfg.rational and rng.random() < 0.5:
            return Fraction(rng.randint(-cfg.max_solution, cfg.max_solution), abs(a))
        return Fraction(rng.randint(-cfg.max_solution, cfg.max_solution))

    def _simple(
        self, rng: random.Random, cfg: LinearConfig
    ) -> tuple[str, list[tuple[str, str]], str, Fraction]:
        a = nonzero(rng, -cfg.max_coef, cfg.max_coef)
        if abs(a) == 1:
            a = 2 * a
        x = self._solution(rng, cfg, a)
        b = nonzero(rng, -cfg.max_coef * 2, cfg.max_coef * 2)
        c = a * x + b
        lhs = linear([(a, "x")], b)
        equation = f"{lhs} = {num(c)}"
        undo = f"subtract {b} from both sides" if b > 0 else f"add {-b} to both sides"
        steps = [
            (equation, "the equation"),
            (f"{lhs} {signed(-b)} = {num(c)} {signed(-b)}", undo),
            (f"{term(a, 'x', True)} = {num(c - b)}", "simplify"),
            (_divide(a, c - b, x), f"divide both sides by {a}"),
        ]
        verify = f"{a}{paren(x)} {signed(b)} = {num(c)}"
        return equation, steps, verify, x

    def _bracket(
        self, rng: random.Random, cfg: LinearConfig
    ) -> tuple[str, list[tuple[str, str]], str, Fraction]:
        a = nonzero(rng, 2, cfg.max_coef) * rng.choice((1, -1))
        x = Fraction(rng.randint(-cfg.max_solution, cfg.max_solution))
        if cfg.rational and rng.random() < 0.5:
            x = Fraction(rng.randint(-cfg.max_solution, cfg.max_solution), rng.randint(2, 5))
        b = nonzero(rng, -cfg.max_coef, cfg.max_coef)
        c = a * (x + b)
        inner = linear([(1, "x")], b)
        equation = f"{a}({inner}) = {num(c)}"
        quotient = c / a
        steps = [
            (equation, "the equation"),
            (f"{inner} = {num(c)}/{paren(a) if a < 0 else a} = {num(quotient)}", f"divide both sides by {a}"),
            (
                f"x = {num(quotient)} {signed(-b)} = {num(x)}",
                f"subtract {b} from both sides" if b > 0 else f"add {-b} to both sides",
            ),
        ]
        verify = f"{a}({num(x)} {signed(b)}) = {num(c)}"
        return equation, steps, verify, x

    def _both_sides(
        self, rng: random.Random, cfg: LinearConfig
    ) -> tuple[str, list[tuple[str, str]], str, Fraction]:
        a = nonzero(rng, -cfg.max_coef, cfg.max_coef)
        c = nonzero(rng, -cfg.max_coef, cfg.max_coef)
        while c == a:
            c = nonzero(rng, -cfg.max_coef, cfg.max_coef)
        k = a - c
        x = self._solution(rng, cfg, k)
        b = nonzero(rng, -cfg.max_coef * 2, cfg.max_coef * 2)
        d = k * x + b
        lhs, rhs = linear([(a, "x")], b), linear([(c, "x")], d)
        equation = f"{lhs} = {rhs}"
        move = f"subtract {c}x from both sides" if c > 0 else f"add {-c}x to both sides"
        steps = [
            (equation, "the equation"),
            (f"{linear([(a, 'x')])} {term(-c, 'x', False)} {signed(b)} = {num(d)}", move),
            (f"{linear([(k, 'x')], b)} = {num(d)}", "combine like terms"),
            (
                f"{term(k, 'x', True)} = {num(d)} {signed(-b)} = {num(d - b)}",
                f"subtract {b} from both sides" if b > 0 else f"add {-b} to both sides",
            ),
            (_divide(k, d - b, x), f"divide both sides by {k}"),
        ]
        verify = f"{a}{paren(x)} {signed(b)} = {c}{paren(x)} {signed(d)}"
        return equation, steps, verify, x


def _divide(a: int | Fraction, rhs: Fraction, x: Fraction) -> str:
    divisor = f"({a})" if a < 0 else f"{a}"
    if Fraction(rhs) / a == Fraction(rhs) and a == 1:
        return f"x = {num(x)}"
    written = f"{num(rhs)}/{divisor}"
    return f"x = {written} = {num(x)}" if written != num(x) else f"x = {num(x)}"


# --- arithmetic with fractions ------------------------------------------------------------------------


@dataclass(frozen=True)
class ArithmeticConfig:
    terms: int = 3  # how many numbers
    max_denominator: int = 9
    operators: str = "+-×÷"  # drawn from these
    integers: int = 0  # how many of the numbers are whole (the rest are fractions)

    def __post_init__(self) -> None:
        _check_range("arithmetic", "terms", self.terms, 2, 6)
        _check_range("arithmetic", "max_denominator", self.max_denominator, 2, 50)
        _check_range("arithmetic", "integers", self.integers, 0, self.terms)
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


class FractionArithmetic(_MathTask):
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
        return _problem(self, seed, index, f"Compute: {expression}", reference)


# --- quadratic equations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuadraticConfig:
    max_root: int = 9  # largest |root| for factorable equations
    max_leading: int = 1  # largest leading coefficient a
    factorable: str = "mixed"  # "yes", "no" or "mixed"

    def __post_init__(self) -> None:
        _check_range("quadratic", "max_root", self.max_root, 1, 100)
        _check_range("quadratic", "max_leading", self.max_leading, 1, 9)
        if self.factorable not in ("yes", "no", "mixed"):
            raise ConfigError("task quadratic: config key 'factorable' must be 'yes', 'no' or 'mixed'")


def _poly2(a: int, b: int, c: int) -> str:
    text = term(a, "x^2", True)
    if b:
        text += f" {term(b, 'x', False)}"
    if c:
        text += f" {signed(c)}"
    return text


class QuadraticEquation(_MathTask):
    name = "quadratic"
    description = "Quadratic equations with real roots, by factoring or by the quadratic formula."
    Config = QuadraticConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: QuadraticConfig = self.config
        rng = self.rng(seed, index)
        factorable = cfg.factorable == "yes" or (cfg.factorable == "mixed" and rng.random() < 0.5)
        a = rng.randint(1, cfg.max_leading)
        if factorable:
            text, answer_text, equation = self._factored(rng, cfg, a)
        else:
            text, answer_text, equation = self._formula(rng, cfg, a)
        reference = {
            "kind": "equation",
            "equations": [equation],
            "variables": ["x"],
            "answer": answer_text,
            "trace": text,
        }
        return _problem(self, seed, index, f"Solve for x: {equation}", reference)

    def _factored(self, rng: random.Random, cfg: QuadraticConfig, a: int) -> tuple[str, str, str]:
        r1 = rng.randint(-cfg.max_root, cfg.max_root)
        r2 = r1 if rng.random() < 0.1 else rng.randint(-cfg.max_root, cfg.max_root)
        b, c = -a * (r1 + r2), a * r1 * r2
        equation = f"{_poly2(a, b, c)} = 0"
        lead = "" if a == 1 else str(a)
        f1, f2 = linear([(1, "x")], -r1), linear([(1, "x")], -r2)
        if r1 == r2:
            factored = f"{lead}({f1})^2 = 0"
            steps = [
                (equation, "the equation"),
                (factored, "factor"),
                (f"{f1} = 0", "a square is zero only when its base is"),
                (f"x = {num(r1)}", "solve"),
            ]
            verify = f"{_substituted(a, b, c, Fraction(r1))} = 0"
            return trace_text(steps, verify, f"Therefore x = {num(r1)}."), num(r1), equation
        lo, hi = sorted((r1, r2))
        steps = [
            (equation, "the equation"),
            (f"{lead}({f1})({f2}) = 0", "factor"),
            (f"{f1} = 0 or {f2} = 0", "a product is zero when a factor is"),
            (f"x = {num(r1)} or x = {num(r2)}", "solve each"),
        ]
        verify = " and ".join(f"{_substituted(a, b, c, Fraction(r))} = 0" for r in (lo, hi))
        final = f"Therefore x = {num(lo)} or x = {num(hi)}."
        return trace_text(steps, verify, final), f"x = {num(lo)}, x = {num(hi)}", equation

    def _formula(self, rng: random.Random, cfg: QuadraticConfig, a: int) -> tuple[str, str, str]:
        while True:
            b = rng.randint(-2 * cfg.max_root, 2 * cfg.max_root)
            c = nonzero(rng, -2 * cfg.max_root, 2 * cfg.max_root)
            disc = b * b - 4 * a * c
            if disc > 0 and math.isqrt(disc) ** 2 != disc:
                break
        equation = f"{_poly2(a, b, c)} = 0"
        # sqrt(disc) = k*sqrt(d) with d square-free
        k, d = 1, disc
        for p in range(2, math.isqrt(disc) + 1):
            while d % (p * p) == 0:
                d //= p * p
                k *= p
        g = math.gcd(math.gcd(b, k), 2 * a)
        top, coef, bottom = -b // g, k // g, 2 * a // g
        root_text = "sqrt(" + str(d) + ")" if coef == 1 else f"{coef}sqrt({d})"
        plus_minus = f"{top} ± {root_text}" if top else f"±{root_text}"
        simplified = plus_minus if bottom == 1 else f"({plus_minus})/{bottom}"
        roots = [
            f"{top} + {root_text}" if top else root_text,
            f"{top} - {root_text}" if top else f"-{root_text}",
        ]
        if bottom != 1:
            roots = [f"({r})/{bottom}" for r in roots]
        steps = [
            (equation, "the equation"),
            (f"x = ({-b} ± sqrt({paren(b) if b < 0 else b}^2 - 4({a})({c})))/(2({a}))", "quadratic formula"),
            (f"x = ({-b} ± sqrt({disc}))/{2 * a}", "simplify"),
        ]
        if simplified != f"({-b} ± sqrt({disc}))/{2 * a}":
            steps.append((f"x = {simplified}", "simplify the square root"))
        checks = [f"{a if a != 1 else ''}({r})^2 {signed_term(b, r)} {signed(c)} = 0" for r in roots]
        final = f"Therefore x = {roots[0]} or x = {roots[1]}."
        return trace_text(steps, " and ".join(checks), final), f"x = {roots[0]}, x = {roots[1]}", equation


def signed_term(b: int, inner: str) -> str:
    """`+ 3(r)`, `- 3(r)`, `+ (r)`; empty when b = 0."""
    if b == 0:
        return "+ 0"
    mag = abs(b)
    body = f"({inner})" if mag == 1 else f"{mag}({inner})"
    return f"+ {body}" if b > 0 else f"- {body}"


def _substituted(a: int, b: int, c: int, x: Fraction) -> str:
    lead = "" if a == 1 else str(a)
    text = f"{lead}{paren(x)}^2"
    if b:
        text += f" {signed_term(b, num(x))}"
    if c:
        text += f" {signed(c)}"
    return text


# --- systems of two linear equations ------------------------------------------------------------------


@dataclass(frozen=True)
class SystemConfig:
    max_coef: int = 6
    max_solution: int = 9

    def __post_init__(self) -> None:
        _check_range("system", "max_coef", self.max_coef, 2, 50)
        _check_range("system", "max_solution", self.max_solution, 1, 1000)


class LinearSystem(_MathTask):
    name = "system"
    description = "Systems of two linear equations in x and y, solved by elimination."
    Config = SystemConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: SystemConfig = self.config
        rng = self.rng(seed, index)
        m = cfg.max_coef
        while True:
            a1, b1, a2, b2 = (nonzero(rng, -m, m) for _ in range(4))
            if a1 * b2 - a2 * b1 != 0:
                break
        x, y = (rng.randint(-cfg.max_solution, cfg.max_solution) for _ in range(2))
        c1, c2 = a1 * x + b1 * y, a2 * x + b2 * y
        eq1 = f"{linear([(a1, 'x'), (b1, 'y')])} = {c1}"
        eq2 = f"{linear([(a2, 'x'), (b2, 'y')])} = {c2}"
        k, r = b1 * a2 - b2 * a1, c1 * a2 - c2 * a1
        steps = [
            (eq1, "equation 1"),
            (eq2, "equation 2"),
            (f"{a2}({linear([(a1, 'x'), (b1, 'y')])}) = {a2}{paren(c1)}", f"multiply equation 1 by {a2}"),
            (f"{a1}({linear([(a2, 'x'), (b2, 'y')])}) = {a1}{paren(c2)}", f"multiply equation 2 by {a1}"),
            (f"{term(k, 'y', True)} = {r}", "subtract the second from the first: x cancels"),
            (f"y = {r}/{paren(k) if k < 0 else k} = {y}" if k != 1 else f"y = {y}", f"divide by {k}"),
            (f"{term(a1, 'x', True)} {signed_term(b1, str(y))} = {c1}", "put y into equation 1"),
            (f"{term(a1, 'x', True)} = {c1} {signed(-b1 * y)} = {c1 - b1 * y}", "move the constant"),
            (
                f"x = {c1 - b1 * y}/{paren(a1) if a1 < 0 else a1} = {x}" if a1 != 1 else f"x = {x}",
                f"divide by {a1}",
            ),
        ]
        first = f"{a1}{paren(x)} {signed_term(b1, str(y))} = {c1}"
        verify = f"{first} and {a2}{paren(x)} {signed_term(b2, str(y))} = {c2}"
        text = trace_text(steps, verify, f"Therefore x = {x}, y = {y}.")
        reference = {
            "kind": "system",
            "equations": [eq1, eq2],
            "variables": ["x", "y"],
            "answer": f"x = {x}, y = {y}",
            "trace": text,
        }
        return _problem(self, seed, index, f"Solve the system of equations: {eq1} and {eq2}.", reference)


# --- Game of 24 ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Game24Config:
    count: int = 4  # how many numbers
    max_number: int = 13
    target: int = 24

    def __post_init__(self) -> None:
        _check_range("game24", "count", self.count, 2, 5)
        _check_range("game24", "max_number", self.max_number, 2, 100)
        _check_range("game24", "target", self.target, 1, 10_000)


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


class Game24(_MathTask):
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
        return _problem(self, seed, index, prompt, reference)


def _value_of(expr: Expr) -> Fraction:
    from assay.domains.math.exact import evaluate

    value = evaluate(expr)
    assert isinstance(value, Fraction)
    return value
