"""How good the reviewers are: agreement between them, accuracy on gold items, time per item, and
decisions too fast to be real.

- Cohen's κ for each pair of reviewers over the items both decided: (p_o − p_e) / (1 − p_e), with p_e
  from each reviewer's own label frequencies. None when p_e = 1 (both used one label only: undefined).
- Krippendorff's α (nominal) over every item with two or more reviewers: 1 − D_o / D_e from the
  coincidence matrix, which handles any number of reviewers per item and missing decisions.
- Gold accuracy: on items whose truth a verifier settled, `accept` is right for a verified candidate,
  `reject` or `edit` (the reviewer saw something wrong) for a refuted one.
- Rushed: a decision made in less than RUSHED_SECONDS_PER_STEP seconds per step of the trace (at least
  one step): nobody reads and checks a step of math in under two seconds.

Labels are each reviewer's latest decision on an item (accept · reject · edit). Pure functions first;
`stats` reads the database.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Engine, select

from assay.review.db import now, read
from assay.review.decisions import iter_decisions, latest_reviews
from assay.review.queues import queue_state
from assay.store import Store, schema

RUSHED_SECONDS_PER_STEP = 2.0


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's κ of two raters' labels on the same items (a[i] and b[i] label item i)."""
    if len(a) != len(b):
        raise ValueError("both raters must label the same items")
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's α for nominal data; units[u] holds the labels given to unit u (any number of
    coders; units with fewer than two labels are not pairable and are left out). None when there is
    no disagreement to expect (fewer than two pairable values, or a single label used throughout)."""
    coincidence: dict[tuple[Hashable, Hashable], float] = {}
    for labels in units:
        m = len(labels)
        if m < 2:
            continue
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            pair = (labels[i], labels[j])
            coincidence[pair] = coincidence.get(pair, 0.0) + 1.0 / (m - 1)
    totals: dict[Hashable, float] = {}
    for (c, _k), value in coincidence.items():
        totals[c] = totals.get(c, 0.0) + value
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(v for (c, k), v in coincidence.items() if c != k) / n
    expected = (n * n - sum(v * v for v in totals.values())) / (n * (n - 1))
    if expected == 0:
        return None
    return 1.0 - observed / expected


def pairwise_agreement(labels: Sequence[Hashable]) -> float:
    """The share of pairs of reviewers of one item who chose the same label (1.0 for fewer than two)."""
    m = len(labels)
    if m < 2:
        return 1.0
    same = sum(c * (c - 1) for c in Counter(labels).values())
    return same / (m * (m - 1))


def gold_correct(truth: str, decision: str) -> bool:
    return decision == "accept" if truth == "verified" else decision in ("reject", "edit")


def rushed(seconds: float | None, steps: int) -> bool:
    return seconds is not None and seconds < RUSHED_SECONDS_PER_STEP * max(1, steps)


def kappa_pairs(labels: Mapping[str, Mapping[str, Hashable]]) -> list[dict[str, Any]]:
    """κ for every pair of reviewers with an item in common; labels: reviewer → item → label."""
    out = []
    for a, b in combinations(sorted(labels), 2):
        common = sorted(set(labels[a]) & set(labels[b]))
        if common:
            kappa = cohen_kappa([labels[a][i] for i in common], [labels[b][i] for i in common])
            out.append({"a": a, "b": b, "kappa": kappa, "n": len(common)})
    return out


def stats(store: Store) -> dict[str, Any]:
    """The admin dashboard's numbers: {queues, reviewers, kappa_pairs, alpha}."""
    engine: Engine = store.engine
    by_item: dict[str, list[dict[str, Any]]] = {}
    for row in iter_decisions(engine):
        by_item.setdefault(row["item_id"], []).append(row)
    labels: dict[str, dict[str, str]] = {}
    per_reviewer: dict[str, list[dict[str, Any]]] = {}
    for item_id, rows in by_item.items():
        for reviewer, row in latest_reviews(rows).items():
            labels.setdefault(reviewer, {})[item_id] = row["decision"]
            per_reviewer.setdefault(reviewer, []).append(row)
    steps = {
        cid: len(c.steps)
        for cid, c in store.candidates_by_id(
            {r["candidate_id"] for rows in by_item.values() for r in rows}
        ).items()
    }
    reviewers = []
    for name in sorted(per_reviewer):
        rows = per_reviewer[name]
        gold = [r for r in rows if r["gold"]]
        every = [r for r in _all_reviews(by_item, name)]
        seconds = [r["seconds"] for r in every if r["seconds"] is not None]
        reviewers.append(
            {
                "name": name,
                "decided": len(rows),
                "gold_items": len(gold),
                "gold_accuracy": (
                    sum(gold_correct(r["gold"], r["decision"]) for r in gold) / len(gold) if gold else None
                ),
                "seconds_median": statistics.median(seconds) if seconds else None,
                "rushed": sum(rushed(r["seconds"], steps.get(r["candidate_id"], 1)) for r in every),
            }
        )
    units = [[row["decision"] for row in latest_reviews(rows).values()] for rows in by_item.values()]
    queues = []
    at = now()
    with read(engine) as conn:
        for q in conn.execute(select(schema.review_queues).order_by(schema.review_queues.c.created_at)):
            state = queue_state(conn, q.id, at)
            done = sum(1 for s in state if s.adjudicated or len(s.decided) >= q.overlap)
            queues.append({"id": q.id, "name": q.name, "done": done, "total": len(state)})
    return {
        "queues": queues,
        "reviewers": reviewers,
        "kappa_pairs": kappa_pairs(labels),
        "alpha": krippendorff_alpha_nominal(units),
        "rushed_seconds_per_step": RUSHED_SECONDS_PER_STEP,
    }


def _all_reviews(by_item: Mapping[str, list[dict[str, Any]]], name: str) -> list[dict[str, Any]]:
    """Every review decision of one reviewer (changed minds included: each took its own time)."""
    return [r for rows in by_item.values() for r in rows if r["kind"] == "review" and r["reviewer"] == name]
