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
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
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
        "src/assay/loop/training_set.py",
        ("tests/loop/test_metrics_and_policies.py",),
        ("training_set", "_keeps"),
    ),
    Target(  # whether a sample's answer matches the gold one (the weak verifier's parity check)
        "loop-judging",
        "src/assay/loop/judging.py",
        ("tests/loop/test_metrics_and_policies.py",),
        ("parity_matches",),
    ),
    Target(
        "curation",
        "src/assay/loop/curation.py",
        ("tests/loop/test_curation.py", "tests/loop/test_curation_edges.py"),
    ),
    Target(
        "export-gates",
        "src/assay/export.py",
        ("tests/test_export.py", "tests/loop/test_export_gates.py", "tests/test_mutation_export.py"),
    ),
    Target(  # the gates with what they have seen kept on disk (streaming export at any size)
        "export-gates-spilled",
        "src/assay/export_gates.py",
        ("tests/test_export_streaming.py", "tests/loop/test_export_gates.py"),
    ),
    Target(
        "verdict-records",
        "src/assay/records.py",
        ("tests/test_records.py", "tests/test_mutation_records.py"),
    ),
    Target(
        "math-answer",
        "src/assay/domains/math/answer.py",
        (
            "tests/domains/math/test_mutation_answer_edges.py",
            "tests/domains/math/test_answer.py",
            "tests/domains/math/test_mutation_answer.py",
        ),
        ("compare", "proportional", "check_answer", "_slow_path", "_math_verify"),
    ),
    Target(  # a step's check to its status, and the SymPy fallback's solution sets
        "math-steps",
        "src/assay/domains/math/steps.py",
        ("tests/domains/math/test_mutation_steps.py",),
        ("_check_one",),
    ),
    Target(  # the equation reading's step: a lost or added root refuted (exact path or SymPy)
        "math-equation-steps",
        "src/assay/domains/math/equation_steps.py",
        ("tests/domains/math/test_mutation_steps.py",),
        ("compare_to_state",),
    ),
    Target(  # how the harness sums a task up: passed only when every check ran and passed
        "sandbox-summary",
        "src/assay/domains/code/harness.py",
        ("tests/domains/code/test_mutation_sandbox.py",),
        ("_summary",),
    ),
    Target(  # a worker's report to the host's result (worker replacement moved to lanes.py: no target yet)
        "sandbox-result",
        "src/assay/domains/code/sandbox.py",
        ("tests/domains/code/test_mutation_sandbox.py", "tests/domains/code/test_sandbox_limits.py"),
        ("Sandbox._result",),
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
        ("verify_jsonl", "_resume_key", "_resumable_lines", "_FileRun.into"),
    ),
    Target(  # training resumed from its checkpoint
        "trainer-resume",
        "src/assay/model/trainer.py",
        ("tests/model/test_mutation_resume.py",),
        ("Trainer.save", "Trainer.resume"),  # fit's loop: model/test_model.py (too slow to run per mutant)
    ),
    Target(  # the steps and the answer to the verdict, and the solution count (a unique puzzle only)
        "logic-verdicts",
        "src/assay/domains/logic/check.py",
        # the corpus through check_logic_job in process (750 labelled items, no worker pool); the
        # claim-by-claim checks (check_steps) and the readers' tables take 7 minutes a run on a loaded
        # 2-core machine, too slow per mutant: they run in the suite
        (
            "tests/domains/logic/test_mutation_logic.py",
            "tests/domains/logic/test_layout.py",
            "tests/domains/logic/test_guard.py",
        ),
        ("_Steps", "check_logic_job", "count_solutions_job"),
    ),
)


@dataclass(frozen=True)
class Equivalent:
    """A mutant reviewed by hand and found equivalent: no input can tell it from the original, so no
    test can kill it. It is matched by its target, the original line (stripped) and the change, never
    by a line number, so an edit of the module makes a stale entry visible (`--list` warns) instead of
    skipping some other mutant."""

    target: str
    source: str  # a part of the original line, enough to tell it from the module's other lines
    description: str
    why: str


