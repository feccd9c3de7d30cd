"""Two short forms chat models give a knights-and-knaves answer in, read as claims of roles:

- a truth value per person in the letters of a truth table, "Will: T, May: F", "Ava = T; Ben = F": a
  knight's statements are true and a knave's false, so T is a knight and F a knave. Read only when the
  whole clause is such pairs, each naming one of the puzzle's people (a numbered verdict, "(2): T" or
  "Statement 2: F", is verdicts.py's, and a pair inside other words is left to the grammar). The words
  and JSON's booleans (`"Ava": true`) are not read: true of what (a knight? a liar?) is not said;
- a count of a role and the people who have it, "There are two knights: Ava and Cal", "Exactly one of
  the three is a knave: Ben", "There is one knave, Ben": the people named have the role and everyone else
  the other one. "Exactly one of them" is not read: "them" may be some of the people (a case about two
  of three), and the others' roles would be claims the writer never made. The count must be said
  exactly ("at least two", "two or more" are not read) and must be the number of people named, each
  named once; any mismatch, or a word that is not one of the puzzle's people, leaves the clause
  unreadable (a reason), never read as the names alone.

Nothing here widens a claim: a clause that does not have one of these shapes whole is left (None) to
the grammar of knights_read.
"""

from __future__ import annotations

import re
from typing import Any

from assay.domains.logic.knights_groups import var

_TRUTH = {"T": True, "F": False}
_PAIR = r"[A-Za-z][A-Za-z'-]*\s*(?::|=)\s*(?-i:T|F)"
_PAIRS = re.compile(rf"{_PAIR}(?:\s*(?:[,;]|\band\b)\s*(?:and\s+)?{_PAIR})*[\s.!]*", re.I)
_ONE_PAIR = re.compile(r"([A-Za-z][A-Za-z'-]*)\s*(?::|=)\s*((?-i:T|F))\b", re.I)

_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NUMBER = r"one|two|three|four|five|six|seven|eight|\d{1,2}"
_COUNT = rf"(?P<count>{_NUMBER})"
_COUNTED = re.compile(
    r"(?:there\s+(?:is|are)\s+(?:exactly\s+|only\s+)?"
    rf"{_COUNT}\s+(?P<role>[\w-]+?)"
    rf"|exactly\s+(?P<count2>{_NUMBER})\s+of\s+(?:the|all)\s+(?P<all>{_NUMBER})"
    r"(?:\s+(?:people|inhabitants|islanders))?\s+(?:is|are)\s+(?:an?\s+)?(?P<role2>[\w-]+?))"
    r"\s*(?::|,|—|–|-)\s*(?P<names>[A-Za-z][A-Za-z'\s,&-]*?)[\s.!]*",
    re.I,
)
_NAME_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*", re.I)


def read(text: str, canonical: dict[str, str], words: dict[str, str], people: list[str]) -> Any:
    """The clause's claims when it is one of the module's shapes whole; a reason when it has the
    shape and cannot be read with certainty; None when it has neither shape."""
    if (":" in text or "=" in text) and _PAIRS.fullmatch(text):
        pairs = _ONE_PAIR.findall(text)
        if any(name.lower() not in canonical for name, _ in pairs):
            return None  # "Statement 2: T", "x = T": not a person's truth value
        if len({canonical[name.lower()] for name, _ in pairs}) != len(pairs):
            return f"a list of truth values that names one person twice: {text[:80]}"
        return [var(canonical[name.lower()], "knight" if _TRUTH[value] else "knave") for name, value in pairs]
    counted = _COUNTED.fullmatch(text)
    if counted is None:
        return None
    count_word = (counted.group("count") or counted.group("count2")).lower()
    role_word = (counted.group("role") or counted.group("role2")).lower()
    role = words.get(role_word)
    if role is None:
        return None  # "There are 3 people: Ava, Ben and Cal": a count of something else
    count = _NUMBERS.get(count_word) or (int(count_word) if count_word.isdigit() else 0)
    names = [n for n in _NAME_SEPARATOR.split(counted.group("names").strip()) if n]
    known = [canonical.get(n.lower()) for n in names]
    everyone = counted.group("all")
    if everyone is not None and _NUMBERS.get(
        everyone.lower(), int(everyone) if everyone.isdigit() else 0
    ) != len(people):
        return f"a count among some of the people, not all: {text[:80]}"
    if not all(known) or len(set(known)) != len(known) or len(known) != count:
        return f"a count of a role and names that do not match it: {text[:80]}"
    if (count == 1) == role_word.endswith("s"):  # "one knights", "two knight": not said with care
        return f"a count of a role and names that do not match it: {text[:80]}"
    other = "knave" if role == "knight" else "knight"
    return [var(p, role if p in known else other) for p in people]
