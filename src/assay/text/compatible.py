"""Text in compatibility form, the form every reader of untrusted text reads.

Model output may spell a word or a number with characters that look the same and read otherwise:
full-width letters and digits (`Ａｄｄ`, `３６`), ligatures, and invisible format characters (a zero-width
space in `M\u200baybe`, a soft hyphen in `Ad\u00add`, bidi controls). A reader that matches words or numbers
on the raw text would not see them; each reader folds its text here first, so all of them see the same
thing. ASCII, the common case, is already in this form and is returned as it is.
"""

from __future__ import annotations

import unicodedata


def compatible(text: str) -> str:
    """text in Unicode compatibility form (NFKC) without format characters (category Cf)."""
    if text.isascii():
        return text
    return without_format_characters(unicodedata.normalize("NFKC", text))


def without_format_characters(text: str) -> str:
    """text without zero-width and other format characters, which could split a word unseen."""
    if text.isascii():
        return text
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# format characters that reorder what is shown (bidi marks, embeddings, overrides, isolates): the text a
# reader sees is then not the text in memory (`x = \u202e63` shows as `x = 36`), so they are kept, and a
# reader that does not know them refuses the line
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def without_invisible_characters(text: str) -> str:
    """text without the format characters that show nothing and move nothing (zero-width spaces and
    joiners, soft hyphens, word joiners, byte order marks, invisible operators): what is shown is then
    what is read. Bidi controls stay (`BIDI_CONTROLS`)."""
    if text.isascii():
        return text
    return "".join(c for c in text if c in BIDI_CONTROLS or unicodedata.category(c) != "Cf")
