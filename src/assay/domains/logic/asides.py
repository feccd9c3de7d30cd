"""What a bracketed aside says once its pronoun or its missing subject is filled in from the sentence it
is attached to (`read.clauses` gives each aside the sentence before it; its last clause is the host):
"Ava is a knight (she tells the truth)", "Ava is a knight (always tells the truth)", "next to the juice
(house 3)", "Lou can't be in house 1 (Max is there)".

A pronoun is filled in only when its referent is certain: the host is a readable claim about exactly one
named thing that it names first, and nothing else in the sentence before it names another ("Since Ava
is a knight, Ben is a knave (her statement is true)": "her" may be Ava's, so the aside stays as it is,
and its pronoun leaves it unreadable, never read as a guess).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assay.domains.logic.read import ClauseReader, Formula, unfill
from assay.domains.logic.speech_words import REASON

_CLAUSE_BREAK = re.compile(r"[,;]|\band\b", re.I)
_SUBJECT = re.compile(r"\b(?:he|she|they)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:his|her|their)\b", re.I)
_LEAD_PRONOUN = re.compile(r"(?:he|she|they|his|her|their)(?![\w'-])", re.I)
# "by her statement", "from his own words": a reason word before the possessive that leads a citation
_CITING_LEAD = re.compile(rf"^(?:{REASON})\s+(?=(?:his|her|their)\s)", re.I)
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_HOST_MOOD = re.compile(r"\b(?:would\s+(?:have\s+to\s+)?be|were)\b", re.I)
# An aside that starts with its verb takes the subject of the clause it is attached to.
_SUBJECTLESS = re.compile(
    r"^(?:(?:always|never|only|also|indeed|truly|thus|so|hence|therefore|definitely|certainly)\s+)*"
    r"(?:is|was|are|tells?|told|lies|lied|lying|speaks?|spoke|says?|said|must|cannot|can'?t|does|doesn'?t|"
    r"did|didn'?t|has|had|owns?|keeps?|drinks?|lives?|plays?|likes?|loves?)\b",
    re.I,
)
_PLACED_ASIDE = re.compile(r"^(?:in\s+)?(house\s*\d)$", re.I)
_THERE_ASIDE = re.compile(r"^((?:the\s+)?[A-Za-z][\w-]*)\s+(?:is|lives)\s+there$", re.I)


def resolve(aside: str, sentence: str, read: ClauseReader, mentions: Callable[[str], bool]) -> str:
    """The aside attached to the last clause of `sentence`, with its subject filled in (see the module);
    `mentions` says whether a clause names something of the puzzle."""
    *before, host = _CLAUSE_BREAK.split(sentence)
    named = [part for part in before if part.strip()]
    resolved = resolve_aside(
        aside, host, read, lambda key: any(_names_another(p, key, read, mentions) for p in named)
    )
    lead = _LEAD_PRONOUN.match(aside)
    if resolved != aside or lead is None or (_HE.search(aside) and _SHE.search(aside)):
        return resolved
    # "Since Rosa is a knight, Dan is a knight (his statement is true)": "his" may be Rosa's or Dan's;
    # the aside is read for each one the sentence names, all of them claimed (true only if each is)
    candidates = _subjects([*named, host], read, mentions)
    if candidates is None or len(candidates) < 2:
        return aside
    word, rest = lead.group(0).lower(), aside[lead.end() :]
    return " and ".join((f"{who}'s" if word in ("his", "her", "their") else who) + rest for who in candidates)


def cited_text(aside: str, sentence: str, read: ClauseReader, mentions: Callable[[str], bool]) -> str:
    """The aside as a citation is read: "(by her statement)" after "Ava is a knight" cites Ava's. Only a
    certain referent is filled in (`resolve_aside`); a pronoun that may be either of two people stays,
    and leaves the citation unresolved, never cites both."""
    *before, host = _CLAUSE_BREAK.split(sentence)
    named = [part for part in before if part.strip()]
    return resolve_aside(
        aside, host, read, lambda key: any(_names_another(p, key, read, mentions) for p in named)
    )


def _subjects(parts: list[str], read: ClauseReader, mentions: Callable[[str], bool]) -> list[str] | None:
    """The one named thing each clause is about, in order, each once; None when a clause names
    something in words that do not read, or is about more than one thing (its referents are unclear)."""
    found: list[str] = []
    for part in parts:
        reading = read(_HOST_MOOD.sub("is", unfill(part)))
        if reading is None:
            if mentions(part):
                return None
            continue
        keys = {_key(f) for f in reading} if isinstance(reading, list) else {None}
        if len(keys) != 1 or not all(isinstance(k, str) for k in keys):
            return None
        found += [k for k in keys if isinstance(k, str) and k not in found]
    return found


def resolve_aside(
    aside: str, host: str, read: ClauseReader, another: Callable[[Any], bool] | None = None
) -> str:
    """The aside with its pronouns replaced by the host's subject, when the host is a readable claim
    about exactly one named thing (a person, an atom) that it names at its start, and the rest of its
    sentence names no other (`another`): only then is the referent certain. Otherwise the aside is
    returned as it is."""
    # "Kai would be a knave (his statement would be false)": the host's subject whatever its mood
    reading = read(_HOST_MOOD.sub("is", unfill(host)))
    if not isinstance(reading, list):
        return aside
    keys = {_key(f) for f in reading}
    placed = _PLACED_ASIDE.match(aside.strip())
    if placed is not None:
        return _placed_aside(placed.group(1), host, read) or aside
    there = _THERE_ASIDE.match(aside.strip())
    houses = set(re.findall(r"\bhouse\s*(\d)\b", host, re.I))
    if there is not None and len(houses) == 1:
        # "Lou can't be in house 1 (Max is there)": the one house the host names
        return f"{there.group(1)} is in house {houses.pop()}"
    if len(keys) != 1:
        return aside
    (key,) = keys
    if another is not None and another(key):
        return aside  # "Since Ava is a knight, Ben is a knave (her statement ...)": whose, uncertain
    if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], str):
        key = key[1]  # a zebra value, ("name", "Ben"): the host names it by its value
    if not isinstance(key, str) or not unfill(host).lower().startswith(key.lower()):
        return aside
    if _SUBJECTLESS.match(aside):
        return f"{key} {aside}"  # "Ava is a knight (always tells the truth)": the host's subject
    # only the pronoun that leads the aside is the host's subject: "Dan is a knave (he says she is a
    # knight)": "she" is someone else, left as it is (the aside stays unreadable, never Dan's)
    # "Ava is a knight (by her statement)": a reason word may lead a possessive that cites
    citing = _CITING_LEAD.match(aside)
    opening = citing.group(0) if citing is not None else ""
    lead = _LEAD_PRONOUN.match(aside, len(opening))
    if lead is None:
        return aside
    rest = aside[lead.end() :]
    word = lead.group(0).lower()
    other = _SHE if word in ("he", "his") else _HE if word in ("she", "her") else None
    if other is not None and other.search(rest):
        return aside  # "he says she ...": two people, and which one the host is cannot be told
    return opening + (f"{key}'s" if word in ("his", "her", "their") else key) + rest


def _names_another(part: str, key: Any, read: ClauseReader, mentions: Callable[[str], bool]) -> bool:
    """True if a clause of the sentence may name something other than `key`: it reads as a claim about
    another thing, or it names something of the puzzle in words that do not read as a claim."""
    reading = read(_HOST_MOOD.sub("is", unfill(part)))
    if reading is None:
        return mentions(part)
    return not isinstance(reading, list) or any(_key(f) != key for f in reading)


def _key(formula: Formula) -> Any:
    while formula[0] == "not":
        formula = formula[1]
    return formula[1] if formula[0] == "var" else None


def _placed_aside(house: str, host: str, read: ClauseReader) -> str | None:
    """ "next to the juice (house 3)": the bracket places what the host names just before it, as
    "the juice is in house 3", when those last words are one thing the reader places; else None."""
    words = unfill(host).rstrip(" ,;:").split()
    for size in (1, 2, 3):
        said = f"{' '.join(words[-size:])} is in {house}"
        reading = read(said) if len(words) >= size else None
        if isinstance(reading, list) and len(reading) == 1 and reading[0][0] == "var":
            return said
    return None


_CLUE_ASIDE = re.compile(r"^clue\s*:?\s*(?P<runs>\d{1,2}(?:\s*[,\s]\s*\d{1,2})*)$", re.I)
_LINE_HOST = re.compile(r"\b(?P<line>row|column|col)\s*(?P<index>\d{1,2})\s*$", re.I)


def line_clue(aside: str, sentence: str) -> str | None:
    """ "Row 2 (clue 2 1) starts with a filled cell": the bracket restates the clue of the line just
    named, read as "row 2 clue is 2 1" (checked against the puzzle), never as a citation of clue 2."""
    clue = _CLUE_ASIDE.match(aside.strip())
    line = _LINE_HOST.search(sentence) if clue is not None else None
    if clue is None or line is None:
        return None
    return f"{line.group('line')} {line.group('index')} clue is {clue.group('runs')}"
