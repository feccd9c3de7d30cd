"""A clause that ends in "?" in the walk (`walk.py`): skipped only when it names nothing, or when it
asks (opens with a question word) and what follows is not a bare answer to it. A question answered
"Yes"/"No" states its claim ("Is Lena a knight? Yes."), a tag question its body ("Lena is a knave,
isn't it?"); a statement asked as a question is unknown.

A question can also take a claim for granted. "Why is Jade a knight?" states that Jade is one (read and
checked, or unknown); "Who besides Jade is a knight?", "What makes Jade a knight?", "What follows now that
p is false?" carry a claim the reader does not take out of the question, so they are unknown. A question
that only asks ("Who is a knight and who is a knave?", "What does Jade say?") is skipped.
"""

from __future__ import annotations

import re

from assay.domains.logic.guard import PRONOUN
from assay.domains.logic.read import CONDITIONAL, HYPOTHESIS, ClauseReader, clean, strip_answer_marker, unfill
from assay.domains.logic.speech import ANSWER_WORD, OPENER, TAG, YES_NO, asks, declarative, in_mood
from assay.domains.logic.walk_state import WalkState

_LEAD = r"^(?:(?:so|and|but|then|now|well|ok(?:ay)?|hmm+|wait|first|next)[\s,]+)*"
# ("what if ...?" supposes: a hypothesis, read as one by the walk)
_WH = re.compile(_LEAD + r"(?:why|how|what(?!\s+if\b)|which|who|whom|whose|where|when|for\s+what)\b", re.I)
_WHY = re.compile(
    _LEAD + r"(?:why(?:\s+exactly)?|how\s+come|for\s+what\s+reason)\s+(?P<rest>.+?)[\s?]*$", re.I
)
# words by which a question takes a claim for granted: a condition, an exception, a cause, an appositive
_GRANTED = re.compile(
    r"\b(?:given|now\s+that|since|once|because|as|besides|apart\s+from|other\s+than|except|known|makes?|"
    r"made|forces?|explains?|being|follows?\s+from|means?|proves?|shows?|implies|else|too|also|"
    r"knights?|knaves?|liars?|lie|lies|lying|truth\w*|honest|dishonest|true|false|correct|incorrect|wrong)\b"
    r"|,\s*(?:a|an|the)\s",
    re.I,
)
# what only asks about the puzzle's unknowns: "who is a knight and who is a knave?", "which is it?"
_ONLY_ASKS = re.compile(
    _LEAD + r"(?:who|which\s+(?:one|ones|people|person|of\s+them))\s+(?:is|are|must\s+be|could\s+be)\s+"
    r"(?:an?\s+)?(?:knights?|knaves?)(?:\s*(?:,|and|or)\s*(?:who|which)\s+(?:is|are)\s+(?:an?\s+)?"
    r"(?:knights?|knaves?))?[\s?]*$",
    re.I,
)


def question(state: WalkState, index: int, text: str, following: str | None) -> None:
    """A clause that ends in "?", with the main clause that follows it (None at the end)."""
    mentions, read = state.mentions, state.read
    if not (mentions(text) or PRONOUN.search(text)):
        return
    tag = TAG.search(text)
    if tag is not None and tag.start() > 0 and not asks(text, mentions):
        # "Lena is a knave, isn't it?": the body is stated; it is read and checked as a claim
        body = text[: tag.start()].strip(" ,")
        state.assert_text(index, body, counterfactual=in_mood(body, mentions))
        return
    if not asks(text, mentions):
        state.unknown(index, f"a statement asked as a question: {text[:80]}")
        return
    wh = _WH.match(clean(text))
    if wh is not None and _granted(state, index, clean(text)):
        return
    if following is None or not _answered(read, following):
        return
    word = YES_NO.match(clean(following))
    stated = declarative(text, read, bool(word.group("yes"))) if word is not None else None
    if stated is None:
        state.unknown(index, f"a question answered in words the reader cannot read: {text[:80]}")
        return
    # "Is Lena a knight? Yes." states "Lena is a knight"; "No" states its negation. The answer word
    # is used up here; the rest of its clause ("No, Lena is a knave") is read on its own
    state.answered[:] = [following]
    state.claim(index, stated, text, False)


def _granted(state: WalkState, index: int, text: str) -> bool:
    """True when the wh-question `text` took a claim for granted and was handled: "Why is Jade a knight?"
    claims that Jade is one (or is unknown when that does not read); a question with words that grant a
    claim the reader does not take out of it is unknown."""
    why = _WHY.match(text)
    if why is not None:
        rest = why.group("rest")
        stated = declarative(rest, state.read, True)
        if stated is None:
            reading = state.read(rest)
            stated = reading if isinstance(reading, list) else None
        if stated is None:
            state.unknown(index, f"a question granting what the reader cannot read: {text[:80]}")
        else:
            state.claim(index, stated, text, False)
        return True
    if _ONLY_ASKS.match(text) or not _GRANTED.search(text):
        return False
    state.unknown(index, f"a question that takes a claim for granted: {text[:80]}")
    return True


def _answered(read: ClauseReader, following: str) -> bool:
    """False when what follows a question is plainly not its answer: a claim the kind reads (checked
    on its own), another question, an assumption or a plan. "Yes", "I believe so", "Ann.", "She
    is." answer it, in words that carry its claim without saying it."""
    after = clean(following)
    if ANSWER_WORD.match(after):
        return True
    if after.endswith("?") or OPENER.match(after):
        return False
    body = unfill(strip_answer_marker(after))
    if HYPOTHESIS.match(body) or CONDITIONAL.match(body):
        return False
    return not isinstance(read(body), list)
