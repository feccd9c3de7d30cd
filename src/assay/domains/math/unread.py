"""Markup the math reader does not know: found and marked, so that it can never be read as prose.

The trace reader sorts the words of a line into math and prose. A LaTeX command it has no rule for
(`5x \\mapsto 26`, `\\coloneqq`, `\\nleq`, `\\foo`) looks like an English word once its backslash is
ignored, an HTML entity (`5x &#61; 26`) hides an `=` behind `&`, `#` and digits, and a unicode relation
outside the known set (`≔`, `≙`, `⟺`, `⊢`) is one more odd character between two pieces of math. Read as
prose, any of them turns a false claim into a line that claims nothing. So:

- `decode_entities` turns numeric and named HTML character references into the characters they stand for
  (then read like any other character); one it cannot decode becomes `UNKNOWN_MARK`.
- `mark_unknown_commands` replaces every LaTeX command outside `KNOWN_COMMANDS` (the commands some later
  stage of the reader has a rule for) by `UNKNOWN_MARK`.
- `unknown_symbol` says whether a text holds `UNKNOWN_MARK` or a relation-like symbol the grammar lacks
  (any math symbol or arrow outside the few the reader folds or handles): the step holding it is
  unreadable, wherever in the line it stands. Fail closed: an unknown thing is never dropped.

Pure text work, linear in the length of the text: safe in any process.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

# a character outside the grammar's alphabet, in no other use: "here stood markup nobody reads"
UNKNOWN_MARK = "\u2370"  # ⍰

# Every LaTeX command some stage of the math reader has a rule for (markup.py, fold.py, trace.py,
# grammar.py), plus pure layout with no meaning in math. Anything else is unknown, even when it is
# harmless (`\\sin`, `\\hspace`): a function name or a relation read as a word would hide a claim.
KNOWN_COMMANDS = frozenset(
    {
        # read by the grammar (fold.normalise, grammar.py)
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "cdot", "times", "div", "pm", "mp", "pi", "ast",
        "cdots", "ldots", "dots", "lvert", "rvert", "vert", "left", "right",
        "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "bigg", "Bigg", "big", "Big",
        # text, fonts, spaces, labels and boxes (markup.py)
        "text", "textbf", "textit", "textrm", "textnormal", "mathrm", "mbox",
        "mathbf", "boldsymbol", "bm", "pmb", "mathit", "mathsf", "mathtt", "mathnormal",
        "displaystyle", "qquad", "quad", "boxed", "fbox", "checkmark",
        # (what markup.py removes before this check, `\\tag{...}`, `\\overline` over a repeating decimal,
        # `\\sout{...}`, `\\therefore`, is unknown if any of it is left: a form the rule did not match)
        # relations markup.py turns into the unicode symbols the trace reader refuses
        "neq", "ne", "leq", "le", "leqslant", "geq", "ge", "geqslant", "lt", "gt", "approx", "equiv",
        "sim", "simeq", "cong", "propto", "in", "notin", "subset", "subseteq",
        # arrows between steps (trace._ARROWS), environments and breaks (markup.split_lines)
        "implies", "Rightarrow", "rightarrow", "Longrightarrow", "to", "begin", "end",
    }
)  # fmt: skip

_COMMAND = re.compile(r"\\([A-Za-z]+)")
# one-character commands the reader has a rule for: spaces (`\\,` `\\;` `\\:` `\\!` `\\ `), braces of a set,
# `\\%`, `\\$`, `\\|`, a line break and the math delimiters; any other (`\\#`, `\\=`, `\\^`, `\\'`) is unknown
_SYMBOL_COMMAND = re.compile(r"\\(?![A-Za-z\s,;:!{}%$|\\()\[\]])(.)")

# `&#61;` `&#x3D;` `&#0061;` (the `;` optional, as browsers read it) and `&eq;` `&equals;`
_ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9A-Fa-f]{1,7});?|&[A-Za-z][A-Za-z0-9]{1,31};")


def decode_entities(line: str) -> str:
    """The line with its HTML character references decoded; one that decodes to nothing readable (an
    unknown name, a code point out of range) is `UNKNOWN_MARK`."""
    if "&" not in line:
        return line

    def one(match: re.Match[str]) -> str:
        text = match.group(0)
        decoded = html.unescape(text if text.endswith(";") else text + ";")
        if decoded in (text, text + ";") or "\ufffd" in decoded:
            return f" {UNKNOWN_MARK} "
        return decoded

    # `&amp;#61;` is `&#61;` encoded once more: decoded until nothing changes (a few rounds at most)
    for _ in range(4):
        decoded = _ENTITY.sub(one, line)
        if decoded == line:
            return line
        line = decoded
    return _ENTITY.sub(f" {UNKNOWN_MARK} ", line)


def mark_unknown_commands(line: str) -> str:
    """Every LaTeX command not in KNOWN_COMMANDS replaced by `UNKNOWN_MARK` (with spaces around, so that
    it stands as a word of its own)."""
    if "\\" not in line:
        return line
    line = _SYMBOL_COMMAND.sub(f" {UNKNOWN_MARK} ", line)
    return _COMMAND.sub(lambda m: m.group(0) if m.group(1) in KNOWN_COMMANDS else f" {UNKNOWN_MARK} ", line)


# Symbols the reader handles itself where they reach it: `±` (a pair of values), `∓` (markup.py), `∈`
# and the relations in step_reader._RELATIONS (refused there with their own reason), and the arrows trace.py
# splits steps at (→ ⟶ ⟹ ⇒). Everything else in these blocks is a relation or operator nobody reads.
_HANDLED = frozenset("±∓→⟶⟹⇒")
_SYMBOL_BLOCKS = (
    (0x2190, 0x21FF),  # arrows (`⇐` `↦` `⇔`; some are "So", not "Sm")
    (0x2200, 0x22FF),  # mathematical operators (`≔` `≙` `≐` `⊢` `≍`)
    (0x27C0, 0x27FF),  # miscellaneous mathematical symbols A, supplemental arrows A (`⟺` `⟼`)
    (0x2900, 0x2AFF),  # supplemental arrows B, miscellaneous symbols B, supplemental operators (`⩴`)
)


@functools.lru_cache(maxsize=4096)
def _odd(ch: str) -> bool:
    if ch in _HANDLED:
        return False
    if ch == UNKNOWN_MARK or unicodedata.category(ch) == "Sm":
        return True
    point = ord(ch)
    return any(low <= point <= high for low, high in _SYMBOL_BLOCKS)


def unknown_symbol(text: str) -> bool:
    """Whether text holds markup nobody reads: `UNKNOWN_MARK`, a non-ASCII math symbol or arrow the
    reader has no rule for (after fold.py folded what it can: `−` `×` `√` never get here), or another
    character outside the grammar glued to math (`5x᐀26`, `x꓿5`, `5°`)."""
    if text.isascii():
        return False
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        if _odd(ch):
            return True
        kind = unicodedata.category(ch)
        if kind[0] in "LZ" or ch in _HANDLED or ch == "\u2026":  # a letter, a space, `±`, an ellipsis
            continue
        # punctuation glued to a digit or an operator, anything else glued to math at all
        near = text[max(i - 1, 0) : i] + text[i + 1 : i + 2]
        glue = _GLUED_PUNCTUATION if kind[0] == "P" else _GLUED
        if any(c in glue for c in near):
            return True
    return False


_GLUED_PUNCTUATION = frozenset("0123456789+-*/^=()")
_GLUED = _GLUED_PUNCTUATION | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


# --- answers read by math-verify -------------------------------------------------------------------------
#
# math-verify finds LaTeX in a text and parses what it found: given `\frac{5}{1} 7` it finds the fraction,
# reads 5, and the 7 is silently gone; inside `$...$` it rewrites `\frac{5}{1} 7` as `\frac{5}{1}{7}` and
# reads 12. An answer it says "equal" to is only trusted when (1) no two values stand side by side in it
# (the grammar refuses such text as ambiguous: a product? a mixed number? a thousands space?) and (2) the
# text it parsed is the whole answer, not a prefix.

# a value, then only space, then another value: `5 7`, `\frac{5}{1}7`, `\frac{1}{2}\frac{1}{3}`, `(2) 3`
# (`0{,}5` is a decimal comma, one value)
_SIDE_BY_SIDE = re.compile(r"(?:(?<!\{,)\}|[\])])\s*(?:\d|\\frac\b)|\d\s*\\frac\b|\d\.?\s+\.?\d")
# what is only layout when comparing the text math-verify parsed with the answer it was given
_LAYOUT = re.compile(r"\s+|[{}$]|\\(?:left|right|displaystyle|[,;:! ]|quad|qquad)(?![A-Za-z])")
_FRACTIONS = re.compile(r"\\[dtc]frac(?![A-Za-z])")


# `12_3`, `12_{(3)}`, `1100_{2}`: a number with a subscript, a base (12 in base 3 is 5) or a label;
# math-verify drops the subscript and reads 12
_SUBSCRIPTED_NUMBER = re.compile(r"(?:\d|\)|\})\s*_")


def subscripted_number(answer: str) -> bool:
    """Whether a number in answer carries a subscript (`12_3`: a base, which math-verify drops)."""
    return _SUBSCRIPTED_NUMBER.search(answer) is not None


def side_by_side(layout: str) -> bool:
    """Whether two values stand side by side with nothing between them but space (`layout`: the answer
    after markup.prepare_line, so `\\frac 510` is already `\\frac{5}{1}0` and spacing commands are
    spaces)."""
    return _SIDE_BY_SIDE.search(layout) is not None


def _squash(text: str) -> str:
    return _LAYOUT.sub("", _FRACTIONS.sub(r"\\frac", text.replace("\\(", "").replace("\\)", "")))


def read_whole(given: str, parsed: str) -> bool:
    """Whether `parsed` (the text math-verify says it parsed) is all of `given` (the answer, in the one
    math span it was handed), up to layout: spaces, braces, `\\left`/`\\right`, fraction spellings."""
    return _squash(parsed) == _squash(given)


# The LaTeX commands an answer may hold when math-verify reads it: what it turns into the mathematics they
# mean. Any other (`\phantom{0}`, read as a factor 0; `\hphantom`, `\color`, `\overline{5}`, a symbol) makes
# the answer unknown: math-verify reads unknown commands as symbols or drops them.
MATH_VERIFY_COMMANDS = frozenset(
    {
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "cdot", "times", "div", "pm", "mp", "pi", "infty",
        "left", "right", "displaystyle", "quad", "qquad", "text", "mathrm", "boxed", "fbox",
        "lvert", "rvert", "vert", "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
        "sinh", "cosh", "tanh", "log", "ln", "exp",
    }
)  # fmt: skip


def unread_command(answer: str) -> str | None:
    """The first LaTeX command in answer that math-verify is not trusted to read, if any."""
    for match in _COMMAND.finditer(answer):
        if match.group(1) not in MATH_VERIFY_COMMANDS:
            return match.group(0)
    return None
