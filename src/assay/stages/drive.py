"""The one driver loop: batches of work through an engine, each batch's results written in order.

The driver is the only process that touches the store. It reads the to-do work lazily (a stream of
pages, never a whole table), hands each batch to the engine, and writes a batch's results before it
reads more than the engine's window ahead. So an interrupted run loses at most the batches in flight,
and a re-run (which reads the to-do work again) finishes them with the same ids.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from assay.engines.base import Engine, LocalEngine, scoped_resources
from assay.errors import AssayError

Note = TypeVar("Note")


def drive(
    engine: Engine,
    fn: str,
    context: Any,
    work: Iterable[tuple[Note, Sequence[Any]]],
    write: Callable[[Note, list[Any]], None],
) -> None:
    """For each (note, batch) of work: `fn(context, batch)` through the engine, then
    `write(note, results)`, in work's order. The note is what the driver keeps about a batch while
    it is in flight (its size for the progress bar, verdicts it made itself, an output line's id)."""
    in_flight: deque[tuple[Note, int]] = deque()

    def batches() -> Iterator[Sequence[Any]]:
        for note, batch in work:
            in_flight.append((note, len(batch)))  # before the engine sees it: results come back in order
            yield batch

    for results in engine.map(fn, context, batches()):
        note, size = in_flight.popleft()
        if len(results) != size:  # one result per item, or nothing of the batch is written
            raise AssayError(
                f"{fn} gave {len(results)} results for a batch of {size} on the {engine.name} engine"
            )
        write(note, results)


@contextmanager
def engine_or_local(engine: Engine | None) -> Iterator[Engine]:
    """The caller's engine (left open: it may run more stages), or a local one whose resources made
    inside are closed on leaving (and no others: the caller's own stay open)."""
    if engine is not None:
        yield engine
        return
    with scoped_resources():
        yield LocalEngine()
