"""The text tests `extract` uses to tell what a line or a block of a model's reply is: a Python
statement, sample output, a shell command that only runs the file, a transcript that only calls the
code, an edit of the code told in prose. Pure text work, linear on hostile input: every pattern is
anchored, bounded, or found by a keyword scan checked in a bounded window.
"""

from __future__ import annotations

import itertools
import re

from assay.text.compatible import compatible

# -- what a line is ------------------------------------------------------------------------------------

CODE_START = re.compile(r"^(?:async\s+def|def|class|import|from)\s|^@\w")
_CODE_LINE = re.compile(
    r"^(?:[#@)\]}]|(?:async|def|class|import|from|if|elif|else|for|while|try|except|finally|with|return"
    r"|assert|raise|pass|global|nonlocal|del|print|lambda|yield|break|continue)\b|[A-Za-z_][\w.]*"
    r"(?:\[[^\]]*\])?\s*(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)|[A-Za-z_][\w.]*\s*\()"
)
_TARGET = r"\*?[A-Za-z_][\w.]{0,100}(?:\[[^\]]{0,200}\])?"
_OPERATOR_EQ = r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)?=(?!=)"
# assignments the first-line test used to miss: `a, b = ...`, `(a, b) = ...`, `[a, b] = ...`,
# `*xs, = ...`, `n: int = ...`, `line: str`; a docstring; a comprehension used as a statement
_ASSIGNMENT = re.compile(
    # one `\s*` between optional marks (`\s*,?\s*[)\]]?\s*` backtracks cubically on a run of spaces)
    rf"^[(\[]?\s*{_TARGET}(?:\s*,\s*{_TARGET}){{0,50}}\s*(?:,\s*)?(?:[)\]]\s*)?{_OPERATOR_EQ}"
    r"|^[A-Za-z_][\w.]{0,100}\s*:\s*[A-Za-z_][\w.\[\], |]{0,200}=(?!=)"
    r"|^[A-Za-z_]\w{0,100}\s*:\s*(?:int|str|float|bool|bytes|list|dict|set|tuple|List|Dict|Set|Tuple"
    r"|Optional|Any)\b\S{0,200}\s*$"
)
_DOCSTRING = re.compile(r"^[rRbBuUfF]{0,2}(?:\"\"\"|''')")
_FOR, _IN = re.compile(r"\bfor\b"), re.compile(r"\bin\b")


def _extra_statement(line: str) -> bool:
    """A docstring, or a comprehension used as a statement (`[print(x) for x in xs]`); searched in
    linear passes (a regex with two unbounded gaps would backtrack on a hostile line)."""
    if _DOCSTRING.match(line):
        return True
    found = _FOR.search(line) if line[:1] in ("[", "(", "{") else None
    return found is not None and _IN.search(line, found.end()) is not None


# example notation in sample output: `f(5) -> 120`, `total([1, 2]) = 5`, `f(3) returns 6`
_EXAMPLE = re.compile(
    r"^[A-Za-z_][\w.]{0,100}\s*\(.{0,2000}\)\s*(?:->|→|=>|==?|:|returns?\b|gives\b|is\b)\s*[^\s=]"
)


def statement(line: str) -> bool:
    """Whether line (not indented) starts like a Python statement: the loose test, for block bodies."""
    return bool(_CODE_LINE.match(line) or _ASSIGNMENT.match(line) or _extra_statement(line))


# the strict test, for lines of prose: the whole line must read as a statement
_PROSE_STATEMENT = re.compile(
    r"^[A-Za-z_][\w.]{0,100}\s*\(.{0,2000}\)\s*;?\s*(?:#.*)?$"  # a call alone on its line
    r"|^(?:if|elif|else|while|for|with|try|except|finally|async|match)\b[^:]*:\s*(?:#.*)?$"
    r"|^(?:import\s+[\w.]+(?:\s*,\s*[\w.]+)*(?:\s+as\s+\w+)?|from\s+[\w.]+\s+import\s+[\w*, ()]+)\s*$"
    r"|^(?:return|raise|assert|yield|del)\s+(?=[^.!?]*[()\[\]+\-*/%<>=])[^.!?]*$"
    r"|^(?:return\s+[\w.]+|pass|break|continue)\s*(?:#.*)?$"
)


# a labelled example line of a problem statement (`Input: nums = [2,7], target = 9`, `Example 1:`,
# `Output: 3`): Python would read `Input: nums = ...` as an annotated assignment, a reply means data
_EXAMPLE_LABEL = re.compile(
    r"^(?:Input|Output|Example|Explanation|Note|Returns?|Result|Expected(?:\s+output)?|Answer|Given|Case"
    r"|Test(?:\s+case)?|Sample(?:\s+(?:input|output))?)\s*\d{0,3}\s*:"
)


def example_label(line: str, names: set[str]) -> bool:
    """Whether a line is a labelled example (`Input: nums = [2,7], target = 9`) that assigns none of
    names (the code's): data about the problem, not code."""
    found = _EXAMPLE_LABEL.match(line.strip())
    if found is None:
        return False
    rest = line.strip()[found.end() :]
    targets = re.findall(r"([A-Za-z_]\w*)\s*=(?!=)", rest)
    return not names & set(targets)


