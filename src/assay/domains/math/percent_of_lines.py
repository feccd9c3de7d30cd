"""A line that names a percent or a fraction of a number and ends on a colon, with the arithmetic on the
line after it (or after the colon, on the same line).

`The discount is 20% of $25:` then `0.20 × 25 = 5` says `20% of $25, which is 0.20 × 25 = 5`: the two lines
are one chain, read as verbal_arithmetic reads `which is`, so the percent it names is checked against the
arithmetic (`25% of $25:` then `0.20 × 25 = 5` is a false chain). Alone, such a line names a value nobody
computes and stays unread. On one line (`25% of $25: 0.20 × 25 = 5`), the part named was dropped as a
label and the arithmetic read alone, so a part that is not the arithmetic passed: joined, it is checked.
Only a part of a number is joined: a colon after a move (`Divide by 3:`) names an operation, not a value,
and is left as it is. Pure text work.
"""

from __future__ import annotations

import re

# a percent or a fraction of a number (`20% of $25`, `1/4 of 20`, `\\frac{1}{4} of 20 stickers`), its noun
_PART_OF = (
    r"(?:\d+(?:\.\d+)?\s*%|\d+\s*/\s*\d+|\\[dt]?frac\{\d+\}\{\d+\})\s+of\s+\$?\s*\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:\s+[A-Za-z]+)?"
)
# `The discount is 20% of $25:`, `**Tax: 8% of $50:**`: the part of a number closing the line
_PERCENT_OF_COLON = re.compile(_PART_OF + r"\s*:[\s*_]*$")
# `25% of $25: 0.20 × 25 = 5`, `1/4 of 20 stickers: 20 × 1/4 = 5`: the same on one line, the colon its middle
_PART_OF_THEN = re.compile(r"(?P<head>" + _PART_OF + r")\s*:[*_]*\s*(?=[\s*_$\\(]*\d)")
# the line after it: arithmetic on numbers alone, up to its `=` (`0.20 × 25 = 5`, `$25 × 0.2 = $5`)
_ARITHMETIC_LINE = re.compile(r"^[\s*_$\\(]*\d[\d.,\s×x*/÷+\-−()·$\\]*=")


def joined_percent_lines(text: str) -> str:
    """text with each line that names a percent of a number and ends on a colon joined to the arithmetic
    line right after it, as `..., which is <arithmetic>`."""
    if ("%" not in text and "/" not in text and "frac" not in text) or ":" not in text:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        following = lines[at + 1] if at + 1 < len(lines) else ""
        same = _PART_OF_THEN.search(line)
        if (
            same is not None
            and "=" not in line[: same.start()]
            and _ARITHMETIC_LINE.match(line[same.end() :])
        ):
            # the part named and the arithmetic after its colon: one chain, so the part is checked too
            kept.append(f"{line[: same.end('head')]}, which is {line[same.end() :].strip()}")
            at += 1
            continue
        if "=" not in line and _PERCENT_OF_COLON.search(line) and _ARITHMETIC_LINE.match(following):
            head = line.rstrip().rstrip("*_ ").rstrip()[:-1]
            kept.append(f"{head}, which is {following.strip()}")
            at += 2
            continue
        kept.append(line)
        at += 1
    return "\n".join(kept)


__all__ = ["joined_percent_lines"]
