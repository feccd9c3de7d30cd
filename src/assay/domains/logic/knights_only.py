"""Other ways of saying "only": each rewritten to the grammar's own "only NAMES is a ROLE" (or "NAMES
is the only ROLE"), which knights_read reads as the people named having the role and everyone else the
other one, so that a wrong list cannot pass on its true half. Pure text work.

- "Only Ben lies", "Only Ava and Cal tell the truth": "only" with a verb of truth;
- "The only knight is Ava", "The only knaves are Ben and Cal";
- "Ava alone is a knight", "Ava is the sole knight";
- "Ava is the only one telling the truth", "Ben is the only one who lies".

Each shape must be the whole clause, the names one list (joined by commas and "and"), the verb or role
last: "Only Ben does not lie", "only Ben lies to Cal", "Ava alone is not a knight" are not rewritten and
stay with the grammar (unreadable). Whether the names are people and the role a role, the grammar
checks after the rewrite, as it does for the words written that way.
"""

from __future__ import annotations

import re

_NAMES = r"(?P<names>[A-Za-z][\w-]*(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)[A-Za-z][\w-]*)*)"
_LIES = r"(?:lies|lie|lied|is\s+lying|are\s+lying|was\s+lying|were\s+lying)"
_TRUTH = r"(?:tells|tell|told|is\s+telling|are\s+telling)\s+the\s+truth"
_END = r"[\s.!]*"
_ONLY_VERB = re.compile(rf"only\s+{_NAMES}\s+(?:(?P<lies>{_LIES})|{_TRUTH}){_END}", re.I)
_THE_ONLY_ROLE = re.compile(rf"the\s+(?:only|sole)\s+(?P<role>[\w-]+)\s+(?:is|are)\s+{_NAMES}{_END}", re.I)
_ALONE = re.compile(rf"{_NAMES}\s+alone\s+(?:is|are)\s+(?:an?\s+)?(?P<role>[\w-]+){_END}", re.I)
_SOLE = re.compile(rf"{_NAMES}\s+(?:is|are)\s+the\s+sole\s+(?P<role>[\w-]+){_END}", re.I)
_ONLY_ONE = re.compile(
    rf"{_NAMES}\s+(?:is|are)\s+the\s+only\s+(?:one|ones|person|people)\s+"
    rf"(?:(?:who\s+)?(?P<lies>{_LIES}|lying)|(?:who\s+)?(?:{_TRUTH}|telling\s+the\s+truth)){_END}",
    re.I,
)


def rewrite(text: str) -> str:
    """text in the grammar's "only" form when it is one of the module's shapes, else text itself."""
    if not re.search(r"\b(?:only|alone|sole)\b", text, re.I):
        return text
    found = _ONLY_VERB.fullmatch(text) or _ONLY_ONE.fullmatch(text)
    if found is not None:
        role = "knave" if found.group("lies") else "knight"
        return f"only {found.group('names')} is a {role}"
    found = _THE_ONLY_ROLE.fullmatch(text) or _ALONE.fullmatch(text)
    if found is not None:
        return f"only {found.group('names')} is a {found.group('role')}"
    found = _SOLE.fullmatch(text)
    if found is not None:
        return f"{found.group('names')} is the only {found.group('role')}"
    return text
