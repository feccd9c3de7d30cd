"""Telling an indented line of prose after code from a line of the code, where no fence marks the
code's end: after bare code ("This runs in O(n).", "  - Time: O(1)" under a blank line) and in a fenced
block a reply never closed (the model forgot the fence, or was cut off). Pure text work, linear on
hostile input: nothing here parses or runs the code.

Indentation alone cannot end such code: a function's body is indented, and so is a docstring's
paragraph after a blank line or the items of a list literal. So a line ends the code only when all of
these hold; anything less certain stays code, where a line of prose fails when it runs (refuted, never
a wrong program passed):
- a blank line comes before it (prose starts a paragraph; a body does not leave a blank line and go on
  with a sentence);
- no bracket and no triple-quoted string is open there (CodeLines follows both over the lines before);
- with strings and comments taken out, it holds two names side by side that are not keywords
  ("This doubles the input", "the sum"), which Python never writes, or it starts with a markdown list
  marker or bold mark followed by a word (`- Time: O(1)`, `1. It sorts`, `**Note:**`), which no
  statement of Python starts with.
"""

from __future__ import annotations

import keyword
import re

_KEYWORDS = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | {"print", "exec"}
_TOKEN = re.compile(r"[A-Za-z_]\w*|\d[\w.]*|\S")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+[A-Za-z][\w'-]*(?::|,|\s+[A-Za-z(])|^\*\*[A-Za-z]")
_STRING = re.compile(r"[rRbBuUfF]{0,2}('[^'\\]*(?:\\.[^'\\]*)*'|\"[^\"\\]*(?:\\.[^\"\\]*)*\")")


class CodeLines:
    """Follows code line by line: whether a bracket or a triple-quoted string is open after the lines
    fed so far (then the next line continues the statement, whatever it reads like)."""

    def __init__(self) -> None:
        self._depth = 0
        self._triple = ""  # the quotes of the open triple-quoted string, "" outside one

    @property
    def inside(self) -> bool:
        return self._depth > 0 or bool(self._triple)

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            if self._triple:
                end = line.find(self._triple, i)
                if end < 0:
                    return
                i, self._triple = end + 3, ""
                continue
            char = line[i]
            if char == "#":
                return
            if line.startswith(('"""', "'''"), i):
                self._triple = line[i : i + 3]
                i += 3
            elif char in "'\"":
                end = _string_end(line, i)
                if end < 0:
                    return  # an unclosed one-line string: a syntax error, left to the run
                i = end
            else:
                if char in "([{":
                    self._depth += 1
                elif char in ")]}":
                    self._depth = max(0, self._depth - 1)
                i += 1


def _string_end(line: str, start: int) -> int:
    """The index after the one-line string that opens at line[start], or -1 when it is not closed."""
    quote, i = line[start], start + 1
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == quote:
            return i + 1
        i += 1
    return -1


def indented_prose(line: str) -> bool:
    """Whether an indented line reads as prose, never as Python (see the module's rules; the caller
    checks the blank line before it and that no bracket or string is open)."""
    text = line.strip()
    if not text or text.startswith("#"):
        return False
    if _LIST_ITEM.match(text):
        return True
    code = _STRING.sub(" '' ", text).split("#", 1)[0]
    previous = ""
    for token in _TOKEN.findall(code):
        name = token[0].isalpha() or token[0] == "_"
        if name and previous and token not in _KEYWORDS and previous not in _KEYWORDS:
            return True
        previous = token if name else ""
    return False
