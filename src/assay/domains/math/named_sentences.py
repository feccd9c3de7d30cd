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
    """segment cut before each of its sentences that names one operation on both sides (see the module)."""
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
