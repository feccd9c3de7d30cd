"""The HTTP backend against servers that misbehave: bad fields, Retry-After, slow drips, huge bodies,
refused keys, timeouts, and a cache that must tell different requests apart.

No test depends on timing: a fake clock, in-process transports and event counts decide every assertion.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import json
import threading
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import httpx
import pytest

from assay.backends import make_generator
from assay.backends.base import SamplingSettings
from assay.backends.openai import OpenAIGenerator, ResponseCache
from assay.backends.responses import retry_after
from assay.errors import ConfigError, GeneratorAuthError, StoreError
from tests.backends.fakes import Body, FakeClock, LoopbackServer, Script, chat_body, ok, raw, replay, serving

URL = "http://llm.test/v1"
SETTINGS = SamplingSettings(temperature=0.7, max_tokens=32, seed=5)


def make(script: Script, clock: FakeClock | None = None, **options: Any) -> OpenAIGenerator:
    options.setdefault("backoff", 0.01)
    options.setdefault("max_backoff", 0.05)
    return OpenAIGenerator(URL, "m", transport=script.transport(), clock=clock or FakeClock(), **options)


Maker = Callable[..., OpenAIGenerator]


@pytest.fixture(params=["mock", "socket"])
def via(request: pytest.FixtureRequest) -> Iterator[Maker]:
    """make(script, clock, **options), with the script answering in process or from a loopback server."""
    servers: list[Iterator[LoopbackServer]] = []
    generators: list[OpenAIGenerator] = []

    def maker(script: Script, clock: FakeClock | None = None, **options: Any) -> OpenAIGenerator:
        if request.param == "mock":
            generators.append(make(script, clock, **options))
            return generators[-1]
        running = serving(replay(script))
        servers.append(running)
        server = next(running)
        options.setdefault("backoff", 0.01)
        options.setdefault("max_backoff", 0.05)
        generators.append(OpenAIGenerator(server.url, "m", clock=clock or FakeClock(), **options))
        return generators[-1]

    yield maker
    for generator in generators:
        generator.close()
    for running in servers:
        next(running, None)  # runs the teardown after serving's yield


# --- one bad field never crashes a run ------------------------------------------------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000

# (response body, text expected or None, what the error says when None)
BODIES: list[tuple[bytes, str | None, str]] = [
    # usage is accounting: a bad count loses the count, never the text
    (json.dumps(chat_body(usage={"prompt_tokens": "ten", "completion_tokens": 3})).encode(), "x = 4", ""),
    (json.dumps(chat_body(usage="lots")).encode(), "x = 4", ""),
    (json.dumps(chat_body(usage={"prompt_tokens": -3, "completion_tokens": 1.5})).encode(), "x = 4", ""),
    (json.dumps(chat_body(usage={"prompt_tokens": True, "completion_tokens": 10**40})).encode(), "x = 4", ""),
    (json.dumps(chat_body(usage=None)).encode(), "x = 4", ""),
    (
        json.dumps(
            {"choices": [{"message": {"content": "x = 4"}, "finish_reason": {"why": "odd"}}], "usage": []}
        ).encode(),
        "x = 4",
        "",
    ),
    # no usable choice
    (b'{"choices": "x = 4"}', None, "no choices"),
    (b'{"choices": [1]}', None, "no message content"),
    (b'{"choices": [{"message": "x = 4"}]}', None, "no message content"),
    (
        b'{"choices": [{"message": {"content": null, "reasoning_content": "..."}}]}',
        None,
        "no message content",
    ),
    (b'{"choices": [{"message": {"content": 4}}]}', None, "no message content"),
    (b'{"error": {"message": "model is overloaded"}}', None, "model is overloaded"),
    (b"[]", None, "not an object"),
    # text no store can hold
    (b'{"choices": [{"message": {"content": "x = \\ud800"}}]}', None, "lone surrogate"),
    (b'{"choices": [{"message": {"content": "x = 4\\u0000"}}]}', None, "NUL"),
    # not JSON at all, or JSON a parser chokes on
    (b"\xff\xfe{garbage", None, "not valid JSON"),
    (DEEP, None, "not valid JSON"),
    (b'{"choices": [], "n": ' + b"9" * 5000 + b"}", None, "not valid JSON"),
    (b'{"choices": [{"message": {"content": "x = 4"}}]', None, "not valid JSON"),
]


@pytest.mark.parametrize(("payload", "text", "error"), BODIES)
def test_a_bad_field_is_recorded_never_raised(
    payload: bytes, text: str | None, error: str, via: Maker
) -> None:
    script = Script(raw(payload, content_type="application/json"))
    generator = via(script)
    [completion] = generator.complete(["Solve for x: x = 4"], 1, SETTINGS)
    assert completion.text == text
    assert error in completion.error
    assert len(script.requests) == 1  # a bad body is not retried: the same server would say it again
    if text is not None:
        assert completion.prompt_tokens >= 0 and completion.completion_tokens in (0, 3)


def test_a_run_with_every_kind_of_bad_body_completes(via: Maker) -> None:
    bodies = [raw(payload) for payload, _, _ in BODIES]
    script = Script(lambda request: bodies[int(json.loads(request.content)["messages"][0]["content"])])
    generator = via(script, concurrency=4)
    completions = generator.complete([str(i) for i in range(len(BODIES))], 1, SETTINGS)
    assert [c.text is not None for c in completions] == [t is not None for _, t, _ in BODIES]
    assert generator.usage.failures == sum(t is None for _, t, _ in BODIES)


def test_a_prompt_no_encoder_likes_is_sent_or_recorded_never_raised() -> None:
    script = Script(ok())
    generator = make(script)
    [sent] = generator.complete(["Solve for x: \ud800 x = 4"], 1, SETTINGS)  # a lone surrogate
    assert sent.text == "x = 4" and script.bodies()[0]["messages"][0]["content"].endswith("\ud800 x = 4")
    [refused] = generator.complete(["p"], 1, replace(SETTINGS, temperature=float("nan")))
    assert refused.text is None and "cannot be written as JSON" in refused.error and len(script.requests) == 1


# --- retries: what is retried, how long it waits -----------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [
        httpx.ReadTimeout("slow"),
        httpx.ConnectTimeout("slow"),
        httpx.PoolTimeout("busy"),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("peer closed connection"),
        raw(b"", status=503),
        raw(b"", status=429),
        raw(b"", status=408),
    ],
    ids=lambda f: type(f).__name__ if isinstance(f, Exception) else f"HTTP {f.status_code}",
)
def test_transient_failures_are_retried(fault: httpx.Response | Exception, via: Maker) -> None:
    script = Script(fault, ok("x = 9"))
    generator = via(script, retries=2)
    [completion] = generator.complete(["p"], 1, SETTINGS)
    assert completion.text == "x = 9" and completion.error == ""
    assert len(script.requests) == 2 and generator.usage.retries == 1


def test_retries_are_bounded_and_the_error_says_how_many(via: Maker) -> None:
    script = Script(httpx.ReadTimeout("slow"))
    generator = via(script, retries=3)
    [completion] = generator.complete(["p"], 1, SETTINGS)
    # over a socket the script's timeout is a dropped connection (no test waits for a real timeout)
    kind = completion.error.split(" (")[0].split(":")[0]
    assert (
        completion.text is None
        and kind in ("timeout", "connection error")
        and "4 attempt(s)" in completion.error
    )
    assert len(script.requests) == 4 and generator.usage.by_error == {kind: 1}


@pytest.mark.parametrize("status", [400, 401, 404])
def test_a_server_message_cannot_write_to_the_terminal(status: int, via: Maker) -> None:
    message = "bad\x1b[2J\x1b]0;pwned\x07\r\nError: fake line\u202e"
    script = Script(httpx.Response(status, json={"error": {"message": message}}))
    try:
        [completion] = via(script).complete(["p"], 1, SETTINGS)
        shown = completion.error
    except GeneratorAuthError as exc:
        shown = str(exc)
    assert "bad" in shown and not any(c in shown for c in "\x1b\x07\r\n\u202e")


@pytest.mark.parametrize("status", [400, 404, 422])
def test_client_errors_are_not_retried(status: int, via: Maker) -> None:
    script = Script(httpx.Response(status, json={"error": {"message": "no such model 'm'"}}))
    [completion] = via(script).complete(["p"], 1, SETTINGS)
    assert f"HTTP {status}: no such model 'm'" in completion.error and len(script.requests) == 1


@pytest.mark.parametrize(
    ("headers", "waited"),
    [
        ({"Retry-After": "7"}, 7.0),
        ({"Retry-After": "0"}, 0.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "250", "Retry-After": "9"}, 0.25),  # the finer one wins, as OpenAI sends both
        ({"Retry-After": "Sun, 15 Jun 2025 15:07:10 GMT"}, 30.0),  # FakeClock's wall clock + 30 s
        ({"Retry-After": "Sun, 15 Jun 2025 15:05:00 GMT"}, 0.0),  # a date in the past: at once
    ],
)
def test_retry_after_is_waited(headers: dict[str, str], waited: float, via: Maker) -> None:
    clock = FakeClock()
    script = Script(httpx.Response(429, headers=headers), ok())
    [completion] = via(script, clock).complete(["p"], 1, SETTINGS)
    assert completion.text == "x = 4"
    assert clock.sleeps == [pytest.approx(waited)]


@pytest.mark.parametrize("value", ["soon", "-5", "1e400", "NaN", "٣", "9" * 80])
def test_an_unreadable_retry_after_falls_back_to_backoff(value: str, via: Maker) -> None:
    clock = FakeClock()
    script = Script(httpx.Response(503, headers=[(b"Retry-After", value.encode())]), ok())
    [completion] = via(script, clock, backoff=0.01, max_backoff=0.05).complete(["p"], 1, SETTINGS)
    assert completion.text == "x = 4" and len(clock.sleeps) == 1 and 0 <= clock.sleeps[0] <= 0.01


def test_a_retry_after_beyond_the_deadline_fails_at_once(via: Maker) -> None:
    clock = FakeClock()
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}), ok())
    [completion] = via(script, clock, deadline=60).complete(["p"], 1, SETTINGS)
    assert completion.text is None and "deadline" in completion.error and "HTTP 429" in completion.error
    assert clock.sleeps == [] and len(script.requests) == 1


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({}, None),
        ({"retry-after": "12"}, 12.0),
        ({"retry-after": " 12 "}, 12.0),
        ({"retry-after-ms": "12"}, 0.012),
        ({"retry-after-ms": "inf", "retry-after": "3"}, 3.0),
        ({"retry-after": "Wed, 18 Jun 2025 15:06:40 GMT"}, 86400.0),
        ({"retry-after": "12.5"}, None),  # RFC 9110 allows only whole seconds or a date
        ({"retry-after": ""}, None),
    ],
)
def test_retry_after_header_table(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(httpx.Headers(headers), 1_750_172_800.0) == (
        None if seconds is None else pytest.approx(seconds)
    )


# --- deadline and size cap ---------------------------------------------------------------------------------


def _drip(handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
    """Headers at once, then one byte at a time, for as long as the client listens (bounded)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(100_000):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        with server.lock:
            server.sent += 1
        if server.release.wait(0.002):
            return


