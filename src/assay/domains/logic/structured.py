"""Structured answers (JSON, Python dict/list literals) read without evaluating anything.

Models often answer in a data format: ```json {"Ava": "knave"}```, `{'p': True, 'q': False}`,
`{"House 1": {"color": "red"}}` or `[[5, 3, 4], ...]`. This module finds such a block, parses it with
its own small grammar (strings, numbers, true/false/null in either spelling, objects and arrays:
nothing is evaluated, `json.loads` would accept duplicate keys silently) and renders it as the plain
lines the kind readers already know ("Ava: knave", "House 1: color: red; pet: dog", "5 3 4 ...").

It must never turn an ambiguous block into a reading: a duplicate key, an escape sequence, a block that
starts like data but does not parse, or a shape the kind has no rendering for is a problem (the block's
lines become an `unknown` step), never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from assay.domains.logic import read

MAX_BLOCK_LINES = 200
MAX_DEPTH = 6

_TOKEN = re.compile(
    r"\s*(?:(?P<punct>[{}\[\]:,])|\"(?P<dq>[^\"\\\n]*)\"|'(?P<sq>[^'\\\n]*)'|"
    r"(?P<num>-?\d+(?:\.\d+)?)(?![\w.])|(?P<word>true|false|null|True|False|None)(?![\w-])|"
    # a bare name, as YAML flow and JavaScript write keys: {p: true}, {House 1: {color: red}}
    r"(?P<bare>[A-Za-z_][\w-]*(?:[ \t]+[\w-]+)*))"
)
_WORDS = {"true": True, "True": True, "false": False, "False": False, "null": None, "None": None}


class Unreadable(Exception):
    """The block is not data this grammar reads with certainty (raised by `parse`)."""


@dataclass(frozen=True)
class Pairs:
    """An object as its key/value pairs in order (keys are unique: duplicates raise while parsing)."""

    items: tuple[tuple[str, Any], ...]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def token(self) -> tuple[str, Any]:
        m = _TOKEN.match(self.text, self.pos)
        if m is None:
            raise Unreadable(f"unexpected text: {self.text[self.pos : self.pos + 30].strip()!r}")
        self.pos = m.end()
        if m.group("punct"):
            return "punct", m.group("punct")
        if m.group("dq") is not None:
            return "str", m.group("dq")
        if m.group("sq") is not None:
            return "str", m.group("sq")
        if m.group("num") is not None:
            number = m.group("num")
            return "num", float(number) if "." in number else int(number)
        if m.group("word") is not None:
            return "lit", _WORDS[m.group("word")]
        return "str", m.group("bare")

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise Unreadable("nested too deeply")
        kind, tok = self.token()
        if kind != "punct":
            return tok
        if tok == "{":
            return self._object(depth)
        if tok == "[":
            return self._array(depth)
        raise Unreadable(f"unexpected {tok!r}")

    def _object(self, depth: int) -> Pairs:
        items: list[tuple[str, Any]] = []
        seen: set[str] = set()
        while True:
            kind, tok = self.token()
            if kind == "punct" and tok == "}":
                return Pairs(tuple(items))
            if kind not in ("str", "num"):
                raise Unreadable("an object key that is not a string")
            key = str(tok)
            if key.strip().lower() in seen:
                # {"Ava": "knight", "Ava": "knave"}: which one counts is not certain
                raise Unreadable(f"the key {key!r} is given twice")
            seen.add(key.strip().lower())
            if self.token() != ("punct", ":"):
                raise Unreadable("a key without ':'")
            items.append((key, self.value(depth + 1)))
            kind, tok = self.token()
            if kind == "punct" and tok == "}":
                return Pairs(tuple(items))
            if (kind, tok) != ("punct", ","):
                raise Unreadable("an object entry not followed by ',' or '}'")

    def _array(self, depth: int) -> list[Any]:
        items: list[Any] = []
        while True:
            save = self.pos
            kind, tok = self.token()
            if kind == "punct" and tok == "]":
                return items
            self.pos = save
            items.append(self.value(depth + 1))
            kind, tok = self.token()
            if kind == "punct" and tok == "]":
                return items
            if (kind, tok) != ("punct", ","):
                raise Unreadable("an array item not followed by ',' or ']'")


def parse(text: str) -> tuple[Any, int]:
    """The value at the start of text and where it ends; Unreadable if it is not data."""
    parser = _Parser(text)
    value = parser.value(0)
    return value, parser.pos


# --- finding blocks ---------------------------------------------------------------------------------

# Data opens a line (after an optional answer marker or "solution =") with "{", or with "[" followed
# by another bracket or a quote: "[1,3] = 4" in a sudoku step is a cell, not data.
_OPEN = re.compile(r"\{|\[\s*[\[{\"']")
_BARE = re.compile(r"\[\s*$")
_PREFIX = re.compile(r"^[\w\s]{0,40}[:=]\s*$|^\s*$")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)\s*(?:json|python|py|javascript|js|yaml|text)?\s*$", re.I)


def _closing(text: str, start: int) -> int | None:
    """Index just past the bracket closing the one at start (strings skipped), or None."""
    depth = 0
    quote = ""
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\n":
                return None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


@dataclass(frozen=True)
class Block:
    first: int  # line index of the opening bracket
    last: int  # line index of the closing bracket
    prefix: str  # text before the bracket on the first line ("Answer:", "solution =")
    value: Any  # the parsed value, or None with `problem` set
    problem: str | None


def blocks(lines: list[str]) -> list[Block]:
    """Every data block in the response, in order."""
    out: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _OPEN.search(line)
        if m is None and line.rstrip().endswith("[") and i + 1 < len(lines):
            # "[" alone, its first item on the next line: data if that item is one ("[\n  {...},")
            following = lines[i + 1].lstrip()
            m = _OPEN.search(line) if not following or following[0] not in "[{\"'" else _BARE.search(line)
        prefix = line[: m.start()] if m else ""
        if m is not None and _LATEX_COMMAND.search(prefix):
            i += 1  # "Answer: $\\boxed{...}$": the brace holds the command's argument, not data
            continue
        if m is None or not (_PREFIX.match(read.clean(prefix)) or read.ANSWER.match(read.clean(prefix))):
            i += 1
            continue
        window = "\n".join(lines[i : i + MAX_BLOCK_LINES])
        start = m.start()
        end = _closing(window, start)
        if end is None:
            out.append(Block(i, i, prefix, None, "a data block whose brackets do not close"))
            i += 1
            continue
        last = i + window[:end].count("\n")
        after = window[end:].split("\n", 1)[0]
        try:
            if after.strip(" \t,;.`"):
                raise Unreadable(f"text after the data on its line: {after.strip()[:30]!r}")
            value, used = parse(window[start:end])
            if used != end - start:
                raise Unreadable("text after the data")
            out.append(Block(i, last, prefix, value, None))
        except Unreadable as exc:
            if window[start] == "{" and ":" not in window[start:end]:
                i += 1  # "{2, 4} are the candidates": a set in the reasoning, not data
                continue
            out.append(Block(i, last, prefix, None, f"a data block that cannot be read: {exc}"))
        i = last + 1
    return out


# --- rendering --------------------------------------------------------------------------------------

_WRAPPERS = {
    "answer", "solution", "final_answer", "finalanswer", "final answer", "result", "assignment",
    "roles", "values", "grid", "board", "houses", "arrangement", "output", "model",
}  # fmt: skip
_HOUSE_KEY = re.compile(r"^\s*(?:house\s*#?\s*|h)?(\d{1,2})\s*$", re.I)
_HOUSE_FIELD = {"house", "house_number", "housenumber", "house number", "position", "pos", "number"}
_NAME_FIELD = {"name", "person", "who", "atom", "variable", "var"}


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    if isinstance(value, str):
        return value.strip() if value.strip() and "\n" not in value else None
    return None


def _unwrap(value: Any) -> Any:
    """{"answer": X} and {"solution": {"grid": X}} as X: a wrapper key names no puzzle entity."""
    while isinstance(value, Pairs) and len(value.items) == 1 and value.items[0][0].lower() in _WRAPPERS:
        value = value.items[0][1]
    return value


def render(kind: str, value: Any) -> list[str] | None:
    """The block as lines the kind reads, or None if its shape is not one this module knows."""
    value = _unwrap(value)
    if kind in ("sudoku", "nonogram"):
        return _grid(value)
    if kind == "zebra":
        return _houses(value)
    return _pairs(value)


def _grid(value: Any) -> list[str] | None:
    if not isinstance(value, list) or not value:
        return None
    rows: list[str] = []
    for row in value:
        if isinstance(row, str):
            rows.append(row)
        elif isinstance(row, list) and row:
            cells = [("1" if c else "0") if isinstance(c, bool) else _scalar(c) for c in row]
            if any(c is None or len(c) != 1 for c in cells):
                return None
            rows.append(" ".join(c for c in cells if c is not None))
        else:
            return None
    return rows


def _pairs(value: Any) -> list[str] | None:
    """Knights and propositional logic: name → value, role → names, or a list of {name, value}."""
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            if not isinstance(item, Pairs):
                return None
            fields = {k.strip().lower(): v for k, v in item.items}
            names = [k for k in fields if k in _NAME_FIELD]
            if len(names) != 1 or len(fields) != 2:
                return None
            other = next(k for k in fields if k not in _NAME_FIELD)
            name, got = _scalar(fields[names[0]]), _scalar(fields[other])
            if name is None or got is None:
                return None
            out.append(f"{name}: {got}")
        return out or None
    if not isinstance(value, Pairs) or not value.items:
        return None
    lines = []
    for key, item in value.items:
        if isinstance(item, list):
            found = [_scalar(v) for v in item]
            names = [n for n in found if n is not None]
            if len(names) != len(found):
                return None
            # {"knights": ["Ben"], "knaves": []}: an empty list names nobody
            lines.append(f"{key}: {', '.join(names)}" if names else "")
            continue
        got = _scalar(item)
        if got is None:
            return None
        lines.append(f"{key}: {got}")
    return [line for line in lines if line]


def _house_line(house: str, item: Any) -> str | None:
    if not isinstance(item, Pairs):
        return None
    parts = []
    for key, value in item.items:
        got = _scalar(value)
        if got is None:
            return None
        parts.append(f"{key}: {got}")
    return f"House {house}: " + "; ".join(parts)


def _house_values(house: str, item: list[Any]) -> str | None:
    """["blue", "dog"] as the plain line "House 1: blue, dog" (values of any attribute, in any order, as
    the answer reader takes them: two colours for one house are two claims it refuses)."""
    found = [_scalar(v) if isinstance(v, str) else None for v in item]
    names = [n for n in found if n is not None]
    if not names or len(names) != len(found) or any("," in n or ":" in n or ";" in n for n in names):
        return None
    return f"House {house}: " + ", ".join(names)


def _houses(value: Any) -> list[str] | None:
    """Zebra: {"House 1": {attribute: value}}, {"House 1": [value, ...]}, [{"house": 1, attribute:
    value}], or value → house."""
    out: list[str] = []
    if isinstance(value, Pairs) and value.items and all(isinstance(v, list) for _, v in value.items):
        for key, item in value.items:
            m = _HOUSE_KEY.match(key)
            line = _house_values(m.group(1), item) if m else None
            if line is None:
                return None
            out.append(line)
        return out
    if isinstance(value, Pairs) and all(isinstance(v, Pairs) for _, v in value.items):
        for key, item in value.items:
            m = _HOUSE_KEY.match(key)
            if m is None:
                return None
            line = _house_line(m.group(1), item)
            if line is None:
                return None
            out.append(line)
        return out or None
    if isinstance(value, list):
        for item in value:
            if not isinstance(item, Pairs):
                return None
            fields = [(k, v) for k, v in item.items if k.strip().lower() not in _HOUSE_FIELD]
            houses = [v for k, v in item.items if k.strip().lower() in _HOUSE_FIELD]
            # a list without house numbers is not read by position: its order is not certainly the houses'
            if len(houses) != 1 or not isinstance(houses[0], (int, str)) or isinstance(houses[0], bool):
                return None
            m = _HOUSE_KEY.match(str(houses[0]))
            line = _house_line(m.group(1), Pairs(tuple(fields))) if m else None
            if line is None:
                return None
            out.append(line)
        return out or None
    if isinstance(value, Pairs):  # {"red": 1, "dog": 3}: each value's house
        for key, item in value.items:
            got = _scalar(item)
            if got is None or isinstance(item, bool):
                return None
            out.append(f"{key}: {got}")
        return out or None
    return None


def rewrite(kind: str, lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """The lines with each data block replaced by the lines it renders to, and the problems found (by
    new line index): a block that cannot be read keeps its lines and makes its first line unknown."""
    found = blocks(lines)
    if not found:
        return lines, {}
    out: list[str] = []
    problems: dict[int, str] = {}
    i = 0
    for block in found:
        out += lines[i : block.first]
        i = block.last + 1
        rendered = None if block.problem else render(kind, block.value)
        if rendered is None:
            problems[len(out)] = block.problem or "a data block whose shape is not an answer this kind reads"
            out += lines[block.first : block.last + 1]
            continue
        # the fence around the block is markup: "```" left alone would be text after the answer
        if out and _FENCE.match(out[-1]):
            out.pop()
        if i < len(lines) and _FENCE.match(lines[i]):
            i += 1
        if read.clean(block.prefix):
            out.append(block.prefix.rstrip())
        out += rendered
    out += lines[i:]
    return out, problems
