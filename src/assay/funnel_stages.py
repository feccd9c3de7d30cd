"""The funnel's stages after verify: score a run's candidates, select the best for review, review them.

    score    every candidate of the run without a score from the scorer's id, through the `score` stage
             function (assay.scoring.stage) on the run's engine, by the one driver (stages.drive)
    select   of the rows the export would write (verdict filter, then the curation gates: no reviewer
             sees a duplicate), the best by score (assay.selection: min score, per problem, top N)
    review   the selected rows, by a Reviewer (review_sim.Reviewer); of the accepted, the best `keep`
             by score are what the run exports

Each is a function of the store and settings, with no printing: the pipeline wires them (assay.pipeline)
and the funnel reports their counts. Every one resumes: scores are keyed by candidate and scorer id (a
re-run scores only what lacks one), selection is recomputed from the stored scores, and a simulated
review of a candidate is the same record on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assay.engines.base import Engine, batched
from assay.errors import AssayError
from assay.export import Gates, Offer, offered
from assay.export_gates import SpilledCurator
from assay.loop.curation import GateCounts
from assay.records import ReviewDecision, Score
from assay.review_sim import Reviewer
from assay.scoring import stage as score_stage
from assay.scoring.base import ScoreItem, needs_verdicts
from assay.scoring.stage import ScoreContext, scorer_for
from assay.selection import Chosen, Offered, Selection, choose
from assay.stages.drive import drive, engine_or_local
from assay.store import Store

BATCH = 256  # candidates per batch of the score stage


@dataclass(frozen=True)
class Scored:
    scorer: str  # the scorer's id
    total: int = 0  # candidates of the run
    scored: int = 0  # newly scored (the rest had a score from this id already, or no problem)
    mean: float | None = None  # mean score over the run's candidates that have one


def score_candidates(
    store: Store,
    context: ScoreContext,
    candidate_ids: Collection[str],
    engine: Engine | None = None,
    on_progress: Callable[[int], Any] | None = None,
) -> Scored:
    """Score the candidates lacking a score from the context's scorer; their mean score afterwards."""
    scorer = scorer_for(context)  # this process's: its id says which stored scores are already its own
    wanted = sorted(set(candidate_ids))
    new = 0

    def work() -> Iterator[tuple[int, list[ScoreItem]]]:
        for chunk in batched(wanted, BATCH):
            done = store.scores_for(chunk, scorer.id)
            todo = [cid for cid in chunk if cid not in done]
            candidates = store.candidates_by_id(todo)
            problems = store.problems_by_id(c.problem_id for c in candidates.values())
            verdicts = store.verdicts_for(candidates) if needs_verdicts(scorer) else {}
            items = [
                ScoreItem(problems[c.problem_id], c, tuple(verdicts.get(c.id, ())))
                for c in candidates.values()
                if c.problem_id in problems
            ]
            yield len(chunk), items

    def write(size: int, scores: list[Score]) -> None:
        nonlocal new
        strangers = {s.scorer for s in scores} - {scorer.id}
        if strangers:  # another checkpoint behind the same spec on a worker: nothing of it is stored
            raise AssayError(
                f"the score stage scored as {sorted(strangers)}, not {scorer.id} as the run expects "
                "(another model behind the same spec); no scores of that batch were stored"
            )
        store.add_scores(scores)
        new += len(scores)
        if on_progress:
            on_progress(size)

    with engine_or_local(engine) as running:
        drive(running, score_stage.FN, context, work(), write)
    values = [s.value for found in store.scores_for(wanted, scorer.id).values() for s in found]
    return Scored(scorer.id, len(wanted), new, sum(values) / len(values) if values else None)


@dataclass(frozen=True)
class ForReview:
    """The select stage's outcome: what was offered, what the gates removed, and what was chosen."""

    chosen: Chosen
    gates: GateCounts
    ranking: list[Offered]  # the chosen rows, best first (the review's order)


def select_for_review(
    store: Store, offer: Offer, selection: Selection, gates: Gates, folder: Path
) -> ForReview:
    """The rows the export would write (after the gates), then the selection's best of them."""
    folder.mkdir(parents=True, exist_ok=True)
    with SpilledCurator(gates.eval_prompts, dedup=gates.dedup, folder=folder) as curator:
        rows = list(offered(store, offer, selection.scorer, curator))
        counts = curator.counts
    chosen = choose(rows, selection)
    ranking = sorted(
        (r for r in rows if r.candidate_id in chosen.ids),
        key=lambda r: (-(r.value or 0.0), r.candidate_id),
    )
    return ForReview(chosen, counts, ranking)


@dataclass(frozen=True)
class Reviewed:
    reviewer: str
    accepted: int
    rejected: int  # rejected, edited (see review_selected) or left undecided
    kept: frozenset[str]  # the best `keep` of the accepted, by score
    over_keep: int  # accepted rows past `keep`


def review_selected(store: Store, reviewer: Reviewer, ranking: list[Offered], keep: int) -> Reviewed:
    """Review the ranked rows (stored as Review records), then keep the best `keep` accepted ones
    (0: all accepted). Rows keep their ranking order, so "the best" is the selection's order."""
    ids = [r.candidate_id for r in ranking]
    candidates = store.candidates_by_id(ids)
    problems = store.problems_by_id(c.problem_id for c in candidates.values())
    verdicts = store.verdicts_for(ids)
    items = [
        ScoreItem(problems[candidates[cid].problem_id], candidates[cid], tuple(verdicts.get(cid, ())))
        for cid in ids
        if cid in candidates and candidates[cid].problem_id in problems
    ]
    reviews = reviewer.review(items)
    store.add_reviews(reviews)
    decided = {r.candidate_id: r.decision for r in reviews}
    accepted = [cid for cid in ids if decided.get(cid) == ReviewDecision.ACCEPT]
    kept = accepted[:keep] if keep else accepted
    # an edit replaces the text, which must be verified again before it may be exported: only the human
    # review app edits (it re-verifies), and until it is wired in here an edited row is not kept
    left = len(ids) - len(accepted)
    return Reviewed(reviewer.id, len(accepted), left, frozenset(kept), len(accepted) - len(kept))
