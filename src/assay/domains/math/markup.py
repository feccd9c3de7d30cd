"""Strip the markup around math in model text (LaTeX layout, markdown, chat wrappers) into plain lines.

Models put the same derivation in `\\begin{align*} ... \\\\ ... \\end{align*}` with `&=`, in `$$ ... $$`,
in markdown with `**Step 1:**` and headings, in bullet lists, inside `<think> ... </think>`, or as code
with `# comments`. This module removes only *layout*: it never drops a relation or a number. LaTeX
relations the grammar cannot check (`\\neq`, `\\leq`, `\\approx`, ...) are turned into their unicode
symbols so that the trace reader sees them and can call the step unreadable, instead of losing them as an
unknown word of prose. Any other command, and HTML character references, are unread.py's: decoded, or
marked as markup nobody reads, never left to look like a word.

Pure text work, linear in the length of the text: safe in any process.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from assay.domains.math.fold import fold_unicode
from assay.domains.math.unread import decode_entities, mark_unknown_commands

# --- whole text: where lines break ----------------------------------------------------------------------

_BREAKS = re.compile(
    r"\\\\(?:\[[^\]\n]{0,20}\])?"  # a LaTeX line break "\\" (with an optional "[2pt]")
    r"|\\begin\{[A-Za-z*]{1,20}\}(?:\{[^{}\n]{0,40}\})?"  # \begin{align*}, \begin{array}{cc}
    r"|\\end\{[A-Za-z*]{1,20}\}"
    r"|\\\[|\\\]|\$\$"  # display math delimiters
    r"|<br\s*/?>|<\|(?:begin|end)_of_solution\|>"  # HTML line breaks, a solution's special tokens
)
THINK_START, THINK_END = "<think>", "</think>"
# the starts and ends of a reasoning block, as reasoning models and training formats write them: each is
# read as `THINK_START` or `THINK_END`, on a line of its own (the reply after the end supersedes what the
# block concluded; a block never ended holds no answer)
_THINK_STARTS = re.compile(r"<(?:think|thinking|reasoning)>|<\|begin_of_thought\|>")
_THINK_ENDS = re.compile(r"</(?:think|thinking|reasoning)>|<\|end_of_thought\|>")


# a run of blanks (spaces, tabs, unicode spaces) longer than any layout needs; every reader of a line sees
# at most `_BLANKS_KEPT` of it, so a pattern that rescans a run from each of its starts (`\s*→`) does
# bounded work per character instead of work that grows with the run (4,000 spaces took seconds)
_BLANKS_KEPT = 8
_LONG_BLANKS = re.compile(rf"[^\S\n\r]{{{_BLANKS_KEPT + 1},}}")


def split_lines(text: str) -> list[str]:
    """The text's lines, with LaTeX line breaks, environments and display delimiters as line breaks."""
    text = _LONG_BLANKS.sub(lambda run: run.group(0)[:_BLANKS_KEPT], text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    text = _BREAKS.sub("\n", text)
    if "<" in text:
        text = _THINK_ENDS.sub(f"\n{THINK_END}\n", _THINK_STARTS.sub(f"\n{THINK_START}\n", text))
    return [line for line in text.split("\n") if not line.lstrip().startswith("```")]


# --- one line --------------------------------------------------------------------------------------------

_TEXT_COMMANDS = re.compile(
    # (not `\\operatorname{...}`: it names a function, and read as a word it would hide a claim)
    r"\\(?:text|textbf|textit|textrm|textnormal|mathrm|mbox)\s*\{([^{}]*)\}"
)
# a font for math (`\mathbf{5}`, `2\boldsymbol{x}`): the math inside as it is, without braces that would
# read as a set
_FONT_COMMANDS = re.compile(r"\\(?:mathbf|boldsymbol|bm|pmb|mathit|mathsf|mathtt|mathnormal)\s*\{([^{}]*)\}")
_DROP_COMMANDS = re.compile(
    r"\\(?:tag|label)\*?\s*\{[^{}]*\}|\\(?:nonumber|notag|hline|displaystyle)(?![A-Za-z])"
)
_TAG_CLAIM = re.compile(r"\\tag\*?\s*\{([^{}]*[=≠<>≤≥≈][^{}]*)\}")
_SPACES = re.compile(r"\\(?:qquad|quad|[,;:! ])|~")
_RELATIONS = {
    "neq": "≠",
    "ne": "≠",
    "leq": "≤",
    "le": "≤",
    "leqslant": "≤",
    "geq": "≥",
    "ge": "≥",
    "geqslant": "≥",
    "lt": "<",
    "gt": ">",
    "approx": "≈",
    "equiv": "≡",
    "sim": "∼",
    "simeq": "≃",
    "cong": "≅",
    "propto": "∝",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "mp": "∓",
}
_RELATION_WORDS = re.compile(r"\\(" + "|".join(sorted(_RELATIONS, key=len, reverse=True)) + r")(?![A-Za-z])")
_CHECKMARKS = re.compile(r"\\checkmark(?![A-Za-z])|✓|✔|✅|☑|✔️")
_QUOTES = str.maketrans({"“": " ", "”": " ", "„": " ", '"': " ", "«": " ", "»": " ", "’": "'", "‘": " "})
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
# "**" is bold when it touches white space or the line's ends on one side; between two non-space
# characters ("x**2", "(x+1)**2") it is a power and stays
_BOLD = re.compile(r"(?:(?<=\s)|^)(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)(?=\s|$|[.,;:!?)])")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[A-Za-z])([^*\n]{1,80}?)(?<=[\w.:)])\*(?![\w*])")
_COMMENT = re.compile(r"(?<=\S)\s+#\s+")


