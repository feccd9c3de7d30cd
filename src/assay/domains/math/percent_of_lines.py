"""A line that names a percent of a number and ends on a colon, with the arithmetic on the line after it.

`The discount is 20% of $25:` then `0.20 × 25 = 5` says `20% of $25, which is 0.20 × 25 = 5`: the two lines
are one chain, read as verbal_arithmetic reads `which is`, so the percent it names is checked against the
arithmetic (`25% of $25:` then `0.20 × 25 = 5` is a false chain). Alone, such a line names a value nobody
computes and stays unread. Only a percent of a number is joined: a colon after a move (`Divide by 3:`) names
an operation, not a value, and is left as it is. Pure text work.
"""

from __future__ import annotations

import re

# `The discount is 20% of $25:`, `**Tax: 8% of $50:**`: the percent of a number closing the line
_PERCENT_OF_COLON = re.compile(r"\d+(?:\.\d+)?\s*%\s+of\s+\$?\s*\d+(?:,\d{3})*(?:\.\d+)?\s*:[\s*_]*$")
# the line after it: arithmetic on numbers alone, up to its `=` (`0.20 × 25 = 5`, `$25 × 0.2 = $5`)
_ARITHMETIC_LINE = re.compile(r"^[\s*_$\\(]*\d[\d.,\s×x*/÷+\-−()·$\\]*=")


def joined_percent_lines(text: str) -> str:
    """text with each line that names a percent of a number and ends on a colon joined to the arithmetic
    line right after it, as `..., which is <arithmetic>`."""
    if "%" not in text or ":" not in text:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    at = 0
    while at < len(lines):
        line = lines[at]
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if "=" not in line and _PERCENT_OF_COLON.search(line) and _ARITHMETIC_LINE.match(following):
            head = line.rstrip().rstrip("*_ ").rstrip()[:-1]
            kept.append(f"{head}, which is {following.strip()}")
            at += 2
            continue
        kept.append(line)
        at += 1
    return "\n".join(kept)


__all__ = ["joined_percent_lines"]
