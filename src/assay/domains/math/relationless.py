"""Math with its relation missing: pieces of math side by side that the trace reader must not call prose.

A line like `5x 26`, `5x: 26`, `5x:26`, `5x ᐀ 26` or `5x → 26` holds no claim the grammar reads, yet it is
not prose: the relation between the pieces was written in markup the reader dropped or does not know (a
LaTeX command, a lookalike of `=`, an arrow meaning "becomes"). The trace reader calls such a line
unreadable, so a false step written that way is never silently skipped. Pure text work: safe anywhere.
"""

from __future__ import annotations

import itertools
import re

from assay.domains.math.markup import strip_delimiters
from assay.domains.math.vocabulary import is_mathy, trim

# `5x:26`, `5x~26`, `5x?26`: a mark outside the grammar glued between two pieces of math parts them
_GLUED_MARK = re.compile(r"(?<=[\w)\]}])([:;~?])(?=[\w(\[{\\-])")


def pieces_without_relation(body: str) -> bool:
    """Whether a line without a claim is still nothing but math, in two or more pieces (`5x 26`,
    `5x: 26`, `5x R 26` from `\\mathrm{R}`): pieces of math side by side state something."""
    body = _GLUED_MARK.sub(r" \1 ", strip_delimiters(body))
    words = [w for w in body.split() if trim(w).strip(".,;:!?-*()[]{}\\")]
    # a word with no letter or digit (`᐀`, `⍰`, `꓿`) between pieces of math stands where a relation would
    symbols = [w for w in words if not any(c.isascii() and c.isalnum() for c in w)]
    maths = [w for w in words if w not in symbols]
    if len(maths) < 2 or not all(is_mathy(trim(w)) for w in maths):
        return False
    # pieces after commas are a list of values (`3, 4`, `\{2, 3\}`), not a relation
    return bool(symbols) or any(not w.endswith(",") for w in words[:-1])


def bare_arrow(parts: list[str]) -> bool:
    """Whether, in a line split at its arrows, an arrow stands between two pieces of math neither of which
    is a claim (`5x → 26`, `5x \\Longrightarrow 26`): between claims an arrow says one follows from the
    other; between bare expressions it says one becomes the other, a relation the checker does not read."""

    def bare(part: str) -> bool:
        words = [trim(w) for w in strip_delimiters(part).split()]
        return bool(words) and "=" not in part and all(w and is_mathy(w) for w in words)

    return any(bare(a) and bare(b) for a, b in itertools.pairwise(parts))
