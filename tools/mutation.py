"""Mutation testing for the code where a silent change would corrupt data or verdicts.

    python tools/mutation.py                 # every target below (make mutation)
    python tools/mutation.py --target policies --jobs 2 --list

Each target is a module, optionally some of its functions, and the tests that must notice a change
in them. The script makes one small change at a time (a flipped comparison, `and` for `or`, a dropped
`not`, a changed constant, one verdict status for another, `+` for `-`, a call statement removed), runs
the target's tests against a copy of the tree with that one change, and counts the change *killed* when
the tests fail (or run far past their normal time) and *survived* when they pass. Survivors are
printed with their line: each is a promise no test holds.

The tree is copied once per job into a temporary folder and imported from there (PYTHONPATH), so the
working tree is never modified, even when the script is interrupted.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    name: str
    module: str  # path from the repository's root
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()  # only mutate inside these (qualified names); all when empty


TARGETS = (
    Target(
        "code-verdicts",
        "src/assay/domains/code/verifier.py",
        ("tests/domains/code/test_verdict_mapping.py",),
        ("CodeVerifier.verdict", "CodeVerifier.verify_many", "_evidence"),
    ),
    Target("policies", "src/assay/loop/policies.py", ("tests/loop/test_metrics_and_policies.py",)),
    Target(
        "training-set",
        "src/assay/loop/arm.py",
        ("tests/loop/test_metrics_and_policies.py",),
        ("training_set", "parity_matches"),
    ),
    Target("curation", "src/assay/loop/curation.py", ("tests/loop/test_curation.py",)),
    Target(
        "export-gates",
        "src/assay/export.py",
        ("tests/test_export.py", "tests/loop/test_export_gates.py"),
    ),
    Target(
        "verdict-records",
        "src/assay/records.py",
        ("tests/test_records.py",),
    ),
    Target(
        "math-answer",
        "src/assay/domains/math/answer.py",
        ("tests/domains/math/test_answer.py", "tests/domains/math/test_mutation_answer.py"),
        ("compare", "proportional", "check_answer", "_slow_path", "_math_verify"),
    ),
    Target(  # a step's check to its status, and the SymPy fallback's solution sets
        "math-steps",
        "src/assay/domains/math/steps.py",
        ("tests/domains/math/test_mutation_steps.py",),
        ("_check_one", "_compare_to_state"),
    ),
    Target(  # how the harness sums a task up: passed only when every check ran and passed
        "sandbox-summary",
        "src/assay/domains/code/harness.py",
        ("tests/domains/code/test_mutation_sandbox.py",),
        ("_summary",),
    ),
    Target(  # a worker's report to the host's result, and worker replacement
        "sandbox-result",
        "src/assay/domains/code/sandbox.py",
        ("tests/domains/code/test_mutation_sandbox.py", "tests/domains/code/test_sandbox_limits.py"),
        ("Sandbox._result", "Sandbox._run_in"),
    ),
    Target(  # `assay verify file` resuming an interrupted run
        "verify-resume",
        "src/assay/verification.py",
        (
            "tests/test_reliability_outputs.py::test_an_interrupted_verify_file_resumes_where_it_stopped",
            "tests/test_reliability_outputs.py::test_a_changed_input_or_setting_starts_over",
            "tests/test_reliability_outputs.py::test_a_resume_file_that_is_not_this_inputs_prefix_is_not_trusted",
            "tests/test_mutation_verify_resume.py",
            "tests/test_verification.py",
        ),
        ("verify_jsonl", "_resume_key", "_resumable_lines", "_verify_into"),
    ),
    Target(  # training resumed from its checkpoint
        "trainer-resume",
        "src/assay/model/trainer.py",
        ("tests/model/test_mutation_resume.py",),
        ("Trainer.save", "Trainer.resume"),  # fit's loop: model/test_model.py (too slow to run per mutant)
    ),
    Target(
        "logic-verdicts",
        "src/assay/domains/logic/verifier.py",
        ("tests/domains/logic",),
    ),
)

STATUS_SWAPS = {  # each verdict status to the one a silent bug would most likely turn it into
    "VERIFIED": "REFUTED",
    "REFUTED": "VERIFIED",
    "UNKNOWN": "VERIFIED",
    "ERROR": "VERIFIED",
    "TIMEOUT": "VERIFIED",
    "PASSED": "FAILED",
    "FAILED": "PASSED",
    "CRASHED": "PASSED",
    "MEMORY": "PASSED",
    "SANDBOX_ERROR": "PASSED",
}
STRING_SWAPS = {  # statuses spelled as strings (the sandbox's worker reports, the jobs' results)
    "passed": "failed",
    "failed": "passed",
    "crashed": "passed",
    "memory": "passed",
    "timeout": "passed",
    "sandbox-error": "passed",
    "verified": "refuted",
    "refuted": "verified",
    "unknown": "verified",
}
COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}


@dataclass(frozen=True)
class Mutant:
    target: str
    index: int  # the index-th mutation site of the module, in walk order
    line: int
    description: str


class _Sites(ast.NodeTransformer):
    """Walks a module; counts mutation sites, and applies the one numbered `chosen` (if any)."""

    def __init__(self, functions: tuple[str, ...], chosen: int = -1) -> None:
        self.functions = functions
        self.chosen = chosen
        self.found: list[tuple[int, str]] = []
        self.scope: list[str] = []

    def _in_scope(self) -> bool:
        if not self.functions:
            return True
        name = ".".join(self.scope)
        return any(name == f or name.startswith(f + ".") for f in self.functions)

    def _site(self, node: ast.AST, description: str) -> bool:
        """Record a site; True if it is the one to mutate."""
        if not self._in_scope():
            return False
        self.found.append((getattr(node, "lineno", 0), description))
        return len(self.found) - 1 == self.chosen

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.AST:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()
        return node

    visit_FunctionDef = _scoped
    visit_AsyncFunctionDef = _scoped
    visit_ClassDef = _scoped

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        for i, op in enumerate(node.ops):
            swap = COMPARE_SWAPS.get(type(op))
            if swap and self._site(node, f"{type(op).__name__} -> {swap.__name__}"):
                node.ops[i] = swap()
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        if self._site(node, f"{type(node.op).__name__} -> {type(other).__name__}"):
            node.op = other
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.op, ast.Not) and self._site(node, "not removed"):
            return node.operand
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        swaps: dict[type[ast.operator], ast.operator] = {ast.Add: ast.Sub(), ast.Sub: ast.Add()}
        swap = swaps.get(type(node.op))
        if swap is not None and self._site(node, f"{type(node.op).__name__} -> {type(swap).__name__}"):
            node.op = swap
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool):
            if self._site(node, f"{value} -> {not value}"):
                return ast.copy_location(ast.Constant(not value), node)
        elif isinstance(value, int | float) and self._site(node, f"{value!r} -> {value + 1!r}"):
            return ast.copy_location(ast.Constant(value + 1), node)
        elif isinstance(value, str) and value in STRING_SWAPS:
            swap = STRING_SWAPS[value]
            if self._site(node, f"{value!r} -> {swap!r}"):
                return ast.copy_location(ast.Constant(swap), node)
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        swap = STATUS_SWAPS.get(node.attr)
        is_status = isinstance(node.value, ast.Name) and node.value.id.endswith("Status")
        if swap and is_status and self._site(node, f"{node.value.id}.{node.attr} -> {swap}"):  # type: ignore[attr-defined]
            node.attr = swap
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Call) and self._site(node, "call statement removed"):
            return ast.copy_location(ast.Pass(), node)
        return node


def mutants(target: Target) -> list[Mutant]:
    tree = ast.parse((ROOT / target.module).read_text())
    sites = _Sites(target.functions)
    sites.visit(tree)
    return [Mutant(target.name, i, line, text) for i, (line, text) in enumerate(sites.found)]


def mutated_source(target: Target, index: int) -> str:
    tree = ast.parse((ROOT / target.module).read_text())
    _Sites(target.functions, chosen=index).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_tree(into: Path) -> None:
    for name in ("src", "tests"):
        # never a build's *.egg-info: on PYTHONPATH it would shadow the installed entry points (the
        # registry would then see a stale list of plugins, and tests fail for a reason of their own)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        shutil.copytree(ROOT / name, into / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, into / name)


def _run_tests(copy: Path, tests: tuple[str, ...], limit: float) -> str:
    """'passed', 'failed' or 'timeout' for the target's tests in the copy."""
    # CI=true: a test that would skip for a missing component (bubblewrap, a server) fails instead, so a
    # mutant that breaks the sandbox's start is killed, not skipped (tests/conftest.py: require)
    env = {
        **os.environ,
        "PYTHONPATH": f"{copy / 'src'}{os.pathsep}{copy}",
        "PYTHONDONTWRITEBYTECODE": "1",
        "CI": "true",
    }
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "passed" if done.returncode == 0 else "failed"