_ANY_SEED = (
    "any fixed seed gives the same guarantees (an estimate of the same Jaccard); the value is no promise"
)
_KEY_NAME = "the LSH keys are only names that must differ; where they start or how far apart is invisible"
_SHORTER_TAIL = (
    "the extra windows at the end are shorter than `size`: one in the grams means a gram of that length "
    "exists, and the loop over that length finds it anyway"
)
_SCRATCH = (
    "the gates' scratch database's cache, commit cadence, durability or closing: time and memory, "
    "never which rows pass"
)
_CHUNK = "the digest covers every byte whatever the size of the pieces it is read in"
_BATCH = "only the size of the store's read batches and of parquet row groups: the same rows, in order"
_EMPTY_GROUP = (
    "whether an empty row group is written: a parquet file without row groups reads back as 0 rows of "
    "the same schema, as one with an empty group does (pyarrow)"
)
EQUIVALENT = (
    Equivalent(
        "math-answer",
        "if isinstance(gold, EquationAnswer) or isinstance(pred, EquationAnswer):",
        "Or -> And",
        "an equation against a value then falls through to the mapping comparison, where an "
        "EquationAnswer equals no set, tuple or dict: False, as the branch returns",
    ),
    Equivalent(
        "math-answer",
        "for (found, evidence), line in zip(results, stated, strict=True):",
        "True -> False",
        "results is made from stated one for one just above: the lengths are always equal",
    ),
    Equivalent("export-gates", "BATCH = 500", "500 -> 501", _BATCH),
    Equivalent(
        "export-gates",
        "if gates is not None and curator is not None:",
        "And -> Or",
        "curator is made exactly when gates is given (both or neither), so `and` and `or` agree",
    ),
    Equivalent("export-gates", "if len(chunk) >= BATCH:", "GtE -> Gt", _BATCH),
    Equivalent("export-gates", "if chunk or count == 0:", "0 -> 1", _EMPTY_GROUP),
    Equivalent("export-gates", "if chunk or count == 0:", "Eq -> NotEq", _EMPTY_GROUP),
    Equivalent("verify-resume", "while chunk := handle.read(1 << 20):", "1 -> 2", _CHUNK),
    Equivalent("verify-resume", "while chunk := handle.read(1 << 20):", "20 -> 21", _CHUNK),
    Equivalent(
        "verify-resume",
        "partial.touch()",
        "call statement removed",
        "_verify_into opens the file for appending next, which makes it; nothing reads it in between",
    ),
    Equivalent(
        "training-set",
        "if policy.human_share > 0:",
        "Gt -> GtE",
        "a share of 0 adds int(n * 0 / 1) = 0 rows: the branch then does nothing",
    ),
    Equivalent(
        "training-set",
        "rng.random() < policy.false_accept",
        "Lt -> LtE",
        "random() returns k / 2**53: `<=` differs from `<` only on a draw equal to the rate, never for a "
        "rate that is not such a multiple (the built-in 0.2 is not), once in 2**53 draws for a rate of 0",
    ),
    Equivalent(
        "curation",
        "if len(words) <= n:",
        "LtE -> Lt",
        "a prompt of exactly n words has one n-gram: the whole prompt, which both branches add",
    ),
    Equivalent(
        "curation",
        "for i in range(len(words) - size + 1))",
        "Sub -> Add",
        _SHORTER_TAIL,
    ),
    Equivalent(
        "curation",
        "for i in range(len(words) - size + 1))",
        "1 -> 2",
        _SHORTER_TAIL,
    ),
    Equivalent("curation", "self._next = 0", "0 -> 1", _KEY_NAME),
    Equivalent("curation", "self._next += 1", "1 -> 2", _KEY_NAME),
    Equivalent("curation", "signature = MinHash(num_perm=self._num_perm, seed=1)", "1 -> 2", _ANY_SEED),
    Equivalent(
        "curation",
        "signature.update_batch([text[j : j + 5].encode() for j in range(max(1, len(text) - 4))])",
        "1 -> 2",
        "only a text of 5 characters or fewer gains a shorter second shingle; two different such texts "
        "then share at most half their shingles, far below the threshold, and equal texts were equal before",
    ),
    # the spilled gates' scratch database: how much it caches, how often it commits, how durable it is and
    # whether it is closed before its folder is removed change time and memory, never which rows pass
    Equivalent("export-gates-spilled", "CACHE_KIB = 32 * 1024", "32 -> 33", _SCRATCH),
    Equivalent("export-gates-spilled", "CACHE_KIB = 32 * 1024", "1024 -> 1025", _SCRATCH),
    Equivalent("export-gates-spilled", "COMMIT_EVERY = 10_000", "10000 -> 10001", _SCRATCH),
    Equivalent(
        "export-gates-spilled", 'db.execute("PRAGMA journal_mode=OFF")', "call statement removed", _SCRATCH
    ),
    Equivalent(
        "export-gates-spilled", 'db.execute("PRAGMA synchronous=OFF")', "call statement removed", _SCRATCH
    ),
    Equivalent(
        "export-gates-spilled",
        'db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")',
        "call statement removed",
        _SCRATCH,
    ),
    Equivalent("export-gates-spilled", "self._pending = 0", "0 -> 1", _SCRATCH),
    Equivalent("export-gates-spilled", "self._tick(db)", "call statement removed", _SCRATCH),
    Equivalent("export-gates-spilled", "self._pending += 1", "1 -> 2", _SCRATCH),
    Equivalent("export-gates-spilled", "if self._pending >= COMMIT_EVERY:", "GtE -> Gt", _SCRATCH),
    Equivalent("export-gates-spilled", "self._db.close()", "call statement removed", _SCRATCH),
    Equivalent(
        "export-gates-spilled",
        "num_perm=self._num_perm, seed=1, permutations=self._permutations",
        "1 -> 2",
        "the permutations are handed in, so the seed (which only draws permutations) is never read",
    ),
    Equivalent(
        "export-gates-spilled",
        "signature.update_batch([text[j : j + 5].encode() for j in range(max(1, len(text) - 4))])",
        "1 -> 2",
        "as for Curator: only a text of 5 characters or fewer gains a shorter second shingle",
    ),
    Equivalent(
        "export-gates-spilled",
        "hashlib.blake2b(values[start:end].tobytes(), digest_size=16)",
        "16 -> 17",
        "a band key is only compared for equality; a longer digest makes a collision (already 2^-128) rarer",
    ),
    Equivalent(
        "logic-verdicts",
        'claimed = {e.line for e in events if e.what in ("claim", "unknown")}',
        "'unknown' -> 'verified'",
        "a line with an `unknown` event is already marked unknown by check_steps, so the candidate cannot be "
        "verified whether or not the answer-tail check also counts it; only the evidence text can differ",
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


def _defined(tree: ast.AST, scope: str = "") -> Iterator[str]:
    """The qualified names of the functions and classes a module defines."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{scope}.{node.name}" if scope else node.name
            yield name
            yield from _defined(node, name)


def _all_mutants(target: Target) -> list[Mutant]:
    tree = ast.parse((ROOT / target.module).read_text())
    # a function moved to another module would leave its target silently empty (or smaller): stop
    missing = set(target.functions) - set(_defined(tree))
    if missing:
        raise SystemExit(f"{target.name}: {target.module} defines no {sorted(missing)}; update the target")
    sites = _Sites(target.functions)
    sites.visit(tree)
    return [Mutant(target.name, i, line, text) for i, (line, text) in enumerate(sites.found)]


def _equivalent(target: Target, mutant: Mutant, lines: list[str]) -> Equivalent | None:
    for entry in EQUIVALENT:
        same_line = entry.source in lines[mutant.line - 1]
        if entry.target == target.name and same_line and entry.description == mutant.description:
            return entry
    return None


def mutants(target: Target) -> list[Mutant]:
    """The target's mutants, less the reviewed equivalent ones (see EQUIVALENT)."""
    lines = (ROOT / target.module).read_text().splitlines()
    return [m for m in _all_mutants(target) if _equivalent(target, m, lines) is None]


def skipped(target: Target) -> list[tuple[Mutant, Equivalent]]:
    lines = (ROOT / target.module).read_text().splitlines()
    found = [(m, _equivalent(target, m, lines)) for m in _all_mutants(target)]
    return [(m, entry) for m, entry in found if entry is not None]


def stale_equivalents(targets: list[Target]) -> list[Equivalent]:
    """Entries of EQUIVALENT that match no mutant any more (the module changed: review them again)."""
    used = {id(entry) for target in targets for _, entry in skipped(target)}
    names = {target.name for target in targets}
    return [e for e in EQUIVALENT if e.target in names and id(e) not in used]


def mutated_source(target: Target, index: int) -> str:
    tree = ast.parse((ROOT / target.module).read_text())
    _Sites(target.functions, chosen=index).visit(tree)
    return ast.unparse(ast.fix_missing_locations(tree))


def _copy_tree(into: Path) -> None:
    for name in ("src", "tests"):
        # never a build's *.egg-info: on PYTHONPATH it would shadow the installed entry points (the
        # registry would then see a stale list of plugins, and tests fail for a reason of their own)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.dist-info")
        shutil.copytree(ROOT / name, into / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, into / name)
    _write_metadata(into)


def _write_metadata(copy: Path) -> None:
    """The copy's own package metadata, first on PYTHONPATH: the registry loads plugins through entry
    points, and those of the venv's install come from whatever tree it was installed from (another
    checkout's pyproject may name modules this copy does not have, or lack some it has)."""
    project = tomllib.loads((copy / "pyproject.toml").read_text())["project"]
    version = re.search(r'__version__ = "([^"]+)"', (copy / "src/assay/_version.py").read_text())
    if version is None:
        raise SystemExit("src/assay/_version.py names no __version__")
    info = copy / "src" / f"{project['name']}-{version.group(1)}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {version.group(1)}\n"
    )
    groups = project.get("entry-points", {})
    scripts = {"console_scripts": project.get("scripts", {})}
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {value}\n" for name, value in entries.items()) + "\n"
            for group, entries in {**groups, **scripts}.items()
        )
    )


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
            outcome = _run_tests(copy, target.tests, limit)
            # on stderr, so a long run shows where it is without mixing into the summary
            print(
                f"  {target.name} #{mutant.index} line {mutant.line}: {outcome}", file=sys.stderr, flush=True
            )
            return outcome
        finally:
            (copy / target.module).write_text(original)
            with self._lock:
                self._free.append(copy)


