"""Registry-wide contract: every logic task, 200 seeds. The reference answer and every trace step
verify, and SAT and an independent backtracking solver agree that the solution is unique."""

from __future__ import annotations

import json

import pytest

from assay.domains.logic.check import check_logic_job
from assay.domains.logic.kinds import kind_of
from assay.registry import Registry

REGISTRY = Registry.from_entry_points()
LOGIC_TASKS = [n for n in REGISTRY.names("tasks") if REGISTRY.factory("tasks", n).domain == "logic"]
SEEDS = range(200)


def test_five_logic_tasks() -> None:
    assert sorted(LOGIC_TASKS) == ["knights", "nonogram", "propositional", "sudoku", "zebra"]


@pytest.mark.parametrize("name", LOGIC_TASKS)
def test_reference_answer_and_every_step_verify_and_two_solvers_agree(name: str) -> None:
    task = REGISTRY.task(name)
    for seed in SEEDS:
        problem = task.generate(seed, 0)
        reference = dict(problem.reference)
        result = check_logic_job({"reference": reference, "response": reference["trace"]})
        assert result["status"] == "verified", (seed, result["evidence"])
        claims = [s for s in result["steps"] if s["status"] != "no_claim"]
        assert claims and all(s["status"] == "verified" for s in claims), (seed, claims)
        assert kind_of(reference).puzzle.build(reference).count(2) == 1
        assert kind_of(reference).puzzle.brute_count(reference, 2) == 1, seed


@pytest.mark.parametrize("name", LOGIC_TASKS)
def test_same_seed_same_puzzle(name: str) -> None:
    task = REGISTRY.task(name)
    for seed in range(10):
        assert json.dumps(task.generate(seed, 1).reference, sort_keys=True) == json.dumps(
            task.generate(seed, 1).reference, sort_keys=True
        )
    assert len({task.generate(seed, 0).id for seed in range(40)}) > 30


def test_sudoku_sizes_and_techniques() -> None:
    for size in (4, 6, 9):
        for technique in ("naked", "hidden"):
            task = REGISTRY.task("sudoku", {"size": size, "technique": technique})
            problem = task.generate(3, 0)
            assert len(problem.reference["puzzle"]) == size * size
            result = check_logic_job(
                {"reference": dict(problem.reference), "response": problem.reference["trace"]}
            )
            assert result["status"] == "verified"
    easy = REGISTRY.task("sudoku", {"min_clues": 50}).generate(1, 0).reference["puzzle"]
    assert sum(ch != "." for ch in easy) == 50


def test_the_readers_own_marks_in_a_response_are_unknown_not_a_crash() -> None:
    # read.clauses marks quotes with U+E000/U+E001, citations with U+E002 and asides with U+E003/U+E004
    reference = {"kind": "sudoku", "puzzle": "...24.......3..1"}
    for mark in ("\ue000", "\ue001", "\ue002", "\ue003", "\ue004"):
        response = f'Step 1: r3c4 = 4 {mark}0{mark} "x"\nAnswer:\n1 3 4 2\n4 2 1 3\n2 1 3 4\n3 4 2 1'
        result = check_logic_job({"reference": reference, "response": response})
        assert result["status"] == "unknown", result
        assert "private-use" in result["evidence"]
