"""What goes into the code sandbox and what comes out: jobs, results, limits, isolation names.

Plain frozen records shared by the pool (sandbox.py), its workers' host side (worker_process.py) and
the checks of what this machine offers (isolation.py); no process is started here. Import them from
`assay.domains.code.sandbox`, which re-exports each one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from assay.domains.code.time_limits import cpu_seconds
from assay.errors import AssayError

WEAK = "weak"
BUBBLEWRAP = "bubblewrap"
ISOLATIONS = (BUBBLEWRAP, WEAK)


class SandboxUnavailable(AssayError):
    """The requested isolation cannot be had on this machine."""


class ExecStatus(enum.StrEnum):
    PASSED = "passed"  # every test ran and passed
    FAILED = "failed"  # a test failed, or the code does not load; `message` and `tests` say which
    TIMEOUT = "timeout"  # past the CPU limit (candidate or tests), or the loose wall-clock backstop
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

    def message(self, job_id: int, timeout: float, wall_factor: float) -> dict[str, Any]:
        """The job as the worker reads it: timeout gives its CPU limit (time_limits.cpu_seconds), and
        wall_factor times that limit its wall-clock backstop, never shorter than the limit."""
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
            "wall": cpu_seconds(timeout) * wall_factor,
        }


@dataclass(frozen=True)
class SandboxConfig:
    isolation: str = BUBBLEWRAP
    workers: int | None = None  # default: the number of CPUs
    # seconds of CPU time per task: the candidate's processes may use this much, and so may the tests
    # (rounded up to whole seconds, the kernel's unit); the machine's load does not count (limits.py)
    timeout: float = 5.0
    # a task still running after its CPU limit × this many seconds of wall-clock time is stopped too (a
    # program that sleeps or blocks uses no CPU): loose, so that only a very loaded machine comes near it
    wall_factor: float = 4.0
    memory_mb: int = 1024  # address space per task process
    file_mb: int = 16  # largest file a task may write
    tmp_mb: int = 64  # size of the private /tmp (bubblewrap)
    output_limit: int = 64 * 1024  # bytes of stdout and of stderr kept in the report per task
    output_max_mb: int = 8  # more output than this on either stream fails the task ("output limit exceeded")
    max_tasks: int = 500  # tasks per worker before it is replaced
    spawner: bool = True  # start task processes from a small idle process (spawner.Spawner), not the worker
    # jobs a worker is sent ahead of their reports (lanes.py); 1: one at a time (2 measured no faster)
    depth: int = 1

    def __post_init__(self) -> None:
        if self.isolation not in ISOLATIONS:
            raise AssayError(f"sandbox isolation must be one of {list(ISOLATIONS)}, not {self.isolation!r}")
        if (
            not self.timeout > 0
            or not self.wall_factor >= 1
            or self.memory_mb < 64
            or self.max_tasks < 1
            or self.depth < 1
        ):
            raise AssayError(
                "sandbox limits must be positive (timeout > 0, wall_factor >= 1, memory_mb >= 64, "
                "max_tasks >= 1, depth >= 1)"
            )
