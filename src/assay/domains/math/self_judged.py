"""A line that calls a step wrong without taking it back.

"2x = 8 — no, that's wrong.", "3 × 12 = 36 (oops, wrong)", "3 × 12 = 36? No.", "Note that 2x = 8 is
incorrect.", "36 − 7 = 29. That is wrong." on a line of its own: the reader reads the claim and the words
judge it false, and the trace goes on using it. Either the claim or the judgment is false, and the checker
cannot tell which is meant: such a line is unknown, never passed. A retraction the reader recognises
(retracted.py: the line that takes back the step before it and says what replaces it) is not this. Pure
text work.
"""

from __future__ import annotations

import re
import unicodedata

from assay.text.trigger_words import compile_guarded

# words that judge a step false (`No mistake there` and `not wrong` judge nothing); guarded: most lines say
# none of the words, and the scan of every alternative at every position is then skipped
_WRONG = compile_guarded(
    r"(?<!\bno\s)(?<!\bnot\s)(?<!\bnothing\s)\b(?:wrong|incorrect|mistaken|oops|nope|(?:a|my|the)\s+mistake"
    r"|(?:an|my|the)\s+error|not\s+(?:right|correct|true)|(?:is|that's|that\s+is)\s+false)\b"
    r"|(?:^|[.?!]\s*)(?:no|not|false|not\s+so|just\s+kidding)\s*[.!]\s*$",
    re.I,
)
MAX_TEXT = 2000  # characters of a line looked at


def judges_wrong(text: str) -> bool:
    """Whether the line's words call something wrong (see the module)."""
    text = text[:MAX_TEXT]
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    return _WRONG.search(text) is not None


__all__ = ["judges_wrong"]
