"""The review app's operations, one method per API call, returning exactly the JSON the API sends.

The pages (pages.py) call these methods directly, never the HTTP API. Every method takes the
authenticated User (or none, for admin-wide reads guarded by the route's role) and checks what that
user may see: a reviewer reads only the items they hold a lease on.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from assay.errors import InputError
from assay.records import Candidate, Problem, Verdict
from assay.review import agreement, auth, decisions, queues
from assay.review.auth import Role, User
from assay.review.db import Refused, now, read, storable
from assay.stages.verify import VerifierSettings
from assay.store import Store, schema
from assay.verifiers import Verifiers
from assay.workers import WorkerPool


class ReviewService:
    def __init__(
        self,
        store_url: str,
        *,
        secure_cookies: bool,
        verifiers: Verifiers | None = None,
        verifier_settings: VerifierSettings | None = None,
    ) -> None:
        """verifiers: re-verify edits with these (the caller closes them); otherwise verifiers are made
        from verifier_settings (the workspace's [verify]) on the first edit, and closed by close()."""
        self.store = Store(store_url)
        self.engine = self.store.engine
        self.secure_cookies = secure_cookies
        self._verifiers = verifiers
        self._settings = verifier_settings or VerifierSettings()
        self._own: tuple[Verifiers, WorkerPool] | None = None
        self._verify_lock = threading.Lock()  # one edit checked at a time: verifiers are not shared-safe

    def close(self) -> None:
        if self._own is not None:
            made, pool = self._own
            made.close()
            pool.close()
            self._own = None
        self.store.close()

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict:
        with self._verify_lock:
            if self._verifiers is None:
                pool = WorkerPool(size=1, timeout=self._settings.timeout)
                made = Verifiers(
                    pool=pool, sandbox=self._settings.sandbox, chosen=dict(self._settings.chosen)
                )
                self._own = (made, pool)
                self._verifiers = made
            return self._verifiers.verify_many([(problem, candidate)])[0]

    # --- queues and items ----------------------------------------------------------------------------

    def queues_for(self, user: User) -> list[dict[str, Any]]:
        return queues.queues_for(self.engine, user.name, see_all=user.role is not Role.REVIEWER)

    def build_queue(self, user: User, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise Refused(422, "the body must be a JSON object")
        known = {"name", "scorer", "top", "overlap", "gold_share", "min_score", "domain", "lease_minutes"}
        unknown = sorted(set(body) - known)
        if unknown:
            raise Refused(422, f"unknown field(s) {unknown}")
        try:
            spec = queues.QueueSpec(
                name=_typed(body, "name", str, ""),
                scorer=_typed(body, "scorer", str, ""),
                top=_typed(body, "top", int, 100),
                overlap=_typed(body, "overlap", int, 1),
                gold_share=float(_typed(body, "gold_share", (int, float), 0.0)),
                min_score=_optional_float(body, "min_score"),
                domain=_typed(body, "domain", str, None),
                lease_seconds=60.0
                * float(_typed(body, "lease_minutes", (int, float), queues.LEASE_SECONDS / 60)),
            )
            queue_id, count = queues.build_queue(self.engine, spec, user.name)
        except InputError as exc:
            raise Refused(422, str(exc)) from exc
        return {"id": queue_id, "items": count}

    def next_item(self, user: User, queue_id: str) -> dict[str, Any] | None:
        taken = queues.take_next(self.engine, queue_id, user.name)
        if taken is None:
            return None
        item_id, expires = taken
        return self._payload(user, item_id, expires)

    def held_item(self, user: User, queue_id: str) -> str | None:
        """The item this user holds (a live lease, not yet decided) in the queue, or None; changes nothing."""
        with read(self.engine) as conn:
            queues.queue(conn, queue_id)  # (404 for an unknown queue)
            return queues.held(conn, queue_id, user.name, now())

    def item(self, user: User, item_id: str) -> dict[str, Any]:
        """An item's page data: for a reviewer only while they hold its lease (404 otherwise, so ids of
        other reviewers' items reveal nothing); adjudicators and admins read any item."""
        with read(self.engine) as conn:
            lease = queues.holds_lease(conn, item_id, user.name, now())
        if lease is None and user.role is Role.REVIEWER:
            raise Refused(404, f"no item {item_id!r} assigned to you")
        return self._payload(user, item_id, lease.expires if lease is not None else None)

    def _payload(self, user: User, item_id: str, expires: float | None) -> dict[str, Any]:
        with read(self.engine) as conn:  # (one connection: on PostgreSQL each checkout costs a round trip)
            row = conn.execute(_ITEM, {"item_id": item_id}).first()
            if row is None:
                raise Refused(404, f"no item {item_id!r}")
            total = conn.execute(_TOTAL, {"queue_id": row.queue_id}).scalar_one()
            done = conn.execute(_DONE, {"queue_id": row.queue_id, "reviewer": user.name}).scalar_one()
            view = _candidate_view(conn, row.candidate_id)
        return {
            "item_id": item_id,
            "queue_id": row.queue_id,
            "lease_expires": expires,
            "position": {"done": done, "total": total},
            **view,
        }

    def candidate_view(self, candidate_id: str) -> dict[str, Any]:
        """{problem, candidate, scores}: what a reviewer sees of a candidate (never its gold truth)."""
        with read(self.engine) as conn:
            return _candidate_view(conn, candidate_id)

    # --- decisions -----------------------------------------------------------------------------------

    def decide(self, user: User, item_id: str, body: Any) -> dict[str, Any]:
        return decisions.record(self.store, self.verify, user.name, item_id, body)

    def adjudication(self) -> list[dict[str, Any]]:
        """Items whose reviewers disagree and that no adjudicator settled, lowest agreement first."""
        out = []
        for outcome in decisions.outcomes(self.engine):
            if outcome.status != "disputed":
                continue
            rows = [r for r in decisions.iter_item(self.engine, outcome.item_id)]
            latest = decisions.latest_reviews(rows)
            out.append(
                {
                    "item_id": outcome.item_id,
                    "queue_id": outcome.queue_id,
                    "agreement": agreement.pairwise_agreement([r["decision"] for r in latest.values()]),
                    "decisions": [
                        {
                            "reviewer": r["reviewer"],
                            "decision": r["decision"],
                            "note": r["note"],
                            "text": r["text"],
                            "verdict": r["verdict"],
                            "step_ratings": r["step_ratings"],
                            "first_wrong_step": r["first_wrong_step"],
                        }
                        for r in latest.values()
                    ],
                    **self.candidate_view(outcome.candidate_id),
                }
            )
        out.sort(key=lambda entry: (entry["agreement"], entry["queue_id"], entry["item_id"]))
        return out

    def adjudicate(self, user: User, item_id: str, body: Any) -> dict[str, Any]:
        return decisions.record(self.store, self.verify, user.name, item_id, body, kind="adjudication")

    # --- admin ---------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        return agreement.stats(self.store)

    def users(self) -> list[dict[str, str]]:
        return auth.list_users(self.engine)

    def add_user(self, body: Any) -> dict[str, str]:
        if not isinstance(body, dict):
            raise Refused(422, "the body must be a JSON object")
        try:
            user = auth.add_user(
                self.engine,
                _typed(body, "name", str, ""),
                _typed(body, "role", str, ""),
                _typed(body, "password", str, ""),
            )
        except InputError as exc:
            raise Refused(422, str(exc)) from exc
        return {"name": user.name, "role": user.role.value}


def _typed(body: dict[str, Any], key: str, kind: Any, default: Any) -> Any:
    value = body.get(key, default)
    if value is default:
        return value
    if isinstance(value, bool) or not isinstance(value, kind):
        raise Refused(422, f"{key} has the wrong type")
    return storable(value, key) if isinstance(value, str) else value


def _optional_float(body: dict[str, Any], key: str) -> float | None:
    value = _typed(body, key, (int, float), None)
    return None if value is None else float(value)


# the item page's statements, built once (they run on every `next`)
_items, _d = schema.review_items, schema.review_decisions
_c, _p, _v, _sc = schema.candidates, schema.problems, schema.verdicts, schema.scores
_ITEM = select(_items).where(_items.c.id == bindparam("item_id"))
_TOTAL = select(func.count()).select_from(_items).where(_items.c.queue_id == bindparam("queue_id"))
_DONE = select(func.count(_d.c.item_id.distinct())).where(
    _d.c.queue_id == bindparam("queue_id"), _d.c.reviewer == bindparam("reviewer"), _d.c.kind == "review"
)
_CANDIDATE = (
    select(_c.c.id, _c.c.text, _c.c.answer, _c.c.steps, _p.c.id.label("problem_id"), _p.c.domain, _p.c.prompt)
    .join(_p, _p.c.id == _c.c.problem_id)
    .where(_c.c.id == bindparam("candidate_id"))
)
_VERDICT = (
    select(_v.c.verifier, _v.c.status, _v.c.evidence, _v.c.steps)
    .where(_v.c.candidate_id == bindparam("candidate_id"))
    .order_by(_v.c.verifier)
    .limit(1)
)
_SCORES = (
    select(_sc.c.scorer, _sc.c.value, _sc.c.step_values)
    .where(_sc.c.candidate_id == bindparam("candidate_id"))
    .order_by(_sc.c.scorer)
)


def _candidate_view(conn: Connection, candidate_id: str) -> dict[str, Any]:
    """The candidate, its problem, the verdict of the first verifier (by name) beside each step, and
    its scores. A step without a verdict has status None (nothing checked it), never a guess."""
    row = conn.execute(_CANDIDATE, {"candidate_id": candidate_id}).first()
    if row is None:
        raise Refused(404, f"candidate {candidate_id!r} (or its problem) is not in the store")
    verdict = conn.execute(_VERDICT, {"candidate_id": candidate_id}).first()
    scores = conn.execute(_SCORES, {"candidate_id": candidate_id}).all()
    checked = {s["index"]: s for s in json.loads(verdict.steps)} if verdict is not None else {}
    steps = [
        {
            "index": step["index"],
            "text": step["text"],
            "status": checked[step["index"]]["status"] if step["index"] in checked else None,
            "evidence": checked[step["index"]].get("evidence", "") if step["index"] in checked else "",
        }
        for step in json.loads(row.steps)
    ]
    return {
        "problem": {"id": row.problem_id, "domain": row.domain, "prompt": row.prompt},
        "candidate": {
            "id": row.id,
            "text": row.text,
            "answer": row.answer,
            "steps": steps,
            "verdict": (
                {"status": verdict.status, "evidence": verdict.evidence, "verifier": verdict.verifier}
                if verdict is not None
                else None
            ),
        },
        "scores": [
            {"scorer": s.scorer, "value": s.value, "step_values": json.loads(s.step_values)} for s in scores
        ],
    }
