"""The processes engine: the engine protocol, batches side by side in spawned processes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from assay.engines.processes import ProcessEngine
from assay.errors import AssayError

HERE = "tests.loop.test_processes_engine"


@pytest.fixture(scope="module")
def engine() -> Iterator[ProcessEngine]:
    """Two processes shared by the tests that leave them healthy (spawning one costs an import of assay)."""
    with ProcessEngine(workers=2) as shared:
        yield shared


# --- batch functions the workers run (found by "module:function", as every stage's are) ---------------


def double(context: int, batch: list[int]) -> list[int]:
    return [context * x for x in batch]


def meet(barrier: Any, batch: list[int]) -> list[int]:
    """Returns only once another batch is running at the same moment (the barrier's other party)."""
    barrier.wait(timeout=120)  # a guard against a hang, not a measure: nothing here asserts a duration
    return [os.getpid() for _ in batch]


def threads(context: None, batch: list[int]) -> list[str | None]:
    return [os.environ.get("OMP_NUM_THREADS") for _ in batch]


def fail(context: None, batch: list[int]) -> list[int]:
    if 3 in batch:
        raise ValueError(f"batch {batch} is bad")
    return batch


def die(context: None, batch: list[int]) -> list[int]:
    os._exit(9)  # as a kill or the out-of-memory killer would end it


def test_results_come_back_in_the_batches_order(engine: ProcessEngine) -> None:
    batches = [[i, i + 1] for i in range(0, 20, 2)]
    assert list(engine.map(f"{HERE}:double", 3, batches)) == [[3 * x for x in b] for b in batches]
    assert list(engine.map(f"{HERE}:double", 1, [])) == []


def test_batches_run_side_by_side_in_separate_processes(engine: ProcessEngine) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Manager() as manager:
        barrier = manager.Barrier(2)
        (first,), (second,) = engine.map(f"{HERE}:meet", barrier, [[0], [1]])
    # both batches passed the barrier, so they ran at once, each in its own process, not in this one
    assert first != second and os.getpid() not in (first, second)


def test_each_process_keeps_one_thread_unless_told(engine: ProcessEngine) -> None:
    assert list(engine.map(f"{HERE}:threads", None, [[0], [1]])) == [["1"], ["1"]]
    with ProcessEngine(workers=1, threads=3) as three:
        assert list(three.map(f"{HERE}:threads", None, [[0]])) == [["3"]]


def test_a_stream_is_read_lazily_with_a_bounded_window(engine: ProcessEngine) -> None:
    pulled = []

    def batches() -> Iterator[list[int]]:
        for i in range(100):
            pulled.append(i)
            yield [i]

    results = engine.map(f"{HERE}:double", 2, batches())
    assert next(results) == [0]
    assert len(pulled) == engine.window == 4  # never more in flight than the window (2 per worker)
    assert next(results) == [2]
    assert len(pulled) == 5
    results.close()  # stopping early starts nothing more
    assert len(pulled) == 5


def test_a_batch_that_raises_raises_in_the_driver(engine: ProcessEngine) -> None:
    results = engine.map(f"{HERE}:fail", None, [[1], [2], [3], [4]])
    assert next(results) == [1] and next(results) == [2]
    with pytest.raises(ValueError, match=r"batch \[3\] is bad"):
        next(results)
    assert list(engine.map(f"{HERE}:double", 1, [[5]])) == [[5]]  # the engine goes on working


def test_a_process_that_dies_is_an_error_naming_the_batch() -> None:
    with ProcessEngine(workers=1) as engine, pytest.raises(AssayError, match=r"batch 0 of .*:die died"):
        list(engine.map(f"{HERE}:die", None, [[0]]))


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("no_colon", "module:function"),
        ("assay.nowhere:fn", "no batch function"),
        (f"{HERE}:missing", "no batch function"),
        (f"{HERE}:HERE", "not a function"),
    ],
)
def test_a_wrong_function_fails_in_the_driver_before_any_process(ref: str, message: str) -> None:
    engine = ProcessEngine(workers=1)
    with pytest.raises(AssayError, match=message):
        next(engine.map(ref, None, [[0]]))
    assert engine._executor is None  # nothing was started
    engine.close()


@pytest.mark.parametrize("options", [{"workers": 0}, {"workers": 1, "window": 0}])
def test_nonsense_sizes_are_refused(options: dict[str, int]) -> None:
    with pytest.raises(AssayError, match="at least 1"):
        ProcessEngine(**options)
