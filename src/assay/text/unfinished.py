"""A response that stops before it is done: its last line breaks off mid-sentence, or raises something
still to be done and never does it. Whatever it stated before is then no committed answer.

Models are cut off by a token limit, and a reasoning model often writes a last thought it never follows up.
Read as finished, these verified an answer the model was about to change:

- **Broken off.** The last line ends on a word a sentence cannot end on (`So Tom has`, `we need to
  consider the`), or on a mark that announces more (`Step 2:`, `2x + 3 =`, `40 - 4 = 36, then`).
- **Work announced, never shown.** The last sentence says what is still to do, without doing it:
  `Let me reconsider.`, `Hmm, I need to recheck this.`, `Let me double-check.`
- **A second thought left open.** The last sentence opens with a hesitation (`Wait`, `But wait`, `Hold on`,
  `Actually`, `However`, `On second thought`) and either holds no number (`But wait, we need to also
  consider the rotten apples.`, `Actually, hold on.`) or adds something (`But wait, he also lost 1 apple.`),
  unless it confirms (`Wait, 36 + 4 = 40, so that checks out ✓`) or settles the matter in the domain's
  own terms (math: it states a new answer, `Actually, hold on: the answer is 5.`, read as any answer is).

Only the last line is read, and only its last sentence for the two kinds of unfinished sentences: a
hesitation earlier in the work, answered by later lines, is just reasoning. `Let me know if you have
questions.` offers nothing still to do. Pure text work, shared by the domains' readers (math: no final
answer; code: no certain final code).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from assay.text.compatible import compatible

MAX_LINE = 2000  # characters of the last line read (its end)

# words no English sentence ends on (articles, prepositions, conjunctions, auxiliaries, possessives)
_DANGLING = frozenset(
    re.findall(
        r"[a-z]+",
        "a an the of to and or but nor with for from by than as if then because since into onto upon"
        " about is are was were be been has have had will would should can could must may might shall do"
        " does did its their his her our your my whose each every plus minus times equals which where"
        " whereas although though unless until while",
    )
)
# marks that open what follows them: a label, a clause, a relation or an operation with nothing after
_OPEN_END = re.compile(r"(?:[:,;(\[{=+*/^×÷−–—-]|\\(?:times|cdot|div|frac|sqrt)|\\boxed\{?)\s*$")
_OPENER = re.compile(
    r"^(?:(?:and|so|oh|hmm+|um+|uh+|ok(?:ay)?)\b[\s,.!…-]*)*"
    r"(?:but\s+)?(?:wait|hold\s+on|hang\s+on|actually|however|on\s+second\s+thought|one\s+moment"
    r"|not\s+so\s+fast)\b",
    re.I,
)
# what still has to be done, said as an intention (`Let me reconsider.`, `I need to recheck this.`)
_TO_DO = re.compile(
    r"\b(?:let\s+me|let'?s|let\s+us|i\s+need\s+to|i\s+should|i\s+must|i'?ll|i\s+will|we\s+need\s+to"
    r"|we\s+should|we\s+must|we'?ll|need\s+to)\s+(?:also\s+|first\s+|quickly\s+|carefully\s+)?"
    r"(?:re-?consider|re-?check|re-?examine|re-?evaluate|re-?think|re-?do|re-?calculate|re-?compute"
    r"|re-?read|re-?visit|double[- ]?check|verify|check|think|consider|look|see|go\s+back|start\s+over"
    r"|try\s+again|figure|work|solve|account|make\s+sure|confirm)\b",
    re.I,
)
# a second thought that adds to the work rather than settling it
_ADDS = re.compile(
    r"\b(?:also|forgot|missed|overlooked|didn'?t|did\s+not|haven'?t|need|should|must|consider|but|another"
    r"|more|less|except|instead|rather|mistake|wrong|error)\b",
    re.I,
)
_CONFIRMS = re.compile(
    r"[✓✔✅]|\b(?:yes|correct|right|holds|checks?\s+out|confirm(?:ed|s)?|consistent|matches|works|true|good)\b",
    re.I,
)
# a last clause that goes on to a next step and gives no number (`40 - 4 = 36, then subtract`)
_NEXT_CLAUSE = re.compile(r"[,;]\s*(?:and\s+)?(?:then|next|after\s+that|now)\b[^,;\d]*$", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|nothing)\b|n't\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKS = "*_#>`"


def ends_unfinished(last_line: str, settles: Callable[[str], bool] | None = None) -> bool:
    """Whether the last non-blank line of a response leaves it unfinished (see the module). settles: the
    domain's own reading of a sentence that settles the matter whatever its opening (math: one that
    states an answer, `Actually, hold on: the answer is 5.`)."""
    # `Answer: &#50;&#57;`: an HTML entity's `;` ends nothing
    text = _without_markup(compatible(html.unescape(last_line[-MAX_LINE:])))
    if not text:
        return False
    if _OPEN_END.search(text):
        return True
    last_word = re.search(r"([A-Za-z']+)\W*$", text)
    if last_word and not re.search(r"[.!?)\]}$]\s*$", text) and last_word.group(1).lower() in _DANGLING:
        return True
    if _NEXT_CLAUSE.search(text):
        return True
    sentence = [s for s in _SENTENCE_END.split(text) if s.strip()][-1].strip()
    if _TO_DO.search(sentence) and not any(c.isdigit() for c in sentence):
        return True
    opener = _OPENER.match(sentence)
    if opener is None:
        return False
    if _CONFIRMS.search(sentence) is not None and _NEGATION.search(sentence) is None:
        return False  # `Wait, 36 + 4 = 40, so that checks out.`
    if settles is not None and settles(sentence):
        return False  # `Actually, hold on: the answer is 5.`: a new answer, read as one
    return not any(c.isdigit() for c in sentence) or _ADDS.search(sentence, opener.end()) is not None


def _without_markup(text: str) -> str:
    """text without the emphasis, heading and quote marks and the blanks around it (str.strip: a regex
    anchored at the end would rescan every run of blanks inside the line)."""
    text = text.strip()
    while text and (text[0] in _MARKS or text[-1] in _MARKS):
        text = text.strip(_MARKS).strip()
    return text


__all__ = ["ends_unfinished"]
