"""The collapse experiment's report: every number gathered, the findings, plots and an HTML page.

`collect` reads each finished job's result file (`<arm>-seed<S>.json`) into results.json's shape: every
run, and per arm the median over seeds with the min-max band of each metric per generation. The page is
`report.html` with PNG plots (accuracy, NLL, yield and diversity per generation).
"""

from __future__ import annotations

import html
import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assay.loop.config import LoopConfig

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
