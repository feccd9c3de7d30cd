"""Prose that states a relation the claim reader does not read (`Half of 8 is 3`, `x is the next integer
up`): a claim made in words, so its step is unreadable, never skipped as prose. Pure text work.
"""

from __future__ import annotations

import functools
import re

from assay.domains.math.spoken import states_value
from assay.domains.math.stated_math import result_alone, without_asides
from assay.domains.math.vocabulary import LETTERS, NUMBER_WORDS, is_mathy, trim, value_like
from assay.text.trigger_words import compile_guarded

# words that state a relation between what comes before them and a value after them ("gives away 7" is
# an action of a word problem, not "gives 7")
_RELATION_WORD = re.compile(
    r"\b(?:is|was|equals?|equal to|equalling|(?:gives?|giving|gave)(?!\s+(?:away|back|out|up)\b)"
    r"|makes?|making|yields?|becomes?|results? in"
    r"|comes? to|totals?|leaves?|leaving|should be|must be|would be|will be|get|gets|got|means?)\b",
    re.I,
)

# (`3x = 15 because 20 take away 5 leaves 14`: a reason said after a claim is a clause of its own, whose
# relation in words is not read with the claim's `=`)
_CLAUSE = re.compile(
    r"[,;:!?](?:\s|$)|\.(?:\s|$)|\b(?:so|and|but|then|thus|hence|therefore|because|since)\b", re.I
)

# "Set the two expressions for y equal:": an instruction, whose equation is the next line
_SET_EQUAL = re.compile(
    r"\W{0,3}(?:(?:now|then|next|so|we|let'?s|let us)\s{1,3}){0,3}(?:set|setting)\s+"
    r"(?:the|them|both|these|those)\b"
    r"[^=:;.\d]{0,60}\bequal(?:\s+to\s+each\s+other|\s+to\s+one\s+another)?[\s:.*_]*",
    re.I,
)

_ANSWER_WORD = re.compile(r"\b(?:answers?|solutions?|roots?|pair|set)\s*$", re.I)

# "The total is $26.": a word problem's total said in words is its answer, read as one by
# answer_phrases.py (with `=` or `:` a total is a running sum, a claim of its own)
TOTAL_IS = compile_guarded(
    r"\bthe\s+(?:final\s+)?total(?:\s+(?:cost|price|amount))?\s+(?:is|comes to)\b"
    # "So the sum is 11/12.": the result of the problem's operation, named (held to it: result_names.py)
    r"|\bthe\s+(?:final\s+)?(?:sum|difference|product|quotient)\s+is\b(?!\s+of\b)",
    re.I,
)

# KNOWN GAP, kept narrow on purpose: "the LCD is 12" names a common denominator nobody checks here; the
# fractions written with it are checked, so a wrong one still fails at the next step
_NAMED_DENOMINATOR = re.compile(
    r"\b(?:lcd|lcm|least common (?:denominator|multiple)|common denominator)\s*$", re.I
)

_VERBAL_TAIL = re.compile(
    r"(?<![\w'])[A-Za-z]\s+(?:is|equals|is equal to|must be|should be|becomes)\s+(\S+)\s*$", re.I
)

# a term in a variable right before the relation word (`x^2 is the same as x plus x`, `3x is twice x`,
# `x + x is ...`): what the clause says of it is a claim, whatever words say the other side
_ALGEBRA_BEFORE = re.compile(
    r"(?:^|[\s(])(?:\d+(?:\.\d+)?\s*[A-Za-z](?![A-Za-z])(?:\s*(?:\^\s*\d+|[²³]))?"
    r"|[A-Za-z](?![A-Za-z])\s*(?:\^\s*\d+|[²³])"
    r"|[A-Za-z](?![A-Za-z])\s*[-+*/×·]\s*(?:\d+|[A-Za-z](?![A-Za-z])))\)?\s*$"
)

_VARIABLE_VERB = re.compile(r"(?<![\w'])(?![aAI]\b)[A-Za-z]\s+(?=(?:is|equals|must|should|was|becomes)\b)")


# a pure function of the text: the same reasons ("simplify", "add 16 to both sides") recur on many lines, so
# the answers are kept (bounded, so a long-lived worker does not grow)
@functools.lru_cache(maxsize=4096)
def hidden_claim(text: str) -> bool:
    """Whether prose states a relation the reader does not read as a claim.

    `Half of 8 is 3`, `gives us 2x equal to 9`, `thirteen minus five is seven`, `x equals minus four`,
    `x is the next integer up`: a relation word with a value (digits or number words) after it, or a
    variable said to be something, in a clause without `=`. Such a clause is a claim made in words; the
    caller makes its step unreadable rather than skip it as prose. Exempt: `the answer is ...` (read,
    whole or not at all, by the answer reader) and `x is 4` at the end of a clause (read as `x = 4`).
    Any other clause that names a value, with whatever verb, is one too (spoken.py)."""
    if _SET_EQUAL.fullmatch(text):
        return False
    if states_value(text) or result_alone(text):
        return True
    text = without_asides(TOTAL_IS.sub("the answer is", text))
    for clause in _CLAUSE.split(text):
        if not clause or "=" in clause:
            continue
        tail = _VERBAL_TAIL.search(clause)
        if tail is not None and is_mathy(trim(tail.group(1))):
            clause = clause[: tail.start()]  # "which means x equals 4": `x = 4` is read as a claim
        for match in _RELATION_WORD.finditer(clause):
            before, after = clause[: match.start()], clause[match.end() :]
            if _ANSWER_WORD.search(before) or _NAMED_DENOMINATOR.search(before):
                continue
            if re.match(r"\s*\w+ing\b", after):
                continue  # "dividing by 1/3 is multiplying by 3": a method, not a value
            stated = (
                _VARIABLE_VERB.search(before + " " + match.group(0))
                or _ALGEBRA_BEFORE.search(before) is not None
                or _states_value(after)
            )
            if stated and not _verbal_read(before, after):
                return True
    return False


def _states_value(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(
        # "one" and "zero" are also words of general statements ("one of them is", "a product is zero")
        w.lower() in NUMBER_WORDS and w.lower() not in ("one", "zero")
        for w in LETTERS.findall(text)
    )


def _verbal_read(before: str, after: str) -> bool:
    """`x is 4` / `x equals 4` ending its clause: `_verbal_equals` reads it as the claim `x = 4`."""
    words = after.split()
    if words[:1] == ["either"] and len(words) >= 4 and len(words) % 2 == 0:
        # `x is either 2 or 3`: values joined by `or` (read by `_either`)
        values, links = words[1::2], words[2::2]
        listed = all(w == "or" for w in links) and all(
            is_mathy(trim(v)) and value_like(trim(v)) for v in values
        )
        return re.search(r"(?<![\w'])[A-Za-z]\s*$", before) is not None and listed
    return (
        re.search(r"(?<![\w'])[A-Za-z]\s*$", before) is not None
        and len(words) == 1
        and is_mathy(trim(words[0]))
    )
