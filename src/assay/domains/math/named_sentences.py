"""A sentence that names an operation on both sides starts a step of its own: in R1's paragraph "Okay,
so I need to solve 2x + 5 = 13. Let me subtract 5 from both sides first. That gives 2x = 8. Then divide
both sides by 2: x = 4." each operation is checked against the equation it leads to (named_ops.py),
which a paragraph read as one step (two operations named) would leave unchecked.

Cut only at a sentence's end (`.`, `!`, `?` and a capital after it), only before a sentence that names
exactly one operation on both sides, and only when something comes before it. Each piece is read as
strictly as a line. Pure text work.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assay.domains.math.named_ops import named_operation

MAX_SENTENCES = 64  # sentences looked at in one line; a longer paragraph is cut no further

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def split_named_operations(segment: str) -> list[str]:
    """segment cut before each of its sentences that names one operation on both sides, and before each
    clause that names an operation and writes an equation after one that wrote its own (see the module)."""
    pieces = [piece for part in _operation_clauses(segment) for piece in _operation_sentences(part)]
    return pieces or [segment]


def _operation_clauses(segment: str) -> list[str]:
    """`Subtracting 5 gives 3x = 12, and dividing by 4 gives x = 4.`: two moves, each named before the
    equation it makes; cut before the second clause (its joining words dropped), so that each is held to
    its own move. Cut only where the clause right before the cut writes an equation and the clause after
    it writes one too."""
    if "=" not in segment or segment.count("=") < 2:
        return [segment]
    pieces: list[str] = []
    start = 0
    for match in _OPERATION_CLAUSE.finditer(segment):
        after = segment[match.end() :]
        following = _OPERATION_CLAUSE.search(after)
        clause = after[: following.start()] if following else after
        if "=" in _LAST_CLAUSE.split(segment[start : match.start()])[-1] and "=" in clause:
            pieces.append(segment[start : match.start()])
            start = match.end()
    pieces.append(segment[start:])
    return [piece for piece in pieces if piece.strip()]


# a clause that starts with an operation word, after a comma or a semicolon (`, and dividing by 4 gives`,
# `; then multiply by 2:`); sentences are cut as the module says (a system's paragraph of named moves reads
# its sentences together)
_OPERATION_CLAUSE = re.compile(
    r"[,;]\s*(?:and\s+)?(?:then\s+)?(?=(?:subtract|add|divid|multipl)\w*\b)",
    re.I,
)


_LAST_CLAUSE = re.compile(r"[.!?;,:]\s")  # (`Then, multiply by 2: ...`: no equation right before the cut)


def _operation_sentences(segment: str) -> list[str]:
    if "both sides" not in segment.lower() and "each side" not in segment.lower():
        return [segment]
    starts = [m.end() for m in _SENTENCE_END.finditer(segment)][:MAX_SENTENCES]
    cuts = [
        start
        for i, start in enumerate(starts)
        if named_operation(segment[start : starts[i + 1] if i + 1 < len(starts) else len(segment)])
        is not None
    ]
    bounds = [0, *cuts, len(segment)]
    return [segment[a:b] for a, b in pairwise(bounds) if segment[a:b].strip()]


__all__ = ["split_named_operations"]
