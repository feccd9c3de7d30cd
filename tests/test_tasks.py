"""A procedural task's random stream: `ProceduralTask.rng` keeps the hashed prefix of its task, version
and config, and must draw exactly what `item_rng` draws from them, whatever config it holds now."""

from __future__ import annotations

import dataclasses

from assay.registry import Registry
from assay.tasks import item_rng


def _draws(rng: object) -> list[float]:
    return [rng.random() for _ in range(3)]  # type: ignore[attr-defined]


def test_the_task_stream_is_item_rng() -> None:
    task = Registry.from_entry_points().task("knights", {"people": 3, "depth": 2})
    for seed, index in [(0, 0), (0, 1), (1, 0), (7, 123)]:
        expected = _draws(item_rng("knights", task.version, task.config, seed, index))
        assert _draws(task.rng(seed, index)) == expected


def test_a_replaced_config_makes_its_own_stream() -> None:
    task = Registry.from_entry_points().task("knights", {"people": 3, "depth": 2})
    before = _draws(task.rng(5, 5))
    task.config = dataclasses.replace(task.config, people=4)
    after = _draws(task.rng(5, 5))
    assert after != before
    assert after == _draws(item_rng("knights", task.version, task.config, 5, 5))


def test_a_config_that_is_not_frozen_is_hashed_every_time() -> None:
    @dataclasses.dataclass
    class Loose:
        size: int = 1

    task = Registry.from_entry_points().task("knights", {})
    task.config = Loose()
    first = _draws(task.rng(2, 3))
    task.config.size = 2  # changed in place: a cached prefix would miss it
    assert _draws(task.rng(2, 3)) == _draws(item_rng("knights", task.version, Loose(size=2), 2, 3))
    assert _draws(task.rng(2, 3)) != first
