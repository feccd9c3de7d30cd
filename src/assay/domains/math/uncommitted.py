"""A claim said as a question, with a hedge or with a verdict against it commits to no answer.

With no answer stated in words (`The answer is ...`, `Final answer:`, a box), the final answer of a trace
is what its last claims conclude (final_answer.py). The phrases that state an answer already refuse one
said with doubt (`I'm not sure, but maybe $\\boxed{4}$`, answer_phrases.py); a bare claim must be held to
the same rule: `x = 4?`, `Is x = 4?`, `Probably x = 2, 3`, `x = 4 (a guess)`, `x = 4, I think.`,
`x = 4 (incorrect)`, `x = 4 (unverified)` put a value forward without committing to it, and a value
nobody committed to is no answer to verify. Reasons that only explain (`x = 4 (since 8/2 = 4)`,
`x = 4 (divide by 2)`) commit as before, and so does the claim after a clear retraction on its line
(`Wait, that's wrong. x = 4`). Pure text work.
"""

from __future__ import annotations

import re
import unicodedata

from assay.domains.math.claim_reading import find_retraction
from assay.domains.math.self_judged import judges_wrong
from assay.text.trigger_words import compile_guarded

# a word that puts a value forward without committing to it
_HEDGE = compile_guarded(
    r"\b(?:maybe|perhaps|probabl[ey]|possibl[ey]|presumably|likely|unlikely|apparently|supposedly"
    r"|guess\w*|i\s+think|i\s+believe|i\s+suppose|i\s+assume|i\s+hope|hopefully|not\s+(?:\w+\s+)?(?:sure|certain)"
    r"|unsure|uncertain|unverified|unchecked|untested|unconfirmed|tentative\w*|roughly|(?<!\\)approx\w*|around|about"
    r"|estimat\w*|seems?|might|could|should\s+be|would\s+be|if\s+i'?m\s+right|or\s+so"
    r"|(?:don'?t|do\s+not)\s+know|no\s+idea|unable\s+to|(?:can'?t|cannot|could\s+not)\s+(?:solve|tell|determine|say)"
    r"|give\s+up)\b",
    re.I,
)
# a question: the line opens with a word that asks, or a question mark follows the claim
_ASKS = re.compile(
    r"^[\s*_#>\-\d.)]*(?:is|are|was|were|could|can|does|do|did|should|would|might|may|must|what\s+if|why\s+not)\b",
    re.I,
)
MAX_TEXT = 2000  # characters of a line looked at


def uncommitted(text: str) -> bool:
    """Whether the line that states a claim puts it forward as a question, with a hedge or with a verdict
    against it (see the module)."""
    text = text[:MAX_TEXT]
    retraction = find_retraction(text)
    if retraction is not None:
        text = text[retraction[1] :]  # `Wait, that's wrong. x = 4`: the claim is what follows the retraction
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "?" in text or _ASKS.search(text) is not None:
        return True
    return _HEDGE.search(text) is not None or judges_wrong(text)


__all__ = ["uncommitted"]
