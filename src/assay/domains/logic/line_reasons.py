"""Which claims beside a cited claim on its own line may serve as its reasons.

A citation is held to what was established before it (`cited_support.py`): the premises, the earlier
lines and the claims read before it on its line ("X says S, which is false, so X is a knave"). A claim
after it on the line is a reason only when the line says so, with a reason word just before it ("Ava is
a knight (by Ava's statement), since Ben is a knave"), and only up to the first claim merely listed (what
follows that one is its reasons, not this one's). A claim merely listed after it ("Answer: Ava is a
knight [by Ava's statement], Ben is a knave") is a further claim, not a reason: with it among the givens
any statement about Ben would "give" Ava's role, and the citation would be borrowed from later text.

When the later claim's text cannot be found in the line, or no reason word leads it, it is not a reason
(fail closed: fewer givens can only turn a citation unknown, never let a wrong one through).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assay.domains.logic.walk_events import Claim

# the words that make the claim after them a reason for the one before: "since", "because", "as",
# "given that", "for", "due to", "seeing that", "in that"; bounded gap, one word group
_REASON_LEAD = re.compile(
    r"(?:^|[\s,;:(\[—–-])(?:since|because|as|for|given(?:\s+that)?|due\s+to(?:\s+the\s+fact\s+that)?|"
    r"seeing\s+(?:as|that)|now\s+that|considering(?:\s+that)?)\s*[,:]?\s*(?:(?:we\s+know\s+)?that\s+)?$",
    re.IGNORECASE,
)


def reasons_beside(line: str, line_claims: Sequence[Claim], claim: Claim) -> list[Claim]:
    """The claims on claim's line that may be its reasons: every one read before it, and the later ones a
    reason word leads in the line's text, right after it."""
    at = next((k for k, other in enumerate(line_claims) if other is claim), len(line_claims))
    before = list(line_claims[:at])
    later = line_claims[at + 1 :]
    if not later:
        return before
    found = _position_after(line, claim.text, 0)
    if found is None:
        return before
    end = found
    led: list[Claim] = []
    for other in later:
        start = _position(line, other.text, end)
        if start is None:
            break  # a text the line does not hold as read: nothing after it is placed with certainty
        if not _REASON_LEAD.search(line[end:start][-60:]):
            break  # a further claim: what follows it gives reasons for it, not for this one
        led.append(other)
        end = start + len(other.text)
    return [*before, *led]


def _position(line: str, text: str, start: int) -> int | None:
    found = line.find(text, start) if text else -1
    return None if found < 0 else found


def _position_after(line: str, text: str, start: int) -> int | None:
    found = _position(line, text, start)
    return None if found is None else found + len(text)
