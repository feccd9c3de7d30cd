"""Generators: `tiny:PATH` (assay's own model) and `openai:BASE_URL#MODEL` (any compatible server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assay.backends.base import Completion, Generator, SamplingSettings, Usage
from assay.errors import ConfigError


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


__all__ = ["Completion", "Generator", "SamplingSettings", "Usage", "make_generator"]
