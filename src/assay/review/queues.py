"""Review queues: built from a selection of stored candidates, handed out under leases.

A queue holds the top N candidates by a stored score (`assay score`), plus a share of gold items:
candidates whose truth a verifier settled (`verified` or `refuted`), mixed in at reproducible random
positions and shown exactly like the others. Gold is drawn only from candidates the queue's scorer
scored (same domain, same min_score): an item without that score would be gold for certain, and a
reviewer who takes care only there would game the gold accuracy. Within that, gold is drawn at random
from the queue's own window of the ranking, so its scores do not give it away either (build_queue).
Each item wants `overlap` different reviewers.

Assignment gives a reviewer the first item (in queue order) that they have not decided, that nobody
has adjudicated, and whose reviewers so far plus live leases held by others are fewer than the
overlap; the reviewer then holds a lease on it that expires (an abandoned item returns to the queue).
Each item's `decided` count and `is_open` flag (kept by decisions.record in the decision's own
transaction) let that search start at the queue's first open item instead of re-reading the queue.
The read and the lease are one write transaction (db.write_transaction): on SQLite the whole database
is locked for it; on PostgreSQL the item row is locked with `FOR UPDATE SKIP LOCKED`, and the counts are
read again once the lock is held, so two reviewers never take the last place on an item together.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Engine,
    bindparam,
    delete,
    distinct,
    exists,
    func,
    insert,
    select,
    text,
)

from assay.errors import InputError
from assay.review.db import Refused, iso, now, read, write_transaction
from assay.review.gold import gold_for, order_key, top_scored
from assay.store import schema

LEASE_SECONDS = 600.0

q_table = schema.review_queues
items = schema.review_items
leases = schema.review_leases
decisions = schema.review_decisions


@dataclass(frozen=True)
class QueueSpec:
    """What an admin asks for: the top `top` candidates by `scorer` (at least `min_score`, of `domain`),
    each to be decided by `overlap` reviewers, with gold items making up `gold_share` of the queue."""

    name: str
    scorer: str
    top: int = 100
    overlap: int = 1
    gold_share: float = 0.0
    min_score: float | None = None
    domain: str | None = None
    lease_seconds: float = LEASE_SECONDS

    def check(self) -> None:
        if not self.name.strip() or len(self.name) > 200:
            raise InputError("a queue needs a name of 1-200 characters")
        if not self.scorer.strip():
            raise InputError("a queue needs a scorer (e.g. verifier, orm)")
        if not 1 <= self.top <= 1_000_000:
            raise InputError(f"top must be in 1..1000000, not {self.top}")
        if not 1 <= self.overlap <= 50:
            raise InputError(f"overlap (reviewers per item) must be in 1..50, not {self.overlap}")
        if not 0.0 <= self.gold_share < 1.0:
            raise InputError(f"gold_share must be in [0, 1), not {self.gold_share}")
        if not 10.0 <= self.lease_seconds <= 86_400.0:
            raise InputError(f"a lease lasts 10 s to 1 day, not {self.lease_seconds} s")


@dataclass(frozen=True)
class Queue:
    id: str
    name: str
    overlap: int
    lease_seconds: float


def build_queue(engine: Engine, spec: QueueSpec, created_by: str) -> tuple[str, int]:
    """Make a queue; returns (queue id, number of items). InputError when nothing matches.

    Gold is drawn from the same window of the ranking as the reviewed items (the top `top` plus the
    gold wanted), at random within it, so a gold item's score is distributed like any other item's:
    sorting by score says nothing about which items are gold. The gold taken is then not reviewed as
    data, and the next candidates of the ranking fill its places (the queue still holds `top` items
    to keep, when there are that many)."""
    spec.check()
    wanted_gold = gold_wanted(spec.top, spec.gold_share)
    window = top_scored(engine, spec, spec.top + wanted_gold)
    if not window:
        raise InputError(
            f"no candidate{f' of domain {spec.domain!r}' if spec.domain else ''} has a score from scorer "
            f"{spec.scorer!r}{f' of at least {spec.min_score}' if spec.min_score is not None else ''} "
            f"(run: assay score -w WS --scorer {spec.scorer})"
        )
    queue_id = new_queue_id()
    reviewed = min(spec.top, len(window))
    gold = gold_for(engine, spec, queue_id, window, reviewed, wanted_gold)
    taken = {cid for cid, _, _ in gold}
    regular = [(cid, value) for cid, value in window if cid not in taken][:reviewed]
    return queue_id, insert_queue(engine, queue_id, spec, created_by, regular, gold)


def new_queue_id() -> str:
    return f"rq_{secrets.token_hex(8)}"


def gold_wanted(items: int, gold_share: float) -> int:
    """Gold items for `items` reviewed ones, so gold makes up gold_share of the queue: g / (n + g)."""
    return round(items * gold_share / (1.0 - gold_share))


def insert_queue(
    engine: Engine,
    queue_id: str,
    spec: QueueSpec,
    created_by: str,
    regular: Sequence[tuple[str, float | None]],
    gold: Sequence[tuple[str, float | None, str]],
) -> int:
    """Store a queue of the regular (candidate, score) items and the gold (candidate, score, truth)
    ones, all at reproducible random positions (gold lands anywhere, unmarked); the number of items."""
    rows: list[dict[str, Any]] = [{"candidate_id": c, "score": v, "gold": ""} for c, v in regular] + [
        {"candidate_id": c, "score": v, "gold": truth} for c, v, truth in gold
    ]
    rows.sort(key=lambda r: order_key(queue_id, r["candidate_id"]))
    for position, row in enumerate(rows):
        row["id"] = "ri_" + order_key(queue_id, row["candidate_id"])[:16]
        row["queue_id"] = queue_id
        row["position"] = position
    with write_transaction(engine) as conn:
        conn.execute(
            insert(q_table).values(
                id=queue_id,
                name=spec.name,
                scorer=spec.scorer,
                top=spec.top,
                overlap=spec.overlap,
                gold_share=spec.gold_share,
                min_score=spec.min_score,
                domain=spec.domain,
                lease_seconds=spec.lease_seconds,
                created_by=created_by,
                created_at=iso(),
            )
        )
        for start in range(0, len(rows), 500):
            conn.execute(insert(items), rows[start : start + 500])
    return len(rows)


# --- reading queues ----------------------------------------------------------------------------------


_QUEUE_ROW = select(q_table).where(q_table.c.id == bindparam("queue_id"))
_LEASE = select(leases.c.started, leases.c.expires).where(
    leases.c.item_id == bindparam("item_id"),
    leases.c.reviewer == bindparam("reviewer"),
    leases.c.expires > bindparam("at"),
)


def queue(conn: Connection, queue_id: str) -> Queue:
    row = conn.execute(_QUEUE_ROW, {"queue_id": queue_id}).first()
    if row is None:
        raise Refused(404, f"no queue {queue_id!r}")
    return Queue(row.id, row.name, row.overlap, row.lease_seconds)


@dataclass
class ItemState:
    id: str
    position: int
    decided: set[str] = field(default_factory=set)  # reviewers with a decision
    leased: set[str] = field(default_factory=set)  # reviewers holding a live lease
    adjudicated: bool = False

    def taken(self) -> int:
        return len(self.decided | self.leased)


def queue_state(conn: Connection, queue_id: str, at: float) -> list[ItemState]:
    """Every item of a queue with who decided it and who holds it now, in queue order."""
    state = {
        row.id: ItemState(row.id, row.position)
        for row in conn.execute(
            select(items.c.id, items.c.position)
            .where(items.c.queue_id == queue_id)
            .order_by(items.c.position)
        )
    }
    for row in conn.execute(
        select(decisions.c.item_id, decisions.c.reviewer, decisions.c.kind)
        .where(decisions.c.queue_id == queue_id)
        .distinct()
    ):
        if row.item_id in state:
            if row.kind == "review":
                state[row.item_id].decided.add(row.reviewer)
            else:
                state[row.item_id].adjudicated = True
    for lease in conn.execute(
        select(leases.c.item_id, leases.c.reviewer).where(
            leases.c.queue_id == queue_id, leases.c.expires > at
        )
    ):
        if lease.item_id in state:
            state[lease.item_id].leased.add(lease.reviewer)
    return list(state.values())


def progress(engine: Engine, queue_id: str) -> tuple[int, int]:
    """(items done, items): done means decided by `overlap` reviewers, or settled by an adjudicator.
    A pipeline stage that hands its candidates to human review waits until done == items."""
    with read(engine) as conn:
        queue(conn, queue_id)  # (404 for an unknown queue)
        row = conn.execute(_COUNTS, {"queue_id": queue_id}).one()
    return int(row.total - row.still_open), int(row.total)


_COUNTS = select(
    func.count().label("total"), func.coalesce(func.sum(items.c.is_open), 0).label("still_open")
).where(items.c.queue_id == bindparam("queue_id"))
_MINE_DONE = select(func.count(distinct(decisions.c.item_id))).where(
    decisions.c.reviewer == bindparam("reviewer"),
    decisions.c.queue_id == bindparam("queue_id"),
    decisions.c.kind == "review",
)
_MINE_HELD = exists().where(
    leases.c.item_id == items.c.id,
    leases.c.reviewer == bindparam("reviewer"),
    leases.c.expires > bindparam("at"),
)


def queues_for(engine: Engine, user: str, see_all: bool) -> list[dict[str, Any]]:
    """[{id, name, items, overlap, done, mine_done, mine_left}]: every queue for adjudicators and
    admins; a reviewer's queues with something left for them or something they did. Counts come from
    the items' kept counters (and the open items only), never from re-reading every decision."""
    out = []
    at = now()
    with read(engine) as conn:
        queues = conn.execute(select(q_table).order_by(q_table.c.created_at, q_table.c.id)).all()
        for q in queues:
            who = {"queue_id": q.id, "reviewer": user, "at": at}
            counts = conn.execute(_COUNTS, who).one()
            mine_done = conn.execute(_MINE_DONE, who).scalar_one()
            mine_left = conn.execute(
                select(func.count()).where(
                    items.c.queue_id == q.id,
                    items.c.is_open == 1,
                    ~_decided_by(items.c.id, user),
                    _MINE_HELD | (items.c.decided + _HOLDING_COUNT < q.overlap),
                ),
                who,
            ).scalar_one()
            if see_all or mine_left or mine_done:
                out.append(
                    {
                        "id": q.id,
                        "name": q.name,
                        "items": int(counts.total),
                        "overlap": q.overlap,
                        "done": int(counts.total - counts.still_open),
                        "mine_done": int(mine_done),
                        "mine_left": int(mine_left),
                    }
                )
    return out


