"""Nonograms: fill cells so that each row's and column's runs of filled cells match its clue.

Reference: {"kind": "nonogram", "rows": [[2, 1], [], ...], "cols": [[3], ...]} (an empty list is an
empty line). Answer: the grid as lines of `#` (filled) and `.` (empty); `1`/`0` and `X`/`-` also read.
Step claims: "r2c3 = filled" / "r2c3 = empty".
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import read
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


# --- reading grids and claims ----------------------------------------------------------------------------
# Filled: # ■ █ ● ⬛ ▓ 1; empty: . □ ░ ○ ⬜ 0 - _ ·. An X means "filled" in a grid of X and empties, and
# "empty" (crossed out) in a grid of X and fills; in a grid with all three it is not guessed. Rows may
# be labelled ("Row 2:") and cells separated by spaces, | or commas. Only a block of exactly `height` full
# rows is a grid, and two different grids in the answer are refused.

_FILL = set("#■█●⬛▓1")
_EMPTY = set(".□░○⬜0-_·")
_AMBIGUOUS = set("xX")
_SEPARATORS = set(" \t|,[]'\"")
_ROW_LABEL = re.compile(r"^\s*(?:row|r)\s*(\d{1,2})\s*(?:[:|.)=]|\s)", re.I)
_WORDS = {
    "filled": FILLED, "full": FILLED, "black": FILLED, "shaded": FILLED, "colored": FILLED,
    "coloured": FILLED, "#": FILLED, "■": FILLED, "1": FILLED, "on": FILLED,
    "empty": EMPTY, "blank": EMPTY, "white": EMPTY, "unshaded": EMPTY, "unfilled": EMPTY, ".": EMPTY,
    "□": EMPTY, "0": EMPTY, "off": EMPTY, "crossed": EMPTY,
}  # fmt: skip


def _symbols(line: str) -> str | None:
    """The line's cell symbols (separators dropped), or None if it holds anything else."""
    text = read.clean_markup(line)
    label = _ROW_LABEL.match(text)
    if label:
        text = text[label.end() :]
    out = []
    for ch in text.strip():
        if ch in _FILL or ch in _EMPTY or ch in _AMBIGUOUS or ch == "?":
            out.append(ch)
        elif ch not in _SEPARATORS:
            return None
    return "".join(out) or None


def _decode(rows: list[str]) -> list[list[str]] | str:
    symbols = set("".join(rows))
    x_means = None
    if symbols & _AMBIGUOUS:
        if symbols & _FILL and not symbols & _EMPTY:
            x_means = EMPTY
        elif symbols & _EMPTY and not symbols & _FILL:
            x_means = FILLED
        else:
            return "a grid whose X could mean filled or empty"
    table = {**dict.fromkeys(_FILL, FILLED), **dict.fromkeys(_EMPTY, EMPTY), "?": "?"}
    return [[table.get(ch, x_means or "?") for ch in row] for row in rows]


def _blocks(text: str, width: int) -> list[tuple[list[str], int]]:
    """Each run of consecutive grid rows `width` cells wide, with the index of its last line."""
    blocks: list[tuple[list[str], int]] = []
    block: list[str] = []
    last = 0
    for i, line in enumerate(text.splitlines()):
        cells = _symbols(line)
        if cells is not None and len(cells) == width:
            block.append(cells)
            last = i
            continue
        if block:
            blocks.append((block, last))
        block = []
    if block:
        blocks.append((block, last))
    return blocks


def grid_claims(reference: Mapping[str, Any], lines: list[str]) -> list[tuple[int, Any]]:
    """Every grid drawn in the response ('?' for a cell not known yet) as a claim on its cells, at its
    last line; a block of rows of another height cannot be placed, so it is unreadable."""
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    out: list[tuple[int, Any]] = []
    for block, last in _blocks("\n".join(lines), width):
        decoded = (
            _decode(block) if len(block) == height else f"a block of {len(block)} rows; the grid has {height}"
        )
        if isinstance(decoded, str):
            out.append((last, decoded))
            continue
        out.append(
            (
                last,
                [["var", (r, c), v] for r, row in enumerate(decoded) for c, v in enumerate(row) if v != "?"],
            )
        )
    return out


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[Cell, str] | str:
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    grids: set[tuple[tuple[str, ...], ...]] = set()
    for found, _ in _blocks(text[-20_000:], width):
        if "?" in "".join(found):
            continue
        if len(found) != height:
            return f"a block of {len(found)} rows where a {height}×{width} grid was expected"
        decoded = _decode(found)
        if isinstance(decoded, str):
            return decoded
        grids.add(tuple(tuple(row) for row in decoded))
    if not grids:
        return f"no {height}×{width} grid found in the response"
    if len(grids) > 1:
        return "the response gives two different grids; which one is the answer is not certain"
    (grid,) = grids
    return {(r, c): grid[r][c] for r in range(height) for c in range(width)}


