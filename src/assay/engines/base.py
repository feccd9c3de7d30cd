"""The engine seam: where a stage's batch function runs.

A stage is a pure batch function addressed as "module:function", called as `fn(context, batch)`: a
frozen, picklable context (the stage's settings) and a list of records in, a list of results out; no
store, no files, no printing. The driver (one process) reads the to-do batches from the store, maps the
function through an engine and writes what comes back. Engines differ only in where the calls run:

    local   in this process, one batch after another (the default)
    ray     on Ray actors, each with its own worker pool and sandbox (assay.engines.ray)

Whatever the engine, `map` yields each batch's results in the order the batches went in, so the driver
writes the same records in the same order and an export is byte-for-byte the same under every engine.

What is costly to build (a worker pool, a sandbox, a model loaded from its checkpoint) is built once
per process by `resource(key, make)` and closed when the engine closes (or the process exits). An
object the caller built itself can be `lend`-ed to batch functions of its own process (local engine).
"""

from __future__ import annotations

import atexit
import importlib
import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol, TypeVar

from assay.errors import AssayError

T = TypeVar("T")
BatchFn = Callable[[Any, list[Any]], list[Any]]


def resolve(ref: str) -> BatchFn:
    """ "module:function" → the function (the only way an engine finds a stage's code)."""
    module_name, _, name = ref.partition(":")
    if not module_name or not name:
        raise AssayError(f'a batch function is "module:function", not {ref!r}')
    try:
        fn = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as exc:
        raise AssayError(f"no batch function {ref}: {exc}") from exc
    if not callable(fn):
        raise AssayError(f"{ref} is not a function")
    return fn  # type: ignore[no-any-return]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last may be shorter), read lazily: the one batching helper."""
    if size < 1:
        raise AssayError(f"a batch holds at least 1 item, not {size}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def split_limit(total: int, index: int, workers: int) -> int | None:
    """Worker `index`'s part of a limit `total` shared by `workers` workers: the parts add up to exactly
    `total` (the first `total % workers` workers get one more), and a worker whose part would be 0 gets
    None (it takes no batch), so the limit holds however many workers there are."""
    if workers < 1 or not 0 <= index < workers:
        raise AssayError(f"worker {index} of {workers} does not exist")
    part = total // workers + (1 if index < total % workers else 0)
    return part if part >= 1 else None


class Engine(Protocol):
    name: str
    workers: int  # how many batches can run at once

    def map(self, fn: str, context: Any, batches: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        """fn(context, batch) for each batch, results yielded in the batches' order; lazily, with a
        bounded number of batches in flight, so a stream of any length runs in flat memory."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc: object) -> None: ...


# --- process-local resources ----------------------------------------------------------------------------

_RESOURCES: dict[Hashable, Any] = {}


def resource(key: Hashable, make: Callable[[], T]) -> T:
    """The process's one instance for `key` (e.g. ("verifiers", settings)), made on first use. An
    object with `close()` (or a context manager) is closed by close_resources(). A `Lent` key gives the
    object the driver lent (see `lend`), and never calls make."""
    if isinstance(key, Lent):
        return borrowed(key)  # type: ignore[no-any-return]
    if key not in _RESOURCES:
        value = make()
        if hasattr(value, "__enter__"):
            value = value.__enter__()
        _RESOURCES[key] = value
    return _RESOURCES[key]  # type: ignore[no-any-return]


def close_resources() -> None:
    """Close every resource of this process, newest first (a verifier set before its worker pool)."""
    while _RESOURCES:
        _, value = _RESOURCES.popitem()
        _close(value)


def _close(value: Any) -> None:
    if hasattr(value, "__exit__"):
        value.__exit__(None, None, None)
    elif hasattr(value, "close"):
        value.close()


atexit.register(close_resources)


@contextmanager
def scoped_resources() -> Iterator[None]:
    """Close, on leaving, the resources made inside (newest first), and no others: for a driver that
    runs a stage on its own local engine while its caller keeps resources of its own open."""
    before = set(_RESOURCES)
    try:
        yield
    finally:
        for key in [k for k in reversed(_RESOURCES) if k not in before]:
            _close(_RESOURCES.pop(key))


@dataclass(frozen=True)
class Lent:
    """Stands in a context for an object the caller built itself (a fake generator in a test, a
    `Verifiers` with verifiers given by hand): batch functions in the same process find it through
    `resource(lent, ...)`; another process has no such object, and says so. The caller keeps owning
    it: it is never closed here."""

    number: int
    what: str  # named in the error of an engine that cannot reach it, e.g. "generator fake@1"


_LENT: dict[Lent, Any] = {}
_NUMBERS = itertools.count(1)


def borrowed(key: Lent) -> Any:
    """The object lent under key; AssayError in a process it was not lent in (a Ray worker)."""
    if key not in _LENT:
        raise AssayError(
            f"{key.what} was handed over as an object in the driver process, so only the local "
            "engine can run with it; give its spec (settings) instead to run on another engine"
        )
    return _LENT[key]


@contextmanager
def lend(value: Any, what: str) -> Iterator[Lent]:
    """`value` reachable by batch functions of this process as `resource(key, ...)` while inside."""
    key = Lent(next(_NUMBERS), what)
    _LENT[key] = value
    try:
        yield key
    finally:
        del _LENT[key]


class LocalEngine:
    """In this process, one batch after another."""

    name = "local"
    workers = 1

    def map(self, fn: str, context: Any, batches: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        function = resolve(fn)
        for batch in batches:
            yield function(context, list(batch))

    def close(self) -> None:
        close_resources()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