def prose_statement(line: str) -> bool:
    """Whether a line of prose (marks stripped) is a line of Python: bare or markdown-indented code."""
    if _PROSE_STATEMENT.match(line) and not _words_clause(line):
        return True
    assignment = _ASSIGNMENT.match(line) and not line.rstrip().endswith((".", "?", "!"))
    return bool(assignment or _extra_statement(line))


_COMPOUND_HEAD = re.compile(r"(?:if|elif|while|for|with|except|async|match)\s([^:]*):\s*$")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_NAME = re.compile(r"[A-Za-z_]\w*")
# what may stand between two names in Python: keywords (`i in xs`, `not done`, `e as f`) and soft ones
_KEYWORDS = frozenset(
    {"and", "as", "assert", "async", "await", "case", "else", "for", "from", "if", "in", "is", "lambda",
     "match", "not", "or", "with", "yield", "None", "True", "False"}
)  # fmt: skip


def _words_clause(line: str) -> bool:
    """Whether a compound statement's head holds two names side by side, which Python never writes
    outside a string (`for each query:`, `with the helper:`): prose, not code."""
    head = _COMPOUND_HEAD.fullmatch(line.strip())
    if head is None:
        return False
    tokens = re.findall(r"[A-Za-z_]\w*|\S", _QUOTED.sub("''", head.group(1)))
    return any(
        _NAME.fullmatch(a) and _NAME.fullmatch(b) and a not in _KEYWORDS and b not in _KEYWORDS
        for a, b in itertools.pairwise(tokens)
    )


_PROSE_MARKS = re.compile(r"^(?:\s*(?:>|[-*+]\s|\d{1,3}[.)]\s|<[a-zA-Z][^>]{0,200}>))*\s*")


def strip_prose_marks(line: str) -> str:
    """line without its indentation, quote marks, list markers and leading HTML tags."""
    line = line[_PROSE_MARKS.match(line).end() :].rstrip()  # type: ignore[union-attr]
    for _ in range(4):  # closing HTML tags at the end: `print(x)</code></pre>` (a few: linear)
        close = line.rfind("</", max(0, len(line) - 200))
        if not line.endswith(">") or close <= 0 or "<" in line[close + 2 :]:
            break
        line = line[:close].rstrip()
    return line


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


def defines(line: str) -> bool:
    """Whether line holds a Python definition (a `>>>` / `...` transcript line does not count)."""
    return not line.lstrip().startswith((">>>", "...")) and _PYTHON_DEFINITION.search(line) is not None


_READS_STDIN = re.compile(
    r"\b(?:raw_)?input\s*\(|\bstdin\b|\bopen\s*\(\s*0\s*[,)]|\bfileinput\b|\bos\.read\s*\("
)


# every match of _READS_STDIN holds one of these words, and the regex tries each of its alternatives at
# every position (no literal prefix): code holding none of them (most of it) is not searched at all
_STDIN_WORDS = ("input", "stdin", "open", "os.read")


def reads_stdin(code: str) -> bool:
    if not any(word in code for word in _STDIN_WORDS):
        return False
    return _READS_STDIN.search(code) is not None


# a top-level line that is not a definition, an import, a decorator or a comment: the block does
# something when it runs (a program's body, a call, an assignment)
_TOP_LEVEL_QUIET = re.compile(r"(?:async\s+def|def|class|import|from)\s|@|#|[)\]}]|\"\"\"|\'\'\'")


def acts(code: str) -> bool:
    """Whether code has a top-level statement besides definitions and imports."""
    return any(
        line[:1] not in ("", " ", "\t") and not _TOP_LEVEL_QUIET.match(line) for line in code.splitlines()
    )


def defined_names(code: str) -> set[str]:
    """The names the code defines at its top level (functions and classes)."""
    return set(re.findall(r"^(?:async\s+def|def|class)\s+(\w+)", code, re.M))


# -- what a block is -----------------------------------------------------------------------------------

# a comment that stands for code left out: the block is an excerpt, not the whole program
# (`# ... rest of the function unchanged`, `# … existing code …`, `# same as above`)
_ELISION = re.compile(
    r"^\s*#\s*(?:\.\.\.|…)"
    r"|^\s*#.*\b(?:rest|remainder)\s+of\s+(?:the\s+|your\s+|my\s+)?"
    r"(?:code|function|class|implementation|file|method|solution|program|logic)\b"
    r"|^\s*#.*\b(?:existing|previous|original)\s+(?:code|implementation|logic)\b"
    r"|^\s*#.*\b(?:same|unchanged)\s+as\s+(?:above|before)\b"
    r"|^\s*#.*\b(?:code|implementation|logic|body)\s+(?:omitted|unchanged|remains\s+the\s+same)\b",
    re.I,
)


def elides(body: tuple[str, ...] | list[str]) -> bool:
    """A comment line of the block stands for code left out (`# ... rest unchanged`)."""
    return any(_ELISION.match(line) for line in body)


