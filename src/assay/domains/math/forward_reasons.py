"""Bracketed reasons that say what the next line does, not how their own line came about.

    4x − 5 = 11  [add 5 to both sides]
    4x = 16  [divide by 4]
    x = 4

The step checker holds the words on a line to the move that gives that line (move_words.py), which is
how most traces write them (`4x = 16 (adding 5)`). Some write them ahead, as above: read the usual way,
the first line would claim that adding 5 gave the problem's own equation, and a correct trace would be
refuted. The first annotated line tells the two apart: when it is the problem's equation itself, written
again with a move beside it, nothing can have been done to give it, so every reason of the run is read as
the move to the line after it (moved there as that line's lead: `add 5 to both sides: 4x = 16`), where
the checker holds it as usual. Any other trace is left as written. Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assay.domains.math.expr import Expr
from assay.domains.math.grammar import parse_chain
from assay.errors import LimitExceeded, MathParseError

# an equation, then its reason in brackets at the line's end (`4x = 16  [divide by 4]`, `(divide by 4)`)
_ANNOTATED = re.compile(r"^(?P<line>[^\[\]()]*?=[^\[\]]*?)\s+[\[(](?P<why>[A-Za-z][^\[\]()]{0,60})[\])]\s*$")
# a word that names a move on an equation (the first reason must name one: `[given]`, `(original)` do not)
_MOVE = re.compile(
    r"\b(?:add|subtract|multipl|divid|expand|distribut|simplif|factor|mov|bring|isolat|collect|combin|tak"
    r"|squar|cross|clear|cancel|transpos)",
    re.I,
)
# a word in a line (a label, a sentence): no bare equation of the run (a LaTeX command is no word)
_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")
MAX_RUN = 40  # lines of one run read ahead


def forward_reasons(response: str, equations: Sequence[tuple[Expr, Expr]]) -> str:
    """response with a run of reasons written ahead moved to the lines they describe (see the module)."""
    if not equations or ("[" not in response and "(" not in response):
        return response
    lines = response.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return response
    first = _ANNOTATED.match(lines[start].strip())
    if (
        first is None
        or not _MOVE.search(first.group("why"))
        or not _is_problem(first.group("line"), equations)
    ):
        return response  # (`4x - 5 = 11  (given)`: the problem, said to be the problem)
    carry = first.group("why").strip()
    lines[start] = first.group("line").rstrip()
    for i in range(start + 1, min(len(lines), start + 1 + MAX_RUN)):
        if not lines[i].strip():
            continue
        own = _ANNOTATED.match(lines[i].strip())
        body = own.group("line").rstrip() if own is not None else lines[i].strip()
        if "=" not in body or _WORD.search(body):
            break  # `Check: 3(3) + 7 = 16`, `Answer: x = 3`: no step of the run; its reason is dropped
        lines[i] = f"{carry}: {body}"
        if own is None:
            break
        carry = own.group("why").strip()
    return "\n".join(lines)


def _is_problem(text: str, equations: Sequence[tuple[Expr, Expr]]) -> bool:
    try:
        parts = parse_chain(text.replace("−", "-").strip().strip("$"))
    except (MathParseError, LimitExceeded):
        return False
    return len(parts) == 2 and (parts[0], parts[1]) in equations


__all__ = ["forward_reasons"]
