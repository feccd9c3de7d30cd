"""The guard on the answer itself: text after it, or a doubt inside it ("Correction: flip q.", "(just
kidding: a knave)", "Another arrangement also satisfies the clues"), could change it, so the answer is
unreadable unless what follows it is plain closing prose from a short allow-list; and a claim made with a
hedge ("Ava is a knight (or maybe a knave)") is no answer.

It must never widen what counts as an answer: it only ever turns one into `unknown`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assay.domains.logic.guard import data_pattern, lazy
from assay.domains.logic.read import clean
from assay.text.trigger_words import compile_guarded

# Anything that could change, retract, hedge or multiply an answer.
DOUBT = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:or\s+maybe|or\s+perhaps|maybe|perhaps|possibly|probably|i\s+think|i\s+guess|guess|"
    r"not\s+(?:sure|certain)|unsure|uncertain|just\s+kidding|kidding|jk|or\s+rather|or\s+else|"
    r"opposite|revers\w*|swap\w*|flip\w*|mix(?:ed)?\s+up|ignore|scratch|never\s*mind|erratum|errata|"
    r"correct(?:ion|ed|ing)|typo|oops|whoops|my\s+(?:mistake|bad)|mistake\w*|error\w*|wrong|instead|"
    r"actually|wait|hmm|may|might|could|should\s+(?:have\s+)?be|(?:the|its?|his|her)\s+other\s+(?:option|way|one|value|role)|another|alternativ\w*|"
    r"also\s+(?:works?|satisf\w+|valid|possible|fits?)|on\s+second\s+thought|second\s+thoughts|"
    # "all except Lena are knights" is the answer itself (knights_read.py reads it), not a hedge on one
    r"retract\w*|unless|(?<!\ball\s)(?<!\beveryone\s)(?<!\beverybody\s)except|p\.?\s*s\.?|fix\w*|change\w*|"
    r"replace\w*|update\w*|"
    # `(confidence: low)`, `Confidence level: 60%`: the writer rates the answer below sure
    r"confiden\w*\s*(?:level\s*)?[:=]?\s*(?:is\s+)?(?:low|very\s+low|medium|moderate|poor|not\s+high|\d{1,2}\s*%)|"
    r"revis\w*|amend\w*|not\s+(?:quite|exactly)|either|or)(?![\w-])|\?",
    re.I,
)
# Plain closing prose that may follow an answer.
_CLOSING = re.compile(
    r"^(?:(?:i\s+)?hope\s+(?:this|that|it)\s+helps|let\s+me\s+know\b.*|feel\s+free\b.*|good\s+luck|"
    r"done|solved|q\.?e\.?d|end|that'?s\s+(?:it|all)|"
    r"(?:this|that|the\s+above|the|my)\s+(?:final\s+|unique\s+|only\s+)?(?:solution|answer|assignment|"
    r"grid|arrangement|result|configuration)?\s*(?:is\s+(?:the\s+)?(?:unique|only|final|correct)"
    r"(?:\s+(?:one|solution|answer|assignment|grid|arrangement))?|works|checks\s+out|"
    r"(?:satisfies|meets|fulfils|fulfills|respects)\s+(?:all|every|each)\b(?:\s*(?:of\s+the|the|given|"
    r"clues?|premises?|statements?|constraints?|conditions?|rules?|rows?|columns?|box(?:es)?|and|,))*)|"
    r"(?:all|every|each|both)\b.*\b(?:satisfied|hold|holds|met|consistent|check\s+out|checks\s+out|"
    r"verified|fulfilled)|the\s+puzzle\s+is\s+(?:solved|complete)|"
    r"\\end\{\w+\}\$*|\$\$|[`'~\-=_*#|✓✔✅.\s]*)[\s.!✓✔✅]*$",
    re.I,
)


def answer_tail_problem(
    reference: Mapping[str, Any],
    lines: Sequence[str],
    start: int | None,
    claim_lines: set[int],
    read_lines: frozenset[int] | set[int] = frozenset(),
) -> str | None:
    """Why the answer cannot be read because of what follows or hedges it, or None.

    `start` is the answer marker's line (None without one); `claim_lines` the lines that asserted a claim
    or drew a grid. A line of answer data (a table row of names and numbers) counts as an answer line.
    From the answer on (the marker, else the last block of answer lines), no line may hedge or retract;
    after the last answer line, only closing prose may follow. `read_lines` are the lines the walk read
    anything on (an assumption opened, a case closed): a line introducing the answer that is none of
    them may not say the answer under it is not the answer as written (`_framing_line`)."""
    data = lazy(lambda: data_pattern(reference))

    def answer_line(i: int) -> bool:
        if i in claim_lines:
            return True
        text = clean(lines[i])
        return bool(text) and not data().sub("", text).strip()

    # only the lines from the last claim on are scanned for data lines (a long trace is not re-read)
    last = max(claim_lines, default=-1)
    last = max([i for i in range(last + 1, len(lines)) if answer_line(i)], default=last)
    if last < 0:
        return None
    begin = last
    while begin > 0 and answer_line(begin - 1):  # the answer's block ends at a blank line
        begin -= 1
    if start is not None:
        # with a marker, the answer is read from the marker on: doubts in the steps before it are the
        # steps' business (each claim is checked, a retraction resolved or unknown, hedges caught by
        # `hedged_fact`), not the answer's
        begin = start
    framed = _framing_line(lines, begin, last, start, lambda i: answer_line(i) or i in read_lines)
    if framed is not None:
        return framed
    for i in range(begin, len(lines)):
        text = clean(lines[i])
        if not text:
            continue
        if i > last and not _CLOSING.match(text):
            return f"text after the answer that could change it (line {i + 1}): {text[:80]}"
        if DOUBT.search(_unnamed(_without_quotes(text), reference)):
            return f"the answer is hedged or retracted (line {i + 1}): {text[:80]}"
    return None


# Words in a line that introduces the answer and claims nothing itself ("Transposed grid:", "A common
# wrong answer:", "Draft:", "Suppose:") that say the lines under it are not the answer as written: drawn
# transformed, or disowned. Such a heading mentions nothing of the puzzle, so the clause guard reads it as
# prose (`guard.py`), and the answer under it would be read as the writer's.
_FRAME = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:transpos\w*|mirror\w*|invert\w*|inverse\w*|rotat\w*|upside[\s-]*down|backwards?|"
    r"complement\w*|negat\w*|revers\w*|flip\w*|swap\w*|opposite|right[\s-]+to[\s-]+left|bottom[\s-]+up|"
    r"wrong|incorrect|invalid|bad|fake|bogus|decoy|draft|joke|trick\w*|placeholder|template|dummy|random|"
    r"counter-?examples?|examples?|samples?|illustrat\w*|demo\w*|attempt\w*|candidates?|trial|tries|try|"
    r"trying|tests?|testing|guess\w*|old|previous|earlier|prior|initial|unsolved|unverified|unchecked|"
    r"reject\w*|discard\w*|obsolete|outdated|superseded|deprecated|struck|ignor\w*|skip\w*|not|don'?t|"
    r"never|none|todo|naive|beginners?|typical|common|mistak\w*|errors?|fail\w*|break\w*|broken|violat\w*|"
    r"suppos\w*|assum\w*|imagin\w*|hypothe\w*|pretend\w*|maybe|perhaps|possibl\w*|probabl\w*|restat\w*|"
    r"if|were|consider\w*|instance|would\s+look|before)(?![\w-])|"
    # "Legend: X = crossed out (empty)" defines a symbol; "Crossed out:" above a grid disowns it
    r"(?<![=\w-]\s)(?<!=)crossed(?![\w-])",
    re.I,
)


def _framing_line(
    lines: Sequence[str], begin: int, last: int, start: int | None, answer_line: Any
) -> str | None:
    """Why a line that introduces the answer says it is not the answer as written, or None: the nearest
    line above the answer that is no answer line itself (nor reasoning the walk read: "If p = true, all
    premises can hold.") (with a marker, only a heading ending in a colon
    that introduces the marker), and the marker's line and any line under it that is no answer line."""
    heads: list[int] = []
    above = begin - 1
    while above >= 0 and not clean(lines[above]):
        above -= 1
    if above >= 0 and not answer_line(above) and (start is None or clean(lines[above]).endswith(":")):
        heads.append(above)
    if start is not None:
        heads += [i for i in range(start, last + 1) if not answer_line(i)]
    for i in heads:
        text = _without_quotes(clean(lines[i]))
        if text and _FRAME.search(text):
            return f"a line introducing the answer disowns or transforms it (line {i + 1}): {text[:80]}"
    return None


