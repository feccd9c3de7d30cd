"""The reasons a sudoku trace gives for a placement, checked against the grid so far.

"r4c2 = 4 [the only place for 4 in row 4]" and "r3c4 = 4 [the only value left for r3c4 (its row, column
and box hold the others)]" are claims about the grid before the step: the givens and the placements of the
lines above it. The cell reader takes the placement and passes the reason over as a clause that claims
nothing (`sudoku_read.REASON`); here the reason is held to what it says:

- a reason about another cell, another value or a unit the cell is not in is false whatever the grid;
- "the only place for V in U": V is not yet in U and no other open cell of U can take V by the grid so far
  (a cell can take V when its row, column and box do not hold V). A place the grid so far leaves open is
  `unknown`, not refuted: the writer may have ruled it out by reasoning further;
- "the only value left for rRcC": the cell's row, column and box hold every other value. With "(its row,
  column and box hold the others)" said, a value they do not hold makes it false; without, `unknown`.

A reason is read in brackets or parentheses after its placement, after "because" or "since", or after a
colon. What the grid makes false is refuted, on the step that says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from assay.domains.logic import read
from assay.domains.logic.sudoku import BOXES, givens, size_of

Cell = tuple[int, int]

_CELL = r"r\s*(\d{1,2})\s*c\s*(\d{1,2})"
_ONLY = r"(?:only|sole|single|last|one)(?:\s+(?:possible|remaining|available|open))?"
_UNIT = (
    r"(?:(?P<its>its|this|that|the\s+same)\s+(?P<itskind>row|column|col|box|block)\b|"
    r"(?:the\s+)?(?P<kind>row|column|col|box|block)\s*#?\s*(?P<index>\d{1,2}))"
)
_ONLY_PLACE = re.compile(
    rf"\b{_ONLY}\s+(?:place|spot|cell|position|square|location|candidate(?:\s+cell)?)\s+(?:for|of)\s+"
    rf"(?:a\s+|the\s+)?(\d{{1,2}})\s+(?:in|within|of)\s+{_UNIT}",
    re.I,
)
# "hidden single in column 3", "hidden single, row 7": the only place in that unit for the placed value
_HIDDEN_SINGLE = re.compile(rf"\bhidden\s+single\s*(?:,|:|—|–|-)?\s*(?:in\s+)?{_UNIT}", re.I)
_ONLY_VALUE = re.compile(
    rf"\b{_ONLY}\s+(?:value|digit|number|candidate|option)\s+(?:left\s+|remaining\s+)?"
    rf"(?:for|in|at)\s+(?:cell\s+)?{_CELL}",
    re.I,
)
_PEERS_HOLD = re.compile(
    r"\b(?:its|the)\s+row\s*,\s*column\s*,?\s+and\s+box\s+(?:already\s+)?(?:hold|have|contain)\s+(?:all\s+)?"
    r"the\s+others\b",
    re.I,
)
# A reason the checks below read whole: nothing else in the clause, so nothing in it goes unchecked
_LEAD = r"^\s*(?:(?:it|this)\s+is\s+)?(?:(?:as\s+)?the\s+|a\s+)?"
_CHECKED: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_LEAD}{_ONLY_PLACE.pattern}[\s.!]*$", re.I),
    re.compile(rf"{_LEAD}{_ONLY_VALUE.pattern}[\s.!]*$", re.I),
    re.compile(rf"{_LEAD}{_HIDDEN_SINGLE.pattern}[\s.!]*$", re.I),
    # "hidden single: the only place for 3 in row 6"
    re.compile(
        rf"{_LEAD}(?:hidden|naked)\s+single\s*[:—–-]\s*(?:the\s+)?{_ONLY_PLACE.pattern}[\s.!]*$", re.I
    ),
    re.compile(
        rf"{_LEAD}(?:hidden|naked)\s+single\s*[:—–-]\s*(?:the\s+)?{_ONLY_VALUE.pattern}[\s.!]*$", re.I
    ),
    re.compile(rf"^\s*{_PEERS_HOLD.pattern}[\s.!]*$", re.I),
)
# "naked single", "the only candidate left", "the only digit left for that cell": the placed value is the
# only one its row, column and box leave
_NAKED_ALONE = re.compile(
    rf"{_LEAD}(?:naked\s+single|{_ONLY}\s+(?:value|digit|number|candidate|option|possibility)"
    r"(?:\s+(?:left|remaining))?(?:\s+(?:for|in|at)\s+(?:that|this|the|its)\s+(?:cell|square))?)[\s.!]*$",
    re.I,
)
# "only 3 fits", "nothing else fits there", "only 3 is possible here": the same, with the value said
_FITS_BODY = (
    r"(?:(?:only|just)\s+(?:a\s+)?(?P<v>\d{1,2})\s+(?:fits|works|is\s+possible|can\s+go)|"
    # "7 is the only candidate there", "2 is the sole value left for it"
    r"(?P<v2>\d{1,2})\s+is\s+the\s+(?:only|sole|last)\s+(?:candidate|value|digit|number|option|possibility)"
    r"(?:\s+(?:left|remaining))?(?:\s+(?:for\s+(?:it|that\s+cell|this\s+cell)))?|"
    r"(?:nothing|no\s+other\s+(?:value|digit|number))\s+else\s+fits|no\s+other\s+(?:value|digit|number)\s+fits)"
    r"(?:\s+(?:here|there|in\s+(?:it|that\s+cell|this\s+cell)))?"
)
_FITS = re.compile(rf"(?:^|(?<=[:(\[—–-])|\b(?:because|since|as)\s+)\s*{_FITS_BODY}(?=[\s.!)\]]*$)", re.I)
_FITS_WHOLE = re.compile(rf"^\s*{_FITS_BODY}[\s.!]*$", re.I)
# "naked single: row 3, column 4 and box 2 hold all the other digits": the units named must be the cell's
_NAKED_UNITS = re.compile(
    r"^\s*(?:a\s+)?naked\s+single\s*[:—–-]\s*row\s*(?P<r>\d{1,2})\s*,\s*column\s*(?P<c>\d{1,2})\s*,?\s+and\s+"
    r"box\s*(?P<b>\d{1,2})\s+(?:already\s+)?(?:hold|have|contain)\s+(?:all\s+)?the\s+other\s+(?:digits|values|numbers)"
    r"[\s.!]*$",
    re.I,
)
# "Since r1c1 can only be 7, r1c1 = 7", "r3c4 can only be 7": the cell's peers leave it that value alone
_CAN_ONLY = re.compile(
    rf"\b{_CELL}\s+(?:can|could)\s+only\s+(?:be|hold|take)\s+(?:a\s+)?(?P<v>\d{{1,2}})\b", re.I
)
# "hidden single" with no unit named: the placed value has no other place in one of the cell's units
_HIDDEN_ALONE = re.compile(rf"{_LEAD}hidden\s+single[\s.!]*$", re.I)
_CHECKED = (*_CHECKED, _NAKED_ALONE, _FITS_WHOLE, _NAKED_UNITS, _HIDDEN_ALONE)
_PEERS_ALONE = re.compile(rf"^\s*{_PEERS_HOLD.pattern}[\s.!]*$", re.I)


def checked(clause: str) -> bool:
    """True if the clause is a reason that `reason_problems` holds to the grid, and nothing more."""
    return any(pattern.match(clause) for pattern in _CHECKED)


_STEP_LABEL = re.compile(r"^\s*(?:step\s*\d+\s*[:.)]|\d+\s*[.)])\s*", re.I)


Reader = Callable[[Mapping[str, Any], str], Any]  # `sudoku_read.read_clause`


def reason_problems(
    reference: Mapping[str, Any],
    lines: list[str],
    reader: Reader,
    facts: Mapping[int, list[tuple[Cell, int]]],
) -> list[tuple[int, str, str]]:
    """(line, "refuted" or "unknown", why) for each reason the grid so far does not bear out. The grid is
    the givens and the placements the walk took as facts (`facts`, by line: never a case's assumption),
    and, on a line, the facts said before the reason; a reason's placement is its clause's, else its
    host's, else the line's last before it, in any notation the cell reader knows. Only a line that can
    hold a reason (it says "only") is read again."""
    n = size_of(reference)
    grid: dict[Cell, int] = dict(givens(reference))
    found: list[tuple[int, str, str]] = []
    for index, line in enumerate(lines):
        asserted = facts.get(index, [])
        if not line.isascii() or _MAY_REASON.search(line):
            here = dict(grid)
            placed: list[tuple[Cell, int]] = []
            for clause, host in read.clauses(line):
                clause = _STEP_LABEL.sub("", clause)
                own = _placements(reference, clause, reader)
                hosts = _placements(reference, _STEP_LABEL.sub("", host), reader) if host else []
                candidates = own or hosts or placed
                target = candidates[-1] if candidates else None
                # the grid before the placement the reason is given for
                before = {cell: v for cell, v in here.items() if target is None or cell != target[0]}
                for why in _reasons(clause):
                    problem = _judge(why, target, before, n, line)
                    if problem is not None:
                        found.append((index, *problem))
                placed += own
                here.update(
                    (cell, value) for cell, value in own if (cell, value) in asserted and cell not in here
                )
        for (r, c), value in asserted:
            if 0 <= r < n and 0 <= c < n and (r, c) not in grid:
                grid[(r, c)] = value
    return found


def _placements(reference: Mapping[str, Any], text: str, reader: Reader) -> list[tuple[Cell, int]]:
    found = reader(reference, text)
    if not isinstance(found, list):
        return []
    return [(f[1], f[2]) for f in found if isinstance(f, list) and f and f[0] == "var"]


_MAY_REASON = re.compile(r"only|sole|single|last|one|others|fits|else|possible", re.I)


def _reasons(clause: str) -> Iterator[re.Match[str]]:
    # "r6c3 = 3 — sole candidate", "r6c3 = 3. Reason: naked single": a whole reason after a mark
    for mark in re.finditer(r"[:—–(\[]\s*|\breason\s*:\s*", clause, re.I):
        rest = clause[mark.end() :].rstrip(" .!)]")
        for whole in (_NAKED_ALONE, _PEERS_ALONE, _NAKED_UNITS, _HIDDEN_ALONE):
            found = whole.match(rest)
            if found is not None:
                yield found
    yield from _ONLY_PLACE.finditer(clause)
    yield from _ONLY_VALUE.finditer(clause)
    yield from _HIDDEN_SINGLE.finditer(clause)
    yield from _NAKED_ALONE.finditer(clause)
    yield from _PEERS_ALONE.finditer(clause)
    yield from _HIDDEN_ALONE.finditer(clause)
    yield from _FITS.finditer(clause)
    yield from _NAKED_UNITS.finditer(clause)
    yield from _CAN_ONLY.finditer(clause)


def _judge(
    why: re.Match[str], target: tuple[Cell, int] | None, grid: Mapping[Cell, int], n: int, line: str
) -> tuple[str, str] | None:
    said = why.group(0)
    if target is None:
        return ("unknown", f"a reason with no placement to give it for: {said}")
    (r, c), value = target
    if not (0 <= r < n and 0 <= c < n):
        return None  # the cell reader reports a cell outside the grid
    if why.re in (_ONLY_VALUE, _NAKED_ALONE, _PEERS_ALONE, _FITS, _NAKED_UNITS, _CAN_ONLY):
        # "naked single" and "its row, column and box hold the others" say it of the placed cell
        named = why.re in (_ONLY_VALUE, _CAN_ONLY)
        cell = (int(why.group(1)) - 1, int(why.group(2)) - 1) if named else (r, c)
        if cell != (r, c):
            return ("refuted", f"{said}: the step places r{r + 1}c{c + 1}, not that cell")
        if why.re is _FITS:
            said_value = why.group("v") or why.group("v2")
            if said_value and int(said_value) != value:
                return ("refuted", f"{said}: the step places {value}")
        if why.re is _CAN_ONLY and int(why.group("v")) != value:
            return ("refuted", f"{said}: the step places {value}")
        if why.re is _NAKED_UNITS:
            bh, bw = BOXES[n]
            box = (r // bh) * (n // bw) + c // bw + 1
            if (int(why.group("r")), int(why.group("c")), int(why.group("b"))) != (r + 1, c + 1, box):
                return (
                    "refuted",
                    f"{said}: r{r + 1}c{c + 1} is in row {r + 1}, column {c + 1} and box {box}",
                )
        held = {grid[p] for p in _peers((r, c), n) if p in grid}
        if value in held:
            return ("refuted", f"{said}: its row, column or box already holds {value}")
        missing = sorted(set(range(1, n + 1)) - held - {value})
        if not missing:
            return None
        shown = ", ".join(map(str, missing))
        if _PEERS_HOLD.search(line) or why.re is _NAKED_UNITS:
            return ("refuted", f"{said}: by the grid so far its row, column and box do not hold {shown}")
        return ("unknown", f"{said}: by the grid so far {shown} could still go there")
    if why.re is _HIDDEN_ALONE:
        if any(grid.get(p) == value for p in _peers((r, c), n)):
            return ("refuted", f"{said}: r{r + 1}c{c + 1} sees a {value} in its row, column or box")
        if any(not _open_places(unit, (r, c), value, grid, n) for unit in _units((r, c), n)):
            return None
        return ("unknown", f"{said}: by the grid so far {value} could go elsewhere in each of its units")
    if why.re is _ONLY_PLACE and int(why.group(1)) != value:
        return ("refuted", f"{said}: the step places {value}")
    unit = _unit(why, (r, c), n)
    if unit is None:
        return ("unknown", f"a unit that cannot be read: {said}")
    if (r, c) not in unit:
        return ("refuted", f"{said}: r{r + 1}c{c + 1} is not in that {_kind(why)}")
    if any(grid.get(p) == value for p in unit):
        return ("refuted", f"{said}: that {_kind(why)} already holds {value}")
    if any(grid.get(p) == value for p in _peers((r, c), n)):
        return ("refuted", f"{said}: r{r + 1}c{c + 1} sees a {value} in its row, column or box")
    open_places = [
        p
        for p in unit
        if p != (r, c) and p not in grid and not any(grid.get(q) == value for q in _peers(p, n))
    ]
    if open_places:
        shown = ", ".join(f"r{p[0] + 1}c{p[1] + 1}" for p in open_places)
        return ("unknown", f"{said}: by the grid so far {value} could also go in {shown}")
    return None


def _units(cell: Cell, n: int) -> list[list[Cell]]:
    r, c = cell
    bh, bw = BOXES[n]
    top, left = (r // bh) * bh, (c // bw) * bw
    box = [(i, j) for i in range(top, top + bh) for j in range(left, left + bw)]
    return [[(r, j) for j in range(n)], [(i, c) for i in range(n)], box]


def _open_places(unit: list[Cell], cell: Cell, value: int, grid: Mapping[Cell, int], n: int) -> list[Cell]:
    """The other cells of the unit that can still take the value by the grid so far."""
    return [
        p for p in unit if p != cell and p not in grid and not any(grid.get(q) == value for q in _peers(p, n))
    ]


def _kind(why: re.Match[str]) -> str:
    kind = (why.group("kind") or why.group("itskind")).lower()
    return {"col": "column", "block": "box"}.get(kind, kind)


def _unit(why: re.Match[str], cell: Cell, n: int) -> list[Cell] | None:
    kind = _kind(why)
    r, c = cell
    bh, bw = BOXES[n]
    if why.group("its"):
        k = {"row": r, "column": c, "box": (r // bh) * (n // bw) + c // bw}[kind]
    else:
        k = int(why.group("index")) - 1
        if not 0 <= k < n:
            return None
    if kind == "row":
        return [(k, j) for j in range(n)]
    if kind == "column":
        return [(i, k) for i in range(n)]
    top, left = (k // (n // bw)) * bh, (k % (n // bw)) * bw
    return [(i, j) for i in range(top, top + bh) for j in range(left, left + bw)]


def _peers(cell: Cell, n: int) -> set[Cell]:
    r, c = cell
    bh, bw = BOXES[n]
    top, left = (r // bh) * bh, (c // bw) * bw
    box = {(i, j) for i in range(top, top + bh) for j in range(left, left + bw)}
    return ({(r, j) for j in range(n)} | {(i, c) for i in range(n)} | box) - {cell}
