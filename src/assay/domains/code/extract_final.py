"""What may be the response's final code although it is not a Python block `extract` can run: a statement
in inline backticks, a block in another language, a `>>>` transcript, each after the code and told apart
by the prose around it ("Final version:", "Even shorter:", "Corrected:", "Here is the same in Rust:").
Pure text work, linear on hostile input (bounded patterns, one keyword scan per line).

The promise it helps keep: the code tested is the response's final code. When the final code is in a
form assay cannot run (an inline statement, another language, a transcript), extraction fails closed.
"""

from __future__ import annotations

import re

from assay.domains.code.extract_rules import defines, prose_statement, reads_stdin, statement

# the prose points at what follows as the final code, or as a change of the code
_FINAL_FRAMING = re.compile(
    r"\b(?:final(?:ly)?|correct(?:ed|ion)|fix(?:ed)?|actually|instead|revis(?:ed|ion)|updated?|improved"
    r"|shorter|simpler|simplest|simplified|compact|cleaner|one[- ]?liner|oops|wait|use\s+this|submit"
    r"|(?:my|the)\s+answer|replace(?:d|ment)?|recommended|preferred|better|best|optimal|use\s+(?:this|that|it))\b",
    re.I,
)
# the prose says a block in another language is a translation of the code (the same solution)
_LANGUAGE = (
    r"(?:java\s*script|js|node(?:\.?js)?|type\s*script|ts|java|kotlin|c\+\+|cpp|c#|c|go(?:lang)?|rust|ruby"
    r"|swift|php|scala|haskell|r|julia|lua|perl|awk|bash|shell|dart|elixir|ocaml|f#|matlab|zig|nim)"
)
_TRANSLATION_FRAMING = re.compile(
    rf"(?:\b(?:in|into|using|with|for)\s+{_LANGUAGE}(?![\w+#])|(?<![\w+#]){_LANGUAGE}\s+(?:version|equivalent"
    r"|translation|port|implementation|solution|code|users|programmers)\b"
    r"|\b(?:equivalent|translat(?:e|ed|ion)|port(?:ed)?|same\s+(?:solution|logic|approach|algorithm|idea"
    r"|thing|code|program|function)|for\s+comparison|other\s+languages?)\b)",
    re.I,
)
# an untagged or text block introduced as output, input or an example is data, whatever it holds
_DATA_FRAMING = re.compile(
    r"\b(?:outputs?|inputs?|results?|prints?|printed|examples?|samples?|expected|runs?|execution|stdout"
    r"|stdin|console|tests?)\b",
    re.I,
)
# tags of blocks that hold text or data, not a program
_TEXT_TAGS = frozenset(
    {"", "text", "txt", "plaintext", "plain", "output", "out", "stdout", "stdin", "input", "in", "log",
     "none", "nohighlight", "markdown", "md", "example", "sample", "result", "results", "json", "yaml",
     "yml", "toml", "ini", "csv", "tsv", "xml", "html", "css", "latex", "tex", "math", "mermaid", "sql",
     "diff", "patch", "udiff", "git-diff"}
)  # fmt: skip
_CODE_PUNCTUATION = re.compile(r"[;{}]|\w\s*\([^)]{0,500}\)|(?<![=!<>])=(?!=)|=>|->")
_SPAN = re.compile(r"`([^`\n]{1,500})`|<(?:code|tt|kbd|samp)\b[^>]{0,100}>([^<\n]{1,500})</", re.I)
# a statement in inline code offered as another version: "Or, `...`", "Alternatively: `...`"
_ALTERNATIVE_SPAN = re.compile(r"(?:^|[.:;!?*]\s*)(?:or|alternatively)\b|\balternative\b", re.I)
_RETURN = re.compile(r"^return\b")
# a fence inside a quote (`> ```rust`): a block `extract` does not read as one
_QUOTED_FENCE = re.compile(r"^[ \t]*>[ \t>]*(?:```|~~~)")
# a tag that names data, not a language (`sample-output`, `example_input`)
_DATA_TAG = re.compile(r"output|input|stdout|stdin|result|example|sample|log|text|txt|plain|data", re.I)
# an expression offered in place of the code's ("Even simpler, just `n ** 2`", "Use `x[::-1]` instead")
_EXPRESSION = re.compile(r"[-+*/%<>&|^\[(]")
_REPLACEMENT = re.compile(
    r"\b(?:shorter|simpler|simplest|simply|one[- ]?liner|instead|just|use|final\s+(?:code|version|answer"
    r"|solution|program|form|expression)|replace\w*)\b",
    re.I,
)
_CONTRAST = re.compile(r"\b(?:instead\s+of|rather\s+than|than|over|not|avoid(?:s|ing)?)\s*$", re.I)
_COMPLEXITY = re.compile(r"[OΘΩoθω]\s*\([^()]{0,100}\)$")
_LAMBDA = re.compile(r"\blambda\b")
_PRINT = re.compile(r"\bprint\s*\(")


