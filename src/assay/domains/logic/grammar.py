"""Helpers for the kinds' clause grammars (`knights_read.py`, `zebra_read.py`, ...): a grid cell in every
spelling the grid kinds read, verbs made plain ("cannot be" as "is not", "must be" as "is"; hedges left
as they are, so no grammar reads them), and an alternation of whole words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assay.text.trigger_words import compile_guarded, with_first_character_test

# A grid cell, one-based, in every spelling the grid kinds read: "r2c3", "(2, 3)", "[2, 3]", "row 2,
# column 3"; four alternatives of two groups each (exactly one pair is set). Zero-based spellings
# ("grid[1][2] (0-indexed)") are re-spelled as rRcC by `layout.py` before any reader sees them.
CELL = (
    r"(?:cell\s*)?(?:r\s*(\d{1,2})\s*c\s*(\d{1,2})|\(\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)|"
    r"\[\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\]|row\s*(\d{1,2})\s*,?\s*(?:col(?:umn)?|c)\s*(\d{1,2}))"
)
CELL_GROUPS = 8

# (each rewriting is tried only where its words can be: `trigger_words.py`)
_HOWEVER = compile_guarded(r"\s*,\s*however\s*,\s*", re.I)  # "Ben, however, is a knight"
_NEGATIVE_VERB = compile_guarded(
    r"\b(?:can\s*not|can'?t|could\s+not|couldn'?t|must\s+not|mustn'?t|is\s+not|isn'?t|are\s+not|aren'?t|"
    r"was\s+not|wasn'?t|were\s+not|weren'?t|(?-i:will)\s+not|won'?t|would\s+not|wouldn'?t|should\s+not|"
    r"shouldn'?t|is\s+never|are\s+never|is\s+no\s+longer|is\s+no|are\s+no)\s+(?:be\s+)?",
    re.I,
)
_BEING = re.compile(r"^((?:[A-Z][\w-]*)(?:\s*(?:,|and)\s*[A-Z][\w-]*)*)\s+being\s+")
_POSITIVE_VERB = re.compile(
    # "will" in lower case only: "Will is a knight" names Will (a capital modal opens a question)
    r"\b(?:is|are|was|were|must|has\s+to|have\s+to|can\s+only|(?-i:will)|should)\s+"
    r"(?:(?:definitely|certainly|clearly|indeed|actually|therefore|thus|also|surely|really|truly|then|"
    r"necessarily|in\s+fact|both|all|each|hence|so|consequently|still|only)\s+)*(?:be\s+)?",
    re.I,
)
# the same matches, tried only where one can start (`trigger_words.py`): "is" is in nearly every clause,
# so no word test spares the scan, but most positions cannot start a verb
_POSITIVE_VERB_AT = with_first_character_test(_POSITIVE_VERB)


END = re.compile(r"[\s.!✓✔]*$")  # what may follow the last claim of a clause (match it at a position)


def plain_verbs(text: str) -> str:
    """'cannot be', "isn't", 'must not be' as 'is not '; 'must be', 'is definitely', 'are both' as 'is '.
    Hedges ('could be', 'might be') are left alone, so a grammar never reads them."""
    text = _HOWEVER.sub(" ", text)
    text = _NEGATIVE_VERB.sub("is not ", text)
    if "being" in text:
        text = _BEING.sub(r"\1 is ", text)  # "(consistent with) Cal being a knave"
    return _POSITIVE_VERB_AT.sub("is ", text)


def words_pattern(words: Sequence[str]) -> str:
    """An alternation of words, longest first, as whole words."""
    ordered = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return r"(?<![\w-])(?:" + "|".join(ordered) + r")(?![\w-])"
