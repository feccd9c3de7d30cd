"""Worker-pool diagnostics: jobs that misbehave on purpose (sleep, allocate, crash, print).

Used by the pool's own tests and by anyone checking that limits hold on their machine:
`WorkerPool().run("assay._probe:sleep", {"seconds": 10})` must come back as a timeout.
"""

from __future__ import annotations

import os
import time
from typing import Any


def echo(job: Any) -> Any:
    return job


def sleep(job: dict[str, Any]) -> str:
    time.sleep(float(job["seconds"]))
    return "slept"


def spin(job: dict[str, Any]) -> int:
    total = 0
    deadline = time.monotonic() + float(job["seconds"])
    while time.monotonic() < deadline:
        total += 1
    return total


def allocate(job: dict[str, Any]) -> int:
    block = bytearray(int(job["megabytes"]) * 1024 * 1024)
    return len(block)


def crash(job: dict[str, Any]) -> None:
    os._exit(int(job.get("code", 3)))


def echo_or_crash(job: dict[str, Any]) -> Any:
    """The job's value back, or the worker gone at once when the job says `crash`."""
    if job.get("crash"):
        os._exit(3)
    return job["value"]


def chatter(job: dict[str, Any]) -> str:
    print("noise on stdout that must not break the protocol")
    return "fine"


def fail(job: dict[str, Any]) -> None:
    raise ValueError(str(job.get("message", "planned failure")))


def burn(job: dict[str, Any]) -> float:
    """Use this much CPU time (not wall-clock time: on a loaded machine it takes longer)."""
    goal = time.process_time() + float(job["cpu_seconds"])
    total = 0.0
    while time.process_time() < goal:
        total += 1.0
    return total
