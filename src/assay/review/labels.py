"""Review labels as reward-model training data (`assay rm train --from-reviews`).

`scoring/train.py` reads labels off verdicts: a candidate's outcome (1: verified, 0: refuted) for the
ORM, and per-step statuses (verified up to the first refuted step) for the PRM. This module turns the
people's decisions into exactly those labels, as in-memory verdicts of a `review@human` "verifier" that
are never stored (so they can never make a candidate `verified` in the store or an export):

    item       accept → 1 · reject → 0 · edit → 0 for the original (someone had to change it), and the
               edit itself → 1 when its re-verification says `verified` (a new, unstored candidate)
    steps      the first wrong step is the earliest of any deciding decision's `first_wrong_step` and its
               first step rated -1 (0 "neutral" counts as not wrong, +1 as right); steps before it are
               labelled 1, it and every later step 0. A rejected trace with no wrong step marked: its
               last step 0 (train.step_labels). No ratings at all: only the outcome is labelled.

The deciding decisions are those that settled the item (consensus: every reviewer's latest; an
adjudication: the adjudicator's, and the reviews that agree with it). Items left out, and counted:
pending or disputed ones (nothing settled), an accept that marks a wrong step (contradicts itself), and
an accept of a candidate a verifier refuted (a human slip must not teach a reward model to like a
refuted answer: the verifier's refutation is a proof, the accept is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from assay.records import Candidate, Status, StepResult, StepStatus, Verdict
from assay.review.decisions import iter_item, latest_reviews, outcomes
from assay.scoring.base import ScoreItem
from assay.store import Store

REVIEW_VERIFIER = "review@human"  # the label source's name (never a stored verdict's)


@dataclass(frozen=True)
class ReviewLabels:
    items: list[ScoreItem]  # each with one in-memory `review@human` verdict: the labels
    skipped: dict[str, int] = field(default_factory=dict)  # why items were left out → how many


def _deciding(rows: Sequence[dict[str, Any]], final: str) -> list[dict[str, Any]]:
    latest = list(latest_reviews(list(rows)).values())
    adjudications = [r for r in rows if r["kind"] == "adjudication"]
    agreeing = [r for r in latest if r["decision"] == final]
    return [adjudications[-1], *agreeing] if adjudications else agreeing


def first_wrong(decisions: Sequence[dict[str, Any]]) -> int | None:
    """The earliest wrong step (0-based) any of these decisions marks, or None."""
    marks = []
    for d in decisions:
        if d["first_wrong_step"] is not None:
            marks.append(int(d["first_wrong_step"]) - 1)
        marks += [i for i, rating in enumerate(d["step_ratings"]) if rating == -1][:1]
    return min(marks, default=None)


def _rated(decisions: Sequence[dict[str, Any]]) -> bool:
    return any(d["step_ratings"] or d["first_wrong_step"] is not None for d in decisions)


def _verdict(candidate: Candidate, right: bool, wrong_step: int | None, rated: bool) -> Verdict:
    steps: tuple[StepResult, ...] = ()
    if rated and candidate.steps:
        count = len(candidate.steps)
        steps = tuple(
            StepResult(
                i + 1,
                StepStatus.VERIFIED
                if wrong_step is None or i < wrong_step
                else StepStatus.REFUTED
                if i == wrong_step
                else StepStatus.UNKNOWN,
            )
            for i in range(count)
        )
    status = Status.VERIFIED if right else Status.REFUTED
    return Verdict(candidate.id, REVIEW_VERIFIER, status, "human review", steps)


def review_labels(store: Store, queue_id: str | None = None) -> ReviewLabels:
    """Every settled review item (of one queue, or all) as a labelled ScoreItem; see the module."""
    engine: Engine = store.engine
    found = outcomes(engine, queue_id)
    settled = [o for o in found if o.status in ("kept", "rejected", "unverified-edit")]
    skipped: dict[str, int] = {}

    def skip(why: str) -> None:
        skipped[why] = skipped.get(why, 0) + 1

    for o in found:
        if o.status in ("pending", "disputed"):
            skip(f"{o.status} (not settled)")
    candidates = store.candidates_by_id(o.candidate_id for o in settled)
    problems = store.problems_by_id(c.problem_id for c in candidates.values())
    verdicts = store.verdicts_for(candidates)
    items: list[ScoreItem] = []
    for o in settled:
        candidate = candidates.get(o.candidate_id)
        problem = problems.get(candidate.problem_id) if candidate is not None else None
        if candidate is None or problem is None:
            skip("candidate or problem not in the store")
            continue
        final = o.decision or ""
        rows = iter_item(engine, o.item_id)
        deciding = _deciding(rows, final)
        wrong_step = first_wrong(deciding)
        if final == "accept":
            if wrong_step is not None:
                skip("accepted with a wrong step marked")
                continue
            if any(v.status is Status.REFUTED for v in verdicts.get(candidate.id, ())):
                skip("accepted, but a verifier refuted it")
                continue
        right = final == "accept"
        label = _verdict(candidate, right, wrong_step, _rated(deciding))
        items.append(ScoreItem(problem, candidate, (label,)))
        if final == "edit" and o.text is not None:  # a kept edit: verified when it was stored
            edit = Candidate(
                problem.id, o.text, None, generator="review-edit", params={"edited_from": candidate.id}
            )
            items.append(ScoreItem(problem, edit, (_verdict(edit, True, None, False),)))
    return ReviewLabels(items, skipped)
