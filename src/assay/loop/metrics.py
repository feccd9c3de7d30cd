"""Collapse metrics for one generation's samples: diversity and answer spread.

distinct-n: distinct character n-grams / all n-grams over the samples (n = 3). compression: zlib size /
raw size of the joined samples (lower means more repetitive). distinct answers per prompt and answer
entropy (bits) over each prompt's k samples, averaged over prompts.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence


def distinct_n(texts: Sequence[str], n: int = 3) -> float:
    grams: Counter[str] = Counter()
    for text in texts:
        grams.update(text[i : i + n] for i in range(max(0, len(text) - n + 1)))
    total = sum(grams.values())
    return len(grams) / total if total else 0.0


def compression_ratio(texts: Sequence[str]) -> float:
    raw = "\n".join(texts).encode()
    return len(zlib.compress(raw, 9)) / len(raw) if raw else 0.0


def answer_spread(answers_by_prompt: Sequence[Sequence[str | None]]) -> tuple[float, float]:
    """(mean distinct answers per prompt, mean answer entropy in bits); no answer counts as one value."""
    if not answers_by_prompt:
        return 0.0, 0.0
    distinct, entropy = 0.0, 0.0
    for answers in answers_by_prompt:
        counts = Counter(a if a is not None else "<none>" for a in answers)
        total = sum(counts.values())
        distinct += len(counts)
        entropy -= sum(c / total * math.log2(c / total) for c in counts.values())
    return distinct / len(answers_by_prompt), entropy / len(answers_by_prompt)


def diversity_alarm(value: float, reference: float, drop: float) -> bool:
    """True when value has fallen more than `drop` (a fraction) below the human reference."""
    return reference > 0 and value < reference * (1 - drop)
