"""A retraction in the middle of a line starts a step of its own: `2x = 18? Wait, no. 13 - 5 = 8, so
2x = 8.`, `u = 2 or u = 4... I mean u = 1 or u = 4.`, `120 + 2 = 122... no. Speed = 120 / 2 = 60`.

R1 and QwQ correct themselves inside a sentence. Read as one step, the line claims both the slip and its
correction, and the slip refutes it. Cut at the retraction, the line is two steps, and the second is
read as a line that opens with a retraction (retracted.py): it takes the first back only when it gives
one of the first's pieces another value (`2x = 18` / `... 2x = 8`), so a "Wait, no" beside a claim it
does not correct takes nothing back, and the first part is checked as written. Only clear retractions
cut (claim_reading.retraction_starts: not "wait" alone, not one that is denied or asked), and only after
math with a relation, never inside it. Pure text work.
"""

from __future__ import annotations

import re

from assay.domains.math.claim_reading import retraction_starts

MAX_CUTS = 16  # cuts in one line; the rest of the line stays one step

# a hesitation before the retraction belongs to it (`Hmm, wait. Oops, ...`)
# where a clause starts: after a sentence's end or a `;`, or at a word of consequence after a comma
_CLAUSE = re.compile(r"(?<=[.;!?])\s+(?=\S)|(?<=,)\s*(?=(?:so|then|thus|hence|giving|which gives)\b)", re.I)
_HESITATION = re.compile(r"(?:\b(?:wait|hmm+|oh|ah|um+|uh+|actually)\b\W{0,3})+$", re.I)


def split_at_retractions(segment: str) -> list[str]:
    """segment cut before each clear retraction that follows a claim in it (see the module)."""
    if "=" not in segment:
        return [segment]
    cuts: list[int] = []
    for start in retraction_starts(segment):
        hesitation = _HESITATION.search(segment[:start])
        if hesitation is not None:
            start = hesitation.start()
        begin = cuts[-1] if cuts else 0
        before = segment[begin:start]
        if "=" in before and segment[start:].strip() and len(cuts) < MAX_CUTS - 1:
            # only the clause the retraction follows is what it may take back: `Let u = x^2. Then ..., so u = 2
            # or u = 4... I mean u = 1 or u = 4` keeps the substitution and the equation before it
            clause = [m.start() for m in _CLAUSE.finditer(before) if "=" in before[: m.start()]]
            if clause and "=" in before[clause[-1] :]:
                cuts.append(begin + clause[-1])
            cuts.append(start)
    bounds = [0, *cuts, len(segment)]
    return [segment[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if segment[a:b].strip()]


__all__ = ["split_at_retractions"]
