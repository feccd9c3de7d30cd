"""Finding the code in a reply without fences: the runs of lines that are code, at the margin or
indented as a markdown code block, told apart from the prose around them. Pure text work, linear on
hostile input.

Without fences the code's edges are read from the text, so what is taken must be certain. A run starts
at a definition (`def`, `async def`, `class`, a decorator) or an import, at the margin, or at one of those
indented under a blank line (a markdown code block, read without its indentation). It goes on over blank
lines, indented lines and margin lines that are whole statements, and ends at the first line of prose;
comments and blank lines at its end go back to the prose (a `## Explanation` heading). Each run becomes a
block, so the text after the code is checked as after a fenced block (an edit in prose, code quoted
inline, a program of its own).

What is not certain leaves no code (the reason is returned instead):
- two runs that define the same function or class, or a later run that binds one again (`f =
  operator.add`): two versions (a draft and its correction, an alternative), and
  which one is final is told by prose assay does not read with certainty;
- a run that ends on a header with no body (`def f(x):` then a line of prose): prose inside the code;
- a run that ends on a line that reads as a statement in the loose sense (`for x in xs: print(x)`) but
  not as a whole line of code: where the code ends is not certain;
- runs at the margin and runs indented as markdown blocks in one reply: one of them may be a
  continuation of the other's body.
"""

from __future__ import annotations

import re

from assay.domains.code.extract_final import bound_names
from assay.domains.code.extract_prose_lines import CodeLines, indented_prose
from assay.domains.code.extract_rules import defined_names, example_label, prose_statement, statement
from assay.domains.code.extract_scan import Block

# a definition or a decorator: where a run of code starts (an import line too, see _starts); names
# may be any Python identifier (`def 加法(a, b):`)
_DEFINITION_START = re.compile(r"^(?:(?:async\s+)?def\s+[^\W\d]\w*\s*\(|class\s+[^\W\d]\w*\s*[(:]|@[^\W\d])")
_IMPORT = re.compile(r"^(?:import\s+[\w.]+|from\s+[\w.]+\s+import\s)")
_CLOSER = re.compile(r"^[)\]}]")
_DOCSTRING = re.compile(r"^[rRbBuUfF]{0,2}(?:\"\"\"|''')")


def unfenced_items(lines: list[str]) -> list[Block | str] | str:
    """The reply as blocks (the runs of code) and the prose lines between them, or why the code in it
    is not certain. No run: []."""
    items: list[Block | str] = []
    intro: list[str] = []
    runs: list[Block] = []
    margins: set[bool] = set()
    first = next((line for line in lines if line.strip()), "")
    completion = first[:1] in (" ", "\t")  # a reply that starts indented continues the prompt's function
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = "" if completion else _markdown_indent(lines, i)
        if _starts(line) or indent:
            end, why = _run_end(lines, i, indent)
            if why:
                return why
            body = tuple(
                text[len(indent) :] if text.startswith(indent) else text.lstrip() for text in lines[i:end]
            )
            block = Block("python", body, True, " ".join(intro[-3:]), intro[-1] if intro else "")
            runs.append(block)
            margins.add(not indent)
            items.append(block)
            intro = []
            i = end
            continue
        items.append(line)
        if line.strip():
            intro.append(line.strip())
        i += 1
    if len(margins) > 1:
        return "code at the margin and code indented as a markdown block, outside fences"
    defined: set[str] = set()  # the functions and classes of the runs so far
    bound: set[str] = set()  # every name they bind at the top level
    for block in runs:
        code = "\n".join(block.body)
        names, binds = defined_names(code), bound_names(code)
        again = (names & bound) | (binds & defined)
        if again:
            return f"two versions of `{sorted(again)[0]}` outside fences"
        defined, bound = defined | names, bound | binds
    return items


def _starts(line: str) -> bool:
    """Whether a margin line starts a run of code: a definition, a decorator, or a whole import line."""
    return bool(_DEFINITION_START.match(line) or (_IMPORT.match(line) and prose_statement(line)))


def _markdown_indent(lines: list[str], i: int) -> str:
    """The indentation of a markdown code block starting at lines[i] ("" when none starts there): four
    spaces or a tab or more, after a blank line, and a definition or an import once dedented."""
    line = lines[i]
    if i == 0 or lines[i - 1].strip() or not line.startswith(("    ", "\t")):
        return ""
    head = line.lstrip(" \t")
    if not _starts(head):
        return ""
    return line[: len(line) - len(head)]


def _run_end(lines: list[str], start: int, indent: str) -> tuple[int, str]:
    """Where the run of code starting at lines[start] ends (the first line after it), and why its end
    is not certain ("" when it is)."""
    end = start + 1
    code = CodeLines()
    code.feed(lines[start])
    for k in range(start + 1, len(lines)):
        text = lines[k]
        if not text.strip():
            continue
        if text[:1] in (" ", "\t") and not lines[k - 1].strip() and not code.inside and indented_prose(text):
            break  # a paragraph of prose indented under the code (see extract_prose_lines)
        if indent:
            if text.startswith(indent):
                end = k + 1
                code.feed(text)
                continue
            break
        if text[:1] in (" ", "\t") or (_margin_code(text) and not example_label(text, set())):
            end = k + 1
            code.feed(text)
            continue
        if statement(text) and not example_label(text, set()):
            return k, f"a line between the code and the prose ({text.strip()[:60]!r})"
        break
    # comments at the end go back to the prose (a markdown heading `## Explanation`)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    last = lines[end - 1].split("#", 1)[0].rstrip()
    if last.endswith(":"):
        return end, "a definition or a block with no body before prose: prose inside the code"
    return end, ""


def code_end(lines: list[str], start: int) -> tuple[int, str]:
    """Where code that starts at lines[start] (not indented) ends at the first line of prose, and why
    that end is not certain ("" when it is): the run rules above, for a block never closed."""
    return _run_end(lines, start, "")


def _margin_code(line: str) -> bool:
    """Whether a line at the margin, inside a run, is code: a definition, an import, a whole statement,
    a comment, a closing bracket or a docstring."""
    return bool(
        _starts(line)
        or prose_statement(line.rstrip())
        or line.startswith("#")
        or _CLOSER.match(line)
        or _DOCSTRING.match(line)
    )
