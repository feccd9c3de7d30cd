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
made single spaces; a set of numbers, names or strings compared element by element, in any order). What
a loop or another compound statement prints (`>>> for x in xs: print(f(x))`), and a `print` with
`sep=`, `end=` or `*args`, is caught while it runs and compared line by line. So a transcript whose
outputs disagree with its code fails when it runs: its claims are refused with it. Outputs not read
with certainty are not checked: an object's address, a set of tuples, `print(..., file=f)`. A compound
statement that shows output it may not have printed (a bare expression in a loop, which the REPL echoes
and a program does not) leaves the transcript uncertain.

A transcript after the code that only calls it is checked the same way (transcript_checks), its checks
run after the code: entries whose output is not read (an error shown on purpose) are left out there.
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


def transcript_checks(body: tuple[str, ...]) -> str:
    """The checks of a transcript after the code, which only calls it (extract_rules.transcript_harmless):
    what it typed with its outputs as checks, run after the code, so that outputs it shows wrongly
    refuse the response as they would in a transcript that is the answer. An entry that prints and
    shows nothing is left out (run after a program, it would add to what the program writes). "" when
    it shows no output to check, or shows what is not read with certainty (an error): then it is left
    as it was, unchecked."""
    program, why = _program(body, calls_only=True)
    return program if not why and "the transcript shows another output" in program else ""


def transcript_program(body: tuple[str, ...]) -> tuple[str, str]:
    """The program a transcript typed, with its outputs as checks, and "" ; or "" and why it is not
    certain."""
    return _program(body, calls_only=False)


def _program(body: tuple[str, ...], calls_only: bool) -> tuple[str, str]:
    entries = _entries(body)
    defined: set[str] = set()
    program: list[str] = []
    for source, output in entries:
        text = "\n".join(source)
        head = source[0]
        if any(_ERROR.match(line.strip()) for line in output):
            if calls_only:
                continue  # an error the code raises on purpose (`f(-1)` → ValueError): not run, not checked
            return "", "a transcript that shows an error"
        compound = _COMPOUND.match(head) is not None
        if (
            output
            and not compound
            and (len(source) > 1 or head.rstrip().endswith(":") or head.startswith("@"))
        ):
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
        if calls_only and not output and "print(" in text:
            continue
        if compound and output:
            if not _only_prints(source):
                if calls_only:
                    continue  # what it shows is not read: not run, not checked
                return "", "a transcript whose loop shows output it may not print (a bare expression?)"
            program.extend(_printed_check(source, output))
            continue
        check = _check(source, output)
        program.extend([check] if check else source)  # the check evaluates the entry once, as typed
    if not defined and not calls_only:
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
        if not arguments:
            return ""  # not one call of print
        if any(_KEYWORD_ARGUMENT.match(a) or a.startswith("*") for a in arguments):
            # `sep=`, `end=`, an unpacked sequence: what it writes is caught as it runs (`file=` writes
            # elsewhere, and an address or a set's order is not steady)
            if any(re.match(r"^file\s*=", a) for a in arguments) or _UNSTEADY_OUTPUT.search(shown):
                return ""
            return "\n".join(_printed_check(source, output))
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


# a compound statement typed at the prompt: what it shows is what its body prints
_COMPOUND = re.compile(r"^(?:async\s+)?(?:for|while|if|with)\b")
_PRINTS = re.compile(r"^(?:print\(|(?:if|elif|else|for|while|with|try|except|finally|pass|break|continue)\b)")
_CAUGHT = "_transcript_printed"


def _only_prints(source: list[str]) -> bool:
    """Whether every statement in a compound entry's body prints, binds or steers, so that what the
    REPL shows is what a program prints (a bare expression in a loop is echoed by the REPL only). A
    one-line entry's body is what follows its header's colon."""
    statements = [_after_header(source[0])] if len(source) == 1 else [line.strip() for line in source[1:]]
    for statement in statements:
        if statement is None:
            return False
        for part in _top_level_split_on(statement, ";"):
            if part and not (_PRINTS.match(part) or _ASSIGNMENT.match(part) or part.startswith("#")):
                return False
    return True


def _after_header(line: str) -> str | None:
    """The body of a one-line compound statement (`for x in xs: print(x)` → `print(x)`), or None when
    its header's colon is not found outside brackets and quotes."""
    parts = _top_level_split_on(line, ":")
    return ":".join(parts[1:]).strip() if len(parts) > 1 else None


def _printed_check(source: list[str], output: list[str]) -> list[str]:
    """The entry run with what it prints caught, then the check that the lines it printed (their
    trailing spaces dropped, as a transcript cannot show them) are the lines shown."""
    shown = [line.rstrip() for line in output]
    return [
        "import contextlib as _transcript_contextlib, io as _transcript_io",
        f"with _transcript_contextlib.redirect_stdout(_transcript_io.StringIO()) as {_CAUGHT}:",
        *(f"    {line}" for line in source),
        f"assert [line.rstrip() for line in {_CAUGHT}.getvalue().splitlines()] == {shown!r}, "
        "'the transcript shows another output'",
    ]


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
    return _top_level_split_on(text, ",")


def _top_level_split_on(text: str, separator: str) -> list[str]:
    """text cut at separator outside brackets and quotes, each part stripped; a trailing separator
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
        elif char == separator and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    if parts and not parts[-1]:
        parts.pop()
    return parts


def is_transcript_head(line: str) -> bool:
    """Whether a line starts a transcript entry (`>>>`)."""
    return _PROMPT.match(line) is not None
