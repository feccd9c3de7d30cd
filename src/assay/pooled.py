"""Verifiers whose work runs in the `WorkerPool`: model text is parsed and checked in a killable
process with a hard wall-clock limit; the calling process only builds jobs and reads verdicts.

A subclass names its worker function (`module`:`job`), which takes `job_for(problem, candidate)` and
returns {"status", "evidence", "steps": [{"index", "status", "evidence"}]}. Safe to share between
threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from assay.records import Candidate, Problem, Status, StepResult, StepStatus, Verdict
from assay.workers import Outcome, WorkerPool

DEFAULT_TIMEOUT = 2.0  # seconds per candidate


class PoolVerifier:
    name = ""
    version = "1"
    module = ""
    job = ""

    def __init__(
        self, pool: WorkerPool | None = None, timeout: float = DEFAULT_TIMEOUT, workers: int | None = None
    ) -> None:
        self._pool = pool
        self._owns_pool = pool is None
        self._timeout = timeout
        self._workers = workers
        self._lock = threading.Lock()

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def pool(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(size=self._workers, timeout=self._timeout)
            return self._pool

    def verify(self, problem: Problem, candidate: Candidate) -> Verdict:
        return self.verify_many([(problem, candidate)])[0]

    def verify_many(
        self,
        pairs: Sequence[tuple[Problem, Candidate]],
        on_done: Callable[[int, Verdict], None] | None = None,
    ) -> list[Verdict]:
        """Verdicts for many candidates, spread over the pool; on_done(i, verdict) as each finishes."""
        jobs = [job_for(problem, candidate) for problem, candidate in pairs]
        callback = None
        if on_done is not None:

            def callback(i: int, outcome: Outcome) -> None:
                on_done(i, self._verdict(pairs[i][1].id, outcome))

        outcomes = self.pool.map(f"{self.module}:{self.job}", jobs, callback)
        return [self._verdict(pairs[i][1].id, outcome) for i, outcome in enumerate(outcomes)]

    def _verdict(self, candidate_id: str, outcome: Outcome) -> Verdict:
        return verdict_from(candidate_id, self.id, outcome)

    def close(self) -> None:
        if self._owns_pool and self._pool is not None:
            self._pool.close()
            self._pool = None

    def __enter__(self) -> PoolVerifier:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def job_for(problem: Problem, candidate: Candidate) -> dict[str, Any]:
    return {
        "prompt": problem.prompt,
        "reference": dict(problem.reference),
        "task": problem.task,
        "response": candidate.text,
    }


def verdict_from(candidate_id: str, verifier: str, outcome: Outcome) -> Verdict:
    """A Verdict from a worker outcome: its result when ok, else timeout / error with the reason."""
    if outcome.kind == "timeout":
        return Verdict(candidate_id, verifier, Status.TIMEOUT, outcome.message, seconds=outcome.seconds)
    if outcome.kind == "error":
        return Verdict(
            candidate_id,
            verifier,
            Status.ERROR,
            f"verifier error: {outcome.message}",
            seconds=outcome.seconds,
        )
    value = outcome.value
    steps = tuple(StepResult(s["index"], StepStatus(s["status"]), s["evidence"]) for s in value["steps"])
    return Verdict(candidate_id, verifier, Status(value["status"]), value["evidence"], steps, outcome.seconds)
