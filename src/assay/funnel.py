"""The funnel of a pipeline run, and the eval stage's measure: what a run reports, failures included.

A failed request is never an answer: the eval stage counts failures apart from right and wrong answers,
the funnel counts failed samples by reason, and `Funnel.problems` lists what went wrong so the CLI can
exit non-zero. Usage (tokens, cost) is summed from the attempts stored per sample, so it covers the
samples of a killed earlier run too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assay.records import Attempt

Report = Callable[[str], None]


@dataclass
class Funnel:
    generated: int = 0
    failed: int = 0  # samples whose request failed (after retries): counted, never treated as answers
    failures: dict[str, int] = field(default_factory=dict)  # why they failed: reason → samples
    parsed: int | None = 0  # None: the domain has no answer read apart (its verifier reads it whole)
    verified: int = 0
    unverified: dict[str, int] = field(default_factory=dict)  # the others' verdicts: status → candidates
    # the score stage: the scorer's id, the run's candidates with its score, their mean
    scorer: str = ""
    scored: int = 0
    score_mean: float | None = None
    score_failed: int = 0  # candidates the scorer gave no score (a judge's unreadable answer): not ranked
    score_reasons: tuple[str, ...] = ()  # why, for the first one or two
    score_usage: str = ""  # a scorer that sends requests (a judge): its usage, in generation's words
    # the select stage (None: nothing selected, every verified row goes on): how many, by what rule,
    # what the curation gates removed first, and what the ranking removed
    selected: int | None = None
    selection: str = ""
    duplicates: int = 0
    offered: int = 0  # the rows left after the gates, that the selection ranked
    not_selected: str = ""
    # the review stage ("" reviewer: no review): decisions, and the kept rows the export holds
    reviewer: str = ""
    accepted: int = 0
    rejected: int = 0
    kept: int = 0
    over_keep: int = 0
    exported: int = 0
    accuracy: float = 0.0  # over the eval problems that were answered
    eval_problems: int = 0
    eval_failed: int = 0  # eval requests that failed
    nll: float = 0.0
    run_id: str = ""
    settings: dict[str, str] = field(default_factory=dict)  # generator and sampling the samples used
    seconds: dict[str, float] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    # this run's samples, from their stored attempts (a killed earlier run's included): prompt and
    # completion tokens, cost, cached; and the HTTP generator's own counts in this process
    usage: dict[str, Any] = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What went wrong, one line each ([] for a clean run): the CLI exits non-zero on any."""
        lines = []
        if self.failed:
            lines.append(f"{self.failed} sample request(s) failed ({reasons(self.failures)})")
        if self.eval_failed:
            lines.append(f"{self.eval_failed} of {self.eval_problems} eval request(s) failed")
        return lines


def failure_reason(error: str) -> str:
    """'HTTP 429 (after 5 attempt(s))' → 'HTTP 429'; 'HTTP 400: {...}' → 'HTTP 400'; 'timeout; the next
    try would pass the deadline' → 'timeout': the kind of failure, to count failures by."""
    return re.split(r" \(after |: |; ", error, maxsplit=1)[0].strip() or "unknown error"


def reasons(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{reason} ×{n}" for reason, n in sorted(counts.items(), key=lambda kv: -kv[1]))


def usage_of(attempts: Iterable[Attempt], generator: Any) -> dict[str, Any]:
    """Tokens and cost of this run's samples as stored per attempt, and the HTTP client's own counts."""
    stored = list(attempts)
    usage: dict[str, Any] = {
        "prompt_tokens": sum(a.prompt_tokens for a in stored),
        "completion_tokens": sum(a.completion_tokens for a in stored),
        "cost": round(sum(a.cost for a in stored), 6),
        "cached": sum(1 for a in stored if a.cached),
    }
    live = getattr(generator, "usage", None)
    if live is not None:  # this process only: requests, retries and failures, eval requests included
        usage.update(requests=live.requests, retries=live.retries, failures=live.failures)
    return usage


def print_funnel(funnel: Funnel, requested: int, report: Report) -> None:
    report("")
    report(f"funnel (generation 1 of {funnel.run_id}):")
    report(f"  generator  {funnel.settings['generator']}")
    report(f"  sampling   {funnel.settings['sampling']}")
    report(f"  requested  {requested:6d}")
    failures = f" ({reasons(funnel.failures)})" if funnel.failures else ""
    report(f"  generated  {funnel.generated:6d}   failed {funnel.failed}{failures}")
    if funnel.parsed is None:
        report("  parsed        n/a   (the domain's verifier reads each response whole)")
    else:
        report(f"  parsed     {funnel.parsed:6d}")
    share = funnel.verified / max(1, funnel.generated)
    others = f"; not verified: {reasons(funnel.unverified)}" if funnel.unverified else ""
    report(f"  verified   {funnel.verified:6d}   ({share:.1%} of generated{others})")
    if funnel.scorer:
        mean = f", mean {funnel.score_mean:.3f}" if funnel.score_mean is not None else ""
        unscored = f"; not scored {funnel.score_failed}" if funnel.score_failed else ""
        if unscored and funnel.score_reasons:
            unscored += ": " + "; ".join(funnel.score_reasons)
        report(f"  scored     {funnel.scored:6d}   (by {funnel.scorer}{mean}{unscored})")
    if funnel.selected is not None:
        removed = [f"{funnel.duplicates} exact and near-duplicates, leaving {funnel.offered}"]
        if funnel.not_selected != "none removed":
            removed.append(f"then {funnel.not_selected}")
        report(f"  for review {funnel.selected:6d}   ({funnel.selection}; removed: {'; '.join(removed)})")
    if funnel.reviewer:
        past = f", {funnel.over_keep} accepted past the keep limit" if funnel.over_keep else ""
        report(
            f"  kept       {funnel.kept:6d}   (reviewed by {funnel.reviewer}: {funnel.accepted} accepted, "
            f"{funnel.rejected} rejected{past})"
        )
    which = "the rows the run kept" if funnel.selected is not None else "exact and near-duplicates removed"
    report(f"  exported   {funnel.exported:6d}   ({which})")
    report(f"model: {funnel.paths['model']}")
    report(f"export: {funnel.paths['export']}")
    report("seconds: " + ", ".join(f"{k} {v}" for k, v in funnel.seconds.items()))
    if "requests" in funnel.usage or funnel.usage.get("cost"):  # HTTP generators, or priced ones
        report("generator usage: " + ", ".join(f"{k} {v}" for k, v in funnel.usage.items()))
    if funnel.score_usage:
        report(f"scorer usage: {funnel.score_usage}")
