"""Benchmark: the pipeline at scale, streaming end to end, through the CLI a user runs.

For each size n and each configuration (engine × database), in one run: `assay init`, then
`assay generate problems` (n procedural math problems from four tasks, each with its reference trace
stored as a generation-0 candidate), `assay verify` (every candidate, by the math step verifier, hard
limits in force) and `assay export jsonl` (curation gates on, as by default). Each stage runs in its own
process, so each stage's figures are its own:

    items/s         n / the stage's wall time (the command itself, not the interpreter's start)
    driver RSS      the stage process's peak resident set (VmHWM): what must stay flat as n grows
    workers RSS     the largest peak among the processes it started and reaped (verifier workers)
    per CPU-second  items per CPU-second of the stage process and the processes it reaped: the rate of
                    one core, whatever else the machine runs. Ray's workers are not the driver's
                    children: under Ray these figures are the driver's alone, so compare Ray and local
                    by wall-clock rates measured side by side.

Configurations: local engine; Ray with 1 and 2 workers when the CLI has `--engine` (else reported as
not available); SQLite, and PostgreSQL when a URL is given (`--postgres URL` or ASSAY_TEST_POSTGRES_URL;
each configuration gets a fresh schema). Several sizes in one run show whether the driver's memory is
flat in n (`--n 100000 1000000`).

    python bench/scale.py --quick                         # 5,000 and 20,000 items, 3 runs, medians
    python bench/scale.py --n 100000 1000000 --runs 1     # what docs/scaling.md reports
    python bench/scale.py --n 100000 --engines local ray --postgres postgresql://...

The store's own write rate, which bounds every configuration (one driver writes all results):
`--writes 50000` writes that many candidates (with 6-step traces) and then their verdicts through
`Store`, in the drivers' batch size, to SQLite and (given a URL) PostgreSQL: rows/s and the driver's
CPU per row.

Memory at sizes the machine cannot generate and verify in an afternoon: `--replicate WS --factor 10`
copies a kept SQLite workspace's rows `factor` times with distinct ids (each copy's prompts and texts
marked, so no row is an exact duplicate), then runs `assay verify` (every candidate already has its
verdict: the driver streams through all of them and their verdicts, and verifies none) and `assay
export jsonl` over the lot. It measures the reading side's memory at factor × n, not the verifiers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

TASKS = ("linear", "arithmetic", "quadratic", "system")
STAGES = ("generate", "verify", "export")

# Runs one `assay` command in this process, then reports the process's own peak RSS and its reaped
# children's: resource and /proc describe the process that ran the command, not the benchmark's.
RUNNER = r"""
import json, resource, sys, time
from assay.cli import main
report, sys.argv = sys.argv[1], ["assay", *sys.argv[2:]]
started = time.perf_counter()
try:
    main()
finally:
    seconds = time.perf_counter() - started
    hwm = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(report, "w") as out:
        json.dump({
            "seconds": seconds, "driver_kib": hwm, "children_kib": kids.ru_maxrss,
            "driver_cpu": me.ru_utime + me.ru_stime, "children_cpu": kids.ru_utime + kids.ru_stime,
        }, out)
"""


@dataclass(frozen=True)
class Config:
    engine: str  # local · ray
    workers: int
    database: str  # sqlite · postgres

    @property
    def name(self) -> str:
        engine = "local" if self.engine == "local" else f"ray×{self.workers}"
        return f"{engine} / {self.database}"


@dataclass(frozen=True)
class Run:
    stages: dict[str, Measure]
    stored: int  # candidates in the store (what the rates count)


@dataclass(frozen=True)
class Measure:
    seconds: float
    driver_kib: int
    children_kib: int
    cpu: float = 0.0  # CPU seconds of the stage process and the processes it reaped (all cores)


def assay(args: list[str], env: dict[str, str]) -> Measure:
    """Run `assay args` through RUNNER; its measures, also printed as soon as the stage ends (a run of a
    million items takes hours: what finished is on record even if a later stage is cut short)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report = Path(handle.name)
    try:
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(report), *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"assay {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        data = json.loads(report.read_text())
    finally:
        report.unlink(missing_ok=True)
    cpu = data["driver_cpu"] + data["children_cpu"]
    measure = Measure(data["seconds"], data["driver_kib"], data["children_kib"], cpu)
    print(
        f"      assay {' '.join(a for a in args[:2] if not a.startswith('-'))}: {measure.seconds:,.1f} s, "
        f"{measure.cpu:,.1f} CPU-s, driver peak RSS {measure.driver_kib / 1024:,.0f} MB, "
        f"workers {measure.children_kib / 1024:,.0f} MB",
        file=sys.stderr,
        flush=True,
    )
    return measure


