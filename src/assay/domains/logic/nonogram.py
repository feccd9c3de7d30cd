"""Nonograms: fill cells so that each row's and column's runs of filled cells match its clue.

Reference: {"kind": "nonogram", "rows": [[2, 1], [], ...], "cols": [[3], ...]} (an empty list is an
empty line). Answer: the grid as lines of `#` (filled) and `.` (empty); `1`/`0` and `X`/`-` also read.
Step claims: "r2c3 = filled" / "r2c3 = empty". Responses are read by `nonogram_read.py`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp
from assay.errors import InputError

MAX_SIDE = 12
FILLED, EMPTY = "filled", "empty"
Cell = tuple[int, int]


def validate(reference: Mapping[str, Any]) -> tuple[list[list[int]], list[list[int]]]:
    rows, cols = reference.get("rows"), reference.get("cols")
    for name, lines, other in (("rows", rows, cols), ("cols", cols, rows)):
        if not isinstance(lines, list) or not 1 <= len(lines) <= MAX_SIDE:
            raise InputError(f"'reference.{name}' must be a list of 1-{MAX_SIDE} clues")
        width = len(other) if isinstance(other, list) else 0
        for clue in lines:
            if not isinstance(clue, list) or not all(
                isinstance(k, int) and not isinstance(k, bool) and k > 0 for k in clue
            ):
                raise InputError(f"a clue in 'reference.{name}' is not a list of positive whole numbers")
            if sum(clue) + len(clue) - 1 > width:
                raise InputError(f"a clue in 'reference.{name}' does not fit in {width} cells")
    return rows, cols  # type: ignore[return-value]


def placements(clue: list[int], width: int) -> list[tuple[bool, ...]]:
    """Every way to lay the runs of clue in a line of width cells."""
    if not clue:
        return [(False,) * width]
    out: list[tuple[bool, ...]] = []
    first, rest = clue[0], clue[1:]
    tail = sum(rest) + len(rest)
    for start in range(0, width - tail - first + 1):
        head = (False,) * start + (True,) * first
        if rest:
            for after in placements(rest, width - len(head) - 1):
                out.append((*head, False, *after))
        else:
            out.append(head + (False,) * (width - len(head)))
    return out


def runs(line: list[bool]) -> list[int]:
    out, count = [], 0
    for cell in line:
        if cell:
            count += 1
        elif count:
            out.append(count)
            count = 0
    return [*out, count] if count else out


def build(reference: Mapping[str, Any]) -> Csp:
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    csp = Csp()
    for r in range(height):
        for c in range(width):
            csp.variable((r, c), (FILLED, EMPTY))
    lines = [([(r, c) for c in range(width)], clue) for r, clue in enumerate(rows)]
    lines += [([(r, c) for r in range(height)], clue) for c, clue in enumerate(cols)]
    for cells, clue in lines:
        options = placements(clue, len(cells))
        selectors = [csp.fresh() for _ in options]
        csp.exactly_one(selectors)
        for selector, option in zip(selectors, options, strict=True):
            for cell, on in zip(cells, option, strict=True):
                csp.clause([-selector, csp.lit(cell, FILLED if on else EMPTY)])
    return csp


def violations(reference: Mapping[str, Any], answer: Mapping[Cell, str]) -> list[str]:
    rows, cols = validate(reference)
    problems = []
    for r, clue in enumerate(rows):
        got = runs([answer[(r, c)] == FILLED for c in range(len(cols))])
        if got != clue:
            problems.append(f"row {r + 1} has runs {got}, not {clue}")
    for c, clue in enumerate(cols):
        got = runs([answer[(r, c)] == FILLED for r in range(len(rows))])
        if got != clue:
            problems.append(f"column {c + 1} has runs {got}, not {clue}")
    return problems


def format_answer(reference: Mapping[str, Any], solution: Mapping[Cell, str]) -> str:
    rows, cols = validate(reference)
    return "\n".join(
        "".join("#" if solution[(r, c)] == FILLED else "." for c in range(len(cols)))
        for r in range(len(rows))
    )


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Row placements one row at a time, pruned by column prefixes (no SAT)."""
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    options = [placements(clue, width) for clue in rows]
    count = 0
    grid: list[tuple[bool, ...]] = []

    def prefix_ok(c: int) -> bool:
        got = runs([grid[r][c] for r in range(len(grid))])
        clue = cols[c]
        if len(grid) == height:
            return got == clue
        if not got:
            return True
        open_run = grid[-1][c]
        done = got[:-1] if open_run else got
        if len(done) > len(clue) or done != clue[: len(done)]:
            return False
        if open_run:
            return len(got) <= len(clue) and got[-1] <= clue[len(got) - 1]
        return True

    def search() -> bool:
        nonlocal count
        if len(grid) == height:
            count += 1
            return count >= limit
        for option in options[len(grid)]:
            grid.append(option)
            if all(prefix_ok(c) for c in range(width)) and search():
                return True
            grid.pop()
        return False

    search()
    return count


def random_grid(rng: random.Random, height: int, width: int, density: float) -> dict[str, Any]:
    cells = [[rng.random() < density for _ in range(width)] for _ in range(height)]
    return {
        "kind": "nonogram",
        "rows": [runs(row) for row in cells],
        "cols": [runs([cells[r][c] for r in range(height)]) for c in range(width)],
    }


def prompt(reference: Mapping[str, Any]) -> str:
    rows, cols = validate(reference)
    lines = [
        f"Solve this {len(rows)}×{len(cols)} nonogram. Each clue lists the runs of filled cells in order."
    ]
    lines += [f"Row {i}: {' '.join(map(str, clue)) or '0'}" for i, clue in enumerate(rows, 1)]
    lines += [f"Column {i}: {' '.join(map(str, clue)) or '0'}" for i, clue in enumerate(cols, 1)]
    lines.append("Answer with the grid, one line per row, # for filled and . for empty.")
    return "\n".join(lines)
