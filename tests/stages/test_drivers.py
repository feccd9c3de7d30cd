"""The drivers: one loop (read a batch, map it through the engine, write its results), interrupted
between any two batches and run again, ends with the records of an uninterrupted run."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from assay import generate, verification
from assay.engines import LocalEngine
from assay.errors import AssayError
from assay.generate import generate_candidates, generate_problems
from assay.stages import TaskSpec, VerifierSettings, drive
from assay.store import Store
from tests.stages.test_stages import SETTINGS, TEMPLATE, PinGenerator


class Killed(Exception):
    """Stands for the process dying (kill -9) between two batches."""


class DiesAfter(LocalEngine):
    """The local engine, stopped for good once `batches` batches have come back."""

    def __init__(self, batches: int) -> None:
        self.left = batches

    def map(self, fn: str, context: Any, batches: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        for results in super().map(fn, context, batches):
            if self.left == 0:
                raise Killed
            self.left -= 1
            yield results


def _store(path: Path) -> Store:
    return Store(f"sqlite:///{path}")


def _ids(store: Store) -> dict[str, list[str]]:
    return {
        "problems": sorted(p.id for p in store.iter_problems()),
        "candidates": sorted(c.id for c in store.iter_candidates()),
        "verdicts": sorted(v.candidate_id + v.verifier + v.status.value for v in store.iter_verdicts()),
    }


def _all_stages(store: Store, engine: LocalEngine | None) -> None:
    generate_problems(store, TaskSpec.of("linear"), 9, 7, engine=engine)
    problems = list(store.iter_problems())
    generate_candidates(store, PinGenerator(), problems, 3, SETTINGS, TEMPLATE, 1, batch=2, engine=engine)
    verification.verify_store(store, VerifierSettings.of(timeout=60.0, workers=1), engine=engine)


@pytest.mark.parametrize("dies_after", [1, 5, 10])  # in problems, in samples, in verify
def test_killed_between_batches_a_rerun_ends_with_the_same_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dies_after: int
) -> None:
    monkeypatch.setattr(generate, "BATCH", 4)  # problems: 3 batches; samples: 5; verdicts: 4
    monkeypatch.setattr(verification, "BATCH", 8)
    whole = _store(tmp_path / "whole.db")
    with LocalEngine() as engine:
        _all_stages(whole, engine)
    expected = _ids(whole)
    assert len(expected["verdicts"]) == 9 + 9 * 2  # the references, and the samples that did not fail

    store = _store(tmp_path / "killed.db")
    with pytest.raises(Killed), DiesAfter(dies_after) as dying:
        _all_stages(store, dying)
    assert _ids(store) != expected
    with LocalEngine() as engine:
        _all_stages(store, engine)
    assert _ids(store) == expected
    whole.close()
    store.close()


def test_each_batch_is_written_before_the_next_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generate, "BATCH", 4)
    store = _store(tmp_path / "a.db")
    seen: list[int] = []

    def progress(n: int) -> None:
        seen.append(store.count("problems"))

    with pytest.raises(Killed), DiesAfter(2) as dying:
        generate_problems(store, TaskSpec.of("linear"), 10, 7, on_progress=progress, engine=dying)
    assert seen == [4, 8]  # each batch stored when its progress is reported
    assert store.count("problems") == 8  # the batch in flight when it died is the only one lost
    store.close()


def test_drive_keeps_each_batchs_note_with_its_results() -> None:
    written: list[tuple[str, list[Any]]] = []
    work = [("a", [1, 2]), ("b", []), ("c", [3])]
    with LocalEngine() as engine:
        drive(
            engine, "tests.stages.test_drivers:double", None, work, lambda note, r: written.append((note, r))
        )
    assert written == [("a", [2, 4]), ("b", []), ("c", [6])]


def double(context: None, batch: list[int]) -> list[int]:
    return [2 * x for x in batch]


def test_a_batch_function_that_loses_an_item_writes_nothing_of_that_batch() -> None:
    written: list[object] = []
    with LocalEngine() as engine, pytest.raises(AssayError, match="gave 1 results for a batch of 2"):
        drive(
            engine,
            "tests.stages.test_drivers:drop_last",
            None,
            [("a", [1]), ("b", [1, 2])],
            lambda n, r: written.append(n),
        )
    assert written == ["a"]


def drop_last(context: None, batch: list[int]) -> list[int]:
    return batch[:1]