_RULE = re.compile(r"^\s*(?:[=\-*_]\s*){3,}$")  # a markdown rule or a heading's underline
_CODE_EQUALS = re.compile(r"(?<![<>!=])={2,3}(?!=)")  # `==` / `===` in code-style lines: the claim `=`
# `(x, y, z) = (3, 2, 1)`: names in parentheses given values in parentheses, as many of each
_TUPLE_ASSIGN = re.compile(
    r"\(\s*(?P<names>[A-Za-z](?:\s*,\s*[A-Za-z]){1,3})\s*\)\s*=\s*"
    r"\(\s*(?P<values>[^(),=]+?(?:\s*,\s*[^(),=]+?){1,3})\s*\)"
)


def _tuple_assigned(match: re.Match[str]) -> str:
    names = [name.strip() for name in match.group("names").split(",")]
    values = [value.strip() for value in match.group("values").split(",")]
    if len(names) != len(values):
        return match.group(0)
    return ", ".join(f"{name} = {value}" for name, value in zip(names, values, strict=True))


_MEMBER = re.compile(r"(?<![A-Za-z])([A-Za-z])\s*∈\s*\\?\{([^{}∈]*?)\\?\}")


# what may follow a set that ends its claim: the line's end, punctuation that ends a clause, a closing
# delimiter or box, a check mark, or a word (`x ∈ {2, 3} are the roots`) or a parenthesised remark
_SET_ENDS = re.compile(
    r"\s*(?:$|[,;:!?]|\.(?!\d)|\$|\\[)\]]|[)\]}]|✓|\((?=[A-Za-z]{2})|(?<=\s)[A-Za-z]{2,}\b(?!\s*[=(\[{]))"
)
# words that operate on the set before them (`{2, 3, 5} minus {5}`, `{2, 3} except 3`): not its end
_SET_WORDS = re.compile(
    r"\s*(?:minus|less|without|except|excluding|excl|but|other|apart|save|plus|times|cross|union|unite|join"
    r"|intersect\w*|meet|complement\w*|setminus|cup|cap|backslash|remove\w*|delet\w*|drop\w*|take)\b",
    re.I,
)


def _members(match: re.Match[str]) -> str:
    """`x ∈ {2, 3}` is `x = 2 or x = 3`, only when the set ends the claim: a set with an operator after
    it (`{2, 1} \\ {3}`, `{2, 8} - {5}`, `{2, 3} × {1}`, `{2, 3} ∪ {5}`, `{2, 3}^c`) is an operand, and
    listing its members would fold the operation into the last one (`x = 1 \\ 3`, read 1·3). It stays a
    `∈` the reader refuses."""
    values = [v.strip() for v in match.group(2).split(",")]
    if not all(values):
        return match.group(0)
    text, end = match.string, match.end()
    following = text.find("∈", end)
    if (
        not _SET_ENDS.match(text, end)
        or _SET_WORDS.match(text, end)
        or text.find("{", end, following if following >= 0 else len(text)) >= 0
    ):
        return match.group(0)
    return " or ".join(f"{match.group(1)} = {v}" for v in values)


