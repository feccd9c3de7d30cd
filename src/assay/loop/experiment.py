"""The collapse experiment: the loop's arms side by side, several seeds, one report.

The jobs run through an engine in two waves of `engine.map`: first each seed's base model
(`assay.loop.arm:base_batch`), then every (arm, seed) (`assay.loop.arm:arm_batch`), one job per batch so
the engine runs as many side by side as it has workers: the `processes` engine (one process per core,
one torch thread each) on this machine, or Ray. A job whose result file exists is not run again, so an
interrupted experiment resumes; a folder made with another config is refused, never mixed in. This
process alone writes the result files, as each job's typed result comes back; then `results.json`
(every number and the exact config) and `report.html` (assay.loop.report).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assay.engines.base import Engine
from assay.errors import AssayError, ConfigError
from assay.loop.arm import ArmJob, Jobs
from assay.loop.config import LoopConfig
from assay.loop.policies import POLICIES
from assay.loop.report import collect, findings, write_report
from assay.loop.results import ArmResult, BaseResult

__all__ = ["DEFAULT_ARMS", "ENGINES", "experiment_engine", "findings", "run_experiment"]

DEFAULT_ARMS = (
    "naive-replace",
    "naive-accumulate",
    "replace+10%-human",
    "verified-accumulate",
    "weak-verifier",
)
ENGINES = ("local", "ray")


def experiment_engine(
    name: str = "local", *, address: str | None = None, parallel: int | None = None
) -> Engine:
    """The engine the jobs run on. `local` is the processes engine, not the one-batch-at-a-time local
    engine of the pipeline's stages: each job is minutes of one core's work, so they run side by side
    (`parallel` at once, default: the CPU count). `ray` runs them as Ray tasks (`address`: an existing
    cluster; default: a local one)."""
    if name == "local":
        from assay.engines.processes import ProcessEngine

        return ProcessEngine(workers=parallel or os.cpu_count() or 1)
    if name == "ray":
        from assay.engines import make_engine

        return make_engine("ray", address=address, workers=parallel)
    raise ConfigError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")


def _wave(
    engine: Engine,
    fn: str,
    context: Jobs,
    jobs: Sequence[tuple[str, Any]],
    on_done: Callable[[str, Any], None],
) -> None:
    """Each (name, item) as a batch of one through the engine; on_done(name, result) in job order."""
    done = 0
    try:
        for (result,) in engine.map(fn, context, [[item] for _, item in jobs]):
            on_done(jobs[done][0], result)
            done += 1
    except Exception as exc:  # the job's own error, whatever the engine wraps it in, named by its job
        raise AssayError(f"experiment job {jobs[done][0]} failed: {type(exc).__name__}: {exc}") from exc


def run_experiment(
    config: LoopConfig,
    out: Path,
    seeds: Sequence[int],
    arms: Sequence[str] = DEFAULT_ARMS,
    parallel: int | None = None,
    report: Callable[[str], None] = print,
    engine: Engine | None = None,
) -> dict[str, Any]:
    """Run what is not done yet and write the report; engine: default the processes engine with
    `parallel` workers (made and closed here; an engine passed in is the caller's to close)."""
    unknown = [a for a in arms if a not in POLICIES]
    if unknown:
        raise AssayError(f"unknown arm(s) {unknown}; known: {sorted(POLICIES)}")
    out.mkdir(parents=True, exist_ok=True)
    out = out.resolve()  # the jobs may run with another working directory
    config_path = out / "config.json"
    if config_path.exists() and json.loads(config_path.read_text()) != asdict(config):
        raise AssayError(
            f"{out} holds a run with another config ({config_path}); its finished jobs would be reused "
            "as if they were this run's. Use another --out, or delete that folder."
        )
    config_path.write_text(json.dumps(asdict(config), indent=1))
    bases: dict[int, BaseResult] = {}
    base_jobs: list[tuple[str, int]] = []
    for seed in seeds:
        path = out / f"base-seed{seed}.json"
        if path.exists():
            bases[seed] = BaseResult.from_json(json.loads(path.read_text()), str(path))
        else:
            base_jobs.append((f"base-seed{seed}", seed))
    arm_jobs = [
        (arm, seed) for seed in seeds for arm in arms if not (out / f"{arm}-seed{seed}.json").exists()
    ]
    started = time.perf_counter()
    total = len(base_jobs) + len(arm_jobs)
    finished = [0]

    def done(name: str) -> None:
        finished[0] += 1
        report(f"[{finished[0]}/{total}] {name} done ({time.perf_counter() - started:.0f} s)")

    def base_done(name: str, result: BaseResult) -> None:
        bases[result.seed] = result
        _write(out / f"{name}.json", result.to_json())
        done(name)

    def arm_done(name: str, result: ArmResult) -> None:
        _write(out / f"{name}.json", result.to_json())
        done(name)

    context = Jobs(config, str(out))
    owned = engine is None
    running = engine if engine is not None else experiment_engine(parallel=parallel)
    try:
        if base_jobs:
            _wave(running, "assay.loop.arm:base_batch", context, base_jobs, base_done)
        if arm_jobs:
            named = [(f"{arm}-seed{seed}", ArmJob(arm, bases[seed])) for arm, seed in arm_jobs]
            _wave(running, "assay.loop.arm:arm_batch", context, named, arm_done)
    finally:
        if owned:
            running.close()
    results = collect(out, seeds, arms, config)
    results["seconds"] = round(time.perf_counter() - started, 1)
    _write(out / "results.json", results)
    write_report(results, out)
    return results


def _write(path: Path, value: Any) -> None:
    """A result file, whole or not at all: its existence is what marks the job done."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value, indent=1))
    partial.replace(path)
