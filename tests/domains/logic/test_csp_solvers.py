"""A puzzle's SAT solver lives as long as the puzzle: freed when the puzzle is closed or collected, and
at exit while python-sat can still free it (`csp._SOLVERS`)."""

from __future__ import annotations

import gc
import subprocess
import sys

from assay.domains.logic import csp, knights

REFERENCE = {"kind": "knights", "people": ["Ava", "Ben"], "statements": {"Ava": ["var", "Ben", "knave"]}}


def test_a_solver_is_freed_with_its_puzzle() -> None:
    before = len(csp._SOLVERS)
    puzzle = knights.build(REFERENCE)
    assert len(puzzle.solutions(3)) == 2
    assert len(csp._SOLVERS) == before + 1
    solver = puzzle._solver
    del puzzle
    gc.collect()
    assert len(csp._SOLVERS) == before
    assert solver.minisat is None  # deleted, not left to its own destructor


def test_a_closed_puzzle_frees_its_solver_once() -> None:
    before = len(csp._SOLVERS)
    puzzle = knights.build(REFERENCE)
    puzzle.solutions(1)
    puzzle.close()
    puzzle.close()
    assert len(csp._SOLVERS) == before
    assert len(puzzle.solutions(1)) == 1  # a closed puzzle starts a new solver when asked again
    puzzle.close()


def test_puzzles_alive_at_exit_leave_nothing_to_complain_about() -> None:
    code = (
        "from assay.domains.logic import knights\n"
        f"kept = [knights.build({REFERENCE!r}) for _ in range(3)]\n"
        "for puzzle in kept: puzzle.solutions(2)\n"
    )
    command = [sys.executable, "-W", "error", "-c", code]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
