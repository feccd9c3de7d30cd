"""Sudoku: 4×4 (2×2 boxes), 6×6 (2×3 boxes), 9×9 (3×3 boxes).

Reference: {"kind": "sudoku", "puzzle": "<n² characters, 1..n for givens, 0 or . for blanks>"}.
Answer: the solved grid anywhere in the text, as n lines of n digits (spaces, | and + allowed between)
or one run of n² digits. Step claims: `r3c4 = 7` (row 3, column 4; 1-based), with any reason after.

Generation removes givens one at a time from a shuffled full grid, and only a given that is forced in
the current grid (a naked single, or with `technique = "hidden"` also a hidden single) may go. Solving
undoes the removals in reverse, so the reversed list is a deduction trace in which every step is a
single, with its reason. Responses are read by `sudoku_read.py`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp
from assay.errors import InputError

BOXES = {4: (2, 2), 6: (2, 3), 9: (3, 3)}  # size → (box rows, box columns)
Cell = tuple[int, int]


def size_of(reference: Mapping[str, Any]) -> int:
    puzzle = reference.get("puzzle")
    if not isinstance(puzzle, str):
        raise InputError("'reference.puzzle' must be a string of n² characters")
    for n in BOXES:
        if len(puzzle) == n * n:
            bad = set(puzzle) - set("0." + "123456789"[:n])
            if bad:
                raise InputError(
                    f"'reference.puzzle' has characters other than 0, . and 1-{n}: {sorted(bad)}"
                )
            return n
    raise InputError(f"'reference.puzzle' must have 16, 36 or 81 characters, not {len(puzzle)}")


def validate(reference: Mapping[str, Any]) -> int:
    return size_of(reference)


def prompt(reference: Mapping[str, Any]) -> str:
    n = size_of(reference)
    bh, bw = BOXES[n]
    puzzle = reference["puzzle"]
    grid = "\n".join(
        " ".join(ch if ch not in "0." else "." for ch in puzzle[r * n : (r + 1) * n]) for r in range(n)
    )
    return (
        f"Solve this {n}×{n} sudoku (boxes of {bh}×{bw}): fill the dots so that every row, column and box "
        f"holds 1-{n} once each.\n{grid}\nAnswer with the full grid, one row per line."
    )


def givens(reference: Mapping[str, Any]) -> dict[Cell, int]:
    n = size_of(reference)
    puzzle = reference["puzzle"]
    return {(i // n, i % n): int(ch) for i, ch in enumerate(puzzle) if ch not in "0."}


def units(n: int) -> list[list[Cell]]:
    bh, bw = BOXES[n]
    rows = [[(r, c) for c in range(n)] for r in range(n)]
    cols = [[(r, c) for r in range(n)] for c in range(n)]
    boxes = [
        [(r, c) for r in range(br, br + bh) for c in range(bc, bc + bw)]
        for br in range(0, n, bh)
        for bc in range(0, n, bw)
    ]
    return rows + cols + boxes


def unit_name(n: int, index: int) -> str:
    kind, k = ("row", "column", "box")[index // n], index % n + 1
    return f"{kind} {k}"


def build(reference: Mapping[str, Any]) -> Csp:
    """Givens fixed, and each blank's domain already narrowed by the givens it sees (fewer clauses)."""
    n = size_of(reference)
    fixed = givens(reference)
    all_units = units(n)
    seen: dict[Cell, set[int]] = {}
    for unit in all_units:
        values = {fixed[cell] for cell in unit if cell in fixed}
        for cell in unit:
            seen.setdefault(cell, set()).update(values)
    csp = Csp()
    for r in range(n):
        for c in range(n):
            cell = (r, c)
            if cell in fixed:
                csp.variable(cell, [fixed[cell]])
            else:
                left = [v for v in range(1, n + 1) if v not in seen[cell]]
                csp.variable(cell, left or [0])
                if not left:  # no value fits: the puzzle has no solution
                    csp.clause([-csp.lit(cell, 0)])
    for unit in all_units:
        csp.all_different(unit)
    return csp


def violations(reference: Mapping[str, Any], answer: Mapping[Cell, int]) -> list[str]:
    n = size_of(reference)
    problems = [
        f"r{r + 1}c{c + 1} is {answer.get((r, c))}, but the puzzle gives {v}"
        for (r, c), v in givens(reference).items()
        if answer.get((r, c)) != v
    ]
    for index, unit in enumerate(units(n)):
        values = [answer.get(cell) for cell in unit]
        if sorted(v for v in values if v is not None) != list(range(1, n + 1)):
            problems.append(f"{unit_name(n, index)} does not hold 1-{n} once each")
    return problems


def format_answer(reference: Mapping[str, Any], solution: Mapping[Cell, int]) -> str:
    n = size_of(reference)
    return "\n".join(" ".join(str(solution[(r, c)]) for c in range(n)) for r in range(n))


