"""What a loop job hands back: typed results, turned into JSON only at the edge (the job's result file).

A base job's result is generation 0 of every arm of its seed; an arm's result is its generations, each
with the model that was trained (and its parent: the lineage), the held-out scores and what its samples
looked like. `to_json` writes the keys results.json has always had (`yield`, not `verified_yield`), and
`from_json` reads them back, so a finished job's file is reused by a re-run as it was written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from assay.errors import InputError
from assay.loop.curation import GateCounts


@dataclass(frozen=True)
class Scores:
    """A model on the held-out set: greedy exact-answer accuracy and NLL per token of reference traces."""

    accuracy: float
    nll: float


@dataclass(frozen=True)
class SampleMetrics:
    """One generation's samples at temperature: how many verify, and how diverse they are."""

    verified_yield: float  # share `math-steps` verifies (every step and the answer)
    answer_yield: float  # share `math-answer` verifies (the final answer only)
    distinct_3: float
    compression: float
    distinct_answers: float
    answer_entropy: float

    def to_json(self) -> dict[str, float]:
        values = asdict(self)
        return {"yield": values.pop("verified_yield"), **values}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SampleMetrics:
        return cls(
            data["yield"],
            data["answer_yield"],
            data["distinct_3"],
            data["compression"],
            data["distinct_answers"],
            data["answer_entropy"],
        )


@dataclass(frozen=True)
class BaseModel:
    id: str  # "seed1/v0"
    path: str  # its checkpoint, which every arm of the seed starts from
    parameters: int


@dataclass(frozen=True)
class BaseResult:
    """Generation 0 of a seed: the model trained on the human seed traces."""

    seed: int
    model: BaseModel
    scores: Scores
    metrics: SampleMetrics
    human_distinct_3: float  # the diversity of the human seed: the reference the alarm compares with
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "model": {
                "id": self.model.id,
                "parent": None,
                "path": self.model.path,
                "parameters": self.model.parameters,
            },
            "generation": 0,
            **asdict(self.scores),
            **self.metrics.to_json(),
            "human_distinct_3": self.human_distinct_3,
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> BaseResult:
        try:
            model = data["model"]
            return cls(
                data["seed"],
                BaseModel(model["id"], model["path"], model["parameters"]),
                Scores(data["accuracy"], data["nll"]),
                SampleMetrics.from_json(data),
                data["human_distinct_3"],
                data["seconds"],
            )
        except (KeyError, TypeError) as exc:
            raise InputError(
                f"{where}: not a base model's result ({exc}); delete it to run it again"
            ) from exc


@dataclass(frozen=True)
class Generation:
    """One generation n ≥ 1 of an arm: v(n), trained on what the policy kept of v(n-1)'s samples."""

    generation: int
    policy: str
    model: str  # "seed1/verified-accumulate/v2"
    parent: str  # the model it was fine-tuned from and whose samples it learnt
    start: str  # trained from the "base", the "current" model, or "scratch"
    scores: Scores
    metrics: SampleMetrics  # of the parent's samples, which this generation's training set came from
    kept: int
    training_examples: int
    human_share: float
    gates: GateCounts | None  # what the gates removed, for curated policies
    diversity_alarm: bool
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "generation": self.generation,
            "policy": self.policy,
            "model": {"id": self.model, "parent": self.parent, "start": self.start},
            **asdict(self.scores),
            **self.metrics.to_json(),
            "kept": self.kept,
            "training_examples": self.training_examples,
            "human_share": self.human_share,
            "gates": _gates(self.gates),
            "diversity_alarm": self.diversity_alarm,
            "seconds": self.seconds,
        }


def _gates(gates: GateCounts | None) -> dict[str, int] | None:
    """What the gates removed (the counts of what they kept are in `training_examples`)."""
    if gates is None:
        return None
    return {
        "exact_duplicates": gates.exact_duplicates,
        "near_duplicates": gates.near_duplicates,
        "contaminated": gates.contaminated,
    }


@dataclass(frozen=True)
class ArmResult:
    policy: dict[str, Any]  # the Policy, as asdict
    seed: int
    base: BaseResult  # generation 0
    generations: tuple[Generation, ...]  # 1..G
    seconds: float

    def to_json(self) -> dict[str, Any]:
        first = {**self.base.to_json(), "policy": self.policy["name"]}
        return {
            "policy": self.policy,
            "seed": self.seed,
            "generations": [first, *(g.to_json() for g in self.generations)],
            "seconds": self.seconds,
        }
