"""The review app's decisions back into the data: a queue's kept set for export, and the queue a
pipeline run hands to people (`[review] reviewer = "human"`).

The kept set is `decisions.kept`: items accepted, or edited with a verified edit, after adjudication
where reviewers disagreed. Gold items are left out of it: they are checks on the reviewers, mixed into
the queue from anywhere in the store, not part of the selection being reviewed.

A run's queue is named after the run's identity ("assay run <run id>"), so the run that stopped to wait
and the run that resumes find the same queue, and no other queue is taken for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from assay.errors import ConfigError, InputError
from assay.export import KeptRow, ReviewedSet
from assay.review import queues
from assay.review.db import read
from assay.review.decisions import Outcome, iter_item, outcomes
from assay.review.gold import gold_outside
from assay.review.queues import QueueSpec
from assay.store import schema

RUN_CREATOR = "assay run"


def queue_ids(engine: Engine) -> list[tuple[str, str]]:
    """(id, name) of every review queue, oldest first."""
    q = schema.review_queues
    with read(engine) as conn:
        return [
            (r.id, r.name) for r in conn.execute(select(q.c.id, q.c.name).order_by(q.c.created_at, q.c.id))
        ]


def pick_queue(engine: Engine, queue_id: str | None) -> str:
    """The queue asked for (it must exist), or the workspace's only queue; InputError otherwise."""
    found = queue_ids(engine)
    if queue_id is not None:
        if queue_id not in {qid for qid, _ in found}:
            raise InputError(f"no review queue {queue_id!r} in this workspace")
        return queue_id
    if not found:
        raise InputError(
            'this workspace has no review queue (assay review queue build, or a run with reviewer = "human")'
        )
    if len(found) > 1:
        names = ", ".join(f"{qid} ({name})" for qid, name in found)
        raise InputError(f"this workspace has {len(found)} review queues: name one with --queue ({names})")
    return found[0][0]


def gold_items(engine: Engine, queue_id: str) -> set[str]:
    items = schema.review_items
    with read(engine) as conn:
        rows = conn.execute(select(items.c.id).where(items.c.queue_id == queue_id, items.c.gold != ""))
        return {r.id for r in rows}


def _provenance(row: dict[str, Any]) -> dict[str, Any]:
    """One decision as a row's provenance carries it (the reviewer's name, never more about them)."""
    return {
        "reviewer": row["reviewer"],
        "kind": row["kind"],
        "decision": row["decision"],
        "step_ratings": row["step_ratings"],
        "first_wrong_step": row["first_wrong_step"],
        "note": row["note"],
        "verdict": row["verdict"],
        "created_at": row["created_at"],
    }


def kept_rows(engine: Engine, kept: Sequence[Outcome]) -> dict[str, KeptRow]:
    """Candidate id → its KeptRow, for kept outcomes (their every decision read back for provenance)."""
    out: dict[str, KeptRow] = {}
    for o in kept:
        rows = iter_item(engine, o.item_id)
        verdict = None
        if o.text is not None:  # the verified edit that made the item kept: its re-verification
            edits = [r for r in rows if r["decision"] == "edit" and r["text"] == o.text and r["verdict"]]
            verdict = edits[-1]["verdict"] if edits else None
        out[o.candidate_id] = KeptRow(
            o.decision or "", o.settled_by or "", o.text, verdict, tuple(_provenance(r) for r in rows)
        )
    return out


def kept_set(engine: Engine, queue_id: str) -> ReviewedSet:
    """The kept set of a queue, gold items left out, ready for `export(reviewed=...)`."""
    gold = gold_items(engine, queue_id)
    kept = [o for o in outcomes(engine, queue_id) if o.status == "kept" and o.item_id not in gold]
    return ReviewedSet(queue_id, kept_rows(engine, kept))


# --- a pipeline run's queue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RunQueue:
    queue_id: str
    items: int
    built: bool  # made by this call (False: found, built by an earlier run)


def run_queue_name(run_id: str) -> str:
    return f"{RUN_CREATOR} {run_id}"


def _find(engine: Engine, name: str) -> str | None:
    q = schema.review_queues
    with read(engine) as conn:
        return conn.execute(
            select(q.c.id)
            .where(q.c.name == name, q.c.created_by == RUN_CREATOR)
            .order_by(q.c.created_at, q.c.id)
            .limit(1)
        ).scalar_one_or_none()


def ensure_run_queue(
    engine: Engine,
    run_id: str,
    ranking: Sequence[tuple[str, float | None]],
    scorer: str,
    overlap: int,
    gold_share: float,
) -> RunQueue:
    """The run's queue of the ranked (candidate id, score) rows, built if the run has none yet, with
    gold items (`gold.gold_outside`: other candidates of the scorer with a settled verdict) mixed in.

    ConfigError when an earlier run built it from other rows (the [select] settings changed since): the
    people's decisions are about those rows, and taking them for others would be wrong."""
    name = run_queue_name(run_id)
    found = _find(engine, name)
    wanted = {cid for cid, _ in ranking}
    if found is not None:
        items = schema.review_items
        with read(engine) as conn:
            rows = conn.execute(
                select(items.c.candidate_id, items.c.gold).where(items.c.queue_id == found)
            ).all()
        selected = {r.candidate_id for r in rows if not r.gold}
        with read(engine) as conn:
            built = conn.execute(
                select(schema.review_queues.c.overlap, schema.review_queues.c.gold_share).where(
                    schema.review_queues.c.id == found
                )
            ).one()
        if (built.overlap, built.gold_share) != (overlap, gold_share):  # a queue's settings are fixed
            raise ConfigError(
                f"[review] overlap = {overlap}, gold_share = {gold_share:g}: this run's review queue {found} "
                f"was built with overlap = {built.overlap}, gold_share = {built.gold_share:g}; set them back "
                "(people's decisions were made under those)"
            )
        if selected != wanted:
            raise ConfigError(
                f"[select]: review queue {found} was built for this run from {len(selected)} rows, and the "
                f"selection now gives {len(wanted)} other ones ({len(selected - wanted)} no longer selected, "
                f"{len(wanted - selected)} new); set [select] as it was, or run in a new workspace"
            )
        return RunQueue(found, len(rows), built=False)
    spec = QueueSpec(name, scorer, top=len(ranking), overlap=overlap, gold_share=gold_share)
    spec.check()
    queue_id = queues.new_queue_id()
    wanted_gold = queues.gold_wanted(len(ranking), gold_share)
    gold = gold_outside(engine, spec, wanted, wanted_gold)
    count = queues.insert_queue(engine, queue_id, spec, RUN_CREATOR, ranking, gold)
    return RunQueue(queue_id, count, built=True)


@dataclass(frozen=True)
class QueueState:
    """Where a queue stands: items settled (kept, rejected or an unverified edit), disputed (waiting
    for an adjudicator), pending (fewer reviewers than its overlap so far)."""

    settled: int
    disputed: int
    pending: int

    @property
    def total(self) -> int:
        return self.settled + self.disputed + self.pending

    @property
    def done(self) -> bool:
        return self.disputed == 0 and self.pending == 0


def queue_state(engine: Engine, queue_id: str) -> tuple[QueueState, list[Outcome]]:
    found = outcomes(engine, queue_id)
    disputed = sum(1 for o in found if o.status == "disputed")
    pending = sum(1 for o in found if o.status == "pending")
    return QueueState(len(found) - disputed - pending, disputed, pending), found
