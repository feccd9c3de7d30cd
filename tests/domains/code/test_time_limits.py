"""A task's time limits are CPU time, with a loose wall-clock backstop: what ends each kind of program,
and why (the reason, never a duration: no timing here)."""

from __future__ import annotations

import json
import os
import resource
import signal
from collections.abc import Iterator
from concurrent.futures import Future

import pytest

from assay.domains.code.lanes import GRACE, Lane, Sent
from assay.domains.code.sandbox import CodeJob, ExecStatus, Sandbox, SandboxConfig
from assay.domains.code.time_limits import cpu_rlimit, cpu_seconds, ended_at_cpu_limit
from assay.errors import AssayError
from tests.domains.code.conftest import require_bubblewrap

CPU = "s of CPU time"
TESTS_CPU = "the tests used more than"
WALL = "of wall-clock time"


def _usage(cpu: float) -> resource.struct_rusage:
    return resource.struct_rusage((cpu, 0.0, *([0] * 14)))


def _signalled(number: int) -> int:
    return number  # a wait status whose low 7 bits are the signal: killed by it, no core


def _exited(code: int) -> int:
    return code << 8


@pytest.mark.parametrize(
    ("timeout", "seconds"),
    [
        (5.0, 5),
        (0.01, 1),  # at least one second: RLIMIT_CPU's unit
        (2.5, 3),  # rounded up, never down
        (30, 30),
    ],
)
def test_the_cpu_limit_is_whole_seconds_rounded_up(timeout: float, seconds: int) -> None:
    assert cpu_seconds(timeout) == seconds
    soft, hard = cpu_rlimit(seconds)
    assert soft == seconds and hard > soft  # SIGXCPU first, SIGKILL for a process that caught it


@pytest.mark.parametrize(
    ("status", "cpu", "at_limit"),
    [
        # the soft limit's signal
        (_signalled(signal.SIGXCPU), 5.0, True),
        # the hard limit's SIGKILL, after SIGXCPU was caught: only with the whole limit used
        (_signalled(signal.SIGKILL), 6.0, True),
        (_signalled(signal.SIGKILL), 5.0, True),
        # a SIGKILL before the limit is something else (a crash of its own, the memory killer)
        (_signalled(signal.SIGKILL), 0.2, False),
        (_signalled(signal.SIGSEGV), 9.0, False),
        (_signalled(signal.SIGSYS), 9.0, False),
        # an exit is never the limit, whatever it used
        (_exited(0), 9.0, False),
        (_exited(1), 9.0, False),
    ],
)
def test_a_task_process_ended_at_its_cpu_limit(status: int, cpu: float, at_limit: bool) -> None:
    assert os.WIFSIGNALED(status) or os.WIFEXITED(status)
    assert ended_at_cpu_limit(status, _usage(cpu), 5) is at_limit


@pytest.mark.parametrize("factor", [0.5, 0.0, float("nan")])
def test_a_backstop_shorter_than_the_limit_is_refused(factor: float) -> None:
    with pytest.raises(AssayError, match="wall_factor"):
        SandboxConfig(wall_factor=factor)


@pytest.mark.parametrize(
    ("timeout", "factor", "wall"),
    [
        (2.0, 4.0, 8.0),
        (0.2, 4.0, 4.0),  # from the CPU limit (one second), never shorter than it
        (2.5, 1.0, 3.0),
    ],
)
def test_the_job_carries_both_limits(timeout: float, factor: float, wall: float) -> None:
    message = CodeJob(code="", tests=("assert True",)).message(1, timeout, factor)
    assert (message["timeout"], message["wall"]) == (timeout, wall)
    assert message["wall"] >= cpu_seconds(timeout)


@pytest.fixture(scope="module")
def spinning() -> Iterator[Sandbox]:
    """A pool for programs that use CPU until a limit stops them: a CPU limit of one second, and a
    backstop so far past it that no load lets the backstop come first."""
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=1.0, wall_factor=60.0) as pool:
        yield pool


@pytest.fixture(scope="module")
def waiting() -> Iterator[Sandbox]:
    """A pool for programs that use no CPU: only the backstop (twice the limit) can stop them."""
    require_bubblewrap()
    with Sandbox(isolation="bubblewrap", workers=1, timeout=1.0, wall_factor=2.0) as pool:
        yield pool


def _function(code: str, *tests: str) -> CodeJob:
    return CodeJob(code=code, tests=tests or ("assert f() == 1",), entry_point="f")


SPIN = "def f():\n    while True:\n        pass\n"
SLEEP = "import time\ndef f():\n    time.sleep(10**6)\n"
BLOCK = "import os\ndef f():\n    r, w = os.pipe()\n    os.read(r, 1)\n"