def final_framing(text: str) -> bool:
    """Whether the prose points at what follows as the final code or a change of it."""
    return _FINAL_FRAMING.search(text) is not None


def other_language_risk(tag: str, body: tuple[str, ...], intro: str, following: str) -> str:
    """Why a block after the code, not Python, may be the final code ("" when it is harmless). A
    program in another language is harmless only as a translation: the prose before it says so (the same
    solution in Rust) and neither it nor the line after calls it final or corrected. A text block
    introduced as the final code that holds code punctuation (not output: the prose would say so) is
    another program too."""
    if tag in _TEXT_TAGS or _DATA_TAG.search(tag):
        framed = final_framing(intro) or final_framing(following)
        if tag in ("", "text", "txt", "plaintext", "plain") and framed:
            data = _DATA_FRAMING.search(intro) or _DATA_FRAMING.search(following)
            if not data and any(_CODE_PUNCTUATION.search(line) for line in body):
                return f"a block tagged {tag or 'with nothing'} introduced as the final code"
        return ""
    if final_framing(intro) or final_framing(following):
        return f"a {tag} block introduced as the final code (assay runs Python only)"
    if not _TRANSLATION_FRAMING.search(intro) and not _language_heading(intro, tag):
        return f"a {tag} block after the code not introduced as the same solution in another language"
    return ""


# "**Java:**", "### C++": a heading that is the block's language alone, as answers that give one solution
# in several languages head each (the Python block is one of them, not a draft)
_LANGUAGE_HEADING = re.compile(rf"(?:^|[.!?:]\s+)[#*_\s]*(?P<language>{_LANGUAGE})[\s:*_]*$", re.I)
_LANGUAGE_ALIASES = {
    "c++": "cpp", "javascript": "js", "node": "js", "nodejs": "js", "node.js": "js", "typescript": "ts",
    "golang": "go", "c#": "cs", "csharp": "cs", "shell": "bash", "sh": "bash",
}  # fmt: skip


def _language_heading(intro: str, tag: str) -> bool:
    """Whether the prose before a block ends on a heading naming the block's own language alone."""
    heading = _LANGUAGE_HEADING.search(intro)
    if heading is None:
        return False
    said = re.sub(r"\s+", "", heading.group("language").lower())
    return _LANGUAGE_ALIASES.get(said, said) == _LANGUAGE_ALIASES.get(tag, tag)


def transcript_final_risk(body: tuple[str, ...], intro: str, functions: set[str]) -> str:
    """Why a `>>>` transcript introduced as the final version may be the final code: it does more than
    call the functions the code defines (a script defines none: then any statement is a new program)."""
    if not final_framing(intro):
        return ""
    for line in body:
        head = line.lstrip()
        if not head.startswith(">>>"):
            continue
        source = head[3:].strip()
        if source and not (functions & set(re.findall(r"[A-Za-z_]\w*", source))):
            return "a transcript introduced as the final version"
    return ""


