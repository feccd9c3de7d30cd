"""A sentence that takes back or doubts what was said before it, without naming a mistake: `No.`, `Nope.`,
`Actually, no`, `Lol no`, `Wrong!`, `Just kidding`, `Ignore that`, `Not really`, `Or not.`, `... or is
it?`, `Right?`, `Correct?`, `Hmm, that doesn't look right`, `That seems off.`, `This doesn't add up`, `I
think.`, `Not confident.`, `(unverified)`, `Probably wrong.`, `I doubt it.`; or that disowns any answer:
`I cannot determine the answer.`, `Not enough information.`, `This is a trick question.`, `so the answer
is unknown`, `Confidence: low`; or a mark that fails it (`29 ✗`, `❌ Incorrect`, an unticked `- [ ]
verified`) on a line that passes nothing.

A clear retraction ("that's wrong", "I made a mistake", claim_reading.py) also retracts the previous step;
these words do not say which step they doubt, so they retract no step. They do take back the answer stated
before them (`The answer is 56; no, 54.`, `Final answer: 56` then `Actually no.`): an answer said and then
denied is no committed answer, and only an answer stated after the doubt counts (final_answer.py). The
words must open a sentence or a clause (`no` followed by a stop: "no solution", "no need" deny nothing
said before). Pure text work.
"""

from __future__ import annotations

import re

from assay.text.trigger_words import compile_guarded

