"""Reading one HTTP response of an OpenAI-compatible server, defensively: bounded in size and time,
every field checked, every way of being unusable turned into a reason (never an exception).

Used by assay.backends.openai; nothing here sends a request or touches the network on its own.
"""

from __future__ import annotations

import email.utils
import json
import math
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any, Protocol

import httpx

from assay.backends.base import Completion


class Clock(Protocol):
    """Time as the client sees it; tests pass a fake one so that no test waits or depends on timing."""

    def monotonic(self) -> float: ...
    def time(self) -> float: ...  # wall clock, only to read a Retry-After given as an HTTP date
    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@dataclass(frozen=True)
class Failure:
    error: str
    retry: bool = False
    retry_after: float | None = None  # seconds the server asked us to wait


# --- reading a response ---------------------------------------------------------------------------------


def read_body(
    response: httpx.Response, cap: int, deadline: float, clock: Clock, truncate: bool = False
) -> bytes | Failure:
    """The decoded body, read piece by piece; never more than `cap` bytes held, never past the deadline.

    With truncate, a longer body is cut at `cap` (error snippets); otherwise it fails the attempt.
    """
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and len(declared) < 20 and int(declared) > cap:
        return Failure(f"response too large: {declared} bytes declared, the cap is {cap}")
    out = bytearray()
    try:
        for piece in _decoded(response, cap + 1):
            out += piece
            if len(out) > cap:
                if truncate:
                    return bytes(out[:cap])
                return Failure(f"response too large: more than {cap} bytes (max_response_bytes)")
            if clock.monotonic() > deadline:
                return Failure("deadline passed while reading the response")
    except zlib.error:
        return Failure("response body is not valid gzip/deflate")
    except _UnsupportedEncoding as exc:
        return Failure(str(exc))
    return bytes(out)


class _UnsupportedEncoding(ValueError):
    pass


def _decoded(response: httpx.Response, limit: int) -> Iterator[bytes]:
    """Body bytes, decompressed at most `limit` bytes per step (a gzip bomb never expands at once)."""
    if response.is_stream_consumed:  # a body httpx already holds, decoded (in-process transports)
        yield response.content
        return
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity"):
        yield from response.iter_raw()
        return
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    else:
        raise _UnsupportedEncoding(f"response has an unsupported Content-Encoding {encoding[:40]!r}")
    for raw in response.iter_raw():
        data = raw
        while data:
            piece = decoder.decompress(data, limit)
            yield piece
            data = decoder.unconsumed_tail
            if not piece and data:
                raise zlib.error("decoder made no progress")


def retry_after(headers: httpx.Headers, now: float) -> float | None:
    """Seconds to wait, from `retry-after-ms` or `Retry-After` (seconds or an HTTP date); None if absent."""
    milliseconds = headers.get("retry-after-ms", "").strip()
    if milliseconds and len(milliseconds) < 20:
        try:
            value = float(milliseconds)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and value >= 0:
            return value / 1000
    raw = headers.get("retry-after", "").strip()
    if not raw or len(raw) > 64:
        return None
    if raw.isascii() and raw.isdigit():
        return float(int(raw))
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is GMT; a zone-less one is read as that
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


def error_message(payload: bytes | dict[str, Any]) -> str:
    """One line for an error body: the server's `error.message` when it has one, else the raw text."""
    if isinstance(payload, dict):
        data: object = payload
        text = ""
    else:
        text = payload.decode("utf-8", "replace")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            data = None
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            text = error["message"]
        elif isinstance(error, str):
            text = error
    # one printable line: a server's text goes into a terminal and a log, never its escape sequences
    printable = "".join(c if c.isprintable() else " " for c in text[:2000])
    return " ".join(printable.split())[:200]


def parse_chat(payload: bytes) -> Completion | Failure:
    """A completion (indices left 0), or why the body is unusable. Reads every field defensively."""
    try:
        data = json.loads(payload)
    except (ValueError, RecursionError):  # bad JSON or UTF-8, 5000-digit ints, nesting too deep
        return Failure("response is not valid JSON (garbage or truncated body)")
    if not isinstance(data, dict):
        return Failure("response JSON is not an object")
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        if "error" in data:
            return Failure(f"server answered with an error: {error_message(data)}")
        return Failure("response has no choices")
    choice = choices[0]
    message = choice.get("message") if isinstance(choice, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        return Failure("response choice has no message content")
    try:
        text = checked_text(content)
    except ValueError as exc:
        return Failure(str(exc))
    finish = choice.get("finish_reason")
    usage = data.get("usage")
    counts: dict[str, Any] = usage if isinstance(usage, dict) else {}
    return Completion(
        0,
        0,
        text,
        finish_reason=finish[:40] if isinstance(finish, str) else "",
        prompt_tokens=token_count(counts.get("prompt_tokens")),
        completion_tokens=token_count(counts.get("completion_tokens")),
    )


def checked_text(value: object) -> str:
    """Text every store can hold: a str with no lone surrogates and no NUL (PostgreSQL refuses NUL)."""
    if not isinstance(value, str):
        raise ValueError("response text is not a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("response text is not valid Unicode (a lone surrogate)") from None
    if "\x00" in value:
        raise ValueError("response text contains a NUL character")
    return value


def token_count(value: object) -> int:
    """A usage count, or 0 when the server wrote something else ("ten", -3, 1.5, true, 10**40)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**53:
        return 0
    return value
