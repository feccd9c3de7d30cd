"""Where a line states a final answer: boxes (and the words that only introduce one), `#### ...`,
`the answer is ...` / `Answer:` / `the solutions are ...`, each read whole or marked as not read.
"""

from __future__ import annotations

import re

from assay.domains.math.answer_math import changes_value, harmless_tail, leading_math
from assay.domains.math.approximations import without_checked_answer_approximation
from assay.domains.math.claim_reading import NEGATION, bare_value
from assay.domains.math.final_answer import Event
from assay.domains.math.markup import MAX_BOXES, box_postfix, box_tails, strip_delimiters, take_boxed
from assay.domains.math.unread import UNKNOWN_MARK
from assay.domains.math.vocabulary import plain_prose, readable, split_top_level, tuple_inside
from assay.domains.math.words import extract_claims
from assay.text.trigger_words import compile_guarded

ANSWER_PHRASE = compile_guarded(
    r"\b(?:(?:final|correct)\s+)?(?:answer|solutions?|roots?|(?:ordered\s+)?pair|solution\s+set)\s*"
    r"(?:is|are|:|=|would be|will be|should be)"
    r"(?:\s*:)?"
    # "The solution is the ordered pair (3, 2).": the words name the form of what follows
    r"(?:\s*(?:the\s+)?(?:ordered\s+)?(?:pair|triple|point)\b(?=\s*[(\[$\\]))?"
    # "The total is $26.": a word problem's total said in words is its answer (a total said with `=` or
    # `:` is a running sum, a claim of its own); as any stated answer, it must be the reference
    r"|\bthe\s+(?:final\s+)?total(?:\s+(?:cost|price|amount))?\s+(?:is|comes to)\b"
    # "So the sum is 11/12.": the result of the problem's operation, named, is its answer likewise (held to
    # that operation, result_names.py)
    r"|\bthe\s+(?:final\s+)?(?:sum|difference|product|quotient)\s+is\b(?!\s+of\b)"
    # "So the expanded form is x^2 - 16.": the form an expression is rewritten to, named, is the answer
    r"|\bthe\s+(?:fully\s+)?(?:expanded|simplified|factored)\s+(?:form|expression)\s+is\b",
    re.I,
)

# (`Taking square roots: x − 2 = ±√3`: an operation on both sides, not the roots stated)
_NOT_THE_ANSWER = re.compile(
    r"\b(?:one|another|other|a|first|second|each|no|two|both|extraneous|square|cube|principal|taking|take)\s+$",
    re.I,
)

# "Answer: x equals 4": the variable said to be the value
_VERBAL_ANSWER = re.compile(r"^\s*([A-Za-z])\s+(?:equals|is equal to|is)\s+(?=\S)")

# words that introduce a boxed answer: "The value is", "So the total cost is", "Final result:"
_LEAD = re.compile(
    r"^\s*(?:(?:so|thus|therefore|hence|finally)\b,?\s*)?(?:the\s+)?(?:[A-Za-z]{2,}\s+){0,4}?"
    r"(?:is|are|equals|=|:)\s*$"
    r"|^\s*(?:so|thus|therefore|hence|finally)\b,?\s*$",  # `So $\boxed{2}$ and $\boxed{3}$.`
    re.I,
)

_GSM_ANSWER = re.compile(r"^\s*####\s*(.*)$")  # `#### 42`, the GSM8K answer line


def box_lead(body: str) -> bool:
    """Whether the line is one box alone, or boxes that only join (`\\boxed{2} and \\boxed{3}`), or words
    that introduce them (`The value is \\boxed{26}.`): plain
    prose without a variable, a number, a negation or a word that changes a value (`Twice the answer is
    \\boxed{26}`). What follows the box is `stated_answers`'s to judge."""
    start = min((i for i in (body.find("\\boxed"), body.find("\\fbox")) if i >= 0), default=-1)
    boxes = take_boxed(body)[0]
    if start < 0 or not boxes or box_postfix(body):
        return False  # `\\boxed9`, no box that the reader takes
    tails = box_tails(body)
    if len(tails) != len(boxes) or not all(_BOX_JOINER.match(tail) for tail in tails[:-1]):
        return False  # boxes with words between them that do more than join them
    lead = strip_delimiters(body[:start]).replace("**", " ")
    if not lead.strip(" *_"):
        return not tails[-1].strip(" .,;:!*_")
    return (
        _LEAD.match(lead) is not None
        and plain_prose(lead)
        and not NEGATION.search(lead)
        and not changes_value(lead)
    )


# the words between two boxes when they only join them: `$\boxed{2}$ and $\boxed{3}$`, `\boxed{x = 2},
# \boxed{x = 3}`, `\boxed{2} \quad \text{or} \quad \boxed{3}` (spaces and layout already read as spaces)
_BOX_JOINER = re.compile(r"^\s*(?:,|,?\s*or|,?\s*and)?\s*$", re.I)
_BINDS = re.compile(r"^\s*([A-Za-z])\s*=")


