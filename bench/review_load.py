"""Benchmark: the review app under 50 reviewers at once, the server in its own process.

Starts `assay review serve` on a fresh workspace (SQLite, or PostgreSQL with --postgres URL), with a
queue of DECISIONS / 2 items and 2 reviewers per item, then 50 reviewer threads log in and take and
decide items until none is left. Prints throughput and the median and p95 latency of a decision
(the POST of the decision; `next` is timed apart). --think S makes each reviewer wait S seconds
between items (people read before they decide); 0 (the default) is a stress test where latency is
mostly queueing behind the other 49.

    python bench/review_load.py                       # SQLite, 2000 decisions, no think time
    python bench/review_load.py --postgres postgresql://postgres@127.0.0.1:54329/assay_test
    python bench/review_load.py --think 1             # paced like people (about 50 decisions a second)
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from assay.records import Candidate, Problem, Score, Status, Verdict
from assay.review.accounts import add_user
from assay.review.queues import QueueSpec, build_queue
from assay.store.store import make_engine
from assay.workspace import Workspace

PASSWORD = "bench password"
TLS = ssl.create_default_context()  # one for all clients (each would load the CA store otherwise)


def setup(root: Path, url: str | None, items: int, reviewers: int) -> str:
    space = Workspace.init(root, database_url=url)
    store = space.store()
    problems, candidates, verdicts, scores = [], [], [], []
    for i in range(items):
        problem = Problem("math", "linear", f"Solve for x: 2x + {i} = {2 + i}", {"answer": "1"}, "bench")
        candidate = Candidate(problem.id, f"2x + {i} = {2 + i}\n2x = 2\nx = 1", "1", generator="bench")
        problems.append(problem)
        candidates.append(candidate)
        verdicts.append(Verdict(candidate.id, "math-steps@bench", Status.VERIFIED))
        scores.append(Score(candidate.id, "verifier@1", random.random()))
    store.add_problems(problems)
    store.add_candidates(candidates)
    store.add_verdicts(verdicts)
    store.add_scores(scores)
    for r in range(reviewers):
        add_user(store.engine, f"r{r:02d}", "reviewer", PASSWORD, n=2**10)  # (logins are not what is timed)
    queue_id, _ = build_queue(store.engine, QueueSpec("bench", "verifier", items, 2), "bench")
    store.close()
    return queue_id


def reviewer(base: str, name: str, queue_id: str, think: float, out: dict[str, list[float]]) -> None:
    rng = random.Random(name)
    with httpx.Client(base_url=base, timeout=300.0, verify=TLS) as client:
        token = client.get("/api/login").json()["csrf"]
        answer = client.post(
            "/api/login", json={"name": name, "password": PASSWORD}, headers={"X-CSRF-Token": token}
        )
        answer.raise_for_status()
        client.headers["X-CSRF-Token"] = answer.json()["csrf"]
        while True:
            started = time.perf_counter()
            answer = client.post(f"/api/queues/{queue_id}/next")
            out["next"].append(time.perf_counter() - started)
            if answer.status_code == 204:
                return
            answer.raise_for_status()
            item = answer.json()["item_id"]
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))
            started = time.perf_counter()
            answer = client.post(
                f"/api/items/{item}/decision", json={"decision": rng.choice(["accept", "reject"])}
            )
            out["decision"].append(time.perf_counter() - started)
            answer.raise_for_status()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.0)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL (a fresh schema is made in it)")
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    url = None
    if args.postgres:
        with make_engine(args.postgres).begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        url = f"{args.postgres}{'&' if '?' in args.postgres else '?'}options=-csearch_path%3D{schema}"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        queue_id = setup(root, url, args.decisions // 2, args.reviewers)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "assay", "review", "serve", "-w", str(root), "--port", str(port)],
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    httpx.get(base + "/api/login", verify=TLS)
                    break
                except httpx.TransportError:
                    if server.poll() is not None:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            out: dict[str, list[float]] = {"next": [], "decision": []}
            threads = [
                threading.Thread(target=reviewer, args=(base, f"r{r:02d}", queue_id, args.think, out))
                for r in range(args.reviewers)
            ]
            started = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
            if args.postgres:
                with make_engine(args.postgres).begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    made = len(out["decision"])
    where = "PostgreSQL" if args.postgres else "SQLite"
    rate = made / elapsed
    print(
        f"{where}: {args.reviewers} reviewers, {made} decisions in {elapsed:.1f} s ({rate:.0f}/s),", end=" "
    )
    print(f"think {args.think} s")
    for kind in ("decision", "next"):
        values: list[Any] = out[kind]
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        print(f"  {kind:8s} median {median:6.0f} ms   p95 {p95:6.0f} ms")


if __name__ == "__main__":
    main()
