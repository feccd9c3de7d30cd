"""The `openai:BASE_URL#MODEL` backend: any OpenAI-compatible chat-completions server.

One request per sample (`n=1`, `seed=sample_seed(seed, j)`), so each sample is cached, retried and
recorded on its own: a re-run asks only for what is not in the cache. Failures never raise: 429, 5xx
and timeouts are retried with exponential backoff and full jitter up to `retries` times; garbage JSON,
truncated bodies and empty `choices` are recorded with their reason. The key comes from an environment
variable (OPENAI_API_KEY by default) and is never stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from assay.backends.base import Completion, SamplingSettings, Usage
from assay.errors import ConfigError
from assay.seeds import sample_seed

RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}


class ResponseCache:
    """(model, prompt, params, sample index) → completion text, in a SQLite file. Safe across threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._lock = threading.Lock()

    @staticmethod
    def key(model: str, prompt: str, settings: SamplingSettings, sample_index: int) -> str:
        blob = json.dumps([model, prompt, settings.__dict__, sample_index], sort_keys=True, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM responses WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, key: str, value: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?)", (key, json.dumps(value)))

    def close(self) -> None:
        self._db.close()


class OpenAIGenerator:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 8,
        retries: int = 4,
        timeout: float = 60.0,
        backoff: float = 0.5,
        max_backoff: float = 20.0,
        cache_path: Path | None = None,
        price_per_million: tuple[float, float] = (0.0, 0.0),  # (prompt, completion) tokens
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"base URL must start with http:// or https://, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.id = f"openai:{self.base_url}#{model}"
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.concurrency = max(1, concurrency)
        self.price = price_per_million
        key = os.environ.get(api_key_env, "")
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self.cache = ResponseCache(cache_path) if cache_path else None
        self.usage = Usage()
        self._usage_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()
        if self.cache:
            self.cache.close()

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]:
        jobs = [(i, j) for i in range(len(prompts)) for j in range(first_sample, first_sample + n)]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(lambda job: self._one(prompts[job[0]], job[0], job[1], settings), jobs))

    # --- one sample ---

    def _one(
        self, prompt: str, prompt_index: int, sample_index: int, settings: SamplingSettings
    ) -> Completion:
        key = ResponseCache.key(self.model, prompt, settings, sample_index)
        if self.cache and (hit := self.cache.get(key)) is not None:
            self._count(cached=1)
            return Completion(
                prompt_index,
                sample_index,
                hit["text"],
                finish_reason=hit["finish_reason"],
                prompt_tokens=hit["prompt_tokens"],
                completion_tokens=hit["completion_tokens"],
                cached=True,
            )
        body = {
            "model": self.model,
            "messages": [{"role": "user", "content": prompt}],
            "n": 1,
            "temperature": settings.temperature,
            "top_p": settings.top_p,
            "max_tokens": settings.max_tokens,
            "seed": sample_seed(settings.seed, sample_index),
        }
        if settings.stop:
            body["stop"] = list(settings.stop)
        error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._count(retries=1)
                time.sleep(random.uniform(0, min(self.max_backoff, self.backoff * 2 ** (attempt - 1))))
            self._count(requests=1)
            try:
                response = self._client.post(f"{self.base_url}/chat/completions", json=body)
            except httpx.TimeoutException:
                error = "timeout"
                continue
            except httpx.HTTPError as exc:
                error = f"connection error: {type(exc).__name__}"
                continue
            if response.status_code in RETRY_STATUS:
                error = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                error = f"HTTP {response.status_code}: {response.text[:200]}"
                break  # a client error does not get better by asking again
            parsed = _parse(response)
            if isinstance(parsed, str):
                error = parsed
                break
            text, finish, prompt_tokens, completion_tokens = parsed
            self._count(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
            if self.cache:
                self.cache.put(
                    key,
                    {
                        "text": text,
                        "finish_reason": finish,
                        "prompt_tokens": prompt_tokens,
                        "completion_tokens": completion_tokens,
                    },
                )
            return Completion(
                prompt_index,
                sample_index,
                text,
                finish_reason=finish,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
            )
        self._count(failures=1, error=error.split(":")[0])
        return Completion(prompt_index, sample_index, None, error=f"{error} (after {attempt + 1} attempt(s))")

    def _count(self, error: str = "", **amounts: int) -> None:
        with self._usage_lock:
            for name, value in amounts.items():
                setattr(self.usage, name, getattr(self.usage, name) + value)
            if error:
                self.usage.by_error[error] = self.usage.by_error.get(error, 0) + 1
            self.usage.cost = (
                self.usage.prompt_tokens * self.price[0] + self.usage.completion_tokens * self.price[1]
            ) / 1e6


def _parse(response: httpx.Response) -> tuple[str, str, int, int] | str:
    """(text, finish_reason, prompt tokens, completion tokens), or why the body is unusable."""
    try:
        data = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return "response is not valid JSON (garbage or truncated body)"
    if not isinstance(data, dict):
        return "response JSON is not an object"
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        return "response has no choices"
    message = choices[0].get("message") if isinstance(choices[0], dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    if not isinstance(content, str):
        return "response choice has no message content"
    usage_value = data.get("usage")
    usage: dict[str, Any] = usage_value if isinstance(usage_value, dict) else {}
    return (
        content,
        str(choices[0].get("finish_reason") or ""),
        int(usage.get("prompt_tokens") or 0),
        int(usage.get("completion_tokens") or 0),
    )
