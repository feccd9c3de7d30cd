"""A bold header with inline math before an instruction: Qwen2.5's `1. **Isolate the term with \\(x\\)**:
Subtract 5 from both sides.` is two things, a title and an instruction, and read as one sentence the
colon would join `x` to `Subtract 5` as if it said x is 5. The header and the instruction are read as
lines of their own, each as strictly as any line.

Only when it cannot be a value given to a name: the header has words (two of three letters or more)
besides its math, and what follows the colon starts with a word, not a value (`**x**: 4` stays one
line, the claim x = 4). Pure text work.
"""

from __future__ import annotations

import re

_HEADED = re.compile(r"^(\s*(?:\d{1,3}[.)]\s*)?\*\*([^*\n]{1,200})\*\*\s*:)\s*([A-Za-z][a-z]{2,}\b.*)$")


def split_bold_header(raw: str) -> list[str]:
    """raw as [header, instruction] when it is a bold header with math before an instruction, else [raw]."""
    found = _HEADED.match(raw)
    if found is None:
        return [raw]
    header = found.group(2)
    has_math = "\\(" in header or "$" in header
    words = [
        w for w in re.findall(r"[A-Za-z]+", re.sub(r"\\\(.*?\\\)|\$[^$]*\$", " ", header)) if len(w) >= 3
    ]
    if not has_math or len(words) < 2 or "=" in header:
        return [raw]
    return [found.group(1), found.group(3)]


__all__ = ["split_bold_header"]