_PYTHON_TAG = re.compile(r"(?:python|py)[0-9.]*", re.I)
_TRANSCRIPT_TAGS = frozenset({"pycon", "python-repl", "pyrepl", "doctest", "python-console", "repl"})
_SHELL_TAGS = frozenset(
    {"bash", "sh", "shell", "zsh", "fish", "console", "shell-session", "sh-session", "terminal", "cmd",
     "powershell", "ps1", "ps", "bat", "batch", "shellsession", "commandline", "cli"}
)  # fmt: skip
_DIFF_TAGS = frozenset({"diff", "patch", "udiff", "git-diff"})
# other programming and data languages: a block in one is not Python code unless it defines Python
_OTHER_TAGS = frozenset(
    {"c", "cpp", "c++", "cc", "h", "hpp", "java", "javascript", "js", "jsx", "ts", "typescript", "tsx",
     "go", "golang", "rust", "rs", "ruby", "rb", "kotlin", "kt", "swift", "csharp", "cs", "c#", "php",
     "scala", "haskell", "hs", "r", "julia", "jl", "lua", "perl", "pl", "sql", "html", "css", "xml",
     "json", "yaml", "yml", "toml", "ini", "csv", "tsv", "latex", "tex", "math", "dart", "elixir",
     "clojure", "ocaml", "fsharp", "matlab", "octave", "vb", "vbnet", "objc", "zig", "nim", "mermaid"}
)  # fmt: skip


def block_kind(tag: str, body: tuple[str, ...]) -> str:
    """code | fragment | transcript | shell | diff | other (another language) | text."""
    first = next((line for line in body if line.strip()), "")
    if not first:
        return "text"  # an empty block
    if first.lstrip().startswith(">>>") or tag in _TRANSCRIPT_TAGS:
        return "transcript"
    python = _PYTHON_TAG.fullmatch(tag) is not None
    if not tag:
        head = first.strip()
        python = statement(head) and not _EXAMPLE.match(head)
    if python:
        first_code = next((line for line in body if line.strip() and not line.lstrip().startswith("#")), "")
        return "fragment" if first_code[:1] in (" ", "\t") else "code"
    if tag in _SHELL_TAGS:
        return "shell"
    if tag in _DIFF_TAGS:
        return "diff"
    return "other" if tag in _OTHER_TAGS else "text"


def reads_as_python(kind: str, body: tuple[str, ...]) -> bool:
    """Whether a block in another language (kind "other") holds a line only Python has (a mislabelled
    program), or a text block (output, untagged, an unknown tag) a line that reads as a statement."""
    for line in body:
        head = line.strip()
        if not head:
            continue
        if _python_only(line) or defines(line):
            return True
        if kind == "text" and statement(head) and not _EXAMPLE.match(head):  # `f(5) -> 120` is output
            return True
    return False


# what only Python code holds: a call of a builtin that runs, reads or prints, a lambda, an import, a
# block statement closed by a colon
_PYTHON_ONLY = re.compile(
    r"\b(?:print|input|exec|eval|open|__import__|compile|getattr|setattr|globals)\s*\(|\bdef\s+\w+\s*\("
    r"|\blambda(?:\s+\*{0,2}[A-Za-z_]\w*\s*[,:=)]|\s*:)|^\s*(?:import\s+\w|from\s+[\w.]+\s+import\b)"
    r"|^\s*(?:if|elif|else|for|while|def|class|with|try|except|finally)\b[^{};]*:\s*$"
)


def _python_only(line: str) -> bool:
    return _PYTHON_ONLY.search(line) is not None


# a usage line: a call of one of the code's functions (`add(1, 2)`, `Solution().twoSum([2, 7], 9)`),
# printed or not, with a comment after it (`# Output: 3`); no assignment, keyword argument or `;`
_USAGE = re.compile(
    r"^(?:print\s*\(\s*)?(?P<name>[A-Za-z_]\w{0,100})(?:\s*\(\s*\))?(?:\.[A-Za-z_]\w{0,100})?\s*\("
    r"(?P<arguments>[^;]{0,2000})\)\s*\)?\s*(?:#[^\n]{0,500})?$"
)
# a check of it on a line of its own (`assert add(1, 2) == 3`)
_USAGE_CHECK = re.compile(
    r"^assert\s+(?:not\s+)?(?P<name>[A-Za-z_]\w{0,100})(?:\s*\(\s*\))?(?:\.[A-Za-z_]\w{0,100})?\s*\("
    r"[^;]{0,2000}$"
)
_BINDING = re.compile(
    r"(?<![=!<>])=(?!=)|:=|\blambda\b|\b(?:setattr|globals|exec|eval|__dict__|__import__)\b"
)


def usage_call(line: str, functions: set[str]) -> bool:
    """Whether a prose line after the code is an example call of it ("Example usage:" / `print(add(1,
    2))  # Output: 3`, "Tests:" / `assert add(1, 2) == 3`): it binds nothing and calls a function or
    class the code defines, so it cannot be or change the final code."""
    found = _USAGE.match(line.strip()) or _USAGE_CHECK.match(line.strip())
    if found is None or found.group("name") not in functions:
        return False
    code = line.split("#", 1)[0]
    return _BINDING.search(code) is None and not reads_stdin(code)