def inline_code_risk(line: str, before: str, flat_code: str, names: set[str], functions: set[str]) -> str:
    """Why inline code in a prose line after the code may be the final code ("" when harmless): a span
    not quoted from the code that is a statement and defines, rebinds a name the code binds, reads
    the input, prints in a script (a program of its own), or joins statements with `;`; or any such
    statement the prose (this line, or the line before) calls final, shorter or corrected, or that this
    line offers as an alternative ("Or: `...`"); or an expression offered in place of the code's ("Even
    simpler, just `n ** 2`"). A span the prose contrasts with the code ("instead of `X`") is harmless."""
    if _QUOTED_FENCE.match(line):
        return "a code block inside a quote after the code"
    for span in _SPAN.finditer(line):
        text = (span.group(1) or span.group(2) or "").strip()
        parts = [part.strip() for part in text.split(";") if part.strip()]
        if not parts or flat(text.replace(";", "\n")) in flat_code or _COMPLEXITY.match(text):
            continue  # a quote of the code (its lines in order, joined by `;` or not); `O(n log n)`
        definition = defines(text) or re.match(r"(?:async\s+)?def\s|class\s", text) is not None
        statements = [
            part for part in parts if statement(part) or prose_statement(part) or _LAMBDA.search(part)
        ]
        if not (definition or statements):
            window = line[max(0, span.start() - 60) : span.start()]
            if _EXPRESSION.search(text) and _REPLACEMENT.search(window) and not _CONTRAST.search(window):
                return f"inline code offered as a replacement after the code ({text[:60]!r})"
            continue
        why = f"inline code after the code ({text[:60]!r})"
        if definition or len(parts) > 1 or reads_stdin(text) or _LAMBDA.search(text):
            return why
        if any(_rebinds(part, names) for part in statements):
            return why
        if not functions and any(_PRINT.match(part) for part in statements):
            return why
        lead, rest = line[: span.start()], line[span.end() :]
        framed = final_framing(lead) or final_framing(rest) or final_framing(before)
        if any(_RETURN.match(part) for part in statements) and (framed or not _warned_against(lead, rest)):
            return why  # another body for a function of the code
        if _CONTRAST.search(lead[-60:]):
            continue  # "simpler than `X`", "instead of `X`": what the code is not
        if (
            final_framing(lead)
            or final_framing(rest)
            or final_framing(before)
            or _ALTERNATIVE_SPAN.search(lead)
        ):
            return why
    return ""


# the prose around a span calls it wrong ("A common mistake is `X`", "`X` would be wrong", "Don't
# write `X`"): what the code is not, not another version of it
_WARNED_BEFORE = re.compile(
    r"\b(?:mistakes?|wrong|incorrect|buggy|a\s+bug|avoid|instead\s+of|rather\s+than"
    r"|(?:don'?t|do\s+not|never)\s+(?:write|use|do|return))\b[^`.;:]{0,40}$",
    re.I,
)
_WARNED_AFTER = re.compile(
    r"^[^`.;]{0,30}?\b(?:would|will|is|was)\s+(?:be\s+)?(?:wrong|incorrect|buggy|broken|a\s+(?:bug|mistake))\b",
    re.I,
)


# the prose after the span calls it right after all ("Avoid the bug: `X` is correct")
_AFFIRMED = re.compile(r"\b(?:correct|right|works?|fix(?:ed|es)?|solution|answer|proper|should|must)\b", re.I)


def _warned_against(lead: str, rest: str) -> bool:
    """Whether the prose calls a span wrong, and nothing after it calls it right."""
    if _WARNED_AFTER.search(rest) is not None:
        return True
    return _WARNED_BEFORE.search(lead[-120:]) is not None and _AFFIRMED.search(rest) is None


def _rebinds(statement: str, names: set[str]) -> bool:
    target = re.match(r"^(.{0,500}?)(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)", statement)
    return target is not None and bool(names & set(re.findall(r"[A-Za-z_]\w*", target.group(1))))


_ASSIGNED = re.compile(
    r"^([A-Za-z_(\[*][\w \t,.()\[\]*]{0,300}?)(?::[^=\n]{0,200})?"
    r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)",
    re.M,
)


def bound_names(code: str) -> set[str]:
    """The names the code binds at its top level: functions, classes, and assignment targets."""
    found = set(re.findall(r"^(?:async\s+def|def|class)\s+(\w+)", code, re.M))
    for target in _ASSIGNED.findall(code):
        found.update(re.findall(r"[A-Za-z_]\w*", target))
    return found


def flat(text: str) -> str:
    """text without its whitespace: a quote matches whatever its spacing."""
    return re.sub(r"\s+", "", text)


