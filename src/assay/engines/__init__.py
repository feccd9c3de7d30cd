"""Engines run stages' batch functions: `local` (this process) or `ray` (a Ray cluster). See base.py."""

from __future__ import annotations

from assay.engines.base import Engine, Lent, LocalEngine, batched, lend, resolve, resource
from assay.errors import ConfigError

ENGINES = ("local", "ray")


def make_engine(name: str = "local", *, address: str | None = None, workers: int | None = None) -> Engine:
    """The engine called `name`; `address` joins an existing Ray cluster (default: a local one)."""
    if name == "local":
        return LocalEngine()
    if name == "ray":
        from assay.engines.ray import RayEngine  # imported only when asked for: Ray is an optional extra

        return RayEngine(address=address, workers=workers)
    raise ConfigError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")


__all__ = [
    "ENGINES",
    "Engine",
    "Lent",
    "LocalEngine",
    "batched",
    "lend",
    "make_engine",
    "resolve",
    "resource",
]
