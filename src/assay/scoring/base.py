"""The Scorer contract: what a reward model (or any other scorer) must do to plug into assay.

A scorer has an `id` ("name@version") and one method, `score(batch) -> list[Score]`, one Score per
item, in the batch's order. An item is a problem, a candidate and the verdicts already stored for it
(possibly none: a domain with no verifier). A plugin is a class (or a factory) named in the
`assay.scorers` entry-point group:

    [project.entry-points."assay.scorers"]
    length = "my_plugin:LengthScorer"

    class LengthScorer:
        id = "length@1"
        def score(self, batch):
            return [Score(i.candidate.id, self.id, min(1.0, len(i.candidate.text) / 1000)) for i in batch]

Rules a scorer must keep:
- the version in `id` changes whenever the same input could get another value (new weights, new
  recipe): stored scores are keyed by the id, so a stale value is never silently reused;
- values are finite floats in [0, 1], higher is better; `step_values` (optional) has one value per step
  of the trace, in the same range;
- a score is never a verdict: nothing a scorer returns marks a candidate verified. Only verifiers do.

This module defines the contract and a fake; it never loads models or touches the store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from assay.errors import AssayError
from assay.records import Candidate, Problem, Score, Verdict


@dataclass(frozen=True)
class ScoreItem:
    """What a scorer sees of one candidate: its problem, itself, and its stored verdicts."""

    problem: Problem
    candidate: Candidate
    verdicts: tuple[Verdict, ...] = ()


@runtime_checkable
class Scorer(Protocol):
    """Scores candidates. `id` is "name@version"; `score` returns one Score per item, in order."""

    @property
    def id(self) -> str: ...

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]: ...


def needs_verdicts(scorer: object) -> bool:
    """Whether the scorer reads verdicts (then `assay score file` verifies each line first). A scorer
    says so with a class attribute `needs_verdicts = True`; the default is False."""
    return bool(getattr(scorer, "needs_verdicts", False))


def checked(scorer: Scorer, batch: Sequence[ScoreItem]) -> list[Score]:
    """scorer.score(batch), held to the contract: one Score per item, for that item's candidate, under
    the scorer's id, with finite values in [0, 1]. A plugin that breaks it raises AssayError here,
    instead of storing scores that would silently mis-rank a dataset."""
    scores = scorer.score(batch)
    if len(scores) != len(batch):
        raise AssayError(f"scorer {scorer.id} returned {len(scores)} scores for {len(batch)} candidates")
    for item, score in zip(batch, scores, strict=True):
        if not isinstance(score, Score):
            raise AssayError(f"scorer {scorer.id} returned a {type(score).__name__}, not a Score")
        if score.candidate_id != item.candidate.id or score.scorer != scorer.id:
            raise AssayError(
                f"scorer {scorer.id} returned a score for {score.candidate_id} under {score.scorer!r} "
                f"where {item.candidate.id} under {scorer.id!r} was due"
            )
        for value in (score.value, *score.step_values):
            if not isinstance(value, float | int) or not math.isfinite(value) or not 0.0 <= value <= 1.0:
                raise AssayError(f"scorer {scorer.id} gave {value!r}; scores are finite, in [0, 1]")
    return scores


@dataclass(frozen=True)
class FakeScorer:
    """A scorer made from a plain function of one item (for tests and experiments)."""

    fn: Callable[[ScoreItem], float]
    name: str = "fake@1"

    @property
    def id(self) -> str:
        return self.name

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        return [Score(item.candidate.id, self.id, float(self.fn(item))) for item in batch]
