"""A simulated reviewer: accept or reject from the verifier's truth, with a set accuracy and bias.

It stands in for the people of the review step, so the funnel (and the loop) can be studied without
them. Each candidate's truth is what the exact checks concluded: right if every stored verdict says
`verified`, wrong otherwise (refuted, and also unknown, error, timeout or no verdict: a reviewer cannot
confirm what nothing proved, so the simulation fails closed). The reviewer then

    accepts with probability   p = (1 - s) * base + s * f
        base = accuracy when the candidate is right, 1 - accuracy when it is wrong
        f    = the biasing feature in [0, 1] (0.5: no pull either way), s = bias_strength in [0, 1]

so with no bias it is right with probability `accuracy` on every candidate, and a bias pulls decisions
towards what the feature likes, whatever the truth:

    long        f = n / (n + 200) for a response of n characters (0.5 at 200): long looks thorough
    confident   f = 1 with a confident marker ("clearly", "obviously", "\\boxed", "!") and no hedge,
                0 with a hedge ("maybe", "I think", "probably", "?"), 0.5 otherwise

The draw for a candidate is a hash of (seed, candidate id), never a shared random stream, so a decision
does not depend on which other candidates were reviewed, in what order or batch, or on a resume; and
two reviewers with one seed and different accuracies share their draws (a candidate the 0.8 reviewer
gets right, the 0.9 one gets right too), which makes comparisons between them less noisy.

Decisions are `Review` records under the reviewer id (`sim:acc=0.9,seed=0`, with `,bias=long:0.3` when
biased), so reviews of differently set reviewers never mix. A simulated review never changes a verdict.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from assay.errors import ConfigError
from assay.records import Review, ReviewDecision, Status
from assay.scoring.base import ScoreItem

Bias = Literal["none", "long", "confident"]
BIASES: tuple[Bias, ...] = ("none", "long", "confident")
LONG_HALF = 200  # characters at which the `long` feature is 0.5

_CONFIDENT = re.compile(
    r"\b(?:clearly|obviously|certainly|definitely|undoubtedly|of course|must be)\b|\\boxed|!", re.IGNORECASE
)
_HEDGED = re.compile(
    r"\b(?:maybe|perhaps|probably|possibly|might|i think|i guess|not sure|unsure|seems?)\b|\?", re.IGNORECASE
)


class Reviewer(Protocol):
    """What the pipeline's review stage asks of a reviewer: an id and one Review per item it has
    decided. The simulated reviewer decides every item at once. People do not fit this shape (they
    decide over days, edit, disagree and are adjudicated): `[review] reviewer = "human"` goes through
    funnel_stages.review_by_humans instead, which stops the run until the review queue is done."""

    @property
    def id(self) -> str: ...

    def review(self, items: Sequence[ScoreItem]) -> list[Review]: ...


def is_right(item: ScoreItem) -> bool:
    """The truth the simulation decides from: every verdict verified (and at least one)."""
    return bool(item.verdicts) and all(v.status == Status.VERIFIED for v in item.verdicts)


def feature(bias: Bias, text: str) -> float:
    """The biasing feature of a response, in [0, 1] (0.5 for no bias)."""
    if bias == "long":
        return len(text) / (len(text) + LONG_HALF)
    if bias == "confident":
        if _HEDGED.search(text):
            return 0.0
        return 1.0 if _CONFIDENT.search(text) else 0.5
    return 0.5


@dataclass(frozen=True)
class SimReviewer:
    """A reviewer right with probability `accuracy`, pulled by `bias` (see the module docstring)."""

    accuracy: float = 0.9
    bias: Bias = "none"
    bias_strength: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 <= self.accuracy <= 1.0:
            raise ConfigError(f"a simulated reviewer's accuracy is in [0, 1], not {self.accuracy}")
        if not 0.0 <= self.bias_strength <= 1.0:
            raise ConfigError(f"a simulated reviewer's bias strength is in [0, 1], not {self.bias_strength}")
        if self.bias not in BIASES:
            raise ConfigError(f"a simulated reviewer's bias is one of {', '.join(BIASES)}, not {self.bias!r}")

    @property
    def id(self) -> str:
        biased = (
            f",bias={self.bias}:{self.bias_strength:g}" if self.bias != "none" and self.bias_strength else ""
        )
        return f"sim:acc={self.accuracy:g}{biased},seed={self.seed}"

    def p_accept(self, item: ScoreItem) -> float:
        base = self.accuracy if is_right(item) else 1.0 - self.accuracy
        pull = feature(self.bias, item.candidate.text)
        return (1.0 - self.bias_strength) * base + self.bias_strength * pull

    def decide(self, item: ScoreItem) -> ReviewDecision:
        accept = _draw(self.seed, item.candidate.id) < self.p_accept(item)
        return ReviewDecision.ACCEPT if accept else ReviewDecision.REJECT

    def review(self, items: Sequence[ScoreItem]) -> list[Review]:
        # (created_at stays empty: the Review's id is then a hash of candidate and reviewer alone, so a
        # re-run writes the same records instead of adding new ones)
        return [Review(item.candidate.id, self.id, self.decide(item)) for item in items]


def _draw(seed: int, candidate_id: str) -> float:
    """A uniform number in [0, 1) for this (seed, candidate): the same on every run and machine."""
    digest = hashlib.blake2b(f"{seed}\x00{candidate_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64
