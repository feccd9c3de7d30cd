"""A clause that ends in "?" in the walk (`walk.py`): skipped only when it names nothing, or when it
asks (opens with a question word) and what follows is not a bare answer to it. A question answered
"Yes"/"No" states its claim ("Is Lena a knight? Yes."), a tag question its body ("Lena is a knave,
isn't it?"); a statement asked as a question is unknown.
"""

from __future__ import annotations

from assay.domains.logic.guard import PRONOUN
from assay.domains.logic.read import CONDITIONAL, HYPOTHESIS, ClauseReader, clean, strip_answer_marker, unfill
from assay.domains.logic.speech import ANSWER_WORD, OPENER, TAG, YES_NO, asks, declarative, in_mood
from assay.domains.logic.walk_state import WalkState


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
