"""Reading a nonogram response: grids drawn anywhere (`grid_claims`), a grid's legend of symbols
(`legend`, `canonical_rows`), one clause of a step as asserted formulas (`read_clause`, see `read.py`),
and the answer grid (`parse_answer`). The puzzle itself is in `nonogram.py`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import grammar, read
from assay.domains.logic.nonogram import EMPTY, FILLED, Cell, validate

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


def _symbols(line: str, width: int | None = None) -> str | None:
    """The line's cell symbols (separators dropped), or None if it holds anything else.

    `__` is markdown bold, and also two empty cells (`_XX__`); with the grid's width given, a line that
    is a row of that width only with its underscores kept as cells is read so (the two readings differ
    in length, so at most one of them is a row of the grid)."""
    found = _symbols_in(read.clean_markup(line))
    if width is not None and "__" in line and (found is None or len(found) != width):
        kept = _symbols_in(read.clean_markup(line.replace("__", "\x00")).replace("\x00", "__"))
        if kept is not None and len(kept) == width:
            return kept
    return found


def _symbols_in(text: str) -> str | None:
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
        cells = _symbols(line, width)
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
        # "Row 1: filled, filled, empty" lines: the answer is the cells asserted in it, if they are all
        cells: dict[Cell, str] = {}
        for formula in facts:
            if formula[0] == "var" and cells.setdefault(formula[1], formula[2]) != formula[2]:
                return f"the answer gives r{formula[1][0] + 1}c{formula[1][1] + 1} two values"
        if len(cells) == height * width:
            return cells
        return f"no {height}×{width} grid found in the response"
    if len(grids) > 1:
        return "the response gives two different grids; which one is the answer is not certain"
    (grid,) = grids
    return {(r, c): grid[r][c] for r in range(height) for c in range(width)}


# --- legends and table cells -------------------------------------------------------------------------
# "Legend: x = crossed out (empty), o = filled", "(where 1 = filled, 0 = empty)", "using ■ for filled":
# a response may define its own symbols. Rows written with them, and table rows whose blank cells are
# empty ("|#| |#|"), are rewritten in # and . before anything reads them, so one grid reader serves all.
# A symbol defined twice with different meanings is refused; a legend that flips a default symbol
# ("# = empty") must define every symbol of a row that uses it, else the row is refused.

_MEANINGS = (
    r"filled|full|black|shaded|colou?red|solid|empty|blank|white|unshaded|unfilled|"
    r"crossed[\s-]*out|crossed|cross(?:es)?|marked\s+empty|nothing"
)
_SYM = r"['\"]?(?P<{g}>[^\w\s'\"(),;:=]|[A-Za-z0-9])['\"]?"
_LEGEND_ENTRY = re.compile(
    r"(?:^|(?<=[(,;:])|(?<![\w-])(?:and|where|with|using|legend|key|i\.e\.)(?![\w-]))\s*(?:"
    + _SYM.format(g="sym")
    + r"\s*(?:=|:|→|->|means|represents|denotes|indicates|stands\s+for|marks|for|is\s+(?:an?\s+)?|"
    r"are)\s*(?:an?\s+|the\s+)?\(?(?P<word>" + _MEANINGS + r")|"
    r"(?P<word2>" + _MEANINGS + r")(?:\s+(?:cells?|squares?))?\s*(?:=|:|→|->|as|by|with|"
    r"(?:are\s+|is\s+)?(?:shown|marked|drawn|written|denoted|represented)\s+(?:as|with|by))\s*"
    + _SYM.format(g="sym2")
    + r")(?![\w-])",
    re.I,
)


_LEGEND_FILLER = re.compile(
    r"^(?:[\s,;.:()\[\]]|(?<![\w-])(?:legend|key|notation|symbols?|where|using|with|and|i\.e\.|cells?|"
    r"squares?|here)(?![\w-]))*$",
    re.I,
)


class _LegendLine:
    """A clause that only defines symbols ("Key: ■ = filled cell, □ = empty cell") claims nothing about
    the puzzle: the guard must not call it an unread claim (`guard.claim_guard` reads this as REASON)."""

    def match(self, string: str) -> bool:
        rest, count = _LEGEND_ENTRY.subn(" ", string)
        return count > 0 and bool(_LEGEND_FILLER.match(rest))


REASON = _LegendLine()


def _meaning(word: str) -> str:
    w = word.lower()
    return FILLED if re.match(r"fill|full|black|shaded|colou?red|solid", w) else EMPTY


def legend(lines: list[str]) -> dict[str, str] | str:
    """The symbols the response defines (symbol → filled/empty), or why its legend is refused."""
    found: dict[str, str] = {}
    for line in lines:
        text = read.clean_markup(line)
        if "=" not in text and not re.search(
            r"\b(?:means|represents|denotes|indicates|stands|for|marks|legend|key|shown|marked|drawn|as)\b",
            text,
            re.I,
        ):
            continue
        for m in _LEGEND_ENTRY.finditer(text):
            symbol = m.group("sym") or m.group("sym2")
            meaning = _meaning(m.group("word") or m.group("word2"))
            if symbol.isdigit() and symbol not in "01":
                continue  # "cells 2 and 3 are filled" names cells, it defines no symbol
            if found.setdefault(symbol, meaning) != meaning:
                return f"the response defines {symbol!r} as both filled and empty"
    return found


def _default(ch: str) -> str | None:
    return FILLED if ch in _FILL else EMPTY if ch in _EMPTY else None


def _table_cells(text: str) -> list[str] | None:
    """'| # |   | # |' as its cells ('' for a blank one), or None if the text is not such a row."""
    stripped = text.strip()
    if not (stripped.startswith("|") and stripped.endswith("|")) or stripped.count("|") < 3:
        return None
    cells = [c.strip() for c in stripped[1:-1].split("|")]
    return cells if all(len(c) <= 1 for c in cells) else None


def canonical_rows(reference: Mapping[str, Any], lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """Rows written with the response's own legend, or as table rows with blank cells, rewritten in #
    and .; and the lines whose row (or legend) is refused, with why."""
    _, cols = validate(reference)
    width = len(cols)
    defined = legend(lines)
    problems: dict[int, str] = {}
    if isinstance(defined, str):
        index = next(i for i, line in enumerate(lines) if _LEGEND_ENTRY.search(read.clean_markup(line)))
        return lines, {index: defined}
    flipped = any(_default(s) not in (None, m) for s, m in defined.items())
    out = list(lines)
    for i, line in enumerate(lines):
        text = read.clean_markup(line)
        label = _ROW_LABEL.match(text)
        head, body = (text[: label.end()], text[label.end() :]) if label else ("", text)
        table = _table_cells(body)
        if table is not None:
            symbols = [c if c else " " for c in table]
        elif defined and not _LEGEND_ENTRY.search(text):
            symbols = [ch for ch in body.strip() if ch not in _SEPARATORS]
            if not any(ch in defined or ch.swapcase() in defined for ch in symbols):
                continue  # a row in the default symbols: read as it always was
        else:
            continue
        if len(symbols) != width:
            continue
        cells = []
        for ch in symbols:
            meaning = (
                EMPTY
                if ch == " "
                else defined.get(ch) or defined.get(ch.swapcase()) or (None if flipped else _default(ch))
            )
            cells.append(meaning if ch != "?" else "?")
        if None in cells:
            if table is None and flipped:
                problems[i] = f"a grid row whose symbols the legend does not define: {text.strip()[:60]}"
            continue
        out[i] = head + "".join("#" if c == FILLED else "." if c == EMPTY else "?" for c in cells)
    return out, problems


_CELL = grammar.CELL
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


_SINGLE_CELL = re.compile(
    r"^((?:row|column|col)\s*\d{1,2}\s+has\s+)(?:a\s+single|only\s+one|exactly\s+one|one)\s+"
    r"(?:filled\s+|shaded\s+|black\s+)?(?:cell|square)$",
    re.I,
)
_RUN_CLAIM = re.compile(
    r"^(?P<line>row|column|col)\s*(?P<index>\d{1,2})\s+(?:has|needs|is)\s+(?P<how>a\s+single|a|one|only\s+one|"
    r"exactly\s+one)\s+(?:run|block)\s+of\s+(?P<length>\d{1,2})(?:\s+cells?)?"
    r"(?:\s+in\s+(?:columns|cols|rows)\s+(?P<start>\d{1,2})\s*(?:-|–|to|through)\s*(?P<end>\d{1,2}))?$",
    re.I,
)


_INDEXES = r"\d{1,2}(?:\s*(?:-|–|to|through)\s*\d{1,2}|(?:\s*(?:,\s*(?:and\s+)?|\band\b)\s*\d{1,2})*)"
_CROSSING = re.compile(
    rf"^(?P<many>rows|columns|cols)\s+(?P<indexes>{_INDEXES})\s+(?:of|in)\s+(?:the\s+)?(?P<one>row|column|col)\s*"
    r"(?P<index>\d{1,2})\s+(?:are|is)\s+(?P<neg>not\s+)?(?P<state>filled|shaded|black|empty|blank|white)$",
    re.I,
)


def _crossing_claim(height: int, width: int, match: re.Match[str]) -> Any:
    """ "rows 2 and 3 of column 3 are filled", "columns 1-2 of row 1 are empty": the cells where the
    lines cross."""
    text = match.group("indexes")
    span = re.fullmatch(r"(\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})", text.strip())
    numbers = (
        list(range(int(span.group(1)), int(span.group(2)) + 1))
        if span
        else [int(d) for d in re.findall(r"\d+", text)]
    )
    many_rows = match.group("many").lower() == "rows"
    if many_rows == (match.group("one").lower() == "row") or not numbers:
        return f"a claim about a line that cannot be read with certainty: {match.group(0)[:80]}"
    index = int(match.group("index"))
    cells = [(k, index) if many_rows else (index, k) for k in numbers]
    if any(not (1 <= r <= height and 1 <= c <= width) for r, c in cells):
        return f"a cell outside the {height}×{width} grid: {match.group(0)[:80]}"
    state = "filled" if match.group("state").lower() in ("filled", "shaded", "black") else "empty"
    formulas = [["var", (r - 1, c - 1), state] for r, c in cells]
    return [["not", f] for f in formulas] if match.group("neg") else formulas


def _run_claim(rows: list[list[int]], cols: list[list[int]], match: re.Match[str]) -> Any:
    """ "Column 3 has a run of 2": a claim about the line's clue (its runs are the solution's), true when
    the clue holds such a run; "a single run of 2", "only one", "exactly one": when it is the only one."""
    clues = rows if match.group("line").lower() == "row" else cols
    index = int(match.group("index"))
    if not 1 <= index <= len(clues):
        return f"row or column {index} is outside the grid"
    clue, length = clues[index - 1], int(match.group("length"))
    alone = match.group("how").lower() != "a"
    holds = clue == [length] if alone else length in clue
    if not match.group("start"):
        return [["true" if holds else "false"]]
    # "Row 1 has a run of 2 in columns 1-2": those cells filled, the cells beside the run empty
    start, end = int(match.group("start")), int(match.group("end"))
    size = len(cols) if clues is rows else len(rows)
    if end - start + 1 != length or not 1 <= start <= end <= size:
        return f"a run that cannot be placed with certainty: {match.group(0)[:80]}"

    def cell(k: int) -> tuple[int, int]:
        return (index - 1, k - 1) if clues is rows else (k - 1, index - 1)

    around = [k for k in (start - 1, end + 1) if 1 <= k <= size]
    filled = [["var", cell(k), "filled"] for k in range(start, end + 1)]
    return [["true" if holds else "false"], *filled, *(["var", cell(k), "empty"] for k in around)]


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    rows, cols = validate(reference)
    height, width = len(rows), len(cols)
    text = _cells_in_words(grammar.plain_verbs(clause.strip()), height, width)
    line = _LINE_CLAIM.match(text)
    if line:
        return _line_claim(height, width, line)
    clue = _CLUE_IS.match(clause.strip().rstrip(" ."))
    if clue:
        # "Row 2 (clue 2 1)", read as "row 2 clue is 2 1": the puzzle's clue restated, true or false
        index, runs = int(clue.group("index")), [int(n) for n in re.findall(r"\d+", clue.group("runs"))]
        lines = rows if clue.group("line").lower() == "row" else cols
        if not 1 <= index <= len(lines):
            return f"a line outside the {height}×{width} grid: {clause[:80]}"
        runs = [] if runs == [0] else runs  # "its clue is 0": an empty line
        length = width if lines is rows else height
        cells = clue.group("cells")
        right = list(lines[index - 1]) == runs and (cells is None or int(cells) == length)
        return [["true"] if right else ["false"]]
    # "Row 2 has a single cell": one filled cell, a run of 1 alone
    said = _SINGLE_CELL.sub(r"\g<1>a single run of 1", clause.strip().rstrip(" ."))
    run = _RUN_CLAIM.match(said)
    if run:
        return _run_claim(rows, cols, run)
    crossing = _CROSSING.match(clause.strip().rstrip(" ."))
    if crossing:
        return _crossing_claim(height, width, crossing)
    formulas: list[Any] = []
    pos = 0
    while True:
        sep = re.compile(r"(?:\s*(?:[,;&]|\band\b)\s*)+", re.I).match(text, pos)
        if sep:
            pos = sep.end()
        if grammar.END.match(text, pos):
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
        numbers = [int(g) for g in m.groups()[: grammar.CELL_GROUPS] if g is not None]
        r, c = numbers
        if not (1 <= r <= height and 1 <= c <= width):
            return f"r{r}c{c} is outside the {height}×{width} grid"
        negated = m.re is _NEG_UNIT or bool(m.groups()[grammar.CELL_GROUPS] if m.re is _UNIT else False)
        word = m.groups()[-1].lower().split()[0]
        formula = ["var", (r - 1, c - 1), _WORDS[word]]
        formulas.append(["not", formula] if negated else formula)
        pos = m.end()
    return formulas or None


_CLUE_IS = re.compile(
    r"^(?:the\s+)?(?P<line>row|column|col)\s*(?P<index>\d{1,2})(?:(?:'s)?\s+clue\s*(?:is|:|=)?|\s+has\s+(?:the\s+)?"
    r"clue)\s*(?P<runs>\d{1,2}(?:\s*[,\s]\s*\d{1,2})*)"
    # "Row 5 has clue 1 1 1 in 5 cells": the line's length said too
    r"(?:\s+in\s+(?P<cells>\d{1,2})\s+cells)?$",
    re.I,
)
_CELL_WORDS = {"filled", "empty", "blank", "shaded", "unshaded", "black", "white", "full", "unfilled"}


def _line_claim(height: int, width: int, match: re.Match[str]) -> Any:
    """'Row 2: ##..#' or 'Column 3 is ■□■' ('?' for a cell not known yet) as claims on its cells."""
    is_row = match.group(1).lower() == "row"
    index, length = int(match.group(2)), width if is_row else height
    body = match.group(3).strip()
    words = [w for w in re.split(r"[\s,;]+", body.strip(" .")) if w]
    if re.fullmatch(
        r"(?:all\s+|entirely\s+|fully\s+|completely\s+)?(filled|empty|blank|shaded)\.?", body, re.I
    ):
        body = body.rstrip(".")
        value = _WORDS[body.split()[-1].lower()]
        cells = [value] * length
    elif len(words) > 1 and all(w.lower() in _CELL_WORDS for w in words):
        # "Row 2: empty, empty, filled": one word per cell
        if len(words) != length:
            return f"a claim about a line that cannot be read with certainty: {match.group(0)[:80]}"
        cells = [_WORDS[w.lower()] for w in words]
    else:
        symbols = _symbols(body, length)
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
