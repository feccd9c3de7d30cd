"""Benchmark: the review app under 50 reviewers at once, the server in its own process.

Starts `assay review serve` on a fresh workspace (SQLite, or PostgreSQL with --postgres URL), with a
queue of DECISIONS / 2 items and 2 reviewers per item, then 50 reviewer threads log in and take and
decide items until none is left (assay.review.load: the same reviewers as tests/review/test_load.py).
Prints throughput and the median and p95 latency of a decision
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
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import text

from assay.records import Candidate, Problem, Score, Status, Verdict
from assay.review.accounts import add_user
from assay.review.load import TLS, percentile, run_reviewers
from assay.review.queues import QueueSpec, build_queue
from assay.store.store import make_engine
from assay.workspace import Workspace

PASSWORD = "bench password"


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


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) the process used so far, from /proc (-1.0 where there is none)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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
            names = [f"r{r:02d}" for r in range(args.reviewers)]
            started = time.perf_counter()
            cpu_before = server_cpu(server.pid)
            tally = run_reviewers(base, names, PASSWORD, queue_id, think=args.think)
            elapsed = time.perf_counter() - started
            cpu = server_cpu(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait()
            if args.postgres:
                with make_engine(args.postgres).begin() as conn:
                    conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    made = len(tally.made)
    where = "PostgreSQL" if args.postgres else "SQLite"
    rate = made / elapsed
    print(
        f"{where}: {args.reviewers} reviewers, {made} decisions in {elapsed:.1f} s ({rate:.0f}/s),", end=" "
    )
    print(f"think {args.think} s")
    if cpu >= 0:  # (what the load on the machine changes least: the server's own CPU per request)
        print(f"  server CPU {cpu:.1f} s: {cpu * 1000 / max(made, 1):.1f} ms per decision (with its next)")
    for kind, values in (("decision", tally.decision_seconds), ("next", tally.next_seconds)):
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        print(f"  {kind:8s} median {median:6.0f} ms   p95 {p95:6.0f} ms")


if __name__ == "__main__":
    main()
