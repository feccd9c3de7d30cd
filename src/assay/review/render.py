"""Model text → safe HTML for the review pages: markdown rendered, math left for KaTeX, nothing executed.

A reviewer judges what the model wrote, so the page must show exactly that, and nothing the text says
may act. This module must never:
- emit a tag or attribute built from the text: markdown-it runs with HTML off (every `<` is escaped), and
  every rule that would turn text into an address (links, images, autolinks, reference definitions) is
  off, so `[x](javascript:…)` and `![](http://tracker/)` show as the characters written and the page
  never loads anything a model named;
- hide or change characters: bidi overrides, zero-width and other invisible characters are shown as
  `⟨U+202E⟩` (a "Trojan source" line must not read differently from what is stored), ordered lists keep
  the numbers written, setext underlines and tables stay text (a table drops cells beyond its header's),
  a fence's info string is shown whole, a `*` between two non-space characters (`2*3*4`) stays a `*`
  instead of turning `3` into italics, and a text markdown would show only part of (blocks nested past
  markdown-it's limit are dropped) is shown as plain text instead;
- hand math to anything but KaTeX: `$…$`, `$$…$$`, `\\(…\\)` and `\\[…\\]` become a span whose TeX sits
  in an escaped `data-tex` attribute (the delimited source is the span's text, the no-script fallback);
  app.js renders it with `trust: false`, so `\\href`/`\\includegraphics` cannot make links or requests.

Every scan is linear in the text: a hostile output (a megabyte of unclosed `$`) costs one pass, not a
square.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup

__all__ = ["render_markdown", "reveal_invisible"]

# shown as `⟨U+XXXX⟩`: characters that draw nothing (or reorder what follows) yet change the text
_INVISIBLE_EXTRA = frozenset("\u115f\u1160\u2028\u2029\u2800\u3164\uffa0")
_KEPT_CONTROLS = frozenset("\n\t")


def _is_invisible(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return False
    return char in _INVISIBLE_EXTRA or unicodedata.category(char) in ("Cc", "Cf")


def reveal_invisible(text: str) -> str:
    """`text` with every invisible or reordering character written out as `⟨U+XXXX⟩`."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to reveal, no per-character walk
    return "".join(f"⟨U+{ord(c):04X}⟩" if _is_invisible(c) else c for c in text)


# --- math: found here, rendered by KaTeX in the browser ------------------------------------------------

_MATH_OPENERS = (("$$", "$$", True), ("\\[", "\\]", True), ("\\(", "\\)", False))


