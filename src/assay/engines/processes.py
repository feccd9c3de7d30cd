"""The `processes` engine: batches side by side in spawned processes of this machine.

LocalEngine runs one batch after another in the driver; that is right for stages whose batches are
cheap or already fan out (a worker pool, a sandbox), and wrong for jobs that are each one core's work
for minutes, such as the collapse experiment's arms, which each train a model. This engine runs up to
`workers` batches at once, one per process, with the same protocol: `fn(context, batch)` resolved from
"module:function" inside the worker, results yielded in the order the batches went in.

Processes are spawned, never forked: a fork would copy the driver's threads, locks and open store
connections into the child. Each process's math libraries keep `threads` threads (one by default), so N
processes on N cores do not oversubscribe them. At most `window` batches are in flight, so a stream of
any length runs in flat memory. A batch that raises re-raises in the driver; a process that dies
(killed, out of memory) is an AssayError naming the batch, and nothing after it is started.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from assay.engines.base import close_resources, resolve
from assay.errors import AssayError

THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def _start(environment: Mapping[str, str]) -> None:
    """Runs first in each worker process, before any job imports torch or numpy (which read these
    variables once, at import)."""
    os.environ.update(environment)


def _call(fn: str, context: Any, batch: list[Any]) -> list[Any]:
    return resolve(fn)(context, batch)


class ProcessEngine:
    """Up to `workers` batches at once, each in its own spawned process (see the module docstring)."""

    name = "processes"

    def __init__(
        self, workers: int | None = None, *, threads: int | None = 1, window: int | None = None
    ) -> None:
        self.workers = workers if workers is not None else os.cpu_count() or 1
        if self.workers < 1:
            raise AssayError(f"the processes engine needs at least 1 worker, not {self.workers}")
        self.window = window if window is not None else 2 * self.workers
        if self.window < 1:
            raise AssayError(f"at least 1 batch must be in flight, not {self.window}")
        self._environment = {v: str(threads) for v in THREAD_VARIABLES} if threads is not None else {}
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        # made on first use: an engine that is opened and closed without work starts no process
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start,
                initargs=(self._environment,),
            )
        return self._executor

    def map(self, fn: str, context: Any, batches: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
        resolve(fn)  # a wrong reference fails here, in the driver, before any process starts
        pending: deque[tuple[int, Future[list[Any]]]] = deque()
        try:
            for number, batch in enumerate(batches):
                pending.append((number, self._pool().submit(_call, fn, context, list(batch))))
                if len(pending) >= self.window:
                    yield self._result(fn, *pending.popleft())
            while pending:
                yield self._result(fn, *pending.popleft())
        finally:
            # the caller stopped early or a batch failed: what has not started never starts
            for _, future in pending:
                future.cancel()

    @staticmethod
    def _result(fn: str, number: int, future: Future[list[Any]]) -> list[Any]:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise AssayError(
                f"a process running batch {number} of {fn} died (killed, or out of memory)"
            ) from exc

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        close_resources()

    def __enter__(self) -> ProcessEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
