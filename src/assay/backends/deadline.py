"""A deadline on every socket operation of the HTTP backend: connect, TLS, writes, and reads of headers
and body alike.

httpx's timeouts are per operation: a server that sends one byte every few seconds never trips a read
timeout, and could hold a request for hours (in its headers as well as its body). This module wraps
httpcore's network backend so each connect, read and write waits at most until the deadline of the
request the current thread is making (requests are synchronous: the thread that sends a request is the
thread that reads it). Past the deadline an operation raises httpcore's timeout, which httpx turns into
its own, so callers see one kind of failure.

It must never change what is sent or read: only how long each operation may wait.
"""

from __future__ import annotations

import ssl
import threading
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

import httpcore
import httpx

_current = threading.local()  # .at: the deadline (clock seconds) of this thread's request; .clock


class _Clock(Protocol):
    def monotonic(self) -> float: ...


@contextmanager
def deadline(at: float, clock: _Clock) -> Iterator[None]:
    """Every socket operation of this thread waits at most until `at` (on `clock`) inside the block."""
    _current.at, _current.clock = at, clock
    try:
        yield
    finally:
        _current.at = None


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    at: float | None = getattr(_current, "at", None)
    if at is None:
        return timeout
    clock: _Clock = _current.clock
    remaining = at - clock.monotonic()
    if remaining <= 0:
        raise error("the request's deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, bounded, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, bounded, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def transport_with_deadlines(connections: int) -> tuple[httpx.HTTPTransport, bool]:
    """httpx's own transport, its network backend wrapped; False if this httpx offers no backend to wrap
    (then the HTTP backend still checks its deadline between reads of the body, and says so in a test)."""
    transport = httpx.HTTPTransport(
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    )
    pool = getattr(transport, "_pool", None)  # httpx keeps no public handle on it
    inner = getattr(pool, "_network_backend", None)
    if not isinstance(inner, httpcore.NetworkBackend):
        return transport, False
    pool._network_backend = _Backend(inner)  # type: ignore[union-attr]
    return transport, True
