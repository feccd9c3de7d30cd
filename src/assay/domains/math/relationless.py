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


def unrelated_after_arrow(part: str) -> bool:
    """Whether a piece of a line after an arrow says what something becomes without a relation the reader
    reads: `→ 3x`, `⟹ now 2x - 9`, `=> 8 + 1`, `→ x` (after `2x = 8 → 3x` the arrow claims the equation
    became 3x, and nothing checks it). A relation (`→ 2x = 8`), a value alone (`→ 4`, read as an answer)
    and words with at most a number (`→ subtract 5`) are read as usual."""
    if "=" in part:
        return False
    words = [trim(w) for w in strip_delimiters(part).split()]
    words = [w for w in words if w.strip("*_`")]
    if len(words) == 1 and re.fullmatch(r"\(?[A-Za-z]\)?", words[0].strip("*_`")):
        return True  # `2x = 8 → x`
    for word in words:
        token = word.strip("*_`")
        if not token or not is_mathy(token):
            continue
        has_letter = re.search(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", token) is not None
        if (has_letter and len(token) > 1) or re.search(r"[\d)]\s*[-+*/^]\s*[\d(]", token):
            return True
    pieces = [w.strip("*_`") for w in words]
    # `x + 9`, `8 + 1`: an expression written with spaces around its operator
    return any(
        w in ("+", "-", "*", "/", "^", "−", "×", "÷")
        and 0 < i < len(pieces) - 1
        and is_mathy(pieces[i - 1])
        and is_mathy(pieces[i + 1])
        for i, w in enumerate(pieces)
    )
