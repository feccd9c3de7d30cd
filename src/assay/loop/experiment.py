"""The collapse experiment: the loop's arms side by side, several seeds, one report.

Each seed's base model and each (arm, seed) run in their own process (`python -m assay.loop.arm`, one
torch thread each), as many at once as there are cores. The report is `report.html` with PNG plots
(accuracy, NLL, yield and diversity per generation, the median over seeds with the min-max band) and
`results.json` with every number and the exact config.
"""

from __future__ import annotations

import html
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assay.errors import AssayError
from assay.loop.arm import LoopConfig
from assay.loop.policies import POLICIES

DEFAULT_ARMS = (
    "naive-replace",
    "naive-accumulate",
    "replace+10%-human",
    "verified-accumulate",
    "weak-verifier",
)


def _command(job: str, config_path: Path, seed: int, out: Path, policy: str | None = None) -> list[str]:
    command = [sys.executable, "-m", "assay.loop.arm", job, "--config", str(config_path), "--seed", str(seed)]
    if policy:
        command += ["--policy", policy]
    return [*command, "--out", str(out)]


def run_jobs(
    jobs: Sequence[tuple[str, list[str], str | None]],
    parallel: int,
    log: Path,
    on_done: Callable[[str], None],
) -> None:
    """Run (name, command, needs) jobs, `parallel` at a time; a job starts once the job it needs is done."""
    pending = list(jobs)
    running: dict[str, subprocess.Popen[bytes]] = {}
    done: set[str] = set()
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    with log.open("ab") as sink:
        while pending or running:
            for name, process in list(running.items()):
                code = process.poll()
                if code is None:
                    continue
                del running[name]
                if code != 0:
                    for other in running.values():
                        other.kill()
                    raise AssayError(f"experiment job {name} failed with exit code {code}; see {log}")
                done.add(name)
                on_done(name)
            while len(running) < parallel:
                ready = next((j for j in pending if j[2] is None or j[2] in done), None)
                if ready is None:
                    break
                pending.remove(ready)
                sink.write(f"\n=== {ready[0]}: {' '.join(ready[1])}\n".encode())
                sink.flush()
                running[ready[0]] = subprocess.Popen(ready[1], stdout=sink, stderr=sink, env=env)
            time.sleep(0.2)


def run_experiment(
    config: LoopConfig,
    out: Path,
    seeds: Sequence[int],
    arms: Sequence[str] = DEFAULT_ARMS,
    parallel: int | None = None,
    report: Callable[[str], None] = print,
) -> dict[str, Any]:
    unknown = [a for a in arms if a not in POLICIES]
    if unknown:
        raise AssayError(f"unknown arm(s) {unknown}; known: {sorted(POLICIES)}")
    out.mkdir(parents=True, exist_ok=True)
    config_path = out / "config.json"
    if config_path.exists() and json.loads(config_path.read_text()) != asdict(config):
        raise AssayError(
            f"{out} holds a run with another config ({config_path}); its finished jobs would be reused "
            "as if they were this run's. Use another --out, or delete that folder."
        )
    config_path.write_text(json.dumps(asdict(config), indent=1))
    jobs: list[tuple[str, list[str], str | None]] = []
    for seed in seeds:
        if not (out / f"base-seed{seed}.json").exists():
            jobs.append((f"base-seed{seed}", _command("base", config_path, seed, out), None))
    for seed in seeds:
        for arm in arms:
            if not (out / f"{arm}-seed{seed}.json").exists():
                needs = f"base-seed{seed}" if any(j[0] == f"base-seed{seed}" for j in jobs) else None
                jobs.append((f"{arm}-seed{seed}", _command("arm", config_path, seed, out, arm), needs))
    started = time.perf_counter()
    total = len(jobs)
    finished = [0]

    def on_done(name: str) -> None:
        finished[0] += 1
        report(f"[{finished[0]}/{total}] {name} done ({time.perf_counter() - started:.0f} s)")

    run_jobs(jobs, parallel or os.cpu_count() or 1, out / "jobs.log", on_done)
    results = collect(out, seeds, arms, config)
    results["seconds"] = round(time.perf_counter() - started, 1)
    (out / "results.json").write_text(json.dumps(results, indent=1))
    write_report(results, out)
    return results


METRICS = ("accuracy", "nll", "yield", "distinct_3", "compression", "distinct_answers", "answer_entropy")


