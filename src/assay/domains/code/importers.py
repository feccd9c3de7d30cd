"""Reading HumanEval- and MBPP-style JSONL files into code problems (nothing is run here).

HumanEval rows: {"task_id", "prompt", "entry_point", "test", "canonical_solution"?}. The prompt is
also the tests' setup (helpers such as `poly` or `encode_cyclic` live there) and a completion that
continues the prompt is accepted.

MBPP rows: {"task_id", "text" or "prompt", "test_list", "code"?, "test_setup_code"?,
"challenge_test_list"?}. The entry point is the function the first test calls. The prompt shows the
problem and the first test; all tests (challenge tests too) are checked.

A row with a canonical solution gives a reference candidate (`reference:<format>`), so `assay verify`
checks the dataset itself. A broken row is reported with its line number and skipped; the others are
read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assay.errors import InputError
from assay.jsonl import read_rows
from assay.records import Candidate, Problem

FORMATS = ("humaneval", "mbpp")
_CALLED = re.compile(r"([A-Za-z_]\w*)\s*\(")
_NOT_FUNCTIONS = {"assert", "set", "sorted", "list", "tuple", "abs", "round", "isclose", "math", "len", "str"}


@dataclass(frozen=True)
class Imported:
    problem: Problem
    reference: Candidate | None


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


def import_file(path: Path, fmt: str) -> Iterator[Imported | Skipped]:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; known: {list(FORMATS)}")
    convert = _humaneval if fmt == "humaneval" else _mbpp
    for number, row in read_rows(path):
        if isinstance(row, str):
            yield Skipped(number, row)
            continue
        try:
            yield convert(row, path.name)
        except InputError as exc:
            yield Skipped(number, str(exc))


def _text(row: dict[str, Any], key: str, required: bool = True) -> str:
    value = row.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(f"{key!r} must be a non-empty string")
    return value


def _reference_candidate(problem: Problem, fmt: str, solution: str) -> Candidate:
    return Candidate(
        problem_id=problem.id,
        text=f"```python\n{solution.rstrip()}\n```",
        answer=None,
        generator=f"reference:{fmt}",
        params={"source": problem.source},
    )


def _humaneval(row: dict[str, Any], filename: str) -> Imported:
    task_id = str(row.get("task_id", ""))
    prompt = _text(row, "prompt")
    entry = _text(row, "entry_point")
    if not entry.isidentifier():
        raise InputError(f"'entry_point' must be a function name, not {entry!r}")
    test = _text(row, "test")
    if "def check(" not in test:
        raise InputError("'test' must define check(candidate)")
    solution = _text(row, "canonical_solution", required=False)
    reference = {"tests": test, "entry_point": entry, "setup": prompt}
    problem = Problem("code", "humaneval", prompt, reference, f"import:{filename}#{task_id}")
    candidate = _reference_candidate(problem, "humaneval", prompt + solution) if solution else None
    return Imported(problem, candidate)


def _mbpp(row: dict[str, Any], filename: str) -> Imported:
    task_id = str(row.get("task_id", ""))
    text = row.get("text", row.get("prompt"))
    if not isinstance(text, str) or not text.strip():
        raise InputError("'text' (or 'prompt') must be a non-empty string")
    tests = row.get("test_list")
    if not isinstance(tests, list) or not tests or not all(isinstance(t, str) for t in tests):
        raise InputError("'test_list' must be a non-empty list of assert statements")
    challenge = row.get("challenge_test_list") or []
    if not isinstance(challenge, list) or not all(isinstance(t, str) for t in challenge):
        raise InputError("'challenge_test_list' must be a list of assert statements")
    entry = _entry_point(tests)
    setup = _text(row, "test_setup_code", required=False)
    prompt = f"{text.strip()}\nYour code should pass this test:\n{tests[0].strip()}"
    reference = {"tests": [*tests, *challenge], "entry_point": entry, "setup": setup}
    problem = Problem("code", "mbpp", prompt, reference, f"import:{filename}#{task_id}")
    solution = _text(row, "code", required=False)
    return Imported(problem, _reference_candidate(problem, "mbpp", solution) if solution else None)


def _entry_point(tests: list[str]) -> str:
    for test in tests:
        for name in _CALLED.findall(test):
            if name not in _NOT_FUNCTIONS:
                return str(name)
    raise InputError("no function call found in 'test_list'")