def transcript_harmless(body: tuple[str, ...], names: set[str]) -> bool:
    """A `>>>` transcript after the code only calls it: no definition, no lambda, no input read, no
    rebinding of a name the code defines."""
    for line in body:
        head = line.lstrip()
        if not head.startswith((">>>", "...")):
            continue
        source = head[3:].strip()
        if _PYTHON_DEFINITION.search(source) or reads_stdin(source) or re.search(r"\blambda\b", source):
            return False
        if re.search(r"\b(?:setattr|globals|exec|eval|__dict__)\b", source):
            return False
        target = re.match(rf"^(.{{0,2000}}?){_OPERATOR_EQ}", source)
        if target and names & set(re.findall(r"[A-Za-z_]\w*", target.group(1))):
            return False
        if re.match(r"^(?:del|global)\b", source):
            return False
    return True


_FILE = r"[\w./\\~-]+"
_PY = r"(?:python[0-9.]*|py(?:\s+-3[0-9.]*)?|pypy[0-9.]*)(?:\s+-[uOBIEsq]+)*"
_RUN = (
    rf"(?:{_PY}\s+(?:{_FILE}\.py|-m\s+(?:pytest|unittest|doctest)\b[\w ./:=-]*)|\./{_FILE}\.py)"
    rf"(?:\s+[\w./=,:-]+)*(?:\s*<\s*{_FILE})?(?:\s*>\s*{_FILE})?"
)
# shell lines that run, test or feed the file, install a package or move around, and change nothing
_SHELL_OK = re.compile(
    rf"(?:time\s+)?(?:{_RUN}"
    rf"|(?:echo(?:\s+-[ne]+)?|printf)\s+(?:'[^']*'|\"[^\"`$]*\"|[\w ,.-]*)\s*\|\s*(?:time\s+)?{_RUN}"
    rf"|(?:cat|type)\s+{_FILE}\s*\|\s*{_RUN}"
    rf"|(?:{_PY}\s+-m\s+)?(?:pip[0-9.]*|uv\s+pip|uv|conda|poetry)\s+(?:install|add)(?:\s+[\w.=<>!~\[\],\"'-]+)+"
    r"|pytest(?:\s+[\w./:=-]+)*|(?:cd|ls|mkdir|dir)(?:\s+[\w./\\~-]+)*|chmod\s+\+x\s+[\w./-]+"
    r")\s*(?:#.*)?"
)
_SHELL_PROMPT = re.compile(
    r"^\s*(?:\$|%|>(?!>)|PS[^>]{0,200}>|[A-Za-z]:\\[^>]{0,200}>|\w+@[\w.-]+:[^$#]{0,200}[$#])\s?"
)


def shell_harmless(body: tuple[str, ...]) -> bool:
    """A shell block after the code runs it or feeds it (`sed -i`, `python -c`, a heredoc are edits or
    other programs). With prompts, the lines without one are the program's output."""
    prompted = any(_SHELL_PROMPT.match(line) for line in body)
    for line in body:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith((">>>", "...")):
            if not transcript_harmless((text,), set()):
                return False
            continue
        prompt = _SHELL_PROMPT.match(line)
        if prompt or not prompted:
            command = line[prompt.end() :].strip() if prompt else text
            if not _SHELL_OK.fullmatch(command):
                return False
        elif defines(line):
            return False
    return True


# -- edits told in prose -------------------------------------------------------------------------------
# Each pattern is found by a linear scan for its keyword, then checked in a bounded window around it
# (alternations tried at every position of a hostile line cost seconds).

