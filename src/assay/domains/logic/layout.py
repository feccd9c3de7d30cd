"""Answer layouts rewritten, before the walk, into the line forms the kind readers know.

One place turns the many ways models lay out an answer into the few forms each kind reads, so the walk,
the grid readers and the answer readers stay one reader per concept:

- data blocks (JSON, Python literals, block-style YAML) into "name: value" lines (`structured.py`,
  `yaml_blocks.py`);
- LaTeX arrays, tabulars and matrices into table rows ("| 5 | 3 | 4 |");
- zebra rows labelled by ordinal ("The first house: ...") or by a list number ("1. red, dog, tea", only
  in a list numbered 1..n whose every item is a house's values) into "House k: ..." lines;
- nonogram rows in the response's own legend, or table rows with blank cells, into # and . rows;
- knights-and-knaves yes/no tables (`| Person | Knight? |`) into one claim per person (`roles_table.py`).

It must never invent content: a rewrite only re-spells what a line says, and anything it cannot
re-spell with certainty is reported as a problem (an `unknown` step at that line) or left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assay.domains.logic import nonogram_read, read, roles_table, structured, yaml_blocks, zebra_read


@dataclass(frozen=True)
class Layout:
    lines: list[str]
    problems: dict[int, str] = field(default_factory=dict)  # line index → why it cannot be read


def normalise(reference: Mapping[str, Any], lines: list[str]) -> Layout:
    kind = str(reference.get("kind"))
    lines = _answer_tags(lines)
    lines = yaml_blocks.rewrite(kind, lines)
    lines, problems = structured.rewrite(kind, lines)
    lines, more = _latex_tables(lines, problems)
    problems = more
    if kind in ("sudoku", "nonogram"):
        lines, more = _zero_based(lines)
        problems = {**more, **problems}
    if kind == "knights":
        lines = roles_table.rewrite(reference, lines)
    elif kind == "zebra":
        lines = _zebra_rows(reference, lines)
    elif kind == "nonogram":
        lines, more = nonogram_read.canonical_rows(reference, lines)
        problems = {**more, **problems}
    return Layout(lines, problems)


# --- answer tags ------------------------------------------------------------------------------------

_ANSWER_TAG = re.compile(r"\s*(</?\s*(?:final[_ ]?)?answer\s*>)\s*", re.I)


def _answer_tags(lines: list[str]) -> list[str]:
    """'<answer>Ava: knight</answer>' as three lines: the tags are markup around the answer, each a line
    of its own, as when a model writes them so (an opening tag is an answer marker, `read.ANSWER`)."""
    if not any("answer" in line.lower() and "<" in line for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        parts = (
            [part for part in _ANSWER_TAG.split(line) if part.strip()] if _ANSWER_TAG.search(line) else [line]
        )
        out += parts
    return out


# --- LaTeX tables -----------------------------------------------------------------------------------

_ENV = r"(?:array|tabular\*?|matrix|[bBpvV]matrix|smallmatrix)"
_BEGIN = re.compile(rf"\\begin\{{{_ENV}\}}(?:\s*\{{[^{{}}]*\}})?")
_END = re.compile(rf"\\end\{{{_ENV}\}}")
_RULES = re.compile(r"\\(?:hline|toprule|midrule|bottomrule|cline\{[^{}]*\}|hdashline)")
_SYMBOLS = {
    r"\blacksquare": "■", r"\square": "□", r"\Box": "□", r"\#": "#", r"\cdot": "·", r"\bullet": "●",
    r"\circ": "○",
}  # fmt: skip
_DISPLAY = re.compile(r"^\s*(?:\$\$|\\\[|\$)?\s*|\s*(?:\$\$|\\\]|\$)?\s*$")


def _latex_tables(lines: list[str], problems: dict[int, str]) -> tuple[list[str], dict[int, str]]:
    """Rows of LaTeX tables as '| a | b |' lines; the environment's own lines dropped (problems keep
    pointing at the same text)."""
    if not any("\\begin" in line for line in lines):
        return lines, problems
    out: list[str] = []
    moved: dict[int, str] = {}
    inside = False
    for i, line in enumerate(lines):
        if i in problems:
            moved[len(out)] = problems[i]
        if not inside and not _BEGIN.search(line):
            out.append(line)
            continue
        text = line
        begin = _BEGIN.search(text)
        if begin:
            before = _DISPLAY.sub("", text[: begin.start()])
            if before.strip():
                out.append(before)
            text = text[begin.end() :]
            inside = True
        end = _END.search(text)
        after = ""
        if end:
            text, after = text[: end.start()], _DISPLAY.sub("", text[end.end() :])
            inside = False
        for name, symbol in _SYMBOLS.items():
            text = text.replace(name + "{}", symbol).replace(name, symbol)
        for row in _RULES.sub(" ", text).split("\\\\"):
            if not row.strip():
                continue
            cells = [cell.strip() for cell in row.split("&")]
            out.append("| " + " | ".join(cells) + " |" if len(cells) > 1 else row.strip())
        if after.strip():
            out.append(after)
    return out, moved


# --- zero-based coordinates -------------------------------------------------------------------------

_ZERO_BASED = re.compile(
    r"\(?\s*(?<![\w-])(?:0|zero)[-\s]?(?:indexed|based)(?:\s+(?:coordinates|indices|indexing|rows?|columns?))?"
    r"(?![\w-])\s*\)?",
    re.I,
)
_INDEXED = re.compile(
    r"(?<![\w])(?:grid|board|g|b|cells?|puzzle|sudoku|solution|s)\s*\[\s*(\d{1,2})\s*\]\s*\[\s*(\d{1,2})\s*\]",
    re.I,
)
_PAIR = re.compile(r"[(\[]\s*(\d{1,2})\s*,\s*(\d{1,2})\s*[)\]]")


def _zero_based(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """'grid[0][2] = 4 (0-indexed)' as 'r1c3 = 4'. Without a zero-based marker on its own line, an index
    pair grid[i][j] is unreadable (its base is not certain) and, once the response counts from 0
    anywhere, so is every (i, j) or [i, j] pair on a line that does not say so itself."""
    anywhere = any(_ZERO_BASED.search(line) for line in lines)
    out = list(lines)
    problems: dict[int, str] = {}
    for i, line in enumerate(lines):
        pairs = _INDEXED.search(line) or (anywhere and _PAIR.search(line))
        if not pairs:
            continue
        if not _ZERO_BASED.search(line):
            if anywhere:
                problems[i] = f"coordinates whose base (0 or 1) is not certain: {line.strip()[:60]}"
            continue

        def one_based(m: re.Match[str]) -> str:
            return f"r{int(m.group(1)) + 1}c{int(m.group(2)) + 1}"

        out[i] = _ZERO_BASED.sub(" ", _PAIR.sub(one_based, _INDEXED.sub(one_based, line)))
    return out, problems


# --- zebra rows -------------------------------------------------------------------------------------

_ORDINAL_HOUSE = re.compile(
    r"^(?P<lead>\W*)(?:the\s+)?(?P<k>first|second|third|fourth|fifth|sixth|seventh|eighth|\d(?:st|nd|rd|th)|"
    r"leftmost|rightmost|middle|last)\s+house\s*(?=[:\-–—=(])|"
    r"^(?P<lead2>\W*)house\s+(?P<w>one|two|three|four|five|six|seven|eight)\s*(?=[:\-–—=(])",
    re.I,
)
_POSITION = re.compile(
    r"^(?P<lead>\W*)(?:position|pos\.?|spot|slot|place)\s*#?\s*(?P<k>\d)\s*(?=[:\-–—=(])", re.I
)
# "**House 2**" or "House 2:" alone on its line, its values on the bulleted or indented lines under it
_SECTION = re.compile(r"^\W*house\s*#?\s*(\d|one|two|three|four|five|six|seven|eight)\s*[:\-–—.*#]*$", re.I)
_NUMBERED = re.compile(r"^\s*(?:[-*+]\s*)?(?:\*\*)?\(?(\d{1,2})[.):](?:\*\*)?\s+(.+)$")


def _zebra_rows(reference: Mapping[str, Any], lines: list[str]) -> list[str]:
    n = int(reference.get("houses", 0) or 0)
    out = list(lines)
    for i, line in enumerate(lines):
        m = _ORDINAL_HOUSE.match(line)
        if m:
            house = zebra_read.house_number(n, m.group("k") or m.group("w"))
            if house is not None:
                out[i] = f"{m.group('lead') or m.group('lead2') or ''}House {house}" + line[m.end() :]
        m = _POSITION.match(line)
        if m:
            out[i] = f"{m.group('lead')}House {m.group('k')}" + line[m.end() :]
    _sections(reference, n, out)
    _by_attribute(reference, n, out)
    # a list numbered 1..n whose every item is one house's values: the list number is the house
    i = 0
    while i < len(out):
        run: list[re.Match[str]] = []
        while i + len(run) < len(out) and (m := _NUMBERED.match(out[i + len(run)])):
            run.append(m)
        if len(run) == n and [int(m.group(1)) for m in run] == list(range(1, n + 1)):
            rewritten = [f"House {m.group(1)}: {m.group(2)}" for m in run]
            if all(zebra_read.values_only(reference, line) for line in rewritten):
                out[i : i + n] = rewritten
        i += max(len(run), 1)
    return out


def _sections(reference: Mapping[str, Any], n: int, out: list[str]) -> None:
    """A house heading and the item lines under it ("- Color: red") as one "House k: ..." line; the
    item lines become blank. Only when every item is one value of the puzzle; else nothing changes."""
    attributes = reference.get("attributes")
    limit = (len(attributes) if isinstance(attributes, dict) else 0) + 2
    for i, line in enumerate(out):
        head = _SECTION.match(read.clean_markup(line).strip())
        if head is None:
            continue
        house = zebra_read.house_number(n, head.group(1))
        items: list[int] = []
        for j in range(i + 1, min(len(out), i + 1 + limit)):
            text = read.clean(out[j])
            if not text or _SECTION.match(read.clean_markup(out[j]).strip()):
                break
            items.append(j)
        if house is None or not items:
            continue
        merged = f"House {house}: " + "; ".join(read.clean(out[j]).rstrip(" .;,") for j in items)
        if zebra_read.values_only(reference, merged):
            out[i] = merged
            for j in items:
                out[j] = ""


_ORDER = (
    r"\(\s*(?:(?:from\s+)?houses?\s*1\s*(?:to|through|-|–|—|→|->)\s*(?:house\s*)?{n}|(?:from\s+)?left\s+to\s+right|"
    r"in\s+house\s+order|by\s+house(?:\s+number)?|house\s+1\s+first)\s*\)"
)


def _by_attribute(reference: Mapping[str, Any], n: int, out: list[str]) -> None:
    """'Color (left to right): red, green, blue' as 'red is in house 1, green is in house 2, ...'.

    A list is read by position with an explicit order (houses 1 to n, left to right), or without one
    only as a whole answer laid out by attribute: consecutive lines, one per attribute of the puzzle and
    every attribute once, each listing all n values once. A single list without an order, or a block
    whose every list is in the order the puzzle lists its values (a restatement of the puzzle rather than
    an answer), is not read by position."""
    attributes = reference.get("attributes")
    if not isinstance(attributes, dict):
        return
    order = _ORDER.format(n=n)
    found: list[tuple[int, str, list[str], bool]] = []  # (line, attribute, values in order, marked)
    for i, line in enumerate(out):
        text = read.clean(line)
        m = re.match(
            rf"^(?P<attr>[A-Za-z][\w ]*?)\s*(?P<m1>{order})?\s*[:=]\s*(?P<vals>[^()]+?)\s*"
            rf"(?P<m2>{order})?[\s.]*$",
            text,
            re.I,
        )
        if m is None:
            continue
        name = m.group("attr").strip().lower()
        attribute = next((a for a in attributes if name in (a.lower(), a.lower() + "s")), None)
        if attribute is None:
            continue
        items = [v.strip() for v in re.split(r"\s*(?:[,;]|→|->)\s*", m.group("vals")) if v.strip()]
        known = {str(v).lower(): str(v) for v in attributes[attribute]}
        if len(items) != n or any(v.lower() not in known for v in items):
            continue
        values = [known[v.lower()] for v in items]
        found.append((i, attribute, values, bool(m.group("m1") or m.group("m2"))))
    unmarked = [f for f in found if not f[3]]
    whole = (
        (
            len(unmarked) == len(attributes)
            and {f[1] for f in unmarked} == set(attributes)
            and all(len(set(f[2])) == n for f in unmarked)
            and [f[0] for f in unmarked] == list(range(unmarked[0][0], unmarked[0][0] + len(unmarked)))
            and not all(f[2] == [str(v) for v in attributes[f[1]]] for f in unmarked)
        )
        if unmarked
        else False
    )
    for i, attribute, values, marked in found:
        if marked or whole:
            out[i] = ", ".join(f"the {attribute} {v} is in house {k}" for k, v in enumerate(values, 1))
