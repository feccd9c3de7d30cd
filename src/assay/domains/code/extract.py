"""Finding the program in a model's text. Pure text work: nothing here parses or runs Python.

Rules, in order:
1. Fenced blocks (```python, ```py, ``` or ~~~): all Python or untagged blocks, joined in order, so a
   helper in one block and the function in the next both count. Blocks tagged with another language
   (```text, ```bash) are skipped.
2. No fences: from the first line that starts like code (def, class, import, from, @, async def) to
   the last line that still belongs to it; prose after the code (a non-indented line that does not look
   like Python) ends it.
3. Otherwise, a text that starts with indentation is read as a completion of the prompt (HumanEval
   style: the model continues the function body).
"""

from __future__ import annotations

import re

MAX_CODE = 256 * 1024  # characters; longer programs are not extracted

_FENCE = re.compile(r"^[ \t]*(```+|~~~+)[ \t]*([\w+#.-]*)")
_PYTHON_TAGS = {"", "python", "py", "python3", "py3"}
_CODE_START = re.compile(r"^(?:async\s+def|def|class|import|from)\s|^@\w")
_CODE_LINE = re.compile(
    r"^(?:[#@)\]}]|(?:async|def|class|import|from|if|elif|else|for|while|try|except|finally|with|return"
    r"|assert|raise|pass|global|nonlocal|del|print|lambda|yield)\b|[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*"
    r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)|[A-Za-z_][\w.]*\s*\()"
)


def extract_code(text: str) -> str | None:
    """The program in text, or None if there is none."""
    if not text.strip() or len(text) > 4 * MAX_CODE:
        return None
    lines = text.splitlines()
    blocks, fenced = _fenced_blocks(lines)
    if blocks:
        code = "\n".join(block.rstrip() for block in blocks).strip("\n")
        return code if code.strip() and len(code) <= MAX_CODE else None
    if fenced:
        return None  # only blocks in other languages
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        if lines and lines[0][:1] in (" ", "\t"):
            return text if len(text) <= MAX_CODE else None  # a completion of the prompt
        return None
    end = start + 1
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line[:1] in (" ", "\t") or _CODE_LINE.match(line):
            end = i + 1
            continue
        break
    code = "\n".join(lines[start:end]).rstrip()
    return code if len(code) <= MAX_CODE else None


def _fenced_blocks(lines: list[str]) -> tuple[list[str], bool]:
    """(Python blocks, whether any closed fence was seen), in one pass over the lines."""
    blocks: list[str] = []
    fenced = False
    opening: re.Match[str] | None = None
    body: list[str] = []
    for line in lines:
        match = _FENCE.match(line)
        if opening is None:
            if match:
                opening, body = match, []
            continue
        if match and match.group(1) == opening.group(1) and not line.strip()[len(match.group(1)) :]:
            fenced = True
            if opening.group(2).lower() in _PYTHON_TAGS:
                blocks.append("\n".join(body))
            opening = None
            continue
        body.append(line)
    return blocks, fenced
