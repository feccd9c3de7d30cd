"""`assay experiment rewards`: the driver. Makes what is missing, measures every seed, writes the report.

Order: the generator, the held-out pools, the planted-error traces, then per seed its training samples,
its ORM and PRM (each trained once; a finished file is reused, so an interrupted run resumes), the
models' scores of the pools and planted traces, and the measures (assay.loop.rewards_eval). A folder
made with another config is refused, never mixed in. `results.json` holds every number and the exact
config; `table.md` and `best_of_n.png` are the report (assay.loop.rewards_report).
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from assay.errors import AssayError
from assay.loop.rewards import (
    Pooled,
    RewardsConfig,
    cached,
    generator,
    judged_samples,
    planted_samples,
    pool_problems,
    read_pooled,
    train_problems,
    write_pooled,
)
from assay.loop.rewards_eval import SELECTORS, auroc, best_of_n, localisation, sizes, values_of
from assay.loop.rewards_report import write_report
from assay.scoring.base import ScoreItem
from assay.workers import WorkerPool

__all__ = ["run_rewards"]


def run_rewards(
    config: RewardsConfig,
    out: Path,
    workspace_model: Path | None = None,
    report: Callable[[str], None] = print,
    workers: int = 2,
) -> dict[str, Any]:
    """Run the experiment into out (resuming what is there) and return results.json's content."""
    out.mkdir(parents=True, exist_ok=True)
    config_path = out / "config.json"
    stated = {**config.to_json(), "workspace_model": str(workspace_model) if workspace_model else None}
    if config_path.exists() and json.loads(config_path.read_text()) != stated:
        raise AssayError(
            f"{out} holds a run with another config ({config_path}); its pools and models would be "
            "reused as if they were this run's. Use another --out, or delete that folder."
        )
    config_path.write_text(json.dumps(stated, indent=1))
    started = time.perf_counter()

    def step(what: str) -> None:
        report(f"[{time.perf_counter() - started:.0f} s] {what}")

    gen = generator(config, out, workspace_model)
    step(f"generator {gen}")
    held = pool_problems(config)
    with WorkerPool(size=workers, timeout=5.0) as pool:
        pools = cached(
            out / "pools.jsonl.gz", lambda: judged_samples(gen, held, config.pool_size, 999, config, pool)
        )
        step(f"pools: {len(held)} problems x {config.pool_size} samples")
        planted_path = out / "planted.jsonl.gz"
        if not planted_path.exists():
            made = planted_samples(pools, config, pool)
            write_pooled(planted_path, [p for p, _ in made], [k for _, k in made])
        planted, _ = read_pooled(planted_path)
        step(f"planted errors: {len(planted)} traces the verifier refutes at the planted step")
        training: dict[int, list[Pooled]] = {}
        for seed in config.seeds:
            problems = train_problems(config, seed, held)
            training[seed] = cached(
                out / f"train-seed{seed}.jsonl.gz",
                partial(judged_samples, gen, problems, config.train_samples, seed, config, pool),
            )
            step(f"seed {seed}: {len(training[seed])} training samples")
    correct_traces = _distinct_verified(pools, len(planted))
    runs = []
    for seed in config.seeds:
        runs.append(_seed(config, out, gen, seed, training[seed], pools, planted, correct_traces))
        step(f"seed {seed}: reward models trained and measured")
    results = {
        "config": config.to_json(),
        "generator": str(gen),
        "pool": _pool_facts(pools, config),
        "planted": {"erroneous": len(planted), "correct": len(correct_traces)},
        "runs": runs,
        "summary": _summary(runs, config),
        "seconds": round(time.perf_counter() - started, 1),
    }
    _write(out / "results.json", results)
    write_report(results, out)
    return results