def _baseline(copy: Path, target: Target) -> float:
    started = time.monotonic()
    outcome = _run_tests(copy, target.tests, limit=1800)
    if outcome != "passed":
        raise SystemExit(f"{target.name}: its tests fail before any mutation ({' '.join(target.tests)})")
    return time.monotonic() - started


@dataclass(frozen=True)
class Result:
    target: Target
    mutants: int
    survivors: tuple[Mutant, ...]
    seconds: float

    @property
    def killed(self) -> int:
        return self.mutants - len(self.survivors)

    @property
    def rate(self) -> float:
        return self.killed / self.mutants if self.mutants else 1.0


class _Copies:
    """One copy of the tree per job; a job borrows one, mutates the target in it, and restores it."""

    def __init__(self, folders: list[Path]) -> None:
        self._free = list(folders)
        self._lock = threading.Lock()

    def try_mutant(self, target: Target, original: str, mutant: Mutant, *, limit: float) -> str:
        with self._lock:
            copy = self._free.pop()
        try:
            (copy / target.module).write_text(mutated_source(target, mutant.index))
            return _run_tests(copy, target.tests, limit)
        finally:
            (copy / target.module).write_text(original)
            with self._lock:
                self._free.append(copy)


def run(targets: list[Target], jobs: int) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory(prefix="assay-mutation-") as scratch:
        folders = [Path(scratch) / f"copy{i}" for i in range(jobs)]
        for folder in folders:
            _copy_tree(folder)
        copies = _Copies(folders)
        for target in targets:
            found = mutants(target)
            # a mutant that makes the tests hang is killed: past 3x the clean run plus start-up
            limit = 3 * _baseline(folders[0], target) + 30
            original = (ROOT / target.module).read_text()
            started = time.monotonic()
            with ThreadPoolExecutor(jobs) as executor:
                outcomes = list(
                    executor.map(partial(copies.try_mutant, target, original, limit=limit), found)
                )
            survivors = tuple(m for m, outcome in zip(found, outcomes, strict=True) if outcome == "passed")
            result = Result(target, len(found), survivors, round(time.monotonic() - started, 1))
            results.append(result)
            print(
                f"{target.name:16} {result.killed:4}/{result.mutants:<4} killed ({result.rate:.1%}) "
                f"in {result.seconds:.0f} s",
                flush=True,
            )
            for survivor in survivors:
                print(f"    survived: {target.module}:{survivor.line} {survivor.description}", flush=True)
    return results


def _chosen(names: list[str] | None) -> Iterator[Target]:
    known = {t.name: t for t in TARGETS}
    for name in names or list(known):
        if name not in known:
            raise SystemExit(f"unknown target {name!r}; known: {sorted(known)}")
        yield known[name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--target", action="append", help="a target's name (repeatable; default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    targets = list(_chosen(args.target))
    if args.list:
        for target in targets:
            for mutant in mutants(target):
                print(f"{target.name} #{mutant.index} {target.module}:{mutant.line} {mutant.description}")
        return
    started = time.monotonic()
    results = run(targets, max(1, args.jobs))
    total = sum(r.mutants for r in results)
    killed = sum(r.killed for r in results)
    seconds = time.monotonic() - started
    print(f"overall: {killed}/{total} killed ({killed / max(total, 1):.1%}) in {seconds:.0f} s")
    if args.json:
        rows = {
            r.target.name: {
                "module": r.target.module,
                "mutants": r.mutants,
                "killed": r.killed,
                "seconds": r.seconds,
                "survivors": [f"{r.target.module}:{m.line} {m.description}" for m in r.survivors],
            }
            for r in results
        }
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