# --- an independent solver: backtracking with bitmasks (no SAT) ------------------------------------


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    n = size_of(reference)
    full = (1 << (n + 1)) - 2
    grid = [[0] * n for _ in range(n)]
    peers_units = units(n)
    cell_units: dict[Cell, list[int]] = {}
    for index, unit in enumerate(peers_units):
        for cell in unit:
            cell_units.setdefault(cell, []).append(index)
    used = [0] * len(peers_units)
    for (r, c), v in givens(reference).items():
        bit = 1 << v
        if any(used[u] & bit for u in cell_units[(r, c)]):
            return 0
        grid[r][c] = v
        for u in cell_units[(r, c)]:
            used[u] |= bit
    empty = [(r, c) for r in range(n) for c in range(n) if grid[r][c] == 0]
    count = 0

    def search() -> bool:
        nonlocal count
        best, best_mask, best_bits = None, 0, n + 1
        for cell in empty:
            if grid[cell[0]][cell[1]]:
                continue
            mask = full
            for u in cell_units[cell]:
                mask &= ~used[u]
            bits = bin(mask).count("1")
            if bits < best_bits:
                best, best_mask, best_bits = cell, mask, bits
                if bits <= 1:
                    break
        if best is None:
            count += 1
            return count >= limit
        if best_bits == 0:
            return False
        for v in range(1, n + 1):
            bit = 1 << v
            if best_mask & bit:
                grid[best[0]][best[1]] = v
                for u in cell_units[best]:
                    used[u] |= bit
                stop = search()
                for u in cell_units[best]:
                    used[u] &= ~bit
                grid[best[0]][best[1]] = 0
                if stop:
                    return True
        return False

    search()
    return count


# --- generation --------------------------------------------------------------------------------------


def full_grid(n: int, rng: random.Random) -> list[list[int]]:
    bh, bw = BOXES[n]
    bands = rng.sample(range(n // bh), n // bh)
    rows = [band * bh + r for band in bands for r in rng.sample(range(bh), bh)]
    stacks = rng.sample(range(n // bw), n // bw)
    cols = [stack * bw + c for stack in stacks for c in rng.sample(range(bw), bw)]
    digits = rng.sample(range(1, n + 1), n)
    return [[digits[(bw * (r % bh) + r // bh + c) % n] for c in cols] for r in rows]


def _forced(
    grid: list[list[int]], cell: Cell, n: int, hidden: bool, cell_units: Mapping[Cell, list[list[Cell]]]
) -> str | None:
    """Why cell's value follows from the other filled cells, or None."""
    r, c = cell
    value = grid[r][c]
    seen = {grid[pr][pc] for unit in cell_units[cell] for (pr, pc) in unit if (pr, pc) != cell}
    if len(seen - {0}) == n - 1:
        return f"the only value left for r{r + 1}c{c + 1} (its row, column and box hold the others)"
    if not hidden:
        return None
    for unit_index, unit in enumerate(cell_units[cell]):
        elsewhere = False
        for other in unit:
            if other == cell or grid[other[0]][other[1]]:
                continue
            blocked = any(
                grid[pr][pc] == value and (pr, pc) != cell
                for peer_unit in cell_units[other]
                for (pr, pc) in peer_unit
            )
            if not blocked:
                elsewhere = True
                break
        if not elsewhere:
            kind = ("row", "column", "box")[unit_index]
            where = {"row": f"row {r + 1}", "column": f"column {c + 1}", "box": "its box"}[kind]
            return f"the only place for {value} in {where}"
    return None


def generate(n: int, rng: random.Random, hidden: bool, min_clues: int) -> tuple[str, list[str], str]:
    """(puzzle string, trace steps in solving order, solution string)."""
    grid = full_grid(n, rng)
    solution = "".join(str(v) for row in grid for v in row)
    cell_units: dict[Cell, list[list[Cell]]] = {}
    all_units = units(n)
    for r in range(n):
        for c in range(n):
            cell_units[(r, c)] = [
                all_units[r],
                all_units[n + c],
                next(u for u in all_units[2 * n :] if (r, c) in u),
            ]
    removed: list[str] = []
    order = [(r, c) for r in range(n) for c in range(n)]
    rng.shuffle(order)
    clues = n * n
    for cell in order:
        if clues <= min_clues:
            break
        reason = _forced(grid, cell, n, hidden, cell_units)
        if reason is None:
            continue
        r, c = cell
        removed.append(f"r{r + 1}c{c + 1} = {grid[r][c]}: {reason}")
        grid[r][c] = 0
        clues -= 1
    puzzle = "".join(str(v) if v else "." for row in grid for v in row)
    return puzzle, removed[::-1], solution
