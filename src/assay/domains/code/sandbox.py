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
`policy.py`, a wall-clock SIGKILL of the task's process group from the worker, captured output capped,
every child reaped. A worker is replaced after `max_tasks` tasks or after any timeout, crash or
memory blow-up, and the host kills a worker that stops answering.
"""

from __future__ import annotations

import base64
import contextlib
import enum
import fcntl
import functools
import importlib.util
import itertools
import json
import marshal
import os
import queue
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from assay.domains.code.lanes import GRACE, Lane, Sent, WorkerGone
from assay.domains.code.policy import compiled_filters
from assay.errors import AssayError

RUNNER = Path(__file__).with_name("runner.py")
SANDBOX_RUNNER = "/assay/runner.py"
# imported by the runner from its own folder
RUNNER_MODULES = (
    "worker.py",
    "harness.py",
    "candidate_side.py",
    "frames.py",
    "tests_static.py",
    "bridge.py",
    "bridge_kinds.py",
    "bridge_values.py",
    "bridge_encode.py",
    "bridge_decode.py",
)
WEAK = "weak"
BUBBLEWRAP = "bubblewrap"
ISOLATIONS = (BUBBLEWRAP, WEAK)


class SandboxUnavailable(AssayError):
    """The requested isolation cannot be had on this machine."""


class ExecStatus(enum.StrEnum):
    PASSED = "passed"  # every test ran and passed
    FAILED = "failed"  # a test failed, or the code does not load; `message` and `tests` say which
    TIMEOUT = "timeout"  # killed at the wall-clock or CPU limit
    MEMORY = "memory"  # ran out of its address-space limit
    CRASHED = "crashed"  # the task's process died before reporting (signal or exit)
    SANDBOX_ERROR = "sandbox-error"  # the sandbox itself failed; says nothing about the code


@dataclass(frozen=True)
class TestOutcome:
    index: int
    line: int
    source: str
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class ExecutionResult:
    status: ExecStatus
    message: str = ""
    tests: tuple[TestOutcome, ...] = ()
    total: int = 0
    passed: int = 0
    stdout: str = ""
    stderr: str = ""
    stdout_bytes: int = 0
    stderr_bytes: int = 0
    seconds: float = 0.0
    isolation: str = BUBBLEWRAP


@dataclass(frozen=True)
class CodeJob:
    """One program and its tests.

    tests: a source defining `check(candidate)` (HumanEval style) or a list of assert statements (MBPP
    style) that name `entry_point`. setup: trusted code run before the tests, and before the candidate's
    code in its own process (helpers and classes the tests use, such as a HumanEval prompt or
    ListNode). prompt: if the code does not define `entry_point`, it is read as the continuation of
    the prompt. stdio: (input, expected output) pairs instead of tests (APPS style): the code runs as
    a whole program once per pair, fed the input on stdin, and its stdout is compared.
    """

    code: str
    tests: str | tuple[str, ...] = ()
    entry_point: str = ""
    setup: str = ""
    prompt: str = ""
    stdio: tuple[tuple[str, str], ...] = ()

    def message(self, job_id: int, timeout: float) -> dict[str, Any]:
        tests: str | list[Any] = self.tests if isinstance(self.tests, str) else list(self.tests)
        style = "check" if isinstance(self.tests, str) and "def check(" in self.tests else "asserts"
        if self.stdio:
            tests, style = [list(pair) for pair in self.stdio], "stdio"
        return {
            "id": job_id,
            "code": self.code,
            "tests": tests,
            "style": style,
            "entry_point": self.entry_point,
            "setup": self.setup,
            "prompt": self.prompt,
            "timeout": timeout,
        }


@dataclass(frozen=True)
class SandboxConfig:
    isolation: str = BUBBLEWRAP
    workers: int | None = None  # default: the number of CPUs
    timeout: float = 5.0  # wall-clock seconds per task
    memory_mb: int = 1024  # address space per task process
    file_mb: int = 16  # largest file a task may write
    tmp_mb: int = 64  # size of the private /tmp (bubblewrap)
    output_limit: int = 64 * 1024  # bytes of stdout and of stderr kept in the report per task
    output_max_mb: int = 8  # more output than this on either stream fails the task ("output limit exceeded")
    max_tasks: int = 500  # tasks per worker before it is replaced
    spawner: bool = True  # start task processes from a small idle process (worker.Spawner), not the worker
    # jobs a worker is sent ahead of their reports (lanes.py); 1: one at a time (2 measured no faster)
    depth: int = 1

    def __post_init__(self) -> None:
        if self.isolation not in ISOLATIONS:
            raise AssayError(f"sandbox isolation must be one of {list(ISOLATIONS)}, not {self.isolation!r}")
        if self.timeout <= 0 or self.memory_mb < 64 or self.max_tasks < 1 or self.depth < 1:
            raise AssayError(
                "sandbox limits must be positive (timeout > 0, memory_mb >= 64, max_tasks >= 1, depth >= 1)"
            )


# --- what this machine offers -----------------------------------------------------------------------------


def _python() -> tuple[str, str]:
    return os.path.realpath(sys.executable), sys.base_prefix


def bwrap_command(config: SandboxConfig, bytecode: Sequence[tuple[int, str]] = ()) -> list[str]:
    """The bubblewrap command line that starts one worker. bytecode: (descriptor, file name) of the
    compiled modules the worker loads (see module_bytecode), copied by bubblewrap into the sandbox."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable("bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)")
    python, prefix = _python()
    command = [
        bwrap,
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        "--as-pid-1",
        "--clearenv",
        "--setenv",
        "PATH",
        "/usr/bin",
        "--setenv",
        "HOME",
        "/tmp",
        "--setenv",
        "LANG",
        "C.UTF-8",
        "--ro-bind",
        "/usr",
        "/usr",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            command += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            command += ["--ro-bind", top, top]
    if not prefix.startswith("/usr/"):
        command += ["--ro-bind", prefix, prefix]
    command += [
        "--ro-bind-try",
        "/etc/ld.so.cache",
        "/etc/ld.so.cache",
        "--ro-bind",
        str(RUNNER),
        SANDBOX_RUNNER,
    ]
    for module in RUNNER_MODULES:
        command += ["--ro-bind", str(RUNNER.with_name(module)), f"/assay/{module}"]
    for fd, name in bytecode:
        command += ["--ro-bind-data", str(fd), f"/assay/__pycache__/{name}"]
    command += [
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",  # /dev/shm with it: /tmp, wiped after every task, is the only place to write
        "/dev",
        "--size",
        str(config.tmp_mb * 1024 * 1024),
        "--tmpfs",
        "/tmp",
        "--remount-ro",
        "/",
        "--remount-ro",
        "/proc",
        "--chdir",
        "/tmp",
        python,
        "-I",
        "-S",
        "-B",
        SANDBOX_RUNNER,
    ]
    return command


_BYTECODE: dict[str, tuple[tuple[int, int], bytes]] = {}
_BYTECODE_LOCK = threading.Lock()


def module_bytecode() -> tuple[tuple[str, bytes], ...]:
    """(file name, content) of a compiled-bytecode file (a .pyc) for each module the runner imports,
    made here from our own source, for bubblewrap to place read-only where the worker's Python looks
    for it (/assay/__pycache__); nothing is written to any file system. () if this bubblewrap cannot
    place files from data.

    Why: the worker compiled those modules at every start (about 60 ms), and the compiler's heap stayed
    in the worker (3 MB): its spawner inherited it, so every task's fork copied its page tables and
    every task's exit took them down again (T: 9.3 MB of private memory before, 6.8 MB after). The
    header records the source's time and size, which the worker's Python checks against the bound
    source file (the bind keeps both) before it uses the bytecode, exactly as for its own cache: on
    any mismatch it compiles the source, as before. Remade when the source changes."""
    if not _bind_data_supported():
        return ()
    found = []
    with _BYTECODE_LOCK:
        for module in RUNNER_MODULES:
            source = RUNNER.with_name(module)
            stat = source.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            known = _BYTECODE.get(module)
            if known is None or known[0] != key:
                # optimize=0: the worker runs without -O; dont_inherit: none of this module's futures
                code = compile(source.read_bytes(), f"/assay/{module}", "exec", dont_inherit=True, optimize=0)
                header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")  # 0: checked by time
                header += (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
                header += (stat.st_size & 0xFFFFFFFF).to_bytes(4, "little")
                known = _BYTECODE[module] = (key, header + marshal.dumps(code))
            name = os.path.basename(importlib.util.cache_from_source(f"/assay/{module}", optimization=""))
            found.append((name, known[1]))
    return tuple(found)


@functools.cache
def _bind_data_supported() -> bool:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    try:
        done = subprocess.run([bwrap, "--help"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"--ro-bind-data" in done.stdout + done.stderr


@functools.cache
def bubblewrap_problem() -> str | None:
    """None if bubblewrap can start a worker here; else why not."""
    try:
        command = bwrap_command(SandboxConfig())
    except SandboxUnavailable as exc:
        return str(exc)
    probe = [*command[:-4], "-I", "-S", "-c", "0"]  # the worker's command line, running nothing
    try:
        done = subprocess.run(probe, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap did not start: {exc}"
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        return f"bubblewrap cannot create its namespaces here: {reason[-1] if reason else done.returncode}"
    return None


WEAK_AS_ROOT = "ASSAY_SANDBOX_WEAK_AS_ROOT"


def weak_reason() -> str:
    who = "root" if os.geteuid() == 0 else "this user"
    return f"isolation: weak (no namespaces: the code has the file rights of {who})"


def weak_problem() -> str | None:
    """None if the weak mode may run here; as root it needs ASSAY_SANDBOX_WEAK_AS_ROOT=1."""
    if os.geteuid() == 0 and os.environ.get(WEAK_AS_ROOT) != "1":
        return (
            "the weak mode gives the code the rights of the user running assay, and that is root here. "
            "Install bubblewrap, run as an unprivileged user, or, in a throwaway container, set "
            f"{WEAK_AS_ROOT}=1"
        )
    return None


# --- one worker -------------------------------------------------------------------------------------------


class _Worker:
    def __init__(self, config: SandboxConfig, cpu: int | None = None) -> None:
        self.config = config
        self._scratch: str | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the worker; closed in close()
        bytecode: list[tuple[int, str]] = []
        if config.isolation == BUBBLEWRAP:
            for name, data in module_bytecode():
                fd = os.memfd_create(name)  # closed below, once bubblewrap holds its own copy
                os.write(fd, data)
                os.lseek(fd, 0, os.SEEK_SET)
                bytecode.append((fd, name))
            command = bwrap_command(config, bytecode)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
            cwd = None
        else:
            self._scratch = tempfile.mkdtemp(prefix="assay-sandbox-")
            python, _ = _python()
            command = [python, "-I", "-S", "-B", str(RUNNER)]
            env = {"PATH": "/usr/bin:/bin", "HOME": self._scratch, "TMPDIR": self._scratch, "LANG": "C.UTF-8"}
            cwd = self._scratch
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=env,
                cwd=cwd,
                start_new_session=True,
                pass_fds=[fd for fd, _ in bytecode],
            )
        except BaseException:
            self._stderr.close()
            if self._scratch:
                shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        finally:
            for fd, _ in bytecode:
                os.close(fd)
        try:
            self._handshake(config, cpu)
        except BaseException:
            # a worker that did not start (no answer in time on a loaded machine, an early exit) is
            # killed and reaped here: the caller gets only the error, so nothing else could close it
            self.close()
            raise

    def _handshake(self, config: SandboxConfig, cpu: int | None) -> None:
        """The worker's pipes, then its setup sent and its readiness read."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in: IO[bytes] = self.process.stdin
        # what may wait in its stdin (lanes.py): the pipe's size, or the least a pipe holds
        try:
            self.ahead = fcntl.fcntl(self._in.fileno(), fcntl.F_GETPIPE_SZ)
        except (OSError, AttributeError):
            self.ahead = select.PIPE_BUF
        self._out = self.process.stdout
        self._poll = select.poll()
        self._poll.register(self._out.fileno(), select.POLLIN)
        self._buffer = b""
        base, process = compiled_filters()
        setup = {
            "bpf_base": base64.b64encode(base).decode(),
            "bpf_process": base64.b64encode(process).decode(),
            "memory_mb": config.memory_mb,
            "file_mb": config.file_mb,
            "output_limit": config.output_limit,
            "output_max_mb": config.output_max_mb,
            "max_tasks": config.max_tasks,
            "cpu": cpu,
            "spawner": config.spawner,
        }
        self._send(setup)
        reply = self._receive(30.0)
        if reply.get("ready") is not True:
            raise WorkerGone(f"the worker did not start: {reply}")

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self._in.write(json.dumps(message).encode() + b"\n")
            self._in.flush()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(f"the worker is gone ({exc}){self.stderr_tail()}") from exc

    def _receive(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        fd = self._out.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not self._poll.poll(left * 1000):
                raise WorkerGone(f"the worker did not answer within {timeout:.0f} s")
            chunk = os.read(fd, 1 << 16)  # under malloc's mmap threshold: no mmap and munmap per report
            if not chunk:
                raise WorkerGone(f"the worker exited{self.stderr_tail()}")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            reply = json.loads(line)
        except ValueError as exc:
            raise WorkerGone(f"the worker answered garbage: {line[:200]!r}") from exc
        if not isinstance(reply, dict):
            raise WorkerGone(f"the worker answered garbage: {line[:200]!r}")
        return reply

    def stderr_tail(self) -> str:
        try:
            self._stderr.seek(0)
            text = self._stderr.read()[-2000:].decode(errors="replace").strip()
        except (OSError, ValueError):
            return ""
        return f": {text}" if text else ""

    def run(self, job: dict[str, Any]) -> dict[str, Any]:
        self._send(job)
        return self._receive(float(job["timeout"]) + GRACE)

    def send(self, data: bytes) -> None:
        """One job, already encoded as its line."""
        try:
            self._in.write(data)
            self._in.flush()
        except (BrokenPipeError, OSError) as exc:
            raise WorkerGone(f"the worker is gone ({exc}){self.stderr_tail()}") from exc

    def receive(self, timeout: float) -> dict[str, Any]:
        return self._receive(timeout)

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):  # (set even if the handshake was not)
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._stderr.close()
        if self._scratch:
            shutil.rmtree(self._scratch, ignore_errors=True)


# --- the pool ---------------------------------------------------------------------------------------------


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
                        message = job.message(next(self._ids), timeout)
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
