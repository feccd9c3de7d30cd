"""Curation gates before training and export: duplicates, near-duplicates, contamination, human share.

- exact duplicates: the same normalised (prompt, response) twice;
- near-duplicates: MinHash LSH (datasketch, 128 permutations) over character 5-gram shingles of prompt
  and response, Jaccard threshold 0.85 by default: the first of each near-duplicate group is kept;
- decontamination: a training example whose prompt shares a word 13-gram with an evaluation prompt, or
  is an evaluation prompt (prompts shorter than 13 words compare whole), is dropped;
- human share: the share of examples that come from human data; `assay export` refuses to go below
  the configured minimum unless told to.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assay.errors import AssayError


@dataclass(frozen=True)
class Example:
    prompt: str
    response: str
    origin: str  # "human" or "model"


@dataclass
class GateCounts:
    kept: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    contaminated: int = 0
    human: int = 0

    @property
    def human_share(self) -> float:
        return self.human / self.kept if self.kept else 0.0


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower())


NGRAM = 13  # words in a shared run that counts as contamination
NEAR_THRESHOLD = 0.85  # Jaccard similarity of character 5-grams above which two samples are near-duplicates
NUM_PERM = 128  # MinHash permutations


def eval_ngrams(prompts: Iterable[str], n: int = NGRAM) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for prompt in prompts:
        words = _words(prompt)
        if not words:
            continue  # an empty eval prompt has no text to leak (an empty gram would match every prompt)
        if len(words) <= n:
            grams.add(tuple(words))
        else:
            grams.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def contaminated(prompt: str, grams: set[tuple[str, ...]], lengths: Iterable[int]) -> bool:
    """True if prompt holds one of grams (whose sizes are lengths): an eval prompt's n-gram, or a whole
    eval prompt shorter than n words anywhere inside it, so "Please solve: <a short eval question>" is
    caught as well as the question itself."""
    words = _words(prompt)
    return any(tuple(words[i : i + size]) in grams for size in lengths for i in range(len(words) - size + 1))


class Curator:
    """The gates, one example at a time (for streaming exports): admit() says why an example goes."""

    def __init__(
        self,
        eval_prompts: Iterable[str] = (),
        near_threshold: float = NEAR_THRESHOLD,
        num_perm: int = NUM_PERM,
        ngram: int = NGRAM,
        dedup: bool = True,
    ) -> None:
        from datasketch import MinHashLSH

        self.counts = GateCounts()
        self._grams = eval_ngrams(eval_prompts, ngram)
        self._lengths = sorted({len(gram) for gram in self._grams})
        self._dedup = dedup
        self._seen: set[str] = set()
        self._num_perm = num_perm
        self._lsh = MinHashLSH(threshold=near_threshold, num_perm=num_perm)
        self._next = 0

    def admit(self, example: Example) -> bool:
        if self._grams and contaminated(example.prompt, self._grams, self._lengths):
            self.counts.contaminated += 1
            return False
        if self._dedup:
            from datasketch import MinHash

            key = hashlib.sha256(
                (_normal(example.prompt) + "\x00" + _normal(example.response)).encode()
            ).hexdigest()
            if key in self._seen:
                self.counts.exact_duplicates += 1
                return False
            self._seen.add(key)
            text = _normal(example.prompt + " " + example.response)
            signature = MinHash(num_perm=self._num_perm, seed=1)
            signature.update_batch([text[j : j + 5].encode() for j in range(max(1, len(text) - 4))])
            if self._lsh.query(signature):
                self.counts.near_duplicates += 1
                return False
            self._lsh.insert(str(self._next), signature)
            self._next += 1
        self.counts.kept += 1
        self.counts.human += example.origin == "human"
        return True


def curate(
    examples: Sequence[Example],
    eval_prompts: Iterable[str] = (),
    near_threshold: float = NEAR_THRESHOLD,
    num_perm: int = NUM_PERM,
    ngram: int = NGRAM,
) -> tuple[list[Example], GateCounts]:
    """The examples that pass every gate, in order, and what each gate removed."""
    curator = Curator(eval_prompts, near_threshold, num_perm, ngram)
    kept = [e for e in examples if curator.admit(e)]
    return kept, curator.counts


def check_human_share(share: float, minimum: float, override: bool) -> None:
    if share < minimum and not override:
        raise AssayError(
            f"the dataset is {share:.1%} human data, below the minimum of {minimum:.1%}: "
            "mixing in human data "
            "is what keeps self-training from collapsing. Add human data, lower the minimum, or pass "
            "--allow-low-human-share to export anyway."
        )
