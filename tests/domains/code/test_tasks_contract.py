"""Every code task, 200 seeds: the reference solution verifies, a wrong one does not, same seed same bytes."""

from __future__ import annotations

import json

import pytest

from assay.domains.code.verifier import CodeVerifier
from assay.records import Candidate, Status
from assay.registry import Registry

REGISTRY = Registry.from_entry_points()
CODE_TASKS = sorted(n for n in REGISTRY.names("tasks") if REGISTRY.factory("tasks", n).domain == "code")
SEEDS = range(200)


def test_code_tasks_are_registered() -> None:
    assert CODE_TASKS == ["functions", "pbe"]


@pytest.mark.parametrize("name", CODE_TASKS)
def test_reference_solutions_verify_and_wrong_ones_do_not(name: str, sandbox) -> None:  # type: ignore[no-untyped-def]
    task = Registry.from_entry_points().task(name)
    problems = [task.generate(seed, 0) for seed in SEEDS]
    pairs = []
    for problem in problems:
        entry = problem.reference["entry_point"]
        pairs.append((problem, Candidate(problem.id, problem.reference["trace"], None)))
        wrong = f"```python\ndef {entry}(*args):\n    return args[0] if len(args) == 1 else None\n```"
        pairs.append((problem, Candidate(problem.id, wrong, None)))
    verdicts = CodeVerifier(sandbox=sandbox).verify_many(pairs)
    references, wrongs = verdicts[0::2], verdicts[1::2]
    assert [v.status for v in references] == [Status.VERIFIED] * len(problems), [
        v.evidence for v in references if v.status != Status.VERIFIED
    ][:3]
    assert all(all(step.status == "verified" for step in v.steps) and v.steps for v in references)
    assert sum(v.status == Status.REFUTED for v in wrongs) >= 0.95 * len(problems)
    assert Status.ERROR not in {v.status for v in wrongs}


@pytest.mark.parametrize("name", CODE_TASKS)
def test_same_seed_same_problem(name: str) -> None:
    task = Registry.from_entry_points().task(name)
    for seed in range(20):
        first, again = task.generate(seed, 3), task.generate(seed, 3)
        assert json.dumps(first.reference, sort_keys=True) == json.dumps(again.reference, sort_keys=True)
        assert first.id == again.id
    assert len({task.generate(seed, 0).id for seed in range(50)}) > 40


def test_pbe_hides_tests_beyond_the_shown_examples() -> None:
    task = Registry.from_entry_points().task("pbe", {"shown": 3, "hidden": 5})
    problem = task.generate(7, 0)
    assert len(problem.reference["tests"]) == 8
    shown = [line for line in problem.prompt.splitlines() if line.startswith("f(")]
    assert len(shown) == 3
