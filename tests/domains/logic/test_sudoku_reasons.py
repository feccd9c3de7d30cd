"""A sudoku step's reason is held to the grid before it (sudoku_reasons.py): the givens and the placements
of the lines above, in any notation the cell reader knows."""

from __future__ import annotations

import pytest

from assay.domains.logic.check import check_logic_job
from assay.domains.logic.sudoku_read import read_clause
from assay.domains.logic.sudoku_reasons import reason_problems
from assay.registry import Registry

REFERENCE = {"kind": "sudoku", "puzzle": "...24.......3..1"}
TRACE = [
    "Step 1: r3c4 = 4 [the only place for 4 in column 4]",
    "Step 2: r4c2 = 4 [the only place for 4 in row 4]",
    "Step 3: r3c3 = 3 [the only place for 3 in row 3]",
    "Step 4: r4c3 = 2 [the only value left for r4c3 (its row, column and box hold the others)]",
    "Step 5: r3c1 = 2 [the only place for 2 in column 1]",
    "Step 6: r1c1 = 1 [the only value left for r1c1 (its row, column and box hold the others)]",
    "Step 7: r1c3 = 4 [the only value left for r1c3 (its row, column and box hold the others)]",
    "Step 8: r2c2 = 2 [the only place for 2 in row 2]",
    "Step 9: r1c2 = 3 [the only value left for r1c2 (its row, column and box hold the others)]",
    "Step 10: r2c4 = 3 [the only value left for r2c4 (its row, column and box hold the others)]",
    "Step 11: r2c3 = 1 [the only value left for r2c3 (its row, column and box hold the others)]",
    "Step 12: r3c2 = 1 [the only value left for r3c2 (its row, column and box hold the others)]",
    "Answer:",
    "1 3 4 2",
    "4 2 1 3",
    "2 1 3 4",
    "3 4 2 1",
]


def _check(lines: list[str]) -> dict:
    return check_logic_job({"reference": REFERENCE, "response": "\n".join(lines)})


def _first_open(result: dict) -> tuple[int, str] | None:
    steps = result["steps"]
    return next(((s["index"], s["status"]) for s in steps if s["status"] in ("refuted", "unknown")), None)


def test_true_reasons_verify() -> None:
    assert _check(TRACE)["status"] == "verified"


def test_the_generators_own_traces_verify() -> None:
    task = Registry.from_entry_points().task("sudoku", {"size": 4})
    for index in range(40):
        problem = task.generate(3, index)
        result = check_logic_job(
            {"reference": dict(problem.reference), "response": problem.reference["trace"]}
        )
        assert result["status"] == "verified", (index, result)


@pytest.mark.parametrize(
    ("line", "text", "found"),
    [
        # a unit the cell is not in: false whatever the grid
        (1, "Step 2: r4c2 = 4 [the only place for 4 in column 1]", (2, "refuted")),
        # another value, another cell
        (1, "Step 2: r4c2 = 4 [the only place for 3 in row 4]", (2, "refuted")),
        (
            3,
            "Step 4: r4c3 = 2 [the only value left for r4c1 (its row, column and box hold the others)]",
            (4, "refuted"),
        ),
    ],
)
def test_a_reason_about_something_else_is_refuted(line: int, text: str, found: tuple[int, str]) -> None:
    lines = list(TRACE)
    lines[line] = text
    result = _check(lines)
    assert result["status"] == "refuted", result
    assert _first_open(result) == found, result


def test_a_value_left_said_before_its_peers_are_filled_is_refuted() -> None:
    # r1c2 = 3 is step 9; said first, its row, column and box hold only 2 and 4
    lines = [TRACE[8].replace("Step 9", "Step 1"), *TRACE]
    result = _check(lines)
    assert result["status"] == "refuted", result
    assert _first_open(result) == (1, "refuted")


@pytest.mark.parametrize(
    "first",
    [
        "Step 0: r1c1 = 1 [the only place for 1 in row 1]",
        "r1c1 = 1, because it is the only place for 1 in row 1.",
        "r1c2 = 3 (the only value left for r1c2)",
    ],
)
def test_a_reason_the_grid_so_far_does_not_make_true_is_never_verified(first: str) -> None:
    result = _check([first, *TRACE])
    assert result["status"] in ("refuted", "unknown"), result
    assert _first_open(result) == (1, "unknown"), result


def test_placements_in_other_notations_count_as_the_grid_so_far() -> None:
    lines = [
        "Place 4 in r3c4.",
        "cell (4,2) is 4",
        "row 3, column 3: 3",
        "r4c3 = 2 (the only value left for r4c3 (its row, column and box hold the others))",
        *TRACE[4:],
    ]
    assert _check(lines)["status"] == "verified"


def test_a_case_assumed_and_refuted_is_not_part_of_the_grid() -> None:
    lines = list(TRACE)
    lines.insert(6, "If r1c2 were 4, column 2 would hold two 4s (r4c2 = 4), which is impossible.")
    assert _check(lines)["status"] == "verified"


def test_the_grid_grows_only_by_what_the_walk_took_as_facts() -> None:
    lines = ["r3c4 = 4", "r4c2 = 4 [the only place for 4 in row 4]"]
    # r3c4 = 4 taken as a fact: its box then holds a 4, so r4c2 is row 4's one open place for 4
    assert reason_problems(REFERENCE, lines, read_clause, {0: [((2, 3), 4)], 1: [((3, 1), 4)]}) == []
    # the same line not taken as a fact (an assumption, a retracted claim): r4c3 is still open
    found = reason_problems(REFERENCE, lines, read_clause, {1: [((3, 1), 4)]})
    assert [(line, status) for line, status, _ in found] == [(1, "unknown")]