def _one_answer(boxed: list[str], between: list[str]) -> bool:
    """Whether boxes joined only by `,` / `and` / `or` on one line are the parts of one answer: the roots of
    an equation (`the solutions are $\boxed{2}$ and $\boxed{3}$`) or the values of a system's variables
    (`$\boxed{x = 7}$ and $\boxed{y = 3}$`), checked together as one answer (each part alone is not the
    whole solution). Boxes that bind different variables joined by `or` (`x = 7 or y = 3`) are no
    solution of a system: they stay separate answers, each checked alone."""
    if not all(_BOX_JOINER.match(tail) for tail in between):
        return False
    names = {found.group(1) for found in map(_BINDS.match, boxed) if found}
    return len(names) <= 1 or not any(re.search(r"\bor\b", tail, re.I) for tail in between)


def stated_answers(text: str) -> list[Event]:
    """The final answers text states: its boxes, else `the answer is ...` / `#### ...`."""
    text = without_checked_answer_approximation(text)  # `\\boxed{19/40} ≈ 0.48`
    boxed, rest = take_boxed(text)
    if boxed:
        if box_postfix(text):
            return [Event("garbled")]  # `$\boxed{4}!$`: the box's value is taken further
        if any(_DOUBTED_LEAD.search(_sentence_before(text, at)) for at in _box_starts(text)):
            return [Event("garbled")]  # "I'm not sure, but maybe $\boxed{4}$": a box said with doubt
        if any(
            _operand_head(text[:at]) or _in_argument(text[:at]) or UNKNOWN_MARK in text[:at]
            for at in _box_starts(text)
        ):
            # `$-\boxed{29}$`, `$1\boxed{29}$`: the box is part of a larger value; `\phantom{\boxed{5}}`,
            # `\color{white}{\boxed{5}}`: what a command does to its argument is not the box as shown; nor is
            # a box after a command nobody reads (`\color{white}\boxed{5}`: a colour switched on)
            return [Event("garbled")]
        tails = box_tails(text)
        joined = [_BOX_JOINER.sub("", tail) for tail in tails[:-1]]
        if not all(harmless_tail(tail, False) for tail in [*joined, *tails[-1:]]):
            return [Event("garbled")]  # "$\boxed{4}$ squared"
        if len(boxed) > 1 and _one_answer(boxed, tails[:-1]):
            return [Event("answer", ", ".join(boxed))]
        return [Event("answer", b) for b in boxed]
    gsm = _GSM_ANSWER.match(rest) if "####" in rest else None
    if gsm:
        found = leading_math(gsm.group(1))
        if found is not None and not found[2]:
            return [Event("garbled")]
        return [Event("answer", found[0])] if found else []
    phrases = _answer_phrases(strip_delimiters(rest))
    if not all(whole for _, whole, _ in phrases):
        return [Event("garbled")]
    return [Event("total" if total else "answer", phrase) for phrase, _, total in phrases]


def answer_phrase(body: str) -> tuple[str, bool] | None:
    """The first of `_answer_phrases`, unless one of them is not read whole (then that one)."""
    found = [(phrase, whole) for phrase, whole, _ in _answer_phrases(body)]
    broken = [f for f in found if not f[1]]
    return broken[0] if broken else (found[0] if found else None)


_ARITHMETIC = re.compile(r"=|(?<=\S)\s*[-+*/×÷]")
_FRACTION_SLASH = re.compile(r"(?<=\d)\s*/\s*(?=\d)")


def _total(match: re.Match[str]) -> bool:
    """Whether an answer phrase is `the total is` (a word problem's running total said in words)."""
    said = match.group(0).lower()
    return "answer" not in said and any(
        word in said for word in ("total", "sum", "difference", "product", "quotient")
    )


def _answer_phrases(body: str) -> list[tuple[str, bool, bool]]:
    """Each (the math after `the answer is` / `Answer:` / `the solutions are`, whether it is read whole,
    whether it is a total said in words: the answer only when no other is stated, final_answer.py).

    `The total cost is $12 + $3 = $15.` is the arithmetic of a running total, a claim of its own, not a
    stated answer (a problem that goes on to the change would otherwise state two answers).

    Not readable: a value with words or symbols after it that are not harmless closing prose
    (`4 squared`, `4 ⊕ 1`), or a sentence that states a value the reader cannot find at its start
    (`the answer is actually 5`)."""
    phrases: list[tuple[str, bool, bool]] = []
    for tried, match in enumerate(ANSWER_PHRASE.finditer(body)):
        if tried == MAX_BOXES:
            break  # bounded work on hostile text: nobody states a final answer 64 times in one line
        if _NOT_THE_ANSWER.search(body[max(0, match.start() - 20) : match.start()]):
            continue
        total = _total(match)
        if _DOUBTED_LEAD.search(_sentence_before(body, match.start())):
            # "I'm not sure the answer is 56", "Suppose the answer is 56", "Some might say the answer is 56":
            # the sentence doubts, supposes or reports the answer rather than states it
            phrases.append((body[match.end() :].strip(), False, total))
            continue
        after = _VERBAL_ANSWER.sub(lambda m: f"{m.group(1)} = ", body[match.end() :], count=1)
        found = leading_math(after)
        if found is not None:
            arithmetic = _ARITHMETIC.search(_FRACTION_SLASH.sub("", found[0]))  # (`11/12, 1`: two values)
            if total and found[2] and bare_value(found[0]) is None and arithmetic:
                continue  # `The total cost is $12 + $3 = $15.`: arithmetic, read as the line's claims
            phrases.append((found[0], found[2], total))
            continue
        sentence = re.split(r"[.;!?](?:\s|$)", after, maxsplit=1)[0]
        if not plain_prose(sentence) and not ANSWER_PHRASE.search(sentence):
            phrases.append((sentence.strip(), False, total))  # a later phrase in it would state the answer
    return phrases


