"""Generators: `tiny:PATH` (assay's own model) and `openai:BASE_URL#MODEL` (any compatible server).

Both are registered under the entry-point group `assay.generators` by their scheme (`tiny`, `openai`),
exactly as a third-party generator is: `make_generator` reads the scheme and asks the registry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assay.backends.base import Completion, Generator, SamplingSettings, Usage
from assay.errors import ConfigError, RegistryError

if TYPE_CHECKING:  # (the registry loads this module's factories: no import at run time)
    from assay.registry import Registry


def is_generator_spec(spec: str) -> bool:
    """Whether a pipeline config's `[generate] generator` names one: "tiny" (the model the run trains)
    or "openai:BASE_URL#MODEL" with an http(s) URL and a model name, or "SCHEME:TARGET" for a generator
    plugin's scheme (`run_plan` checks that it is installed). Checked before any work starts."""
    if spec == "tiny":
        return True
    kind, colon, rest = spec.partition(":")
    if kind != "openai":  # a plugin's scheme: whether it is installed is checked with the registry
        return bool(colon and rest.strip() and re.fullmatch(r"[a-z][a-z0-9_.-]*", kind))
    base_url, hash_sign, model = rest.rpartition("#")
    return (
        kind == "openai"
        and bool(hash_sign)
        and base_url.startswith(("http://", "https://"))
        and bool(base_url.partition("://")[2].strip("/"))
        and bool(model.strip())
    )


def tiny_generator(target: str, **options: Any) -> Generator:
    """`tiny:PATH`: assay's own model from a checkpoint (registered as the `tiny` generator scheme)."""
    if not target:
        raise ConfigError("generator 'tiny:' needs the checkpoint's path: tiny:PATH")
    from assay.backends.tiny import TinyGenerator

    return TinyGenerator(Path(target), **options)


def openai_generator(target: str, **options: Any) -> Generator:
    """`openai:BASE_URL#MODEL`: any OpenAI-compatible server (registered as the `openai` scheme)."""
    base_url, hash_sign, model = target.rpartition("#")
    if not hash_sign or not base_url or not model:
        raise ConfigError(f"generator 'openai:{target}' is not openai:BASE_URL#MODEL")
    from assay.backends.openai import OpenAIGenerator

    return OpenAIGenerator(base_url, model, **options)


def make_generator(spec: str, registry: Registry | None = None, **options: Any) -> Generator:
    """A generator by its spec, `SCHEME:TARGET`, through the `assay.generators` entry points: built-in
    `tiny:models/v1.pt` and `openai:http://localhost:8000/v1#tiny` come by the same road as a plugin's."""
    from assay.registry import Registry

    try:
        generator = (registry or Registry.from_entry_points()).generator(spec, **options)
    except RegistryError as exc:
        raise ConfigError(f"generator {spec!r}: {exc}") from None
    if not isinstance(generator, Generator):
        raise ConfigError(f"generator {spec!r} does not follow the Generator contract (id and complete)")
    return generator


__all__ = [
    "Completion",
    "Generator",
    "SamplingSettings",
    "Usage",
    "is_generator_spec",
    "make_generator",
    "openai_generator",
    "tiny_generator",
]
