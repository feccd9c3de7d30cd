"""Registry-wide contract tests: every math task, many seeds."""

import json

import pytest

from assay.domains.math.verifier import job_for
from assay.records import to_json
from assay.registry import Registry
from assay.tasks import Task
from assay.workers import WorkerPool

REGISTRY = Registry.from_entry_points()
MATH_TASKS = [n for n in REGISTRY.names("tasks") if REGISTRY.factory("tasks", n).domain == "math"]
SEEDS = range(200)


def test_at_least_five_math_tasks() -> None:
    assert len(MATH_TASKS) >= 5


@pytest.mark.parametrize("name", MATH_TASKS)
def test_reference_trace_verifies_every_step(pool: WorkerPool, name: str) -> None:
    task: Task = REGISTRY.task(name)
    problems = [task.generate(seed, 0) for seed in SEEDS]
    jobs = [{**job_for(p, _reference(p)), "task": p.task} for p in problems]
    outcomes = pool.map("assay.domains.math.check:check_trace_job", jobs)
    failures = []
    for problem, outcome in zip(problems, outcomes, strict=True):
        value = outcome.value if outcome.kind == "ok" else {"status": outcome.kind, "steps": []}
        claims = [s for s in value["steps"] if s["status"] != "no_claim"]
        if value["status"] != "verified" or any(s["status"] != "verified" for s in claims):
            failures.append((problem.prompt, value))
    assert not failures, failures[:3]


@pytest.mark.parametrize("name", MATH_TASKS)
def test_same_inputs_give_byte_identical_problems(name: str) -> None:
    for seed in range(0, 200, 7):
        first = json.dumps(to_json(REGISTRY.task(name).generate(seed, 3)), sort_keys=True)
        second = json.dumps(to_json(REGISTRY.task(name).generate(seed, 3)), sort_keys=True)
        assert first == second


@pytest.mark.parametrize("name", MATH_TASKS)
def test_seeds_and_indices_give_different_problems(name: str) -> None:
    task = REGISTRY.task(name)
    prompts = {task.generate(seed, index).prompt for seed in range(20) for index in range(5)}
    assert len(prompts) > 50  # streams do not overlap between neighbouring seeds


@pytest.mark.parametrize("name", MATH_TASKS)
def test_config_changes_the_stream(name: str) -> None:
    task = REGISTRY.task(name)
    default = [task.generate(1, i).prompt for i in range(10)]
    key = next(iter(task.config.__dataclass_fields__))  # every math task's first knob is a whole number
    value = getattr(task.config, key)
    assert isinstance(value, int)
    changed = REGISTRY.task(name, {key: value + 1})
    assert [changed.generate(1, i).prompt for i in range(10)] != default


def _reference(problem):  # type: ignore[no-untyped-def]
    from assay.records import Candidate

    return Candidate(
        problem.id, problem.reference["trace"], problem.reference["answer"], generator="reference"
    )
