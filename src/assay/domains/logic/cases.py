"""How a case is opened and how its claims stand to its assumption: an opener's head and body
("Assume Ava is a knave: then ..."), a plan or a topic that assumes nothing ("Let me try Ava first"), a
claim's literal, a claim that flatly denies the assumption (the conclusion that discharges it), and the
island's rule restated ("If Ava is a knight, her statement is true"), which claims nothing. Used by the
walk (`walk.py`); it decides nothing alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assay.domains.logic import marks
from assay.domains.logic.read import Formula, Reading

_THE_STATEMENT = re.compile(
    r"^(?:the|his|her|their|its|this|that)\s+(?:statement|claim|assertion|words)\s+(?:is|are|would\s+be|"
    r"must\s+be|will\s+be|has\s+to\s+be)\s+(?P<truth>true|false)[\s.!]*$",
    re.I,
)


def rule_restated(reading: Reading, rest: str) -> bool:
    """True for "If Ava is a knight, the statement is true" and "If Ava is a knave, her statement is
    false": the consequent only restates what the role means for the speaker's own words. Whichever
    statement "the statement" points at, the writer said nothing a check could refute only when the
    pairing is the rule's own (a knight's words true, a knave's false); any other pairing is read as a
    claim, and "the statement" then is unreadable."""
    match = _THE_STATEMENT.match(rest.strip())
    if match is None or not isinstance(reading, list) or len(reading) != 1:
        return False
    found = literal(reading[0])
    if found is None or found[1] not in ("knight", "knave"):
        return False
    knight = bool((found[1] == "knight") == found[2])
    return knight == (match.group("truth").lower() == "true")


def literal(formula: Formula) -> tuple[Any, Any, bool] | None:
    if formula[0] == "var":
        return formula[1], formula[2], True
    if formula[0] == "not" and formula[1][0] == "var":
        return formula[1][1], formula[1][2], False
    return None


def negates(claims: Sequence[Formula], assumptions: Sequence[Formula] | None) -> bool:
    """True if a claimed literal flatly denies an assumed one (same variable, another value, or 'not')."""
    if not assumptions:
        return False
    assumed = [lit for lit in map(literal, assumptions) if lit is not None]
    for claim in map(literal, claims):
        if claim is None:
            continue
        for key, value, positive in assumed:
            if key != claim[0]:
                continue
            if (positive and claim[2] and value != claim[1]) or (value == claim[1] and positive != claim[2]):
                return True
    return False


# "Let me try Ava first", "We test May first": whom to look at, no assumption
TOPIC_HEAD = re.compile(
    r"^(?P<names>[A-Z][\w-]*(?:\s*(?:,|\band\b|&)\s*[A-Z][\w-]*)*)(?:'s\s+(?:statement|claim))?"
    r"(?:\s+(?:first|next|now|again|then))?[\s.!]*$"
)
# "Let's test both cases for p": a plan, nothing assumed yet
BOTH_CASES = re.compile(
    r"^(?:both|all|the\s+two|each\s+of\s+the|the)\s+(?:cases|possibilities|options|values|scenarios)\b"
    r"(?:\s+(?:for|of)\s+\w+)?[\s.]*$",
    re.I,
)


def split_then(body: str) -> tuple[str, str, str]:
    """A case's assumption and what follows it: after "then", a colon, ", so", or a verdict mark ("Case 1:
    Ava is a knight ❌ contradiction", "Case 2: Ava is a knave ✅"), which is then read as the verdict on
    the case it follows (a cross a contradiction, a tick "this works"), never as part of the assumption.
    Only a lone mark: "p ✓, q ✗" may give values mark by mark, and is left as written."""
    match = re.search(
        r"(?:,\s*then\s+|\s+then\s+|:\s+|,\s+(?=so\b|therefore\b|thus\b|hence\b)|\s*[,:]?\s*(?=[✗✘❌✓✔✅](?![^✗✘❌✓✔✅]*[✗✘❌✓✔✅])))",
        body,
        re.I,
    )
    if match is None:
        return body, "", ""
    return body[: match.start()], match.group(0), _mark_in_words(body[match.end() :])


_LEAD_MARK = re.compile(r"^\s*(?P<mark>[✗✘❌✓✔✅])[\s.!,:;—–-]*")


def _mark_in_words(rest: str) -> str:
    """A verdict mark that leads what follows a case, in words: a mark alone would be taken for a bullet
    and dropped, and the case left unjudged. Words after it that give their own verdict ("❌
    contradiction", "✓ consistent") are that verdict; the mark then says it again and goes."""
    lead = _LEAD_MARK.match(rest)
    if lead is None:
        return rest
    after = rest[lead.end() :]
    cross = lead.group("mark") in "✗✘❌"
    if (marks.CONTRADICTION if cross else marks.CONSISTENT).search(after):
        return after
    if (marks.CONSISTENT if cross else marks.CONTRADICTION).search(after):
        return rest  # a cross before "works", a tick before "contradiction": left as written, unread
    word = "contradiction" if cross else "this works"
    return f"{word}, {after}" if after.strip() else word
