"""Generation against an OpenAI-compatible server fans out across Ray actors with the run's concurrency
limit held in total (each actor's generator gets its share) and its retries still made per sample.

The loopback server holds every request until `limit` requests are in flight at once: reaching the
limit proves every share of it is in use at the same time; the peak it records proves the total never
passed it. Nothing waits for a duration except a patience that only a broken engine ever uses up.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.backends.fakes import LoopbackServer, chat_body, serving
from tests.conftest import require_module
from tests.engines.batchfns import Http

require_module("ray")

PATIENCE = 30.0  # below the generator's 60 s read timeout, so a broken engine fails with a count


class Gate:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.in_flight = 0
        self.peak = 0
        self.seen: set[str] = set()
        self.full = threading.Event()

    def behaviour(self, handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
        with server.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            if self.in_flight >= self.limit:
                self.full.set()
        self.full.wait(PATIENCE)
        prompt = json.loads(getattr(handler, "request_body", b"{}"))["messages"][0]["content"]
        with server.lock:
            first = prompt not in self.seen  # every prompt's first attempt is refused: it must be retried
            self.seen.add(prompt)
            self.in_flight -= 1  # before answering: the client may send its next request at once
        status = 503 if first else 200
        body = json.dumps(chat_body(f"echo {prompt}") if status == 200 else {"error": "busy"}).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def test_concurrency_is_shared_across_actors_and_retries_still_made(engine: Any) -> None:
    limit = 3  # two actors: shares of 2 and 1
    gate = Gate(limit)
    batches = [[f"prompt {b}.{i}" for i in range(4)] for b in range(5)]
    for server in serving(gate.behaviour):
        results = list(engine.map("tests.engines.batchfns:complete", Http(server.url, limit), batches))
        requests = server.requests
    assert [[(text, error) for text, error, _, _ in batch] for batch in results] == [
        [(f"echo {p}", "") for p in batch] for batch in batches
    ]
    shares = {pid: concurrency for batch in results for _, _, pid, concurrency in batch}
    assert sorted(shares.values()) == [1, 2]  # each actor's generator holds its share of the limit
    assert gate.full.is_set() and gate.peak == limit
    assert requests == 2 * sum(len(batch) for batch in batches)  # each sample: a 503, then its answer
