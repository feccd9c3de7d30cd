"""Fold the many spellings of math in model text onto the ASCII the grammar and the trace reader know.

Models write `𝑥`, `𝐱`, `ｘ`, `２`, `x²`, `2⁻¹`, `½`, `3¼`, `−`, `×`, `÷` and so on. A spelling the reader
does not know must never make a claim disappear into prose, so every character is either folded onto the
ASCII form it *means*, or left alone (and then the grammar refuses it, which makes the step unreadable).

- Letters and digits from Unicode's mathematical alphabets, fullwidth and other "compatibility" forms are
  folded with their NFKC form (only for the decomposition tags below: circled digits `①` and the other
  enclosed alphanumerics `⑵` `⒉` stay, because they are labels, not the number 1 or the factor (2)).
- Superscripts are exponents: a run of them becomes `^(...)` (`x²³` is `x^(23)`, `2⁻¹` is `2^(-1)`,
  `xʸ` is `x^(y)`); NFKC alone would read `3²` as `32` and `xʸ` as the product `xy`.
- Subscripts become `_(...)`, which the grammar refuses: `x₁` is a different variable, not `x1`.
- Vulgar fractions are values: `½` is `(1/2)`, and after a whole number `3¼` is the mixed number `(3+1/4)`.
- Decimal digits of any script are folded by their digit value.

`normalise` (used by the grammar in grammar.py) also maps LaTeX command words onto the grammar's plain words.
Pure text work: safe in any process, linear in the length of the text.
"""

from __future__ import annotations

import functools
import unicodedata

_DIRECT = {
    # minus signs and dashes that are used as minus
    "−": "-",
    "‒": "-",
    "–": "-",
    "﹣": "-",
    "－": "-",
    "˗": "-",
    "➖": "-",
    "‐": "-",
    "‑": "-",
    # an em dash is punctuation between clauses, never a minus: fold it to a clause break
    "—": " ; ",
    "―": " ; ",
    # products and quotients
    "×": "*",
    "✕": "*",
    "✖": "*",
    "⨯": "*",
    "·": "*",
    "⋅": "*",
    "∙": "*",
    "∗": "*",
    "÷": "/",
    "∕": "/",
    "⁄": "/",
    "➗": "/",
    "➕": "+",
    "＋": "+",
    "＝": "=",
    # the therefore and because signs are words
    "∴": " therefore ",
    "∵": " because ",
    # names the grammar knows
    "π": " pi ",
    "𝜋": " pi ",
    "𝝅": " pi ",
    "√": " sqrt ",
    "∛": " cbrt ",
    # white space and invisible characters
    "\u00a0": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u2061": "",
    "\u2062": "",  # invisible times: the reader sees juxtaposition, which is a product anyway
    "\u2063": "",
    "∎": "",  # the end of a proof (a tombstone), no value
    "\ufe0e": "",  # variation selectors: text or emoji presentation of the character before
    "\ufe0f": "",
}
_FOLD_TAGS = ("<font>", "<wide>", "<narrow>", "<compat>", "<noBreak>", "<small>")
_SUPER_SIGNS = {"⁺": "+", "⁻": "-", "⁽": "(", "⁾": ")", "⁼": "="}
_SUB_SIGNS = {"₊": "+", "₋": "-", "₍": "(", "₎": ")", "₌": "="}


@functools.lru_cache(maxsize=4096)
def _kind(ch: str) -> tuple[str, str]:
    """(kind, folded text) for one non-ASCII character."""
    if ch in _DIRECT:
        return "plain", _DIRECT[ch]
    if ch in _SUPER_SIGNS:
        return "super", _SUPER_SIGNS[ch]
    if ch in _SUB_SIGNS:
        return "sub", _SUB_SIGNS[ch]
    tag = unicodedata.decomposition(ch)
    if tag.startswith("<super>"):
        return "super", unicodedata.normalize("NFKC", ch)
    if tag.startswith("<sub>"):
        return "sub", unicodedata.normalize("NFKC", ch)
    if tag.startswith("<fraction>"):
        return "fraction", unicodedata.normalize("NFKC", ch).replace("⁄", "/")
    digit = unicodedata.decimal(ch, None)
    if digit is not None:
        return "plain", str(digit)
    if 0x2460 <= ord(ch) <= 0x24FF:
        # enclosed alphanumerics (`⑵`, `⒉`, `⒜`) are labels like `①`: folded to `(2)` they would be a factor
        return "plain", ch
    if tag.startswith(_FOLD_TAGS):
        folded = unicodedata.normalize("NFKC", ch)
        # a folded character may itself need folding (𝜋 → π, ＋ → +)
        return "plain", "".join(_DIRECT.get(c, c) for c in folded)
    return "plain", ch