_LINE_REFERENCE = re.compile(
    r"\b(?:in|on|at)\s+line\s+\d+|\bline\s+\d+\s+(?:should|must|becomes|needs|to)\b|\blines?\s+\d+\s*[-–]",
    re.I,
)
_EDIT_WORD = re.compile(
    r"\b(?:(?P<swap>replace|change|swap|substitute|rewrite|edit|modify|update|turn|flip|negate|invert|switch"
    r"|adjust|tweak|move|add|insert|append|prepend|wrap)"
    r"|(?P<drop>remove|drop|delete|omit|get\s+rid\s+of))\s+",
    re.I,
)
# what makes the verb an instruction: a clause's start, an adverb, a modal ("We replace each space"
# describes the code; "Replace `x` with", "you should change `x` to" tell an edit)
_INSTRUCTION_BEFORE = re.compile(
    r"(?:^|[.:;!?*]\s*|\b(?:just|simply|then|now|please|so|and|also|instead,?|you\s+(?:can|could|should|may"
    r"|might|must|need\s+to|have\s+to)|we\s+(?:should|must|need\s+to|can|could))\s+)$",
    re.I,
)
_SWAP_OBJECT = re.compile(r"`(?P<old>[^`]{1,500})`\s+(?:with|to|by|into|for)\b", re.I)
_DROP_OBJECT = re.compile(r"(?:the\s+)?`(?P<old>[^`]{1,500})`", re.I)
# a part of the code named in words after an edit verb, as the head of its phrase ("change the return
# statement so ...", "add a guard before ..."; not "update the loop counter", a step of an algorithm)
_CODE_PART = re.compile(
    r"(?:the|that|this|its|your|my|an?)\s+(?:[\w-]+\s+){0,3}?(?:body|line|return|condition|loop|function|call"
    r"|check|guard|clause|comparison|case|branch|expression|statement|operator|code|definition|implementation"
    r"|solution|multiplication|addition|subtraction|division|formula|calculation|constant)s?"
    r"(?=\s*(?:$|[.,;:!?)]|(?:so|to|with|by|into|for|in|on|at|from|and|as|that|which|of|is"
    r"|should|must|before|after)\b))",
    re.I,
)
# "Return `n` instead.", "Just return `x`": an instruction to return what the code does not
_RETURN_SPAN = re.compile(
    r"(?:^|[.:;!?*]\s*)(?:(?:just|simply|instead,?|so)\s+)?return\s+`([^`]{1,500})`", re.I
)
_SPAN = re.compile(r"`([^`\n]{1,500})`")
_AFTER_SPAN = re.compile(
    r"\s+(?:should|must|needs\s+to|has\s+to)\s+(?:be|become|read|say)\b|\s*(?:->|→|=>)\s*`"
    r"|[^.!?`]{0,100}\b(?:is|was)\s+(?:wrong|incorrect|a\s+bug|buggy|a\s+typo|a\s+mistake)\b",
    re.I,
)
_INSTEAD_OF = re.compile(r"\binstead\s+of\s+$", re.I)
# a sentence that says the code is wrong: an edit is meant, whatever follows
_RETRACTION_WORD = re.compile(
    r"\b(?:wait|oops|actually|correction|on\s+(?:second\s+thought|reflection)|scratch\s+that|my\s+mistake"
    r"|hmm+)\b",
    re.I,
)
_RETRACTION_EDIT = re.compile(
    r"\b(?:wrong|incorrect|bug|buggy|mistake|typo|instead|should|replace|change|fix|correct|fails?|breaks"
    r"|broken|doesn'?t\s+work|does\s+not\s+work)\b",
    re.I,
)
# a line that disowns the code or heads a change of it: "Disregard the code above", "I made a mistake
# above", "Note that the above code has a bug", "EDIT: ...", "Correction: return x * 2"
_DISOWNED = re.compile(
    r"\b(?:disregard|ignore|don'?t\s+use|do\s+not\s+use|never\s+mind|scrap)\s+(?:the|this|that|my)\s+"
    r"(?:[\w-]+\s+)?(?:code|function|solution|version|implementation|answer|snippet)\b"
    r"|\b(?:I|we)\s+(?:made|have\s+made)\s+(?:an?\s+)?(?:mistake|error|typo)\b"
    r"|\b(?:the|this|that|my)\s+(?:above\s+|previous\s+)?(?:code|function|solution|version|implementation|answer)"
    r"\s+(?:above\s+)?(?:has|contains|had)\s+(?:an?\s+|one\s+)?(?:bug|error|mistake|typo|flaw)"
    r"|^\W{0,4}(?:edit(?:ed)?|update[d]?|correction|erratum|fix(?:ed)?)\s*\W{0,3}:",
    re.I,
)
# an edit verb with what it changes written as code without backticks, still in the code ("Replace x * x
# by x * 2", "Swap a[i] for a[j]"): the words read as code when they hold an operator or a bracket
_SWAP_PLAIN = re.compile(r"(?P<old>[^`.,;:!?]{1,120}?)\s+(?:with|to|by|into|for)\s+", re.I)
_CODE_LIKE = re.compile(r"[-+*/%<>=()\[\]]")
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s")
# "Instead of x * x, write x * 2", "use x * 2 instead": a contrast with the code told as an instruction
_INSTEAD_PLAIN = re.compile(
    r"\binstead\s+of\s+(?P<old>[^`,.;:!?]{1,120}?)\s*[,;:]\s*(?:write|use|return|do)\b", re.I
)
_USE_INSTEAD = re.compile(
    r"(?:^|[.:;!?,]\s*)(?:(?:just|simply|please|you\s+(?:should|must|need\s+to))\s+)?use\s+[^.!?]{1,200}?"
    r"\binstead\b(?!\s+of\s+(?:a|an|the)\b)",
    re.I,
)
# "It should return x * 2, not x * x": what the code holds named as what it should not be
_SHOULD_NOT = re.compile(
    r"\b(?:should|must)\s+(?:return|be|use|read)\b[^.;!?]{1,120}?,\s*not\s+(?P<old>[^,.;!?]{1,120})", re.I
)
# "Better: return x * 2", "Make it return 2 * x instead": a return the code does not hold, told as an
# instruction (the expression reads as code: an operator or a bracket)
_RETURN_PLAIN = re.compile(
    r"(?:^|[.:;!?*]\s*|\bmake\s+it\s+)(?:(?:just|simply|instead,?|so|better:?)\s+)?return\s+"
    r"(?P<expr>[^`.;!?]{1,200})",
    re.I,
)
# "The return line must be x * 2": a part of the code said to need another form
_PART_MUST = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:line|return|condition|expression|operator|body|statement"
    r"|comparison|multiplication|addition|subtraction|division)\s+(?:should|must|needs\s+to|has\s+to)\s+"
    r"(?:be|become|read|say|use|return)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?]")