def collect(out: Path, seeds: Sequence[int], arms: Sequence[str], config: LoopConfig) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {}
    for arm in arms:
        runs[arm] = [json.loads((out / f"{arm}-seed{seed}.json").read_text()) for seed in seeds]
    summary: dict[str, Any] = {}
    for arm, per_seed in runs.items():
        generations = len(per_seed[0]["generations"])
        summary[arm] = {
            metric: [
                {
                    "median": statistics.median(r["generations"][g][metric] for r in per_seed),
                    "min": min(r["generations"][g][metric] for r in per_seed),
                    "max": max(r["generations"][g][metric] for r in per_seed),
                }
                for g in range(generations)
            ]
            for metric in METRICS
        }
        summary[arm]["gates"] = [r["generations"][-1].get("gates") for r in per_seed]
        summary[arm]["diversity_alarm"] = any(
            g.get("diversity_alarm") for r in per_seed for g in r["generations"]
        )
    return {
        "config": asdict(config),
        "seeds": list(seeds),
        "arms": list(arms),
        "summary": summary,
        "runs": runs,
    }


def findings(results: dict[str, Any]) -> list[str]:
    s = results["summary"]
    lines = []

    def acc(arm: str, g: int) -> float:
        return float(s[arm]["accuracy"][g]["median"])

    last = len(next(iter(s.values()))["accuracy"]) - 1
    for arm in results["arms"]:
        nll0, nll = s[arm]["nll"][0]["median"], s[arm]["nll"][last]["median"]
        lines.append(
            f"{arm}: accuracy {acc(arm, 0):.1%} → {acc(arm, last):.1%} "
            f"({100 * (acc(arm, last) - acc(arm, 0)):+.1f} "
            f"points); NLL {nll0:.3f} → {nll:.3f} ({(nll / nll0 - 1):+.0%})"
        )
    if "verified-accumulate" in s and "naive-replace" in s:
        gap = 100 * (acc("verified-accumulate", last) - acc("naive-replace", last))
        lines.append(f"verified-accumulate ends {gap:+.1f} points above naive-replace")
    if "verified-accumulate" in s and "weak-verifier" in s:
        gap = 100 * (acc("verified-accumulate", last) - acc("weak-verifier", last))
        lines.append(
            f"the weak verifier (final answer's parity only) ends {gap:.1f} points below verified-accumulate"
        )
    return lines


def _plot(results: dict[str, Any], metric: str, title: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for arm in results["arms"]:
        series = results["summary"][arm][metric]
        xs = list(range(len(series)))
        ax.plot(xs, [p["median"] for p in series], marker="o", label=arm)
        ax.fill_between(xs, [p["min"] for p in series], [p["max"] for p in series], alpha=0.15)
    ax.set_xlabel("generation")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


PLOTS = (
    ("accuracy", "exact-answer accuracy on held-out problems (greedy)", "accuracy.png"),
    ("nll", "NLL per token of held-out reference traces", "nll.png"),
    ("yield", "yield: share of T = 1 samples that verify", "yield.png"),
    ("distinct_3", "diversity: distinct 3-grams of the samples", "diversity.png"),
)


def write_report(results: dict[str, Any], out: Path) -> None:
    for metric, title, name in PLOTS:
        _plot(results, metric, title, out / name)
    s = results["summary"]
    rows = []
    for arm in results["arms"]:
        cells = "".join(
            f"<td>{s[arm][m][0]['median']:.3f} → {s[arm][m][-1]['median']:.3f}</td>"
            for m in ("accuracy", "nll", "yield", "distinct_3")
        )
        gates = s[arm]["gates"][0]
        gate_text = ", ".join(f"{k} {v}" for k, v in gates.items()) if gates else "not curated (naive)"
        rows.append(f"<tr><td>{html.escape(arm)}</td>{cells}<td>{html.escape(gate_text)}</td></tr>")
    items = "".join(f"<li>{html.escape(line)}</li>" for line in findings(results))
    images = "".join(f'<img src="{name}" alt="{html.escape(title)}">' for _, title, name in PLOTS)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>assay collapse experiment</title>
<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto}}
td,th{{padding:4px 8px;border-bottom:1px solid #ddd}}
img{{width:48%;margin:1%}}</style></head><body>
<h1>Collapse experiment</h1>
<p>Task {html.escape(results["config"]["task"])} {html.escape(json.dumps(results["config"]["task_config"]))};
seeds {results["seeds"]}; medians over seeds (bands: min-max); {results.get("seconds", "?")} s.</p>
<ul>{items}</ul>
<table><tr><th>arm</th><th>accuracy gen 0 → last</th><th>NLL</th><th>yield</th><th>distinct-3</th>
<th>gates (last generation, first seed)</th></tr>
{"".join(rows)}</table>
{images}
<h2>Config</h2><pre>{html.escape(json.dumps(results["config"], indent=1))}</pre>
<p>Every number: results.json.</p></body></html>"""
    (out / "report.html").write_text(page, encoding="utf-8")
