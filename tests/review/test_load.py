"""A load test on loopback: 50 reviewers at once against a real uvicorn server, on SQLite and on
PostgreSQL. Asserts that no decision is lost or duplicated and no item gets more reviewers than its
overlap; prints the p95 latency of a decision (never asserted: timing depends on the machine).

The suite runs 200 decisions; ASSAY_REVIEW_LOAD_FULL=1 runs the 2,000 of the issue.
"""

from __future__ import annotations

import os
import random
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import require_module

require_module("fastapi")
require_module("uvicorn")
httpx = require_module("httpx")

import uvicorn  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from assay.review.accounts import add_user  # noqa: E402
from assay.review.app import create_app  # noqa: E402
from assay.review.queues import QueueSpec, build_queue  # noqa: E402
from assay.store import schema  # noqa: E402
from tests.review.api_fixtures import PASSWORD, TEST_COST, database, seed  # noqa: E402

FULL = os.environ.get("ASSAY_REVIEW_LOAD_FULL", "") == "1"
REVIEWERS = 50
DECISIONS = 2000 if FULL else 200
OVERLAP = 2


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on 127.0.0.1 at a port the system picks, in a thread; stopped and joined at the end."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", backlog=256))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]})
    thread.start()
    try:
        while not server.started:  # (waits for an event, not for a time)
            if not thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


# one TLS context for every client (plain HTTP needs none, but each httpx.Client would load the CA
# store for its own: half a second of CPU each, more than the whole test's requests)
TLS = ssl.create_default_context()


def reviewer(base: str, name: str, queue_id: str, made: list[Any], latencies: list[float]) -> None:
    """Log in, then take and decide items until the queue has nothing left for this reviewer."""
    rng = random.Random(name)
    with httpx.Client(base_url=base, timeout=120.0, verify=TLS) as client:
        token = client.get("/api/login").json()["csrf"]
        answer = client.post(
            "/api/login", json={"name": name, "password": PASSWORD}, headers={"X-CSRF-Token": token}
        )
        answer.raise_for_status()
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
        while True:
            answer = client.post(f"/api/queues/{queue_id}/next")
            if answer.status_code == 204:
                return
            answer.raise_for_status()
            item = answer.json()["item_id"]
            started = time.perf_counter()
            answer = client.post(
                f"/api/items/{item}/decision",
                json={"decision": rng.choice(["accept", "reject"]), "seconds": 5.0},
            )
            latencies.append(time.perf_counter() - started)
            answer.raise_for_status()
            made.append((answer.json()["decision_id"], item, name))


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
        made: list[Any] = []
        latencies: list[float] = []
        failures: list[BaseException] = []

        def run(name: str) -> None:
            try:
                reviewer(base, name, queue_id, made, latencies)
            except BaseException as exc:  # reported below: a thread's exception is otherwise lost
                failures.append(exc)

        with serving(app) as base:
            threads = [threading.Thread(target=run, args=(name,)) for name in names]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert not failures, failures[0]

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
        latencies.sort()
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        median = latencies[len(latencies) // 2]
        print(f"\n{kind}: {REVIEWERS} reviewers, {DECISIONS} decisions: decision latency", end=" ")
        print(f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
