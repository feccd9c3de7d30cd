"""Fakes for the HTTP backend tests: a fake clock, an in-process transport, a misbehaving loopback server.

Nothing here measures time: the fake clock moves only when the code under test asks it to, and the
loopback server counts what it did (bytes sent, requests seen) so tests assert on events.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


class FakeClock:
    """monotonic() advances by `step` on every call (a slow world without waiting); sleep() is recorded."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 0.0
        self.step = step
        self.sleeps: list[float] = []
        self.wall = 1_750_000_000.0  # a fixed wall-clock origin, for Retry-After dates
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            self.now += self.step
            return self.now

    def time(self) -> float:
        return self.wall + self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


def chat_body(text: str = "x = 4", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 3},
    }
    body.update(extra)
    return body


class Script:
    """A MockTransport handler from a list of replies, one per request (the last one repeats).

    A reply is an httpx.Response, an exception to raise (a timeout, a dropped connection), or a
    callable(request) -> Response. Every request is kept, so tests count what was sent.
    """

    def __init__(self, *replies: httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]):
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            reply = self.replies[min(len(self.requests), len(self.replies) - 1)]
            self.requests.append(request)
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):  # a fresh copy: a response can be read only once
            return httpx.Response(reply.status_code, headers=reply.headers, stream=reply.stream)
        return reply(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]


class Body(httpx.SyncByteStream):
    """A body the client reads as from a socket (httpx would hold a `content=` body read already)."""

    def __init__(self, payload: bytes, piece: int = 16_384) -> None:
        self.payload = payload
        self.piece = piece

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.payload), self.piece):
            yield self.payload[start : start + self.piece]


def ok(text: str = "x = 4", status: int = 200, **headers: str) -> httpx.Response:
    return raw(json.dumps(chat_body(text)).encode(), status, **headers)


def raw(payload: bytes, status: int = 200, **headers: str) -> httpx.Response:
    """A response with this body; header names are given with _ for - (content_encoding=...)."""
    named = {name.replace("_", "-"): value for name, value in headers.items()}
    return httpx.Response(status, stream=Body(payload), headers=named)


# --- a real server on loopback, for what only a socket shows (slow drips, dropped connections) ----------


Behaviour = Callable[[BaseHTTPRequestHandler, "LoopbackServer"], None]


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, behaviour: Behaviour) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.behaviour = behaviour
        self.requests = 0
        self.sent = 0  # body bytes written
        self.finished = threading.Event()  # set when a behaviour has returned
        self.release = threading.Event()  # set at teardown: a hanging behaviour stops waiting
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    protocol_version = "HTTP/1.1"
    request_body = b""

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.request_body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            self.server.requests += 1
        try:
            self.server.behaviour(self, self.server)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up: what the tests want to see
        finally:
            self.server.finished.set()


def serving(behaviour: Behaviour) -> Iterator[LoopbackServer]:
    server = LoopbackServer(behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def replay(script: Script) -> Behaviour:
    """A loopback server behaviour that answers each request with the script's next reply, over a real
    socket: status, headers and body as given (a body without Content-Length is sent until the client
    hangs up, then the connection closes). An exception reply drops the connection without an answer."""

    def behaviour(handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
        body = getattr(handler, "request_body", b"")
        url = server.url + handler.path.removeprefix("/v1")
        request = httpx.Request("POST", url, content=body, headers=list(handler.headers.items()))
        try:
            reply = script(request)
        except Exception:  # the script's exception stands for a failure: hang up without an answer
            handler.close_connection = True
            return
        _send(handler, server, reply)

    return behaviour


def _send(handler: BaseHTTPRequestHandler, server: LoopbackServer, reply: httpx.Response) -> None:
    handler.send_response(reply.status_code)
    for name, value in reply.headers.multi_items():
        handler.send_header(name, value)
    if "content-length" not in reply.headers:
        handler.send_header("Connection", "close")
        handler.close_connection = True
    handler.end_headers()
    for piece in reply.stream:  # type: ignore[union-attr]
        handler.wfile.write(piece)
        with server.lock:
            server.sent += len(piece)


# --- a server that answers by what it is asked (an LLM judge that misbehaves on some prompts) ----------

Answer = Callable[[dict[str, Any], int], httpx.Response | None]


class Answering:
    """A loopback behaviour that replies `answer(body, seen)`: body is the request's JSON, seen how many
    earlier requests had the same body (so "429 first, then an answer" is a plain function). None means
    hang: no answer until the server is released at teardown, so the client's timeout ends the request.
    Every body is kept in `bodies`: tests assert on what was asked, and how often."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.bodies: list[dict[str, Any]] = []
        self._seen: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, handler: BaseHTTPRequestHandler, server: LoopbackServer) -> None:
        body = json.loads(getattr(handler, "request_body", b"") or b"{}")
        key = json.dumps(body, sort_keys=True)
        with self._lock:
            seen = self._seen[key]
            self._seen[key] += 1
            self.bodies.append(body)
        reply = self.answer(body, seen)
        if reply is None:
            server.release.wait(30)  # far above any client timeout; released at teardown
            handler.close_connection = True
            return
        _send(handler, server, reply)
