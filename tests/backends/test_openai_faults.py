"""Fault injection on loopback: every failure is recorded per candidate, retries are bounded,
nothing already generated is lost, and a re-run redoes only what failed."""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assay.backends.base import SamplingSettings
from assay.backends.openai import OpenAIGenerator
from assay.backends.templates import load_template
from assay.generate import attempt_ids, generate_candidates
from assay.records import Problem
from assay.store import Store

# what the server does for each prompt, by a word in it; [hang] (no answer) is tested on its own
FAULTS = ["ok", "429", "500", "garbage", "truncated", "empty", "flaky", "hang"]
ANSWERED = FAULTS[:-1]


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.healthy = False  # when True, every prompt is answered properly
        self.release = threading.Event()  # set at teardown: a hanging request stops waiting
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = body["messages"][-1]["content"]
        fault = next(f for f in FAULTS if f"[{f}]" in prompt)
        with self.server.lock:
            self.server.hits[fault] += 1
            hits = self.server.hits[fault]
        if self.server.healthy or fault == "ok" or (fault == "flaky" and hits % 2 == 0):
            self._json(
                200,
                {
                    "choices": [
                        {
                            "message": {"role": "assistant", "content": f"x = {body['seed']}"},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 3},
                },
            )
        elif fault in ("429", "500", "flaky"):
            self._json(429 if fault == "429" else 500, {"error": "try later"})
        elif fault == "hang":
            # no answer until teardown: the client's limit ends it
            self.server.release.wait(30)
            self._json(200, {})
        elif fault == "garbage":
            self._raw(200, b"<html>definitely not json")
        elif fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "500")
            self.end_headers()
            self.wfile.write(b'{"choices": [{"mess')
            self.wfile.flush()
            self.close_connection = True
        elif fault == "empty":
            self._json(200, {"choices": []})

    def _json(self, status: int, data: object) -> None:
        self._raw(status, json.dumps(data).encode())

    def _raw(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture()
def server() -> Iterator[FaultServer]:
    srv = FaultServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()


def _problems(faults: list[str]) -> list[Problem]:
    return [
        Problem("math", "linear", f"Solve for x: x = {i} [{fault}]", {"answer": str(i)}, "test")
        for i, fault in enumerate(faults)
    ]


def test_faults_are_recorded_bounded_and_retried_only_where_needed(
    server: FaultServer, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"

    def make() -> OpenAIGenerator:
        return OpenAIGenerator(
            url,
            "m",
            retries=2,
            # every request here is answered (the hung one has its own test): a limit no loopback answer
            # comes near on a loaded machine, so no outcome depends on load
            timeout=60.0,
            backoff=0.01,
            max_backoff=0.05,
            cache_path=tmp_path / "cache.db",
            concurrency=4,
        )

    generator = make()
    problems = _problems(ANSWERED)
    settings = SamplingSettings(temperature=1.0, max_tokens=16, seed=3)
    template = load_template("tiny-v1")
    done, failed = generate_candidates(store, generator, problems, 2, settings, template, generation=1)
    assert (done, failed) == (4, 10)  # ok and flaky succeed; five kinds of fault fail, 2 samples each
    attempts = store.attempts_for(attempt_ids(problems, generator.id, 2, settings, template).values())
    reasons = {a.problem_id: a.error for a in attempts.values() if a.status == "failed"}
    by_fault = {p.prompt.split("[")[1][:-1]: reasons.get(p.id, "") for p in problems}
    assert "HTTP 429" in by_fault["429"] and "3 attempt(s)" in by_fault["429"]
    assert "HTTP 500" in by_fault["500"]
    assert "not valid JSON" in by_fault["garbage"]
    assert (
        "truncated" in by_fault["truncated"]
        or "not valid JSON" in by_fault["truncated"]
        or "connection" in by_fault["truncated"]
    )
    assert "no choices" in by_fault["empty"]
    assert server.hits["429"] == 2 * 3  # retries are bounded: 1 try + 2 retries per sample
    assert generator.usage.failures == 10 and generator.usage.completion_tokens == 4 * 3
    kept = store.count("candidates")
    assert kept == 4
    generator.close()

    # the server recovers; a re-run asks only for the 10 that failed, and keeps the 4 it had
    server.healthy = True
    before = sum(server.hits.values())
    generator = make()
    done, failed = generate_candidates(store, generator, problems, 2, settings, template, generation=1)
    assert (done, failed) == (10, 0)
    assert sum(server.hits.values()) - before == 10
    assert store.count("candidates") == 14
    assert store.count_where("attempts", "status", "ok") == 14
    # and a third run costs nothing: everything is done
    generator.close()
    generator = make()
    before = sum(server.hits.values())
    assert generate_candidates(store, generator, problems, 2, settings, template, generation=1) == (0, 0)
    assert sum(server.hits.values()) == before
    generator.close()


def test_a_server_that_never_answers_is_a_retried_timeout(server: FaultServer, tmp_path: Path) -> None:
    # the hung request alone: a server that never answers meets any limit however loaded the machine, so
    # the limit can be short and no answered request has to beat it
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    generator = OpenAIGenerator(url, "m", retries=2, timeout=0.3, backoff=0.01, max_backoff=0.05)
    problems = _problems(["hang"])
    settings = SamplingSettings(temperature=1.0, max_tokens=16, seed=3)
    template = load_template("tiny-v1")
    try:
        done, failed = generate_candidates(store, generator, problems, 1, settings, template, generation=1)
    finally:
        generator.close()
    assert (done, failed) == (0, 1)
    ids = attempt_ids(problems, generator.id, 1, settings, template)
    [attempt] = store.attempts_for(ids.values()).values()
    assert attempt.status == "failed" and "timeout" in attempt.error
    assert "3 attempt(s)" in attempt.error and server.hits["hang"] == 3  # timeouts are retried, boundedly
    assert store.count("candidates") == 0


def test_cache_answers_repeats_without_requests(server: FaultServer, tmp_path: Path) -> None:
    server.healthy = True
    url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    settings = SamplingSettings(seed=1)
    first = OpenAIGenerator(url, "m", cache_path=tmp_path / "c.db")
    texts = [c.text for c in first.complete(["a [ok]", "b [ok]"], 3, settings)]
    first.close()
    hits = sum(server.hits.values())
    second = OpenAIGenerator(url, "m", cache_path=tmp_path / "c.db")
    again = second.complete(["a [ok]", "b [ok]"], 3, settings)
    assert [c.text for c in again] == texts and all(c.cached for c in again)
    assert sum(server.hits.values()) == hits and second.usage.cached == 6
    second.close()