@pytest.fixture()
def drip_server() -> Iterator[LoopbackServer]:
    yield from serving(_drip)


def test_a_dripping_server_is_cut_off_at_the_deadline(drip_server: LoopbackServer) -> None:
    clock = FakeClock(step=1.0)  # every look at the clock is one more second: the drip "takes" forever
    generator = OpenAIGenerator(drip_server.url, "m", clock=clock, deadline=50, timeout=30, retries=3)
    [completion] = generator.complete(["p"], 1, SETTINGS)
    generator.close()
    assert completion.text is None and "deadline" in completion.error
    assert drip_server.requests == 1  # a deadline is final: no retry after it
    assert drip_server.finished.wait(30)  # the server saw the client hang up
    assert drip_server.sent < 100_000


def test_a_dripping_server_is_cut_off_with_the_real_clock(drip_server: LoopbackServer) -> None:
    generator = OpenAIGenerator(drip_server.url, "m", deadline=0.5, timeout=30, retries=3)
    [completion] = generator.complete(["p"], 1, SETTINGS)
    generator.close()
    assert completion.text is None and "deadline" in completion.error and drip_server.requests == 1


class Endless(httpx.SyncByteStream):
    """A body of `chunks` pieces of 64 KiB (6.5 GB by default); counts how many were pulled."""

    def __init__(self, chunks: int = 100_000) -> None:
        self.chunks = chunks
        self.pulled = 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.chunks):
            self.pulled += 1
            yield b'{"choices": [{"message": {"content": "' + b"7" * 65_000 + b'"}}]}'[:65_536]


