"""Load for the review app: reviewers who log in, then take and decide items until none is left.

One module for both users of it: the load test (tests/review/test_load.py: nothing lost or
duplicated, no item over its overlap) and the benchmark (bench/review_load.py: latency against a server
in its own process). It lives in the package, not under tests/, because the benchmark is a script run
outside pytest, and the package is what both import without path tricks (and what a team can point
at its own deployment). It speaks only HTTP to the app (plus `serving`, which runs a uvicorn Config in
a thread for the tests); it never touches the database.
"""

from __future__ import annotations

import random
import socket
import ssl
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

# one TLS context for every client: plain HTTP needs none, but each httpx.Client would otherwise load
# the CA store for its own (half a second of CPU each, more than a small run's requests)
TLS = ssl.create_default_context()
KEEPALIVE_SECONDS = 2.0


@dataclass
class Tally:
    """What the reviewers did: (decision id, item id, reviewer) per acknowledged decision, and the
    seconds each `next` and each decision took (list.append is atomic: threads share one Tally)."""

    made: list[tuple[str, str, str]] = field(default_factory=list)
    next_seconds: list[float] = field(default_factory=list)
    decision_seconds: list[float] = field(default_factory=list)


def review_until_done(
    base: str,
    name: str,
    password: str,
    queue_id: str,
    tally: Tally,
    *,
    think: float = 0.0,
    seconds: float | None = None,
) -> None:
    """Log in as name, then take and decide (accept or reject at random) items of the queue until the
    app has nothing left for this reviewer. think: seconds to wait before each decision, times a random
    0.5-1.5 (people read before they decide). seconds: the time spent to report with each decision."""
    rng = random.Random(name)
    # idle connections are dropped by the client before uvicorn's keep-alive timeout (5 s) can close
    # them under a request in flight (a "connection reset" for a reviewer who read for 5 s)
    limits = httpx.Limits(keepalive_expiry=KEEPALIVE_SECONDS)
    with httpx.Client(base_url=base, timeout=300.0, verify=TLS, limits=limits) as client:
        token = client.get("/api/login").json()["csrf"]
        answer = client.post(
            "/api/login", json={"name": name, "password": password}, headers={"X-CSRF-Token": token}
        )
        answer.raise_for_status()
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
        while True:
            started = time.perf_counter()
            answer = client.post(f"/api/queues/{queue_id}/next")
            tally.next_seconds.append(time.perf_counter() - started)
            if answer.status_code == 204:
                return
            answer.raise_for_status()
            item = answer.json()["item_id"]
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))
            body: dict[str, Any] = {"decision": rng.choice(["accept", "reject"])}
            if seconds is not None:
                body["seconds"] = seconds
            started = time.perf_counter()
            answer = client.post(f"/api/items/{item}/decision", json=body)
            tally.decision_seconds.append(time.perf_counter() - started)
            answer.raise_for_status()
            tally.made.append((answer.json()["decision_id"], item, name))


def run_reviewers(
    base: str,
    names: Sequence[str],
    password: str,
    queue_id: str,
    *,
    think: float = 0.0,
    seconds: float | None = None,
) -> Tally:
    """Every reviewer in a thread of their own, all at once, until the queue has nothing left for any;
    the first failure of any thread is raised (a thread's exception would otherwise be lost)."""
    tally = Tally()
    failures: list[BaseException] = []

    def run(name: str) -> None:
        try:
            review_until_done(base, name, password, queue_id, tally, think=think, seconds=seconds)
        except BaseException as exc:  # re-raised below, in the caller's thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return tally


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` of values lie (nearest rank, no interpolation)."""
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


@contextmanager
def serving(config: Any) -> Iterator[str]:
    """A uvicorn.Config's app served on 127.0.0.1 at a port the system picks, in a thread; yields
    its base URL; stopped and joined at the end (no thread or socket left behind)."""
    import uvicorn  # (the [serve] extra: imported only by who serves)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(config)
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