def fold_unicode(text: str) -> str:
    """The text with every known non-ASCII spelling of math folded onto ASCII (see the module doc)."""
    if text.isascii():
        return text
    out: list[str] = []
    group_kind = ""
    group: list[str] = []

    def close_group() -> None:
        nonlocal group_kind
        if group_kind:
            mark = "^" if group_kind == "super" else "_"
            out.append(f"{mark}({''.join(group)})")
        group.clear()
        group_kind = ""

    for ch in text:
        if ch.isascii():
            close_group()
            out.append(ch)
            continue
        kind, folded = _kind(ch)
        if kind in ("super", "sub"):
            if group_kind != kind:
                close_group()
                group_kind = kind
            group.append(folded)
            continue
        close_group()
        if kind == "fraction":
            out.append(_vulgar(out, folded))
        else:
            out.append(folded)
    close_group()
    return "".join(out)


# what may stand between a whole number and the fraction of a mixed number: spaces of any width (folded to
# " " already), LaTeX's `~` and its spacing commands `\,` `\;` `\:` `\ ` (`1 ½`, `1\,½`, `1~½`)
_MIXED_GAP = frozenset({" ", "\t", "~"})
_TEX_GAP = frozenset({",", ";", ":", " "})


def _vulgar(out: list[str], fraction: str) -> str:
    """`½` is `(1/2)`; after a whole number it is the fractional part of a mixed number, glued (`1½`) or
    after a space (`1 ½`, `1\\,½`), as the grammar reads `1 1/2`: `1 ½` is never the product 1·½."""
    gap: list[str] = []
    while out:
        if out[-1] in _MIXED_GAP:
            gap.append(out.pop())
        elif len(out) >= 2 and out[-1] in _TEX_GAP and out[-2] == "\\":
            gap.extend((out.pop(), out.pop()))
        else:
            break
    digits: list[str] = []
    while out and len(out[-1]) == 1 and out[-1].isdigit():
        digits.append(out.pop())
    if not digits:
        out.extend(reversed(gap))
        return f"({fraction})"
    whole = "".join(reversed(digits))
    before = out[-1][-1:] if out else ""
    if before in (".", ",", "/", "^", "_") or before.isalpha():
        # "2.5½", "x2½", "1/2 ½", "3,5 ½" (a decimal comma or a list?), "2^3 ½" (a mixed exponent or a
        # product?) have no reading we can be sure of; "_" makes the grammar refuse it
        return f"{whole}_({fraction})"
    return f"({whole}+{fraction})"


# --- LaTeX words, for the grammar ----------------------------------------------------------------

_LATEX_WORDS = [
    # "\cdots" and friends first, so that "\cdot" does not eat their start; "…" is refused by the grammar
    (r"\cdots", "…"),
    (r"\ldots", "…"),
    (r"\dots", "…"),
    (r"\lvert", "|"),  # absolute-value bars (`\left|`, `\lvert x \rvert`); `\|` (a norm) stays unread
    (r"\rvert", "|"),
    (r"\vert", "|"),
    (r"\left", ""),
    (r"\right", ""),
    (r"\bigl", ""),
    (r"\bigr", ""),
    (r"\Bigl", ""),
    (r"\Bigr", ""),
    (r"\biggl", ""),
    (r"\biggr", ""),
    (r"\Biggl", ""),
    (r"\Biggr", ""),
    (r"\bigg", ""),
    (r"\Bigg", ""),
    (r"\big", ""),
    (r"\Big", ""),
    (r"\displaystyle", ""),
    (r"\qquad", " "),
    (r"\quad", " "),
    (r"\ast", "*"),
    (r"\cfrac", r"\frac"),
    (r"\mathbf", ""),
    (r"\mathit", ""),
    (r"\boldsymbol", ""),
    (r"\cdot", "*"),
    (r"\times", "*"),
    (r"\div", "/"),
    (r"\%", "%"),
    (r"\pm", "±"),
    (r"\dfrac", r"\frac"),
    (r"\tfrac", r"\frac"),
    (r"\pi", " pi "),
    (r"\,", " "),
    (r"\;", " "),
    (r"\!", ""),
    (r"\ ", " "),
    (r"\:", " "),
    (r"\mathrm", ""),
    (r"\text", ""),
]


def normalise(text: str) -> str:
    """Map LaTeX and unicode spellings onto the plain grammar."""
    text = fold_unicode(text)
    if "\\" in text:
        for word, plain in _LATEX_WORDS:
            text = text.replace(word, plain)
        text = text.replace(r"\sqrt", " sqrt ")
    # "~" is a LaTeX non-breaking space
    return text.replace("**", "^").replace("~", " ")
