"""Batch functions the engine tests run on Ray actors (imported by "tests.engines.batchfns:NAME").

Each is a pure function of its context and batch, as a stage's is; what they record about the process
they ran in (its pid, the resources it made) comes back in the results, so tests assert on what
happened, never on how long it took.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from assay.backends.base import SamplingSettings
from assay.engines import resource
from assay.engines.base import Lent, split_limit
from assay.errors import ConfigError


@dataclass(frozen=True)
class Hold:
    """The batch starting with `held` waits until the batch starting with `releaser` has run (it creates
    the file `release`): a batch that finishes after a later one, by construction, not by a sleep. If the
    release never comes (only a broken engine: the releaser never ran meanwhile) the held batch gives
    up after `patience` seconds and answers [-1], which no test accepts."""

    release: str
    held: int = -1
    releaser: int = -1
    patience: float = 120.0


def square(context: Hold, batch: list[int]) -> list[int]:
    if batch and batch[0] == context.releaser:
        Path(context.release).touch()
    if batch and batch[0] == context.held:
        wake = threading.Event()
        for _ in range(int(context.patience * 20)):
            if Path(context.release).exists():
                break
            wake.wait(0.05)
        else:
            return [-1]
    return [x * x for x in batch]


def where(context: object, batch: list[int]) -> list[tuple[int, int]]:
    """(item, the pid of the process that ran it)."""
    return [(x, os.getpid()) for x in batch]


def fail(context: object, batch: list[int]) -> list[int]:
    if 3 in batch:
        raise ValueError(f"item {batch[0]} is not welcome here")
    return batch


def fail_config(context: object, batch: list[int]) -> list[int]:
    raise ConfigError("a domain error keeps its class")


def die(context: object, batch: list[int]) -> list[int]:
    if 2 in batch:
        os._exit(9)  # the process vanishes as under kill -9 or the OOM killer
    return batch


def borrow(context: Lent, batch: list[int]) -> list[int]:
    resource(context, lambda: None)  # an object lent in the driver: no other process has it
    return batch


def not_a_function(context: object, batch: list[int]) -> list[int]:  # resolved with a typo in the tests
    return batch


# --- resources: made once per process, closed when the engine closes ------------------------------------


@dataclass(frozen=True)
class Marks:
    folder: str  # each resource made writes made-<pid>-<n>, and closed-<pid>-<n> when closed


class Counted:
    made = 0

    def __init__(self, folder: str) -> None:
        Counted.made += 1
        self.folder = Path(folder)
        self.name = f"{os.getpid()}-{Counted.made}"
        (self.folder / f"made-{self.name}").touch()

    def close(self) -> None:
        (self.folder / f"closed-{self.name}").touch()


def use_resource(context: Marks, batch: list[int]) -> list[tuple[int, str]]:
    counted = resource(("counted", context), lambda: Counted(context.folder))
    return [(x, counted.name) for x in batch]


# --- an HTTP generator per process, its concurrency a share of the run's ---------------------------------


@dataclass(frozen=True)
class Http:
    url: str
    concurrency: int
    retries: int = 4

    def share(self, index: int, workers: int) -> Http | None:
        part = split_limit(self.concurrency, index, workers)
        return None if part is None else Http(self.url, part, self.retries)


def complete(context: Http, prompts: list[str]) -> list[tuple[str | None, str, int, int]]:
    """Per prompt: (text, error, the pid of the process, its generator's concurrency)."""
    from assay.backends.openai import OpenAIGenerator

    generator = resource(
        ("openai", context),
        lambda: OpenAIGenerator(
            context.url, "fake", concurrency=context.concurrency, retries=context.retries, backoff=0.0
        ),
    )
    completions = generator.complete(prompts, 1, SamplingSettings(max_tokens=8))
    return [(c.text, c.error, os.getpid(), generator.concurrency) for c in completions]
