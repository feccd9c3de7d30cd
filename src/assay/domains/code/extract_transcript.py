"""A `>>>` transcript given as the answer (`>>> def f(x):` / `...     return x` / `>>> f(2)` / `2`): the
program it typed, with the outputs it shows checked when the program runs. Pure text work, linear on
hostile input: nothing here parses or runs the code; the checks run with it, in the sandbox.

A transcript is the answer only when it is certain: one transcript defines, it defines each name once,
and it neither rebinds a name it defined (`>>> f = lambda x: 0`: a second version), reads the input,
shows an error (a traceback: the code it shows fails) nor shows lines after a definition (a REPL
prints nothing there: lines without the `...` prompt are code of another version). The program is
what was typed, in order. An expression followed by its output becomes, in place of the entry, a
check that the code gives that output (`assert repr((f(2))) == '2'`; for `print(a, b)` the text it
writes, its arguments' `str` joined by spaces; a value wrapped over lines compared with its whitespace
made single spaces; a set of numbers, names or strings compared element by element, in any order), so a
transcript whose outputs disagree with its code fails when it runs: its claims are refused with it.
Outputs not read with certainty are not checked: an object's address, a set of tuples, `print` with
`sep=` or `end=`, what a loop prints.
"""

from __future__ import annotations

import re

from assay.domains.code.extract_rules import reads_stdin
from assay.domains.code.extract_scan import Block

_PROMPT = re.compile(r"^\s*>>>(?: |$)")
_CONTINUATION = re.compile(r"^\s*\.\.\.(?: |$)")
_DEFINITION = re.compile(r"^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)")
# an assignment: an `=` before any bracket or quote (a keyword argument `f(a=1)` has one before it)
_ASSIGNMENT = re.compile(r"^([^=()\[\]{}'\"]*?)(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)")
_KEYWORD = re.compile(
    r"^(?:if|elif|else|for|while|with|try|except|finally|return|del|assert|raise|pass|global|nonlocal"
    r"|import|from|def|class|async|await|yield|break|continue|lambda|match|case|print)\b"
)
# an object's address, a set's order (a set of plain elements is checked apart, see _set_check)
_UNSTEADY_OUTPUT = re.compile(r"0x[0-9a-fA-F]|^<|^(?:frozen)?set\(|^\{[^:]*\}$")
_ERROR = re.compile(r"^(?:Traceback \(most recent call last\)|[A-Za-z_][\w.]*(?:Error|Exception)\b)")
_DANGER = re.compile(r"\b(?:setattr|globals|exec|eval|__dict__|__builtins__)\b")


def transcript_defines(body: tuple[str, ...]) -> bool:
    """Whether a transcript types a definition (`>>> def f(...):`, `>>> class C:`)."""
    return any(_DEFINITION.match(_PROMPT.sub("", line, count=1)) for line in body if _PROMPT.match(line))


def transcript_runs(lines: list[str]) -> list[Block | str]:
    """An unfenced reply's `>>>` transcripts as blocks, the prose lines between them as they are. A
    transcript goes from a `>>>` line over its `...` lines and its outputs, to a blank line that no
    `>>>` line follows."""
    items: list[Block | str] = []
    intro: list[str] = []
    i = 0
    while i < len(lines):
        if not _PROMPT.match(lines[i]):
            items.append(lines[i])
            if lines[i].strip():
                intro.append(lines[i].strip())
            i += 1
            continue
        end = i + 1
        while end < len(lines):
            if lines[end].strip():
                end += 1
                continue
            after = next((k for k in range(end, len(lines)) if lines[k].strip()), len(lines))
            if after < len(lines) and _PROMPT.match(lines[after]):
                end = after
                continue
            break
        items.append(
            Block("pycon", tuple(lines[i:end]), True, " ".join(intro[-3:]), intro[-1] if intro else "")
        )
        intro = []
        i = end
    return items


def transcript_program(body: tuple[str, ...]) -> tuple[str, str]:
    """The program a transcript typed, with its outputs as checks, and "" ; or "" and why it is not
    certain."""
    entries = _entries(body)
    defined: set[str] = set()
    program: list[str] = []
    for source, output in entries:
        text = "\n".join(source)
        head = source[0]
        if any(_ERROR.match(line.strip()) for line in output):
            return "", "a transcript that shows an error"
        if output and (len(source) > 1 or head.rstrip().endswith(":") or head.startswith("@")):
            return "", "a transcript with lines after a definition that are not typed (a second version?)"
        if reads_stdin(text) or _DANGER.search(text):
            return "", "a transcript that reads the input or rewrites names"
        found = _DEFINITION.match(head)
        if found:
            if found.group(1) in defined:
                return "", f"a transcript that defines `{found.group(1)}` twice (a draft and a correction?)"
            defined.add(found.group(1))
        target = _ASSIGNMENT.match(head)
        if target and defined & set(re.findall(r"[A-Za-z_]\w*", target.group(1))):
            return "", "a transcript that rebinds a name it defined"
        if re.match(r"^del\b", head):
            return "", "a transcript that deletes a name"
        check = _check(source, output)
        program.extend([check] if check else source)  # the check evaluates the entry once, as typed
    if not defined:
        return "", "a transcript that defines nothing"
    return "\n".join(program), ""


