"""Stage `problems`: procedural problems of a task, each with its reference solution as a candidate.

`make(context, indices)` builds item (seed, index) of the task for each index; the task is built once
per process from its spec (name and config), so the problems are the same wherever they are made.
The reference solver's trace becomes a generation-0 candidate (`generator = reference:<task>@<version>`),
so a workspace has something to verify and export before any model is involved.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from assay.engines.base import Lent, borrowed, resource
from assay.records import Candidate, Problem
from assay.tasks import Task

FN = "assay.stages.problems:make"


@dataclass(frozen=True)
class TaskSpec:
    """A task by its registry name and config (canonical JSON: hashable, picklable, one spelling)."""

    name: str
    config: str = ""  # "": no config given (the task's defaults)

    @classmethod
    def of(cls, name: str, config: Mapping[str, Any] | None = None) -> TaskSpec:
        return cls(name, "" if config is None else json.dumps(dict(config), sort_keys=True))

    def build(self) -> Task:
        from assay.registry import Registry

        task: Task = Registry.from_entry_points().task(
            self.name, json.loads(self.config) if self.config else None
        )
        return task


@dataclass(frozen=True)
class ProblemsContext:
    task: TaskSpec | Lent  # Lent: a Task object the caller built (local engine only)
    seed: int
    with_references: bool = True


@dataclass(frozen=True)
class Made:
    problem: Problem
    reference: Candidate | None  # None: not asked for, or the task gives no reference trace


def task_for(ref: TaskSpec | Lent) -> Task:
    """This process's task for a spec (built once), or the task the driver lent."""
    if isinstance(ref, Lent):
        task: Task = borrowed(ref)
        return task
    return resource(("task", ref), ref.build)


def make(context: ProblemsContext, indices: list[int]) -> list[Made]:
    task = task_for(context.task)
    made = []
    for index in indices:
        problem = task.generate(context.seed, index)
        reference = reference_candidate(task, problem) if context.with_references else None
        made.append(Made(problem, reference))
    return made


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