# --- assignment --------------------------------------------------------------------------------------


def _decided_by(item_id: Any, reviewer: Any) -> Any:
    return exists().where(
        decisions.c.item_id == item_id, decisions.c.reviewer == reviewer, decisions.c.kind == "review"
    )


# The assignment's queries, built once with named parameters: building a statement costs more Python
# than SQLite takes to run it, and `next` is the app's most frequent request.
_REVIEWER: BindParameter[str] = bindparam("reviewer")
_AT: BindParameter[float] = bindparam("at")
_QUEUE: BindParameter[str] = bindparam("queue_id")

_HELD = (  # the reviewer's live lease on an item they have not decided (and nobody settled)
    select(leases.c.item_id)
    .where(
        leases.c.queue_id == _QUEUE,
        leases.c.reviewer == _REVIEWER,
        leases.c.expires > _AT,
        ~_decided_by(leases.c.item_id, _REVIEWER),
        ~exists().where(decisions.c.item_id == leases.c.item_id, decisions.c.kind == "adjudication"),
    )
    .order_by(leases.c.started)
    .limit(1)
)

_HOLDING_COUNT = (  # live leases of others who have not decided the item yet
    select(func.count())
    .select_from(leases)
    .where(
        leases.c.item_id == items.c.id,
        leases.c.expires > _AT,
        leases.c.reviewer != _REVIEWER,
        ~_decided_by(leases.c.item_id, leases.c.reviewer),
    )
    .scalar_subquery()
)
# The first open item in queue order with a place left for this reviewer. `is_open` and `decided` are
# kept by each decision (decisions.record), so the scan starts at the queue's frontier: the items before
# it are closed and never read again, where counting every item's decisions made each `next` read the
# whole queue (and on SQLite hold the write lock while it did).
_NEXT = (
    select(items.c.id)
    .where(
        items.c.queue_id == _QUEUE,
        items.c.is_open == 1,
        items.c.id.not_in(bindparam("tried", expanding=True)),
        ~_decided_by(items.c.id, _REVIEWER),
        bindparam("overlap") > items.c.decided + _HOLDING_COUNT,
    )
    .order_by(items.c.position)
    .limit(1)
)
# PostgreSQL: lock the row found, skipping rows other assignments hold (they are deciding on them)
_NEXT_LOCKED = _NEXT.with_for_update(skip_locked=True, of=items)
# (an UPDATE reserves the column names for its SET clause: hence the b_ names)
_THIS_LEASE = (leases.c.item_id == bindparam("b_item")) & (leases.c.reviewer == bindparam("b_reviewer"))
_RENEW = leases.update().where(_THIS_LEASE).values(expires=bindparam("b_expires"))
_DROP = delete(leases).where(_THIS_LEASE)


