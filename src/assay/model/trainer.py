"""Training: a `Trainer` with AdamW, warmup + cosine LR, gradient clipping, periodic eval, checkpoints.

Data are (prompt, response) pairs; the loss counts only the response and its end token, so the model
learns to answer, not to repeat questions. The checkpoint format is `assay.model.checkpoint`'s; what
recipe a model is trained with, and resuming it, is `assay.training`'s.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

import torch
from torch.nn import functional as F

from assay.errors import AssayError
from assay.model.checkpoint import load_model, load_state, model_from_state, save_state
from assay.model.gpt import GPT, GPTConfig
from assay.model.tokenizer import BOS, EOS, PAD, CharTokenizer

IGNORE = -100


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 2000
    batch_size: int = 64
    lr: float = 3e-3
    min_lr: float = 3e-4
    warmup: int = 100
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    eval_every: int = 250
    checkpoint_every: int = 500
    seed: int = 0


class Callback(Protocol):
    def __call__(self, event: TrainEvent) -> None: ...


@dataclass(frozen=True)
class TrainEvent:
    """What a callback hears: every step, and after each eval and checkpoint."""

    step: int
    loss: float
    lr: float
    eval_loss: float | None = None
    checkpoint: Path | None = None
    tokens_per_second: float = 0.0


def encode_pair(tokenizer: CharTokenizer, prompt: str, response: str) -> tuple[list[int], list[int]]:
    """Input ids and targets for one pair; the prompt's targets are ignored."""
    prompt_ids = [BOS, *tokenizer.encode(prompt)]
    response_ids = [*tokenizer.encode(response), EOS]
    ids = prompt_ids + response_ids
    targets = [IGNORE] * (len(prompt_ids) - 1) + response_ids
    return ids[:-1], targets


def make_batch(examples: Sequence[tuple[list[int], list[int]]]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(x) for x, _ in examples)
    inputs = torch.full((len(examples), width), PAD, dtype=torch.long)
    targets = torch.full((len(examples), width), IGNORE, dtype=torch.long)
    for row, (x, y) in enumerate(examples):
        inputs[row, : len(x)] = torch.tensor(x)
        targets[row, : len(y)] = torch.tensor(y)
    return inputs, targets


def lr_at(step: int, config: TrainConfig) -> float:
    """Linear warmup, then cosine decay from lr to min_lr."""
    if step < config.warmup:
        return config.lr * (step + 1) / config.warmup
    progress = min(1.0, (step - config.warmup) / max(1, config.steps - config.warmup))
    return config.min_lr + 0.5 * (config.lr - config.min_lr) * (1 + math.cos(math.pi * progress))