def test_a_huge_answer_is_abandoned_at_the_cap(via: Maker) -> None:
    body = Endless()
    script = Script(httpx.Response(200, stream=body))
    generator = via(script, max_response_bytes=1_000_000, cache_path=None)
    [completion] = generator.complete(["p"], 1, SETTINGS)
    assert completion.text is None and "too large" in completion.error
    # in process: at most the cap and a piece; over a socket, what the kernel buffered too (of 6.5 GB)
    assert body.pulled < 1_000 and len(script.requests) == 1


def test_a_declared_huge_answer_is_not_read_at_all(via: Maker) -> None:
    body = Endless()
    script = Script(httpx.Response(200, stream=body, headers={"Content-Length": str(500 * 2**20)}))
    [completion] = via(script, max_response_bytes=1_000_000).complete(["p"], 1, SETTINGS)
    assert "too large" in completion.error and body.pulled < 1_000


@functools.cache
def _gzip_bomb() -> bytes:
    """~100 KB that expands to a 100 MB chat answer (made once: level 9 takes a few seconds)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip framing, ~1000:1
    zeros = b"0" * 1_000_000
    bomb = packer.compress(b'{"choices": [{"message": {"content": "')
    return (
        bomb
        + b"".join(packer.compress(zeros) for _ in range(100))
        + packer.compress(b'"}}]}')
        + packer.flush()
    )


def test_a_gzip_bomb_never_expands_in_memory(tmp_path: Path, via: Maker) -> None:
    bomb = _gzip_bomb()
    script = Script(httpx.Response(200, stream=Body(bomb, 65_536), headers={"Content-Encoding": "gzip"}))
    generator = via(script, max_response_bytes=1_000_000, cache_path=tmp_path / "c.db")
    tracemalloc.start()
    try:
        [completion] = generator.complete(["p"], 1, SETTINGS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert completion.text is None and "too large" in completion.error
    assert peak < 8_000_000  # the 100 MB it expands to was never held (the bomb itself is ~100 KB)
    assert (
        generator.cache is not None
        and generator.cache.get(ResponseCache.key(f"{URL}/chat/completions", script.bodies()[0], 0)) is None
    )  # and nothing was cached


@pytest.mark.parametrize(
    ("encoding", "payload", "text", "error"),
    [
        ("gzip", gzip.compress(json.dumps(chat_body("x = 2")).encode()), "x = 2", ""),
        ("identity", json.dumps(chat_body("x = 2")).encode(), "x = 2", ""),
        ("gzip", b"not gzip at all", None, "not valid gzip"),
        ("br", b"\x0b\x02\x80", None, "unsupported Content-Encoding"),
    ],
)
def test_content_encodings(encoding: str, payload: bytes, text: str | None, error: str, via: Maker) -> None:
    [completion] = via(Script(raw(payload, content_encoding=encoding))).complete(["p"], 1, SETTINGS)
    assert completion.text == text and error in completion.error


# --- a refused key stops the run -------------------------------------------------------------------------


@pytest.mark.parametrize("status", [401, 403])
@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_refused_key_stops_at_once(
    status: int, concurrency: int, monkeypatch: pytest.MonkeyPatch, via: Maker
) -> None:
    monkeypatch.setenv("ASSAY_TEST_KEY", "sk-secret-123")
    refusal = {"error": {"message": "Incorrect API key provided: sk-secret-123"}}
    script = Script(httpx.Response(status, json=refusal))
    generator = via(script, api_key_env="ASSAY_TEST_KEY", concurrency=concurrency)
    with pytest.raises(GeneratorAuthError) as caught:
        generator.complete([f"p{i}" for i in range(50)], 2, SETTINGS)
    message = str(caught.value)
    assert (
        f"HTTP {status}" in message and "$ASSAY_TEST_KEY (set)" in message and generator.base_url in message
    )
    assert "sk-secret-123" not in message and "\n" not in message
    assert len(script.requests) <= concurrency  # nothing queued was sent after the refusal
    assert script.requests[0].headers["Authorization"] == "Bearer sk-secret-123"
    sent = len(script.requests)
    with pytest.raises(GeneratorAuthError):  # and the generator stays stopped
        generator.complete(["again"], 1, SETTINGS)
    assert len(script.requests) == sent


def _refuse_the_first_hold_the_rest() -> Callable[[BaseHTTPRequestHandler, LoopbackServer], None]:
    """The first request is refused at once; later ones wait until the test lets them go, then are
    refused too: requests still in flight when the refusal stops the generator."""
    seen = itertools.count()

    def behaviour(handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
        if next(seen):
            server.release.wait(30)
        payload = json.dumps({"error": {"message": "Incorrect API key provided"}}).encode()
        handler.send_response(401)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    return behaviour


def test_closing_after_a_refusal_waits_for_requests_in_flight(tmp_path: Path) -> None:
    """`complete` returns on a refused key without waiting for requests in flight; `close` must wait for
    them before it closes the cache (closing SQLite under a running statement crashed `assay run`)."""
    running = serving(_refuse_the_first_hold_the_rest())
    server = next(running)
    before = set(threading.enumerate())
    generator = OpenAIGenerator(server.url, "m", concurrency=4, cache_path=tmp_path / "cache.db")
    with pytest.raises(GeneratorAuthError):
        generator.complete([f"p{i}" for i in range(8)], 1, SETTINGS)
    # the generator's own request threads (its pool's): the loopback server's handler threads end on their own
    # schedule after they answer, which is no part of what `close` promises
    in_flight = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith("ThreadPoolExecutor")
    ]
    assert in_flight  # the held requests' threads outlive `complete`
    releaser = threading.Timer(0.2, server.release.set)  # lets the held requests end while close waits
    releaser.start()
    generator.close()
    releaser.join()
    assert not any(t.is_alive() for t in in_flight)  # none outlives close
    assert generator.cache is not None
    with pytest.raises(StoreError, match="closed"):
        generator.cache.get("k")
    next(running, None)


class _HoldsTheSecondPrompt(httpx.BaseTransport):
    """httpx's own transport, except that a request for prompt "b" waits (at most 1 s) for the transport
    to be closed before it goes on: a request that passed the client's open check before close. The
    request for "a" (refused) goes on only once "b" is in flight, so "b" is always sent, however late a
    loaded machine starts its thread."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.closed = threading.Event()
        self.second_in_flight = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if b'"content": "b"' in request.content:
            self.second_in_flight.set()
            self.closed.wait(1)  # the outcome is the same whether it waits the whole second or not
        elif b'"content": "a"' in request.content:
            self.second_in_flight.wait(60)  # a bound far above need, not a measurement
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
        self.closed.set()