_CODE_IS_WRONG = re.compile(
    r"\b(?:the|this|that|my)\s+(?:code|function|solution|version|line|answer)\s+(?:above\s+)?(?:is|was)\s+"
    r"(?:wrong|incorrect|buggy)\b"
    # "Same as above, but with `>=`": the final code is the code above, changed
    r"|\bsame\s+(?:code\s+|function\s+|thing\s+)?as\s+(?:above|before)\b[^.!?]{0,100}\b(?:but|except)\b",
    re.I,
)


# a sentence that doubts or disowns the code as a whole, with nothing after it that limits the doubt ("This
# doesn't work.", "The above is wrong.", "I'm not sure this works.", "(untested)", "This fails the tests.",
# "It doesn't handle negatives correctly.", "Confidence: low"; not "This doesn't work for negative inputs,
# which the problem excludes.")
_DOUBTED_CODE = re.compile(
    r"^\W*(?:(?:wait|hmm+|but|though|note|ok|so|well|actually|unfortunately|sadly)\W+)*"
    r"(?:(?:the|this|that|my|it|above)\s*(?:(?:above|previous|last)\s+)?(?:code|function|solution|version"
    r"|implementation|answer|program|snippet|approach|one)?\s*(?:above\s+)?"
    r"(?:(?:does\s*n[o']?t|won'?t|will\s+not|might\s+not|may\s+not|probably\s+does\s*n[o']?t)\s+work"
    r"|(?:is|was|might\s+be|may\s+be|could\s+be|is\s+probably)\s+(?:wrong|incorrect|buggy|broken)"
    r"|(?:fails|is\s+failing)(?:\s+(?:the|some|all|most|several|a\s+few|\d+)?\s*(?:of\s+the\s+)?(?:tests?|cases?|checks?))?"
    r"|(?:does\s*n[o']?t|won'?t|will\s+not|might\s+not|may\s+not)\s+handle\s+[^.!?]{1,60}?\s+(?:correctly|properly|right))"
    r"|i(?:'m|\s+am)\s+not\s+(?:\S+\s+)?sure\s+(?:if\s+|whether\s+|that\s+)?(?:this|it|the\s+code|that)"
    r"\s+(?:works|is\s+(?:right|correct))"
    r"|\(?\s*(?:untested|not\s+tested|unverified|not\s+verified)\s*\)?"
    r"|\(?\s*confiden\w*\s*(?:level\s*)?[:=]?\s*(?:is\s+)?(?:low|very\s+low|medium|moderate|poor|not\s+high|\d{1,2}\s*%)\s*\)?)"
    r"(?:\s*[,;:—-]\s*(?:it|this|that|we|you)?\s*(?:should|must|needs?\s+to)\b.*)?\W*$",
    re.I,
)


# the line that introduces the final code says it is not the answer: a draft, a decoy, a wrong or untested
# version ("A common wrong answer:", "Draft:", "Here's a buggy attempt:", "(untested)", "❌"). Read in its
# last sentence only ("That fails for negatives. Final:" introduces the fix), and a word of failure
# beside a word of fixing ("Here is the version that fixes the bug:", "A version without errors:") is the
# fix's own introduction.
_DISOWNED_LEAD = re.compile(
    r"(?<![\w-])(?:draft|decoy|untested|unverified|not\s+(?:yet\s+)?(?:tested|verified|checked)|don'?t\s+use|"
    r"do\s+not\s+use|not\s+(?:the|a|my|our|an)\s+(?:[\w-]+\s+)?(?:solution|answer|code|version|implementation)|"
    r"what\s+not\s+to|anti-?patterns?|placeholder|stub|todo|pseudo-?code|unsure|not\s+(?:\w+\s+)?sure|"
    r"before\s+(?:the\s+)?fix\w*|unfixed)(?![\w-])|[\u274c\u2717\u2718\U0001f6ab]|<\s*(?:examples?|samples?)\s*>",
    re.I,
)
_FAILING_LEAD = re.compile(
    r"(?<![\w-])(?:wrong|incorrect|buggy|bugs?|broken|fails?|failing|failed|naive|guess\w*|low\s+confidence|"
    r"counter-?examples?|old|previous|initial|attempt\w*|couldn'?t|could\s+not|can'?t|cannot|unable|"
    r"probably|likely|maybe|perhaps|might|mistakes?|errors?|flaw\w*|hypothetical\w*|"
    r"(?:won'?t|doesn'?t|does\s+not|will\s+not|may\s+not)\s+(?:work|run|compile|pass))(?![\w-])",
    re.I,
)
_FIXING_LEAD = re.compile(
    r"(?<![\w-])(?:fix\w*|correct\w*|working|works|final|right|improved|updated|revised|repaired|proper\w*|"
    r"avoid\w*|without|unlike|rather\s+than|instead\s+of|no\s+longer|better|faster|efficient\w*)(?![\w-])",
    re.I,
)