def _entries(body: tuple[str, ...]) -> list[tuple[list[str], list[str]]]:
    """The transcript's entries: the source typed (the `>>>` line and its `...` lines, prompts taken
    off) and the output lines shown after it (trailing blank lines dropped). Lines before the first
    `>>>` are left out."""
    entries: list[tuple[list[str], list[str]]] = []
    for line in body:
        if _PROMPT.match(line):
            entries.append(([_PROMPT.sub("", line, count=1).rstrip()], []))
        elif not entries:
            continue
        elif _CONTINUATION.match(line) and not entries[-1][1]:
            entries[-1][0].append(_CONTINUATION.sub("", line, count=1).rstrip())
        else:
            entries[-1][1].append(line.rstrip())
    for source, output in entries:
        while source and not source[-1].strip():
            source.pop()
        if not source:
            source.append("")
        while output and not output[-1].strip():
            output.pop()
    return entries


def _check(source: list[str], output: list[str]) -> str:
    """The check that a one-line entry gives the output shown ("" when there is none to check): the
    repr of an expression, or the text a `print` writes (its arguments joined by spaces). An output on
    several lines is compared with its whitespace runs made one space (a long value the reply wrapped);
    a set's elements are compared whatever their order, when each is a number, a name or a string."""
    if len(source) != 1 or not output or not source[0].strip():
        return ""
    text = source[0].strip()
    shown = "\n".join(output)
    message = "'the transcript shows another output'"
    if text.startswith("print(") and text.endswith(")"):
        arguments = _top_level_split(text[len("print(") : -1])
        if not arguments or any(_KEYWORD_ARGUMENT.match(a) or a.startswith("*") for a in arguments):
            return ""  # `sep=`, `end=`, `file=`, an unpacked sequence: what it writes is not read here
        if len(arguments) == 1 and _SET.fullmatch(shown.strip()):
            return _set_check(arguments[0], shown.strip(), message)
        if _UNSTEADY_OUTPUT.search(shown):
            return ""
        written = (
            f"str({arguments[0]})"
            if len(arguments) == 1
            else f"' '.join(map(str, ({', '.join(arguments)},)))"
        )
        return f"assert {written} == {shown!r}, {message}"
    if _KEYWORD.match(text) or _ASSIGNMENT.match(text) or text.endswith((":", ";")) or text.startswith("#"):
        return ""
    if len(output) == 1 and _SET.fullmatch(shown.strip()):
        return _set_check(text, shown.strip(), message)
    if _UNSTEADY_OUTPUT.search(shown):
        return ""
    if len(output) > 1 and shown.lstrip()[:1] in ("[", "(", "{") and shown.rstrip()[-1:] in ("]", ")", "}"):
        return f"assert ' '.join(repr(({text})).split()) == {' '.join(shown.split())!r}, {message}"
    if len(output) > 1:
        return ""
    return f"assert repr(({text})) == {shown.strip()!r}, {message}"


_KEYWORD_ARGUMENT = re.compile(r"^[A-Za-z_]\w*\s*=(?!=)")
# a set shown with elements whose repr has no comma: numbers, names (True, None), plain strings
_ELEMENT = r"(?:-?[\w.]+|'[^',\\]*'|\"[^\",\\]*\")"
_SET = re.compile(rf"\{{{_ELEMENT}(?:, {_ELEMENT}){{0,200}}\}}")


def _set_check(expression: str, shown: str, message: str) -> str:
    """The check that expression is a set whose elements' reprs are those shown, in any order (a set's
    order changes from run to run)."""
    elements = sorted(shown[1:-1].split(", "))
    return (
        f"assert (lambda v: isinstance(v, (set, frozenset)) and sorted(map(repr, v)) == {elements!r})"
        f"(({expression})), {message}"
    )


def _top_level_split(text: str) -> list[str]:
    """text cut at its commas outside brackets and quotes, each part stripped; a trailing comma
    leaves no empty part. [] when a bracket closes that text did not open."""
    parts: list[str] = []
    depth, quote, start, escaped = 0, "", 0, False
    for i, char in enumerate(text):
        if escaped:
            escaped = False
        elif quote:
            escaped = char == "\\"
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return []  # `print(a) or f(b)`: not one call of print
        elif char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    if parts and not parts[-1]:
        parts.pop()
    return parts


def is_transcript_head(line: str) -> bool:
    """Whether a line starts a transcript entry (`>>>`)."""
    return _PROMPT.match(line) is not None
