"""Knights-and-knaves clauses that weigh a statement quoted or reported beside a claim, the way chain-of-
thought checks its work: 'Faith's statement "Will is a knave" is false: Faith is a knave' (a judged
statement, then what it gives), "Bill, who says Grace is a knight, is lying" (a report inside a claim),
'- Kai (knight): "Mia is a knave" → true ✓' (a verification row: a role and the quoted words' value),
'"Ava is a knave" is true' (quoted words judged), and "Will's statement is a tautology" (true whatever
the roles, checked by its truth table).

`read` returns None when no shape here matches (the caller reads the clause its usual way), the claims
when one matches and every part reads, a reason when a part cannot be read, or "" when the parts read as
prose (the caller says why the clause is unreadable).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from assay.domains.logic import knights_compound
from assay.domains.logic.speech_words import REPORT_VERB

Reader = Callable[..., Any]  # read_clause for the puzzle: (clause, quoted=False)


def read(reference: Mapping[str, Any], text: str, canonical: Mapping[str, str], reader: Reader) -> Any:
    halves = _halves(text)
    if halves is not None:
        # 'Faith's statement "Will is a knave" is false: Faith is a knave': a claim, then what it gives
        parts = [reader(half) for half in halves]
        if all(isinstance(part, list) for part in parts):
            return [f for part in parts for f in part]
    relative = _RELATIVE_REPORT.match(text)
    if relative is not None and relative.group("who").lower() in canonical:
        # "Bill, who says Grace is a knight, is lying": the report and the claim, each read whole
        who = relative.group("who")
        parts = [
            reader(f"{who} {relative.group('says')}"),
            reader(f"{who} {relative.group('rest')}"),
        ]
        if all(isinstance(part, list) for part in parts):
            return [f for part in parts for f in part]
        return next((part for part in parts if isinstance(part, str)), "")
    checked = _CHECK_ROW.match(text)
    if checked is not None and checked.group("who").lower() in canonical:
        # '- Kai (knight): "Mia is a knave" → true ✓': a role and the quoted words' value, both claims
        role = reader(f"{checked.group('who')} is a {checked.group('role')}")
        value = reader(f'"{checked.group("said")}" is {checked.group("truth")}')
        if isinstance(role, list) and isinstance(value, list):
            return role + value
        return next((r for r in (role, value) if isinstance(r, str)), "")
    judged = _QUOTE_JUDGED.match(text)
    if judged is not None:
        # '"Ava is a knave" is true': the quoted words, read as a claim (or their negation)
        said = reader(judged.group("said"), quoted=True)
        if not isinstance(said, list):
            return said if isinstance(said, str) else ""
        whole = said[0] if len(said) == 1 else ["and", *said]
        false = judged.group("truth").lower() in ("false", "a lie", "incorrect")
        return [["not", whole] if false != bool(judged.group("neg")) else whole]
    part = _PART_JUDGED.match(text)
    if part is not None and part.group("who").lower() in canonical:
        return _part_judged(reference, canonical[part.group("who").lower()], part, text, reader)
    valid = _ALWAYS_TRUE.match(text)
    if valid is not None and valid.group("who").lower() in canonical:
        return _always_true(reference, canonical[valid.group("who").lower()], valid, text, reader)
    return None


_CHECK_ROW = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*)\s*\(\s*(?:an?\s+)?(?P<role>[\w-]+)\s*\)\s*:\s*(?:says\s+)?\"(?P<said>[^\"]+)\"\s*"
    r"(?:→|->|=>|:|—|–|-|is|=)\s*(?P<truth>true|false)\b[\s✓✔✅.!]*$",
    re.I,
)
_QUOTE_JUDGED = re.compile(
    r"^\"(?P<said>[^\"]+)\"\s+(?:is|are)\s+(?P<neg>not\s+)?(?P<truth>true|false|a\s+lie|correct|incorrect)[\s.!]*$",
    re.I,
)


def _halves(text: str) -> tuple[str, str] | None:
    """The text cut at its one colon outside quotes, when a quotation stands before it (a judged or
    restated statement, then a claim); None otherwise ("Knights: Ava" is one claim)."""
    if '"' not in text:  # no quotation (most clauses): nothing to cut at
        return None
    hidden = re.sub(r'"[^"]*"', lambda m: "_" * len(m.group(0)), text)
    if hidden.count(": ") != 1 or '"' not in text[: hidden.index(": ")]:
        return None
    at = hidden.index(": ")
    return text[:at], text[at + 2 :]


_RELATIVE_REPORT = re.compile(
    rf"^(?P<who>[A-Za-z][\w-]*)\s*,\s*who\s+(?P<says>(?:{REPORT_VERB})\s+[^,]+?)\s*,\s*"
    r"(?P<rest>.+)$",
    re.I,
)
# "Will's statement is a tautology", 'Will's statement, "...", is always true': true whatever the roles
_ALWAYS_TRUE = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*)'s?\s+(?:statement|claim|assertion|words?)\s*(?:,?\s*\(?\s*\"(?P<said>[^\"]+)\"\s*\)?\s*,?)?\s*"
    # "Hana's statement can never be true": false whatever the roles
    r"(?:(?P<cannot>can\s+never\s+be\s+true|cannot\s+(?:ever\s+)?be\s+true|can'?t\s+(?:ever\s+)?be\s+true)|"
    r"(?:is|are)\s+(?:(?:a\s+)?tautology|(?:always|trivially|necessarily)\s+true|true\s+no\s+matter\s+what|"
    # "Hana's statement is a contradiction": false whatever the roles, so its speaker is a knave
    r"(?P<never>(?:a\s+)?(?:self-)?contradiction|self-contradictory|(?:always|necessarily)\s+false|never\s+true)))"
    r"(?:\s*,?\s*(?:so|hence|thus|therefore)\s+(?:it\s+is\s+)?true)?[\s.!]*$",
    re.I,
)


def _always_true(
    reference: Mapping[str, Any], who: str, match: re.Match[str], clause: str, reader: Reader
) -> Any:
    """A statement said to be true whatever the roles: the speaker is a knight when it is (checked by
    its truth table, and a quoted version must say the same), else the claim is false; one said to be
    false whatever the roles ("a contradiction"): the speaker is a knave when it is."""
    statement = reference["statements"].get(who)
    if statement is None:
        return f"a statement judged that is nobody's: {clause[:80]}"
    people = list(reference["people"])
    if match.group("said"):
        said = reader(match.group("said"), quoted=True)
        if not isinstance(said, list) or not knights_compound.equivalent(
            said[0] if len(said) == 1 else ["and", *said], statement, people
        ):
            return f"a statement judged in words that are not the speaker's: {clause[:80]}"
    never = bool(match.group("never") or match.group("cannot"))
    if not knights_compound.equivalent(statement, ["false" if never else "true"], people):
        return [["false"]]
    return [["var", who, "knave" if never else "knight"]]


# "Rosa's conditional has a false premise", "Cleo's statement is a conditional whose condition (Hana is a
# knight) is false": one side of the speaker's conditional, and its value
_IF_PART = r"(?:premise|antecedent|condition|hypothesis|if[\s-]part)"
_THEN_PART = r"(?:conclusion|consequent|then[\s-]part)"
_PART_JUDGED = re.compile(
    r"^(?P<who>[A-Za-z][\w-]*)'s?\s+(?:statement|claim|conditional|implication|if-then(?:\s+statement)?)\s+"
    r"(?:has\s+an?\s+(?P<truth>true|false)\s+(?P<part>(?P<if>" + _IF_PART + r")|" + _THEN_PART + r")|"
    r"is\s+an?\s+(?:conditional|implication|if-then\s+statement)\s+whose\s+"
    r"(?P<part2>(?P<if2>" + _IF_PART + r")|" + _THEN_PART + r")"
    r"(?:\s*\(\s*\"?(?P<said>[^()\"]+?)\"?\s*\))?\s+is\s+(?P<truth2>true|false))[\s.!]*$",
    re.I,
)


def _part_judged(
    reference: Mapping[str, Any], who: str, match: re.Match[str], clause: str, reader: Reader
) -> Any:
    """One side of a conditional statement said true or false: that side (or its negation), a claim
    about the roles; a statement that is no conditional makes the claim false, and a side quoted in
    brackets must say what that side says."""
    statement = reference["statements"].get(who)
    if statement is None:
        return f"a statement judged that is nobody's: {clause[:80]}"
    if statement[0] != "implies":
        return [["false"]]
    side = statement[1] if (match.group("if") or match.group("if2")) else statement[2]
    if match.group("said"):
        said = reader(match.group("said"), quoted=True)
        people = list(reference["people"])
        if not isinstance(said, list) or not knights_compound.equivalent(
            said[0] if len(said) == 1 else ["and", *said], side, people
        ):
            return f"a side of a conditional quoted in words that are not the speaker's: {clause[:80]}"
    truth = (match.group("truth") or match.group("truth2")).lower()
    return [side if truth == "true" else ["not", side]]
