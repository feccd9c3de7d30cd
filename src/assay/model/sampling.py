"""Batched sampling with a KV cache: temperature, top-k, top-p, n samples per prompt, stop strings.

Each sample draws its randomness from its own generator seeded by (seed, prompt, sample index), so a
sample does not depend on which other prompts share its batch: the same seed gives the same candidates
whether they are asked for one at a time (as `assay serve` does) or all together.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import Tensor

from assay.model.gpt import GPT, KVCache
from assay.model.tokenizer import BOS, EOS, CharTokenizer
from assay.seeds import sample_seed


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 1.0  # 0 means greedy
    top_k: int = 0  # 0 = off
    top_p: float = 1.0  # 1 = off
    max_tokens: int = 128
    stop: tuple[str, ...] = ()
    seed: int = 0

    def __post_init__(self) -> None:
        if self.temperature < 0:
            raise ValueError("temperature must be ≥ 0")
        if not 0 < self.top_p <= 1:
            raise ValueError("top_p must be in (0, 1]")
        if self.top_k < 0 or self.max_tokens < 1:
            raise ValueError("top_k must be ≥ 0 and max_tokens ≥ 1")


@dataclass(frozen=True)
class Sample:
    prompt_index: int
    sample_index: int
    text: str
    finish_reason: str  # "stop" (EOS or a stop string) or "length"
    tokens: int


def _row_seed(seed: int, prompt: str, sample_index: int) -> int:
    digest = hashlib.sha256(f"{sample_seed(seed, sample_index)}|{prompt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & ((1 << 63) - 1)


def _filter(logits: Tensor, top_k: int, top_p: float) -> Tensor:
    """Set logits outside top-k / the top-p nucleus to -inf. logits: (B, V)."""
    if top_k and top_k < logits.shape[-1]:
        kth = torch.topk(logits, top_k, dim=-1).values[:, -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p < 1.0:
        sorted_logits, order = torch.sort(logits, descending=True, dim=-1)
        probs = torch.softmax(sorted_logits, dim=-1)
        # drop a token when the mass before it already reaches top_p (the first token always stays)
        drop_sorted = (probs.cumsum(dim=-1) - probs) >= top_p
        drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)
        logits = logits.masked_fill(drop, float("-inf"))
    return logits


@torch.no_grad()
def sample(
    model: GPT,
    tokenizer: CharTokenizer,
    prompts: Sequence[str],
    n: int = 1,
    params: SamplingParams | None = None,
    use_cache: bool = True,
    batch_size: int = 256,
    first_sample: int = 0,
) -> list[list[Sample]]:
    """Samples first_sample .. first_sample + n - 1 of each prompt; result[i][k] is sample first_sample+k."""
    params = params or SamplingParams()
    model.eval()
    rows = [(i, j) for i in range(len(prompts)) for j in range(first_sample, first_sample + n)]
    encoded = [[BOS, *tokenizer.encode(p)] for p in prompts]
    # rows of equal prompt length share a batch, so no padding is needed
    buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        buckets[len(encoded[row[0]])].append(row)
    out: list[list[Sample | None]] = [[None] * n for _ in prompts]
    for length, bucket in sorted(buckets.items()):
        for start in range(0, len(bucket), batch_size):
            chunk = bucket[start : start + batch_size]
            for (i, j), result in zip(
                chunk,
                _sample_batch(model, tokenizer, prompts, encoded, chunk, length, params, use_cache),
                strict=True,
            ):
                out[i][j - first_sample] = result
    return [[s for s in row if s is not None] for row in out]


def _sample_batch(
    model: GPT,
    tokenizer: CharTokenizer,
    prompts: Sequence[str],
    encoded: list[list[int]],
    rows: list[tuple[int, int]],
    length: int,
    params: SamplingParams,
    use_cache: bool,
) -> list[Sample]:
    generators = [torch.Generator().manual_seed(_row_seed(params.seed, prompts[i], j)) for i, j in rows]
    idx = torch.tensor([encoded[i] for i, _ in rows], dtype=torch.long)  # (B, T0)
    budget = min(params.max_tokens, model.config.block_size - length)
    if budget <= 0:
        return [Sample(i, j, "", "length", 0) for i, j in rows]
    generated: list[list[int]] = [[] for _ in rows]
    done = [False] * len(rows)
    finish = ["length"] * len(rows)
    texts = [""] * len(rows)
    cache: KVCache | None = None
    step_input = idx
    for _ in range(budget):
        if use_cache:
            logits, cache = model(step_input, cache)
        else:
            logits, _ = model(idx)
        logits = logits[:, -1, :].float()  # (B, V)
        logits[:, 0] = float("-inf")  # never PAD, BOS or UNK
        logits[:, 1] = float("-inf")
        logits[:, 3] = float("-inf")
        if params.temperature == 0:
            next_ids = logits.argmax(dim=-1)
        else:
            logits = _filter(logits / params.temperature, params.top_k, params.top_p)
            # Gumbel-max with each row's own noise: a draw from softmax(logits) per row
            noise = torch.stack([torch.rand(logits.shape[-1], generator=g) for g in generators])
            gumbel = -torch.log((-torch.log(noise.clamp_min(1e-20))).clamp_min(1e-20))
            next_ids = (logits + gumbel).argmax(dim=-1)
        for r, token in enumerate(next_ids.tolist()):
            if done[r]:
                continue
            if token == EOS:
                done[r], finish[r] = True, "stop"
                continue
            generated[r].append(token)
            texts[r] += tokenizer.decode([token])
            if params.stop and any(s in texts[r] for s in params.stop):
                cut = min(texts[r].index(s) for s in params.stop if s in texts[r])
                texts[r], done[r], finish[r] = texts[r][:cut], True, "stop"
        if all(done):
            break
        step_input = next_ids.unsqueeze(1)  # (B, 1)
        idx = torch.cat([idx, step_input], dim=1)
    return [Sample(i, j, texts[r], finish[r], len(generated[r])) for r, (i, j) in enumerate(rows)]
