"""Stage `score`: a pure batch function, `score(context, batch) -> list[Outcome]`, in the engines' shape.

The context names the scorer by its spec and where the workspace's models are; the scorer (a loaded
reward model, say) is built once per process through `assay.engines.base.resource` and reused by every
batch, so the same function runs under the local engine and on Ray actors. No store, no files written,
no printing: the driver reads the to-do batches and writes the Scores that come back.

An item the scorer fails on (a judge's unreadable answer) comes back as an Unscored, through the same
item-by-item retry `assay score` uses (assay.scoring.base.score_each): the run goes on without its
score. A refused API key (GeneratorAuthError) is raised, and stops the run, on either engine. The
batch's usage (a judge's requests, tokens, cost) rides on its last Outcome, since the scorer that spent
it may live in a Ray worker the driver cannot ask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assay.engines.base import resource
from assay.records import Candidate, Problem, Score, Verdict
from assay.scoring.base import ScoreItem, Scorer, Spent, Unscored, score_each
from assay.scoring.learned import KINDS, model_path
from assay.scoring.spec import build

FN = "assay.scoring.stage:score"


@dataclass(frozen=True)
class Outcome:
    """One item's result: its Score or why it has none; `spent` (on a batch's last item only, for a
    scorer that sends requests) is what the batch cost."""

    result: Score | Unscored
    spent: Spent | None = None


@dataclass(frozen=True)
class ScoreContext:
    spec: str  # e.g. "prm", "composite:gate=verifier,rank=prm"
    models_dir: str | None = None  # the workspace's artifacts/models folder


def scorer_for(context: ScoreContext) -> Scorer:
    """This process's scorer for the context (built on first use)."""
    models = Path(context.models_dir) if context.models_dir else None
    # the models' file stamps are part of the key: a model retrained while this process lives is
    # loaded again (under its new id) instead of scoring on with the old one
    stamps = _stamps(models) if models else ()
    return resource(("scorer", context.spec, context.models_dir, stamps), lambda: build(context.spec, models))


def _stamps(models: Path) -> tuple[tuple[str, int, int], ...]:
    out = []
    for kind in KINDS:
        try:
            stat = model_path(models, kind).stat()
        except OSError:
            continue
        out.append((kind, stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def score(
    context: ScoreContext,
    batch: Sequence[ScoreItem | tuple[Problem, Candidate, Sequence[Verdict]]],
) -> list[Outcome]:
    """One Outcome per item, in order: a Score held to the Scorer contract, or an Unscored."""
    items = [
        item if isinstance(item, ScoreItem) else ScoreItem(item[0], item[1], tuple(item[2])) for item in batch
    ]
    if not items:
        return []
    scorer = scorer_for(context)
    before = Spent.of(scorer)
    outcomes = [Outcome(result) for result in score_each(scorer, items)]
    after = Spent.of(scorer)
    if before is not None and after is not None:
        outcomes[-1] = Outcome(outcomes[-1].result, after - before)
    return outcomes