@dataclass
class Trainer:
    model: GPT
    tokenizer: CharTokenizer
    config: TrainConfig
    train: list[tuple[list[int], list[int]]]
    eval: list[tuple[list[int], list[int]]] = field(default_factory=list)
    callbacks: list[Callback] = field(default_factory=list)
    checkpoint_path: Path | None = None
    step: int = 0

    def __post_init__(self) -> None:
        if not self.train:
            raise AssayError("no training examples")
        too_long = max(len(x) for x, _ in self.train)
        if too_long > self.model.config.block_size:
            raise AssayError(
                f"a training example has {too_long} tokens; block_size is {self.model.config.block_size}"
            )
        decay = [p for n, p in self.model.named_parameters() if p.dim() >= 2]
        no_decay = [p for n, p in self.model.named_parameters() if p.dim() < 2]
        self.optimizer = torch.optim.AdamW(
            [
                {"params": decay, "weight_decay": self.config.weight_decay},
                {"params": no_decay, "weight_decay": 0.0},
            ],
            lr=self.config.lr,
            betas=(0.9, 0.95),
        )
        self.rng = random.Random(self.config.seed)

    @classmethod
    def create(
        cls,
        pairs: Sequence[tuple[str, str]],
        config: TrainConfig,
        model_config: dict[str, Any] | None = None,
        eval_pairs: Sequence[tuple[str, str]] = (),
        tokenizer: CharTokenizer | None = None,
    ) -> Trainer:
        torch.manual_seed(config.seed)
        tokenizer = tokenizer or CharTokenizer.from_texts(p + r for p, r in [*pairs, *eval_pairs])
        gpt_config = GPTConfig(vocab_size=tokenizer.vocab_size, **(model_config or {}))
        model = GPT(gpt_config)
        train = [encode_pair(tokenizer, p, r) for p, r in pairs]
        held = [encode_pair(tokenizer, p, r) for p, r in eval_pairs]
        return cls(model, tokenizer, config, train, held)

    def fit(self, until: int | None = None) -> None:
        """Train to config.steps (or `until`), from self.step: a resumed trainer goes on where it stopped."""
        self.model.train()
        end = self.config.steps if until is None else min(until, self.config.steps)
        while self.step < end:
            started = time.perf_counter()
            batch = [self.train[self.rng.randrange(len(self.train))] for _ in range(self.config.batch_size)]
            inputs, targets = make_batch(batch)
            lr = lr_at(self.step, self.config)
            for group in self.optimizer.param_groups:
                group["lr"] = lr
            logits, _ = self.model(inputs)
            loss = F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=IGNORE
            )
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_clip)
            self.optimizer.step()
            self.step += 1
            speed = inputs.numel() / max(time.perf_counter() - started, 1e-9)
            event = TrainEvent(self.step, float(loss.item()), lr, tokens_per_second=speed)
            if self.eval and (self.step % self.config.eval_every == 0 or self.step == self.config.steps):
                event = TrainEvent(
                    self.step, event.loss, lr, eval_loss=self.evaluate(), tokens_per_second=speed
                )
            if self.checkpoint_path is not None and (
                self.step % self.config.checkpoint_every == 0 or self.step == self.config.steps
            ):
                self.save(self.checkpoint_path)
                event = TrainEvent(self.step, event.loss, lr, event.eval_loss, self.checkpoint_path, speed)
            for callback in self.callbacks:
                callback(event)

    def evaluate(self, examples: Sequence[tuple[list[int], list[int]]] | None = None) -> float:
        """Mean NLL per response token over examples (the held-out set by default)."""
        return mean_nll(self.model, self.eval if examples is None else examples)

    # --- checkpoints ---

    def save(self, path: Path) -> None:
        save_state(
            path,
            {
                "model_config": self.model.config.to_json(),
                "tokenizer": self.tokenizer.to_json(),
                "model": self.model.state_dict(),
                "optimizer": self.optimizer.state_dict(),
                "train_config": asdict(self.config),
                "step": self.step,
                "rng": list(self.rng.getstate()[1]),
                "torch_rng": torch.get_rng_state(),
            },
        )

    @classmethod
    def resume(
        cls,
        path: Path,
        train: list[tuple[list[int], list[int]]],
        eval_examples: list[tuple[list[int], list[int]]] | None = None,
        config: TrainConfig | None = None,
    ) -> Trainer:
        state = load_state(path)
        model, tokenizer = model_from_state(state)
        trainer = cls(
            model, tokenizer, config or TrainConfig(**state["train_config"]), train, eval_examples or []
        )
        trainer.optimizer.load_state_dict(state["optimizer"])
        trainer.step = int(state["step"])
        trainer.rng.setstate((3, tuple(int(x) for x in state["rng"]), None))
        trainer.checkpoint_path = path
        torch.set_rng_state(state["torch_rng"])
        return trainer


@torch.no_grad()
def mean_nll(model: GPT, examples: Sequence[tuple[list[int], list[int]]]) -> float:
    """Mean NLL per target token over encoded examples, in batches of 128; the model's mode is kept."""
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    for start in range(0, len(examples), 128):
        inputs, targets = make_batch(examples[start : start + 128])
        logits, _ = model(inputs)
        losses = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]),
            targets.reshape(-1),
            ignore_index=IGNORE,
            reduction="sum",
        )
        total += float(losses)
        count += int((targets != IGNORE).sum())
    if was_training:
        model.train()
    return total / max(count, 1)


__all__ = [
    "IGNORE",
    "Callback",
    "TrainConfig",
    "TrainEvent",
    "Trainer",
    "encode_pair",
    "load_model",
    "load_state",
    "lr_at",
    "make_batch",
    "mean_nll",
    "model_from_state",
]
