"""What the prompt's givens are done with, by verb: a closing sentence that says the asked number was done
that way names another quantity.

"Tom has 3 boxes with 12 apples each. He gives away 7 apples. How many apples does he have left?": the
trace computes `36 − 7 = 29`, then closes with `He gave away 29 apples.` The number is the reference and
was computed, but the sentence says 29 were given away, which is false: the given 7 was. The verbs that
stand before the prompt's given numbers (`gives away 7`, `spends $8`, `sold 45`), when the question does
not ask with them, say what happened to the givens, not what is asked; a closing sentence that puts one
of them before its number is no statement of the answer (answer_sentence.py leaves it unread). Only for
a question about what is left or is now (`left`, `remain`, `now`, `still`): elsewhere the givens' act may
well be the asked one (`plants 5 rows of 8 trees`, "How many trees are there?": `He plants 40 trees.`).

Words are compared by a crude stem (`gives`, `gave`, `given`, `giving` → `giv`), irregular past forms
through a table; the question's own verbs are never refused (`The shop sold 60 ice creams on Wednesday.`
for "How many did it sell on Wednesday?"). Pure text work.
"""

from __future__ import annotations

import re

# irregular verb forms a word problem's givens use, to their plain form
_IRREGULAR = {
    "gave": "give",
    "given": "give",
    "sold": "sell",
    "bought": "buy",
    "ate": "eat",
    "eaten": "eat",
    "spent": "spend",
    "lost": "lose",
    "ran": "run",
    "got": "get",
    "gotten": "get",
    "took": "take",
    "taken": "take",
    "made": "make",
    "found": "find",
    "paid": "pay",
    "kept": "keep",
    "brought": "bring",
    "won": "win",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "broke": "break",
    "broken": "break",
    "drank": "drink",
    "drunk": "drink",
    "drove": "drive",
    "driven": "drive",
    "rode": "ride",
    "ridden": "ride",
    "wrote": "write",
    "written": "write",
    "swam": "swim",
    "sang": "sing",
    "sent": "send",
    "lent": "lend",
    "borrowed": "borrow",
    "stole": "steal",
    "stolen": "steal",
    "fed": "feed",
    "caught": "catch",
    "picked": "pick",
    "baked": "bake",
    "used": "use",
    "owed": "owe",
    "flew": "fly",
    "flown": "fly",
    "fell": "fall",
    "fallen": "fall",
    "built": "build",
    "bit": "bite",
    "hid": "hide",
    "dug": "dig",
    "sewed": "sew",
    "sewn": "sew",
    "saw": "see",
    "seen": "see",
    "had": "have",
    "has": "have",
    "left": "leave",
    "donated": "donate",
    "shared": "share",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# words between a verb and its number that say nothing of the verb (`buys 5 more`, `sold another 12`)
_SKIPPED = _words(
    "a an the another additional extra his her their its our your my more each every all only just about "
    "some other exactly nearly almost over under"
)
# a word before a given number that is no act done with it: being, having, a preposition, a measure
_NO_ACT = _words(
    "has have had is are was were be been being will would can could and or then there than with of for to "
    "in on at by from per into costs cost worth weighs weigh measures long wide tall old each every"
)
# a particle after its verb (`gives away 7`, `throws out 3`): the verb before it says what was done
_PARTICLES = frozenset({"away", "back", "out", "up", "off", "down"})
# a question for what is left after the givens' acts: no act of theirs is the answer (for "How many trees
# are there?" after "plants 5 rows of 8", `The farmer plants 40 trees.` is true)
_STATE_ASKED = re.compile(r"\b(?:left|remain\w*|now|still)\b", re.I)
_WORD = re.compile(r"[A-Za-z]+")
_NUMBER = re.compile(r"\$?\d")
MAX_ACTIONS = 32


def stem(word: str) -> str:
    """A crude stem of an English word: irregular forms through the table, then common endings off."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    for ending in ("ing", "ied", "ies", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)] + ("y" if ending in ("ied", "ies") else "")
            break
    return word.rstrip("e") if len(word) > 3 else word


def given_actions(prompt: str, question: str) -> frozenset[str]:
    """The stems of the verbs just before the prompt's given numbers, less the question's own (see the
    module). A capitalised word (a name) is never one."""
    if _STATE_ASKED.search(question) is None:
        return frozenset()
    lower = prompt.lower()
    body = prompt[: lower.rfind(question)] if question and question in lower else prompt
    asked = {stem(w) for w in _WORD.findall(question)}
    found: set[str] = set()
    for number in _NUMBER.finditer(body):
        words = _WORD.findall(body[max(0, number.start() - 60) : number.start()])
        while words and words[-1].lower() in _SKIPPED:
            words.pop()
        if words and words[-1].lower() in _PARTICLES:
            words.pop()
        if not words or words[-1].lower() in _NO_ACT or not words[-1].islower():
            continue
        if stem(words[-1]) not in asked:
            found.add(stem(words[-1]))
    return frozenset(sorted(found)[:MAX_ACTIONS])


def names_a_given_action(words: list[str], actions: frozenset[str]) -> bool:
    """Whether one of words (a closing sentence's words before its number) is a given's verb."""
    return any(w.lower() not in _NO_ACT and stem(w) in actions for w in words)


__all__ = ["given_actions", "names_a_given_action", "stem"]