def engine_args(config: Config, has_engine: bool) -> list[str]:
    if config.engine == "local":
        return []
    if not has_engine:
        raise SystemExit("this assay has no --engine option")
    return ["--engine", config.engine]


def pipeline(
    config: Config, n: int, folder: Path, postgres: str, has_engine: bool, keep: bool = False
) -> Run:
    """init → generate → verify → export for one configuration; each stage's measure. keep: leave the
    workspace (SQLite only) in folder for a look afterwards."""
    workspace = folder / f"ws-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    schema = ""
    init = ["init", str(workspace)]
    url = f"sqlite:///{workspace / 'assay.db'}"
    if config.database == "postgres":
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        _sql(postgres, f"CREATE SCHEMA {schema}")
        separator = "&" if "?" in postgres else "?"
        url = f"{postgres}{separator}options=-csearch_path%3D{schema}"
        init += ["--database", url]
    assay(init, env)
    try:
        per_task = [n // len(TASKS) + (i < n % len(TASKS)) for i in range(len(TASKS))]
        total = Measure(0.0, 0, 0)
        extra = engine_args(config, has_engine)
        ray_workers = ["--workers", str(config.workers)] if config.engine == "ray" else []
        for task, count in zip(TASKS, per_task, strict=True):
            generate = ["generate", "problems", "-w", str(workspace), "--task", task, "--n", str(count)]
            step = assay([*generate, "--seed", "1", *extra, *ray_workers], env)
            total = _add(total, step)
        verify = assay(["verify", "-w", str(workspace), "--workers", str(config.workers), *extra], env)
        out = workspace / "export.jsonl"
        export = assay(["export", "jsonl", "-w", str(workspace), "--out", str(out)], env)
        with out.open("rb") as handle:
            exported = sum(1 for _ in handle)
        # Problems are content-addressed: a task that draws the same problem twice stores it once, so
        # the rates count what is in the store, not what was asked for.
        stored = _candidates(url)
        print(
            f"    {config.name} n={n:,}: {stored:,} candidates, exported {exported:,} rows", file=sys.stderr
        )
        return Run({"generate": total, "verify": verify, "export": export}, stored)
    finally:
        if not keep or schema:
            shutil.rmtree(workspace, ignore_errors=True)
        if schema:
            _sql(postgres, f"DROP SCHEMA {schema} CASCADE")


def _add(a: Measure, b: Measure) -> Measure:
    return Measure(
        a.seconds + b.seconds,
        max(a.driver_kib, b.driver_kib),
        max(a.children_kib, b.children_kib),
        a.cpu + b.cpu,
    )


def _candidates(url: str) -> int:
    from assay.store import Store

    store = Store(url)
    try:
        return store.count("candidates")
    finally:
        store.close()


def _sql(url: str, statement: str) -> None:
    from sqlalchemy import text

    from assay.store.store import make_engine

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def replicate(source: Path, target: Path, factor: int) -> int:
    """target: a copy of the SQLite workspace source with each problem, candidate and verdict there
    `factor` times (copy k: ids suffixed `_k`, prompts and texts marked); returns the candidates."""
    from assay.store import schema

    shutil.copytree(source, target)
    db = sqlite3.connect(target / "assay.db")
    marked = {"problems": {"prompt"}, "candidates": {"text"}, "verdicts": set()}
    keys = {"problems": {"id"}, "candidates": {"id", "problem_id"}, "verdicts": {"id", "candidate_id"}}
    # One statement per table, joining the originals with the copy numbers: SQLite reads the originals
    # once (a statement per copy would scan the growing table each time).
    db.execute("CREATE TEMP TABLE copies (k INTEGER)")
    db.executemany("INSERT INTO copies VALUES (?)", [(k,) for k in range(1, factor)])
    for name in ("problems", "candidates", "verdicts"):
        columns = [c.name for c in schema.metadata.tables[name].columns]
        picked = [
            f"o.{c} || '_' || copies.k"
            if c in keys[name]
            else f"o.{c} || ' (copy ' || copies.k || ')'"
            if c in marked[name]
            else f"o.{c}"
            for c in columns
        ]
        db.execute(
            f"INSERT INTO {name} ({', '.join(columns)}) SELECT {', '.join(picked)} FROM {name} AS o, copies"
        )
        db.commit()
    (count,) = db.execute("SELECT count(*) FROM candidates").fetchone()
    db.close()
    return int(count)


def replicated_pass(source: Path, factor: int, folder: Path, workers: int, gates: list[str]) -> None:
    target = folder / f"x{factor}-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    try:
        n = replicate(source, target, factor)
        verify = assay(["verify", "-w", str(target), "--workers", str(workers)], env)
        out = ["--out", str(target / "export.jsonl")]
        export = assay(["export", "jsonl", "-w", str(target), *out, *gates], env)
        with (target / "export.jsonl").open("rb") as handle:
            exported = sum(1 for _ in handle)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    print(f"replicated ×{factor}: {n:,} candidates, {exported:,} exported {' '.join(gates)}")
    for stage, m in (("verify (resume pass, nothing to verify)", verify), ("export", export)):
        print(
            f"  {stage}: {n / m.seconds:,.0f} items/s, {n / max(m.cpu, 1e-9):,.0f}/cpu-s, "
            f"driver peak RSS {m.driver_kib / 1024:,.0f} MB"
        )


def store_writes(n: int, folder: Path, postgres: str) -> None:
    """Candidates, then their verdicts, written through Store in batches of 500, as the drivers do."""
    import resource
    import time

    from assay.records import Candidate, Status, Step, StepKind, StepResult, StepStatus, Verdict
    from assay.store import Store

    steps = tuple(
        Step(i, f"Step {i}: 3x + {i} = {i + 9}", StepKind.CLAIM, f"3x + {i} = {i + 9}") for i in range(6)
    )
    checks = tuple(StepResult(i, StepStatus.VERIFIED, "equal at 5 points") for i in range(6))
    targets = [("sqlite", f"sqlite:///{folder / f'writes-{uuid.uuid4().hex[:8]}.db'}")]
    if postgres:
        targets.append(("postgres", postgres))
    for name, url in targets:
        schema = ""
        if name == "postgres":
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            _sql(url, f"CREATE SCHEMA {schema}")
            url = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
        store = Store(url)
        try:
            for kind in ("candidates", "verdicts"):
                cpu = resource.getrusage(resource.RUSAGE_SELF)
                started = time.perf_counter()
                for start in range(0, n, 500):
                    batch = [
                        Candidate(
                            f"prb_{i:016x}", f"trace {i}", "3", steps, generator="bench", sample_index=i
                        )
                        for i in range(start, min(n, start + 500))
                    ]
                    if kind == "candidates":
                        store.add_candidates(batch)
                    else:
                        store.add_verdicts(
                            Verdict(c.id, "math-steps@27", Status.VERIFIED, "ok", checks) for c in batch
                        )
                seconds = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_SELF)
                used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
                print(
                    f"{name} {kind}: {n / seconds:,.0f} rows/s wall, driver {used / n * 1e6:,.0f} µs CPU/row "
                    f"({n / max(used, 1e-9):,.0f} rows per driver CPU-second)"
                )
        finally:
            store.close()
            if schema:
                _sql(postgres, f"DROP SCHEMA {schema} CASCADE")