def test_no_connection_outlives_close_after_a_refusal(refusing_server: LoopbackServer) -> None:
    """After a refusal `complete` leaves requests in flight; one that makes its connection only after
    the client's close would leave it open in the emptied pool (an unclosed socket freed by the garbage
    collector much later), unless close waits for them before it closes the client."""
    transport = _HoldsTheSecondPrompt()
    generator = OpenAIGenerator(refusing_server.url, "m", concurrency=2, transport=transport)
    with pytest.raises(GeneratorAuthError):
        generator.complete(["a", "b"], 1, SETTINGS)
    generator.close()
    assert refusing_server.requests == 2  # "b" was sent, from a thread `complete` did not wait for
    pool = transport.inner._pool  # httpx keeps no public handle on its connection pool
    assert pool.connections == [] or all(c.is_closed() for c in pool.connections)


def test_a_missing_key_is_named(monkeypatch: pytest.MonkeyPatch, via: Maker) -> None:
    monkeypatch.delenv("ASSAY_TEST_KEY", raising=False)
    script = Script(httpx.Response(401, text="unauthorized"))
    with pytest.raises(GeneratorAuthError, match=r"\$ASSAY_TEST_KEY \(not set\)"):
        via(script, api_key_env="ASSAY_TEST_KEY").complete(["p"], 1, SETTINGS)
    assert "Authorization" not in script.requests[0].headers


