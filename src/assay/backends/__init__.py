"""Generators: `tiny:PATH` (assay's own model) and `openai:BASE_URL#MODEL` (any compatible server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assay.backends.base import Completion, Generator, SamplingSettings, Usage
from assay.errors import ConfigError


def is_generator_spec(spec: str) -> bool:
    """Whether a pipeline config's `[generate] generator` names one: "tiny" (the model the run trains)
    or "openai:BASE_URL#MODEL" with an http(s) URL and a model name. Checked before any work starts."""
    if spec == "tiny":
        return True
    kind, _, rest = spec.partition(":")
    base_url, hash_sign, model = rest.rpartition("#")
    return (
        kind == "openai"
        and bool(hash_sign)
        and base_url.startswith(("http://", "https://"))
        and bool(base_url.partition("://")[2].strip("/"))
        and bool(model.strip())
    )


def make_generator(spec: str, **options: Any) -> Generator:
    """`tiny:models/v1.pt` or `openai:http://localhost:8000/v1#tiny`."""
    kind, _, rest = spec.partition(":")
    if kind == "tiny" and rest:
        from assay.backends.tiny import TinyGenerator

        return TinyGenerator(Path(rest), **options)
    if kind == "openai" and "#" in rest:
        from assay.backends.openai import OpenAIGenerator

        base_url, _, model = rest.rpartition("#")
        return OpenAIGenerator(base_url, model, **options)
    raise ConfigError(f"generator {spec!r} is neither tiny:PATH nor openai:BASE_URL#MODEL")


__all__ = ["Completion", "Generator", "SamplingSettings", "Usage", "is_generator_spec", "make_generator"]