# Words that hedge whatever line they are on: no asserted claim on such a line is the writer's answer.
_HEDGE = compile_guarded(  # a line without its words is not scanned (`trigger_words.py`)
    r"(?<![\w-])(?:maybe|perhaps|possibly|probably|presumably|likely|apparently|seemingly|allegedly|"
    r"i\s+think|i\s+guess|i\s+believe|i\s+suspect|not\s+(?:sure|certain)|unsure|uncertain|kidding|jk|"
    r"or\s+rather|or\s+else|unless)(?![\w-])",
    re.I,
)


def hedged_fact(lines: Sequence[str], fact_lines: set[int]) -> str | None:
    """Why a line that asserts a fact is hedged ("Ava is a knight (or maybe a knave)"), or None. The
    answer is read from asserted facts; a hedge in an aside or a trailing remark would otherwise be
    dropped as prose while its line still counts."""
    for i in sorted(fact_lines):
        text = _without_quotes(clean(lines[i]))
        if _HEDGE.search(text):
            return f"a claim made with a hedge (line {i + 1}): {text[:80]}"
    return None


_MODAL_USE = re.compile(r"\s+(?:be|not|i|we|you|he|she|they|it)\b", re.I)


def _unnamed(text: str, reference: Mapping[str, Any]) -> str:
    """The text with every person named as the puzzle spells them (capitalised) replaced by a neutral
    word, so that May, Will or Mark in an answer are not read as a hedge ("may"), unless the word stands
    as the modal does ("May be a knave", "Will I ..."). A lower-case "may" stays a hedge."""
    people = reference.get("people")
    if not isinstance(people, list):
        return text
    for name in people:
        hidden = _as_hedge(str(name))
        if hidden is not None:
            text = hidden.sub("Someone", text)
    return text


@functools.lru_cache(maxsize=1024)
def _as_hedge(name: str) -> re.Pattern[str] | None:
    """The pattern of a name that is also a hedge word, where it stands as a name; None for any other
    name (only a name that is also a hedge word needs hiding). Per name, not per answer: a puzzle's
    names come back in every answer to it."""
    if not name[:1].isupper() or not DOUBT.search(name):
        return None
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!{_MODAL_USE.pattern})")


_QUOTED = re.compile(r'"[^"]*"')


def _without_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text) if '"' in text else text
