"""A pool of killable worker processes with a hard limit per job: CPU time, and a loose wall clock.

Anything that touches untrusted text with unbounded cost (parsing, SymPy, math-verify) runs here, never in
the caller's process. The limit is enforced from outside: when a job overruns, its worker is killed with
SIGKILL and replaced, so a stuck C loop or a runaway allocation cannot outlive it (no `signal.alarm`,
which only works on the main thread). Each worker also has an address-space limit, so a huge allocation
fails inside it as MemoryError.

A verdict must not depend on how busy the machine is, so the limit is the CPU time the worker spent on
the job (`timeout` seconds), read from /proc while the job runs, as the code sandbox limits a candidate
(domains/code/time_limits.py). A job that uses no CPU (nothing in assay's verifiers blocks, but a bug
might) meets the backstop instead: `timeout` times `wall_factor` of wall-clock time. Each timeout says
which limit it met. Where /proc cannot be read, the limit is `timeout` of wall-clock time.

The pool is safe to use from many threads: each call borrows an idle worker exclusively. Jobs are sent in
chunks to save round trips, and results come back one by one, so the limit still applies per job. A
worker says `go` once it has imported a chunk's job function, and only then does the first job's clock
start: a cold start or import on a loaded machine is never a job's timeout.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal

from assay.errors import WorkerError

ALLOWED_PREFIX = "assay."  # a worker only imports job functions from assay's own modules
PRELOAD = ["assay.domains.math.check"]  # imported once at worker start, not per job
STARTUP_SECONDS = 60.0  # for starting a worker and for importing a job function's module in it
# how often the CPU time of a job that has not answered yet is read (jobs are mostly milliseconds long)
POLL_SECONDS = 0.05
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Outcome:
    """What came back for one job."""

    kind: Literal["ok", "timeout", "error"]
    value: Any = None  # the job function's return value when ok
    message: str = ""  # why, when not ok
    seconds: float = 0.0


def _resolve(name: str) -> Callable[[Any], Any]:
    module_name, _, attr = name.partition(":")
    if not module_name.startswith(ALLOWED_PREFIX) or not attr:
        raise WorkerError(f"job function {name!r} is not an assay function")
    function: Callable[[Any], Any] = getattr(importlib.import_module(module_name), attr)
    return function


def worker_main(memory_bytes: int) -> None:  # pragma: no cover - runs in the child process
    """The child's loop: JSON lines in (`{"fn", "jobs"}`), one JSON line out per job."""
    import resource

    # if a lower hard limit is already in force, that is just as good
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    sys.set_int_max_str_digits(20_000)
    for module in PRELOAD:
        importlib.import_module(module)
    # the protocol gets a private copy of stdout; anything else that prints goes to stderr
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    out.write('["ready"]\n')
    out.flush()
    functions: dict[str, Callable[[Any], Any]] = {}
    for line in sys.stdin:
        message = json.loads(line)
        name, jobs = message["fn"], message["jobs"]
        # the job function's module is imported before the first job's clock starts, so a cold import on
        # a loaded machine is never a job's timeout
        unresolved: Exception | None = None
        if name not in functions:
            try:
                functions[name] = _resolve(name)
            except Exception as exc:
                unresolved = exc
        out.write(json.dumps(["go", time.process_time()]) + "\n")
        out.flush()
        for index, job in enumerate(jobs):
            started = time.perf_counter()
            try:
                if unresolved is not None:
                    raise unresolved
                function = functions[name]
                result = ["ok", index, function(job), time.perf_counter() - started]
            except MemoryError:
                result = ["error", index, "out of memory (the worker's memory limit)", 0.0]
            except RecursionError:
                result = ["error", index, "recursion too deep", 0.0]
            except Exception as exc:
                last = traceback.extract_tb(exc.__traceback__)[-1:]
                where = f" at {last[0].name}:{last[0].lineno}" if last else ""
                result = ["error", index, f"{type(exc).__name__}: {exc}{where}"[:500], 0.0]
            # the worker's CPU time when the job ended: where the next job's own CPU time starts
            out.write(json.dumps([*result, time.process_time()]) + "\n")
            out.flush()


