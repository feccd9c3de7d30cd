"""`assay verify file` with "domain": "logic", the LogicVerifier in the worker pool, `assay puzzles check`."""

from __future__ import annotations

import json
from pathlib import Path

from assay.domains.logic.verifier import LogicVerifier
from assay.records import Candidate, Status
from assay.registry import Registry
from assay.verification import Verifiers, verify_jsonl
from assay.workers import WorkerPool
from tests.domains.logic.puzzles import SUDOKU_PUZZLE, SUDOKU_SOLUTION, grid
from tests.test_cli import assay


def test_verify_file_with_sudoku_lines(tmp_path: Path, pool: WorkerPool) -> None:
    reference = {"kind": "sudoku", "puzzle": SUDOKU_PUZZLE}
    lines = [
        {
            "id": "grid",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": reference,
            "response": "Here is the solution:\n" + grid(SUDOKU_SOLUTION) + "\nDone.",
        },
        {
            "id": "run",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": reference,
            "response": f"Answer: {SUDOKU_SOLUTION}",
        },
        {
            "id": "wrong",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": reference,
            "response": grid(SUDOKU_SOLUTION[:-2] + SUDOKU_SOLUTION[-1] + SUDOKU_SOLUTION[-2]),
        },
        {
            "id": "steps",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": reference,
            # (a reason is held to the grid so far: "only 4 fits" is not borne out by the givens alone)
            "response": "r1c3 = 4\nr1c4 = 9: because\n" + grid(SUDOKU_SOLUTION),
        },
        {
            "id": "two",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": {"kind": "sudoku", "puzzle": "." * 81},
            "response": grid(SUDOKU_SOLUTION),
        },
        {
            "id": "bad",
            "domain": "logic",
            "prompt": "Solve.",
            "reference": {"kind": "sudoku", "puzzle": "123"},
            "response": "x",
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines))
    destination = tmp_path / "out.jsonl"
    verify_jsonl(source, destination, Verifiers(pool=pool))
    out = {o["id"]: o for o in map(json.loads, destination.read_text().splitlines())}
    assert out["grid"]["status"] == "verified" and out["grid"]["verifier"] == "logic-steps@20"
    assert out["run"]["status"] == "verified"
    assert out["wrong"]["status"] == "refuted"
    assert out["steps"]["status"] == "refuted" and out["steps"]["first_error_step"] == 2
    assert out["two"]["status"] == "unknown" and "more than one solution" in out["two"]["evidence"]
    assert out["bad"]["status"] == "error"


def test_logic_verifier_on_generated_problems(pool: WorkerPool) -> None:
    task = Registry.from_entry_points().task("zebra")
    problems = [task.generate(5, i) for i in range(20)]
    pairs = [(p, Candidate(p.id, p.reference["trace"], None)) for p in problems]
    pairs += [
        (p, Candidate(p.id, p.reference["answer"].replace("House 1", "House 9"), None)) for p in problems
    ]
    verdicts = LogicVerifier(pool=pool).verify_many(pairs)
    assert [v.status for v in verdicts[:20]] == [Status.VERIFIED] * 20
    assert all(v.status in (Status.UNKNOWN, Status.REFUTED) for v in verdicts[20:])


def test_puzzles_check_command(tmp_path: Path) -> None:
    source = tmp_path / "puzzles.jsonl"
    source.write_text(
        json.dumps({"id": "good", "reference": {"kind": "sudoku", "puzzle": SUDOKU_PUZZLE}})
        + "\n"
        + json.dumps({"kind": "sudoku", "puzzle": "." * 16})
        + "\n"
    )
    result = assay("puzzles", "check", str(source))
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0] == {"id": "good", "solutions": 1, "evidence": "exactly one solution"}
    assert rows[1]["solutions"] == 2
