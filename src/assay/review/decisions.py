"""Decisions: append-only records of what reviewers and adjudicators decided, and what they make kept.

Nothing here updates or deletes a decision: a changed mind, an edit or an adjudication adds a row, and
the latest row of a reviewer (by `seq`) is the one that counts. An edit is re-verified by the domain's
verifier before it is stored, and its verdict is stored with it: an edited text is kept only when that
verdict is `verified` (fail closed: an edit nobody could check is not training data).
"""

from __future__ import annotations

import json
import math
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, bindparam, case, select

from assay.records import Candidate, Problem, Review, ReviewDecision, Verdict
from assay.review.db import Refused, iso, now, read, storable, write_transaction
from assay.review.queues import holds_lease
from assay.store import Store, schema

VerifyFn = Callable[[Problem, Candidate], Verdict]
MAX_TEXT = 200_000  # characters of an edited text
MAX_NOTE = 10_000
MAX_STEPS = 2_000

items = schema.review_items
decisions = schema.review_decisions


@dataclass(frozen=True)
class DecisionInput:
    decision: ReviewDecision
    text: str = ""  # the edited text (edit only)
    step_ratings: tuple[int, ...] = ()  # +1 / 0 / -1 per step
    first_wrong_step: int | None = None  # 1-based, as in PRM800K; None: no wrong step marked
    note: str = ""
    seconds: float | None = None  # what the page measured; None: the server's lease clock


def parse_decision(body: Any) -> DecisionInput:
    """The request body as a DecisionInput, or Refused(422) naming the first problem."""
    if not isinstance(body, dict):
        raise Refused(422, "the body must be a JSON object")
    unknown = sorted(set(body) - {"decision", "text", "step_ratings", "first_wrong_step", "note", "seconds"})
    if unknown:
        raise Refused(422, f"unknown field(s) {unknown}")
    try:
        decision = ReviewDecision(str(body.get("decision")))
    except ValueError:
        raise Refused(422, "decision must be one of accept, reject, edit") from None
    edited = body.get("text", "")
    if not isinstance(edited, str) or len(edited) > MAX_TEXT:
        raise Refused(422, f"text must be a string of at most {MAX_TEXT} characters")
    if decision is ReviewDecision.EDIT and not edited.strip():
        raise Refused(422, "an edit needs the edited text")
    if decision is not ReviewDecision.EDIT and edited:
        raise Refused(422, "only an edit carries a text")
    ratings = body.get("step_ratings") or []
    if (
        not isinstance(ratings, list)
        or len(ratings) > MAX_STEPS
        or any(type(r) is not int or r not in (-1, 0, 1) for r in ratings)
    ):
        raise Refused(422, "step_ratings must be a list of 1, 0 or -1")
    wrong = body.get("first_wrong_step")
    if wrong is not None and (type(wrong) is not int or not 1 <= wrong <= MAX_STEPS):
        raise Refused(422, "first_wrong_step must be a step number (1-based) or null")
    note = body.get("note", "") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise Refused(422, f"note must be a string of at most {MAX_NOTE} characters")
    seconds = body.get("seconds")
    if seconds is not None and (
        type(seconds) not in (int, float) or not math.isfinite(seconds) or not 0 <= seconds <= 86_400
    ):
        raise Refused(422, "seconds must be a number of seconds in [0, 86400]")
    return DecisionInput(
        decision,
        storable(edited, "text"),
        tuple(ratings),
        wrong,
        storable(note, "note"),
        None if seconds is None else float(seconds),
    )


_ITEM = (
    select(items, schema.review_queues.c.overlap)
    .join(schema.review_queues, schema.review_queues.c.id == items.c.queue_id)
    .where(items.c.id == bindparam("item_id"))
)
_LOCK_ITEM = select(items.c.id).where(items.c.id == bindparam("item_id")).with_for_update()
_DECIDED_BEFORE = select(decisions.c.seq).where(
    decisions.c.item_id == bindparam("item_id"),
    decisions.c.reviewer == bindparam("reviewer"),
    decisions.c.kind == "review",
)
# The item's counters that assignment reads (queues._NEXT): a reviewer's first review adds one to
# `decided` and closes the item when that makes the overlap; an adjudication closes it. (The right-hand
# sides of an UPDATE read the row as it was, on SQLite and PostgreSQL alike.)
_COUNTED = (
    items.update()
    .where(items.c.id == bindparam("b_item"))
    .values(
        decided=items.c.decided + 1,
        is_open=case((items.c.decided + 1 >= bindparam("b_overlap"), 0), else_=items.c.is_open),
    )
)
_CLOSED = items.update().where(items.c.id == bindparam("b_item")).values(is_open=0)


def _item(engine: Engine, item_id: str) -> Any:
    with read(engine) as conn:
        row = conn.execute(_ITEM, {"item_id": item_id}).first()
    if row is None:
        raise Refused(404, f"no item {item_id!r}")
    return row


