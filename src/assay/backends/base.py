"""The Generator contract: prompts in, n completions per prompt out, failures recorded per sample.

A completion either has text or an error saying why not (HTTP 429 after retries, a timeout, garbage
JSON, an empty `choices`). Callers store what succeeded and retry only what failed. The one failure that
raises is one no retry can mend: the server refusing the credentials (`GeneratorAuthError`), which
stops the run at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class SamplingSettings:
    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 0
    max_tokens: int = 128
    stop: tuple[str, ...] = ()
    seed: int = 0


@dataclass(frozen=True)
class TokenLogprob:
    """One generated token, its log probability, and the most likely tokens the server listed for its
    place (`top_logprobs`), as (token, logprob) pairs. Read by the LLM judge (assay.scoring.judge)."""

    token: str
    logprob: float
    top: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Completion:
    prompt_index: int
    sample_index: int
    text: str | None  # None when it failed
    error: str = ""
    finish_reason: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False
    logprobs: tuple[TokenLogprob, ...] = ()  # only when asked for (OpenAIGenerator(top_logprobs=K))


@dataclass
class Usage:
    """Token and cost accounting for a run of a generator."""

    requests: int = 0
    cached: int = 0
    failures: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    by_error: dict[str, int] = field(default_factory=dict)


@runtime_checkable
class Generator(Protocol):
    id: str  # e.g. "tiny:models/v1.pt" or "openai:http://host/v1#model"

    def complete(
        self, prompts: Sequence[str], n: int, settings: SamplingSettings, first_sample: int = 0
    ) -> list[Completion]: ...