def _seed(
    config: RewardsConfig,
    out: Path,
    gen: Path,
    seed: int,
    training: Sequence[Pooled],
    pools: Sequence[Pooled],
    planted: Sequence[Pooled],
    correct_traces: Sequence[Pooled],
) -> dict[str, Any]:
    from assay.scoring.learned import Kind, OrmScorer, PrmScorer
    from assay.scoring.train import Recipe, fit

    accepted = sum(e.verified for e in training)
    if not 0 < accepted < len(training):
        raise AssayError(
            f"the generator's {len(training)} training samples of seed {seed} are all "
            f"{'accepted' if accepted else 'rejected'} by math-steps, so no reward model can learn from "
            "them: rank a better trained model (-w WORKSPACE with a model v1), or give the generator "
            "more steps (generator_steps)"
        )
    trained: dict[str, Any] = {}
    kinds: tuple[Kind, ...] = ("orm", "prm")
    for kind in kinds:
        path = out / f"{kind}-seed{seed}.pt"
        summary_path = out / f"{kind}-seed{seed}.json"
        if not path.exists() or not summary_path.exists():
            recipe = Recipe(
                kind=kind,
                steps=config.rm_steps,
                batch_size=config.rm_batch,
                lr=config.rm_lr,
                seed=seed,
                init=str(gen),
            )
            _write(summary_path, fit([e.item for e in training], recipe, path))
        trained[kind] = json.loads(summary_path.read_text())
    orm = OrmScorer(path=str(out / f"orm-seed{seed}.pt"))
    prm = PrmScorer(path=str(out / f"prm-seed{seed}.pt"))
    orm_values, _ = values_of(_score(orm, pools))
    prm_values, prm_steps = values_of(_score(prm, pools))
    planted_steps = values_of(_score(prm, [*planted, *correct_traces]))[1]
    return {
        "seed": seed,
        "training": trained,
        "auroc": {"orm": auroc(pools, orm_values), "prm": auroc(pools, prm_values)},
        "best_of_n": {
            name: {str(n): v for n, v in per_n.items()}
            for name, per_n in best_of_n(
                pools, orm_values, prm_values, config.pool_size, config.draws, seed
            ).items()
        },
        "first_error": {
            "model_traces": localisation(pools, prm_steps),
            "planted": localisation([*planted, *correct_traces], planted_steps),
        },
    }


def _score(scorer: Any, entries: Sequence[Pooled]) -> list[Any]:
    """Each entry's score; a text sampled twice for one problem is scored once (a tiny model at T = 1
    writes the same correct trace many times, and a reward model reads only the prompt and the text)."""
    first: dict[tuple[str, str], int] = {}
    unique: list[ScoreItem] = []
    for entry in entries:
        key = (entry.item.problem.prompt, entry.item.candidate.text)
        if key not in first:
            first[key] = len(unique)
            unique.append(entry.item)
    scored = []
    for start in range(0, len(unique), 512):
        scored += scorer.score(unique[start : start + 512])
    return [scored[first[(e.item.problem.prompt, e.item.candidate.text)]] for e in entries]


def _distinct_verified(pools: Sequence[Pooled], count: int) -> list[Pooled]:
    """Up to count verified pool traces of distinct texts: the correct half of the planted test."""
    seen: set[tuple[str, str]] = set()
    found = []
    for entry in pools:
        key = (entry.item.problem.id, entry.item.candidate.text)
        if entry.verified and key not in seen:
            seen.add(key)
            found.append(entry)
    random.Random(997).shuffle(found)
    return found[:count]


def _pool_facts(pools: Sequence[Pooled], config: RewardsConfig) -> dict[str, Any]:
    return {
        "problems": config.pool_problems,
        "size": config.pool_size,
        "samples": len(pools),
        "answer_correct": round(statistics.fmean(e.correct for e in pools), 4),
        "verified": round(statistics.fmean(e.verified for e in pools), 4),
    }


def _summary(runs: Sequence[dict[str, Any]], config: RewardsConfig) -> dict[str, Any]:
    """Median and min-max over seeds of every measure."""

    def band(values: Sequence[float | None]) -> dict[str, float | None]:
        kept = [v for v in values if v is not None]
        if not kept:
            return {"median": None, "min": None, "max": None}
        return {"median": round(statistics.median(kept), 4), "min": min(kept), "max": max(kept)}

    return {
        "best_of_n": {
            name: {
                str(n): band([r["best_of_n"][name][str(n)] for r in runs]) for n in sizes(config.pool_size)
            }
            for name in SELECTORS
        },
        "auroc": {kind: band([r["auroc"][kind] for r in runs]) for kind in ("orm", "prm")},
        "first_error_f1": {
            where: band([r["first_error"][where]["f1"] for r in runs])
            for where in ("model_traces", "planted")
        },
    }


def _write(path: Path, value: Any) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value, indent=1))
    partial.replace(path)
