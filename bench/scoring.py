"""Benchmark: reward-model scoring (ORM, PRM) against the step verifier, side by side, in one run.

The pairs are procedural `linear` problems with human-style traces, a share of them with slips (typos,
skipped steps, wrong answers), so both verdicts occur. The same pairs go to:

- `orm` and `prm`: assay's reward models on CPU (torch threads: --threads, default 1; on a shared
  machine a second thread waits on the first more than it helps), scoring in batches of 512 as
  `assay score` does; the models are the default `assay rm train` size (2 layers, 64 wide, window
  256) with untrained weights, since throughput does not depend on what the weights learned (or
  `--models DIR` holding orm.pt and prm.pt);
- `math-steps`: the step verifier in its worker pool (--workers processes, hard limits in force).

Printed: pairs/s of each (medians of --runs runs) and the ratio of each reward model to the verifier.

    python bench/scoring.py                    # 4,000 pairs, 3 runs
    python bench/scoring.py --pairs 1000 --runs 1
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from assay.domains.math.verifier import StepVerifier
from assay.records import Candidate, Problem
from assay.registry import Registry
from assay.scoring.base import ScoreItem
from assay.seed_data import human_style
from assay.stages.sample import read_response
from assay.workers import WorkerPool


def make_items(n: int) -> list[ScoreItem]:
    task = Registry.from_entry_points().task("linear")
    rng = random.Random(2026)
    items = []
    for i in range(n):
        problem: Problem = task.generate(2026, i)
        text = human_style(problem.reference["trace"], rng, 0.3).text
        answer, steps = read_response(problem, text)
        items.append(ScoreItem(problem, Candidate(problem.id, text, answer, steps, generator="bench")))
    return items


def models(items: list[ScoreItem], folder: Path, threads: int) -> dict[str, Any]:
    """An ORM and a PRM of the default size (one training step: the weights do not matter here)."""
    from assay.records import Status, Verdict
    from assay.scoring.learned import OrmScorer, PrmScorer
    from assay.scoring.train import Recipe, fit

    labelled = [
        ScoreItem(i.problem, i.candidate, (Verdict(i.candidate.id, "bench", status),))
        for i, status in zip(items[:64], [Status.VERIFIED, Status.REFUTED] * 32, strict=True)
    ]
    for kind in ("orm", "prm"):
        if not (folder / f"{kind}.pt").exists():
            fit(labelled, Recipe(kind=kind, steps=1, threads=threads), folder / f"{kind}.pt")  # type: ignore[arg-type]
    return {"orm": OrmScorer(folder), "prm": PrmScorer(folder)}


def score_all(scorer: Any, items: list[ScoreItem]) -> int:
    done = 0
    for start in range(0, len(items), 512):
        done += len(scorer.score(items[start : start + 512]))
    return done


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="verifier processes")
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--models", type=Path, default=None, help="a folder with orm.pt and prm.pt")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    items = make_items(args.pairs)
    pairs = [(i.problem, i.candidate) for i in items]
    print(
        f"{args.pairs} linear pairs; reward models on {args.threads} torch threads, the verifier in "
        f"{args.workers} worker processes; medians of {args.runs} runs",
        file=sys.stderr,
    )
    rates: dict[str, list[float]] = {"orm": [], "prm": [], "math-steps": []}
    with tempfile.TemporaryDirectory() as scratch, WorkerPool(size=args.workers, timeout=2.0) as pool:
        scorers = models(items, args.models or Path(scratch), args.threads)
        torch.set_num_threads(args.threads)  # (training set its own thread count)
        verifier = StepVerifier(pool=pool)
        verifier.verify_many(pairs[:200])  # start the workers before timing
        score_all(scorers["orm"], items[:256])  # and the model's first call
        for run in range(args.runs):
            for name, scorer in scorers.items():
                started = time.perf_counter()
                score_all(scorer, items)
                rates[name].append(len(items) / (time.perf_counter() - started))
            started = time.perf_counter()
            verifier.verify_many(pairs)
            rates["math-steps"].append(len(items) / (time.perf_counter() - started))
            print(
                f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:,.0f}/s" for k, v in rates.items()),
                file=sys.stderr,
            )
    med = {k: statistics.median(v) for k, v in rates.items()}
    for name in ("orm", "prm"):
        print(
            f"{name} pairs/s {med[name]:10,.0f}   math-steps {med['math-steps']:10,.0f}"
            f"   ratio {med[name] / med['math-steps']:.2f}x"
        )


if __name__ == "__main__":
    main()
