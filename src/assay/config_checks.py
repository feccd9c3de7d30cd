"""Declarative checks for config dataclasses: each field's type and range sit next to its definition.

A config field is declared with `setting(default, ...)`, which records its allowed range (and whether it
is part of a run's identity) in the field's metadata. `build(cls, values, where)` then checks a TOML table
against the dataclass in one place: unknown keys, types (int, float, str, dict, Literal choices) and
ranges, each failure a one-line ConfigError naming the key, the value and the reason. Combinations of
fields are `Rule`s: the keys they involve, a predicate, and the reason, checked by `check_rules`.

Nothing here reads files or runs work: checking a config must never write anything.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import Field, dataclass, field, fields
from typing import Any, Literal, TypeVar

from assay.errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True)
class Bounds:
    """The values a number may take; `above` is an exclusive lower bound (for top_p, lr)."""

    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    why: str = ""

    def problem(self, value: float) -> str:
        """'' when value is inside the bounds, else what it must be."""
        if self.at_least is not None and value < self.at_least:
            return f"must be ≥ {_num(self.at_least)}"
        if self.above is not None and value <= self.above:
            return f"must be > {_num(self.above)}"
        if self.at_most is not None and value > self.at_most:
            return f"must be ≤ {_num(self.at_most)}"
        return ""


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def setting(
    default: Any,
    *,
    at_least: float | None = None,
    above: float | None = None,
    at_most: float | None = None,
    why: str = "",
    identity: bool = True,
) -> Any:
    """A config field with its bounds. identity=False: changing it does not change what a run makes
    (threads, batch sizes, prices), so an existing workspace may be re-run with another value."""
    metadata = {"bounds": Bounds(at_least, above, at_most, why), "identity": identity}
    return field(default=default, metadata=metadata)


def is_identity(f: Field[Any]) -> bool:
    """Fields without metadata count as identity: an unmarked new field stops a changed re-run (fail
    closed) rather than letting it reuse samples made under another value."""
    return bool(f.metadata.get("identity", True))


def build(cls: type[T], values: object, where: str) -> T:
    """The dataclass cls built from a TOML table, every key checked; where is like 'x.toml: [train]'."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where} must be a table, not {values!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}  # type: ignore[arg-type]
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where} has no key {key!r}; known: {sorted(known)}")
        _check_value(where, key, value, hints[key], known[key])
    # a float field written as an integer (temperature = 1) is the same setting as 1.0, and must hash so
    checked = {k: float(v) if hints[k] is float else v for k, v in values.items()}
    return cls(**checked)


def _check_value(where: str, key: str, value: object, hint: Any, f: Field[Any]) -> None:
    origin = typing.get_origin(hint)
    if origin is Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            allowed = " or ".join(repr(c) for c in choices)
            raise ConfigError(f"{where} {key} must be {allowed}, not {value!r}")
        return
    expected = origin or hint
    accepted: tuple[type, ...] = (int, float) if expected is float else (expected,)
    if isinstance(value, bool) or not isinstance(value, accepted):
        raise ConfigError(f"{where} {key} must be {expected.__name__}, not {value!r}")
    if isinstance(value, str) and not value.strip():
        raise ConfigError(f"{where} {key} must not be empty")
    if isinstance(value, float) and not math.isfinite(value):  # TOML has nan and inf; no bound catches nan
        raise ConfigError(f"{where} {key} = {value!r}: must be a finite number")
    bounds = f.metadata.get("bounds")
    if isinstance(value, int | float) and isinstance(bounds, Bounds):
        problem = bounds.problem(value)
        if problem:
            reason = f" ({bounds.why})" if bounds.why else ""
            raise ConfigError(f"{where} {key} = {value!r}: {problem}{reason}")


@dataclass(frozen=True)
class Rule:
    """A condition on a combination of fields: the keys it involves ('train.n_embd'), and why."""

    keys: tuple[str, ...]
    holds: Callable[[Any], bool]
    why: str


def check_rules(config: object, rules: Sequence[Rule], where: str) -> None:
    """The first rule config breaks, as a ConfigError naming its keys and their values."""
    for rule in rules:
        if not rule.holds(config):
            shown = ", ".join(f"{_table(key)} = {_lookup(config, key)!r}" for key in rule.keys)
            raise ConfigError(f"{where}: {shown}: {rule.why}")


def _table(dotted: str) -> str:
    """'train.n_head' → '[train] n_head', as the key is written in the TOML file."""
    section, _, key = dotted.rpartition(".")
    return f"[{section}] {key}" if section else key


def _lookup(config: object, dotted: str) -> Any:
    value = config
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def identity_of(config: object, prefix: str = "") -> dict[str, Any]:
    """Every identity field of a (nested) config dataclass, flattened to {'train.steps': 2000, ...}."""
    out: dict[str, Any] = {}
    for f in fields(config):  # type: ignore[arg-type]
        if not is_identity(f):
            continue
        value = getattr(config, f.name)
        name = f"{prefix}{f.name}"
        if hasattr(value, "__dataclass_fields__"):
            out.update(identity_of(value, name + "."))
        else:
            out[name] = dict(value) if isinstance(value, Mapping) else value
    return out
