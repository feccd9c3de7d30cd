"""Benchmark: near-duplicate removal with MinHash LSH (assay's gate) against exact all-pairs Jaccard.

Texts: N random 40-word texts plus N/2 near-copies (one character changed, true Jaccard ≈ 0.96) and N/4
looser copies (one word changed, Jaccard ≈ 0.9). The anchor compares every pair of 5-gram shingle sets
exactly; assay's `curate` uses MinHash LSH (128 permutations, threshold 0.85). Prints throughput of
both, and recall and precision of the gate against the exact answer at the same threshold.

    python bench/curation.py            # N = 1000, 3 runs, medians
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time

from assay.loop.curation import Example, _normal, curate

THRESHOLD = 0.85


def texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    base = [
        " ".join(
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 8))) for _ in range(40)
        )
        for _ in range(n)
    ]
    out = list(base)
    for text in base[: n // 2]:
        i = rng.randrange(len(text))
        out.append(text[:i] + ("z" if text[i] != "z" else "y") + text[i + 1 :])
    for text in base[n // 2 : n // 2 + n // 4]:
        words = text.split()
        words[rng.randrange(len(words))] = "changed"
        out.append(" ".join(words))
    rng.shuffle(out)
    return out


def exact(items: list[str]) -> set[int]:
    """Indices an exact first-kept-wins pass drops (Jaccard ≥ THRESHOLD with an earlier kept text)."""
    shingles = []
    dropped = set()
    kept: list[int] = []
    for i, text in enumerate(items):
        t = _normal("p " + text)
        s = {t[j : j + 5] for j in range(len(t) - 4)}
        shingles.append(s)
        if any(len(s & shingles[k]) / len(s | shingles[k]) >= THRESHOLD for k in kept):
            dropped.add(i)
        else:
            kept.append(i)
    return dropped


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ours, theirs, recalls, precisions = [], [], [], []
    for run in range(args.runs):
        items = texts(args.n, run)
        started = time.perf_counter()
        kept, _ = curate([Example("p", t, "model") for t in items])
        ours.append(len(items) / (time.perf_counter() - started))
        kept_texts = {k.response for k in kept}
        lsh_dropped = {i for i, t in enumerate(items) if t not in kept_texts}
        started = time.perf_counter()
        truth = exact(items)
        theirs.append(len(items) / (time.perf_counter() - started))
        recalls.append(len(lsh_dropped & truth) / max(1, len(truth)))
        precisions.append(len(lsh_dropped & truth) / max(1, len(lsh_dropped)))
        print(
            f"run {run + 1}: LSH {ours[-1]:.0f} texts/s · exact {theirs[-1]:.0f} texts/s · "
            f"recall {recalls[-1]:.3f} · precision {precisions[-1]:.3f}"
        )
    print(
        f"median: LSH {statistics.median(ours):.0f}/s, exact all-pairs {statistics.median(theirs):.0f}/s "
        f"({statistics.median(ours) / statistics.median(theirs):.1f}×); "
        f"recall {statistics.median(recalls):.3f}, "
        f"precision {statistics.median(precisions):.3f} ({len(texts(args.n, 0))} texts)"
    )


if __name__ == "__main__":
    main()