# `x_1 = 2, x_2 = 3`, `x_{1}`, `x₁` (folded to `x_(1)`): the roots of x, labelled
_ROOT_LABEL = re.compile(r"(?<![A-Za-z\\_])([A-Za-z])_(?:\{(\d)\}|\((\d)\)|(\d))(?=\s*=)")


def _root_labels(line: str) -> str:
    """`x_1 = 2, x_2 = 3` lists the roots of x: `x = 2, x = 3`. Only a line that labels two or more roots
    of one variable is read so (a single `x_1 = 2` on its line would claim that x is 2 and nothing else);
    any other subscript stays, and the grammar refuses it."""
    found = list(_ROOT_LABEL.finditer(line))
    labels = {(m.group(1), m.group(2) or m.group(3) or m.group(4)) for m in found}
    if len(labels) < 2 or len({name for name, _ in labels}) != 1 or len(labels) != len(found):
        return line
    return _ROOT_LABEL.sub(r"\1", line)


# `1,000` / `12,500,000` / `1,000.5`: digit groups of three after a comma, no space (a list is `1, 000`);
# a decimal part after the groups has no other reading (the decimal-comma style writes `1.000,5`)
_THOUSANDS = re.compile(r"(?<![\d.,])([1-9]\d{0,2})((?:,\d{3})+)(?![\d,])")
_UNREADABLE_COMMA = "\u02cc"  # a character outside the grammar: the reader refuses what holds it


def _thousands(line: str) -> str:
    """`1,000` is 1000; inside brackets (`(1,000)`, `\\{1,000\\}`) it may be the pair (1, 0), so the
    commas become a character the grammar refuses: never guessed."""

    def one(match: re.Match[str]) -> str:
        # brackets that may hold a tuple or a set: `(`, `[`, `\{`; not LaTeX's grouping braces
        # (`\boxed{10,000}`) nor the math delimiters `\(` `\[`
        before = line[: match.start()].replace("\\(", "").replace("\\)", "").replace("\\[", "")
        before = before.replace("\\]", "")
        opened = before.count("(") + before.count("[") + before.count("\\{")
        depth = opened - before.count(")") - before.count("]") - before.count("\\}")
        if depth > 0:
            return match.group(0).replace(",", _UNREADABLE_COMMA)
        return match.group(1) + match.group(2).replace(",", "")

    return _THOUSANDS.sub(one, line)


_TABLE_ROW = re.compile(r"^\s*\|\s.*\s\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_ROW_LABEL = re.compile(r"(?:step\s*)?\d{1,3}[.):]?", re.I)
_CELL_VALUE = re.compile(r"[*$ ]*\d+(?:\.\d+)?[*$ ]*")
_CELL_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def _table_row(line: str) -> str:
    """A markdown table row as a line: `| 1 | $3x = 5$ | Simplify |` → `$3x = 5$ [Simplify]`. The row
    number is a label; a cell with `=` is math; any other cell is a reason (its claims are checked as a
    reason's are). The rule under the header (`|---|---|`) is a line of layout."""
    if _TABLE_RULE.match(line):
        return "table"
    cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
    if cells and _ROW_LABEL.fullmatch(cells[0]):
        cells = cells[1:]
    math = [cell for cell in cells if "=" in cell]
    if not math and any(re.search(r"\d", cell) for cell in cells):
        return line  # `| x | 5 |`: a value in a cell states something the reader cannot place: unreadable
    if not math:
        return " ".join(cells)  # a header: prose
    operands = set(_CELL_NUMBER.findall(" ".join(math)))
    values = [cell for cell in cells if _CELL_VALUE.fullmatch(cell)]
    if any(cell.strip("*$ ") not in operands for cell in values):
        # `| Total | 10 | 72 + 48 = 120 |`: a number beside the claim that is none of its operands states
        # something the reader cannot place (and as a bracketed reason it would multiply the claim)
        return line
    # `| Monday | 6 | 12 × 6 = 72 |`: a number that is an operand of the row's claim is that operand shown
    # in its own column; it says nothing more
    reasons = [f"[{cell}]" for cell in cells if cell and "=" not in cell and cell not in values]
    return " ; ".join(math) + (" " + " ".join(reasons) if reasons else "")