@pytest.mark.parametrize(
    "job",
    [
        _function(SPIN),
        _function("def f():\n    return sum(range(10**12))\n"),
        # SIGXCPU caught or ignored: SIGKILL at the hard limit, still the CPU limit's verdict
        _function("import signal\nsignal.signal(signal.SIGXCPU, lambda *a: None)\n" + SPIN),
        _function("import signal\nsignal.signal(signal.SIGXCPU, signal.SIG_IGN)\n" + SPIN),
        # spinning in a thread while the main one waits: the process's CPU time counts, all threads
        _function(
            "import threading\ndef spin():\n    while True:\n        pass\n"
            "def f():\n    t = threading.Thread(target=spin)\n    t.start()\n    t.join()\n"
        ),
        # at import, before any test ran
        _function("while True:\n    pass\ndef f():\n    return 1\n"),
        # a whole program (one process per input)
        CodeJob(code="while True:\n    pass\n", stdio=(("", "1\n"),)),
    ],
)
def test_a_program_that_spins_ends_at_its_cpu_limit(spinning: Sandbox, job: CodeJob) -> None:
    result = spinning.run(job)
    assert result.status == ExecStatus.TIMEOUT, (result.status, result.message)
    assert CPU in result.message and TESTS_CPU not in result.message, result.message


def test_tests_that_spin_end_at_their_own_cpu_limit(spinning: Sandbox) -> None:
    result = spinning.run(_function("def f():\n    return 1\n", "assert f() == 1", "while True: pass"))
    assert result.status == ExecStatus.TIMEOUT, (result.status, result.message)
    assert TESTS_CPU in result.message, result.message


@pytest.mark.parametrize(
    "job",
    [
        _function(SLEEP),
        _function(BLOCK),
        _function("import signal\ndef f():\n    signal.pause()\n"),
        _function("def f():\n    return 1\n", "import time\ntime.sleep(10**6)"),  # the tests wait
        CodeJob(code="import time\ntime.sleep(10**6)\n", stdio=(("", "1\n"),)),
    ],
)
def test_a_program_that_waits_for_ever_ends_at_the_backstop(waiting: Sandbox, job: CodeJob) -> None:
    result = waiting.run(job)
    assert result.status == ExecStatus.TIMEOUT, (result.status, result.message)
    assert WALL in result.message, result.message


def test_whole_programs_share_one_cpu_limit_across_their_inputs(spinning: Sandbox) -> None:
    """Each input's process uses 0.4 s of CPU, well under the limit alone; four of them pass it."""
    code = (
        "import time\nstart = time.process_time()\nwhile time.process_time() - start < 0.4:\n    pass\n"
        "print(input())\n"
    )
    cases = tuple((f"{i}\n", f"{i}\n") for i in range(4))
    result = spinning.run(CodeJob(code=code, stdio=cases))
    assert result.status == ExecStatus.TIMEOUT, (result.status, result.message)
    assert CPU in result.message
    one = spinning.run(CodeJob(code=code, stdio=cases[:1]))
    assert one.status == ExecStatus.PASSED, (one.status, one.message)


def test_waiting_is_not_running() -> None:
    """A correct program that waits longer than its CPU limit (as on a loaded machine, where it gets no
    CPU for a while) passes: only a wait far past the limit, the backstop's, ends it."""
    require_bubblewrap()
    waits = "import time\ndef f():\n    time.sleep(1.5)\n    return 1\n"  # more than its limit of 1 s, idle
    with Sandbox(isolation="bubblewrap", workers=1, timeout=1.0, wall_factor=60.0) as pool:
        function = pool.run(_function(waits))
        program = pool.run(
            CodeJob(code="import time\ntime.sleep(1.5)\nprint(input())\n", stdio=(("7\n", "7\n"),))
        )
    assert function.status == ExecStatus.PASSED, (function.status, function.message)
    assert program.status == ExecStatus.PASSED, (program.status, program.message)


class _Waited:
    """A worker connection that records how long the host was ready to wait for each report."""

    ahead = 4096

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.inbox: list[dict[str, object]] = []

    def send(self, data: bytes) -> None:
        self.inbox.append(json.loads(data))

    def receive(self, timeout: float) -> dict[str, object]:
        self.waits.append(timeout)
        return {"id": self.inbox.pop(0)["id"], "status": "passed"}

    def close(self) -> None:
        pass


def test_the_host_waits_for_the_backstop_and_its_grace_not_the_cpu_limit() -> None:
    """A worker whose task sleeps until the backstop is not hung: the host gives it the backstop and a
    grace period, never only the CPU limit."""
    worker = _Waited()
    lane = Lane(lambda: worker, 1)
    message = CodeJob(code="", tests=("assert True",)).message(7, 2.0, 4.0)
    lane.submit(Sent(message, json.dumps(message).encode() + b"\n", Future()))
    sent, report = lane.next_report()
    assert report["status"] == "passed" and sent.message["id"] == 7
    assert worker.waits == [8.0 + GRACE]