# the line before a second whole program says it corrects the first (not "Alternatively:", "Approach 2")
_CORRECTION = re.compile(
    r"\b(?:correct(?:ed|ion)|fix(?:ed)?|final|wait|oops|actually|revised|updated|instead)\b", re.I
)
_RETRACTION = re.compile(r"\b(?:wrong|incorrect|bug(?:gy)?|mistake|typo|broken|fails?)\b", re.I)
_ALTERNATIVE = re.compile(
    r"\b(?:or|alternative(?:ly)?|another|approach|option|method|variant|also|version\s+\d|both)\b", re.I
)


# prose after a correction that may point back at the draft ("Actually, the first one is better")
_BACK_REFERENCE = re.compile(
    r"\b(?:actually|wait|oops|instead|prefer(?:red)?|first\s+(?:one|version|program|approach|solution|block)"
    r"|previous|earlier|original|either|recommend(?:ed)?|second\s+(?:one|version)\s+is)\b",
    re.I,
)


def points_back(line: str) -> bool:
    """Whether a prose line after a correction may choose the draft again."""
    return _BACK_REFERENCE.search(line) is not None


def alternative_lead(lead: str) -> bool:
    """Whether the line introducing a block offers it as another way to solve the problem, not as a
    correction of the code before."""
    return (
        _ALTERNATIVE.search(lead) is not None
        and _CORRECTION.search(lead) is None
        and _RETRACTION.search(lead) is None
    )


# the line before a block that names it a past or rejected version ("For reference, the old (wrong)
# version was:", "My first draft:"): the code it holds is not the answer, even if it comes last
_DRAFT = re.compile(
    r"\b(?:old|older|previous|earlier|original|first\s+(?:attempt|try|draft)|at\s+first|draft|wrong"
    r"|incorrect|buggy|broken|naive|before|mistakes?|avoid|don'?t|do\s+not)\b",
    re.I,
)


def draft_lead(lead: str) -> bool:
    """Whether the line introducing a block calls it a past or wrong version of the code, and not the
    correction of it ("the corrected version of the old code" is a correction)."""
    return _DRAFT.search(lead) is not None and _CORRECTION.search(lead) is None


_COMMENT = re.compile(r"^\s*#(.*)$")
_DEFINITION = re.compile(r"^\s*(?:async\s+def|def|class)\s+(\w+)")


def marked_draft(code: str) -> bool:
    """Whether a comment in the code calls the definition right after it an old or wrong version
    (`# old version, do not use`) while that definition replaces an earlier one: Python runs it, the
    response does not mean it."""
    seen: set[str] = set()
    note = False  # the last non-blank line was a comment naming a draft
    for line in code.splitlines():
        if not line.strip():
            continue
        comment = _COMMENT.match(line)
        if comment:
            note = draft_lead(comment.group(1))
            continue
        found = _DEFINITION.match(line)
        if found and not line[0].isspace():
            if note and found.group(1) in seen:
                return True
            seen.add(found.group(1))
        note = False
    return False


# a heading that names its block the right one ("### Correct approach", "**Right solution:**"): after a
# block introduced as wrong ("### Incorrect approach"), the pair is a draft and its correction
_RIGHT_HEADING = re.compile(
    r"^[#*_>\s-]{0,8}(?:the\s+)?(?:correct|right|fixed|working)\s+"
    r"(?:approach|solution|version|implementation|code|answer)\b[^.?!]{0,40}$",
    re.I,
)


def righted_lead(lead: str, earlier_leads: list[str]) -> bool:
    """Whether the line introducing a block names it the right version after a block before it was
    introduced as the wrong one: then the later definition, which runs last, is the answer."""
    return (
        _RIGHT_HEADING.search(lead) is not None
        and _RETRACTION.search(lead) is None
        and _ALTERNATIVE_WORDS.search(lead) is None
        and any(draft_lead(earlier) for earlier in earlier_leads)
    )


_ALTERNATIVE_WORDS = re.compile(r"\b(?:or|alternative(?:ly)?|another|also|both|either)\b", re.I)


def correction_lead(lead: str) -> bool:
    """Whether the line introducing a block calls it the correction of the code before (then the draft
    before it is not the answer)."""
    return _CORRECTION.search(lead) is not None and _ALTERNATIVE.search(lead) is None