# HTML emphasis around text (`<b>Answer: 4</b>`) is layout; only a matched pair of a known tag is removed,
# so a stray `<b` or `a<b>c` stays (and is read as the relations it may be)
_ANSWER_TAG = re.compile(r"<(/?)answer>", re.I)
# `1\,000\,000`: a thin space between groups of three digits is the SI thousands separator (never a list)
_THIN_GROUPS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:\\,\d{3})+(?![\d]|\\,\d)")
# `10{,}000`: LaTeX's braced comma between groups of three digits, as `10,000`
_BRACED_GROUPS = re.compile(r"(?<![\d.,}])[1-9]\d{0,2}(?:\{,\}\d{3})+(?![\d]|\{,\}\d)")
_HTML_PAIR = re.compile(r"<(b|strong|em|i|u|mark|p|span)>([^<>]*)</\1>", re.I)


# `{19 \over 40}`: plain TeX's fraction, its braces around both parts (no brace inside either)
_OVER = re.compile(r"\{([^{}]+?)\\over(?![A-Za-z])([^{}]+?)\}")

# a repeating decimal: `0.\overline{3}`, `0.58\overline{3}`, `1.\overline{142857}`, `0.(3)`
# (the bracket form only right after the point: `2.5(16)` is a product)
_REPEATING = re.compile(r"(?<![\d.])(\d+)\.(?:(\d*)\\overline\s*\{(\d{1,12})\}|()\((\d{1,12})\))")


# the markers of a solution written in Chinese: 解 (solution) and 答 (answer) before a colon
_CJK_MARK = re.compile(r"^\s*([解答])\s*[:：]\s*")

# `3.\dot{9}` (= 4), `0.\dot{1}4\dot{2}` (= 142/999): the British dots over a cycle's first and last digit
_DOTTED = re.compile(
    r"(?<![\d.])(\d+)\.(\d*)\\dot\s*(?:\{(\d)\}|(\d))(?:(\d*)\\dot\s*(?:\{(\d)\}|(\d)))?(?![\d\\])"
)


def _dotted(match: re.Match[str]) -> str:
    first = match.group(3) or match.group(4)
    last = match.group(6) or match.group(7)
    cycle = first + (match.group(5) + last if last is not None else "")
    if last is None and match.group(5):
        return match.group(0)  # `0.\dot{1}4`: a dot with digits after it and no closing dot, unread
    return _repeating_value(match.group(1), match.group(2), cycle)


# `7/12 (= 0.58\overline{3})`: a value restated in brackets is the claim that the two are equal
_RESTATED = re.compile(r"\(\s*=\s*([^()=]+(?:\([^()=]*\)[^()=]*)*)\)")


def _repeating(match: re.Match[str]) -> str:
    """The exact fraction a repeating decimal stands for: `0.58\\overline{3}` is 7/12. Without the bar it
    would be a different number (0.583), so the bar is never dropped, only read."""
    return _repeating_value(match.group(1), match.group(2) or "", match.group(3) or match.group(5))


def _repeating_value(whole: str, fixed: str, cycle: str) -> str:
    scale = 10 ** len(fixed)
    numerator = int(fixed + cycle) - int(fixed or "0")
    denominator = scale * (10 ** len(cycle) - 1)
    numerator += int(whole) * denominator
    # in lowest terms: `3.\dot{9}` is the number 4, written as one (not the arithmetic 36/9)
    value = Fraction(numerator, denominator)
    return f"({value.numerator})" if value.denominator == 1 else f"({value.numerator}/{value.denominator})"


# TeX's one-token arguments: `\frac12` is 1/2, `\frac{1}2`, `\frac 1{x}`, `\sqrt2` is √2 (and `\sqrt23` is
# √2·3: an argument without braces is one digit, or one letter after a space, never more)
_TEX_ARG = r"(?:\d|(?<=\s)[A-Za-z]|\{[^{}]*\})"
_TEX_ARGUMENTS = re.compile(
    r"\\frac\s*(?=\d|\s[A-Za-z\d]|\{[^{}]*\}\s*[\dA-Za-z])(" + _TEX_ARG + r")\s*(" + _TEX_ARG + r")"
    r"|\\sqrt\s*(\d)"
)


