"""A unified diff shown after the code, applied to it: "Fix:" and a ```diff whose hunks change the code
make the changed code the final code. Pure text work: nothing here parses or runs Python.

A hunk is applied only where its old side (its context and removed lines, in order) occurs exactly
once in the code, line for line (trailing spaces aside); a hunk with no old side, one whose old side
occurs twice or nowhere, hunks that overlap, or a line that is neither context, removal nor addition
leave the diff unapplied (None), and `extract` judges the diff as it did before: an edit it cannot
follow, so no code. A diff whose lines carry no marker column (context written without its leading
space) is read the same way and so usually fails to match: never a guess.
"""

from __future__ import annotations

import itertools

MAX_DIFF_LINES = 400  # a longer diff is not applied (each hunk is looked for line by line in the code)
_HEADERS = ("diff --git", "index ", "--- ", "+++ ", "new file mode", "deleted file mode", "similarity index")


def apply_diff(code: str, diff: tuple[str, ...]) -> str | None:
    """code with every hunk of diff applied, or None when one cannot be applied with certainty."""
    hunks = _hunks(diff) if len(diff) <= MAX_DIFF_LINES else []
    if not hunks:
        return None
    lines = code.splitlines()
    plain = [line.rstrip() for line in lines]
    edits: list[tuple[int, int, list[str]]] = []
    for old, new in hunks:
        if not old:
            return None  # only additions: where they go, nothing in the hunk says
        found = _occurrences(plain, [line.rstrip() for line in old])
        if len(found) != 1:
            return None
        edits.append((found[0], found[0] + len(old), new))
    edits.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(edits):
        if start < end:
            return None
    for start, end, new in reversed(edits):
        lines[start:end] = new
    patched = "\n".join(lines)
    return patched if patched != code else None


def _hunks(diff: tuple[str, ...]) -> list[tuple[list[str], list[str]]]:
    """Each hunk's old side and new side; [] when a line is not one a unified diff holds."""
    hunks: list[tuple[list[str], list[str]]] = []
    old: list[str] = []
    new: list[str] = []
    started = False
    for line in diff:
        if line.startswith("@@"):
            if old or new:
                hunks.append((old, new))
            old, new, started = [], [], True
            continue
        if not started and line.startswith(_HEADERS):
            continue
        started = True
        if line.startswith("+"):
            new.append(line[1:])
        elif line.startswith("-"):
            old.append(line[1:])
        elif line.startswith(" ") or not line:
            old.append(line[1:])
            new.append(line[1:])
        else:
            return []
    if old or new:
        hunks.append((old, new))
    return hunks


def _occurrences(lines: list[str], run: list[str]) -> list[int]:
    """Where run starts in lines, every place (at most two are needed)."""
    found: list[int] = []
    size = len(run)
    for start in range(len(lines) - size + 1):
        if lines[start] == run[0] and lines[start : start + size] == run:
            found.append(start)
            if len(found) > 1:
                break
    return found
