"""Benchmark: logic puzzle generation + verification, assay against reasoning-gym, in one run.

For sudoku, knights-and-knaves and zebra, each side makes N puzzles and checks the right answer to
each; items/s = N / (generation + verification time). Sizes as reasoning-gym's defaults:
sudoku 9×9 with 30-50 blanks (assay: 40 blanks), knights and knaves with 2 people and nesting depth 2,
zebra with 4 houses × 4 attributes. assay's generation includes the proof that the puzzle has
exactly one solution (SAT; for knights, every assignment tried twice) and the deduction trace; its
verification runs `check_logic_job` (uniqueness, the answer against the constraints) in-process, as
reasoning-gym's `score_answer` is in-process.

    python bench/logic.py              # 200 items per kind, 3 runs, medians
    python bench/logic.py --items 50 --runs 1
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

import reasoning_gym

from assay.domains.logic.check import _analysis, check_logic_job
from assay.registry import Registry

KINDS = {
    # assay task and config, reasoning-gym dataset and config
    "sudoku": (("sudoku", {"size": 9, "min_clues": 41}), ("sudoku", {"min_empty": 30, "max_empty": 50})),
    "knights and knaves": (("knights", {"people": 2, "depth": 2}), ("knights_knaves", {"n_people": 2})),
    "zebra": (
        ("zebra", {"houses": 4, "attributes": 4}),
        ("zebra_puzzles", {"num_people": 4, "num_characteristics": 4}),
    ),
}


def run_assay(task_name: str, config: dict[str, Any], n: int, seed: int) -> tuple[float, float, int]:
    task = Registry.from_entry_points().task(task_name, config)
    _analysis.cache_clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    ok = 0
    for i in range(n):
        problem = task.generate(seed, i)
        result = check_logic_job(
            {"reference": dict(problem.reference), "response": problem.reference["answer"]}
        )
        ok += result["status"] == "verified"
    return time.perf_counter() - started, time.process_time() - cpu_started, ok


def run_reasoning_gym(name: str, config: dict[str, Any], n: int, seed: int) -> tuple[float, float, int]:
    started, cpu_started = time.perf_counter(), time.process_time()
    dataset = reasoning_gym.create_dataset(name, size=n, seed=seed, **config)
    ok = 0
    for entry in dataset:
        ok += dataset.score_answer(entry["answer"], entry) == 1.0
    return time.perf_counter() - started, time.process_time() - cpu_started, ok


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    n = args.items
    for label, ((task, task_config), (dataset, dataset_config)) in KINDS.items():
        ours, theirs, cpu_ratios = [], [], []
        for run in range(args.runs):
            seconds, cpu, ok = run_assay(task, task_config, n, seed=run)
            ours.append(n / seconds)
            their_seconds, their_cpu, their_ok = run_reasoning_gym(dataset, dataset_config, n, seed=run)
            theirs.append(n / their_seconds)
            cpu_ratios.append(their_cpu / cpu)
            print(
                f"{label} run {run + 1}: assay {n / seconds:8.1f}/s ({ok}/{n} verified) · "
                f"reasoning-gym {n / their_seconds:8.1f}/s ({their_ok}/{n} scored 1.0) · "
                f"CPU per item {cpu / n * 1e3:.2f} ms vs {their_cpu / n * 1e3:.2f} ms"
            )
        a, r = statistics.median(ours), statistics.median(theirs)
        # both sides run in this one process, one after the other: the CPU ratio is what load on the
        # machine from other work changes least
        print(
            f"{label}: median items/s assay {a:.1f} · reasoning-gym {r:.1f} · ratio {a / r:.2f}× "
            f"(CPU time ratio {statistics.median(cpu_ratios):.2f}×)\n"
        )


if __name__ == "__main__":
    main()
