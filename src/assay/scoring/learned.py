"""The learned scorers: `orm` (outcome reward model) and `prm` (process reward model).

Both load a checkpoint written by `assay rm train` (WS/artifacts/models/orm.pt, prm.pt; or `path=FILE`
in the spec) and score under an id carrying the checkpoint's content hash, so a retrained model is a
new scorer version and its scores never mix with the old one's.

The PRM's candidate value is the minimum of its step values: a trace is as good as its worst step
(one wrong step sinks it, whatever follows), which is also how the step verifier decides; a product
would punish long correct traces for their length, and the last step alone would miss an error that
the trace later papered over.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assay.errors import AssayError
from assay.records import Score
from assay.scoring.base import ScoreItem
from assay.scoring.encoding import Window, trace_steps, windows

if TYPE_CHECKING:  # (torch is imported only when a model is loaded: listing plugins must stay fast)
    from assay.scoring.model import RewardModel

Kind = Literal["orm", "prm"]
KINDS: tuple[Kind, ...] = ("orm", "prm")


def model_path(models_dir: Path, kind: Kind) -> Path:
    """Where `assay rm train` puts a workspace's model of this kind."""
    return models_dir / f"{kind}.pt"


def _locate(kind: Kind, models_dir: Path | str | None, path: str | None) -> Path:
    if path:
        return Path(path)
    if models_dir is None:
        raise AssayError(
            f"the {kind} scorer needs a workspace's models (-w WS; for a file: --models WS) "
            f"or a checkpoint ({kind}:path=FILE)"
        )
    return model_path(Path(models_dir), kind)


class _Learned:
    kind: Kind
    needs_verdicts = False

    def __init__(self, models_dir: Path | str | None = None, path: str | None = None) -> None:
        from assay.scoring.model import load

        self.model: RewardModel = load(_locate(self.kind, models_dir, path), self.kind)

    @property
    def id(self) -> str:
        return self.model.id

    def step_values(self, batch: Sequence[ScoreItem]) -> list[tuple[float, ...]]:
        """Each item's value at the end of each of its steps."""
        block = self.model.net.body.config.block_size
        plans: list[tuple[int, tuple[Window, ...]]] = []
        for item in batch:
            steps = trace_steps(item.problem, item.candidate)
            plans.append((len(steps), windows(self.model.tokenizer, item.problem.prompt, steps, block)))
        read = iter(self.model.read([w for _, ws in plans for w in ws]))
        out: list[tuple[float, ...]] = []
        for count, ws in plans:
            found: dict[int, float] = {}
            for _ in ws:
                found.update(next(read))
            if len(found) != count:  # (windows() reads every step end; this guards the invariant)
                raise AssayError(f"{self.id} read {len(found)} of {count} steps")
            out.append(tuple(found[i] for i in range(count)))
        return out


class OrmScorer(_Learned):
    """The outcome reward model's probability that the verifier accepts the candidate."""

    kind: Kind = "orm"

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        # the ORM learned only the last token's value: earlier positions are not step values
        return [
            Score(item.candidate.id, self.id, values[-1])
            for item, values in zip(batch, self.step_values(batch), strict=True)
        ]


class PrmScorer(_Learned):
    """The process reward model's value at every step; the candidate's value is their minimum."""

    kind: Kind = "prm"

    def score(self, batch: Sequence[ScoreItem]) -> list[Score]:
        return [
            Score(item.candidate.id, self.id, min(values), values)
            for item, values in zip(batch, self.step_values(batch), strict=True)
        ]
