"""A knights-and-knaves step that cites someone's statement for its claim: "Dan is a knight (by Milo's
statement)", "Rosa is a knight — Milo's statement forces it", "[from Rosa's claim]".

A knights puzzle numbers no premises: a person's statement is cited by the person's name. `cited` finds
those citations in a clause as numbers (a person's place in the puzzle's list, from 1), so that the walk
carries them like "premise 2" (`walk.walk`'s `cites`). The check (`check._support`) holds the claim to
them: the cited statements, each true exactly when its speaker is a knight, with the steps so far, must
give the claim (`cited_gives`, over every assignment of roles: puzzles have few people); a claim they do
not give is a wrong reason, whatever the claim.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import evaluate
from assay.domains.logic.speech_words import REASON, REPORT_VERB, STATEMENT_NOUN
from assay.text.trigger_words import compile_guarded

_ROLES = ("knight", "knave")
# what may follow a cited statement: the end of the clause, or words saying it gives the claim
_SAID_TO_GIVE = (
    r"\s*(?:alone\b|forc(?:e|es|ed)\b|gives?\b|settles?\b|shows?\b|impl(?:y|ies)\b|means?\b|proves?\b|"
    r"together\b|[)\].,;:!…]|$)"
)
# "by Milo's statement", "from Rosa's claim", "(see Dan's words)", "Milo's statement forces it",
# "[Milo's statement alone]": the name before "'s statement"
_CITED = re.compile(
    rf"(?:\b(?:{REASON})\s+|^[\s(\[]*|[—–-]\s*)"
    # "Rosa's and Dan's statements": a list of speakers
    r"(?P<who>[A-Za-z][\w-]*(?:'s|’s)(?:\s*(?:,|and|&)\s*[A-Za-z][\w-]*(?:'s|’s))*)\s+"
    rf"(?:(?:true|false|own)\s+)?(?:{STATEMENT_NOUN})\b"
    rf"(?={_SAID_TO_GIVE})",
    re.I,
)
# "Tess is a knave: her words force it", "(by his own statement)": the statement of the one person the
# clause names; with none or several named, whose it is cannot be told (`UNNAMED`). A clause without
# "his", "her" or "their" and a statement noun is not scanned (`trigger_words.py`)
_CITED_PRONOUN = compile_guarded(
    rf"(?:\b(?:{REASON})\s+|^[\s(\[]*|[—–:-]\s*)(?:his|her|their)\s+(?:(?:true|false|own)\s+)?"
    rf"(?:{STATEMENT_NOUN})\b(?={_SAID_TO_GIVE})",
    re.I,
)
UNNAMED = 0  # the place `cited` gives a statement cited by a pronoun it cannot resolve
# "since Cleo said "...", Hana is a knave", "given what Rosa says", "because Dan claims Milo lies": a
# speaker's report as the reason (the reason is the speaker's statement, whatever words the writer quotes)
_CITED_SPEAKER = compile_guarded(  # a clause without its words is not scanned (`trigger_words.py`)
    rf"\b(?:{REASON}|what)\s+(?:what\s+)?(?P<who>[A-Za-z][\w-]*)\s+(?:{REPORT_VERB})\b",
    re.I,
)
_SPEAKER = re.compile(r"([A-Za-z][\w-]*)(?:'s|’s)")


def cited(reference: Mapping[str, Any], clause: str) -> tuple[int, ...]:
    """The people whose statements the clause cites, by their place in the puzzle (from 1), in order."""
    places = {str(p).lower(): i for i, p in enumerate(reference.get("people") or [], 1)}
    found = [
        (m.start(), places[who.lower()])
        for m in (_CITED.finditer(clause) if "'" in clause or "’" in clause else ())
        for who in _SPEAKER.findall(m.group("who"))
        if who.lower() in places
    ]
    found += [
        (m.start(), places[m.group("who").lower()])
        for m in _CITED_SPEAKER.finditer(clause)
        if m.group("who").lower() in places
    ]
    spoken = _CITED_PRONOUN.search(clause)
    if spoken is not None:
        named = {places[w.lower()] for w in re.findall(r"[A-Za-z][\w-]*", clause) if w.lower() in places}
        found.append((spoken.start(), named.pop() if len(named) == 1 else UNNAMED))
    return tuple(dict.fromkeys(place for _, place in sorted(found)))


def cited_keys(reference: Mapping[str, Any], numbers: tuple[int, ...]) -> set[Any] | str:
    """Whom the cited statements speak of, and their speakers: what a claim citing them can be about."""
    people = list(reference["people"])
    keys: set[Any] = set()
    for k in numbers:
        if k == UNNAMED:
            return "a statement is cited by a pronoun, and whose it is cannot be told"
        if not 1 <= k <= len(people):
            return f"a statement of person {k} is cited, but the puzzle has {len(people)} people"
        who = people[k - 1]
        keys.add(who)
        keys |= _people(reference["statements"].get(who) or ["true"])
    return keys


def cited_gives(
    reference: Mapping[str, Any],
    numbers: tuple[int, ...],
    context: list[Any],
    formula: list[Any],
    restated: bool = False,
    forced: bool = False,
) -> str | None:
    """Why the cited statements (each true exactly when its speaker is a knight) and the steps before
    do not give the claim, or None when they do."""
    people = list(reference["people"])
    statements = reference["statements"]
    speakers = [people[k - 1] for k in numbers]
    if any(statements.get(who) is None for who in speakers):
        return f"{' and '.join(speakers)} made no statement to cite"
    given = [["iff", ["var", who, "knight"], statements[who]] for who in speakers] + list(context)
    for roles in itertools.product(_ROLES, repeat=len(people)):
        assignment = dict(zip(people, roles, strict=True))
        if all(evaluate(g, assignment) for g in given) and not evaluate(formula, assignment):
            whose = " and ".join(f"{who}'s" for who in speakers)
            noun = "statements" if len(speakers) > 1 else "statement"
            return f"the claim does not follow from {whose} {noun} and the steps before"
    return None


def _people(formula: list[Any]) -> set[Any]:
    if formula[0] == "var":
        return {formula[1]}
    return {who for g in formula[1:] if isinstance(g, list) for who in _people(g)}