def _braced(match: re.Match[str]) -> str:
    if match.group(3) is not None:
        return f"\\sqrt{{{match.group(3)}}}"
    top, bottom = (g if g.startswith("{") else f"{{{g}}}" for g in (match.group(1), match.group(2)))
    return f"\\frac{top}{bottom}"


# struck-through text (`~~5~~ 7`, `<del>5</del>`, `\sout{5}`, `\sout{\boxed{5}}`, a box cancelled
# `\cancel{\boxed{5}}`): the writer deleted it, as rendered. (`\cancel{x}` alone shows a term cancelled
# in a step, and stays for the step reader)
_STRUCK = re.compile(
    r"~~(?!~)[^~\n]{1,300}?(?<!~)~~|<(del|s|strike)>[^<>\n]{0,300}</\1>"
    r"|\\(?:sout|st|xout)\s*\{(?:[^{}\n]|\{[^{}\n]{0,300}\}){0,300}\}"
    r"|\\[xb]?cancel(?:to\{[^{}\n]{0,300}\})?\s*\{\s*\\(?:boxed|fbox)\s*\{[^{}\n]{0,300}\}\s*\}",
    re.I,
)


def _strike(match: re.Match[str]) -> str:
    """Struck text goes; but `x~~=~~5` is LaTeX spacing around a symbol, and text inside `$...$` is math,
    where `~` is a space: those stay as they were."""
    text = match.group(0)
    before = match.string[: match.start()]
    if text.startswith("~~") and (not any(c.isalnum() for c in text) or before.count("$") % 2):
        return text
    return " "


def without_struck(text: str) -> str:
    """text without what it strikes through (`\\sout{\\boxed{56}}`, `~~5~~`): what a reader sees as said."""
    if "~~" in text or "<" in text or "\\s" in text or "\\x" in text or "cancel" in text:
        return _STRUCK.sub(_strike, text)
    return text


# an equation's number at the end of its line, set apart by layout (`x - y = 2   (2)`, `... \\qquad (3)`, a
# tab): a label, never a factor of the last term. With one space (`2x = 4 (2)`) nobody can be sure, and
# the grammar refuses it (grammar.py)
_LABEL_TEXT = r"[(\[]\s*(?:\d{1,3}[a-z]?|i{1,3}|iv|vi{0,3}|ix)\s*[)\]]"
# `0.2 x 50`, `12 x 52`, `3 x $4`: a letter x alone between two numbers (a price's `$` on either), as
# GSM8K's solutions write a product
_TIMES_X = re.compile(r"(?<![\w.^/$])(\$?\d+(?:\.\d+)?) x (\$?\d+(?:\.\d+)?)(?![\w.^(])")
_END_LABEL = re.compile(
    # only after math (a digit, a closing bracket or delimiter, a lone letter): `the right side is   (9)` or
    # `is ⑨` states a value, and dropping it would leave prose
    r"(?:(?<=[\d)\]}$!%'])|(?<=(?<![A-Za-z])[A-Za-z]))"
    r"(?:(?:[ \t]{2,}|\t|\s*\\(?:q?quad|hfill)(?![A-Za-z])\s*)"
    r"(?:" + _LABEL_TEXT + r"|\\(?:text|textrm|mathrm)\s*\{\s*" + _LABEL_TEXT + r"\s*\})"
    # an enclosed number (`①`, `⑵`) is a label, with or without a space (fold.py keeps it)
    r"|\s*[\u2460-\u24ff])(?=\s*(?:\$\$?|\\\])?\s*$)"
)


# `2x = \\underbrace{13 - 5}_{=8}`: a brace that annotates a whole side of a chain with `= value` continues
# the chain (`2x = 13 - 5 = 8`, each link checked). Anywhere else (`\\underbrace{13 - 5}_{=8} + 1`, or
# words under the brace) it stays a command nobody reads (unread.py), so the step is unreadable
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_CHAIN_START = r"(^\s*|\$\s*|=\s*)"
_ANNOTATED = re.compile(
    _CHAIN_START
    + r"(?:\\underbrace\s*"
    + _GROUP
    + r"\s*_|\\overbrace\s*"
    + _GROUP
    + r"\s*\^)\s*\{\s*=([^{}=]+)\}|"
    + _CHAIN_START
    + r"\\(?:underset|overset)\s*\{\s*=([^{}=]+)\}\s*"
    + _GROUP
)
_CHAIN_GOES_ON = re.compile(r"\s*(?:$|=|\$|\\[)\]]|\\\\|[,.;](?:\s|$))")