_CELL = (
    r"(?:cell\s*)?(?:r\s*(\d{1,2})\s*c\s*(\d{1,2})|\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)|"
    r"row\s*(\d{1,2})\s*,?\s*(?:col(?:umn)?|c)\s*(\d{1,2}))"
)
_WORD = (
    r"(filled|full|black|shaded|colou?red|empty|blank|white|unshaded|unfilled|crossed(?:\s+out)?|"
    r"on|off|[#■.□10])"
)
_UNIT = re.compile(
    rf"{_CELL}(?:\s*(?:=|:|is|→|->)\s*|\s+)(not\s+)?(?:an?\s+)?{_WORD}(?![\w#■.□])", re.I
)  # "R1C1 filled" too: a word right after the cell is its value
_NEG_UNIT = re.compile(rf"{_CELL}\s*(?:≠|!=)\s*{_WORD}", re.I)
_CELL_ANY = re.compile(_CELL, re.I)
_LINE_CLAIM = re.compile(r"^(row|column|col)\s*(\d{1,2})\s*(?:[:=]|is)\s*(.+)$", re.I)
_FILL_WORDS = re.compile(r"\b(?:fill\w*|full|black|shaded|empty|blank|white|crossed)\b|[#■□]", re.I)


def _cells_in_words(text: str, height: int, width: int) -> str:
    """Cells named in words ("the top-left cell", "the last cell of row 2", "row 3 starts with a filled
    cell") rewritten as rRcC, so the one cell grammar below reads them (and checks them)."""
    corners = {"top-left": (1, 1), "top-right": (1, width), "bottom-left": (height, 1)}
    corners["bottom-right"] = (height, width)
    for name, (r, c) in corners.items():
        text = re.sub(rf"^(?:the\s+)?{name}\s+(?:cell|corner|square)", f"r{r}c{c}", text, flags=re.I)
    ordinal = r"(first|last)\s+(?:cell|square)\s+(?:of|in)\s+(?:the\s+)?(row|column|col)\s*(\d{1,2})"

    def cell(which: str, line: str, index: str) -> str:
        is_row = line.lower() == "row"
        k = 1 if which.lower() == "first" else (width if is_row else height)
        return f"r{index}c{k}" if is_row else f"r{k}c{index}"

    text = re.sub(rf"^(?:the\s+)?{ordinal}", lambda m: cell(*m.groups()), text, flags=re.I)
    starts = (
        r"^(row|column|col)\s*(\d{1,2})\s+(starts|begins|ends)\s+with\s+(?:an?\s+)?(\w+)\s+(?:cell|square)"
    )
    return re.sub(
        starts,
        lambda m: (
            f"{cell('first' if m.group(3).lower() != 'ends' else 'last', m.group(1), m.group(2))} is "
            + m.group(4)
        ),
        text,
        flags=re.I,
    )


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    text = _cells_in_words(read.plain_verbs(clause.strip()), height, width)
    line = _LINE_CLAIM.match(text)
    if line:
        return _line_claim(height, width, line)
    formulas: list[Any] = []
    pos = 0
    while True:
        sep = re.compile(r"(?:\s*(?:[,;&]|\band\b)\s*)+", re.I).match(text, pos)
        if sep:
            pos = sep.end()
        if read.END.match(text, pos):
            break
        m = _UNIT.match(text, pos) or _NEG_UNIT.match(text, pos)
        if m is None:
            if formulas and re.match(r"\s*[:—–]", text[pos:]):
                # "r1c3 = 4: only 4 fits": what follows the colon is a reason, read as a clause of its own
                reason = read_clause(reference, text[pos:].lstrip(" :—–"))
                if isinstance(reason, str):
                    return reason
                return formulas + (reason or [])
            if _CELL_ANY.search(clause) and _FILL_WORDS.search(clause):
                return f"a claim about cells that cannot be read with certainty: {clause[:80]}"
            return None
        numbers = [int(g) for g in m.groups()[:6] if g is not None]
        r, c = numbers
        if not (1 <= r <= height and 1 <= c <= width):
            return f"r{r}c{c} is outside the {height}×{width} grid"
        negated = m.re is _NEG_UNIT or bool(m.groups()[6] if m.re is _UNIT else False)
        word = m.groups()[-1].lower().split()[0]
        formula = ["var", (r - 1, c - 1), _WORDS[word]]
        formulas.append(["not", formula] if negated else formula)
        pos = m.end()
    return formulas or None


def _line_claim(height: int, width: int, match: re.Match[str]) -> Any:
    """'Row 2: ##..#' or 'Column 3 is ■□■' ('?' for a cell not known yet) as claims on its cells."""
    is_row = match.group(1).lower() == "row"
    index, length = int(match.group(2)), width if is_row else height
    body = match.group(3).strip()
    if re.fullmatch(
        r"(?:all\s+|entirely\s+|fully\s+|completely\s+)?(filled|empty|blank|shaded)\.?", body, re.I
    ):
        body = body.rstrip(".")
        value = _WORDS[body.split()[-1].lower()]
        cells = [value] * length
    else:
        symbols = _symbols(body)
        if re.fullmatch(r"[\d\s,\[\]()]+", body) and (symbols is None or len(symbols) != length):
            return None  # "Row 1: 2 1" restates the clue
        decoded = _decode([symbols]) if symbols is not None and len(symbols) == length else None
        if decoded is None or isinstance(decoded, str):
            return f"a claim about a line that cannot be read with certainty: {match.group(0)[:80]}"
        cells = decoded[0]
    if not 1 <= index <= (height if is_row else width):
        return f"line {index} is outside the grid"
    return [
        ["var", (index - 1, k) if is_row else (k, index - 1), v] for k, v in enumerate(cells) if v != "?"
    ] or None


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