class _Worker:
    """One child process speaking JSON lines over its stdin and stdout."""

    def __init__(self, memory_bytes: int) -> None:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assay._worker", str(memory_bytes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin = self.process.stdin
        self.fd = self.process.stdout.fileno()
        os.set_blocking(self.fd, False)
        self.buffer = b""
        self.tasks = 0
        try:
            ready = self.read_line(STARTUP_SECONDS)
        except (EOFError, ValueError) as exc:  # it died before saying anything (or said garbage)
            self.kill()
            raise WorkerError(
                f"a verification worker failed to start (exit code {self.process.returncode}): {exc}"
            ) from exc
        if ready != ["ready"]:
            self.kill()
            raise WorkerError(f"a verification worker failed to start (said {ready!r})")
        self.reads_cpu = self.cpu_seconds() is not None

    def send(self, function: str, jobs: list[Any]) -> None:
        self.stdin.write(json.dumps({"fn": function, "jobs": jobs}).encode() + b"\n")
        self.stdin.flush()

    def read_line(self, timeout: float) -> Any:
        """The next JSON line, or None on timeout; raises EOFError if the child is gone."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                raise EOFError("the worker closed its output")
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def cpu_seconds(self) -> float | None:
        """The worker's CPU time so far (user and system, from /proc), or None where it cannot be read."""
        try:
            with open(f"/proc/{self.process.pid}/stat", "rb") as handle:
                # the fields after the command name, which is in parentheses and may hold spaces
                fields = handle.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / _TICKS
        except (OSError, IndexError, ValueError):
            return None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def stop(self) -> None:
        try:
            self.stdin.close()
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class WorkerPool:
    """Killable worker processes; `run` and `map` never hang past the per-job limit.

    >>> pool = WorkerPool(size=2, timeout=2.0)
    >>> pool.map("assay.domains.math.check:check_answer_job", jobs)   # doctest: +SKIP
    """

    def __init__(
        self,
        size: int | None = None,
        timeout: float = 2.0,
        memory_mb: int = 2048,
        # a fresh worker imports the verifiers again (~1.3 s of CPU: ~8% of a math worker's CPU when it
        # was replaced every 2,000 jobs); its memory levels off under the verifiers' bounded caches (~120 MB
        # for math, the same after 24,000 jobs as after 4,000; ~180 MB for logic), far under memory_mb
        max_tasks_per_worker: int = 10_000,
        chunk_size: int = 32,
        # the wall-clock backstop, in multiples of the CPU limit: loose, as a loaded machine stretches a
        # job's wall time while its CPU time stays what the job needs
        wall_factor: float = 10.0,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if wall_factor < 1:
            raise ValueError("wall_factor must be at least 1")
        self.size = size or max(1, os.cpu_count() or 1)
        self.timeout = timeout
        self.wall = timeout * wall_factor
        self.memory_bytes = memory_mb * 1024 * 1024
        self.max_tasks = max_tasks_per_worker
        self.chunk_size = chunk_size
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False
        self.kills = 0  # how many workers the limit has killed (for tests and reports)

    # --- borrowing workers ---

    def _borrow(self) -> _Worker:
        while True:
            with self._lock:
                if self._closed:
                    raise WorkerError("the worker pool is closed")
                start_one = self._started < self.size and self._idle.empty()
                if start_one:
                    self._started += 1
            if start_one:
                try:
                    return _Worker(self.memory_bytes)
                except BaseException:
                    with self._lock:
                        self._started -= 1
                    raise
            token = self._idle.get()
            if token is not None:
                return token
            # None: a slot was freed or the pool closed; look again

    def _give_back(self, worker: _Worker | None) -> None:
        if worker is not None and worker.tasks >= self.max_tasks:
            worker.stop()
            worker = None
        if worker is None:
            with self._lock:
                self._started -= 1
        self._idle.put(worker)  # None wakes a borrower that waits for a free slot

    # --- running jobs ---

    def run(self, function: str, job: Any) -> Outcome:
        """Run one job; at most `timeout` seconds of its own time."""
        return self._run_chunk(function, [job])[0]

    def map(
        self,
        function: str,
        jobs: Sequence[Any],
        on_done: Callable[[int, Outcome], None] | None = None,
    ) -> list[Outcome]:
        """Run jobs across the pool; results in input order. on_done(i, outcome) is called as each ends."""
        chunks = [
            list(range(i, min(i + self.chunk_size, len(jobs)))) for i in range(0, len(jobs), self.chunk_size)
        ]
        results: list[Outcome | None] = [None] * len(jobs)

        def work(indices: list[int]) -> None:
            outcomes = self._run_chunk(function, [jobs[i] for i in indices], on_done, indices)
            for i, outcome in zip(indices, outcomes, strict=True):
                results[i] = outcome

        if len(chunks) <= 1 or self.size == 1:
            for chunk in chunks:
                work(chunk)
        else:
            with ThreadPoolExecutor(max_workers=self.size) as executor:
                list(executor.map(work, chunks))
        return [r if r is not None else Outcome("error", message="lost result") for r in results]

    def _run_chunk(
        self,
        function: str,
        jobs: list[Any],
        on_done: Callable[[int, Outcome], None] | None = None,
        indices: Iterable[int] | None = None,
    ) -> list[Outcome]:
        labels = list(indices) if indices is not None else list(range(len(jobs)))
        outcomes: list[Outcome] = []
        while len(outcomes) < len(jobs):
            worker = self._borrow()
            pending = jobs[len(outcomes) :]
            try:
                worker.send(function, pending)
            except (OSError, ValueError) as exc:
                worker.kill()
                self._give_back(None)
                raise WorkerError(f"could not send a job to a worker: {exc}") from exc
            healthy = True
            try:
                go = worker.read_line(STARTUP_SECONDS)
            except (EOFError, OSError, ValueError):
                go = None
            if not (isinstance(go, list) and len(go) == 2 and go[0] == "go"):
                worker.kill()
                self._give_back(None)
                raise WorkerError(f"a verification worker could not load {function!r} (said {go!r})")
            cpu_start = float(go[1])
            for _ in pending:
                started = time.perf_counter()
                try:
                    line, overrun = self._await_job(worker, cpu_start)
                except (EOFError, OSError, ValueError):
                    worker.kill()
                    outcome = Outcome("error", message="the worker died (crash or memory limit)")
                    healthy = False
                else:
                    if line is None:
                        worker.kill()
                        self.kills += 1
                        outcome = Outcome("timeout", message=overrun, seconds=time.perf_counter() - started)
                        healthy = False
                    else:
                        kind, _, value, seconds, cpu_start = line
                        worker.tasks += 1
                        if kind == "ok":
                            outcome = Outcome("ok", value=value, seconds=seconds)
                        else:
                            outcome = Outcome("error", message=str(value), seconds=seconds)
                if on_done is not None:
                    on_done(labels[len(outcomes)], outcome)
                outcomes.append(outcome)
                if not healthy:
                    break
            self._give_back(worker if healthy else None)
        return outcomes

    def _await_job(self, worker: _Worker, cpu_start: float) -> tuple[Any, str]:
        """(the job's result line, "") or (None, which limit it met). cpu_start: the worker's CPU time when
        the job started (what it reported after the job before)."""
        # without /proc the CPU time cannot be read: the limit is then wall-clock time
        deadline = time.monotonic() + (self.wall if worker.reads_cpu else self.timeout)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 and not worker.reads_cpu:
                return None, f"killed after the {self.timeout:g} s limit (wall-clock time)"
            if left <= 0:
                return None, (
                    f"still running after {self.wall:g} s of wall-clock time (its CPU limit: "
                    f"{self.timeout:g} s); killed"
                )
            line = worker.read_line(min(left, POLL_SECONDS))
            if line is not None:
                return line, ""
            used = worker.cpu_seconds()
            if used is not None and used - cpu_start >= self.timeout:
                return None, f"used more than {self.timeout:g} s of CPU time; killed"

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                worker.stop()
        self._idle.put(None)  # wake any borrower still waiting

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
