"""The loop's problem streams and human traces, each reproducible from (config, seed, stream).

Streams of one seed never overlap: 0 is the human seed set, 1..G the fresh problems of each generation,
500 the fresh human traces a human-share arm mixes in, 999 the held-out set every model is measured on.
"""

from __future__ import annotations

import random
from typing import Any

from assay.loop.config import LoopConfig
from assay.records import Problem

SEED_SET, FRESH_HUMAN, HELD_OUT = 0, 500, 999


def problems(config: LoopConfig, seed: int, stream: int, n: int) -> list[Problem]:
    task = _task(config)
    return [task.generate(seed * 1000 + stream, i) for i in range(n)]


def held_out(config: LoopConfig, seed: int) -> list[Problem]:
    return problems(config, seed, HELD_OUT, config.eval_problems)


def human(items: list[Problem], rng: random.Random, noise: float) -> list[tuple[str, str]]:
    """(prompt, a human-style trace of the reference solution): compact, with a share `noise` of them
    carrying a natural slip."""
    from assay.seed_data import human_style

    return [(p.prompt, human_style(p.reference["trace"], rng, noise).text) for p in items]


def _task(config: LoopConfig) -> Any:
    from assay.registry import Registry

    return Registry.from_entry_points().task(config.task, config.task_config)