def _escaped(src: str, index: int) -> bool:
    """Whether src[index] is escaped: preceded by an odd number of backslashes."""
    slashes = 0
    while index - slashes - 1 >= 0 and src[index - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _find_closer(state: StateInline, closer: str, start: int) -> int:
    """The first unescaped `closer` at or after `start`, or -1.

    Remembered per inline source, so many openers without a closer search the text once, not once each.
    """
    memo: dict[tuple[str, str, int], tuple[int, int]] = state.env.setdefault("assay_math_find", {})
    key = (closer, state.src, state.posMax)
    seen = memo.get(key)
    if seen is not None and seen[0] <= start and (seen[1] == -1 or seen[1] >= start):
        return seen[1]
    at = start
    while True:
        at = state.src.find(closer, at, state.posMax)
        if at == -1 or not _escaped(state.src, at):
            break
        at += 1
    memo[key] = (start, at)
    return at


def _push_math(state: StateInline, tex: str, opener: str, closer: str, display: bool) -> None:
    token = state.push("math_display" if display else "math_inline", "", 0)
    token.content = tex
    token.markup = opener
    token.info = closer


def _math_rule(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] not in "$\\" or _escaped(src, pos):
        return False
    for opener, closer, display in _MATH_OPENERS:
        if src.startswith(opener, pos):
            close = _find_closer(state, closer, pos + len(opener))
            if close == -1 or not src[pos + len(opener) : close].strip():
                return False
            if not silent:
                _push_math(state, src[pos + len(opener) : close], opener, closer, display)
            state.pos = close + len(closer)
            return True
    if src[pos] != "$" or pos + 1 >= end or src[pos + 1].isspace():
        return False
    # Pandoc's rule for `$…$`: no space inside either dollar, no digit right after the closing one,
    # so "costs $5 and $10" stays prose; no bare `$` inside, which also keeps the scan linear
    close = _find_closer(state, "$", pos + 1)
    if close == -1 or src[close - 1].isspace() or (close + 1 < end and src[close + 1].isdigit()):
        return False
    if not silent:
        _push_math(state, src[pos + 1 : close], "$", "$", False)
    state.pos = close + 1
    return True


def _intraword_star_rule(state: StateInline, silent: bool) -> bool:
    """A run of `*` with non-space on both sides is literal: `2*3*4` is a product, not `2<em>3</em>4`."""
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "*" or pos == 0 or src[pos - 1].isspace():
        return False
    run_end = pos
    while run_end < end and src[run_end] == "*":
        run_end += 1
    if run_end >= end or src[run_end].isspace():
        return False
    if not silent:
        state.pending += src[pos:run_end]
    state.pos = run_end
    return True


def _reveal_rule(state: StateCore) -> None:
    """Core rule, after inline parsing: reveal invisible characters wherever text reaches the page,
    including characters that entities (`&#x202e;`) decode to."""

    def walk(tokens: Sequence[Token]) -> None:
        for token in tokens:
            if token.content:
                token.content = reveal_invisible(token.content)
            if token.info:
                token.info = reveal_invisible(token.info)
            if token.children:
                walk(token.children)

    walk(state.tokens)


# lines that hold only markdown's own syntax (quote and list markers): no text to lose
_SYNTAX_ONLY = re.compile(r"[\s>]*(?:(?:[-*+]|\d{1,9}[.)])[\s>]*)?")
_LEAVES = frozenset({"inline", "fence", "code_block", "hr"})  # the tokens that carry a line's text


def _coverage_rule(state: StateCore) -> None:
    """Core rule: flag a text of which markdown would show less than every line. markdown-it stops
    reading blocks nested deeper than maxNesting (`> > > … hidden`) and drops the rest silently; a
    reviewer must never accept words they were not shown, so such a text is shown as plain text."""
    covered: set[int] = set()
    for token in state.tokens:
        if token.type in _LEAVES and token.map:
            covered.update(range(*token.map))
    for number, line in enumerate(state.src.split("\n")):
        if number not in covered and not _SYNTAX_ONLY.fullmatch(line):
            state.env["assay_dropped"] = True
            return


def _render_math(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    kind = "display" if token.type == "math_display" else "inline"
    source = escapeHtml(token.markup + token.content + token.info)
    return f'<span class="math math-{kind}" data-tex="{escapeHtml(token.content)}">{source}</span>'


def _render_fence(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # markdown shows only the info string's first word, as a class: show all of it, as text
    token = tokens[idx]
    info = f'<span class="fence-info">{escapeHtml(token.info)}</span>' if token.info.strip() else ""
    return f"<pre>{info}<code>{escapeHtml(token.content)}</code></pre>\n"


def _render_list_item(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # markdown renumbers "3. … 5. …" as 3, 4: show the numbers the model wrote
    token = tokens[idx]
    if token.info.isdigit():
        token.attrSet("value", token.info)
    return self.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False, "typographer": False})
    md.disable(["link", "image", "autolink", "html_inline", "reference", "html_block", "lheading"])
    md.inline.ruler.before("escape", "assay_math", _math_rule)
    md.inline.ruler.before("emphasis", "assay_star", _intraword_star_rule)
    md.core.ruler.push("assay_reveal", _reveal_rule)
    md.core.ruler.after("block", "assay_coverage", _coverage_rule)
    md.add_render_rule("math_inline", _render_math)
    md.add_render_rule("math_display", _render_math)
    md.add_render_rule("list_item_open", _render_list_item)
    md.add_render_rule("fence", _render_fence)
    return md


_MD = _parser()


def render_markdown(text: str) -> Markup:
    """Model (or problem) text as HTML that shows it and can do nothing else; safe to put in a page."""
    env: dict[str, Any] = {}
    html = _MD.render(text, env)
    if env.get("assay_dropped"):
        return Markup(  # escaped here: the text as written, every line of it
            '<p class="render-note">Shown as plain text: as markdown, part of it would not be visible.</p>'
            f'<pre class="plain">{escapeHtml(reveal_invisible(text))}</pre>'
        )
    return Markup(html)  # markdown-it with HTML off built it: see the module doc