# opens a sentence or a clause: the line's start, or after a stop, a dash, an ellipsis or an opening bracket
_OPENS = r"(?:^|(?<=[.;:!?,—–…(\n]))[\s*_]*"
# "Hmm," "Wait," "Actually," "Oh," "But" before the doubt itself
_HESITATION = (
    r"(?:(?:well|hmm+|wait|actually|oh|uh|um|hold on|lol|lmao|ha(?:ha)+|but|though|although)"
    r"\b[\s,.…!-]*){0,2}"
)
_STOP = r"(?=[\s*_]*(?:[,.;:!?)\]—–…-]|$))"
_DOUBT = compile_guarded(
    _OPENS
    + _HESITATION
    + r"(?:(?:no|nope|nah|not|wrong|incorrect|not really|not quite|not so fast|or not|psych)"
    + _STOP
    + r"|(?:just\s+)?kidding\b|\bjk\b|ignore\s+(?:that|this|the\s+above|what\s+i\s+(?:said|wrote))\b"
    # "Right?", "Correct?", "OK?": a value said, then asked about
    r"|(?:right|correct|true|ok(?:ay)?|yes|yeah|really|sure)[\s*_]*\?"
    r"|never\s*mind\b|disregard\s+(?:that|this|the\s+above)\b|or\s+is\s+it\s*\?"
    r"|(?:that|this|it)\s+(?:does\s*n[o']t|can\s*n[o']t|could\s*n[o']t|is\s*n[o']t|do\s*n[o']t)\s+"
    r"(?:look|seem|sound|feel|be)?\s*right\b"
    # "That seems off.", "Something is wrong here", "This doesn't add up", "That can't be right"
    r"|(?:that|this|it|something)(?:'s|\s+(?:seems?|looks?|feels?|sounds?|is))\s+(?:a\s+bit\s+|slightly\s+"
    r"|kind\s+of\s+|really\s+)?(?:off|wrong|weird|strange|suspicious|fishy|incorrect)\b"
    r"|(?:(?:that|this|it)\s+)?(?:does\s*n[o']?t|do\s*n[o']?t)\s+add\s+up\b"
    r"|(?:(?:that|this|it)\s+)?can\s*n?[o']?t\s+be\s+(?:right|correct)\b"
    # "This might be wrong.", "I may be mistaken", "I'm not confident in this answer"
    r"|(?:this|that|it|i)\s+(?:might|may|could)\s+be\s+(?:wrong|incorrect|mistaken|off)\b"
    # "I think the answer might be different.", "The result may be different"
    r"|(?:i\s+(?:think|guess|suspect|feel)\s+)?(?:the\s+)?(?:answer|result|total|value)\s+(?:might|may|could|should)"
    r"\s+be\s+(?:different|something\s+else|other)\b"
    # "Hmm, but the problem says 12 per box.": an objection from the problem left unanswered
    r"|but\s+the\s+(?:problem|question|task)\s+(?:says|said|states|stated|asks|mentions|wants)\b"
    # "Hmm, that seems too small.", "That's way too big": a size doubt of the value just given
    r"|(?:that|this|it)(?:'s|\s+(?:seems?|looks?|feels?|sounds?|is))\s+(?:a\s+bit\s+|way\s+|far\s+|much\s+)?"
    r"too\s+(?:small|large|big|low|high|few|many|much|little)\b"
    # "I might have made an error.", "I may have miscounted"
    r"|i\s+(?:might|may|could)\s+have\s+(?:made\s+(?:an?\s+)?(?:error|mistake|slip)|mis[a-z]+ed)\b"
    r"|i(?:'m|\s+am)\s+not\s+(?:\S+\s+)?(?:confident|sure|certain)\b"
    # "I think.", "I guess so.", "Not confident.", "(unverified)", "Probably wrong.", "I doubt it."
    r"|i\s+(?:think|guess|believe|suppose|hope)(?:\s+so)?"
    + _STOP
    + r"|not\s+(?:\S+\s+)?(?:confident|sure|certain)\b"
    r"|(?:unverified|unchecked|untested|unconfirmed|tentative|just\s+a\s+guess|a\s+guess|guessing)"
    + _STOP
    + r"|(?:probably|possibly|likely|maybe|perhaps)\s+"
    r"(?:wrong|incorrect|not\s+(?:right|correct)|off|a\s+mistake)\b"
    r"|i\s+doubt\s+(?:it|that|this)\b|doubtful\b"
    # "I cannot determine the answer.", "There is not enough information.", "This is a trick question.",
    # "so the answer is unknown", "Confidence: low": the response disowns an answer, naming none
    r"|i\s+(?:cannot|can'?t|could\s*n[o']?t|am\s+unable\s+to|was\s+unable\s+to)\s+(?:really\s+)?"
    r"(?:determine|tell|say|know|answer|solve|find|compute|work\s+out|be\s+sure)\b"
    r"|(?:it\s+is|it'?s)\s+(?:impossible|not\s+possible)\s+to\s+(?:determine|tell|say|know|answer)\b"
    r"|(?:there\s+is\s+|there'?s\s+)?(?:not\s+enough|insufficient)\s+(?:information|info|data)\b"
    r"|(?:this|it)\s+is\s+a\s+trick\s+question\b"
    r"|(?:(?:so|thus|therefore|hence)\s+)?the\s+answer\s+(?:is|remains)\s+"
    r"(?:unknown|undetermined|unclear|indeterminate|uncertain|undefined)\b"
    r"|confidence(?:\s+level)?\s*[:=]?\s*(?:is\s+)?(?:low|very\s+low|poor|not\s+high)\b)",
    re.I | re.M,
)
# a mark that fails what it stands by, anywhere (`29 ✗`, `❌ Incorrect`), or a box left unticked
# (`- [ ] verified`)
_FAILED_MARK = re.compile(r"[✗✘❌❎✖]|^[\s>*-]*\[\s\]", re.M)


def doubt_at(text: str) -> int | None:
    """Where the first sentence or clause of text that doubts what came before it starts, or None.

    A `no` that answers a question just asked (`Could it be 54? No.`) denies the question, not what was
    said before it; `... or is it? No: 54.` is caught by its own question."""
    for found in _DOUBT.finditer(text):
        before = text[: found.start()].rstrip(" *_")
        if not before.endswith("?"):
            return found.start()
        question = re.split(r"[.!?\n]", before[:-1])[-1]
        if _ABOUT_THE_ANSWER.search(question):
            return found.start()  # "Am I sure? No.", "Is that right? No.": the answer itself is doubted
    if _FAILED_MARK.search(text) is not None and _PASSED_MARK.search(text) is None:
        return len(text)  # `29 ✗`, `❌ Incorrect`: the line's own content is failed with what came before it
    return None


_PASSED_MARK = re.compile(r"[✓✔✅☑]|\[[xX]\]")


# a question about the answer said before it, not about a value it rules out
_ABOUT_THE_ANSWER = re.compile(r"\b(?:sure|right|correct|certain|confident|true)\b", re.I)


__all__ = ["doubt_at"]
