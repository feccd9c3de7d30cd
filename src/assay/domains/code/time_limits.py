"""A task's time limits: CPU time, which the machine's load does not change, and a loose wall clock.

Loaded inside the sandbox (standard library only), beside worker.py, which applies them; the host
imports it too, to put the two numbers in each job (sandbox_records.CodeJob.message).

A verdict must not depend on how busy the machine is. A wall-clock limit does: on a loaded machine a
correct program that needs 0.2 s of CPU can take seconds of wall time and end as `timeout`. So each task
has a CPU limit (the job's `timeout`, rounded up to whole seconds, the kernel's unit for it):

- the candidate's processes: RLIMIT_CPU, set in each task process before the candidate's code runs
  (SIGXCPU at the limit, SIGKILL a second later if the code catches that); a task process killed by
  either, at its limit, ends the task as `timeout`. A task of whole programs (stdio) starts one process
  per input: what they used is summed, each new one gets only what is left (rounded up to a second),
  and the task is a `timeout` once the sum passes the limit.
- the tests, which run in the worker: an ITIMER_PROF timer of the worker's own CPU time.

And one wall-clock limit, `wall` (the CPU limit times SandboxConfig.wall_factor), the backstop for what
uses no CPU at all (a sleep, a blocking read): the worker's reads of the task process give up at it, and
an ITIMER_REAL timer stops tests that wait on their own. So an endless loop ends at its CPU limit, and a
sleep, however long, at the backstop; the host gives a worker the backstop and a grace period
(lanes.GRACE) before it declares it hung.
"""

from __future__ import annotations

import math
import os
import resource
import signal
from typing import Any

# why a task timed out (TaskTimeout's argument), each with its message in timeout_message
CANDIDATE_CPU = "candidate-cpu"
TESTS_CPU = "tests-cpu"
WALL = "wall"


def cpu_seconds(timeout: float) -> int:
    """The CPU limit of a job with this timeout: whole seconds, at least one."""
    return max(1, math.ceil(timeout))


def cpu_rlimit(seconds: int) -> tuple[int, int]:
    """RLIMIT_CPU for a task process allowed `seconds`: SIGXCPU at the soft limit, SIGKILL one second
    later (a process that catches SIGXCPU cannot go on past that)."""
    return seconds, seconds + 1


def used_cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def ended_at_cpu_limit(status: int, usage: resource.struct_rusage, seconds: int) -> bool:
    """Whether a task process with this wait status and usage was killed by its CPU limit: SIGXCPU (the
    soft limit), or SIGKILL after it had used its whole limit (the hard one, when SIGXCPU was caught)."""
    if not os.WIFSIGNALED(status):
        return False
    ended_by = os.WTERMSIG(status)
    return ended_by == signal.SIGXCPU or (ended_by == signal.SIGKILL and used_cpu(usage) >= seconds)


def timeout_message(reason: str, job: dict[str, Any]) -> str:
    """What a task that timed out for this reason (one of the three above) says."""
    seconds = cpu_seconds(float(job["timeout"]))
    if reason == CANDIDATE_CPU:
        return f"used more than {seconds} s of CPU time; killed"
    if reason == TESTS_CPU:
        return f"the tests used more than {seconds} s of CPU time; stopped"
    wall = float(job["wall"])
    return f"still running after {wall:g} s of wall-clock time (its CPU limit: {seconds} s); killed"