def disowning_lead(lead: str) -> bool:
    """Whether the line introducing the final code says it is not the answer (see `_DISOWNED_LEAD`)."""
    # `<wrong_answer>`, `draft_solution.py`: words joined by underscores
    text = compatible(lead).replace("_", " ").strip()
    sentences = [part for part in re.split(r"(?<=[.!?;])\s+", text) if part.strip()]
    last = sentences[-1] if sentences else ""
    if _DISOWNED_LEAD.search(last):
        return True
    return bool(_FAILING_LEAD.search(last)) and not _FIXING_LEAD.search(last)


# a sentence after the code that says it is not the answer given ("This is a draft.", "(placeholder)", "I
# just guessed.", "I couldn't solve it, so this is a random guess.", "The above is a common wrong answer.",
# "Let me know if you want the real solution; this is a decoy."): anchored on the whole sentence, as
# `_DOUBTED_CODE` is, so that a word of it inside an explanation ("a placeholder value of -1") is not read
_DISOWNED_SENTENCE = re.compile(
    r"^\W*(?:(?:note|ok|so|well|but|though|also|sorry|honestly)\W+)*(?:"
    r"(?:the\s+above|this|that|it|the\s+(?:above\s+)?(?:code|function|solution|version|implementation|snippet))"
    r"\s+(?:is|was)\s+(?:(?:just|only|merely|a|an|the|my|our|first|rough|common|random|wild|typical)\s+)*"
    r"(?:draft|decoy|placeholder|stub|guess|pseudo-?code|sketch|wrong\s+answer|anti-?pattern|"
    r"(?:example\s+of\s+)?(?:what|how)\s+not\s+to\s+do(?:\s+it)?|not\s+(?:the|a|my|our)\s+(?:[\w-]+\s+)?(?:solution|answer))"
    r"|(?:(?:a|the|my)\s+)?(?:(?:rough|first)\s+)?(?:draft|decoy|placeholder|stub|pseudo-?code|guess)"
    r"(?:\s+(?:implementation|version|code|solution|answer|function))?(?:\s+only)?"
    r"|\(\s*(?:draft|decoy|placeholder|stub|pseudo-?code|guess|wip|not\s+(?:final|working))\s*\)"
    r"|i\s+(?:just\s+|only\s+)?guessed\b.*"
    r"|i\s+(?:could\s*n[o']?t|could\s+not|cannot|can'?t|was\s+unable\s+to|did\s*n[o']?t\s+manage\s+to)\s+solve\b.*"
    r"|(?:i\s+have\s+)?no\s+idea\s+(?:if|whether)\s+(?:this|it|the\s+code)\s+works\b.*"
    r"|i\s+copied\s+(?:this|it)\b.*|todo\b.*"
    r"|(?:this|that|it)\s+is\s+(?:what|how)\s+not\s+to\b.*"
    r"|(?:let\s+me\s+know|feel\s+free)\b.*\b(?:real|actual|correct|working)\s+(?:solution|answer|code|version)\b.*"
    r"|[\u274c\u2717\u2718\U0001f6ab].*"
    r")\W*$",
    re.I,
)


_CODE_COMMENT = re.compile(r"^\s*#+\s*(.*)$")
_COMMENT_LABEL = re.compile(r"^(?:todo|fixme|xxx|note|nb|hack)\b\W*", re.I)


def disowned_by_comment(code: str) -> bool:
    """Whether a comment line of the code says the code is not the answer, as a sentence after it
    would (`# this is wrong`, `# untested`, `# DRAFT - not the answer`, `# TODO: this is a placeholder`);
    a label (`TODO:`) says nothing by itself."""
    for line in code.splitlines():
        comment = _CODE_COMMENT.match(line)
        if comment is None:
            continue
        text = _COMMENT_LABEL.sub("", compatible(comment.group(1)).strip())
        for part in re.split(r"(?<=[.!?;:])\s+|\s+[-\u2013\u2014]+\s+", text):
            part = _COMMENT_LABEL.sub("", part.strip())
            if part and (_DOUBTED_CODE.match(part) or _DISOWNED_SENTENCE.match(part)):
                return True
    return False


