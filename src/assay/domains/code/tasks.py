"""Procedural code tasks: every problem carries a reference solution and tests it passes.

- `pbe` (programming by example): infer `f` from input/output pairs. Families: arithmetic maps, string
  transforms, list folds and filters. The prompt shows a few pairs; the tests hold those and more
  hidden ones, so a lookup table of the shown pairs fails.
- `functions`: a function described by its docstring, with a reference solution and property-style
  tests (`check(candidate)` asserts properties of the output on seeded inputs, e.g. "sorted and a
  permutation of the input", not a comparison with the reference's output).

Values in tests are written with `repr` of plain values only, so tests are Python literals.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from assay.errors import ConfigError
from assay.records import Problem
from assay.tasks import ProceduralTask


def _fenced(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```"


def _problem(task: ProceduralTask, seed: int, index: int, prompt: str, reference: dict[str, Any]) -> Problem:
    return task.problem(seed, index, prompt, reference)


class _CodeTask(ProceduralTask):
    domain: ClassVar[str] = "code"


def _families(value: str, known: Mapping[str, Any], task: str) -> list[str]:
    chosen = [f.strip() for f in value.split(",") if f.strip()]
    bad = sorted(set(chosen) - set(known))
    if bad or not chosen:
        raise ConfigError(f"task {task}: unknown famil(ies) {bad}; known: {sorted(known)}")
    return chosen


# --- programming by example ----------------------------------------------------------------------------

Rule = tuple[str, Callable[[Any], Any]]  # (body of f, the same function in Python)


def _arithmetic(rng: random.Random) -> tuple[Rule, Callable[[random.Random], Any]]:
    a = rng.choice([2, 3, 4, 5, -2, -3])
    b = rng.randint(-9, 9)
    m = rng.randint(3, 9)
    c = rng.randint(-5, 5)
    rules: list[Rule] = [
        (f"return {a} * x + {b}", lambda x: a * x + b),
        (f"return x * x + {b}", lambda x: x * x + b),
        (f"return x % {m}", lambda x: x % m),
        (f"return abs(x - {c})", lambda x: abs(x - c)),
        (f"return (x * {a}) // {m}", lambda x: (x * a) // m),
        (f"return max(x, {c}) * {a}", lambda x: max(x, c) * a),
    ]
    return rng.choice(rules), lambda r: r.randint(-20, 20)


def _strings(rng: random.Random) -> tuple[Rule, Callable[[random.Random], Any]]:
    k = rng.randint(1, 3)
    old, new = rng.sample(string.ascii_lowercase[:8], 2)
    rules: list[Rule] = [
        ("return x[::-1]", lambda x: x[::-1]),
        ("return x.upper()", lambda x: x.upper()),
        ("return ''.join(ch * 2 for ch in x)", lambda x: "".join(ch * 2 for ch in x)),
        (
            "return ''.join(ch for ch in x if ch not in 'aeiou')",
            lambda x: "".join(ch for ch in x if ch not in "aeiou"),
        ),
        (f"return x[{k}:] + x[:{k}]", lambda x: x[k:] + x[:k]),
        (f"return x.replace({old!r}, {new!r})", lambda x: x.replace(old, new)),
        ("return ''.join(sorted(x))", lambda x: "".join(sorted(x))),
        ("return x + str(len(x))", lambda x: x + str(len(x))),
    ]

    def word(r: random.Random) -> str:
        return "".join(r.choice(string.ascii_lowercase[:10]) for _ in range(r.randint(1, 7)))

    return rng.choice(rules), word


def _lists(rng: random.Random) -> tuple[Rule, Callable[[random.Random], Any]]:
    k = rng.randint(-2, 4)
    m = rng.choice([2, 3, -1])
    rules: list[Rule] = [
        ("return sum(v for v in x if v % 2 == 0)", lambda x: sum(v for v in x if v % 2 == 0)),
        (f"return [v for v in x if v > {k}]", lambda x: [v for v in x if v > k]),
        (f"return [v * {m} for v in x]", lambda x: [v * m for v in x]),
        (f"return len([v for v in x if v > {k}])", lambda x: len([v for v in x if v > k])),
        ("return max(x) - min(x) if x else 0", lambda x: max(x) - min(x) if x else 0),
        (
            "out, total = [], 0\n    for v in x:\n        total += v\n"
            "        out.append(total)\n    return out",
            lambda x: [sum(x[: i + 1]) for i in range(len(x))],
        ),
        ("return sorted(x, reverse=True)", lambda x: sorted(x, reverse=True)),
        ("return [v for v in x if v % 2 != 0][::-1]", lambda x: [v for v in x if v % 2 != 0][::-1]),
    ]

    def numbers(r: random.Random) -> list[int]:
        return [r.randint(-9, 9) for _ in range(r.randint(0, 6))]

    return rng.choice(rules), numbers


PBE_FAMILIES = {"arithmetic": _arithmetic, "strings": _strings, "lists": _lists}


@dataclass(frozen=True)
class PbeConfig:
    families: str = "arithmetic,strings,lists"  # comma-separated
    shown: int = 4  # examples in the prompt
    hidden: int = 6  # further examples only in the tests

    def __post_init__(self) -> None:
        _families(self.families, PBE_FAMILIES, "pbe")
        if not 1 <= self.shown <= 20 or not 1 <= self.hidden <= 50:
            raise ConfigError("task pbe: shown must be in [1, 20] and hidden in [1, 50]")


class ProgrammingByExample(_CodeTask):
    name = "pbe"
    description = "Infer a Python function f from input/output examples (hidden tests beyond the shown ones)."
    Config = PbeConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: PbeConfig = self.config
        rng = self.rng(seed, index)
        family = rng.choice(_families(cfg.families, PBE_FAMILIES, self.name))
        (body, function), draw = PBE_FAMILIES[family](rng)
        inputs: list[Any] = []
        for _ in range(200):
            value = draw(rng)
            if value not in inputs:
                inputs.append(value)
            if len(inputs) == cfg.shown + cfg.hidden:
                break
        pairs = [(x, function(x)) for x in inputs]
        shown = "\n".join(f"f({x!r}) == {y!r}" for x, y in pairs[: cfg.shown])
        prompt = (
            "Write a Python function f(x) that agrees with these examples (and the rule behind them):\n"
            f"{shown}"
        )
        code = f"def f(x):\n    {body}\n"
        reference = {
            "tests": [f"assert f({x!r}) == {y!r}" for x, y in pairs],
            "entry_point": "f",
            "family": family,
            "solution": code,
            "trace": _fenced(code),
        }
        return _problem(self, seed, index, prompt, reference)


# --- functions with docstrings and property tests -------------------------------------------------------


@dataclass(frozen=True)
class _Function:
    signature: str
    doc: str
    body: str
    check: str  # body of check(candidate); `cases` holds the seeded inputs
    draw: Callable[[random.Random], Any]


def _ints(r: random.Random, low: int = -20, high: int = 20, most: int = 8) -> list[int]:
    return [r.randint(low, high) for _ in range(r.randint(0, most))]


def _word_text(r: random.Random) -> str:
    words = ["red", "blue", "green", "sky", "sea", "red", "tree"]
    return " ".join(r.choice(words) for _ in range(r.randint(0, 8)))


FUNCTIONS: dict[str, _Function] = {
    "sort_unique": _Function(
        "sort_unique(xs: list[int]) -> list[int]",
        "Return the distinct values of xs in increasing order.",
        "return sorted(set(xs))",
        """for xs in cases:
        out = candidate(list(xs))
        assert isinstance(out, list)
        assert all(a < b for a, b in zip(out, out[1:]))
        assert set(out) == set(xs)""",
        _ints,
    ),
    "run_length": _Function(
        "run_length(s: str) -> list[tuple[str, int]]",
        "Run-length encode s: a list of (character, run length) for each run of equal characters.",
        """out = []
    for ch in s:
        if out and out[-1][0] == ch:
            out[-1] = (ch, out[-1][1] + 1)
        else:
            out.append((ch, 1))
    return out""",
        """for s in cases:
        out = candidate(s)
        assert ''.join(ch * n for ch, n in out) == s
        assert all(n >= 1 for _, n in out)
        assert all(a[0] != b[0] for a, b in zip(out, out[1:]))""",
        lambda r: "".join(r.choice("aab") for _ in range(r.randint(0, 10))),
    ),
    "gcd": _Function(
        "gcd(a: int, b: int) -> int",
        "Return the greatest common divisor of two positive integers.",
        """while b:
        a, b = b, a % b
    return a""",
        """for a, b in cases:
        g = candidate(a, b)
        assert isinstance(g, int) and g > 0
        assert a % g == 0 and b % g == 0
        assert all(a % d or b % d for d in range(g + 1, min(a, b) + 1))""",
        lambda r: (r.randint(1, 300), r.randint(1, 300)),
    ),
    "merge_sorted": _Function(
        "merge_sorted(a: list[int], b: list[int]) -> list[int]",
        "Merge two sorted lists into one sorted list holding every element of both.",
        "return sorted(a + b)",
        """for a, b in cases:
        out = candidate(sorted(a), sorted(b))
        assert out == sorted(out)
        assert sorted(out) == sorted(a + b)""",
        lambda r: (_ints(r), _ints(r)),
    ),
    "word_counts": _Function(
        "word_counts(text: str) -> dict[str, int]",
        "Count how often each space-separated word occurs in text.",
        """counts = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts""",
        """for text in cases:
        out = candidate(text)
        assert sum(out.values()) == len(text.split())
        assert set(out) == set(text.split())
        assert all(out[w] == text.split().count(w) for w in out)""",
        _word_text,
    ),
    "rotate": _Function(
        "rotate(xs: list[int], k: int) -> list[int]",
        "Rotate xs left by k places (k may exceed the length); an empty list stays empty.",
        """if not xs:
        return []
    k %= len(xs)
    return xs[k:] + xs[:k]""",
        """for xs, k in cases:
        out = candidate(list(xs), k)
        assert len(out) == len(xs)
        assert all(out[i] == xs[(i + k) % len(xs)] for i in range(len(xs)))""",
        lambda r: (_ints(r), r.randint(0, 12)),
    ),
    "second_largest": _Function(
        "second_largest(xs: list[int]) -> int | None",
        "Return the second largest distinct value in xs, or None if there is none.",
        """values = sorted(set(xs))
    return values[-2] if len(values) >= 2 else None""",
        """for xs in cases:
        out = candidate(list(xs))
        if len(set(xs)) < 2:
            assert out is None
        else:
            assert out in xs and out < max(xs)
            assert all(v <= out or v == max(xs) for v in xs)""",
        _ints,
    ),
}


@dataclass(frozen=True)
class FunctionConfig:
    functions: str = ",".join(FUNCTIONS)  # comma-separated
    cases: int = 12  # seeded inputs per problem

    def __post_init__(self) -> None:
        _families(self.functions, FUNCTIONS, "functions")
        if not 1 <= self.cases <= 200:
            raise ConfigError("task functions: cases must be in [1, 200]")


class DocstringFunction(_CodeTask):
    name = "functions"
    description = "Implement a function from its docstring; property-style tests on seeded inputs."
    Config = FunctionConfig

    def generate(self, seed: int, index: int) -> Problem:
        cfg: FunctionConfig = self.config
        rng = self.rng(seed, index)
        key = rng.choice(_families(cfg.functions, FUNCTIONS, self.name))
        spec = FUNCTIONS[key]
        cases = [spec.draw(rng) for _ in range(cfg.cases)]
        stub = f'def {spec.signature}:\n    """{spec.doc}"""\n'
        code = f"{stub}    {spec.body}\n"
        tests = f"cases = {cases!r}\n\n\ndef check(candidate):\n    {spec.check}\n"
        prompt = f"Complete this Python function:\n\n{stub}"
        reference = {
            "tests": tests,
            "entry_point": key,
            "solution": code,
            "trace": _fenced(code),
        }
        return _problem(self, seed, index, prompt, reference)
