"""A numbered premise, clue or statement given a verdict after a colon: "Premise 2: F", "Clue 3: not
satisfied", "Statement 2: ✓", "Premise 2: ¬(T ∧ F) = F".

Written in a check of the answer, each says whether the numbered item holds; it is a claim like
"Premise 2 is false", not a citation leading into the claim after it (the reader drops "Premise 2:" as a
lead-in elsewhere, and a bare "F" left alone claims nothing). `read.py` keeps such a label on its clause
(`KEPT`), and the walk reads the clause as the label "is true" or "is false" (`spelled`): a kind that
reads that checks it; one that does not leaves a false verdict unknown, never prose. A value worked out
in truth constants (`¬(T ∧ F) = F`) is left to the kind, which knows the item's formula.
"""

from __future__ import annotations

import re

_LABEL = r"(?:premise|clue|statement|constraint|clause|condition)\s*#?\s*\d{1,2}"
_TRUE = r"T|true|✓|✔|✅|⊤|satisfied|holds|ok|okay"
_FALSE = r"F|false|✗|✘|❌|⊥|unsatisfied|not\s+satisfied|violated|fails|does\s*n[o']t\s+hold"
_END = r"[\s.!✓✔✅]*$"
# a chain of truth constants and connectives, one "=" at least: "¬(T ∧ F) = ¬F = T"
_CONSTANTS = r"[TF⊤⊥01¬~!∧∨→↔⇒⇔&|^()\s]*[TF⊤⊥01)](?:\s*[=⇒]\s*[TF⊤⊥01¬~!∧∨→↔⇒⇔&|^()\s]*)+"
# the lookahead `read.py` puts after a label it would drop as a lead-in ("Premise 2: p is true")
KEPT = rf"(?!\s*:\s*(?:{_TRUE}|{_FALSE}|{_CONSTANTS}){_END})"
_LABELLED = re.compile(rf"^(?P<label>(?:the\s+)?{_LABEL})\s*:\s*(?P<verdict>.+?){_END}", re.I)
_WORD_TRUE = re.compile(rf"(?:{_TRUE})", re.I)
_WORD_FALSE = re.compile(rf"(?:{_FALSE})", re.I)
_CHAIN = re.compile(_CONSTANTS, re.I)


def labelled(text: str) -> tuple[str, str] | None:
    """(label, verdict) for "Premise 2: F" and the like, or None for any other clause."""
    match = _LABELLED.match(text)
    if match is None:
        return None
    verdict = match.group("verdict").strip()
    if not (_WORD_TRUE.fullmatch(verdict) or _WORD_FALSE.fullmatch(verdict) or _CHAIN.fullmatch(verdict)):
        return None
    return match.group("label"), verdict


def spelled(text: str) -> tuple[str, bool] | None:
    """ "Premise 2: F" as ("Premise 2 is false", False): the verdict in words and whether it says the
    item holds; None for a clause that is not a labelled verdict word (a chain of constants included)."""
    found = labelled(text)
    if found is None:
        return None
    label, verdict = found
    if _WORD_TRUE.fullmatch(verdict):
        return f"{label} is true", True
    if _WORD_FALSE.fullmatch(verdict):
        return f"{label} is false", False
    return None