def take_next(engine: Engine, queue_id: str, reviewer: str) -> tuple[str, float] | None:
    """(item id, lease expiry) of the item this reviewer works on now, or None when nothing is left."""
    postgres = engine.dialect.name == "postgresql"
    with write_transaction(engine) as conn:
        if postgres:  # one assignment at a time per reviewer and queue (a double click takes one item)
            conn.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"{queue_id}/{reviewer}"}
            )
        q = queue(conn, queue_id)
        at = now()
        who = {"queue_id": queue_id, "reviewer": reviewer, "at": at}
        held = conn.execute(_HELD, who).first()
        if held is not None:  # the same item again, its lease renewed: the reviewer is still on it
            expires = at + q.lease_seconds
            conn.execute(_RENEW, {"b_item": held.item_id, "b_reviewer": reviewer, "b_expires": expires})
            return held.item_id, expires
        tried: list[str] = []
        for _ in range(100):  # (PostgreSQL: each try that lost a race excludes its item)
            query = _NEXT_LOCKED if postgres else _NEXT
            found = conn.execute(query, {**who, "overlap": q.overlap, "tried": tried}).first()
            if found is None:
                return None
            if postgres and _taken(conn, found.id, reviewer, at) >= q.overlap:
                tried.append(found.id)  # filled between our snapshot and our lock: try the next
                continue
            conn.execute(_DROP, {"b_item": found.id, "b_reviewer": reviewer})  # (an expired lease of mine)
            expires = at + q.lease_seconds
            conn.execute(
                leases.insert(),
                {
                    "item_id": found.id,
                    "reviewer": reviewer,
                    "queue_id": queue_id,
                    "started": at,
                    "expires": expires,
                },
            )
            return found.id, expires
        return None


def _taken(conn: Connection, item_id: str, reviewer: str, at: float) -> int:
    """Reviewers who decided the item plus others who hold a live lease on it."""
    decided = {
        r.reviewer
        for r in conn.execute(
            select(decisions.c.reviewer).where(decisions.c.item_id == item_id, decisions.c.kind == "review")
        )
    }
    holding = {
        r.reviewer
        for r in conn.execute(
            select(leases.c.reviewer).where(
                leases.c.item_id == item_id, leases.c.expires > at, leases.c.reviewer != reviewer
            )
        )
    }
    return len(decided | holding)


def held(conn: Connection, queue_id: str, reviewer: str, at: float) -> str | None:
    """The item the reviewer holds in the queue (a live lease, undecided, not adjudicated), or None."""
    row = conn.execute(_HELD, {"queue_id": queue_id, "reviewer": reviewer, "at": at}).first()
    return None if row is None else str(row.item_id)


def holds_lease(conn: Connection, item_id: str, reviewer: str, at: float) -> Any:
    """The reviewer's live lease on the item (a row with started, expires), or None."""
    return conn.execute(_LEASE, {"item_id": item_id, "reviewer": reviewer, "at": at}).first()
