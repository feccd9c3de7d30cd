"""Block-style YAML answers (```yaml fences) read into the values `structured.py` renders, without a YAML
library: a YAML loader resolves anchors, tags and merge keys, and takes duplicate keys silently.

    house 1:                 knights:            grid:
      color: red               - Ava               - [5, 3, 4]
      pet: dog               knaves: [Ben, Cal]    - [6, 7, 2]

Only the plain subset models write is read: mappings (`key: value`, `key:` with an indented child),
sequences (`- value`, `- key: value` with the item's further keys under it), and scalars (a plain word
or phrase, a quoted string without escapes, a number, true/false/null, or a one-line flow value `[...]`
or `{...}`, read by `structured.parse`). A comment (it may take a value back), a tab, an anchor, an
alias, a tag, a block scalar, a duplicate key or any line out of place and the block is not read here:
its lines stay as they are for the kind's own readers, which is where they were read before this
module, so reading less here never makes an answer pass that did not.
"""

from __future__ import annotations

import re
from typing import Any

from assay.domains.logic import structured
from assay.domains.logic.structured import Pairs, Unreadable, parse

MAX_LINES = 200

_YAML_FENCE = re.compile(r"^\s*(?P<fence>```|~~~)\s*(?:yaml|yml)\s*$", re.I)
_COMMENT = re.compile(r"(?:^|\s)#")
_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_][\w .#-]*?|\"[^\"\\]*\"|'[^'\\]*')\s*:(?:\s+(?P<value>.*?))?\s*$")
_ITEM = re.compile(r"^-(?:\s+(?P<rest>.*?))?\s*$")
_NUMBER = re.compile(r"^-?\d+$")
_WORDS = {"true": True, "false": False, "null": None, "~": None}
# what a plain scalar may not hold or start with: YAML syntax this reader does not follow
_SPECIAL_START = re.compile(r"^[&*!|>%@`\"'{\[]")
_SPECIAL_INSIDE = re.compile(r"\s#|:\s|:$|\t")


class _NotRead(Exception):
    """Raised inside this module only: the block is not YAML this reader reads with certainty."""


def rewrite(kind: str, lines: list[str]) -> list[str]:
    """The lines with each ```yaml block read with certainty replaced by the lines it renders to (its
    fences dropped, as markup); any other block stays as written."""
    out: list[str] = []
    i = 0
    for first, last, value in fenced_blocks(lines):
        rendered = structured.render(kind, value)
        if rendered is None:
            continue
        out += lines[i : first - 1]
        out += rendered
        i = last + 2
    return out + lines[i:]


def fenced_blocks(lines: list[str]) -> list[tuple[int, int, Any]]:
    """(first, last, value) of every ```yaml block read with certainty: first and last are its content's
    line indexes (the fences excluded), value is made of `structured.Pairs`, lists and scalars."""
    found: list[tuple[int, int, Any]] = []
    i = 0
    while i < len(lines):
        opened = _YAML_FENCE.match(lines[i])
        if opened is None:
            i += 1
            continue
        fence = opened.group("fence")
        end = next(
            (j for j in range(i + 1, min(len(lines), i + 2 + MAX_LINES)) if lines[j].strip() == fence), None
        )
        if end is None:
            return found
        if end > i + 1:
            try:
                value = _read(lines[i + 1 : end])
            except _NotRead:
                value = None
            if value is not None:
                found.append((i + 1, end - 1, value))
        i = end + 1
    return found


def _read(block: list[str]) -> Any:
    rows: list[tuple[int, str]] = []
    for line in block:
        if not line.strip() or line.strip() in ("---", "..."):
            continue
        if "\t" in line:
            raise _NotRead("a tab")
        text = line.lstrip(" ")
        if _COMMENT.search(text):
            # "Ava: knight  # no, a knave": a comment may take the value back; the kind's readers read it
            raise _NotRead("a comment")
        rows.append((len(line) - len(text), text.rstrip()))
    if not rows or rows[0][0] != 0:
        return None
    value, used = _node(rows, 0, 0)
    if used != len(rows):
        raise _NotRead("a line out of place")
    return value


def _node(rows: list[tuple[int, str]], at: int, indent: int) -> tuple[Any, int]:
    """The mapping or sequence whose lines start at rows[at], each at exactly indent."""
    if _ITEM.match(rows[at][1]):
        return _sequence(rows, at, indent)
    return _mapping(rows, at, indent)


def _mapping(rows: list[tuple[int, str]], at: int, indent: int, first: str | None = None) -> tuple[Any, int]:
    items: list[tuple[str, Any]] = []
    while at < len(rows) and (rows[at][0] == indent or first is not None):
        text = first if first is not None else rows[at][1]
        first = None
        m = _KEY.match(text)
        if m is None:
            raise _NotRead("a line that is not a key")
        key = m.group("key").strip("\"'").strip()
        if any(key.lower() == seen.lower() for seen, _ in items):
            raise _NotRead(f"the key {key!r} twice")
        at += 1
        if m.group("value"):
            items.append((key, _scalar(m.group("value"))))
            continue
        if at < len(rows) and rows[at][0] > indent:
            child, at = _node(rows, at, rows[at][0])
        elif at < len(rows) and rows[at][0] == indent and _ITEM.match(rows[at][1]):
            child, at = _sequence(rows, at, indent)  # "knights:\n- Ava": a list at its key's indent
        else:
            raise _NotRead(f"the key {key!r} without a value")
        items.append((key, child))
    if at < len(rows) and rows[at][0] > indent:
        raise _NotRead("a line indented under a value")
    return Pairs(tuple(items)), at


def _sequence(rows: list[tuple[int, str]], at: int, indent: int) -> tuple[list[Any], int]:
    out: list[Any] = []
    while at < len(rows) and rows[at][0] == indent:
        m = _ITEM.match(rows[at][1])
        if m is None:
            break
        rest = m.group("rest") or ""
        if not rest:
            raise _NotRead("an empty item")
        inner = indent + len(rows[at][1]) - len(rows[at][1][1:].lstrip(" "))
        if _KEY.match(rest) and not _SPECIAL_START.match(rest):
            # "- house: 1" and its further keys indented under the first one
            value, at = _mapping(rows, at, inner, first=rest)
            out.append(value)
            continue
        out.append(_scalar(rest))
        at += 1
    if at < len(rows) and rows[at][0] > indent:
        raise _NotRead("a line indented under an item")
    return out, at


def _scalar(text: str) -> Any:
    text = text.strip()
    if text[:1] in "[{":
        try:
            value, used = parse(text)
        except Unreadable as exc:
            raise _NotRead("a flow value that cannot be read") from exc
        if used != len(text):
            raise _NotRead("text after a flow value")
        return value
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        inner = text[1:-1]
        if "\\" in inner or text[0] in inner:
            raise _NotRead("a quoted string with escapes")
        return inner
    if _SPECIAL_START.match(text) or _SPECIAL_INSIDE.search(text):
        raise _NotRead(f"YAML syntax this reader does not follow: {text[:30]!r}")
    if text.lower() in _WORDS:
        return _WORDS[text.lower()]
    if _NUMBER.match(text):
        return int(text)
    return text
