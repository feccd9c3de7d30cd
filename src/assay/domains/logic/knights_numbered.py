"""Knights statements cited by number: "Ava is a knight (S1)", "by statement 2", "S3 is false".

A knights puzzle numbers no statements, so a number names one only by the order in which the prompt
gives them, and only if the response numbers them the same way. `numbering` reads that order from the
prompt: every quotation there must be attributed to exactly one speaker by the words before it ('Ava
says: "..."', "In Ben's words: "...""), each speaker with a statement once, and nothing else quoted.
Then every place where the response pairs a number with a speaker ("S1 (Ben): ...", "Ben's statement
(S1)", "Statement 2: Cal says ...", a list "1. Cal says ...") must agree with it. Otherwise the numbers
stay unresolved, and a claim citing one is unknown (`cited_support.speakers_cited`): a response that
numbers the statements its own way, or a prompt whose order cannot be read with certainty, never lends
a number a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from assay.domains.logic.citations import cited_numbers
from assay.domains.logic.speech_words import STATEMENT_NOUN

_DIGIT = re.compile(r"\d")
# an opening quotation mark: a curly one, or a straight one that opens (`_openers`)
_QUOTE = re.compile(r'["“”]')
# where the words that attribute a quotation begin: a sentence's end or a closing quotation mark
_ATTRIBUTION_START = re.compile(r'[.!?\n"”]')
_WORD = re.compile(r"[A-Za-z][\w-]*")
# "S1", "S 2", "statement 3", "Statement #1": a statement named by its number (capital S only)
_LABEL = re.compile(r"(?<![\w])(?:(?-i:S)\s?|statement\s*#?\s*)(\d{1,2})\b", re.I)
# a number paired with a speaker on one line: "S1 (Ben)", "S1: Ben says", "Statement 1 — Ben's claim",
# "Ben's statement (S1)", "Ben (S1):", "Ben: S1"
_LABEL_THEN_NAME = re.compile(
    r"(?<![\w])(?:(?-i:S)\s?|statement\s*#?\s*)(?P<n>\d{1,2})\b\s*(?:\*\*)?\s*[(:=—–-]\s*(?:\*\*)?\s*"
    r"(?P<who>[A-Za-z][\w-]*)",
    re.I,
)
_NAME_THEN_LABEL = re.compile(
    rf"(?P<who>[A-Za-z][\w-]*)(?:'s|’s)?(?:\s+(?:{STATEMENT_NOUN}))?\s*(?:\*\*)?\s*[(:=—–-]\s*(?:\*\*)?\s*"
    r"(?:(?-i:S)\s?|statement\s*#?\s*)(?P<n>\d{1,2})\b",
    re.I,
)
# a numbered list of the statements: "1. Cal says ...", "2) Ava's statement: ...", "(3) Ben claims ..."
_LISTED = re.compile(
    rf"^[\s>*-]*(?:\*\*)?\(?(?P<n>\d{{1,2}})[.):]\s*(?:\*\*)?\s*(?P<who>[A-Za-z][\w-]*)(?:'s|’s)?"
    rf"(?:\s+(?:{STATEMENT_NOUN}))?\s*(?:\*\*)?\s*(?::|—|–|-|\b(?:says|said|claims|claimed|states|stated|"
    r"asserts|asserted|declares|declared)\b)",
    re.I | re.M,
)
# a statement's number as the subject of a clause: "S1 is true", "statement 2 would be false"
_SUBJECT_LABEL = re.compile(
    r"(?<![\w])(?:(?-i:S)\s?|statement\s*#?\s*)(\d{1,2})\b(?=\s+(?:is|was|would|must|holds|fails|becomes)\b)",
    re.I,
)
# anything else numbered ("premise 2", "P1", "(1)", "the first statement") is not read as a statement here
_OTHER_NUMBERED = re.compile(
    r"\b(?:premise|clue|constraint|condition|rule|hint|fact|step|line|case)s?\s*#?\s*\d|\(\d{1,2}\)|"
    r"(?<![\w])(?-i:[A-RT-Z])\d{1,2}\b|\b(?:first|second|third|fourth|fifth|sixth|last)\s+(?:statement|claim)",
    re.I,
)


def numbering(reference: Mapping[str, Any], prompt: str, response: str) -> tuple[str, ...] | None:
    """The speakers in the order the prompt quotes them, when that order is certain and the response
    numbers no statement otherwise; None when not (and without reading the prompt when the response has no
    digit: then it cites no statement by number)."""
    if _DIGIT.search(response) is None:
        return None
    order = _prompt_order(reference, prompt)
    if order is None or not _response_agrees(order, list(reference["people"]), response):
        return None
    return order


def numbered(clause: str, order: Sequence[str], people: Sequence[str]) -> tuple[int, ...] | None:
    """The people (their places in the puzzle's list, from 1) whose statements the clause cites by number,
    or None when a number in it is not read with certainty as one of the prompt's statements."""
    if _OTHER_NUMBERED.search(clause):
        return None
    numbers = [int(m.group(1)) for m in _LABEL.finditer(clause)]
    numbers += [n for n in cited_numbers(clause) if n]  # "statements 1 and 2"
    if not numbers or any(not 1 <= n <= len(order) for n in numbers):
        return None
    return tuple(dict.fromkeys(people.index(order[n - 1]) + 1 for n in numbers))


def named_labels(clause: str, order: Sequence[str]) -> str:
    """The clause with a statement named by its number as its subject ("S1 is true", "Statement 2 would be
    false") named by its speaker ("Ava's statement is true"), the order being certain (`numbering`)."""
    if _DIGIT.search(clause) is None:
        return clause
    return _SUBJECT_LABEL.sub(
        lambda m: (
            f"{order[int(m.group(1)) - 1]}'s statement" if 1 <= int(m.group(1)) <= len(order) else m.group(0)
        ),
        clause,
    )


def _prompt_order(reference: Mapping[str, Any], prompt: str) -> tuple[str, ...] | None:
    people = {str(p).lower(): str(p) for p in reference.get("people") or []}
    speakers = {str(s) for s in (reference.get("statements") or {})}
    order: list[str] = []
    for at in _openers(prompt):
        start = max((m.end() for m in _ATTRIBUTION_START.finditer(prompt, 0, at)), default=0)
        named = {people[w.lower()] for w in _WORD.findall(prompt[start:at]) if w.lower() in people}
        if len(named) != 1:
            return None  # a quotation attributed to no one, or to whom cannot be told
        order.append(named.pop())
    if len(order) != len(speakers) or set(order) != speakers:
        return None
    return tuple(order)


def _openers(prompt: str) -> list[int]:
    """Where each quotation opens: every curly opening mark, and every other straight one."""
    found: list[int] = []
    straight = 0
    for match in _QUOTE.finditer(prompt):
        mark = match.group(0)
        if mark == "“":
            found.append(match.start())
        elif mark == '"':
            if straight % 2 == 0:
                found.append(match.start())
            straight += 1
    return found


def _response_agrees(order: Sequence[str], people: Sequence[str], response: str) -> bool:
    """False when the response pairs a statement's number with a speaker other than the prompt's."""
    known = {p.lower() for p in people}
    for pattern in (_LABEL_THEN_NAME, _NAME_THEN_LABEL, _LISTED):
        for match in pattern.finditer(response):
            who, n = match.group("who").lower(), int(match.group("n"))
            if who not in known:
                continue
            if not 1 <= n <= len(order) or order[n - 1].lower() != who:
                return False
    return True
