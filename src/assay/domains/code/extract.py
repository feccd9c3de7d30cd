"""Finding the program in a model's text. Pure text work: nothing here parses or runs Python.

Rules, in order:
1. Fenced blocks (``` or ~~~, three or more, indented or not): all Python blocks, joined in order, so a
   helper in one block and the function in the next both count, and a later block's definition (the
   final code after a draft) replaces the earlier one when the program runs. A block is Python when
   its tag is (`python`, `py`, `Python3`, `python3.11`, `{python}`, `py title="x"`, any case), or when it
   is untagged and starts like code (an untagged block of example output or a `>>>` transcript is
   not code). Blocks tagged with another language (```text, ```bash, ```pycon) are skipped, unless
   they hold a Python definition (`def name(...):` or `class Name:`): a model that writes its
   final code in a ```text block has not said which code is its answer, so there is no code (an
   earlier Python block is not taken for it). The same holds for a Python definition outside every
   block (a final version pasted after the fenced draft: indented or not, quoted, in HTML, in a list
   item) and for a block left open at the end (a reply cut off inside its final code).
2. No fences: from the first line that starts like code (def, class, import, from, @, async def) to
   the last line that still belongs to it; prose after the code (a non-indented line that does not look
   like Python) ends it.
3. Otherwise, a text that starts with indentation is read as a completion of the prompt (HumanEval
   style: the model continues the function body).

Reasoning sections are removed first: code in them is a draft, not the answer. A section opens with
`<think>`, `<thinking>`, `<reasoning>`, `<reflection>`, `<|begin_of_thought|>` (or `◁think▷`) and closes
with the matching end tag (any of them closes any). A close with no open before it (DeepSeek-R1 templates
put the `<think>` in the prompt, so the reply starts inside it) makes everything before it draft; an open
never closed (a reply cut off while still thinking) makes everything after it draft. With no code left
outside the reasoning there is no code: an earlier draft is never taken for the answer.
"""

from __future__ import annotations

import re

MAX_CODE = 256 * 1024  # characters; longer programs are not extracted

_FENCE = re.compile(r"^([ \t]*)(```+|~~~+)[ \t]*\{?[ \t]*\.?([\w+#.-]*)")
_PYTHON_TAG = re.compile(r"(?:python|py)[0-9.]*", re.I)
_CODE_START = re.compile(r"^(?:async\s+def|def|class|import|from)\s|^@\w")
_CODE_LINE = re.compile(
    r"^(?:[#@)\]}]|(?:async|def|class|import|from|if|elif|else|for|while|try|except|finally|with|return"
    r"|assert|raise|pass|global|nonlocal|del|print|lambda|yield)\b|[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*"
    r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)|[A-Za-z_][\w.]*\s*\()"
)


# a Python definition: `def name(...):` / `class Name(...):` with the colon followed by a space or the
# line's end (Java, JS, Kotlin and Ruby definitions have none), at the start of a line or after a space,
# a quote marker or an HTML tag (`> def f():`, `<pre><code>def f():`, `1. Final: def f(x): return x`),
# never inside inline code (`def f(x):` named in prose) nor in a `>>>` transcript. A block not taken for
# Python, or a line outside every block, that holds one may be the final code.
_PYTHON_DEFINITION = re.compile(
    # bounded repeats: a search over a hostile line stays linear
    r"(?:^|[\s>])(?:(?:async\s+)?def\s+\w+\s*\([^)]{0,2000}\)\s*(?:->[^:]{0,200})?"
    r"|class\s+\w+\s*(?:\([^)]{0,2000}\))?\s*):(?!\S)"
)


def _defines(line: str) -> bool:
    """Whether line holds a Python definition (a `>>>` / `...` transcript line does not count)."""
    return not line.lstrip().startswith((">>>", "...")) and _PYTHON_DEFINITION.search(line) is not None


_REASONING = r"(?:think|thinking|thought|thoughts|reasoning|reflection|scratchpad)"
_REASONING_TAG = re.compile(rf"<(/?){_REASONING}>|<\|(begin|end)_of_{_REASONING}\|>|◁(/?)think▷", re.I)


def _outside_reasoning(text: str) -> str:
    """text without its reasoning sections (see the module's rules)."""
    kept: list[str] = []
    inside = False
    position = 0
    for match in _REASONING_TAG.finditer(text):
        closing = bool(match.group(1) or match.group(3)) or (match.group(2) or "").lower() == "end"
        if closing:
            if not inside:  # a close with no open: all so far was the reasoning
                kept.clear()
            inside = False
        elif not inside:
            kept.append(text[position : match.start()])
            inside = True
        position = match.end()
    if not inside:
        kept.append(text[position:])
    return "".join(kept)


def extract_code(text: str) -> str | None:
    """The program in text, or None if there is none."""
    if not text.strip() or len(text) > 4 * MAX_CODE:
        return None
    text = _outside_reasoning(text)
    lines = text.splitlines()
    blocks, fenced, ambiguous = _fenced_blocks(lines)
    if ambiguous:
        return None  # Python code outside the Python blocks: which code is the answer is not said
    if blocks:
        code = "\n".join(block.rstrip() for block in blocks).strip("\n")
        return code if code.strip() and len(code) <= MAX_CODE else None
    if fenced:
        return None  # only blocks in other languages
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        first = next((line for line in lines if line.strip()), "")
        if first[:1] in (" ", "\t"):
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


def _fenced_blocks(lines: list[str]) -> tuple[list[str], bool, bool]:
    """(Python blocks, whether any closed fence was seen, whether a block not taken for Python holds a
    Python definition), in one pass over the lines."""
    blocks: list[str] = []
    fenced = False
    ambiguous = False
    opening: re.Match[str] | None = None
    body: list[str] = []
    for line in lines:
        match = _FENCE.match(line)
        if opening is None:
            if match:
                opening, body = match, []
            elif _defines(line):
                ambiguous = True  # code outside the fences: only matters when blocks were found
            continue
        fence = opening.group(2)
        rest = line.strip()
        if rest.startswith(fence) and set(rest) == {fence[0]}:  # a closing fence: as long or longer
            fenced = True
            if _is_python(opening.group(3), body):
                blocks.append("\n".join(body))
            elif any(_defines(text) for text in body):
                ambiguous = True
            opening = None
            continue
        indent = opening.group(1)
        body.append(line[len(indent) :] if indent and line.startswith(indent) else line)
    if opening is not None and any(_defines(text) for text in body):
        ambiguous = True  # a block never closed: the reply was cut off inside it
    return blocks, fenced, ambiguous and fenced


def _is_python(tag: str, body: list[str]) -> bool:
    if tag:
        return _PYTHON_TAG.fullmatch(tag) is not None
    first = next((line for line in body if line.strip()), "")
    return bool(_CODE_START.match(first) or _CODE_LINE.match(first)) and not first.startswith(">>>")