def _annotated(match: re.Match[str]) -> str:
    if not _CHAIN_GOES_ON.match(match.string, match.end()):
        return match.group(0)
    if match.group(5) is not None:
        return f"{match.group(5)}{match.group(7)} = {match.group(6).strip()}"
    under = match.group(2) if match.group(2) is not None else match.group(3)
    return f"{match.group(1)}{under} = {match.group(4).strip()}"


# the move that gave a line's equation, set apart after it (`2x = 12   [(1) + (2)]`, `5y = 10  (1) − 2(2)`,
# `... \\quad (1) + (2)`, `2x = 12 ← (1) − (2)`): a name of the move (system_names.py reads it from the
# line as written), never arithmetic on the last term
_MOVE_TERM = r"(?:[-−]\s*)?(?:\d{1,2}\s*(?:[·×*]\s*)?)?\(\s*(?:[1-9]|i{1,3})\s*\)"
END_MOVE = re.compile(
    r"(?:(?<=[\d)\]}$!%'])|(?<=(?<![A-Za-z])[A-Za-z]))"
    r"(?:[ \t]{2,}|\t|\s*\\(?:q?quad|hfill)(?![A-Za-z])\s*|\s*(?:←|<-|\\leftarrow)\s*)"
    r"(?P<move>\[?\s*" + _MOVE_TERM + r"(?:\s*[-+−]\s*" + _MOVE_TERM + r")+\s*\]?)"
    r"(?=\s*(?:\$\$?|\\\])?\s*$)",
    re.I,
)


# a leading label combining circled equation numbers (`① + ②:`, `② − 2①:`): the same as `(1) + (2):`
_CIRCLED = "①②③④⑤⑥⑦⑧⑨"
CIRCLED_LABEL = re.compile(rf"^\W*[{_CIRCLED}](?:\s*[-+−]\s*\d?\s*[{_CIRCLED}])+\s*(?::|⇒|=>|→)")


def circled_label(line: str) -> str:
    """line with the circled numbers of a leading label (`① + ②: 2x = 12`) written `(1) + (2)`."""
    found = CIRCLED_LABEL.match(line)
    if found is None:
        return line
    label = "".join(f"({_CIRCLED.index(ch) + 1})" if ch in _CIRCLED else ch for ch in found.group(0))
    return label + line[found.end() :]


# a number or a bracket times 100 (either way round), `=`, then a percentage
_TIMES_100_PERCENT = re.compile(
    r"((?:(?<=[\d)])\s*(?:[*×·]|\\times|\\cdot)\s*100"
    r"|(?<![\w.])100\s*(?:[*×·]|\\times|\\cdot)\s*(?:\d+(?:\.\d+)?|\([^()=]{1,40}\)))\s*=\s*)"
    r"([-−]?\d+(?:\.\d+)?)\s*\\?%"
)


def _set_apart(end: str) -> bool:
    """Whether the end of a line can set a label or a move apart as `_END_LABEL` and `END_MOVE` need: two
    blanks or a tab, a TeX space or arrow (a backslash), `<-`, or a character outside ASCII (`←`, `①`).
    Most lines have none of these, and both patterns try their lookbehinds at every position."""
    return "  " in end or "\t" in end or "\\" in end or "<-" in end or not end.isascii()