def has_engine_option() -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "assay", "verify", "--help"], capture_output=True, text=True, check=False
    )
    return "--engine" in done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[1_000_000], help="sizes (default 1,000,000)")
    parser.add_argument("--quick", action="store_true", help="sizes 5,000 and 20,000")
    parser.add_argument("--runs", type=int, default=None, help="runs per cell (default 3 quick, else 1)")
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="local verifier workers")
    parser.add_argument("--postgres", default=os.environ.get("ASSAY_TEST_POSTGRES_URL", ""))
    parser.add_argument("--folder", type=Path, default=None, help="where workspaces go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite workspaces in --folder")
    parser.add_argument("--replicate", type=Path, default=None, help="a kept SQLite workspace (see above)")
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--no-dedup", action="store_true", help="export without the dedup gate")
    parser.add_argument("--writes", type=int, default=0, help="measure the store's write rate (see above)")
    args = parser.parse_args()
    if args.writes:
        folder = args.folder or Path(tempfile.mkdtemp(prefix="assay-writes-"))
        store_writes(args.writes, folder, args.postgres)
        return
    if args.replicate is not None:
        folder = args.folder or args.replicate.parent
        gates = ["--no-dedup"] if args.no_dedup else []
        replicated_pass(args.replicate, args.factor, folder, args.workers, gates)
        return
    sizes = [5_000, 20_000] if args.quick else args.n
    runs = args.runs or (3 if args.quick else 1)
    has_engine = has_engine_option()
    configs = []
    for database in ["sqlite"] + (["postgres"] if args.postgres else []):
        for engine in args.engines:
            if engine == "local":
                configs.append(Config("local", args.workers, database))
            elif has_engine:
                configs += [Config("ray", 1, database), Config("ray", 2, database)]
    if "ray" in args.engines and not has_engine:
        print("ray: not measured (this assay has no --engine option)", file=sys.stderr)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="assay-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"sizes {', '.join(f'{n:,}' for n in sizes)}; {runs} run(s) per cell, medians; "
        f"tasks {', '.join(TASKS)}; {os.cpu_count()} cores",
        file=sys.stderr,
    )
    results: dict[tuple[str, int], list[Run]] = {}
    for n in sizes:
        for _ in range(runs):
            for config in configs:  # side by side within each run, so load drifts hit every config alike
                results.setdefault((config.name, n), []).append(
                    pipeline(
                        config, n, folder, args.postgres, has_engine, args.keep and args.folder is not None
                    )
                )
    heads = [
        "config",
        "n asked (stored)",
        "generate/s",
        "verify/s",
        "export/s",
        "driver RSS MB",
        "workers RSS MB",
    ]
    print(f"| {' | '.join(heads)} |")
    print("|---|---|---|---|---|---|---|")
    for (name, n), cells in results.items():
        rates = [
            statistics.median(cell.stored / cell.stages[stage].seconds for cell in cells) for stage in STAGES
        ]
        driver = statistics.median(max(cell.stages[s].driver_kib for s in STAGES) for cell in cells) / 1024
        workers = statistics.median(max(cell.stages[s].children_kib for s in STAGES) for cell in cells) / 1024
        cells_text = [f"{r:,.0f}" for r in (*rates, driver, workers)]
        stored = statistics.median(cell.stored for cell in cells)
        print(f"| {name} | {n:,} ({stored:,.0f}) | {' | '.join(cells_text)} |")
    # Wall-clock rates depend on what else the machine runs; CPU time per item much less so. Items per
    # CPU-second is the per-core rate docs/scaling.md scales from.
    print("\nper stage: items per CPU-second (driver + its workers) · driver peak RSS (MB):")
    for (name, n), cells in results.items():
        parts = []
        for stage in STAGES:
            per_cpu = statistics.median(cell.stored / max(cell.stages[stage].cpu, 1e-9) for cell in cells)
            rss = statistics.median(cell.stages[stage].driver_kib for cell in cells) / 1024
            parts.append(f"{stage} {per_cpu:,.0f}/cpu-s · {rss:,.0f} MB")
        print(f"  {name} n={n:,}: {'; '.join(parts)}")
    if args.folder is None:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
