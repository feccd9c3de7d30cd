"""The `composite` scorer: gates first, then a weighted combination of other scorers.

Spec: `composite:` then comma-separated parts, each one of

    gate=NAME       the candidate must score 1.0 under NAME (for `verifier`: verified) to pass
    rank=NAME       rank by NAME (weight 1)
    NAME=WEIGHT     rank by NAME with this weight (weights are normalised to sum to 1)

e.g. `composite:gate=verifier,rank=prm` ("verified, then ranked by the PRM") or
`composite:prm=0.7,orm=0.3`. The value is the weighted mean c of the rank scorers (0.5 without any),
then banded by the gates so that every candidate that passes ranks above every one that does not,
while each band keeps its own order:

    passes every gate   0.5 + 0.5 * c      (in [0.5, 1])
    fails a gate        0.49 * c           (in [0, 0.49])

Step values are the weighted mean of the rank scorers' step values when they all have the same number
of steps, else none. The id names every part's id, so retraining a part makes a new composite version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assay.backends.base import Usage
from assay.errors import ConfigError
from assay.records import Score, content_id
from assay.scoring.base import ScoreItem, Scorer, checked, needs_verdicts

MAX_ID = 200
PASS = 1.0  # what a gate scorer must give (the verifier scorer gives exactly 1.0 for verified only)


@dataclass(frozen=True)
class CompositeSpec:
    gates: tuple[str, ...]
    weights: tuple[tuple[str, float], ...]


def parse(options: str) -> CompositeSpec:
    gates: list[str] = []
    weights: list[tuple[str, float]] = []
    for part in filter(None, (p.strip() for p in options.split(","))):
        key, equals, value = (s.strip() for s in part.partition("="))
        if not equals or not key or not value:
            raise ConfigError(f"composite part {part!r} is not gate=NAME, rank=NAME or NAME=WEIGHT")
        if key == "gate":
            gates.append(value)
        elif key == "rank":
            weights.append((value, 1.0))
        else:
            try:
                weight = float(value)
            except ValueError:
                raise ConfigError(f"composite weight of {key!r} is not a number: {value!r}") from None
            if not weight > 0 or weight == float("inf"):
                raise ConfigError(f"composite weight of {key!r} must be a positive number, not {value}")
            weights.append((key, weight))
    names = [name for name, _ in weights]
    if any(name == "composite" for name in [*gates, *names]):
        raise ConfigError("a composite scorer cannot contain another composite")
    if len(set(names)) != len(names):
        raise ConfigError(f"composite ranks by a scorer twice: {names}")
    if not gates and not weights:
        raise ConfigError("a composite needs at least one gate=NAME or rank=NAME (see assay score --help)")
    return CompositeSpec(tuple(gates), tuple(weights))


class CompositeScorer:
    name = "composite"
    version = "1"

    def __init__(self, options: str, build: Callable[[str], Scorer]) -> None:
        spec = parse(options)
        self.gates = [build(name) for name in spec.gates]
        total = sum(w for _, w in spec.weights)
        self.ranks = [(build(name), w / total) for name, w in spec.weights]
        self.needs_verdicts = any(needs_verdicts(s) for s in [*self.gates, *(s for s, _ in self.ranks)])
        parts = [f"gate={g.id}" for g in self.gates] + [f"{s.id}={w:.4g}" for s, w in self.ranks]
        self._id = f"{self.name}@{self.version}({','.join(parts)})"
        if len(self._id) > MAX_ID:  # (the store keeps 200 characters): the parts' hash stands in
            self._id = content_id(f"{self.name}@{self.version}", parts)

    @property
    def id(self) -> str:
        return self._id

    @property
    def usage(self) -> Usage | None:
        """The parts' usage added up (a judge among them sends requests); None when none does."""
        found = [getattr(p, "usage", None) for p in [*self.gates, *(s for s, _ in self.ranks)]]
        usages = [u for u in found if isinstance(u, Usage)]
        if not usages:
            return None
        total = Usage()
        for u in usages:
            for name in ("requests", "cached", "failures", "retries", "prompt_tokens", "completion_tokens"):
                setattr(total, name, getattr(total, name) + getattr(u, name))
            total.cost += u.cost
        return total

    def close(self) -> None:
        """Close the parts that hold something open (a judge's HTTP client and cache)."""
        for part in [*self.gates, *(s for s, _ in self.ranks)]:
            close = getattr(part, "close", None)
            if callable(close):
                close()

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        gate_scores = [checked(g, batch) for g in self.gates]
        rank_scores = [(checked(s, batch), w) for s, w in self.ranks]
        out = []
        for i, item in enumerate(batch):
            passed = all(scores[i].value >= PASS for scores in gate_scores)
            combined = sum(scores[i].value * w for scores, w in rank_scores) if rank_scores else 0.5
            value = 0.5 + 0.5 * combined if passed else 0.49 * combined
            lengths = {len(scores[i].step_values) for scores, _ in rank_scores}
            steps: tuple[float, ...] = ()
            if len(lengths) == 1 and (n := lengths.pop()) > 0:
                steps = tuple(
                    min(1.0, sum(scores[i].step_values[k] * w for scores, w in rank_scores)) for k in range(n)
                )
            out.append(Score(item.candidate.id, self.id, min(1.0, max(0.0, value)), steps))
        return out