_STEPS = select(schema.candidates.c.steps).where(schema.candidates.c.id == bindparam("candidate_id"))


def _check_steps(engine: Engine, candidate_id: str, given: DecisionInput) -> None:
    """Refused(422) for step labels that do not fit the trace (they would be wrong training labels)."""
    with read(engine) as conn:
        stored = conn.execute(_STEPS, {"candidate_id": candidate_id}).scalar_one_or_none()
    count = len(json.loads(stored)) if stored is not None else 0
    if len(given.step_ratings) > count:
        raise Refused(422, f"{len(given.step_ratings)} step ratings for a trace of {count} steps")
    if given.first_wrong_step is not None and given.first_wrong_step > count:
        raise Refused(422, f"first_wrong_step {given.first_wrong_step} is past the trace's {count} steps")


def _reverify(store: Store, verify: VerifyFn, candidate_id: str, edited: str, who: str) -> Verdict:
    """The verdict on an edited text, from the same verifier as any candidate of its problem."""
    original = store.candidate(candidate_id)
    problem = store.problem(original.problem_id)
    edit = Candidate(problem.id, edited, None, generator=f"review:{who}", params={"edited_from": original.id})
    return verify(problem, edit)


def record(
    store: Store, verify: VerifyFn, reviewer: str, item_id: str, body: Any, *, kind: str = "review"
) -> dict[str, Any]:
    """Store one decision; {decision_id, verdict?}. A review needs the reviewer's live lease on the
    item (409 otherwise); an adjudication (kind="adjudication") settles the item and needs none."""
    given = parse_decision(body)
    engine = store.engine
    row = _item(engine, item_id)
    if given.step_ratings or given.first_wrong_step is not None:
        _check_steps(engine, row.candidate_id, given)
    verdict = None
    if given.decision is ReviewDecision.EDIT:  # (outside the transaction: checking may take seconds)
        if kind == "review":  # (no checking for someone who could not store the result anyway)
            with read(engine) as conn:
                if holds_lease(conn, item_id, reviewer, now()) is None:
                    raise Refused(409, "you hold no lease on this item (ask for the next item again)")
        verdict = _reverify(store, verify, row.candidate_id, given.text, reviewer)
    decision_id = f"rd_{secrets.token_hex(8)}"
    with write_transaction(engine) as conn:
        at = now()
        seconds = given.seconds
        if engine.dialect.name == "postgresql":  # serialise with assignment of this item (queues.py)
            conn.execute(_LOCK_ITEM, {"item_id": item_id})
        if kind == "review":
            lease = holds_lease(conn, item_id, reviewer, at)
            if lease is None:  # never held, expired (perhaps while an edit was checked), or taken over
                raise Refused(409, "you hold no lease on this item (ask for the next item again)")
            if seconds is None:
                seconds = at - lease.started
            first = conn.execute(_DECIDED_BEFORE, {"item_id": item_id, "reviewer": reviewer}).first() is None
            if first:
                conn.execute(_COUNTED, {"b_item": item_id, "b_overlap": row.overlap})
        else:
            conn.execute(_CLOSED, {"b_item": item_id})
        conn.execute(
            decisions.insert(),
            dict(
                id=decision_id,
                kind=kind,
                queue_id=row.queue_id,
                item_id=item_id,
                candidate_id=row.candidate_id,
                reviewer=reviewer,
                decision=given.decision.value,
                text=given.text,
                step_ratings=json.dumps(list(given.step_ratings)),
                first_wrong_step=given.first_wrong_step,
                note=given.note,
                seconds=seconds,
                verdict_status=verdict.status.value if verdict else None,
                verdict_evidence=verdict.evidence if verdict else "",
                created_at=iso(at),
            ),
        )
    out: dict[str, Any] = {"decision_id": decision_id}
    if verdict is not None:
        out["verdict"] = {
            "status": verdict.status.value,
            "evidence": verdict.evidence,
            "steps": [
                {"index": s.index, "status": s.status.value, "evidence": s.evidence} for s in verdict.steps
            ],
        }
    return out


# --- reading decisions back --------------------------------------------------------------------------


def iter_decisions(engine: Engine, page: int = 500) -> Iterator[dict[str, Any]]:
    """Every decision ever made, in the order made (keyset pages by seq), with its item's gold truth."""
    last = 0
    while True:
        with read(engine) as conn:
            rows = conn.execute(
                select(decisions, items.c.gold, items.c.position)
                .join(items, items.c.id == decisions.c.item_id)
                .where(decisions.c.seq > last)
                .order_by(decisions.c.seq)
                .limit(page)
            ).all()
        if not rows:
            return
        for r in rows:
            yield _as_dict(r)
        last = rows[-1].seq


