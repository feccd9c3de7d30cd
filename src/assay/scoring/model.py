"""The reward models' network: assay's tiny transformer body with a scalar value head.

Shapes as in assay.model.gpt: B = batch, T = time, C = channels. The body is the same GPT (embeddings,
blocks, final norm); its language-model head is unused. The value head maps each position's hidden
state to one logit, so one forward pass gives a value at every token: the ORM reads the last one, the
PRM reads each step's end.

A reward checkpoint is a tiny-model checkpoint (`assay.model.checkpoint`: written atomically, read with
weights_only=True) with the head, the kind and the training recipe added.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import Tensor, nn

from assay.errors import AssayError
from assay.model.checkpoint import load_state, save_state
from assay.model.gpt import GPT, GPTConfig
from assay.model.tokenizer import PAD, CharTokenizer
from assay.scoring.encoding import Window
from assay.scoring.learned import Kind

FORMAT_VERSION = "1"  # the layout of encoding.py and this head; bump when either changes


class RewardNet(nn.Module):
    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.body = GPT(config)
        self.value = nn.Linear(config.n_embd, 1)

    def forward(self, idx: Tensor) -> Tensor:
        """Value logits (B, T) for tokens idx (B, T)."""
        body = self.body
        T = idx.shape[1]
        if body.config.block_size < T:
            raise AssayError(f"{T} tokens exceed the reward model's window of {body.config.block_size}")
        x = body.tok_emb(idx) + body.pos_emb(torch.arange(T, device=idx.device))  # (B, T, C)
        for block in body.blocks:
            x, _ = block(x)
        out: Tensor = self.value(body.ln_f(x)).squeeze(-1)  # (B, T, 1) -> (B, T)
        return out


def pad(windows: list[Window]) -> Tensor:
    """Windows as one (B, T) tensor, right-padded: attention is causal, so padding after a read
    position never changes what is read there."""
    length = max(len(w.tokens) for w in windows)
    rows = [list(w.tokens) + [PAD] * (length - len(w.tokens)) for w in windows]
    return torch.tensor(rows, dtype=torch.long)


@dataclass(frozen=True)
class RewardModel:
    """A loaded reward model: network, tokenizer, kind, recipe, and the scorer id it scores under."""

    net: RewardNet
    tokenizer: CharTokenizer
    kind: Kind
    recipe: dict[str, Any]
    id: str  # "orm@1+<12 hex digits of the checkpoint's SHA-256>"

    @torch.no_grad()
    def read(self, windows: list[Window]) -> list[dict[int, float]]:
        """Per window, {step index: probability} at each of its read positions."""
        self.net.eval()
        out: list[dict[int, float]] = []
        for start in range(0, len(windows), 64):
            chunk = windows[start : start + 64]
            probs = torch.sigmoid(self.net(pad(chunk)))  # (B, T)
            for row, window in enumerate(chunk):
                out.append({step: float(probs[row, pos]) for pos, step in window.reads})
        return out


def save(path: Path, net: RewardNet, tokenizer: CharTokenizer, kind: Kind, recipe: dict[str, Any]) -> None:
    save_state(
        path,
        {
            "model_config": net.body.config.to_json(),
            "model": net.body.state_dict(),
            "tokenizer": tokenizer.to_json(),
            "reward": {"kind": kind, "format": FORMAT_VERSION, "recipe": recipe},
            "value_head": net.value.state_dict(),
        },
    )


def load(path: Path, kind: Kind) -> RewardModel:
    """The reward model at path; AssayError (one line) if it is missing, damaged or of another kind."""
    if not path.exists():
        raise AssayError(f"no {kind} model at {path}; train one: assay rm train --kind {kind} -w WORKSPACE")
    try:
        state = load_state(path)
    except AssayError as exc:
        # (not load_state's own advice to delete the file: a path= may name any file, an input too)
        raise AssayError(
            f"{path} is not a readable {kind} reward model (damaged, truncated, or not a checkpoint); "
            f"train one: assay rm train --kind {kind} -w WORKSPACE"
        ) from exc
    reward = state.get("reward")
    if not isinstance(reward, dict) or reward.get("kind") != kind:
        raise AssayError(f"{path} is not an {kind} reward model; train one: assay rm train --kind {kind}")
    if reward.get("format") != FORMAT_VERSION:
        raise AssayError(f"{path} is a reward model of format {reward.get('format')}; train it again")
    try:
        net = RewardNet(GPTConfig(**state["model_config"]))
        net.body.load_state_dict(state["model"])
        net.value.load_state_dict(state["value_head"])
        tokenizer = CharTokenizer.from_json(state["tokenizer"])
    except (KeyError, TypeError, ValueError, RuntimeError) as exc:
        raise AssayError(f"{path} does not hold a reward model assay can read: {exc}") from exc
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return RewardModel(
        net, tokenizer, kind, dict(reward.get("recipe", {})), f"{kind}@{FORMAT_VERSION}+{digest}"
    )
