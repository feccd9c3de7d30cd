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

An item a scorer cannot score (a judge's unreadable answer) makes `score` raise AssayError; the one
loop that scores a batch and, when it is refused, retries it item by item is `score_each` here, used
by every driver (`assay score`, `assay score file`, the pipeline's score stage), so one bad item costs
only itself and becomes an `Unscored` (counted, nothing stored, tried again by the next run).
A scorer that sends requests (the judge) has a `usage` attribute, a backends `Usage`; `Spent` is its
frozen, picklable snapshot, reported in the words generation uses.

This module defines the contract and a fake; it never loads models or touches the store.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from assay.backends.base import Usage
from assay.errors import AssayError, GeneratorAuthError
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
class Unscored:
    """An item the scorer gave no score, and why (the scorer's own words)."""

    candidate_id: str
    reason: str


def score_each(scorer: Scorer, items: Sequence[ScoreItem]) -> list[Score | Unscored]:
    """A Score, or an Unscored saying why not, per item, in order. A batch the scorer refuses (a judge
    that rambled on one item, say) is retried item by item, so one bad item costs only itself (the
    judge answers those retries from the batch it just judged: nothing is asked twice). A refused API
    key stops everything: every item would fail the same way."""
    if not items:
        return []
    try:
        return list(checked(scorer, items))
    except GeneratorAuthError:
        raise
    except AssayError:
        pass
    results: list[Score | Unscored] = []
    for item in items:
        try:
            results.append(checked(scorer, [item])[0])
        except GeneratorAuthError:
            raise
        except AssayError as exc:
            results.append(Unscored(item.candidate.id, str(exc)))
    return results


REASON_CHARS = 160  # of a reason shown in a summary (a judge's reason quotes its answer)


def short(reason: str) -> str:
    """A reason on one line, cut to REASON_CHARS characters, for a summary line. It may quote a
    server's or a model's words: a control character (a terminal escape) is shown as '?'."""
    line = "".join(c if c.isprintable() else "?" for c in " ".join(reason.split()))
    return line if len(line) <= REASON_CHARS else line[: REASON_CHARS - 1] + "…"


@runtime_checkable
class Spends(Protocol):
    """A scorer that sends requests (the judge): its requests, cache hits, tokens and cost so far."""

    @property
    def usage(self) -> Usage: ...


@dataclass(frozen=True)
class Spent:
    """A scorer's usage at one moment, or between two (`after - before`): what crosses from an engine's
    worker back to the driver, which adds the batches up."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    cached: int = 0
    requests: int = 0
    retries: int = 0
    failures: int = 0

    @classmethod
    def of(cls, scorer: object) -> Spent | None:
        """The scorer's usage so far; None for a scorer that sends no requests."""
        usage = scorer.usage if isinstance(scorer, Spends) else None
        if not isinstance(usage, Usage):
            return None
        return cls(
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.cost,
            usage.cached,
            usage.requests,
            usage.retries,
            usage.failures,
        )

    def __add__(self, other: Spent) -> Spent:
        return self._combine(other, 1)

    def __sub__(self, other: Spent) -> Spent:
        return self._combine(other, -1)

    def _combine(self, other: Spent, sign: int) -> Spent:
        return Spent(
            self.prompt_tokens + sign * other.prompt_tokens,
            self.completion_tokens + sign * other.completion_tokens,
            self.cost + sign * other.cost,
            self.cached + sign * other.cached,
            self.requests + sign * other.requests,
            self.retries + sign * other.retries,
            self.failures + sign * other.failures,
        )

    def words(self) -> str:
        """'prompt_tokens 1, completion_tokens 2, cost 0.0, cached 0, requests 1, retries 0, failures 0':
        the keys and order of generation's usage line (assay.funnel.usage_of)."""
        shown = {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost": round(self.cost, 6),
            "cached": self.cached,
            "requests": self.requests,
            "retries": self.retries,
            "failures": self.failures,
        }
        return ", ".join(f"{k} {v}" for k, v in shown.items())


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