# --- concurrency ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, 3])
def test_concurrency_is_what_was_asked(concurrency: int, via: Maker) -> None:
    # each request waits until `concurrency` are in flight: fewer would break the barrier, more would
    # show in the peak; the barrier's timeout is a bound far above need, not a measurement
    barrier = threading.Barrier(concurrency, timeout=60)
    lock = threading.Lock()
    in_flight = peak = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        barrier.wait()
        with lock:
            in_flight -= 1
        return ok()

    generator = via(Script(handler), concurrency=concurrency)
    completions = generator.complete([f"p{i}" for i in range(3)], concurrency, SETTINGS)
    assert all(c.text == "x = 4" for c in completions) and peak == concurrency


# --- the response cache ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"temperature": 0.2},
        {"top_p": 0.9},
        {"top_k": 20},
        {"max_tokens": 33},
        {"stop": ("\n\n",)},
        {"seed": 6},
    ],
)
def test_the_cache_tells_sampling_settings_apart(change: dict[str, Any], tmp_path: Path) -> None:
    script = Script(lambda request: ok(f"answer {len(script.requests)}"))
    first = make(script, cache_path=tmp_path / "c.db")
    [a] = first.complete(["p"], 1, SETTINGS)
    [again] = first.complete(["p"], 1, SETTINGS)
    assert again.cached and again.text == a.text and len(script.requests) == 1
    [b] = first.complete(["p"], 1, replace(SETTINGS, **change))
    assert not b.cached and b.text != a.text and len(script.requests) == 2
    first.close()


