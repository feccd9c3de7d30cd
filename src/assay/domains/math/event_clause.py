"""A word problem's event before the arithmetic it causes: "After giving away 7, she has 36 − 7 = 29
pencils.", "After selling 2 boxes, 4 - 2 = 2 boxes are left."

A leading clause that says what happens ("After giving away 7", "She sells 2 boxes") names the
operand of the computation after it (the 7 given away, the 2 boxes sold); read alone, its bare number
looks like a value said in words (spoken.py) and the line is unreadable. It is taken off only when it
can say nothing else: it opens the line with `after`/`when`/`once` and a verb in -ing, or with a subject
and a verb of a word problem's action (gives, sells, spends, ...), holds exactly one number and no
relation, ends at a comma, and the same number is an operand of the math after it (so "After giving
away 9, she has 36 − 7 = 29" keeps its unread 9). Pure text work.
"""

from __future__ import annotations

import re

_EVENT = re.compile(
    r"^\s*(?:(?:after|when|once|upon)\s+[a-z]+ing\b"
    # `She gives away 7, so ...`: a subject and an action of a word problem
    r"|(?:she|he|they|we|i|[A-Z][a-z]+)\s+(?:gives?|gave|sells?|sold|spends?|spent|eats?|ate|loses?|lost"
    r"|uses?|used|buys?|bought|gets?|got|receives?|received|adds?|added|removes?|removed|takes?|took)\b"
    r"(?:\s+(?:away|back|up|out|in|another|more))?)"
    r"(?P<words>[^,.;:=!?\d]{0,60}?)\s*(?P<number>\d+(?:\.\d+)?)(?P<tail>[^,.;:=!?\d]{0,40}),"
    r"(?:\s+(?:so|and|then))?\s+(?=\S)",
    re.I,
)


def without_event_clause(body: str) -> str:
    """body without a leading event clause that names an operand of its math (see the module)."""
    found = _EVENT.match(body)
    if found is None:
        return body
    rest = body[found.end() :]
    equals = rest.find("=")
    if equals < 0:
        return body
    operands = re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", rest[:equals])
    return rest if found.group("number") in operands else body


__all__ = ["without_event_clause"]
