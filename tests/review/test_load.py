"""A load test on loopback: 50 reviewers at once against a real uvicorn server, on SQLite and on
PostgreSQL. Asserts that no decision is lost or duplicated and no item gets more reviewers than its
overlap; prints the p95 latency of a decision (never asserted: timing depends on the machine).

The suite runs 200 decisions; ASSAY_REVIEW_LOAD_FULL=1 runs the 2,000 of the issue.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import require_module

require_module("fastapi")
require_module("uvicorn")
require_module("httpx")

from assay.cli.review_cmd import server_config  # noqa: E402
from assay.review.accounts import add_user  # noqa: E402
from assay.review.app import create_app  # noqa: E402
from assay.review.load import percentile, run_reviewers, serving  # noqa: E402
from assay.review.queues import QueueSpec, build_queue  # noqa: E402
from assay.store import schema  # noqa: E402
from tests.review.api_fixtures import PASSWORD, TEST_COST, database, seed  # noqa: E402

FULL = os.environ.get("ASSAY_REVIEW_LOAD_FULL", "") == "1"
REVIEWERS = 50
DECISIONS = 2000 if FULL else 200
OVERLAP = 2


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_fifty_reviewers_at_once_lose_nothing_and_never_exceed_the_overlap(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    items = DECISIONS // OVERLAP
    with database(kind, tmp_path, request) as url:
        seed(url, scored=items, gold_each=0)
        app = create_app(url, secure_cookies=False)
        engine = app.state.review.engine
        names = [f"r{i:02d}" for i in range(REVIEWERS)]
        for name in names:
            add_user(engine, name, "reviewer", PASSWORD, n=TEST_COST)
        queue_id, count = build_queue(engine, QueueSpec("load", "verifier", items, OVERLAP), "test")
        assert count == items
        # (the same uvicorn settings `assay review serve` runs; the reviewers are assay.review.load's,
        # which the benchmark uses too)
        with serving(server_config(app, "127.0.0.1", 0)) as base:
            tally = run_reviewers(base, names, PASSWORD, queue_id, seconds=5.0)
        made = tally.made

        with engine.connect() as conn:
            rows = conn.execute(
                select(
                    schema.review_decisions.c.id,
                    schema.review_decisions.c.item_id,
                    schema.review_decisions.c.reviewer,
                )
            ).all()
        stored = {(r.id, r.item_id, r.reviewer) for r in rows}
        assert len(rows) == len(stored) == DECISIONS  # none duplicated
        assert stored == set(made)  # none lost: every acknowledged decision is stored, nothing else is
        per_item = Counter(item for _id, item, _name in stored)
        assert set(per_item.values()) == {OVERLAP} and len(per_item) == items  # never over the overlap
        assert len({(item, name) for _id, item, name in stored}) == DECISIONS  # nobody decided twice
        items_t = schema.review_items
        with engine.connect() as conn:  # the counters assignment reads agree with the decisions
            counters = conn.execute(select(items_t.c.id, items_t.c.decided, items_t.c.is_open)).all()
        assert {(r.id, r.decided, r.is_open) for r in counters} == {(i, OVERLAP, 0) for i in per_item}
        p95 = percentile(tally.decision_seconds, 0.95)
        median = percentile(tally.decision_seconds, 0.5)
        print(f"\n{kind}: {REVIEWERS} reviewers, {DECISIONS} decisions: decision latency", end=" ")
        print(f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
