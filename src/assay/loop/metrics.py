"""Collapse metrics for one generation's samples: diversity and answer spread.

distinct-n: distinct character n-grams / all n-grams over the samples (n = 3). compression: zlib size /
raw size of the joined samples (lower means more repetitive). distinct answers per prompt and answer
entropy (bits) over each prompt's k samples, averaged over prompts. `sample_metrics` gathers them, with
the yields, for one generation's judged samples.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assay.loop.results import SampleMetrics
from assay.records import Status

if TYPE_CHECKING:
    from assay.loop.judging import Judged


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


def sample_metrics(judged: Sequence[Judged], per_problem: int) -> SampleMetrics:
    """The metrics of samples made `per_problem` at a time for each problem, in problem order."""
    texts = [j.candidate.text for j in judged]
    values = [j.sample.value for j in judged]
    by_problem = [values[i : i + per_problem] for i in range(0, len(values), per_problem)]
    distinct, entropy = answer_spread(by_problem)
    return SampleMetrics(
        verified_yield=sum(j.steps.status == Status.VERIFIED for j in judged) / len(judged),
        answer_yield=sum(j.answer.status == Status.VERIFIED for j in judged) / len(judged),
        distinct_3=distinct_n(texts, 3),
        compression=compression_ratio(texts),
        distinct_answers=distinct,
        answer_entropy=entropy,
    )
