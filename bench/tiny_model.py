"""Benchmark: the tiny model's training and sampling speed, against references written here, in one run.

1. Training tokens/s: assay's `Trainer.fit` vs a straight-line loop over the same model, data and batch
   order (forward, loss, backward, clip, AdamW step; nothing else). Target: within 10%.
2. Sampling samples/s: `sample(..., use_cache=True)` vs the same call re-reading the whole prefix every
   token (`use_cache=False`). Target: the KV cache ≥ 5x.

One torch thread, medians of several runs.

    python bench/tiny_model.py
    python bench/tiny_model.py --runs 5 --steps 60
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import torch
from torch.nn import functional as F

from assay.model.sampling import SamplingParams, sample
from assay.model.trainer import IGNORE, TrainConfig, Trainer, make_batch
from assay.registry import Registry

MODEL = {"block_size": 160, "n_layer": 4, "n_head": 4, "n_embd": 128}


def data(n: int) -> list[tuple[str, str]]:
    task = Registry.from_entry_points().task("linear")
    problems = [task.generate(0, i) for i in range(n)]
    return [(p.prompt + "\n", p.reference["trace"].split("\n", 1)[1][:110]) for p in problems]


def reference_loop(trainer: Trainer, steps: int, seed: int) -> float:
    """The same work as Trainer.fit with nothing around it; returns tokens/s."""
    model, config = trainer.model, trainer.config
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, betas=(0.9, 0.95), weight_decay=0.0)
    rng = random.Random(seed)
    model.train()
    tokens = 0
    started = time.perf_counter()
    for _ in range(steps):
        batch = [trainer.train[rng.randrange(len(trainer.train))] for _ in range(config.batch_size)]
        inputs, targets = make_batch(batch)
        logits, _ = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=IGNORE)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # type: ignore[no-untyped-call]
        torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
        optimizer.step()
        tokens += inputs.numel()
    return tokens / (time.perf_counter() - started)


def assay_loop(trainer: Trainer, steps: int, seed: int) -> float:
    """Trainer.fit over `steps` steps with the same batch stream as the reference; returns tokens/s."""
    trainer.step = 0
    trainer.config = TrainConfig(**{**trainer.config.__dict__, "steps": steps})
    trainer.rng = random.Random(seed)
    started = time.perf_counter()
    trainer.fit()
    seconds = time.perf_counter() - started
    rng = random.Random(seed)  # the same draws again, to count the tokens trained on
    tokens = 0
    for _ in range(steps):
        batch = [trainer.train[rng.randrange(len(trainer.train))] for _ in range(trainer.config.batch_size)]
        tokens += make_batch(batch)[0].numel()
    return tokens / seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--prompts", type=int, default=32)
    parser.add_argument("--n", type=int, default=4, help="samples per prompt")
    args = parser.parse_args()
    torch.set_num_threads(1)
    pairs = data(2000)
    config = TrainConfig(
        steps=args.steps, batch_size=32, eval_every=10**9, checkpoint_every=10**9, weight_decay=0.0
    )
    trainer = Trainer.create(pairs, config, MODEL)
    print(f"model: {trainer.model.num_parameters():,} parameters; {args.steps} steps, batch 32, 1 thread")
    rows: dict[str, list[float]] = {"trainer": [], "reference": [], "cached": [], "uncached": []}
    prompts = [p for p, _ in pairs[: args.prompts]]
    params = SamplingParams(temperature=1.0, max_tokens=100, seed=1)
    for run in range(args.runs):
        rows["reference"].append(reference_loop(trainer, args.steps, seed=run))
        rows["trainer"].append(assay_loop(trainer, args.steps, seed=run))
        started = time.perf_counter()
        cached = sample(trainer.model, trainer.tokenizer, prompts, n=args.n, params=params, use_cache=True)
        rows["cached"].append(args.prompts * args.n / (time.perf_counter() - started))
        started = time.perf_counter()
        plain = sample(trainer.model, trainer.tokenizer, prompts, n=args.n, params=params, use_cache=False)
        rows["uncached"].append(args.prompts * args.n / (time.perf_counter() - started))
        same = [[s.text for s in r] for r in cached] == [[s.text for s in r] for r in plain]
        print(
            f"run {run + 1}: "
            + ", ".join(f"{k} {v[-1]:,.1f}" for k, v in rows.items())
            + f"; same samples: {same}"
        )
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(
        f"training tokens/s   assay Trainer {med['trainer']:10,.0f}   reference {med['reference']:10,.0f}"
        f"   ratio {med['trainer'] / med['reference']:.2f}"
    )
    print(
        f"sampling samples/s  KV cache      {med['cached']:10,.1f}   no cache       {med['uncached']:10,.1f}"
        f"   ratio {med['cached'] / med['uncached']:.1f}x"
    )


if __name__ == "__main__":
    main()
