"""`assay experiment rewards`: the measures. Best-of-N per selector, first-error F1, AUROC.

Best-of-N: for each held-out problem and each draw, a random order of its pool; the subset at N is the
first N of that order (nested, so a larger N only adds candidates and the verifier's ceiling can only
rise). A selector gives every candidate a key; the pick is the highest key, and ties are not broken
by a coin: the pick's accuracy is the share of correct answers among the tied (the expectation of a fair
coin), so the numbers do not depend on a tie-breaking seed. Accuracy is the final answer's correctness
by `math-answer`, averaged over draws and problems.

- `random`: every candidate ties (the subset's share of correct answers).
- `majority`: the answer value said most often (candidates with no readable value vote only when no
  candidate has one); tied answers share the pick.
- `orm`, `prm`: the reward model's value (the PRM's: its minimum step value).
- `composite`: `math-steps` verified first, then the PRM.
- `verifier`: `math-steps` verified first, then `math-answer` verified: the ceiling (any subset with a
  correct answer picks one), so no selector can beat it on the same subsets.

First-error localisation as ProcessBench scores it: a trace's truth is its first refuted or unknown step
by `math-steps` (or none, for a verified trace); the PRM's prediction is its first step under 0.5 (or
none). F1 is the harmonic mean of the accuracy on erroneous traces (the exact step) and on correct ones
(none predicted).
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from assay.loop.rewards import Pooled, first_error
from assay.records import Score, Status
from assay.scoring.train import auc, outcome

SELECTORS = ("random", "majority", "orm", "prm", "composite", "verifier")

Key = Callable[[int], tuple[float, ...]]  # candidate index in its problem's pool -> ranking key


def sizes(pool_size: int) -> list[int]:
    """1, 2, 4, ... up to the pool size (the pool size last even when not a power of two)."""
    out = []
    n = 1
    while n < pool_size:
        out.append(n)
        n *= 2
    return [*out, pool_size]


def by_problem(entries: Sequence[Pooled]) -> list[list[int]]:
    """Indices of entries grouped by problem, in first-seen order."""
    groups: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        groups.setdefault(entry.item.problem.id, []).append(i)
    return list(groups.values())


def pick_accuracy(subset: Sequence[int], key: Key, correct: Sequence[bool]) -> float:
    """The share of correct candidates among those with the highest key in the subset."""
    keys = [key(i) for i in subset]
    best = max(keys)
    tied = [i for i, k in zip(subset, keys, strict=True) if k == best]
    return sum(correct[i] for i in tied) / len(tied)


def majority_accuracy(subset: Sequence[int], entries: Sequence[Pooled]) -> float:
    votes = Counter(entries[i].value for i in subset if entries[i].value is not None)
    if not votes:
        return sum(entries[i].correct for i in subset) / len(subset)
    top = max(votes.values())
    winners = [value for value, count in votes.items() if count == top]
    # each winning answer is right or wrong as a whole: the share of its candidates math-answer accepts
    per_answer = [
        statistics.fmean(entries[i].correct for i in subset if entries[i].value == value) for value in winners
    ]
    return statistics.fmean(per_answer)


def best_of_n(
    entries: Sequence[Pooled],
    orm: Sequence[float],
    prm: Sequence[float],
    pool_size: int,
    draws: int,
    seed: int,
) -> dict[str, dict[int, float]]:
    """Accuracy per selector per N (entries: the pools; orm/prm: each entry's value)."""
    correct = [e.correct for e in entries]
    verified = [e.verified for e in entries]
    keys: dict[str, Key] = {
        "random": lambda i: (0.0,),
        "orm": lambda i: (orm[i],),
        "prm": lambda i: (prm[i],),
        "composite": lambda i: (float(verified[i]), prm[i]),
        "verifier": lambda i: (float(verified[i]), float(correct[i])),
    }
    rng = random.Random(seed)
    ns = sizes(pool_size)
    totals: dict[str, dict[int, float]] = {s: dict.fromkeys(ns, 0.0) for s in SELECTORS}
    groups = by_problem(entries)
    count = 0
    for group in groups:
        for draw in range(draws):
            order = list(group)
            rng.shuffle(order)
            count += draw == 0
            for n in ns:
                subset = order[:n]
                for name, key in keys.items():
                    totals[name][n] += pick_accuracy(subset, key, correct)
                totals["majority"][n] += majority_accuracy(subset, entries)
    runs = len(groups) * draws
    return {name: {n: round(v / runs, 4) for n, v in per_n.items()} for name, per_n in totals.items()}


def localisation(entries: Sequence[Pooled], step_values: Sequence[tuple[float, ...]]) -> dict[str, Any]:
    """ProcessBench-style F1 of the PRM's first error step against math-steps' (traces whose step
    values line up with the verdict's steps; a verified trace's truth is none)."""
    hits_err = n_err = hits_ok = n_ok = 0
    for entry, values in zip(entries, step_values, strict=True):
        verdict = entry.item.verdicts[0]
        if len(verdict.steps) != len(values) or verdict.status not in (Status.VERIFIED, Status.REFUTED):
            continue
        truth = None if verdict.status is Status.VERIFIED else first_error(verdict)
        if verdict.status is Status.REFUTED and truth is None:
            truth = len(values) - 1  # every step fine, the answer wrong: the last step carries it
        predicted = next((i for i, v in enumerate(values) if v < 0.5), None)
        if truth is None:
            n_ok += 1
            hits_ok += predicted is None
        else:
            n_err += 1
            hits_err += predicted == truth
    acc_err = hits_err / n_err if n_err else None
    acc_ok = hits_ok / n_ok if n_ok else None
    f1 = (
        2 * acc_err * acc_ok / (acc_err + acc_ok)
        if acc_err is not None and acc_ok is not None and acc_err + acc_ok > 0
        else 0.0
        if acc_err is not None and acc_ok is not None
        else None
    )
    return {
        "f1": None if f1 is None else round(f1, 4),
        "accuracy_erroneous": None if acc_err is None else round(acc_err, 4),
        "accuracy_correct": None if acc_ok is None else round(acc_ok, 4),
        "erroneous": n_err,
        "correct": n_ok,
    }


def auroc(entries: Sequence[Pooled], values: Sequence[float]) -> float | None:
    """AUROC of values against the verifier's outcome (every deciding verdict verified)."""
    labelled = [(v, outcome(e.item.verdicts)) for e, v in zip(entries, values, strict=True)]
    kept = [(v, y) for v, y in labelled if y is not None]
    found = auc([v for v, _ in kept], [y for _, y in kept])
    return None if found is None else round(found, 4)


def values_of(scores: Sequence[Score]) -> tuple[list[float], list[tuple[float, ...]]]:
    return [s.value for s in scores], [s.step_values for s in scores]
