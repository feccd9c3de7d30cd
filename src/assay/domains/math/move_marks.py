"""A move marked after an equation in parentheses: `2x = 8 (−5)`, `x = 4 (÷2)`, `3x = 15 (+ 2)`.

Textbook traces write the operation done to both sides after the equation it gives, a sign and an
operand alone in parentheses. Read as math, `8 (−5)` is the product `8·(−5)`, a false claim where the
writer made a true one. The mark is read as the move it names instead, written out in words
(`[subtract 5 from both sides]`) on the step's text, where named_ops.py holds the line to it: the
equation must be exactly that operation on both sides of the equation before, or the line is refuted
(read as a product it would be false too). Only a mark that ends a line with `=` in it is read; a sign
and a number in parentheses anywhere else stay math. Pure text work.
"""

from __future__ import annotations

import re

# the mark: a space, then `(`, one operation sign, a number or a term with one letter, `)`, at the end
_MARK = re.compile(
    r"(?<=[\w)\]}²³$])[ \t]+(?:\\q?quad\s*)?\(\s*(?P<op>[-+−–×*÷/]|\\div|\\times|\\cdot)\s*"
    r"(?P<n>\d+(?:\.\d+)?(?:/\d+)?|\d*[a-z])\s*\)(?P<end>\s*(?:\$|\\\)|\\\])?\s*[.,]?\s*)$"
)
_WORDS = {
    "+": "add {n} to both sides",
    "-": "subtract {n} from both sides",
    "*": "multiply both sides by {n}",
    "/": "divide both sides by {n}",
}
_SIGNS = {"−": "-", "–": "-", "×": "*", "\\times": "*", "\\cdot": "*", "÷": "/", "\\div": "/", ":": "/"}


def with_move_mark(body: str, shown: str) -> tuple[str, str]:
    """(body without the mark, shown with the mark written as the move it names), or both unchanged when
    the line ends with no mark (see the module)."""
    match = _MARK.search(body)
    if match is None or "=" not in body[: match.start()]:
        return body, shown
    sign = _SIGNS.get(match.group("op"), match.group("op"))
    words = "[" + _WORDS[sign].format(n=match.group("n")) + "]"
    marks = list(_MARK.finditer(shown))
    if marks:
        in_shown = marks[-1]
        shown = f"{shown[: in_shown.start()]} {words}{in_shown.group('end')}"
    else:
        shown = f"{shown} {words}"
    return body[: match.start()] + match.group("end"), shown


__all__ = ["with_move_mark"]