@pytest.mark.parametrize(
    ("base_url", "model", "prompt", "sample"),
    [
        ("http://other.test/v1", "m", "p", 0),
        (URL, "m2", "p", 0),
        (URL, "m", "p ", 0),
        (URL, "m", "p", 1),
    ],
)
def test_the_cache_tells_servers_models_prompts_and_samples_apart(
    base_url: str, model: str, prompt: str, sample: int, tmp_path: Path
) -> None:
    script = Script(lambda request: ok(f"answer {len(script.requests)}"))
    first = OpenAIGenerator(URL, "m", transport=script.transport(), cache_path=tmp_path / "c.db")
    first.complete(["p"], 1, SETTINGS)
    first.close()
    second = OpenAIGenerator(base_url, model, transport=script.transport(), cache_path=tmp_path / "c.db")
    [completion] = second.complete([prompt], 1, SETTINGS, first_sample=sample)
    assert not completion.cached and len(script.requests) == 2
    second.close()


def test_a_damaged_cache_row_is_a_miss(tmp_path: Path) -> None:
    script = Script(ok("x = 1"))
    generator = make(script, cache_path=tmp_path / "c.db")
    generator.complete(["p"], 1, SETTINGS)
    assert generator.cache is not None
    generator.cache._db.execute("UPDATE responses SET value = '{\"text\": 5}'")
    [completion] = generator.complete(["p"], 1, SETTINGS)
    assert completion.text == "x = 1" and not completion.cached and len(script.requests) == 2


# --- settings ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"concurrency": 0},
        {"retries": -1},
        {"timeout": 0},
        {"timeout": float("nan")},
        {"deadline": -1.0},
        {"max_response_bytes": 0},
        {"backoff": 30.0, "max_backoff": 20.0},
    ],
)
def test_bad_settings_are_config_errors(options: dict[str, Any]) -> None:
    with pytest.raises(ConfigError, match="HTTP generator"):
        OpenAIGenerator(URL, "m", **options)


