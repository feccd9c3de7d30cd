"""What every procedural math task shares: its domain, the check of its config's ranges, a draw of a
nonzero integer and the Problem it returns."""

from __future__ import annotations

import random
from typing import Any, ClassVar

from assay.errors import ConfigError
from assay.records import Problem
from assay.tasks import ProceduralTask


def nonzero(rng: random.Random, low: int, high: int) -> int:
    while True:
        value = rng.randint(low, high)
        if value != 0:
            return value


def make_problem(
    task: ProceduralTask, seed: int, index: int, prompt: str, reference: dict[str, Any]
) -> Problem:
    return task.problem(seed, index, prompt, reference)


class MathTask(ProceduralTask):
    domain: ClassVar[str] = "math"


def check_range(task: str, key: str, value: int, low: int, high: int) -> None:
    if not low <= value <= high:
        raise ConfigError(f"task {task}: config key {key!r} must be in [{low}, {high}], not {value}")
