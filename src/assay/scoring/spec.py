"""Scorer specs ("verifier", "prm", "orm:path=FILE", "composite:gate=verifier,rank=prm") → scorers.

A spec is NAME or NAME:OPTIONS, NAME registered in the `assay.scorers` entry-point group. OPTIONS are
comma-separated KEY=VALUE pairs passed to the factory as keyword strings (a composite gets its raw
option text, since its parts are scorer names; so does the LLM judge, `judge:URL#MODEL,mode=pairwise`,
whose first part is a URL, see assay.scoring.judge). A factory that takes `models_dir` gets the workspace's
artifacts/models folder; one that takes `build` gets this function, to build the scorers it combines.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from assay.errors import ConfigError, RegistryError
from assay.registry import Registry
from assay.scoring.base import Scorer


def build(spec: str, models_dir: Path | None = None, registry: Registry | None = None) -> Scorer:
    """The scorer a spec names; ConfigError or RegistryError (one line) if it cannot be made."""
    registry = registry or Registry.from_entry_points()
    name, _, options = (s.strip() for s in spec.partition(":"))
    if not name:
        raise ConfigError(
            f"scorer spec {spec!r} names no scorer; e.g. verifier, prm, composite:gate=verifier,rank=prm"
        )
    factory = registry.factory("scorers", name)
    accepted = _parameters(factory)
    kwargs: dict[str, Any] = {}
    if "options" in accepted:
        kwargs["options"] = options
    elif options:
        for part in filter(None, (p.strip() for p in options.split(","))):
            key, equals, value = (s.strip() for s in part.partition("="))
            if not equals or not key:
                raise ConfigError(f"scorer option {part!r} of {spec!r} is not KEY=VALUE")
            if key not in accepted:
                raise ConfigError(f"scorer {name!r} takes no option {key!r}")
            kwargs[key] = value
    if "models_dir" in accepted:
        kwargs["models_dir"] = models_dir
    if "build" in accepted:
        kwargs["build"] = lambda part: build(part, models_dir, registry)
    scorer = factory(**kwargs)
    if not isinstance(scorer, Scorer):
        raise RegistryError(
            f"scorer {name!r} ({registry.origin('scorers', name)}) has no id and score(batch)"
        )
    return scorer


def _parameters(factory: Any) -> frozenset[str]:
    try:
        return frozenset(inspect.signature(factory).parameters)
    except (TypeError, ValueError):
        return frozenset()