def iter_item(engine: Engine, item_id: str) -> list[dict[str, Any]]:
    """Every decision on one item, in the order made."""
    with read(engine) as conn:
        rows = conn.execute(
            select(decisions, items.c.gold, items.c.position)
            .join(items, items.c.id == decisions.c.item_id)
            .where(decisions.c.item_id == item_id)
            .order_by(decisions.c.seq)
        ).all()
    return [_as_dict(r) for r in rows]


def _as_dict(r: Any) -> dict[str, Any]:
    return {
        "seq": r.seq,
        "id": r.id,
        "kind": r.kind,
        "queue_id": r.queue_id,
        "item_id": r.item_id,
        "position": r.position,
        "candidate_id": r.candidate_id,
        "gold": r.gold or None,
        "reviewer": r.reviewer,
        "decision": r.decision,
        "text": r.text,
        "step_ratings": json.loads(r.step_ratings),
        "first_wrong_step": r.first_wrong_step,
        "note": r.note,
        "seconds": r.seconds,
        "verdict": {"status": r.verdict_status, "evidence": r.verdict_evidence} if r.verdict_status else None,
        "created_at": r.created_at,
    }


def as_review(row: dict[str, Any]) -> Review:
    """A decision as the records' Review (its note as the finish reason), for samples' provenance."""
    return Review(
        candidate_id=row["candidate_id"],
        reviewer=row["reviewer"] if row["kind"] == "review" else f"{row['reviewer']} (adjudicator)",
        decision=ReviewDecision(row["decision"]),
        step_ratings=tuple(row["step_ratings"]),
        finish_reason=row["note"],
        edited_text=row["text"],
        created_at=row["created_at"],
    )


@dataclass(frozen=True)
class Outcome:
    """What the decisions on one item add up to.

    status: kept (accepted, or edited with a verified edit) · rejected · unverified-edit (the edit's
    verdict is not `verified`: not kept) · disputed (reviewers disagree; waits for an adjudicator) ·
    pending (fewer reviewers than the overlap so far)."""

    item_id: str
    queue_id: str
    candidate_id: str
    status: str
    decision: str | None
    text: str | None  # the kept text: the candidate's own (None) or the verified edit
    settled_by: str | None  # consensus · adjudication
    reviews: tuple[Review, ...]


def outcomes(engine: Engine, queue_id: str | None = None) -> list[Outcome]:
    """The outcome of every item (of one queue, or all), in queue order."""
    overlap = {}
    with read(engine) as conn:
        for q in conn.execute(select(schema.review_queues.c.id, schema.review_queues.c.overlap)):
            overlap[q.id] = q.overlap
        query = select(items.c.id, items.c.queue_id, items.c.candidate_id).order_by(
            items.c.queue_id, items.c.position
        )
        if queue_id is not None:
            query = query.where(items.c.queue_id == queue_id)
        all_items = conn.execute(query).all()
    by_item: dict[str, list[dict[str, Any]]] = {}
    for row in iter_decisions(engine):
        if queue_id is None or row["queue_id"] == queue_id:
            by_item.setdefault(row["item_id"], []).append(row)
    return [
        _outcome(i.id, i.queue_id, i.candidate_id, overlap[i.queue_id], by_item.get(i.id, []))
        for i in all_items
    ]


def latest_reviews(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each reviewer's latest review decision (rows in seq order)."""
    return {r["reviewer"]: r for r in rows if r["kind"] == "review"}


def _outcome(
    item_id: str, queue_id: str, candidate_id: str, overlap: int, rows: list[dict[str, Any]]
) -> Outcome:
    reviews = tuple(as_review(r) for r in rows)
    adjudications = [r for r in rows if r["kind"] == "adjudication"]
    latest = latest_reviews(rows)
    if adjudications:
        final, settled, deciding = adjudications[-1]["decision"], "adjudication", [adjudications[-1]]
    elif len(latest) < overlap:
        return Outcome(item_id, queue_id, candidate_id, "pending", None, None, None, reviews)
    elif len({r["decision"] for r in latest.values()}) > 1:
        return Outcome(item_id, queue_id, candidate_id, "disputed", None, None, None, reviews)
    else:
        final, settled = next(iter(latest.values()))["decision"], "consensus"
        deciding = sorted(latest.values(), key=lambda r: r["seq"])
    if final == "reject":
        return Outcome(item_id, queue_id, candidate_id, "rejected", final, None, settled, reviews)
    if final == "accept":
        return Outcome(item_id, queue_id, candidate_id, "kept", final, None, settled, reviews)
    verified = [r for r in deciding if r["verdict"] and r["verdict"]["status"] == "verified"]
    if not verified:
        return Outcome(item_id, queue_id, candidate_id, "unverified-edit", final, None, settled, reviews)
    return Outcome(item_id, queue_id, candidate_id, "kept", final, verified[-1]["text"], settled, reviews)


def kept(engine: Engine, queue_id: str | None = None) -> list[Outcome]:
    """The kept set: items accepted, or edited with a verified edit, after adjudication where needed."""
    return [o for o in outcomes(engine, queue_id) if o.status == "kept"]
