"""A word problem's event before the arithmetic it causes: "After giving away 7, she has 36 − 7 = 29
pencils.", "After selling 2 boxes, 4 - 2 = 2 boxes are left."

A leading clause that says what happens ("After giving away 7", "She sells 2 boxes") names the operand of
the computation after it (the 7 given away, the 2 boxes sold); read alone, its bare number looks like a
value said in words (spoken.py) and the line is unreadable. It is taken off only when it can say nothing
else: it opens the line (or a sentence of it) with `after`/`when`/`once` and a verb in -ing, or with a
subject (or none: `Gives away 7, so ...`) and a verb of a word problem's action (gives, sells, spends,
...), or with a preposition of a rate or a time span (`At $2 each`, `In 14 days`), holds exactly one
number and no relation, ends at a comma, and the same number is an operand of the math after it (so
"After giving away 9, she has 36 − 7 = 29" keeps its unread 9). A clause that says again what its
subject holds ("Betty has 3 boxes with 12 pencils each, so she has 3 * 12 = 36") is taken off the same
way when every number in it is an operand of the math after it and it holds no relation or comparison
word. The words themselves are not lost: a word problem's step checks the numbers its words
say against the prompt (prose_numbers.py). Pure text work.
"""

from __future__ import annotations

import re

_EVENT = re.compile(
    r"\s*(?:(?:after|when|once|upon)\s+[a-z]+ing\b"
    # `She gives away 7, so ...`: a subject and an action of a word problem (`Gives away 7, so ...` in
    # a chain of thought's shorthand, without the subject)
    r"|(?:(?:she|he|they|we|i|[A-Z][a-z]+)\s+)?(?:gives?|gave|sells?|sold|spends?|spent|eats?|ate|loses?|lost"
    r"|uses?|used|buys?|bought|gets?|got|receives?|received|adds?|added|removes?|removed|takes?|took)\b"
    r"(?:\s+(?:away|back|up|out|in|another|more))?"
    # `At $2 each, she makes 9 × 2 = 18`, `In 14 days, 135 × 14 = 1890 arrive`: a rate or a time span
    r"|(?:at|in|for|over|during|within)\b)"
    r"(?P<words>[^,.;:=!?\d]{0,60}?)\s*(?P<number>\d+(?:\.\d+)?)(?P<tail>[^,.;:=!?\d]{0,40}),"
    r"(?:\s+(?:so|and|then))?\s+(?=\S)",
    re.I,
)


# `Betty has 3 boxes with 12 pencils each, so she has 3 * 12 = 36`: what the subject holds, said again with
# every number of it (one or more) an operand of the math after it
_HOLDING = re.compile(
    r"\s*(?:she|he|they|we|i|[A-Z][a-z]+)\s+(?:has|have|had|owns?|owned|(?:starts?|started|begins?|began)\s+with"
    r"|buys?|bought|gets?|got|receives?|received|collects?|collected|makes?|made|bakes?|baked|picks?|picked"
    r"|earns?|earned|saves?|saved|eats?|ate|uses?|used|gives?|gave|sells?|sold|spends?|spent|needs?|needed)\b"
    r"(?P<words>[^,.;:=!?<>+*/^]{1,80}?),(?:\s+(?:so|and|then))?\s+(?=\S)",
    re.I,
)
# a relation or a comparison in the clause is a claim of its own, never a restatement
_RELATION_WORD = re.compile(
    r"\b(?:is|are|was|were|equals?|more|less|fewer|than|times|twice|half|double|triple|percent|per|not|no)\b"
    r"|[%-]",
    re.I,
)
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def without_event_clause(body: str) -> str:
    """body without a leading event clause that names an operand of its math (see the module)."""
    # each sentence's start, last first, so that taking a clause out keeps the earlier starts where they are
    for start in reversed([m.end() for m in _SENTENCE_START.finditer(body)]):
        found = _EVENT.match(body, start)
        if found is not None:
            numbers = [found.group("number")]
        else:
            found = _HOLDING.match(body, start)
            if found is None or _RELATION_WORD.search(found.group("words")):
                continue
            numbers = _NUMBER.findall(found.group("words"))
            if not numbers or len(_NUMBER.findall(found.group(0))) != len(numbers):
                continue
        rest = body[found.end() :]
        sentence = _SENTENCE_END.split(rest, maxsplit=1)[0]
        equals = sentence.find("=")
        if equals < 0:
            continue
        operands = _NUMBER.findall(sentence[:equals])
        if all(operands.count(n) >= numbers.count(n) for n in numbers):
            body = body[:start] + rest
    return body


# a sentence's start, or the start of what a short label at the line's start names (`Total pencils: Betty
# has 3 boxes with 12 pencils each, so she has 3 × 12 = 36`)
_SENTENCE_START = re.compile(r"^(?:\s*[A-Za-z][A-Za-z'’ ]{0,40}:\s+(?=[A-Za-z]))?|(?<=[.!?])\s+(?=[A-Za-z])")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


__all__ = ["without_event_clause"]