# words before `the answer is` in its sentence that make it no statement of the answer: a negation, a
# doubt, a condition, a supposition, a hedge, someone else's claim, a judgement
_DOUBTED_LEAD = compile_guarded(
    r"\b(?:not|never|no|cannot|doubt\w*|unsure|uncertain|if|whether|unless|suppose[sd]?|supposing|assume[sd]?"
    r"|assuming|maybe|perhaps|probabl[ey]|possibl[ey]|presumably|likely|tentative\w*|might|may|could|would"
    r"|guess\w*|think\w*|thought"
    r"|believe[sd]?|says?|said|claim\w*|wrong|incorrect|false|untrue|seems?|seemed|hope|hypothetically"
    r"|someone|somebody|others?|if)\b|n't\b",
    re.I,
)


def _sentence_before(body: str, end: int) -> str:
    """The words of body's sentence before position end (from the last stop before it)."""
    stops = [found.end() for found in re.finditer(r"[.!?;](?:\s|$)|\n", body[:end])]
    return body[stops[-1] if stops else 0 : end]


def _operand_head(before: str) -> bool:
    """Whether the math right before a box takes the boxed value as an operand (`$-\\boxed{29}$`,
    `$1\\boxed{29}$`, `2 \\cdot \\boxed{29}`, `\\sqrt{\\boxed{29}}`): what the line states is then
    another value than the box's, and the box alone is no answer."""
    if before[-1:].isdigit():
        return True  # a digit written against the box: `1\\boxed{29}` is 129 to a reader
    return _OPERAND_HEAD.search(_without_end_spacing(before)[-12:]) is not None


# a sign or an operator, or a command that opens an argument, ending the text before a box
_OPERAND_HEAD = re.compile(r"(?:[-+−±×÷·/^]|\\(?:cdot|times|div|pm|mp)|(?:\\[dt]?frac|\\sqrt|[\^_]|\})\{)$")
_SPACING = ("\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad")


def _in_argument(before: str) -> bool:
    """Whether the text before a box leaves it inside a command's argument (`\\phantom{`, `\\color{red}{`,
    `^{`, `\\sqrt[3]{`): a brace opened right after a command, a script mark or another argument. A plain
    group (`{\\boxed{5}}`) or a style (`\\textbf{Answer: \\boxed{5}}`) leaves the box as it is shown."""
    if "{" not in before:
        return False
    opened: list[bool] = []  # per open brace: whether it takes an argument
    at = 0
    while at < len(before):
        c = before[at]
        if c == "\\" and at + 1 < len(before) and not before[at + 1].isalpha():
            at += 2  # `\\{`, `\\}`: the characters themselves
            continue
        if c == "{":
            head = _ARGUMENT_HEAD.search(before[:at].rstrip()[-40:])
            opened.append(head is not None and head.group(0).rstrip("*") not in _SHOWN_AS_IS)
        elif c == "}" and opened:
            opened.pop()
        at += 1
    return any(opened)


# commands that show their argument as it is, only in another style: `\textbf{Answer: \boxed{5}}`
_SHOWN_AS_IS = frozenset(
    ("\\text", "\\textbf", "\\textit", "\\textrm", "\\emph", "\\mathbf", "\\mathrm", "\\bm", "\\boldsymbol")
)
# a command (one nobody reads is marked already), a script mark, another argument or an option
_ARGUMENT_HEAD = re.compile(rf"(?:\\[A-Za-z]+\*?|[\^_}}\]{UNKNOWN_MARK}])$")


def _without_end_spacing(text: str) -> str:
    """text without the spaces and LaTeX spacing commands at its end (they separate nothing)."""
    while True:
        text = text.rstrip()
        mark = next((m for m in _SPACING if text.endswith(m)), None)
        if mark is None:
            return text
        text = text[: -len(mark)]


def _box_starts(text: str) -> list[int]:
    """Where each `\\boxed` or `\\fbox` of text starts."""
    return [found.start() for found in re.finditer(r"\\(?:boxed|fbox)\b", text)]


def claims_of_answer(answer: str) -> str:
    """An answer line's math as step claims: `x = 2, x = 3` as alternatives, `2, 3` or `(3, 2)` as is."""
    if "=" not in answer:
        return answer if all(readable(p) for p in split_top_level(tuple_inside(answer))) else ""
    return extract_claims(answer) or ""
