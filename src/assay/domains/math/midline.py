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
from collections.abc import Callable

from assay.domains.math.claim_reading import retraction_starts

MAX_CUTS = 16  # cuts in one line; the rest of the line stays one step

# where a clause starts: after a sentence's end or a `;`, or at a word of consequence after a comma
_CLAUSE = re.compile(r"(?<=[.;!?])\s+(?=\S)|(?<=,)\s*(?=(?:so|then|thus|hence|giving|which gives)\b)", re.I)
# a hesitation before the retraction belongs to it (`Hmm, wait. Oops, ...`)
_HESITATION = re.compile(r"(?:\b(?:wait|hmm+|oh|ah|um+|uh+|actually)\b\W{0,3})+$", re.I)


def split_at_retractions(segment: str) -> list[tuple[str, bool]]:
    """segment cut before each clear retraction that follows a claim in it, and before the clause that
    retraction follows (see the module): (piece, whether it opens with a retraction), in order."""
    if "=" not in segment:
        return [(segment, False)]
    cuts: list[tuple[int, bool]] = []
    for start in retraction_starts(segment):
        hesitation = _HESITATION.search(segment[:start])
        if hesitation is not None:
            start = hesitation.start()
        begin = cuts[-1][0] if cuts else 0
        before = segment[begin:start]
        if "=" in before and segment[start:].strip() and len(cuts) < MAX_CUTS - 1:
            # only the clause the retraction follows is what it may take back: `Let u = x^2. Then ...,
            # so u = 2 or u = 4... I mean u = 1 or u = 4` keeps the substitution and the equation before it
            clause = [m.start() for m in _CLAUSE.finditer(before) if "=" in before[: m.start()]]
            if clause and "=" in before[clause[-1] :]:
                cuts.append((begin + clause[-1], False))
            cuts.append((start, True))
    bounds = [(0, False), *cuts]
    pieces = [
        (segment[a:b], opens)
        for (a, opens), (b, _) in zip(bounds, [*bounds[1:], (len(segment), False)], strict=True)
    ]
    return [(text, opens) for text, opens in pieces if text.strip()]


def honoured(pieces: list[tuple[str, bool]], takes_back: Callable[[str, str], bool]) -> list[str]:
    """The pieces, with each retraction that does not take back the clause before it (`takes_back(clause,
    retraction)` false) glued back to it, and that clause to what it was cut from: a retraction that
    corrects nothing leaves the line one step, read as before."""
    out: list[str] = []
    kinds: list[bool] = []  # whether out[i] is a clause cut off only for the retraction after it
    for i, (text, opens) in enumerate(pieces):
        clause_cut = not opens and i + 1 < len(pieces) and pieces[i + 1][1] and i > 0
        if opens and out and not takes_back(out[-1], text):
            text = out.pop() + text
            if kinds.pop() and out:
                out[-1] += text
                continue
            clause_cut = False
        out.append(text)
        kinds.append(clause_cut)
    return out


__all__ = ["honoured", "split_at_retractions"]
