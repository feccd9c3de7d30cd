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


# `... = 25 = RHS ✓`: a chain that closes on a side's name says it came to that side's value
_CLOSING_SIDE = re.compile(r"\s*=\s*" + _SIDE + r"(?=[\s$.✓✔️]*$)", re.I)
# a line that opens with a side's name (`Left side: 7(4) - 3 = 25`, `- **LHS** = ...`): a check of its own
_OPENS_WITH_SIDE = re.compile(r"^[\s*_\-•>]*(?:\d+[.)]\s*)?[\s*_]*" + _SIDE + r"[\s*_]*(?:=|:|\bis\b)", re.I)


# a line that only gives one side a value: `- Right side: $25$ ✓`, `RHS = 25`, `**Right-hand side:** 25`
_SIDE_VALUE_LINE = re.compile(
    r"^[ \t*_\-•>]*" + _SIDE + r"[ \t*_]*(?:=|:|\bis\b)[ \t*_]*"
    r"(?P<value>\$?(?:\\\()?[ \t]*[-−]?[ \t]*\d[\d.,/ \t]*(?:\\\))?\$?)"
    r"[ \t]*(?P<mark>✓|✔️?|✅|\$?\\checkmark\$?)?[ \t.*_]*$",
    re.I,
)
# the value a chain ends at: `7(4) - 3 = 28 - 3 = 25$`
_LAST_VALUE = re.compile(r"=[\s$]*([-−]?\s*\d[\d.,/]*)[\s$.*_✓✔️✅]*$")


def joined_side_lines(text: str) -> str:
    """text with each line that only gives a side of the problem a value (`- Right side: 25 ✓`) joined to
    the line before it when that line opens with the other side's chain (`- Left side: 7(4) - 3 = 25`):
    the two lines are one check, read as `name_sides` reads it on one line (`... = 25, Right side: 25 ✓`,
    the chain `7(4) - 3 = 25 = 25`: a side given another value makes the chain false). Alone, such a
    line ties its value to nothing and stays unread."""
    if "side" not in text.lower() and "hs" not in text.lower():
        return text
    lines = text.split("\n")
    kept: list[str] = []
    for line in lines:
        previous = next((at for at in range(len(kept) - 1, -1, -1) if kept[at].strip()), None)
        side = _SIDE_VALUE_LINE.match(line)
        if (
            side is not None
            and previous is not None
            and opens_with_side(kept[previous])
            and "=" in kept[previous]
            and not _SIDE_VALUE_LINE.match(kept[previous])
            and (side.group("mark") or _same_value(kept[previous], side.group("value")))
        ):
            kept[previous] = f"{kept[previous].rstrip()}, {line.strip().lstrip('-•>').strip()}"
            continue
        kept.append(line)
    return "\n".join(kept)


def _same_value(chain: str, value: str) -> bool:
    """Whether a chain ends at the value given to the other side, as written. Two sides shown to differ
    with no check mark (`Left side: 7(5) - 3 = 32` / `Right side: 25`, a candidate shown to fail) are
    no claim that they agree: they are not joined."""
    end = _LAST_VALUE.search(chain)
    written = re.sub(r"[\s$\\()]", "", value).replace("−", "-")
    return end is not None and re.sub(r"\s", "", end.group(1)).replace("−", "-") == written


def opens_with_side(body: str) -> bool:
    """Whether the line opens with the name of a side (`Left side: 7(4) - 3 = 25`): a check line."""
    return _OPENS_WITH_SIDE.match(body) is not None


def name_sides(body: str) -> str:
    """The check line with its side names taken off, a named side joined to the chain before it."""
    if "=" in body:
        body = _CLOSING_SIDE.sub("", body)
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
