"""Gold items for review queues: candidates whose truth a verifier settled, drawn so that neither
their scores nor their place gives them away (queues.build_queue), or from just below a fixed selection
(gold_outside, for a pipeline run's queue: kept.py).

Gold comes only from candidates the queue's scorer scored (same domain, same min_score): an item
without that score would be gold for certain. Nothing here writes to the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Select, desc, func, select

from assay.review.db import read
from assay.store import schema

if TYPE_CHECKING:  # (queues imports this module: the spec's type only)
    from assay.review.queues import QueueSpec

GOLD_TRUTHS = ("verified", "refuted")


def order_key(queue_id: str, candidate_id: str) -> str:
    """A reproducible shuffle key: gold items land anywhere, not in a block at the end."""
    return hashlib.sha256(f"{queue_id}\x00{candidate_id}".encode()).hexdigest()


def scored(spec: QueueSpec) -> Select[Any]:
    """(candidate_id, value) of every candidate the spec's scorer scored, filtered as the spec says:
    "orm" matches every stored "orm@<version>"; the best value of a candidate counts."""
    s, c, p = schema.scores, schema.candidates, schema.problems
    value = func.max(s.c.value).label("value")
    query = (
        select(s.c.candidate_id, value)
        .join(c, c.c.id == s.c.candidate_id)
        .where((s.c.scorer == spec.scorer) | s.c.scorer.startswith(spec.scorer + "@", autoescape=True))
        .group_by(s.c.candidate_id)
    )
    if spec.domain:
        query = query.join(p, p.c.id == c.c.problem_id).where(p.c.domain == spec.domain)
    if spec.min_score is not None:
        query = query.having(func.max(s.c.value) >= spec.min_score)
    return query


def top_scored(engine: Engine, spec: QueueSpec, limit: int) -> list[tuple[str, float]]:
    query = scored(spec).order_by(desc("value"), schema.scores.c.candidate_id).limit(limit)
    with read(engine) as conn:
        return [(row.candidate_id, float(row.value)) for row in conn.execute(query)]


def _settled(conn: Connection, candidate_ids: Sequence[str]) -> dict[str, str]:
    """{candidate: verified|refuted} for candidates whose verdicts all agree on one of those (verifiers
    that disagree, or an unknown among them, give no gold)."""
    v = schema.verdicts
    statuses: dict[str, set[str]] = {}
    for start in range(0, len(candidate_ids), 500):
        chunk = list(candidate_ids[start : start + 500])
        for row in conn.execute(select(v.c.candidate_id, v.c.status).where(v.c.candidate_id.in_(chunk))):
            statuses.setdefault(row.candidate_id, set()).add(row.status)
    return {
        cid: next(iter(found))
        for cid, found in statuses.items()
        if len(found) == 1 and next(iter(found)) in GOLD_TRUTHS
    }


def _balanced(pools: dict[str, list[str]], wanted: int) -> tuple[int, int]:
    """(verified, refuted) to take: half of each where there are enough, so accepting everything
    scores no better than chance; the other truth makes up a shortfall."""
    refuted = min(wanted // 2, len(pools["refuted"]))
    verified = min(wanted - refuted, len(pools["verified"]))
    refuted = min(wanted - verified, len(pools["refuted"]))
    return verified, refuted


def gold_for(
    engine: Engine,
    spec: QueueSpec,
    queue_id: str,
    window: Sequence[tuple[str, float]],
    reviewed: int,
    wanted: int,
) -> list[tuple[str, float, str]]:
    """Up to `wanted` (candidate, score, truth), half verified and half refuted where possible.

    First from the window's candidates with a settled verdict, drawn at random (reproducibly, per
    queue): uniform over the window, so gold scores follow the window's distribution instead of
    sitting at one end of it; at most the window's candidates beyond the `reviewed` (gold never
    shrinks the queue). A truth the window lacks for the half (typically refuted: a good scorer ranks
    few refuted candidates at the top) is made up from just below the window, the best-scored first:
    those items score below every reviewed one, the tell README names."""
    if wanted <= 0:
        return []
    values = dict(window)
    with read(engine) as conn:
        truth = _settled(conn, [cid for cid, _ in window])
        pools: dict[str, list[str]] = {t: [] for t in GOLD_TRUTHS}
        for cid in sorted(truth, key=lambda cid: order_key(queue_id, "gold\x00" + cid)):
            pools[truth[cid]].append(cid)
        room = len(window) - reviewed
        verified, refuted = _balanced(pools, min(wanted, room))
        if refuted < wanted // 2:  # a balance the window cannot give: half from below it, where they are
            verified = min(verified, wanted - wanted // 2)
        chosen = [(cid, values[cid], "verified") for cid in pools["verified"][:verified]] + [
            (cid, values[cid], "refuted") for cid in pools["refuted"][:refuted]
        ]
        short_refuted = max(0, wanted // 2 - refuted)
        short = {"refuted": short_refuted, "verified": max(0, wanted - verified - refuted - short_refuted)}
        if any(short.values()):
            below = _below(conn, spec, set(values), short)
            chosen += [(cid, value, t) for t in GOLD_TRUTHS for cid, value in below[t]]
    return chosen


def _below(
    conn: Connection, spec: QueueSpec, taken: set[str], wanted: dict[str, int]
) -> dict[str, list[tuple[str, float]]]:
    """{truth: up to wanted[truth] (candidate, score)}: candidates not taken that the spec's scorer
    scored, with that settled verdict, the best-scored first (read a page of the ranking at a time)."""
    ranking = scored(spec).order_by(desc("value"), schema.scores.c.candidate_id)
    found: dict[str, list[tuple[str, float]]] = {t: [] for t in GOLD_TRUTHS}
    offset = 0
    while any(len(found[t]) < wanted.get(t, 0) for t in GOLD_TRUTHS):
        rows = conn.execute(ranking.limit(1000).offset(offset)).all()
        offset += len(rows)
        page = [(r.candidate_id, float(r.value)) for r in rows if r.candidate_id not in taken]
        truth = _settled(conn, [cid for cid, _ in page])
        for cid, value in page:
            t = truth.get(cid)
            if t is not None and len(found[t]) < wanted.get(t, 0):
                found[t].append((cid, value))
        if len(rows) < 1000:
            break
    return found


def gold_outside(
    engine: Engine, spec: QueueSpec, taken: set[str], wanted: int
) -> list[tuple[str, float, str]]:
    """Up to `wanted` (candidate, score, truth) for a queue whose reviewed items are fixed (a run's
    selection, kept.py): candidates not taken that the queue's scorer scored (so a gold item carries
    the same scores as any other), with a settled verdict, half of each truth where possible. The
    best-scored come first, as close as they can be to the selection's scores; when the selection is
    the top of the ranking they still rank below all of it (see README)."""
    if wanted <= 0:
        return []
    with read(engine) as conn:
        found = _below(conn, spec, taken, {t: wanted for t in GOLD_TRUTHS})
    pools = {t: [cid for cid, _ in found[t]] for t in GOLD_TRUTHS}
    values = {cid: value for t in GOLD_TRUTHS for cid, value in found[t]}
    verified, refuted = _balanced(pools, wanted)
    return [(cid, values[cid], "verified") for cid in pools["verified"][:verified]] + [
        (cid, values[cid], "refuted") for cid in pools["refuted"][:refuted]
    ]
