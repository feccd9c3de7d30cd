"""How a thread of the sandbox pool feeds its worker: the next job waits in the worker's pipe.

A worker runs one job at a time and answers each with one report. Sent one job at a time, the worker
sat idle after every report until the host had read it, built its result, woken the thread and sent
the next job; on two busy cores that wait is a scheduling round of its own. A lane keeps up to
`depth` jobs sent ahead, so the worker reads its next job the moment it has written a report, and the
host's work on the last report overlaps the next task.

A job waits in the pipe only if it fits there whole (the jobs ahead add up to at most what the pipe
holds): the host's write then never blocks on a worker that is busy writing a long report the host is
not reading yet. A larger job goes when its worker is idle, as before.

What must not change, and does not: a worker still runs its jobs one after another, in the order sent,
each with its own limits, and every report is matched to its job by id. A job that was sent but never
started (its worker retired, recycled, died or hung on an earlier one) is sent again to the next
worker, exactly once per worker, and only the job a worker was running when it failed gets that
failure as its result. This module holds no sandbox policy: the worker itself (`worker_process._Worker`)
is made by the `start` function it is given.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Protocol

GRACE = 5.0  # seconds the host waits beyond a task's wall-clock backstop before it declares the worker hung


class WorkerGone(Exception):
    """The worker cannot be reached any more (it exited, broke the protocol or did not answer)."""


class Connection(Protocol):
    ahead: int  # bytes of jobs that may wait in its pipe (what the pipe holds)

    def send(self, data: bytes) -> None: ...

    def receive(self, timeout: float) -> dict[str, Any]: ...

    def close(self) -> None: ...


@dataclass
class Sent:
    """A job handed to the lane: its message (with its id), that message as the line sent, and the
    future its result goes to."""

    message: dict[str, Any]
    data: bytes
    future: Future[Any]
    delivered: bool = field(default=False)  # written to the current worker's pipe
    tries: int = field(default=0)  # workers it was written to


class Lane:
    """One worker and the jobs sent to it whose reports have not come yet, oldest first."""

    def __init__(self, start: Callable[[], Connection], depth: int = 2) -> None:
        self._start = start
        self.depth = max(1, depth)
        self.worker: Connection | None = None
        self.broken = False  # a write to the worker failed: it is gone once its last report is read
        self.pending: deque[Sent] = deque()

    def has_room(self) -> bool:
        return len(self.pending) < self.depth

    def submit(self, sent: Sent) -> None:
        """Queue a job and write it to the worker, if there is one."""
        fits = self.worker is not None and self._fits(self.worker, list(self.pending), sent)
        self.pending.append(sent)
        if self.worker is not None and fits:
            self._deliver(self.worker, sent)
        # otherwise it goes when it is the oldest: to this worker once idle, or to the next one

    def next_report(self) -> tuple[Sent, dict[str, Any]]:
        """The oldest job and its report (a sandbox-error report when its worker failed it)."""
        while True:
            head, worker = self.pending[0], self.worker
            if worker is None or not head.delivered:
                # a job waits behind at most depth - 1 others, each of which may end its worker before
                # it runs: after depth + 1 tries, none will run it, and it must not loop for ever
                limit = self.depth + 1
                problem = None if head.tries < limit else f"{limit} workers did not run it"
                if problem is None and worker is not None and not self.broken:
                    self._deliver(worker, head)  # every job before it has its report: it is idle
                elif problem is None:
                    problem = self._restart()
                if problem is not None:  # this job fails; the next one tries a new worker again
                    self.retire()
                    return self.pending.popleft(), {"status": "sandbox-error", "message": problem}
                continue
            try:
                report = worker.receive(float(head.message["wall"]) + GRACE)
            except WorkerGone as exc:
                self.retire()
                return self.pending.popleft(), {"status": "sandbox-error", "message": str(exc)}
            if report.get("status") == "retired":  # it could not clean up after the last task
                self.retire()  # every pending job, this one too, goes to the next worker
                continue
            if report.get("id") != head.message["id"]:
                self.retire()
                return self.pending.popleft(), {
                    "status": "sandbox-error",
                    "message": "the worker answered out of turn",
                }
            self.pending.popleft()
            if report.get("recycle"):  # it exits after this report: what it was sent next never ran
                self.retire()
            return head, report

    def retire(self) -> None:
        """Close the worker; jobs still pending go to the next one."""
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        self.broken = False
        for sent in self.pending:
            sent.delivered = False

    def _restart(self) -> str | None:
        """A new worker, sent the oldest pending job and those that fit in its pipe behind it; why not,
        if it did not start."""
        self.retire()
        try:
            worker = self.worker = self._start()
        except WorkerGone as exc:
            return str(exc)
        waiting = list(self.pending)
        for i, sent in enumerate(waiting):  # the oldest, then those that fit in its pipe behind it
            if not self._fits(worker, waiting[:i], sent):
                break
            self._deliver(worker, sent)
        return None

    def _fits(self, worker: Connection, before: list[Sent], sent: Sent) -> bool:
        """Whether sent may be written now, behind the jobs before it: all of them written, and those
        that wait behind the oldest (which the worker reads at once) and it fit in the pipe together."""
        if self.broken or not all(s.delivered for s in before):
            return False  # never ahead of a job still to be sent
        return not before or sum(len(s.data) for s in before[1:]) + len(sent.data) <= worker.ahead

    def _deliver(self, worker: Connection, sent: Sent) -> None:
        sent.tries += 1
        try:
            worker.send(sent.data)
        except WorkerGone:
            self.broken = True  # its last report may still be there to read; then a new worker
            return
        sent.delivered = True
