"""The training recipe: the model's shape and the optimiser with its schedule, as config tables.

One recipe trains every tiny model assay makes: `assay run` ([train.model], [train.optim]), the loop and
the collapse experiment (`model`, and `base` / `finetune` optimisers) and `assay model train` (its
options). Each field's range sits next to it (`config_checks.setting`); combinations are `Rule`s built
for wherever the recipe sits in a config (`recipe_rules("train")`). `build_table` reads a TOML or JSON
table whose fields may themselves be tables, and stops with one line when a key that moved into a
sub-table is written in the old flat place (`[train] n_layer` → `[train.model] n_layer`): an old config
must never be half-read.

Nothing here imports torch: a config is checked on machines without the model extra.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, TypeVar

from assay.config_checks import Rule, build, setting
from assay.errors import ConfigError

T = TypeVar("T")

_POSITIVE = "0 would crash the run after seeding and training"


@dataclass(frozen=True)
class ModelShape:
    """The tiny transformer's shape; everything else about the model follows from the vocabulary."""

    n_layer: int = setting(3, at_least=1, at_most=128, why=_POSITIVE)
    n_head: int = setting(4, at_least=1, at_most=1024, why=_POSITIVE)
    n_embd: int = setting(64, at_least=1, at_most=16_384, why=_POSITIVE)
    block_size: int = setting(160, at_least=8, at_most=65_536, why="the longest sequence, in tokens")

    def options(self) -> dict[str, int]:
        """The GPTConfig keyword arguments (and the keys a checkpoint's model_config records)."""
        return {
            "n_layer": self.n_layer,
            "n_head": self.n_head,
            "n_embd": self.n_embd,
            "block_size": self.block_size,
        }


@dataclass(frozen=True)
class Optim:
    """AdamW with linear warmup then cosine decay from lr to min_lr, over a fixed step budget."""

    steps: int = setting(2000, at_least=1, at_most=10_000_000, why="0 steps would leave no checkpoint")
    batch_size: int = setting(64, at_least=1, at_most=65_536, why=_POSITIVE)
    lr: float = setting(3e-3, above=0, at_most=1, why="the peak learning rate")
    min_lr: float = setting(3e-4, at_least=0, at_most=1, why="the learning rate the schedule ends at")
    warmup: int = setting(100, at_least=0, why="steps of linear warmup")
    weight_decay: float = setting(0.1, at_least=0, at_most=1, why="AdamW's decoupled decay")
    grad_clip: float = setting(1.0, above=0, why="the gradient norm is clipped to this")


@dataclass(frozen=True)
class Recipe:
    """What decides a trained model's weights besides its data and seed."""

    model: ModelShape = field(default_factory=ModelShape)
    optim: Optim = field(default_factory=Optim)


def shape_rules(path: str) -> tuple[Rule, ...]:
    """The rules of a ModelShape found at `path` of a config ('train.model')."""
    return (
        Rule(
            (f"{path}.n_embd", f"{path}.n_head"),
            lambda c: _at(c, path).n_embd % _at(c, path).n_head == 0,
            "n_embd must be a multiple of n_head (each head gets n_embd / n_head dimensions)",
        ),
    )


def optim_rules(path: str) -> tuple[Rule, ...]:
    """The rules of an Optim found at `path` of a config ('train.optim')."""
    return (
        Rule(
            (f"{path}.min_lr", f"{path}.lr"),
            lambda c: _at(c, path).min_lr <= _at(c, path).lr,
            "the schedule decays from lr to min_lr, so min_lr must not exceed lr",
        ),
        Rule(
            (f"{path}.warmup", f"{path}.steps"),
            lambda c: _at(c, path).warmup <= _at(c, path).steps,
            "a warmup longer than training never reaches the peak learning rate",
        ),
    )


def recipe_rules(path: str) -> tuple[Rule, ...]:
    """The rules of a table holding `model` and `optim` at `path` ('train'; '' for a Recipe itself)."""
    prefix = f"{path}." if path else ""
    return (*shape_rules(f"{prefix}model"), *optim_rules(f"{prefix}optim"))


def _at(config: object, dotted: str) -> Any:
    value = config
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def build_table(
    cls: type[T], values: object, where: str, base: T | None = None, moved: Mapping[str, str] | None = None
) -> T:
    """cls from a table whose dataclass-typed fields are sub-tables, every key checked by config_checks.

    where names the table as the user wrote it: 'run.toml: [train]'. base (default: cls's defaults)
    gives the values of keys the table leaves out, in sub-tables too. A key that belongs to a sub-table
    but is written flat (`[train] n_layer`) is refused naming where it goes now; moved names the new
    place of keys that were renamed on the way ({"base_steps": "base.steps"})."""
    if not isinstance(values, dict):
        raise ConfigError(f"{where} must be a table, not {values!r}")
    hints = typing.get_type_hints(cls)
    nested = {f.name: hints[f.name] for f in fields(cls) if is_dataclass(hints[f.name])}  # type: ignore[arg-type]
    for key in values:
        if key in nested or key in hints:
            continue
        if moved and key in moved:
            raise ConfigError(f"{where} {key} has moved: write it as {moved[key]}")
        home = [name for name, kind in nested.items() if key in {f.name for f in fields(kind)}]
        if home:
            new = _sub(where, home[0]).rpartition(": ")[2]  # the table as written, without the file
            raise ConfigError(f"{where} {key} has moved: write it as {new} {key}")
    flat = {k: v for k, v in values.items() if k not in nested}
    built = build(cls, flat, where) if base is None else _over(base, build(cls, flat, where), flat)
    parts: dict[str, Any] = {}
    for name, kind in nested.items():
        inner_base = getattr(base, name) if base is not None else getattr(built, name)
        if name in values:
            parts[name] = build_table(kind, values[name], _sub(where, name), inner_base)
        elif base is not None:
            parts[name] = inner_base
    return replace(built, **parts) if parts else built  # type: ignore[type-var]


def _over(base: T, built: T, given: Mapping[str, Any]) -> T:
    """base with the keys the table gave, as build checked and normalised them (1 → 1.0 for floats)."""
    return replace(base, **{k: getattr(built, k) for k in given})  # type: ignore[type-var]


def _sub(where: str, name: str) -> str:
    """'run.toml: [train]' + 'model' → 'run.toml: [train.model]'; a JSON object 'x.json: model'."""
    if where.endswith("]"):
        return where[:-1] + f".{name}]"
    return f"{where}.{name}"
