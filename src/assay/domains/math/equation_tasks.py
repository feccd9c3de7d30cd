"""Math tasks with unknowns to solve for: linear equations, quadratic equations (factoring or the
quadratic formula) and systems of two linear equations, each with a reference solver that writes the
trace (task_text.py).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.task_base import MathTask, check_range, make_problem, nonzero
from assay.domains.math.task_text import linear, num, paren, signed, signed_term, term, trace_text
from assay.errors import ConfigError
from assay.records import Problem

# --- linear equations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinearConfig:
    max_coef: int = 9  # largest |coefficient|
    max_solution: int = 10  # largest |numerator| of the solution
    forms: str = "ax+b=c,a(x+b)=c,ax+b=cx+d"  # comma-separated forms to draw from
    rational: bool = False  # allow solutions that are not integers

    def __post_init__(self) -> None:
        check_range("linear", "max_coef", self.max_coef, 2, 100)
        check_range("linear", "max_solution", self.max_solution, 1, 1000)
        bad = set(self.forms.split(",")) - set(_LINEAR_FORMS)
        if bad or not self.forms:
            raise ConfigError(f"task linear: unknown form(s) {sorted(bad)}; known: {list(_LINEAR_FORMS)}")


_LINEAR_FORMS = ("ax+b=c", "a(x+b)=c", "ax+b=cx+d")


class LinearEquation(MathTask):
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
        return make_problem(self, seed, index, f"Solve for x: {equation}", reference)

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


# --- quadratic equations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuadraticConfig:
    max_root: int = 9  # largest |root| for factorable equations
    max_leading: int = 1  # largest leading coefficient a
    factorable: str = "mixed"  # "yes", "no" or "mixed"

    def __post_init__(self) -> None:
        check_range("quadratic", "max_root", self.max_root, 1, 100)
        check_range("quadratic", "max_leading", self.max_leading, 1, 9)
        if self.factorable not in ("yes", "no", "mixed"):
            raise ConfigError("task quadratic: config key 'factorable' must be 'yes', 'no' or 'mixed'")


def _poly2(a: int, b: int, c: int) -> str:
    text = term(a, "x^2", True)
    if b:
        text += f" {term(b, 'x', False)}"
    if c:
        text += f" {signed(c)}"
    return text


class QuadraticEquation(MathTask):
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
        return make_problem(self, seed, index, f"Solve for x: {equation}", reference)

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
        check_range("system", "max_coef", self.max_coef, 2, 50)
        check_range("system", "max_solution", self.max_solution, 1, 1000)


class LinearSystem(MathTask):
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
        return make_problem(self, seed, index, f"Solve the system of equations: {eq1} and {eq2}.", reference)
