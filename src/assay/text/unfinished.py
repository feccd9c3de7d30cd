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

- **Only a hesitation, a connective or a question.** `Hmm...`, `Therefore`, `Wait, is that right?`,
  `Double-checking now.`: the answer is put in doubt and never settled.

Trailing emoji and a lone closing line (`</answer>`, `**`: `closes_nothing`) hide no cut-off. Negated work
(`There is no need to check further.`), a confirmation (`Actually, this is the only solution.`) and a
letter's closing (`Cheers,`) leave nothing to do.

Only the last line is read (a reader may join it to the line before when it goes on with that sentence),
and only its last sentence for the two kinds of unfinished sentences: a
hesitation earlier in the work, answered by later lines, is just reasoning. `Let me know if you have
questions.` offers nothing still to do. Pure text work, shared by the domains' readers (math: no final
answer; code: no certain final code).
"""

from __future__ import annotations

import html
import re
import unicodedata
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
        " whereas although though unless until while we let via per giving yielding gives yields namely"
        " in at",
    )
) | {"let's"}
# marks that open what follows them: a label, a clause, a relation or an operation with nothing after
_OPEN_END = re.compile(
    r"(?:[:,;(\[{=+*/^×÷−–—-]|\\(?:times|cdot|div|frac|sqrt)|\\boxed\{?|\bto\s+(?:get|obtain|find))\s*$", re.I
)
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
    r"(re-?consider|re-?check|re-?examine|re-?evaluate|re-?think|re-?do|re-?calculate|re-?compute"
    r"|re-?read|re-?visit|double[- ]?check|(?:re-?)?verify|check|think|consider|look|see"
    r"|go\s+back|start\s+over"
    r"|try\s+again|figure|work|re-?solve|account|make\s+sure|confirm|re-?count|re-?try|re-?test|review"
    r"|sanity[- ]?check|re-?start|re-?work|start\s+again|begin\s+again|approach\s+(?:this|it)\s+differently"
    r"|try\s+(?:a\s+)?(?:different|another|other|new)\b)\b"
    r"|\btime\s+to\s+(?:re-?check|double[- ]?check|re-?consider|re-?think|re-?do|verify|check)\b",
    re.I,
)
# a to-do that shows its work in the same sentence: a colon after it (`Let me verify: 2(4) + 3 = 11`),
# a check mark, or an equation with numbers on both sides (`Let me verify 2*4 + 3 = 11.`)
_DONE_WORK = re.compile(r":\s*\S|[✓✔✅]|\d[^=]*=\s*[-−]?\s*\(?\d")
# the to-do verbs that redo work already done
_REDO = re.compile(r"\b(?:re-?[a-z]|double|verify|check|sanity|confirm)", re.I)
# a sentence that is only a hesitation (`Hmm.`, `Uh oh.`, `Whoops!`)
_ONLY_HESITATION = re.compile(r"^(?:(?:hmm+|uh\s*oh|whoops|oops|oh\s+no|um+|uh+|wait)\b[\s,.!…?-]*)+$", re.I)
# a question about what was just said, left unanswered (`Is that right?`, `Wait, is this correct?`)
_OPEN_QUESTION = re.compile(
    r"^(?:(?:hmm+|wait|but|so|and|oh)\b[\s,.…-]*)*(?:is|was|are|am|did|does|do)\b[^?]*"
    r"\b(?:right|correct|true|sure|final\s+answer)\b[^?]*\?$",
    re.I,
)
# a step begun without its object (`Next we compute`, `Now we need`)
_STEP_BEGUN = re.compile(
    r"^(?:(?:so|now|next|then|and)\b[\s,]*)*(?:we|i|let'?s|let\s+us)\s+(?:now\s+|then\s+|next\s+)?"
    r"(?:need(?:\s+to)?|compute|calculate|find|get|have|subtract|add|multiply|divide|solve|substitute|plug)$",
    re.I,
)
# checking announced as under way, with nothing after it (`Double-checking now.`)
_CHECKING = re.compile(
    r"^(?:now\s+)?(?:double[- ]?checking|re-?checking|re-?verifying|verifying|checking)"
    r"(?:\s+(?:now|again|this|that|it|my\s+work))*[\s.!…]*$",
    re.I,
)
# a closing word alone (`Therefore`, `Thus,`, `i.e.`): what it introduces is missing
_ONLY_CONNECTIVE = re.compile(
    r"^(?:thus|therefore|hence|then|now|next|i\.e\.|namely|alternatively|consequently)[\s,:.]*$", re.I
)
# a letter's closing (`Cheers,`, `Best regards,`): its comma announces a signature, no more work
_VALEDICTION = re.compile(
    r"^(?:cheers|thanks|thank\s+you|(?:best|kind|warm)(?:\s+regards|\s+wishes)?|regards|sincerely)\s*,$", re.I
)
# a lone closing tag or emphasis mark ends nothing: the line before it is the one read
_CLOSING_ONLY = re.compile(r"^\s*(?:</[A-Za-z][\w-]*>|[*_`~#>]+)\s*$")
# a second thought that adds to the work rather than settling it
_ADDS = re.compile(
    r"\b(?:also|forgot|missed|overlooked|didn'?t|did\s+not|haven'?t|need|should|must|consider|but|another"
    r"|more|less|except|instead|rather|mistake|wrong|error|says|said|asks|states|misread|miscount\w*"
    r"|miscalculat\w*|mis-?understood)\b",
    re.I,
)
_CONFIRMS = re.compile(
    r"[✓✔✅]|\b(?:yes|correct|right|holds|checks?\s+out|confirm(?:ed|s)?|consistent|matches|works|true|good"
    r"|(?:is|are)\s+the\s+only\s+(?:valid\s+|possible\s+)?(?:solution|answer|root|value|change|fix)s?)\b",
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
    if not text or _VALEDICTION.match(text):
        return False
    if _OPEN_END.search(text):
        return True
    last_word = re.search(r"([A-Za-z']+)\W*$", text)
    if last_word and not re.search(r"[.!?)\]}$]\s*$", text) and last_word.group(1).lower() in _DANGLING:
        return True
    if _NEXT_CLAUSE.search(text):
        return True
    sentence = [s for s in _SENTENCE_END.split(text) if s.strip()][-1].strip()
    if any(
        p.match(sentence)
        for p in (_ONLY_HESITATION, _OPEN_QUESTION, _ONLY_CONNECTIVE, _CHECKING, _STEP_BEGUN)
    ):
        return True
    to_do = _TO_DO.search(sentence)
    if (
        to_do is not None
        and _NEGATION.search(sentence, 0, to_do.start()) is None  # `There is no need to check further.`
        and (
            not any(c.isdigit() for c in sentence)
            # `Let me recompute 36 - 7.`, `Let me verify with x = 4.`: a number to redo, its work not shown
            or (
                _REDO.search(sentence, to_do.start()) is not None
                and _DONE_WORK.search(sentence, to_do.end()) is None
            )
        )
    ):
        return True
    opener = _OPENER.match(sentence)
    if opener is None:
        return False
    question = sentence.endswith("?")  # `Wait, is that right?` asks, and confirms nothing
    if not question and _CONFIRMS.search(sentence) is not None and _NEGATION.search(sentence) is None:
        return False  # `Wait, 36 + 4 = 40, so that checks out.`
    if settles is not None and settles(sentence):
        return False  # `Actually, hold on: the answer is 5.`: a new answer, read as one
    return not any(c.isdigit() for c in sentence) or _ADDS.search(sentence, opener.end()) is not None


def closes_nothing(line: str) -> bool:
    """Whether a line is only a closing tag or emphasis marks (`</answer>`, `**`): a response cut off just
    before it is still cut off, so the reader looks at the line before it."""
    return _CLOSING_ONLY.match(line[-MAX_LINE:]) is not None


def _without_markup(text: str) -> str:
    """text without the emphasis, heading and quote marks, trailing emoji (`Let me reconsider. 🤔`; a
    check mark stays: it confirms) and the blanks around it (str.strip: a regex anchored at the end would
    rescan every run of blanks inside the line)."""
    text = text.strip()
    while text and (text[0] in _MARKS or text[-1] in _MARKS or _decoration(text[-1])):
        text = text.strip(_MARKS)
        while text and _decoration(text[-1]):
            text = text[:-1]
        text = text.strip()
    return text


def _decoration(char: str) -> bool:
    """An emoji or pictograph (a symbol, not a check mark) or a variation selector."""
    if char in _KEPT_SYMBOLS:
        return False
    return unicodedata.category(char) == "So" or "\ufe00" <= char <= "\ufe0f"


_KEPT_SYMBOLS = frozenset("✓✔✅☑✗✘❌❎✖")


__all__ = ["closes_nothing", "ends_unfinished"]