# a pure function of the line with an immutable answer; samples of one problem share many lines, so the
# answers are kept (bounded, so a long-lived worker does not grow)
@functools.lru_cache(maxsize=4096)
def prepare_line(line: str) -> tuple[str, str]:
    """(the line as plain text for reading, a trailing code comment or "")."""
    line = circled_label(line)
    # `5x &#61; 26` is `5x = 26`: entities first (what they decode to may need folding)
    line = fold_unicode(decode_entities(line))
    if " x " in line:
        line = _TIMES_X.sub(r"\1 * \2", line)  # `0.2 x 50 = 10`: an x between two numbers multiplies
    if (")" in line or "]" in line or "}" in line or not line.isascii()) and _set_apart(line[-80:]):
        # only the line's end can hold the label: the pattern never runs over a long line
        cut = max(0, len(line) - 80)
        line = line[:cut] + _END_LABEL.sub(" ", END_MOVE.sub(" ", line[cut:]))
    line = without_struck(line)
    if "\\overline" in line or ".(" in line:
        line = _REPEATING.sub(_repeating, line)
    if "\\dot" in line:
        line = _DOTTED.sub(_dotted, line)
    if "(" in line and "=" in line:
        line = _RESTATED.sub(r" = \1 ", line)
    if "%" in line and "100" in line:
        # `0.25 × 100 = 25%`: a value made a percentage; the sign says what 25 counts, not 25/100
        line = _TIMES_100_PERCENT.sub(r"\1\2", line)
    if "\\Delta" in line:
        # `\Delta = b^2 - 4ac`: the discriminant's symbol, read only where it names one (named_quantities.py)
        line = re.sub(r"\\Delta(?![A-Za-z])", "Δ", line)
    if not line.isascii() and _CJK_MARK.match(line):
        # `解：2x + 5 = 13` (solution:) labels the work, `答：x = 4。` (answer:) states the answer
        line = _CJK_MARK.sub(lambda m: "Answer: " if m.group(1) == "答" else "", line, count=1)
        line = re.sub(r"。\s*$", ".", line)
    if "answer>" in line.lower():
        # `<answer>5</answer>` (the tag RL prompts ask for) states the answer, as "Answer: 5" does
        line = _ANSWER_TAG.sub(lambda m: " " if m.group(1) else " Answer: ", line)
    if "</" in line:
        line = _HTML_PAIR.sub(r" \2 ", line)
    if "|" in line and (_TABLE_RULE.match(line) or (_TABLE_ROW.match(line) and line.count("|") >= 3)):
        line = _table_row(line)
    if "_" in line:
        line = _root_labels(line)
    if "," in line:
        line = _THIN_GROUPS.sub(lambda m: m.group(0).replace("\\,", ""), line)
        if "{,}" in line:
            line = _BRACED_GROUPS.sub(lambda m: m.group(0).replace("{,}", ","), line)
        line = _thousands(line)
    if _RULE.match(line):
        return "", ""
    comment = ""
    if "#" in line and not line.lstrip().startswith("#"):
        found = _COMMENT.search(line)
        if found is not None:
            line, comment = line[: found.start()], line[found.end() :]
    if line.lstrip().startswith("#") and not line.lstrip().startswith("#### "):
        line = _HEADING.sub("", line)
    line = _QUOTE.sub("", line)
    if "*" in line or "_" in line:
        line = _BOLD.sub("", line)
        line = _ITALIC.sub(r"\1", line)
    line = line.replace("`", " ")
    if "\\" in line:
        if "\\over" in line:
            line = _OVER.sub(r"\\frac{\1}{\2}", line)  # `{19 \over 40}`: TeX's own fraction
        line = re.sub(r"\\[dtc]frac(?![A-Za-z])", r"\\frac", line)  # one spelling, so "\\frac" finds them all
        if "\\frac" in line or "\\sqrt" in line:
            line = _TEX_ARGUMENTS.sub(_braced, line)
        if "brace" in line or "set" in line:
            line = _ANNOTATED.sub(_annotated, line)
        line = _TEXT_COMMANDS.sub(r" \1 ", line)
        line = _FONT_COMMANDS.sub(r"\1", line)
        # `\tag{13 - 5 = 8}` makes a claim: kept as a bracketed reason, whose claims are checked
        line = _TAG_CLAIM.sub(r" [\1] ", line)
        line = _DROP_COMMANDS.sub(" ", line)
        line = _RELATION_WORDS.sub(lambda m: f" {_RELATIONS[m.group(1)]} ", line)
        line = _SPACES.sub(" ", line)
        line = re.sub(r"\\therefore(?![A-Za-z])", " therefore ", line)
        # a command no rule above or after reads (`\\mapsto`, `\\nleq`, `\\foo`) is never a word of prose
        line = mark_unknown_commands(line)
    if "∓" in line and line.count("∓") == 1 and "±" not in line:
        # a lone ∓ stands for the same two values as ± (`x = 2 ∓ √3`); beside a ± (or another ∓) it pairs
        # signs, which the grammar cannot say, and stays a symbol the reader refuses
        line = line.replace("∓", "±")
    ascii_only = line.isascii()
    if not ascii_only or "\\checkmark" in line:  # (every other check mark is outside ASCII)
        line = _CHECKMARKS.sub(" ✓ ", line)
    if not ascii_only or '"' in line:  # (every other quotation mark is outside ASCII)
        # quotation marks around math ("we get “2x = 8”") are not part of it; ’ is an apostrophe
        line = line.translate(_QUOTES)
    if "∈" in line:
        # "x ∈ {2, 3}" lists x's values: x = 2 or x = 3
        line = _MEMBER.sub(_members, line)
    if "=" in line:
        # code-style relations: `!=` is never "factorial, then equals"; `<=`/`>=` are not claims we check
        line = line.replace("!=", " ≠ ").replace("<=", " ≤ ").replace(">=", " ≥ ")
        if "==" in line:
            line = _CODE_EQUALS.sub("=", line)
    if "(" in line and "," in line:
        # "(x, y) = (3, 5)" states x = 3 and y = 5
        line = _TUPLE_ASSIGN.sub(_tuple_assigned, line)
    # "&" aligns the columns of an align environment; it is never part of a claim
    return line.replace("&", " "), comment