def run(targets: list[Target], jobs: int, only: frozenset[int] = frozenset()) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory(prefix="assay-mutation-") as scratch:
        folders = [Path(scratch) / f"copy{i}" for i in range(jobs)]
        for folder in folders:
            _copy_tree(folder)
        copies = _Copies(folders)
        for target in targets:
            found = [m for m in mutants(target) if not only or m.index in only]
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
                f"in {result.seconds:.0f} s; {len(skipped(target))} equivalent skipped",
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
    parser.add_argument(
        "--index", type=int, action="append", help="only the mutant with this index (repeatable; see --list)"
    )
    args = parser.parse_args()
    targets = list(_chosen(args.target))
    for entry in stale_equivalents(targets):
        print(f"warning: stale EQUIVALENT entry ({entry.target}: {entry.source!r} {entry.description})")
    if args.list:
        for target in targets:
            for mutant in mutants(target):
                print(f"{target.name} #{mutant.index} {target.module}:{mutant.line} {mutant.description}")
            for mutant, _ in skipped(target):
                print(
                    f"{target.name} #{mutant.index} equivalent, skipped: {mutant.line} {mutant.description}"
                )
        return
    started = time.monotonic()
    results = run(targets, max(1, args.jobs), frozenset(args.index or ()))
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
                "equivalent_skipped": [f"{m.line} {m.description}: {e.why}" for m, e in skipped(r.target)],
            }
            for r in results
        }
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
