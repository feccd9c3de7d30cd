"""The reward models' network: assay's tiny transformer body with a scalar value head.

Shapes as in assay.model.gpt: B = batch, T = time, C = channels, F = surprise features. The body is
the same GPT (embeddings, blocks, final norm, language-model head). The value head maps each position's
hidden state, together with how surprised the body's own language model was by the response so far, to
one logit, so one forward pass gives a value at every token: the ORM reads the last step's end, the PRM
reads every step's end.

Why the surprise: the errors of a sampled trace are mostly single slips (`-36+16` written as `-18`),
and a tiny transformer's hidden state at the end of a step does not say that an earlier token was
unlikely; checking the arithmetic itself is beyond it. Its language model does know which token it
expected at each place, so the trace's worst token so far, the current step's worst token and the mean
surprise so far are given to the value head as inputs (taken from the language model's logits with the
gradient stopped: the value loss must not teach the language model to be surprised, which would be a
shortcut through the labels). Training keeps the language model a model of *accepted* traces (an
auxiliary next-token loss on them, assay.scoring.train), so a body trained from scratch learns what a
correct trace looks like, and a body started from the generator stays calibrated while it learns.

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

FORMAT_VERSION = "2"  # the layout of encoding.py and this head; bump when either changes
N_FEATURES = 3  # worst surprise so far, worst in the current step, mean so far (see surprise())


class RewardNet(nn.Module):
    def __init__(self, config: GPTConfig, newline: int) -> None:
        super().__init__()
        self.body = GPT(config)
        self.value = nn.Linear(config.n_embd + N_FEATURES, 1)
        self.newline = newline  # the token that ends a step inside a trace
        # a prior to start from, not a rule: a surprising token makes a trace less likely right (the
        # feature weights start negative, the bias positive: most samples of a trained generator hold);
        # training moves them where the labels say
        with torch.no_grad():
            self.value.weight[0, config.n_embd :] = torch.tensor([-2.0, -0.5, -1.0])
            self.value.bias.fill_(2.0)

    def forward(self, idx: Tensor, start: Tensor) -> tuple[Tensor, Tensor]:
        """Value logits (B, T) and language-model logits (B, T, vocab) for tokens idx (B, T) whose
        responses begin at start (B,)."""
        inputs, logits = self.head_inputs(idx, start)
        value: Tensor = self.value(inputs).squeeze(-1)  # (B, T)
        return value, logits

    def head_inputs(self, idx: Tensor, start: Tensor) -> tuple[Tensor, Tensor]:
        """What the value head reads (B, T, C + F), and the language-model logits (B, T, vocab)."""
        body = self.body
        T = idx.shape[1]
        if body.config.block_size < T:
            raise AssayError(f"{T} tokens exceed the reward model's window of {body.config.block_size}")
        x = body.tok_emb(idx) + body.pos_emb(torch.arange(T, device=idx.device))  # (B, T, C)
        for block in body.blocks:
            x, _ = block(x)
        hidden = body.ln_f(x)  # (B, T, C)
        logits: Tensor = body.head(hidden)  # (B, T, vocab)
        features = surprise(logits.detach(), idx, start, self.newline)  # (B, T, F)
        return torch.cat([hidden, features], dim=-1), logits


def surprise(logits: Tensor, idx: Tensor, start: Tensor, newline: int) -> Tensor:
    """Per position, features (B, T, F) of the language model's surprise (-log p, squashed by log1p)
    at the response's tokens up to and including this one: the worst so far, the worst since the
    last step ended, and the mean so far. Prompt tokens and padding count as no surprise: the prompt
    was not the model's choice."""
    B, T = idx.shape
    logp = torch.log_softmax(logits[:, :-1].float(), dim=-1)  # (B, T-1, vocab): predicts tokens 1..T-1
    taken = -logp.gather(-1, idx[:, 1:].unsqueeze(-1)).squeeze(-1)  # (B, T-1)
    s = torch.cat([torch.zeros(B, 1), torch.log1p(taken)], dim=1)  # (B, T)
    positions = torch.arange(T).unsqueeze(0)  # (1, T)
    counted = (positions >= start.unsqueeze(1)) & (idx != PAD)  # (B, T)
    s = s * counted
    worst = torch.cummax(s, dim=1).values  # (B, T)
    mean = torch.cumsum(s, dim=1) / torch.cumsum(counted, dim=1).clamp(min=1)  # (B, T)
    # the worst in the current step: a running max that restarts after each step's end. One cummax
    # over the whole row, each step lifted above every earlier one (s is at most log1p(-log of the
    # smallest float), well under the lift), then lowered back; float64 keeps the lift exact enough
    ended = (idx == newline).long()
    step_of = (torch.cumsum(ended, dim=1) - ended).double() * 1000.0  # (B, T): steps before this token
    step_worst = (torch.cummax(s.double() + step_of, dim=1).values - step_of).float()
    return torch.stack([worst, step_worst, mean], dim=-1)


def pad(windows: list[Window]) -> tuple[Tensor, Tensor]:
    """Windows as one (B, T) tensor, right-padded (attention is causal, so padding after a read
    position never changes what is read there), and where each one's response begins (B,)."""
    length = max(len(w.tokens) for w in windows)
    rows = [list(w.tokens) + [PAD] * (length - len(w.tokens)) for w in windows]
    return torch.tensor(rows, dtype=torch.long), torch.tensor([w.start for w in windows], dtype=torch.long)


@dataclass(frozen=True)
class RewardModel:
    """A loaded reward model: network, tokenizer, kind, recipe, and the scorer id it scores under."""

    net: RewardNet
    tokenizer: CharTokenizer
    kind: Kind
    recipe: dict[str, Any]
    id: str  # "orm@2+<12 hex digits of the checkpoint's SHA-256>"

    @torch.no_grad()
    def read(self, windows: list[Window]) -> list[dict[int, float]]:
        """Per window, {step index: probability} at each of its read positions."""
        self.net.eval()
        out: list[dict[int, float]] = []
        for start in range(0, len(windows), 64):
            chunk = windows[start : start + 64]
            value, _ = self.net(*pad(chunk))
            probs = torch.sigmoid(value)  # (B, T)
            for row, window in enumerate(chunk):
                out.append({step: float(probs[row, pos]) for pos, step in window.reads})
        return out


def newline_token(tokenizer: CharTokenizer) -> int:
    [token] = tokenizer.encode("\n")
    return token


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
        tokenizer = CharTokenizer.from_json(state["tokenizer"])
        net = RewardNet(GPTConfig(**state["model_config"]), newline_token(tokenizer))
        net.body.load_state_dict(state["model"])
        net.value.load_state_dict(state["value_head"])
    except (KeyError, TypeError, ValueError, RuntimeError) as exc:
        raise AssayError(f"{path} does not hold a reward model assay can read: {exc}") from exc
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return RewardModel(
        net, tokenizer, kind, dict(reward.get("recipe", {})), f"{kind}@{FORMAT_VERSION}+{digest}"
    )
