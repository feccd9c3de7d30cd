"""The loop's config: the task and counts of each generation, and the training recipe it runs with.

The model's shape (`model`) and the two optimisers (`base`: generation 0, and every generation trained
from scratch; `finetune`: each later generation) are assay.training's tables, checked by the same ranges
and rules as `assay run`'s [train.model] and [train.optim]. A config is read from TOML ([loop]) or JSON
on top of a base config (the collapse experiment's defaults), every key checked, each error one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assay.config_checks import check_rules, setting
from assay.training.recipe import ModelShape, Optim, Recipe, build_table, optim_rules, shape_rules

_COUNT = "a count of 0 leaves nothing to train on or measure"


def _model() -> ModelShape:
    return ModelShape(n_layer=2, n_head=4, n_embd=64, block_size=72)


def _base() -> Optim:
    return Optim(steps=1500, batch_size=64, lr=3e-3, min_lr=3e-3 / 10, warmup=100)


def _finetune() -> Optim:
    return Optim(steps=300, batch_size=64, lr=1e-3, min_lr=1e-3 / 10, warmup=30)


@dataclass(frozen=True)
class LoopConfig:
    task: str = setting("linear")
    task_config: dict[str, Any] = field(default_factory=dict)  # the task's own config
    seed_examples: int = setting(2000, at_least=1, at_most=1_000_000, why="human seed traces, in memory")
    seed_noise: float = setting(0.05, at_least=0, at_most=1, why="a share of the seed traces")
    generations: int = setting(4, at_least=1, at_most=1000, why=_COUNT)
    problems: int = setting(1000, at_least=1, at_most=1_000_000, why="fresh problems per generation")
    samples: int = setting(2, at_least=1, at_most=1024, why="answers per problem, at temperature")
    temperature: float = setting(1.0, at_least=0, at_most=2, why="0 is greedy")
    max_tokens: int = setting(56, at_least=1, at_most=100_000, why="a sample of 0 tokens is empty")
    eval_problems: int = setting(300, at_least=1, at_most=100_000, why=_COUNT)
    # each generation is fine-tuned from the "base" model, from the "current" one, or trained from "scratch"
    start: Literal["base", "current", "scratch"] = setting("base")
    # alarm when distinct-3 falls this far below the human reference
    diversity_drop: float = setting(0.3, at_least=0, at_most=1, why="a share of the human reference")
    model: ModelShape = field(default_factory=_model)
    base: Optim = field(default_factory=_base)  # generation 0, and every generation from scratch
    finetune: Optim = field(default_factory=_finetune)  # generations 1.. from the base or current model

    @property
    def base_recipe(self) -> Recipe:
        return Recipe(self.model, self.base)

    @property
    def finetune_recipe(self) -> Recipe:
        return Recipe(self.model, self.finetune)

    @classmethod
    def from_json(
        cls, data: object, base: LoopConfig | None = None, where: str = "loop config"
    ) -> LoopConfig:
        """base (default: the defaults) with the keys of data, sub-tables too; ConfigError naming the key."""
        config = build_table(cls, data, where, base or cls(), MOVED)
        check_rules(config, RULES, where)
        return config


RULES = (*shape_rules("model"), *optim_rules("base"), *optim_rules("finetune"))

# the flat keys of the loop's config before the recipe was assay.training's
MOVED = {
    "base_steps": "base.steps",
    "finetune_steps": "finetune.steps",
    "lr": "base.lr",
    "finetune_lr": "finetune.lr",
    "batch_size": "base.batch_size and finetune.batch_size",
    "n_layer": "model.n_layer",
    "n_head": "model.n_head",
    "n_embd": "model.n_embd",
    "block_size": "model.block_size",
}
