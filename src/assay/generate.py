"""Generation stage for procedural problems: problems plus their reference solutions as candidates.

The reference solver's trace becomes a generation-0 candidate (`generator = reference:<task>@<version>`),
so a workspace has something to verify and export before any model is involved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from assay.records import Candidate, Problem
from assay.store import Store
from assay.tasks import Task

BATCH = 500


def iter_problems(task: Task, n: int, seed: int, start: int = 0) -> Iterator[Problem]:
    for index in range(start, start + n):
        yield task.generate(seed, index)


def reference_candidate(task: Task, problem: Problem) -> Candidate | None:
    trace = problem.reference.get("trace")
    if not isinstance(trace, str):
        return None
    return Candidate(
        problem_id=problem.id,
        text=trace,
        answer=str(problem.reference.get("answer")),
        generator=f"reference:{task.name}@{task.version}",
        generation=0,
        params={"source": problem.source},
    )


def generate_problems(
    store: Store,
    task: Task,
    n: int,
    seed: int,
    with_references: bool = True,
    on_progress: Callable[[int], Any] | None = None,
) -> tuple[int, int]:
    """Make n problems into the store (idempotent). Returns (problems, reference candidates) written."""
    problems: list[Problem] = []
    candidates: list[Candidate] = []
    written = (0, 0)

    def flush() -> None:
        nonlocal written
        store.add_problems(problems)
        store.add_candidates(candidates)
        written = (written[0] + len(problems), written[1] + len(candidates))
        if on_progress:
            on_progress(len(problems))
        problems.clear()
        candidates.clear()

    for problem in iter_problems(task, n, seed):
        problems.append(problem)
        if with_references:
            candidate = reference_candidate(task, problem)
            if candidate is not None:
                candidates.append(candidate)
        if len(problems) >= BATCH:
            flush()
    flush()
    return written
