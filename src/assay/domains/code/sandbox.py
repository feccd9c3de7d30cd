"""Running untrusted code: a pool of long-lived sandboxed workers that fork once per task.

Isolation in force, strongest first:

- `bubblewrap`: each worker runs under bwrap with every namespace unshared (no network, own PIDs, own
  IPC and hostname), nested user namespaces disabled, all capabilities dropped, a read-only view of
  /usr and the Python installation only (no /etc, /home, /root, /run, no project files), a private
  size-capped /tmp, a cleared environment, a new session, and death with its parent. The worker is
  PID 1 of its namespace, so nothing inside can signal it and it can kill every leftover process.
- `weak`: the same worker and per-task limits (rlimits, seccomp, process-group kill, output caps,
  cleared environment, private scratch folder) without namespaces: the code has the file rights of
  the user running assay. Used only when asked for by name; every verdict's evidence then says so.
  As root it also needs ASSAY_SANDBOX_WEAK_AS_ROOT=1 (for throwaway containers).

Per task: rlimits (CPU, address space, file size, open files, stack), the seccomp filter of
`policy.py`, a CPU-time limit for the candidate and one for the tests (a loaded machine does not turn a
correct program into `timeout`) with a loose wall-clock backstop (time_limits.py), the task's process
group killed by the worker when it ends, captured output capped, every child reaped. A worker is
replaced after `max_tasks` tasks or after any timeout, crash or memory blow-up, and the host kills a
worker that stops answering.

Here: the pool (Sandbox), which hands jobs to its workers and turns their reports into results. The
records it takes and gives are sandbox_records.py's, the command line that starts a worker and the
checks of this machine isolation.py's, one worker's process worker_process.py's, and what runs inside
worker.py's (with spawner.py, harness.py and the bridge).
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed, wait
from dataclasses import replace
from typing import Any

from assay.domains.code.isolation import (
    RUNNER,
    RUNNER_MODULES,
    SANDBOX_RUNNER,
    WEAK_AS_ROOT,
    bubblewrap_problem,
    bwrap_command,
    module_bytecode,
    weak_problem,
    weak_reason,
)
from assay.domains.code.lanes import Lane, Sent
from assay.domains.code.policy import compiled_filters
from assay.domains.code.sandbox_records import (
    BUBBLEWRAP,
    ISOLATIONS,
    WEAK,
    CodeJob,
    ExecStatus,
    ExecutionResult,
    SandboxConfig,
    SandboxUnavailable,
    TestOutcome,
)
from assay.domains.code.worker_process import _Worker
from assay.errors import AssayError

# what callers import from here (the records, the checks of this machine, the command line); the names
# of isolation.py are read there, so a test that replaces one replaces it in isolation.py
__all__ = [
    "BUBBLEWRAP",
    "ISOLATIONS",
    "RUNNER",
    "RUNNER_MODULES",
    "SANDBOX_RUNNER",
    "WEAK",
    "WEAK_AS_ROOT",
    "CodeJob",
    "ExecStatus",
    "ExecutionResult",
    "Sandbox",
    "SandboxConfig",
    "SandboxUnavailable",
    "TestOutcome",
    "bubblewrap_problem",
    "bwrap_command",
    "module_bytecode",
    "weak_problem",
    "weak_reason",
]


class Sandbox:
    """Runs `CodeJob`s in a pool of sandboxed workers. Thread-safe; close() (or `with`) when done.

    isolation="bubblewrap" refuses to start without a working bubblewrap (SandboxUnavailable says
    why); isolation="weak" must be asked for by name. Each worker is owned by one long-lived thread of
    the pool: bubblewrap's --die-with-parent follows the thread that started the worker.
    """

    def __init__(self, config: SandboxConfig | None = None, **overrides: Any) -> None:
        config = replace(config or SandboxConfig(), **overrides)
        if config.isolation == BUBBLEWRAP:
            problem = bubblewrap_problem()
            if problem is not None:
                raise SandboxUnavailable(
                    f"{problem}. Code is never run without isolation unless you ask for the weaker mode by "
                    'name: [sandbox] isolation = "weak" in assay.toml, or --sandbox weak.'
                )
        elif (problem := weak_problem()) is not None:
            raise SandboxUnavailable(problem)
        compiled_filters()  # fail here, not in the first task, if seccomp is missing
        self.config = config
        self._size = max(1, config.workers or os.cpu_count() or 1)
        self._jobs: queue.SimpleQueue[tuple[CodeJob, float, Future[ExecutionResult]] | None] = (
            queue.SimpleQueue()
        )
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._closed = False

    @property
    def isolation(self) -> str:
        return self.config.isolation

    def submit(self, job: CodeJob, timeout: float | None = None) -> Future[ExecutionResult]:
        with self._lock:
            if self._closed:
                raise AssayError("the sandbox is closed")
            if not self._threads:
                self._threads = [
                    threading.Thread(target=self._serve, args=(i,), name=f"assay-sandbox-{i}", daemon=True)
                    for i in range(self._size)
                ]
                for thread in self._threads:
                    thread.start()
        future: Future[ExecutionResult] = Future()
        self._jobs.put((job, timeout or self.config.timeout, future))
        return future

    def run(self, job: CodeJob, timeout: float | None = None) -> ExecutionResult:
        return self.submit(job, timeout).result()

    def run_many(
        self,
        jobs: Sequence[CodeJob],
        on_done: Callable[[int, ExecutionResult], None] | None = None,
        timeout: float | None = None,
    ) -> list[ExecutionResult]:
        """Results in the order of jobs; on_done(i, result) in this thread as each finishes."""
        futures = [self.submit(job, timeout) for job in jobs]
        if on_done is not None:
            index = {id(f): i for i, f in enumerate(futures)}
            for future in as_completed(futures):
                on_done(index[id(future)], future.result())
        else:
            wait(futures)  # one wake-up for the whole batch, not one per result
        return [f.result() for f in futures]

    def _serve(self, slot: int) -> None:
        cpus = sorted(os.sched_getaffinity(0))
        cpu = cpus[slot % len(cpus)] if self._size <= len(cpus) else None
        # the module's _Worker, looked up at each start (tests count the workers a pool starts)
        lane = Lane(lambda: _Worker(self.config, cpu), self.config.depth)
        stopping = False
        try:
            while True:
                while not stopping and lane.has_room():  # the next jobs wait in the worker's pipe
                    if lane.pending and self._jobs.qsize() < self._size:
                        break  # only what the other workers cannot take yet: a short batch is shared out
                    try:
                        item = self._jobs.get(block=not lane.pending)
                    except queue.Empty:
                        break
                    if item is None:
                        stopping = True
                        break
                    job, timeout, future = item
                    if future.set_running_or_notify_cancel():
                        message = job.message(next(self._ids), timeout, self.config.wall_factor)
                        lane.submit(Sent(message, json.dumps(message).encode() + b"\n", future))
                if not lane.pending:
                    if stopping:
                        return
                    continue
                try:
                    sent, report = lane.next_report()
                except BaseException as exc:  # a fault of the pool itself: no job waits for ever
                    lane.retire()
                    while lane.pending:
                        lane.pending.popleft().future.set_exception(exc)
                    continue
                try:
                    sent.future.set_result(self._result(report))
                except BaseException as exc:
                    sent.future.set_exception(exc)
        finally:
            lane.retire()

    def _result(self, report: dict[str, Any]) -> ExecutionResult:
        try:
            status = ExecStatus(str(report.get("status")))
        except ValueError:
            status = ExecStatus.SANDBOX_ERROR
        tests = tuple(
            TestOutcome(
                int(t.get("index", 0)),
                int(t.get("line") or 0),
                str(t.get("source", "")),
                t.get("passed") is True,
                str(t.get("message", "")),
            )
            for t in report.get("tests") or ()
            if isinstance(t, dict)
        )
        return ExecutionResult(
            status=status,
            message=str(report.get("message", "")),
            tests=tests,
            total=int(report.get("total") or 0),
            passed=int(report.get("passed") or 0),
            stdout=str(report.get("stdout", "")),
            stderr=str(report.get("stderr", "")),
            stdout_bytes=int(report.get("stdout_bytes") or 0),
            stderr_bytes=int(report.get("stderr_bytes") or 0),
            seconds=float(report.get("seconds") or 0.0),
            isolation=self.config.isolation,
        )

    def close(self) -> None:
        """Finish queued jobs, then stop every worker."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = self._threads
        for _ in threads:
            self._jobs.put(None)
        for thread in threads:
            thread.join()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
