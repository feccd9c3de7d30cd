"""The Task contract and what every procedural task shares: configs, reproducible randomness.

A task makes problems: `Task.generate(seed, index) -> Problem`. The same (task, config, seed, index)
always gives a byte-identical problem, because the randomness of each item comes from a hash of exactly
those (not from `seed + index`, whose streams would overlap between neighbouring seeds).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from assay.errors import ConfigError
from assay.records import Problem


@runtime_checkable
class Task(Protocol):
    """Makes problems. Registered under the entry-point group `assay.tasks`."""

    name: ClassVar[str]
    domain: ClassVar[str]
    description: ClassVar[str]
    version: ClassVar[str]

    def generate(self, seed: int, index: int) -> Problem: ...


@dataclasses.dataclass(frozen=True)
class NoConfig:
    """The config of a task that has no settings."""


class ProceduralTask:
    """The base of every procedural task, built-in or plugin: a frozen config built from plain values
    (errors name the key), the item's own random stream, and the problem record with its source.

    A subclass sets `name`, `domain`, `description` (and `version`, `Config` if it has settings) and
    writes `generate(seed, index)`, drawing only from `self.rng(seed, index)`::

        class Wordle(ProceduralTask):
            name, domain, description = "wordle", "wordle", "guess a five-letter word"

            def generate(self, seed: int, index: int) -> Problem:
                rng = self.rng(seed, index)
                ...
                return self.problem(seed, index, prompt, {"answer": word})
    """

    name: ClassVar[str]
    domain: ClassVar[str]
    description: ClassVar[str]
    # a new version makes other problems from the same seed, so runs record it (see run_identity)
    version: ClassVar[str] = "1"
    Config: ClassVar[type] = NoConfig
    # (the config, its task and version, the hash prefix they make): see `rng`
    _rng_prefix: tuple[object, str, str] | None = None

    def __init__(self, config: Mapping[str, Any] | None = None, **overrides: Any) -> None:
        self.config: Any = make_config(self.Config, {**(config or {}), **overrides}, self.name)

    def rng(self, seed: int, index: int) -> random.Random:
        """The random stream of item (seed, index) of this task, version and config."""
        config = self.config
        params = getattr(config, "__dataclass_params__", None)
        if params is None or not params.frozen:
            return item_rng(self.name, self.version, config, seed, index)
        # a frozen config: the hashed prefix that names the task, version and config is made once (a
        # task makes many items, and its config as JSON costs more than the hash), again if replaced
        made = self._rng_prefix
        if made is None or made[0] is not config or made[1] != f"{self.name}@{self.version}|":
            made = (config, f"{self.name}@{self.version}|", _item_prefix(self.name, self.version, config))
            self._rng_prefix = made
        return _item_rng(made[2], seed, index)

    def problem(self, seed: int, index: int, prompt: str, reference: dict[str, Any]) -> Problem:
        """The problem record of item (seed, index), its source naming the task, version and item."""
        return Problem(
            domain=self.domain,
            task=self.name,
            prompt=prompt,
            reference=reference,
            source=f"procedural:{self.name}@{self.version}#{seed}/{index}",
        )


def item_rng(task: str, version: str, config: object, seed: int, index: int) -> random.Random:
    """The random stream of one item, derived from a hash of everything that defines it."""
    return _item_rng(_item_prefix(task, version, config), seed, index)


def _item_prefix(task: str, version: str, config: object) -> str:
    config_json = json.dumps(
        dataclasses.asdict(config) if dataclasses.is_dataclass(config) else config,  # type: ignore[arg-type]
        sort_keys=True,
        default=str,
    )
    return f"{task}@{version}|{config_json}|"


def _item_rng(prefix: str, seed: int, index: int) -> random.Random:
    blob = f"{prefix}{seed}|{index}".encode()
    return random.Random(int.from_bytes(hashlib.sha256(blob).digest()[:16], "big"))


C = TypeVar("C")


def make_config(config_type: type[C], values: Mapping[str, Any] | None, task: str) -> C:
    """Build a task's frozen config from plain values, with errors that name the key and the reason."""
    values = dict(values or {})
    known = {f.name: f for f in dataclasses.fields(config_type)}  # type: ignore[arg-type]
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"task {task}: unknown config key(s) {unknown}; known: {sorted(known)}")
    hints = typing.get_type_hints(config_type)
    for key, value in values.items():
        expected = hints[key]
        if expected is bool and not isinstance(value, bool):
            raise ConfigError(f"task {task}: config key {key!r} must be true or false, not {value!r}")
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ConfigError(f"task {task}: config key {key!r} must be an integer, not {value!r}")
    try:
        return config_type(**values)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"task {task}: {exc}") from exc


def config_fields(config_type: type) -> list[tuple[str, str, Any]]:
    """(name, type, default) of each config field, for `assay tasks list`."""
    hints = typing.get_type_hints(config_type)
    out = []
    for f in dataclasses.fields(config_type):
        type_name = getattr(hints[f.name], "__name__", str(hints[f.name]))
        out.append((f.name, type_name, f.default))
    return out
