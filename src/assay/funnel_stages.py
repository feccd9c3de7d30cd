"""The funnel's stages after verify: score a run's candidates, select the best for review, review them.

    score    every candidate of the run without a score from the scorer's id, through the `score` stage
             function (assay.scoring.stage) on the run's engine, by the one driver (stages.drive)
    select   of the rows the export would write (verdict filter, then the curation gates: no reviewer
             sees a duplicate), the best by score (assay.selection: min score, per problem, top N)
    review   the selected rows, by a Reviewer (review_sim.Reviewer); of the accepted, the best `keep`
             by score are what the run exports. With people (`review_by_humans`): the rows go to a
             review queue of the run's own, and the run stops (WaitingForReview, exit code 3) until
             every item is settled; then the queue's kept set is what the run exports

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
from assay.export import Gates, Offer, ReviewedSet, offered
from assay.export_gates import SpilledCurator
from assay.loop.curation import GateCounts
from assay.records import ReviewDecision, Score
from assay.review_sim import Reviewer
from assay.scoring import stage as score_stage
from assay.scoring.base import ScoreItem, Spent, Unscored, needs_verdicts, short
from assay.scoring.stage import Outcome, ScoreContext, scorer_for
from assay.selection import Chosen, Offered, Selection, choose
from assay.stages.drive import drive, engine_or_local
from assay.store import Store

BATCH = 256  # candidates per batch of the score stage


REASONS = 2  # how many of the scorer's reasons for unscored candidates the funnel shows


@dataclass(frozen=True)
class Scored:
    scorer: str  # the scorer's id
    total: int = 0  # candidates of the run
    scored: int = 0  # newly scored (the rest had a score from this id already, or no problem)
    mean: float | None = None  # mean score over the run's candidates that have one
    failed: int = 0  # candidates the scorer gave no score this time (a judge's unreadable answer)
    reasons: tuple[str, ...] = ()  # why: the first REASONS different reasons
    spent: Spent | None = None  # what the scorer's requests cost (None: a scorer that sends none)


def score_candidates(
    store: Store,
    context: ScoreContext,
    candidate_ids: Collection[str],
    engine: Engine | None = None,
    on_progress: Callable[[int], Any] | None = None,
) -> Scored:
    """Score the candidates lacking a score from the context's scorer; their mean score afterwards.
    A candidate the scorer fails on is counted (with the first reasons) and left unscored: the run
    goes on, and the next run asks again."""
    scorer = scorer_for(context)  # this process's: its id says which stored scores are already its own
    wanted = sorted(set(candidate_ids))
    new = failed = 0
    reasons: list[str] = []
    spent = Spent() if Spent.of(scorer) is not None else None

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

    def write(size: int, outcomes: list[Outcome]) -> None:
        nonlocal new, failed, spent
        scores = [o.result for o in outcomes if isinstance(o.result, Score)]
        unscored = [o.result for o in outcomes if isinstance(o.result, Unscored)]
        for o in outcomes:
            if o.spent is not None:
                spent = o.spent if spent is None else spent + o.spent
        strangers = {s.scorer for s in scores} - {scorer.id}
        if strangers:  # another checkpoint behind the same spec on a worker: nothing of it is stored
            raise AssayError(
                f"the score stage scored as {sorted(strangers)}, not {scorer.id} as the run expects "
                "(another model behind the same spec); no scores of that batch were stored"
            )
        store.add_scores(scores)
        new += len(scores)
        failed += len(unscored)
        for u in unscored:  # the first REASONS different ones (one rambling answer reads like the next)
            if len(reasons) < REASONS and short(u.reason) not in reasons:
                reasons.append(short(u.reason))
        if on_progress:
            on_progress(size)

    with engine_or_local(engine) as running:
        drive(running, score_stage.FN, context, work(), write)
    values = [s.value for found in store.scores_for(wanted, scorer.id).values() for s in found]
    mean = sum(values) / len(values) if values else None
    return Scored(scorer.id, len(wanted), new, mean, failed, tuple(reasons), spent)


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
    # an edit replaces the text, which must be verified again before it may be exported: only people
    # edit, in the review app, which re-verifies (review_by_humans); a simulated reviewer never edits
    left = len(ids) - len(accepted)
    return Reviewed(reviewer.id, len(accepted), left, frozenset(kept), len(accepted) - len(kept))


class WaitingForReview(AssayError):
    """The run handed its selection to people and stops until they are done: not a failure. The CLI
    exits with EXIT_CODE; everything done so far is stored, and the next run of the config resumes."""

    EXIT_CODE = 3


@dataclass(frozen=True)
class HumanReview:
    reviewed: Reviewed
    kept_set: ReviewedSet  # the kept rows (within `keep`), with their edits and decisions


def review_by_humans(
    store: Store,
    run_id: str,
    ranking: list[Offered],
    scorer: str,
    keep: int,
    overlap: int,
    gold_share: float,
    workspace: Path,
) -> HumanReview:
    """The run's review queue (built from the ranking on the first call), and, once every item is
    settled, its kept set in ranking order capped at `keep` (0: all). WaitingForReview until then."""
    from assay.review.kept import ensure_run_queue, kept_rows, queue_state

    if not ranking:  # nothing selected: nothing for people to do, and nothing kept
        return HumanReview(Reviewed("people (nothing to review)", 0, 0, frozenset(), 0), ReviewedSet("", {}))
    made = ensure_run_queue(
        store.engine, run_id, [(r.candidate_id, r.value) for r in ranking], scorer, overlap, gold_share
    )
    state, found = queue_state(store.engine, made.queue_id)
    if not state.done:
        how = "built" if made.built else "waiting"
        disputed = f", {state.disputed} disputed (waiting for an adjudicator)" if state.disputed else ""
        raise WaitingForReview(
            f"review: queue {made.queue_id} {how} for people: {state.settled} of {state.total} items "
            f"settled{disputed}, {state.pending} waiting for reviewers ({overlap} each). Serve it with "
            f"`assay review serve -w {workspace}` (accounts: `assay review user add NAME --role reviewer "
            f"-w {workspace}`), then run the same config again to go on. Everything done so far is stored."
        )
    selected = {r.candidate_id for r in ranking}
    by_candidate = {o.candidate_id: o for o in found if o.candidate_id in selected}  # (gold left out)
    in_order = [by_candidate[r.candidate_id] for r in ranking if r.candidate_id in by_candidate]
    accepted = [o for o in in_order if o.status == "kept"]
    kept = accepted[:keep] if keep else accepted
    rows = kept_rows(store.engine, kept)
    done = Reviewed(
        f"people (review queue {made.queue_id})",
        len(accepted),
        len(in_order) - len(accepted),
        frozenset(rows),
        len(accepted) - len(kept),
    )
    return HumanReview(done, ReviewedSet(made.queue_id, rows))
