"""The named sides of a check line (`Check: LHS = 2(4) + 5 = 13 and RHS = 13 ✓`), read as what they say.

A check line names the problem's sides to say what each comes to at the answer; what it claims is that
they come to the same value. The names are layout for the checker (check_lines.py matches each chain
against the problem's sides), but the value given to a side is a claim: `... = 13 and RHS = 12 ✓` says
the right side is 12, and a reader that drops the name and then the lone `12` (a value with no `=` next
to a run of math is a number in prose) checks only the half that is true. So a side named after another
chain of the line (joined by a comma, a semicolon or `and`) continues that chain: `2(4) + 5 = 13 = 12`,
whose arithmetic is false. Both sides of a check are equal at a solution, so joining them never makes a
true check false, and a side given a chain of its own (`RHS = 2(5) + 3 = 13`) is still matched against the
problem through the joined chain. After a binding (`Check with x = 4, LHS = ...`) nothing is joined: a
bound value is the hypothesis, not a side.

Pure text work, linear in the length of the line: safe in any process.
"""

from __future__ import annotations

import bisect
import re

_SIDE = r"(?:L\.?H\.?S\.?|R\.?H\.?S\.?|(?:the\s+)?(?:left|right)(?:[- ]hand)?\s+side)"
# a side name, with the comma, semicolon or `and` that joins it to what comes before (`$` around math
# allowed); the joiner comes first, so no run of spaces is tried twice
_NAMED = re.compile(r"(?P<join>(?:,\s*and\b|[,;]|\band\b)[\s$]*)?\b" + _SIDE + r"\s*(?:=|:|\bis\b)\s*", re.I)
_NAMED_START = re.compile(_SIDE + r"\s*(?:=|:|\bis\b)", re.I)
# where a clause ends: a colon, comma, semicolon or `and`
_CLAUSE_END = re.compile(r"[:,;]|\band\b", re.I)
# `x = 4`, `with x = -3/2`: a variable bound to a value, the hypothesis of the check
_BINDING = re.compile(r"(?<![\w\\])[A-Za-z]\s*=\s*[-+]?[\d./()\s]+$")


def name_sides(body: str) -> str:
    """The check line with its side names taken off, a named side joined to the chain before it."""
    if not _NAMED_START.search(body):
        return body
    ends = [found.end() for found in _CLAUSE_END.finditer(body)]

    def one(match: re.Match[str]) -> str:
        join = match.group("join")
        if join is None:
            return " "
        # the clause before the joiner: from the last clause end before it
        at = bisect.bisect_right(ends, match.start())
        clause = body[ends[at - 1] if at else 0 : match.start()].replace("$", " ").strip()
        # a chain of its own, past any side name (`LHS = 18, RHS = 18` only names two values: no join,
        # and the values alone are no check anyone can read)
        named = _NAMED_START.match(clause)
        chain = "=" in clause[named.end() if named else 0 :]
        if chain and not clause.endswith("=") and not _BINDING.search(clause):
            return " = "
        return f"{join} "

    return _NAMED.sub(one, body)
