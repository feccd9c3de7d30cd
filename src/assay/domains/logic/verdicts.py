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

_NOUN = r"(?:premise|clue|statement|constraint|clause|condition)"
# "Premise 2", "clue #3", "premise (4)", and the short forms "P2", "C3", "S1" and "(2)"
_LABEL = rf"(?:(?:the\s+)?{_NOUN}\s*#?\s*\(?\d{{1,2}}\)?|(?-i:[PCS])\d{{1,2}}|\(\d{{1,2}}\))"
_TRUE = r"T|true|✓|✔|✅|⊤|satisfied|holds|ok|okay"
_FALSE = r"F|false|✗|✘|❌|⊥|unsatisfied|not\s+satisfied|violated|fails|does\s*n[o']t\s+hold"
# "Premise 2: evaluates to F", "Premise 2: = T": words that lead to the verdict and add nothing
_LEAD = r"(?:(?:evaluates|evaluated|comes\s+out|reduces|simplifies)\s+to\s+|is\s+|=\s*)?"
_WORD = rf"{_LEAD}(?:{_TRUE}|{_FALSE})"
# truth constants, connectives and marks with a value or a cross among them: "¬(T ∧ F) = F", "T → F",
# "✓ F"; what they say of the item only its kind can tell
_SYMBOL = r"[TF⊤⊥01¬~!∧∨→↔⇒⇔&|^()=\s✓✔✅✗✘❌]"
_SYMBOLS = rf"{_SYMBOL}*[TF⊤⊥01✗✘❌]{_SYMBOL}*"
_END = r"[\s.!✓✔✅]*$"
# the lookahead `read.py` puts after a label it would drop as a lead-in ("Premise 2: p is true")
KEPT = rf"(?!\s*:\s*(?:{_WORD}|{_SYMBOLS}){_END})"
_LABELLED = re.compile(rf"^(?P<label>{_LABEL})\s*:\s*(?P<verdict>(?:{_WORD}|{_SYMBOLS})){_END}", re.I)
_WORD_TRUE = re.compile(rf"{_LEAD}(?:{_TRUE})", re.I)
_WORD_FALSE = re.compile(rf"{_LEAD}(?:{_FALSE})", re.I)
_SHORT = {"P": "premise", "C": "clue"}


def labelled(text: str) -> tuple[str, str] | None:
    """(label, verdict) for "Premise 2: F" and the like, or None for any other clause."""
    if ":" not in text:  # most clauses: no regex run
        return None
    match = _LABELLED.match(text)
    if match is None:
        return None
    verdict = match.group("verdict").strip()
    # "F ✓", "¬(T ∧ F) = T ✓": a check mark after the verdict only ticks it off
    return match.group("label"), _TICKED.sub("", verdict) or verdict


_TICKED = re.compile(r"[\s.!✓✔✅]+$")


def _spelled_label(label: str) -> str:
    """The label as the kinds read it before "is true": "P2" is premise 2, "(2)" the second premise."""
    short = re.fullmatch(r"([PC])(\d{1,2})", label)
    if short is not None:
        return f"{_SHORT[short.group(1)]} {short.group(2)}"
    bracketed = re.fullmatch(r"\((\d{1,2})\)", label)
    return f"premise {bracketed.group(1)}" if bracketed is not None else label


def spelled(text: str) -> tuple[str, bool] | None:
    """ "Premise 2: F" as ("Premise 2 is false", False): the verdict in words and whether it says the
    item holds; None for a clause that is not a labelled verdict word (a chain of constants included)."""
    found = labelled(text)
    if found is None:
        return None
    label, verdict = found
    if _WORD_TRUE.fullmatch(verdict):
        return f"{_spelled_label(label)} is true", True
    if _WORD_FALSE.fullmatch(verdict):
        return f"{_spelled_label(label)} is false", False
    return None
