"""Train a tiny model by the recipe: from scratch, from a model in memory (fine-tuning), or resumed from
its checkpoint, so a killed run goes on where it stopped and ends with the weights of one that never
stopped.

A checkpoint is resumed only if it was made with the same recipe and seed: resuming one made under
other settings would silently finish training another model, so that stops with the settings that
differ. The vocabulary of a new model comes from its training pairs alone, so the model depends on
nothing but its data, the recipe and the seed (held-out pairs may change between runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assay.errors import ConfigError
from assay.holds import TRAIN_CHECKPOINT, hold
from assay.model.gpt import GPT
from assay.model.tokenizer import CharTokenizer
from assay.model.trainer import TrainConfig, Trainer, encode_pair, load_state
from assay.training.recipe import Optim, Recipe

NEVER = 10**9  # an eval or checkpoint interval that never comes: only the last step evaluates or saves


def trainer_config(
    optim: Optim, seed: int, checkpoint_every: int = NEVER, eval_every: int = NEVER
) -> TrainConfig:
    """The Trainer's settings: the optimiser of the recipe, the seed, and when to evaluate and save."""
    return TrainConfig(
        steps=optim.steps,
        batch_size=optim.batch_size,
        lr=optim.lr,
        min_lr=optim.min_lr,
        warmup=optim.warmup,
        weight_decay=optim.weight_decay,
        grad_clip=optim.grad_clip,
        eval_every=eval_every,
        checkpoint_every=checkpoint_every,
        seed=seed,
    )


def prepare(
    pairs: Sequence[tuple[str, str]],
    recipe: Recipe,
    seed: int,
    *,
    held_pairs: Sequence[tuple[str, str]] = (),
    checkpoint: Path | None = None,
    checkpoint_every: int = NEVER,
    eval_every: int = NEVER,
    start: tuple[GPT, CharTokenizer] | None = None,
    tokenizer: CharTokenizer | None = None,
) -> Trainer:
    """A Trainer ready to `fit()`: resumed from `checkpoint` if that file exists, else fine-tuning the
    model `start` (its weights are trained in place), else a new model of the recipe's shape.

    With `checkpoint`, the trainer saves there every checkpoint_every steps and at the end. tokenizer:
    the vocabulary of a new model (default: the characters of `pairs`); a resumed or fine-tuned model
    keeps its own. AssayError when an example does not fit the model's block_size."""
    config = trainer_config(recipe.optim, seed, checkpoint_every, eval_every)
    if checkpoint is not None and checkpoint.exists():
        state = load_state(checkpoint)
        changed = checkpoint_changes(state, recipe, seed)
        if changed:
            raise ConfigError(
                f"{checkpoint} was trained with other settings ({'; '.join(changed)}); delete it to train "
                "anew, or write the new model elsewhere"
            )
        vocabulary = CharTokenizer.from_json(state["tokenizer"])  # the checkpoint's own
        trainer = Trainer.resume(
            checkpoint, _encode(vocabulary, pairs), _encode(vocabulary, held_pairs), config=config
        )
    elif start is not None:
        model, vocabulary = start
        trainer = Trainer(
            model, vocabulary, config, _encode(vocabulary, pairs), _encode(vocabulary, held_pairs)
        )
    else:
        vocabulary = tokenizer or CharTokenizer.from_texts(p + r for p, r in pairs)
        trainer = Trainer.create(
            pairs, config, recipe.model.options(), eval_pairs=held_pairs, tokenizer=vocabulary
        )
    trainer.checkpoint_path = checkpoint
    if checkpoint is not None:  # a crash-safety test may hold the run here (`holds.py`)
        trainer.callbacks.append(lambda event: hold(TRAIN_CHECKPOINT) if event.checkpoint else None)
    return trainer


def fitting(pairs: Sequence[tuple[str, str]], block_size: int) -> list[tuple[str, str]]:
    """The pairs that fit a model of block_size as the trainer encodes them (begin token + prompt +
    response); a model's own rambling sample cannot be learnt whole, so the loop leaves it out."""
    return [(p, r) for p, r in pairs if len(p) + len(r) + 1 <= block_size]


def _encode(tokenizer: CharTokenizer, pairs: Sequence[tuple[str, str]]) -> list[tuple[list[int], list[int]]]:
    return [encode_pair(tokenizer, p, r) for p, r in pairs]


# what decides a checkpoint's weights besides its data (eval and checkpoint intervals do not)
_DECIDING = ("n_layer", "n_head", "n_embd", "block_size", *Optim.__dataclass_fields__, "seed")


def checkpoint_changes(state: dict[str, Any], recipe: Recipe, seed: int) -> list[str]:
    """'n_embd 16 → 24' for each setting a checkpoint was made with that differs from the recipe's."""
    made = {**state.get("model_config", {}), **state.get("train_config", {})}
    wanted = {**recipe.model.options(), **asdict(recipe.optim), "seed": seed}
    return [f"{k} {made.get(k)!r} → {wanted[k]!r}" for k in _DECIDING if made.get(k) != wanted[k]]
