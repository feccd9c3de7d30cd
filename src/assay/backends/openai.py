"""The `openai:BASE_URL#MODEL` backend: any OpenAI-compatible chat-completions server.

One request per sample (`n=1`, `seed=sample_seed(seed, j)`), so each sample is cached, retried and
recorded on its own: a re-run asks only for what is not in the cache.

What a server can do to a run, and what happens:
- 429, 408, 409, 5xx, timeouts, dropped connections: retried up to `retries` times, waiting what the
  server asks for in `Retry-After` (seconds or an HTTP date; `retry-after-ms` too), otherwise an
  exponential backoff with full jitter. A wait that would pass the deadline is not waited: the sample
  fails at once.
- A slow server: `timeout` bounds connecting and each read; `deadline` bounds one sample (every
  attempt and wait): every socket operation (connect, TLS, each read of headers or body) waits at most
  until it (assay.backends.deadline), so a server dripping a byte at a time is cut off at the deadline.
- A huge answer: the body is read in pieces (decompressed in bounded steps) and abandoned as soon as it
  passes `max_response_bytes`; nothing larger is ever held in memory, stored or cached.
- Garbage: a body that is not JSON, a JSON without a usable choice, text that cannot be stored
  (lone surrogates, NUL): recorded as the sample's failure with the reason. A bad usage field
  (`"prompt_tokens": "ten"`) only loses the token count; the text is kept.
- 401 / 403: raises GeneratorAuthError at once (the run stops with one line): every other request would
  fail the same way.
- Log probabilities: asked for only with `top_logprobs=K` (the LLM judge weighs its score by them); a
  server that sends none, or sends them malformed, gives a completion without them, never a failure.

Every other failure is recorded on its sample and never raised. The key comes from an environment
variable (OPENAI_API_KEY by default), is never stored, and is blanked out of any message.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from assay.backends.base import Completion, SamplingSettings, TokenLogprob, Usage
from assay.backends.deadline import deadline as sockets_deadline
from assay.backends.deadline import transport_with_deadlines
from assay.backends.responses import (
    Clock,
    Failure,
    SystemClock,
    checked_text,
    error_message,
    parse_chat,
    read_body,
    retry_after,
    token_count,
)
from assay.errors import ConfigError, GeneratorAuthError, StoreError
from assay.seeds import sample_seed

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}
AUTH_STATUS = {401, 403}
ERROR_BODY_BYTES = 4096  # of an error response, only a snippet for the message is read
CACHE_VERSION = 2  # v2: the key is the exact request (URL and body), not a hand-picked subset of it
MAX_TOP_LOGPROBS = 20  # OpenAI's and vLLM's bound


class ResponseCache:
    """The exact request of one sample → its completion, in a SQLite file. Safe across threads.

    The key hashes everything sent (URL, model, messages, every sampling parameter, the seed) plus the
    sample index, so no setting can be left out of it by a later edit: a new field in the request is a
    new key. A row that cannot be read back is a miss, never a crash.
    """

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the response cache {path}: {exc}") from exc
        self.path = path
        self._lock = threading.Lock()
        self._closed = False

    @staticmethod
    def key(url: str, body: dict[str, Any], sample_index: int) -> str:
        blob = json.dumps([CACHE_VERSION, url, body, sample_index], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> Completion | None:
        try:
            with self._lock:
                self._check_open()
                row = self._db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the response cache {self.path}: {exc}") from exc
        if row is None:
            return None
        try:
            value = json.loads(row[0])
            return Completion(
                0,
                0,
                checked_text(value["text"]),
                finish_reason=str(value["finish_reason"]),
                prompt_tokens=token_count(value["prompt_tokens"]),
                completion_tokens=token_count(value["completion_tokens"]),
                cached=True,
                logprobs=_logprobs(value.get("logprobs")),
            )
        except (ValueError, TypeError, KeyError):
            return None  # written by something else, or damaged: ask the server again

    def put(self, key: str, completion: Completion) -> None:
        value: dict[str, object] = {
            "text": completion.text,
            "finish_reason": completion.finish_reason,
            "prompt_tokens": completion.prompt_tokens,
            "completion_tokens": completion.completion_tokens,
        }
        if completion.logprobs:
            value["logprobs"] = [
                {"token": t.token, "logprob": t.logprob, "top_logprobs": [list(pair) for pair in t.top]}
                for t in completion.logprobs
            ]
        try:
            with self._lock:
                self._check_open()
                self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?)", (key, json.dumps(value)))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the response cache {self.path}: {exc}") from exc

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"the response cache {self.path} is closed")

    def close(self) -> None:
        # under the lock: closing an SQLite connection while another thread runs a statement on it
        # crashes the interpreter (a request still in flight after an auth error did exactly that)
        with self._lock:
            if not self._closed:
                self._db.close()
                self._closed = True


class OpenAIGenerator:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 8,
        retries: int = 4,
        timeout: float = 60.0,
        deadline: float = 300.0,
        max_response_bytes: int = 4_000_000,
        backoff: float = 0.5,
        max_backoff: float = 20.0,
        cache_path: Path | None = None,
        price_per_million: tuple[float, float] = (0.0, 0.0),  # (prompt, completion) tokens
        top_logprobs: int = 0,  # > 0: ask for each token's K most likely alternatives (LLM judges)
        transport: httpx.BaseTransport | None = None,
        clock: Clock | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"base URL must start with http:// or https://, not {base_url!r}")
        _require(
            isinstance(concurrency, int) and concurrency >= 1, "concurrency", "an integer ≥ 1", concurrency
        )
        _require(isinstance(retries, int) and retries >= 0, "retries", "an integer ≥ 0", retries)
        for name, value in (("timeout", timeout), ("deadline", deadline)):
            _require(math.isfinite(value) and value > 0, name, "a number of seconds > 0", value)
        _require(
            isinstance(max_response_bytes, int) and max_response_bytes >= 1,
            "max_response_bytes",
            "an integer ≥ 1",
            max_response_bytes,
        )
        _require(0 <= backoff <= max_backoff, "backoff", "between 0 and max_backoff", backoff)
        _require(
            isinstance(top_logprobs, int) and 0 <= top_logprobs <= MAX_TOP_LOGPROBS,
            "top_logprobs",
            f"an integer from 0 to {MAX_TOP_LOGPROBS}",
            top_logprobs,
        )
        self.top_logprobs = top_logprobs
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.id = f"openai:{self.base_url}#{model}"
        self.retries = retries
        self.timeout = float(timeout)
        self.deadline = float(deadline)
        self.max_response_bytes = max_response_bytes
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.concurrency = concurrency
        self.price = price_per_million
        self.api_key_env = api_key_env
        self._key = os.environ.get(api_key_env, "").strip()
        if not (self._key.isascii() and self._key.isprintable()):  # an HTTP header could not carry it
            raise ConfigError(f"${api_key_env} holds characters an API key cannot have (not shown)")
        headers = {"Accept-Encoding": "gzip"}  # decoded here in bounded steps, never by httpx at once
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        # the default transport bounds every socket operation by the request's deadline (headers too)
        self.deadline_on_sockets = False
        if transport is None:
            transport, self.deadline_on_sockets = transport_with_deadlines(max(100, concurrency))
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self._clock: Clock = clock or SystemClock()
        self.cache = ResponseCache(cache_path) if cache_path else None
        self.usage = Usage()
        self._usage_lock = threading.Lock()
        self._auth_error: GeneratorAuthError | None = None  # once set, every call raises it
        self._orphans: list[ThreadPoolExecutor] = []  # pools left running after an auth error

    def close(self) -> None:
        """Waits for requests still in flight (after an auth error `complete` returns without them),
        then closes the client and the cache: no thread, socket or statement outlives the generator.
        In that order: a request already past the client's open check when the client closes still
        makes its connection, in a pool that close has already emptied, so nothing would close it."""
        while self._orphans:
            self._orphans.pop().shutdown(wait=True)
        self._client.close()
        if self.cache:
            self.cache.close()

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        if self._auth_error is not None:
            raise self._auth_error
        jobs = [(i, j) for i in range(len(prompts)) for j in range(first_sample, first_sample + n)]
        pool = ThreadPoolExecutor(max_workers=min(self.concurrency, max(1, len(jobs))))
        try:
            futures = [pool.submit(self._one, prompts[i], i, j, settings) for i, j in jobs]
            return [future.result() for future in futures]
        finally:
            # after an auth error nothing queued is sent; requests in flight end on their own bounds,
            # and `close` waits for them
            pool.shutdown(wait=self._auth_error is None, cancel_futures=True)
            if self._auth_error is not None:
                self._orphans.append(pool)

    # --- one sample ---

    def _one(
        self, prompt: str, prompt_index: int, sample_index: int, settings: SamplingSettings
    ) -> Completion:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "user", "content": prompt}],
            "n": 1,
            "temperature": settings.temperature,
            "top_p": settings.top_p,
            "max_tokens": settings.max_tokens,
            "seed": sample_seed(settings.seed, sample_index),
        }
        if settings.top_k:
            body["top_k"] = settings.top_k  # not in OpenAI's API; vLLM, SGLang and assay serve read it
        if settings.stop:
            body["stop"] = list(settings.stop)
        if self.top_logprobs:  # (part of the body, so of the cache key: a request with them is another)
            body["logprobs"] = True
            body["top_logprobs"] = self.top_logprobs
        url = f"{self.base_url}/chat/completions"
        key = ResponseCache.key(url, body, sample_index)
        if self.cache and (hit := self.cache.get(key)) is not None:
            self._count(cached=1)
            return replace(hit, prompt_index=prompt_index, sample_index=sample_index)
        deadline = self._clock.monotonic() + self.deadline
        attempts = 0
        while True:
            if self._auth_error is not None:
                raise self._auth_error
            attempts += 1
            self._count(requests=1)
            outcome = self._attempt(url, body, deadline)
            if isinstance(outcome, Completion):
                done = Completion(
                    prompt_index,
                    sample_index,
                    outcome.text,
                    finish_reason=outcome.finish_reason,
                    prompt_tokens=outcome.prompt_tokens,
                    completion_tokens=outcome.completion_tokens,
                    logprobs=outcome.logprobs,
                )
                self._count(prompt_tokens=done.prompt_tokens, completion_tokens=done.completion_tokens)
                if self.cache:
                    self.cache.put(key, done)
                return done
            failure = outcome
            if not outcome.retry or attempts > self.retries:
                break
            wait = outcome.retry_after
            if wait is None:
                wait = random.uniform(0, min(self.max_backoff, self.backoff * 2 ** (attempts - 1)))
            if self._clock.monotonic() + wait >= deadline:
                failure = Failure(f"{outcome.error}; the next try (in {wait:.3g} s) would pass the deadline")
                break
            self._count(retries=1)
            self._clock.sleep(wait)
        self._count(failures=1, error=failure.error.split(":")[0].split(";")[0])
        error = f"{failure.error} (after {attempts} attempt(s))"
        return Completion(prompt_index, sample_index, None, error=error)

    def _attempt(self, url: str, body: dict[str, Any], deadline: float) -> Completion | Failure:
        """One request: a completion, or why not and whether to ask again. Raises only on 401/403."""
        remaining = deadline - self._clock.monotonic()
        if remaining <= 0:
            return Failure(f"deadline of {self.deadline:g} s passed")
        try:
            # ASCII JSON: a prompt with a lone surrogate is sent escaped instead of crashing the encoder
            payload = json.dumps(body, ensure_ascii=True, allow_nan=False).encode()
        except ValueError as exc:  # NaN or infinity in a sampling setting
            return Failure(f"request cannot be written as JSON: {exc}")
        try:
            timeout = httpx.Timeout(min(self.timeout, remaining))
            headers = {"Content-Type": "application/json"}
            with (
                sockets_deadline(deadline, self._clock),
                self._client.stream(
                    "POST", url, content=payload, headers=headers, timeout=timeout
                ) as response,
            ):
                status = response.status_code
                if not 200 <= status < 300:
                    snippet = read_body(response, ERROR_BODY_BYTES, deadline, self._clock, truncate=True)
                    text = self._redact(error_message(snippet)) if isinstance(snippet, bytes) else ""
                    if status in AUTH_STATUS:
                        self._auth_error = GeneratorAuthError(
                            f"{self.base_url} refused the credentials (HTTP {status}): "
                            f"{text or 'no message'}; the key is read from ${self.api_key_env} "
                            f"({'set' if self._key else 'not set'})"
                        )
                        raise self._auth_error
                    if status in RETRY_STATUS:
                        wait = retry_after(response.headers, self._clock.time())
                        return Failure(f"HTTP {status}", retry=True, retry_after=wait)
                    return Failure(f"HTTP {status}: {text}")  # a client error does not get better
                answer = read_body(response, self.max_response_bytes, deadline, self._clock)
        except httpx.TimeoutException:
            if self._clock.monotonic() >= deadline:
                return Failure("deadline passed (the server was still sending)")
            return Failure("timeout", retry=True)
        except httpx.HTTPError as exc:  # refused, reset, truncated body, broken framing
            return Failure(f"connection error: {type(exc).__name__}", retry=True)
        if isinstance(answer, Failure):
            return answer
        completion = parse_chat(answer)
        if self.top_logprobs and isinstance(completion, Completion):
            completion = replace(completion, logprobs=read_logprobs(answer))
        return completion

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def _count(self, error: str = "", **amounts: int) -> None:
        with self._usage_lock:
            for name, value in amounts.items():
                setattr(self.usage, name, getattr(self.usage, name) + value)
            if error:
                self.usage.by_error[error] = self.usage.by_error.get(error, 0) + 1
            self.usage.cost = (
                self.usage.prompt_tokens * self.price[0] + self.usage.completion_tokens * self.price[1]
            ) / 1e6


def _require(ok: bool, name: str, what: str, value: object) -> None:
    if not ok:
        raise ConfigError(f"HTTP generator: {name} must be {what}, not {value!r}")


def read_logprobs(payload: bytes) -> tuple[TokenLogprob, ...]:
    """The first choice's token log probabilities (`choices[0].logprobs.content`), or () when the body
    has none or any entry is malformed: a judge then reads the text alone (never half a list)."""
    try:
        data = json.loads(payload)
        choice = data["choices"][0]
        return _logprobs(choice["logprobs"]["content"])
    except (ValueError, RecursionError, LookupError, TypeError):
        return ()


def _logprobs(entries: object) -> tuple[TokenLogprob, ...]:
    """Checked TokenLogprobs from JSON (a response's `content` list or a cache row); () if malformed."""
    if not isinstance(entries, list):
        return ()
    out: list[TokenLogprob] = []
    for entry in entries:
        if not isinstance(entry, dict):
            return ()
        token, logprob = entry.get("token"), _logprob(entry.get("logprob"))
        top = entry.get("top_logprobs") or []
        if not isinstance(token, str) or logprob is None or not isinstance(top, list):
            return ()
        pairs: list[tuple[str, float]] = []
        for alternative in top:
            if isinstance(alternative, dict):  # a server's {"token", "logprob"}
                name, value = alternative.get("token"), _logprob(alternative.get("logprob"))
            elif isinstance(alternative, list) and len(alternative) == 2:  # a cache row's [token, logprob]
                name, value = alternative[0], _logprob(alternative[1])
            else:
                return ()
            if not isinstance(name, str) or value is None:
                return ()
            pairs.append((name, value))
        out.append(TokenLogprob(token, logprob, tuple(pairs)))
    return tuple(out)


def _logprob(value: object) -> float | None:
    """A log probability (finite, ≤ 0), or None. A server's -9999 for "nothing" is a valid tiny value."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) and number <= 0 else None