def strip_delimiters(body: str) -> str:
    """The text without LaTeX math delimiters (`$`, `\\(`, `\\)`): they are layout."""
    return body.replace("$", " ").replace("\\(", " ").replace("\\)", " ")


_BOX = re.compile(r"\\(?:boxed|fbox)\s*\{")
MAX_BOXES = 64  # boxes read from one line; a line with more is not a final answer anyone meant


def take_boxed(body: str) -> tuple[list[str], str]:
    """The contents of every outermost `\\boxed{...}` / `\\fbox{...}` (nested braces allowed), and the body
    without the box around them. One pass over the text, so hostile nesting costs linear time."""
    spans = box_spans(body)
    if not spans:
        return [], body
    found: list[str] = []
    out: list[str] = []
    pos = 0
    for start, brace, close in spans:
        inner = body[brace + 1 : close]
        found.append(" ".join(strip_delimiters(inner).split()))
        out.append(body[pos:start])
        out.append(f" {inner} ")
        pos = close + 1
    out.append(body[pos:])
    return [f for f in found if f], "".join(out)


def box_tails(body: str) -> list[str]:
    """The text after each box, up to the next box: what it says about the boxed value."""
    spans = box_spans(body)
    if not spans:
        return []
    ends = [start for start, _, _ in spans[1:]] + [len(body)]
    return [strip_delimiters(body[close + 1 : end]) for (_, _, close), end in zip(spans, ends, strict=True)]


# `$\boxed{4}!$`, `\[\boxed{4} \, !\]`: inside math (no delimiter closes it first; LaTeX ignores the
# spaces) a `!` after the box is a factorial of the boxed value, never the end of a sentence
_POSTFIX_BANG = re.compile(r"(?:\s|\\[,;: !]|\\q?quad(?![A-Za-z]))*!")


def box_postfix(body: str) -> bool:
    """Whether a `!` follows a box inside its math (`$\\boxed{4}!$` is 4!, not 4); after the closing
    delimiter (`$\\boxed{4}$!`) it ends a sentence. Other tails (`'`, `^\\circ`, `\\%`, `^2`) are words
    the answer reader refuses as they are (answer_math.harmless_tail)."""
    return any(_POSTFIX_BANG.match(body, close + 1) for _, _, close in box_spans(body))


def box_spans(body: str) -> list[tuple[int, int, int]]:
    """(box start, "{", "}") of every outermost box."""
    if "\\boxed" not in body and "\\fbox" not in body:
        return []
    starts = {m.end() - 1: m.start() for m in _BOX.finditer(body)}  # "{" position → the box's start
    opened: list[int] = []  # for each open brace, its position if it opens a box, else -1
    boxes_open = 0
    spans: list[tuple[int, int, int]] = []  # (box start, "{", "}") of outermost boxes
    for i, ch in enumerate(body):
        if ch == "{":
            is_box = i in starts
            opened.append(i if is_box else -1)
            boxes_open += is_box
        elif ch == "}" and opened:
            brace = opened.pop()
            if brace >= 0:
                boxes_open -= 1
                if boxes_open == 0:
                    spans.append((starts[brace], brace, i))
                    if len(spans) >= MAX_BOXES:
                        break
    return spans
