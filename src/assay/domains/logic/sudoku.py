"""Sudoku: 4×4 (2×2 boxes), 6×6 (2×3 boxes), 9×9 (3×3 boxes).

Reference: {"kind": "sudoku", "puzzle": "<n² characters, 1..n for givens, 0 or . for blanks>"}.
Answer: the solved grid anywhere in the text, as n lines of n digits (spaces, | and + allowed between)
or one run of n² digits. Step claims: `r3c4 = 7` (row 3, column 4; 1-based), with any reason after.

Generation removes givens one at a time from a shuffled full grid, and only a given that is forced in
the current grid (a naked single, or with `technique = "hidden"` also a hidden single) may go. Solving
undoes the removals in reverse, so the reversed list is a deduction trace in which every step is a
single, with its reason.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import read
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


# --- reading grids -------------------------------------------------------------------------------------
# A grid row is a line of n cells (digits, or . _ 0 * ? for blanks) with any separators between (spaces,
# | , + brackets, box-drawing), optionally labelled ("Row 3:", "R3 |", a markdown table's first cell).
# Consecutive rows make a block (separator lines and a blank line between bands do not end it). Only a
# block of exactly n full rows is a grid; a block of complete rows of any other length is refused, and
# two different grids in the answer are refused: neither is guessed between.

_SEPARATORS = set(" \t|,+-=:[](){}<>;'\"") | set("│┃║─━═┼╋╬├┤┌┐└┘┬┴╔╗╚╝╠╣╦╩")
_BLANKS = set(".0*?·_xX")
_ROW_LABEL = re.compile(r"^\s*(?:row|r)\s*(\d{1,2})\s*(?:[:|.)=\-]|\s)", re.I)
_HEADER_CELL = re.compile(r"^(?:c(?:ol(?:umn)?)?\s*)?\d{1,2}$", re.I)


@functools.lru_cache(maxsize=4096)
def _row_cells(line: str, n: int, position: int) -> tuple[str, ...] | None:
    """The n cells of a grid row (digits or '.' for a blank), or None if the line is not one."""
    text = read.clean_markup(line)
    label = _ROW_LABEL.match(text)
    if label:
        text = text[label.end() :]
    elif text.startswith("|"):
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        if len(cells) == n + 1 and re.fullmatch(rf"(?:r(?:ow)?\s*)?{position + 1}", cells[0], re.I):
            text = "|".join(cells[1:])
    out: list[str] = []
    for ch in text:
        if ch in "123456789"[:n]:
            out.append(ch)
        elif ch in _BLANKS:
            out.append(".")
        elif ch in _SEPARATORS:
            continue
        else:
            return None
    if len(out) != n:
        return None
    return tuple(out)


def _separator(line: str) -> bool:
    stripped = read.clean_markup(line).strip()
    return bool(stripped) and set(stripped) <= _SEPARATORS


def _blocks(text: str, n: int) -> list[tuple[list[tuple[str, ...]], int]]:
    """Each block of grid rows, with the index of its last line."""
    bh, _ = BOXES[n]
    blocks: list[tuple[list[tuple[str, ...]], int]] = []
    block: list[tuple[str, ...]] = []
    last = 0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if re.match(r"^\s*\|?\s*:?-{3,}:?\s*\|", following) and "|" in line:
            cells = None  # a markdown table's header row, whatever it holds
        else:
            cells = _row_cells(line, n, len(block))
        if cells is not None:
            block.append(cells)
            last = i
        elif _separator(line) or (not line.strip() and block and len(block) % bh == 0 and len(block) < n):
            continue
        elif block:
            blocks.append((block, last))
            block = []
    if block:
        blocks.append((block, last))
    return blocks


def grid_claims(reference: Mapping[str, Any], lines: list[str]) -> list[tuple[int, Any]]:
    """Every grid drawn in the response, full or partial ('.' for a blank), as a claim on its filled
    cells at its last line: an intermediate grid is checked like any other step. A block of rows that
    is not n rows long cannot be placed in the grid, so it is unreadable."""
    n = size_of(reference)
    out: list[tuple[int, Any]] = []
    for block, last in _blocks("\n".join(lines), n):
        if len(block) != n:
            out.append((last, f"a block of {len(block)} grid rows; a {n}×{n} grid has {n}"))
            continue
        out.append(
            (
                last,
                [
                    ["var", (r, c), int(v)]
                    for r, row in enumerate(block)
                    for c, v in enumerate(row)
                    if v != "."
                ],
            )
        )
    return out


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[Cell, int] | str:
    """The grid in the answer (or, without an answer line, the whole response), or why none is read."""
    n = size_of(reference)
    text = text[-20_000:]
    grids: list[str] = []
    for block, _ in _blocks(text, n):
        full = all("." not in row for row in block)
        if full and len(block) != n:
            return f"a block of {len(block)} full rows where a {n}×{n} grid was expected"
        if full:
            grids.append("".join("".join(row) for row in block))
    if not grids:
        grids = [run for run in re.findall(r"(?<!\d)\d+(?!\d)", text) if len(run) == n * n]
    distinct = sorted(set(grids))
    if not distinct:
        return f"no {n}×{n} grid found in the response"
    if len(distinct) > 1:
        return "the response gives two different grids; which one is the answer is not certain"
    grid = distinct[0]
    if any(not "1" <= ch <= "123456789"[n - 1] for ch in grid):
        return f"the grid holds digits outside 1-{n}"
    return {(r, c): int(grid[r * n + c]) for r in range(n) for c in range(n)}


# --- reading claims ------------------------------------------------------------------------------------

_CELL = read.CELL
_UNITS = [
    (
        re.compile(rf"{_CELL}\s*(?:=|:|is|←|:=|->|→|gets|takes|holds|contains)\s*(?:a\s+)?(\d{{1,2}})", re.I),
        "cell-first",
        True,
    ),
    (re.compile(rf"{_CELL}\s*(?:≠|!=|=/=|is\s+not|<>)\s*(?:a\s+)?(\d{{1,2}})", re.I), "cell-first", False),
    (
        re.compile(
            rf"(?:place|put|write|fill\s+in|fill|enter|set|insert)\s+(?:a\s+|the\s+)?(\d{{1,2}})\s+(?:in|at|into)\s+(?:the\s+)?{_CELL}",
            re.I,
        ),
        "value-first",
        True,
    ),
    (re.compile(rf"(?:set|fill)\s+{_CELL}\s+(?:to|with)\s+(?:a\s+)?(\d{{1,2}})", re.I), "cell-first", True),
    (
        re.compile(
            rf"(?:the\s+|a\s+)?(?:(?:digit|number|value)\s+)?(\d{{1,2}})\s+"
            rf"(?:(?:goes|is|belongs|must\s+go)\s+(?:in|at|into)|fills|occupies)\s+(?:the\s+)?{_CELL}",
            re.I,
        ),
        "value-first",
        True,
    ),
    (
        re.compile(
            rf"(?:the\s+|a\s+)?(?:(?:digit|number|value)\s+)?(\d{{1,2}})\s+is\s+not\s+(?:go\s+)?(?:in|at|into)\s+"
            rf"(?:the\s+)?{_CELL}",
            re.I,
        ),
        "value-first",
        False,
    ),
]
_BARE_ROW = re.compile(r"[\d\s|,.+\-_*?\[\]:]+")
_REASON = re.compile(
    r"^(?:it\s+is\s+|this\s+is\s+)?(?:the\s+|a\s+)?(?:only|last|sole|remaining)\s+(?:place|spot|cell|position|"
    r"candidate|option|value|possibility|digit|number)s?\b(?!.*\b(?:r\d+c\d+|=)\s*\d).*$|"
    r"^(?:naked|hidden)\s+single\b.*$|"
    # why a value is the only one left: its peers hold the rest (no value named, nothing to check)
    r"^(?:its|the)\s+(?:row|column|box)(?:\s*,\s*(?:row|column|box))*(?:,?\s+and\s+(?:row|column|box))?"
    r"\s+(?:already\s+)?(?:hold|have|contain)\s+(?:all\s+)?the\s+(?:others|other\s+(?:values|digits))$",
    re.I,
)
REASON = _REASON  # read by `guard.claim_guard`: a reason clause is not an unread claim
_CELL_ANY = re.compile(_CELL, re.I)
_LINE_ANY = re.compile(r"\b(?:row|column|col|box|block|square|r|c)\s*#?\s*\d\b", re.I)
_LINE_CLAIM = re.compile(r"^(row|column|col|r|c)\s*(\d{1,2})\s*(?:[:=|]|is)\s*(.+)$", re.I)


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    n = size_of(reference)
    if _BARE_ROW.fullmatch(clause):
        return None  # an unlabelled grid row: read with its grid (`grid_claims`), not alone
    text = read.plain_verbs(clause.strip())
    text = re.sub(
        r"^(?:the\s+)?(?:cell|square)\s+(?:at|in)\s+", "", text, flags=re.I
    )  # "The cell at row 1, ..."
    if _REASON.match(text):
        return None  # "the only place for 9 in row 4": why the claim it is attached to holds
    if text.startswith("|"):  # a markdown row: "| R3 | 5 | . | 4 |" is row 3; an unlabelled one says nothing
        cells = [c.strip() for c in text.strip("| ").split("|")]
        label = re.fullmatch(r"(?:r|row)\s*(\d{1,2})", cells[0], re.I) if cells else None
        text = f"Row {label.group(1)}: {' '.join(cells[1:])}" if label else ""
        if not text:
            return None
    line = _LINE_CLAIM.match(text)
    if line:
        return _line_claim(n, line)
    formulas: list[Any] = []
    pos = 0
    while True:
        sep = re.compile(r"(?:\s*(?:[,;&]|\band\b)\s*)+", re.I).match(text, pos)
        if sep:
            pos = sep.end()
        if read.END.match(text, pos):
            break
        for pattern, order, positive in _UNITS:
            m = pattern.match(text, pos)
            if m is None:
                continue
            numbers = [int(g) for g in m.groups() if g is not None]
            value, (r, c) = (
                (numbers[0], numbers[1:3]) if order == "value-first" else (numbers[2], numbers[:2])
            )
            if not (1 <= r <= n and 1 <= c <= n and 1 <= value <= n):
                return f"r{r}c{c} = {value} is outside the {n}×{n} grid"
            formula = ["var", (r - 1, c - 1), value]
            formulas.append(formula if positive else ["not", formula])
            pos = m.end()
            break
        else:
            if formulas and re.match(r"\s*[:—–]", text[pos:]):
                # "r1c3 = 4: only 4 fits": what follows the colon is a reason, read as a clause of its own
                reason = read_clause(reference, text[pos:].lstrip(" :—–"))
                if isinstance(reason, str):
                    return reason
                return formulas + (reason or [])
            if re.search(r"\d", _LINE_ANY.sub("", _CELL_ANY.sub("", clause))) and (
                _CELL_ANY.search(clause) or _LINE_ANY.search(clause)
            ):
                return f"a claim about cells that cannot be read with certainty: {clause[:80]}"
            return None
    return formulas or None


def _line_claim(n: int, match: re.Match[str]) -> Any:
    """'Row 3: 5 . 4 6 7 8 9 1 2' (a labelled row, blanks allowed) as claims on its filled cells."""
    index = int(match.group(2))
    cells = _row_cells(match.group(3), n, index - 1)
    if cells is None:
        if re.search(r"\d", match.group(3)):
            return f"a claim about a line that cannot be read with certainty: {match.group(0)[:80]}"
        return None
    if not 1 <= index <= n:
        return f"row or column {index} is outside the {n}×{n} grid"
    is_row = match.group(1).lower() in ("row", "r")
    return [
        ["var", (index - 1, k) if is_row else (k, index - 1), int(v)] for k, v in enumerate(cells) if v != "."
    ] or None


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
