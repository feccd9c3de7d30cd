"""Reading a sudoku response: grids drawn anywhere (`grid_claims`), one clause of a step as asserted
formulas (`read_clause`, see `read.py`), and the answer grid (`parse_answer`). The puzzle itself, its
independent solver and its generator are in `sudoku.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import grammar, read, sudoku_reasons
from assay.domains.logic.sudoku import BOXES, Cell, givens, size_of

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
    """The n cells of a grid row (digits or '.' for a blank), or None if the line is not one. A row
    numbered as a list item with its own position (`3. 1 4 3 2` as the third row) is read without its
    number, only when the line is no row with it: `1.21` stays a row with a blank."""
    found = _cells_of(line, n, position)
    if found is None:
        numbered = re.match(rf"^\s*{position + 1}[.)]\s+", read.clean_markup(line))
        if numbered is not None:
            found = _cells_of(read.clean_markup(line)[numbered.end() :], n, position)
    return found


def _cells_of(line: str, n: int, position: int) -> tuple[str, ...] | None:
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
            # a markdown table's header row, whatever it holds: column labels ("| 1 | 2 | 3 | 4 |" over
            # n rows), or, when only n - 1 rows follow it, the grid's first row put in the header
            cells = _row_cells(line, n, 0) if not block and _body_rows(lines[i + 2 :], n) == n - 1 else None
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


def _body_rows(lines: list[str], n: int) -> int:
    """How many grid rows follow a markdown table's separator line, up to the table's end."""
    count = 0
    for line in lines:
        if _row_cells(line, n, count) is None:
            break
        count += 1
    return count


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

_CELL = grammar.CELL
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
    # "7 is the only candidate there": a value said to be the cell's only one
    r"^\d{1,2}\s+is\s+(?:the\s+)?(?:only|last|sole|single|remaining)\s+(?:candidate|option|value|possibility|"
    r"digit|number)s?\b.*$|"
    # why a value is the only one left: its peers hold the rest (no value named, nothing to check)
    r"^(?:its|the)\s+(?:row|column|box)(?:\s*,\s*(?:row|column|box))*(?:,?\s+and\s+(?:row|column|box))?"
    r"\s+(?:already\s+)?(?:hold|have|contain)\s+(?:all\s+)?the\s+(?:others|other\s+(?:values|digits))$|"
    # a method, said before it is applied: no digit, no number word, nothing placed
    r"^(?:fill|complete)\s+(?:in\s+)?(?:each|every|all\s+the|the)\s+(?:rows?|columns?|boxes|cells?)\s+with\s+"
    r"the\s+missing\s+(?:digits|numbers|values)(?:\s*,\s*checking\s+(?:the\s+)?(?:rows|columns|boxes)"
    r"(?:\s*(?:,|and)\s*(?:the\s+)?(?:rows|columns|boxes))*)?$",
    re.I,
)
_METHOD = re.compile(
    # a method, said before it is applied: no digit, no number word, nothing placed
    r"^(?:fill|complete)\s+(?:in\s+)?(?:each|every|all\s+the|the)\s+(?:rows?|columns?|boxes|cells?)\s+with\s+"
    r"the\s+missing\s+(?:digits|numbers|values)(?:\s*,\s*checking\s+(?:the\s+)?(?:rows|columns|boxes)"
    r"(?:\s*(?:,|and)\s*(?:the\s+)?(?:rows|columns|boxes))*)?$",
    re.I,
)


class _CheckedReason:
    """What `guard.claim_guard` takes for a clause that claims nothing unread: a reason that
    `sudoku_reasons` holds to the grid so far, or a method said before it is applied."""

    def match(self, string: str) -> bool:
        return bool(_METHOD.match(string)) or sudoku_reasons.checked(string)


REASON = _CheckedReason()


def reason_problems(
    reference: Mapping[str, Any], lines: list[str], facts: Mapping[int, list[tuple[Cell, int]]]
) -> list[tuple[int, str, str]]:
    """The reasons the grid so far does not bear out (sudoku_reasons.py), for `check.py`."""
    return sudoku_reasons.reason_problems(reference, lines, read_clause, facts)


_CELL_ANY = re.compile(_CELL, re.I)
_LINE_ANY = re.compile(r"\b(?:row|column|col|box|block|square|r|c)\s*#?\s*\d\b", re.I)
_LINE_CLAIM = re.compile(r"^(row|column|col|r|c)\s*(\d{1,2})\s*(?:[:=|]|is)\s*(.+)$", re.I)


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    n = size_of(reference)
    if _BARE_ROW.fullmatch(clause):
        return None  # an unlabelled grid row: read with its grid (`grid_claims`), not alone
    text = grammar.plain_verbs(clause.strip())
    text = re.sub(
        r"^(?:the\s+)?(?:cell|square)\s+(?:at|in)\s+", "", text, flags=re.I
    )  # "The cell at row 1, ..."
    if _REASON.match(text):
        # "the only place for 9 in row 4": why the claim it is attached to holds, which sudoku_reasons
        # holds to the grid so far; a reason in other words is not checked, so it is not taken as read
        if REASON.match(text):
            return None
        return f"a reason that is not checked against the grid: {clause[:80]}"
    if text.startswith("|"):  # a markdown row: "| R3 | 5 | . | 4 |" is row 3; an unlabelled one says nothing
        cells = [c.strip() for c in text.strip("| ").split("|")]
        label = re.fullmatch(r"(?:r|row)\s*(\d{1,2})", cells[0], re.I) if cells else None
        text = f"Row {label.group(1)}: {' '.join(cells[1:])}" if label else ""
        if not text:
            return None
    contents = _CONTENTS.match(text.rstrip(" ."))
    if contents:
        return _contents_claim(reference, n, contents)
    line = _LINE_CLAIM.match(text)
    if line:
        return _line_claim(n, line)
    formulas: list[Any] = []
    pos = 0
    while True:
        sep = re.compile(r"(?:\s*(?:[,;&]|\band\b)\s*)+", re.I).match(text, pos)
        if sep:
            pos = sep.end()
        if grammar.END.match(text, pos):
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


_DIGITS = r"\d(?:\s*(?:,\s*(?:and\s+)?|\band\b|&)\s*\d)*"
_CONTENTS = re.compile(
    rf"^(?P<line>row|column|col)\s*(?P<index>\d)\s+(?:(?P<missing>is\s+missing|needs|still\s+needs|lacks)|"
    rf"(?:already\s+)?(?:has|contains|holds|includes))\s+(?:the\s+)?(?:(?:digits?|numbers?|values?)\s+)?"
    rf"(?P<digits>{_DIGITS})$",
    re.I,
)


def _contents_claim(reference: Mapping[str, Any], n: int, match: re.Match[str]) -> Any:
    """ "Row 1 is missing 1 and 3" / "needs 1 and 3", "column 1 has 3 and 4": what a line's givens hold,
    as claims on the given cells. "Missing" is read as exactly the digits the givens lack (a digit a
    given holds makes it false, on that cell); fewer digits than the givens lack, or "has" a digit no
    given holds, may speak of cells the writer filled since, so it is unreadable, never guessed."""
    index = int(match.group("index"))
    if not 1 <= index <= n:
        return f"row or column {index} is outside the {n}×{n} grid"
    is_row = match.group("line").lower() == "row"
    cells = [(index - 1, k) if is_row else (k, index - 1) for k in range(n)]
    given = {cell: value for cell, value in givens(reference).items() if cell in cells}
    claimed = [int(d) for d in re.findall(r"\d", match.group("digits"))]
    if len(set(claimed)) != len(claimed) or not all(1 <= d <= n for d in claimed):
        return f"a claim about a line that cannot be read with certainty: {match.group(0)[:80]}"
    if match.group("missing"):
        held = [["not", ["var", cell, d]] for d in claimed for cell, value in given.items() if value == d]
        if held:
            return held  # a digit the line's givens hold is not missing: false on that cell
        if len(claimed) != n - len(given):
            return f"a line's missing digits that may count cells filled since: {match.group(0)[:80]}"
        return [["not", ["var", cell, d]] for d in claimed for cell in given] or [["true"]]
    where = {value: cell for cell, value in given.items()}
    if not all(d in where for d in claimed):
        return f"a line's digits that may count cells filled since: {match.group(0)[:80]}"
    return [["var", where[d], d] for d in claimed]


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
