"""`assay experiment rewards`: the report. A Markdown table, a plot, the findings in words.

`table.md` is the table README shows (best-of-N accuracy per selector at each N, median over seeds;
AUROC and first-error F1 below it); `best_of_n.png` plots the medians with the seeds' min-max band.
`findings` says in words whether PRM >= ORM >= majority holds at the largest N, without rounding a
failure into a success.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assay.loop.rewards_eval import SELECTORS, sizes

__all__ = ["findings", "table", "write_report"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def table(results: dict[str, Any]) -> str:
    summary = results["summary"]
    ns = sizes(results["config"]["pool_size"])
    head = "| selector | " + " | ".join(f"N={n}" for n in ns) + " |"
    rule = "|---|" + "---|" * len(ns)
    rows = [head, rule]
    for name in SELECTORS:
        cells = " | ".join(_pct(summary["best_of_n"][name][str(n)]["median"]) for n in ns)
        rows.append(f"| {name} | {cells} |")
    rows += [
        "",
        "| measure | median | min | max |",
        "|---|---|---|---|",
    ]
    for kind in ("orm", "prm"):
        band = summary["auroc"][kind]
        rows.append(f"| AUROC {kind} | {_num(band['median'])} | {_num(band['min'])} | {_num(band['max'])} |")
    for where, label in (("model_traces", "model traces"), ("planted", "planted errors")):
        band = summary["first_error_f1"][where]
        cells = f"{_num(band['median'])} | {_num(band['min'])} | {_num(band['max'])}"
        rows.append(f"| PRM first-error F1, {label} | {cells} |")
    return "\n".join(rows) + "\n"


def findings(results: dict[str, Any]) -> list[str]:
    summary = results["summary"]["best_of_n"]
    n = str(results["config"]["pool_size"])

    def at(name: str) -> float:
        value = summary[name][n]["median"]
        return float(value) if value is not None else float("nan")

    prm, orm, majority = at("prm"), at("orm"), at("majority")
    lines = [
        f"best-of-{n} (median of {len(results['runs'])} seeds): "
        + ", ".join(f"{name} {_pct(at(name))}%" for name in SELECTORS)
    ]
    for high, low, a, b in (("prm", "orm", prm, orm), ("orm", "majority", orm, majority)):
        holds = "holds" if a >= b else "does NOT hold"
        lines.append(f"{high} >= {low} at N={n}: {holds} ({_pct(a)} vs {_pct(b)})")
    lines.append(f"verifier ceiling: {_pct(at('verifier'))}%; random: {_pct(at('random'))}%")
    au = results["summary"]["auroc"]
    f1 = results["summary"]["first_error_f1"]
    lines.append(
        f"AUROC orm {_num(au['orm']['median'])}, prm {_num(au['prm']['median'])}; PRM first-error F1 "
        f"{_num(f1['model_traces']['median'])} on model traces, "
        f"{_num(f1['planted']['median'])} on planted errors"
    )
    return lines


def _plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = sizes(results["config"]["pool_size"])
    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    for name in SELECTORS:
        series = [results["summary"]["best_of_n"][name][str(n)] for n in ns]
        ax.plot(ns, [100 * p["median"] for p in series], marker="o", label=name)
        ax.fill_between(ns, [100 * p["min"] for p in series], [100 * p["max"] for p in series], alpha=0.15)
    ax.set_xscale("log", base=2)
    ax.set_xticks(ns, [str(n) for n in ns])
    ax.set_xlabel("N (candidates per problem)")
    ax.set_ylabel("best-of-N accuracy (%)")
    ax.set_title("Best-of-N on held-out problems (median over seeds)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def write_report(results: dict[str, Any], out: Path) -> None:
    (out / "table.md").write_text(
        table(results) + "\n" + "\n".join(f"- {line}" for line in findings(results)) + "\n"
    )
    _plot(results, out / "best_of_n.png")