def edit_instruction(line: str, code: str) -> bool:
    """Whether a prose line tells an edit of the code that the code does not already hold: a line
    reference; a retraction ("wait, that is wrong", "hmm, this fails for -3"); a line that disowns the
    code ("disregard the code above", "I made a mistake", "EDIT:"); "use X instead", "instead of X,
    write Y", "the return line must be ..."; an imperative "replace/change X with/to Y" or
    "remove X" of a part of the code; "`X` should be `Y`", "`X` -> `Y`", "`X` is wrong", "... instead of
    `X`", where X is still in the code (an edit already applied, or a contrast with what the code does
    not do, is harmless)."""
    # `This doesn't w\u200bork.`, `Act\u00adually, that is wrong`: the words as shown, not as stored
    line = compatible(line)
    if _LINE_REFERENCE.search(line) or _CODE_IS_WRONG.search(line) or _DISOWNED.search(line):
        return True
    if _PART_MUST.search(line) or _USE_INSTEAD.search(line):
        return True
    if any(_DOUBTED_CODE.match(sentence) for sentence in re.split(r"(?<=[.!?])\s+", line)):
        return True
    if any(_DISOWNED_SENTENCE.match(sentence) for sentence in re.split(r"(?<=[.!?;])\s+", line)):
        return True
    instead = _INSTEAD_PLAIN.search(line)
    if instead and instead.group("old").strip() in code:
        return True
    should = _SHOULD_NOT.search(line)
    if should and should.group("old").strip(" `") in code:
        return True
    if not _LIST_ITEM.match(line) and _returns_otherwise(line, code):
        return True
    for sentence in _SENTENCE_END.split(line):  # "wait/actually ... wrong/instead/fix" in one sentence
        word = _RETRACTION_WORD.search(sentence)
        if word and _RETRACTION_EDIT.search(sentence, word.end()):
            return True
    for word in _EDIT_WORD.finditer(line):
        if not _INSTRUCTION_BEFORE.search(line[max(0, word.start() - 40) : word.start()]):
            continue
        found = (_SWAP_OBJECT if word.group("swap") else _DROP_OBJECT).match(line, word.end())
        if found and found.group("old").strip() in code:
            return True
        if _CODE_PART.match(line, word.end()):
            return True
        plain = _SWAP_PLAIN.match(line, word.end()) if word.group("swap") else None
        if (
            plain
            and _CODE_LIKE.search(plain.group("old"))
            and not _LIST_ITEM.match(line)
            and plain.group("old").strip() in code
        ):
            return True
    if any(f"return {span.group(1).strip()}" not in code for span in _RETURN_SPAN.finditer(line)):
        return True
    for span in _SPAN.finditer(line):
        old = span.group(1).strip()
        if old in code and (
            _AFTER_SPAN.match(line, span.end())
            or _INSTEAD_OF.search(line[max(0, span.start() - 20) : span.start()])
        ):
            return True
    return False


def _returns_otherwise(line: str, code: str) -> bool:
    """Whether line tells the code to return an expression (one that reads as code) it does not return."""
    flat = re.sub(r"\s+", "", code)
    for found in _RETURN_PLAIN.finditer(line):
        expr = re.sub(r"\s+instead\s*$", "", found.group("expr").strip(), flags=re.I)
        if _CODE_LIKE.search(expr) and "return" + re.sub(r"\s+", "", expr) not in flat:
            return True
    return False


# -- a block of tests for the code ---------------------------------------------------------------------

# the top-level lines a module of tests for the code is made of (what each runs is inert: an import of a
# test framework, the code's own names imported from the file it would be saved as, definitions of tests
# that nothing here calls, a main guard, which the tested module never enters, and the brackets that
# close a decorator's arguments)
_TESTS_LINE = re.compile(
    r"(?:import\s+(?:pytest|unittest)(?:\s*,\s*(?:pytest|unittest))?"
    r"|from\s+(?:pytest|unittest)(?:\.\w+)*\s+import\s+[\w\s,()]+"
    r"|def\s+test\w*\s*\(.*|class\s+Test\w*\s*(?:\([\w\s.,]*\))?\s*:"
    r"|@(?:pytest|unittest)\.[\w.]+(?:\(.*)?|if\s+__name__\s*==\s*(['\"])__main__\1\s*:"
    r"|[)\]},\s]+|#.*)\s*"
)
_IMPORTS_CODE = re.compile(r"from\s+[A-Za-z_][\w.]*\s+import\s+\(?([\w\s,]+?)\)?\s*")


def tests_of(body: tuple[str, ...], code: str) -> bool:
    """Whether a Python block after the code is a module of tests for it and nothing else (`import
    pytest`, `from solution import add`, `def test_add():`, `class TestAdd(unittest.TestCase):`, a main
    guard that runs them): its top level only defines tests, imports a test framework or the names
    the code defines, so leaving it out changes no name of the code. Not for a program that reads the
    input (its main guard would run)."""
    if reads_stdin(code):
        return False
    names = defined_names(code)
    tests = 0
    for line in body:
        if line[:1] in ("", " ", "\t") or not line.strip():
            continue  # a body, or a blank line
        imported = _IMPORTS_CODE.fullmatch(line.rstrip())
        if imported and not line.startswith(("from pytest", "from unittest")):
            wanted = {name.strip() for name in imported.group(1).split(",") if name.strip()}
            if not wanted or not wanted <= names:
                return False
            continue
        if not _TESTS_LINE.fullmatch(line.rstrip()):
            return False
        if line.startswith(("def test", "class Test")):
            tests += 1
    defined_here = defined_names("\n".join(body))
    return tests > 0 and not (defined_here & names)
