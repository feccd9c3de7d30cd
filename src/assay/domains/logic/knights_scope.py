"""Knights claims whose negation or count spans several people, read with its scope explicit:

- "Ava and Ben are not both knights", "not both Ava and Ben are knights", "it is false that both Ava
  and Ben are knights", "it is false that Ava and Ben are both knights": not (A and B);
- "it is false that either Ava is a knave or Ben is a knight": not (A or B) ("either" groups the two);
- "at least one of Ava and Ben is a knight": A or B; "at most one of ...": not both (two people) or at
  most one; "exactly one of Ava, Ben and Cal is a knave": exactly one; "neither Ava nor Ben are knights";
- "none of Ben and Cal is a knight": each named one is not;
- "it is false that Ava is a knave and Ben is a knight": the negation may cover the first claim or the
  whole; the two readings differ, so the clause is unknown (a reason), never read as either.

`read` returns None when no shape here matches (the usual grammar reads the clause), formulas when one
matches and its names and role read, or a reason when a shape matches but something in it does not.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from typing import Any

from assay.text.trigger_words import compile_guarded

_NAMES = r"(?P<names>[A-Za-z][\w-]*(?:\s*,\s*[A-Za-z][\w-]*){0,8}\s*,?\s+(?:and|or)\s+[A-Za-z][\w-]*)"
_ROLE = r"(?:an?\s+)?(?P<role>[\w-]+)"
_FALSE_THAT = r"(?:it\s+is\s+|it's\s+)(?:false|not\s+true|not\s+the\s+case|untrue|incorrect)\s+that\s+"
_END = r"[\s.!]*$"
# "Ava and Ben are not both knights", "Ava and Ben aren't both knaves"
_NOT_BOTH_AFTER = re.compile(
    rf"^{_NAMES}\s+(?:are\s+not|aren'?t|is\s+not|isn'?t|cannot\s+be|can'?t\s+be)\s+both\s+{_ROLE}{_END}", re.I
)
# "not both Ava and Ben are knights", "it is false that both Ava and Ben are knights", "it is false that
# Ava and Ben are both knights"
_NOT_BOTH_BEFORE = re.compile(
    rf"^(?:not|{_FALSE_THAT})\s*both\s+{_NAMES}\s+(?:are|is)\s+{_ROLE}{_END}|"
    rf"^{_FALSE_THAT}(?P<names2>[A-Za-z][\w-]*\s+and\s+[A-Za-z][\w-]*)\s+(?:are|is)\s+both\s+(?:an?\s+)?(?P<role2>[\w-]+){_END}",
    re.I,
)
# "it is false that either Ava is a knave or Ben is a knight"
_NOT_EITHER = re.compile(rf"^{_FALSE_THAT}either\s+(?P<a>.+?)\s+or\s+(?P<b>.+?){_END}", re.I)
# "it is false that either Ava or Ben is a knight"
_NOT_EITHER_GROUP = re.compile(
    rf"^{_FALSE_THAT}either\s+(?P<names>[A-Za-z][\w-]*\s+or\s+[A-Za-z][\w-]*)\s+(?:is|are)\s+{_ROLE}{_END}",
    re.I,
)
# "at least one of Ava and Ben is a knight", "exactly one of Ava, Ben and Cal is a knave"
_ONE_OF = re.compile(
    rf"^(?P<how>at\s+least|at\s+most|exactly|precisely|only)\s+one\s+of\s+{_NAMES}\s+(?:is|are)\s+{_ROLE}{_END}",
    re.I,
)
# "neither Ava nor Ben are knights" (the plural the usual grammar does not read)
_NEITHER_ARE = re.compile(
    rf"^neither\s+(?P<a>[A-Za-z][\w-]*)\s+nor\s+(?P<b>[A-Za-z][\w-]*)\s+are\s+{_ROLE}{_END}", re.I
)
# "none of Ben and Cal is a knight", "none of Ava, Ben or Cal are knaves": no one named has the role
_NONE_OF = re.compile(rf"^none\s+of\s+{_NAMES}\s+(?:is|are)\s+{_ROLE}{_END}", re.I)
# a negation that leads a clause with a further claim joined to it: its scope is not certain
_FALSE_THAT_LEAD = re.compile(rf"^{_FALSE_THAT}", re.I)
_JOINED = re.compile(r"(?:,|;|\band\b|\bor\b|\bbut\b)", re.I)
_TRIGGER = compile_guarded(
    r"\b(?:both|either|one\s+of|neither|none|false|true|case|untrue|incorrect)\b", re.I
)


def read(text: str, reader: Any, canonical: Mapping[str, str], words: Mapping[str, str]) -> Any:
    """The clause's formulas (see the module), None when no shape here matches, or a reason."""
    if not _TRIGGER.search(text):
        return None
    text = text.strip()
    for pattern in (_NOT_BOTH_AFTER, _NOT_BOTH_BEFORE):
        match = pattern.match(text)
        if match is not None:
            names = match.group("names") if match.group("names") else match.group("names2")
            role = match.group("role") or match.group("role2")
            found = _literals(names, role, canonical, words)
            if found is None or len(found) < 2 or " or " in names.lower():
                return f"a negated group that cannot be read: {text[:80]}"
            return [["not", ["and", *found]]]
    group = _NOT_EITHER_GROUP.match(text)
    if group is not None:
        found = _literals(group.group("names"), group.group("role"), canonical, words)
        if found is None or len(found) < 2:
            return f"a negated disjunction that cannot be read: {text[:80]}"
        return [["not", ["or", *found]]]
    either = _NOT_EITHER.match(text)
    if either is not None:
        parts = [reader(either.group(k)) for k in ("a", "b")]
        if not all(isinstance(p, list) and len(p) == 1 for p in parts):
            return f"a negated disjunction whose parts cannot be read: {text[:80]}"
        return [["not", ["or", parts[0][0], parts[1][0]]]]
    one = _ONE_OF.match(text)
    if one is not None:
        found = _literals(one.group("names"), one.group("role"), canonical, words)
        if found is None or len(found) < 2:
            return f"a count over named people that cannot be read: {text[:80]}"
        return [_one_of(re.sub(r"\s+", " ", one.group("how").lower()), found)]
    none = _NONE_OF.match(text)
    if none is not None:
        found = _literals(none.group("names"), none.group("role"), canonical, words)
        if found is None or len(found) < 2:
            return f"a negated group that cannot be read: {text[:80]}"
        return [["not", f] for f in found]
    neither = _NEITHER_ARE.match(text)
    if neither is not None:
        found = _literals(
            f"{neither.group('a')} and {neither.group('b')}", neither.group("role"), canonical, words
        )
        if found is None:
            return f"a negated group that cannot be read: {text[:80]}"
        return [["not", f] for f in found]
    lead = _FALSE_THAT_LEAD.match(text)
    if lead is not None and _JOINED.search(text, lead.end()):
        # "It is false that Ava is a knave and Ben is a knight": not (A and B), or (not A) and B?
        return f"a negation whose scope is not certain: {text[:80]}"
    return None


def _literals(
    names: str, role: str, canonical: Mapping[str, str], words: Mapping[str, str]
) -> list[Any] | None:
    """One role claim per person named, or None if a name is nobody in the puzzle or the role no role."""
    said = words.get(role.lower())
    people = [w for w in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", names.strip()) if w]
    if said is None or not people or any(p.lower() not in canonical for p in people):
        return None
    if len({p.lower() for p in people}) != len(people):
        return None
    return [["var", canonical[p.lower()], said] for p in people]


def _one_of(how: str, found: list[Any]) -> Any:
    if how == "at least":
        return ["or", *found]
    pairs = [["not", ["and", a, b]] for a, b in itertools.combinations(found, 2)]
    at_most = pairs[0] if len(pairs) == 1 else ["and", *pairs]
    if how == "at most":
        return at_most
    return ["and", ["or", *found], at_most]  # exactly one (also "only one of ... is")