@pytest.mark.parametrize("key", ["sk-é-unicode", "sk-line\nbreak", "sk-\ttab"])
def test_a_key_no_header_can_carry_is_a_config_error(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSAY_TEST_KEY", key)
    with pytest.raises(ConfigError, match=r"\$ASSAY_TEST_KEY") as caught:
        OpenAIGenerator(URL, "m", api_key_env="ASSAY_TEST_KEY")
    assert key not in str(caught.value)


def test_settings_reach_the_generator() -> None:
    generator = make_generator(
        "openai:http://llm.test/v1#m",
        timeout=5,
        deadline=40,
        retries=1,
        concurrency=2,
        max_response_bytes=4096,
    )
    assert isinstance(generator, OpenAIGenerator)
    assert (generator.timeout, generator.deadline, generator.retries) == (5, 40, 1)
    assert (generator.concurrency, generator.max_response_bytes) == (2, 4096)
    generator.close()


# --- the run: a refused key is one line and a non-zero exit ----------------------------------------------


def _refuse(handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
    payload = json.dumps({"error": {"message": "Incorrect API key provided: sk-run-secret"}}).encode()
    handler.send_response(401)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


@pytest.fixture()
def refusing_server() -> Iterator[LoopbackServer]:
    yield from serving(_refuse)


@pytest.mark.slow
def test_a_run_stops_on_a_refused_key_with_one_line(refusing_server: LoopbackServer, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    config = tmp_path / "run.toml"
    config.write_text(
        f"""
[run]
workspace = "ws"
[seed_data]
config = {{ forms = "ax+b=c" }}
n = 40
[train]
threads = 1
[train.optim]
steps = 2
warmup = 1
batch_size = 8
[train.model]
n_layer = 1
n_head = 1
n_embd = 8
[eval]
problems = 3
[generate]
generator = "openai:{refusing_server.url}#m"
config = {{ forms = "ax+b=c" }}
problems = 3
samples = 1
timeout = 30
deadline = 60
concurrency = 2
""",
        encoding="utf-8",
    )
    env = {**os.environ, "OPENAI_API_KEY": "sk-run-secret"}
    result = subprocess.run(
        [sys.executable, "-m", "assay", "run", str(config)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,  # a bound far above need
    )
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert result.returncode != 0
    assert len(errors) == 1 and "HTTP 401" in errors[0] and "$OPENAI_API_KEY (set)" in errors[0], (
        f"exit code {result.returncode}; stderr:\n{result.stderr}"
    )
    assert "Traceback" not in result.stderr
    assert "sk-run-secret" not in result.stderr + result.stdout
    assert refusing_server.requests <= 2  # the first refusal stopped the run


def _drip_headers(handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
    """A status line, then a header one byte at a time (never ending on its own within the test)."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    for _ in range(12_000):  # below h11's 16 KiB header limit: only a deadline can stop this early
        handler.wfile.write(b"a")
        handler.wfile.flush()
        with server.lock:
            server.sent += 1
        if server.release.wait(0.002):
            return


@pytest.fixture()
def header_drip_server() -> Iterator[LoopbackServer]:
    yield from serving(_drip_headers)


@pytest.mark.parametrize("fake", [True, False], ids=["fake-clock", "real-clock"])
def test_a_server_dripping_its_headers_is_cut_off_at_the_deadline(
    header_drip_server: LoopbackServer, fake: bool
) -> None:
    clock = FakeClock(step=1.0) if fake else None
    generator = OpenAIGenerator(
        header_drip_server.url, "m", clock=clock, deadline=50 if fake else 0.5, timeout=30, retries=3
    )
    assert generator.deadline_on_sockets  # this httpx still lets the deadline reach the sockets
    [completion] = generator.complete(["p"], 1, SETTINGS)
    generator.close()
    assert completion.text is None and "deadline" in completion.error, completion.error
    assert header_drip_server.requests == 1
    assert header_drip_server.finished.wait(60) and header_drip_server.sent < 12_000


def test_settings_come_from_the_run_config(tmp_path: Path) -> None:
    from assay.pipeline import load_config

    config = tmp_path / "run.toml"
    config.write_text(
        '[generate]\ngenerator = "openai:http://127.0.0.1:8000/v1#m"\ntemplate = "chat-math-v1"\n'
        "timeout = 5\ndeadline = 40.5\nretries = 1\nconcurrency = 3\nmax_response_bytes = 65536\n",
        encoding="utf-8",
    )
    stage = load_config(config).generate
    assert (stage.timeout, stage.deadline, stage.retries) == (5, 40.5, 1)
    assert (stage.concurrency, stage.max_response_bytes) == (3, 65536)
