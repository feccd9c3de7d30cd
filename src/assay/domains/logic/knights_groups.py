"""Knights-and-knaves clauses about several people at once, read by `knights_read.read_clause`: a verb
left out ("Sam is a knave and Lena a knave"), a role copied ("Kai is a knave and so is Zoe", "... but Lena
is not"), lists zipped ("Finn, Hana and Quinn are knight, knave and knave, respectively") and an exception
("Everyone but Lena is a knight"). Each reads only what it is sure of, else None or a reason.
"""

from __future__ import annotations

import re
from typing import Any

from assay.text.trigger_words import compile_guarded


def var(person: str, role: str, positive: bool = True) -> list[Any]:
    formula = ["var", person, role]
    return formula if positive else ["not", formula]


_GAPPED_ROLE = re.compile(r"\s+(?:an?\s+)?(?P<role>[a-z-]+)", re.I)


def gapped(
    grammar: dict[str, re.Pattern[str]], text: str, pos: int, canonical: dict[str, str], words: dict[str, str]
) -> tuple[list[Any], int] | None:
    """'Sam is a knave and Lena a knave': after a claim, a name and a role with the verb left out say
    the same verb again. Only in a clause with no negation (after "Sam is not a knave and Lena a knight"
    the verb left out could be either) and only for a person and a role word, nothing else."""
    name = re.compile(r"[A-Za-z][A-Za-z-]*").match(text, pos)
    if name is None or name.group(0).lower() not in canonical:
        return None
    role = _GAPPED_ROLE.match(text, name.end())
    if role is None or role.group("role").lower() not in words:
        return None
    end = role.end()
    if end < len(text) and (text[end].isalnum() or text[end] in "'-"):
        return None
    return [var(canonical[name.group(0).lower()], words[role.group("role").lower()])], end


# "Kai is a knave and so is Zoe", "Kai is a knight but Lena is not", "Sam is a knight and Kai is too":
# the role of the claim just before, for more people (its negation after "is not"); the verbs are plain
# by now ("Ben and Cal are not" reads "Ben and Cal is not", `grammar.plain_verbs`)
_ELIDED_NAMES = r"[A-Za-z][\w-]*(?:\s*,\s*(?:and\s+)?[A-Za-z][\w-]*|\s+and\s+[A-Za-z][\w-]*)*"
_ELIDED = re.compile(
    rf"(?:so\s+(?:is|was|does|must)(?:\s+be)?\s+(?P<so>{_ELIDED_NAMES})|(?P<who>{_ELIDED_NAMES})\s+(?:is|are)"
    r"(?P<neg>\s+not|n['’]t)?(?:\s+(?:too|also|as\s+well))?|"
    # "Rosa is a knight, and Dan too", "..., as is Dan", "...; likewise Dan", "..., just like Dan"
    r"(?:as\s+(?:is|was)|likewise|(?:just\s+)?like|same\s+(?:as|for))\s+(?P<like>[A-Za-z][\w-]*)|"
    rf"(?P<too>{_ELIDED_NAMES})\s+(?:too|as\s+well|also))(?=[\s.,;!]*$|\s*[,;]|\s+(?:and|but)\b)",
    re.I,
)
_ELIDED_JOINT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)


def elided(text: str, pos: int, last: Any, canonical: dict[str, str]) -> tuple[list[Any], int] | None:
    """A person with the verb's role left out, after a claim of one plain role ("Kai is a knave and so is
    Zoe"): only after a positive literal, and "X is not" only when the clause before said a role."""
    m = _ELIDED.match(text, pos)
    if m is None:
        return None
    said = _ELIDED_JOINT.split(m.group("so") or m.group("who") or m.group("like") or m.group("too"))
    if any(name.lower() not in canonical for name in said):
        return None
    named = [canonical[name.lower()] for name in said]
    if len(set(named)) != len(named):
        return None  # "Ben and Ben are not": a malformed list
    if last[0] == "not" and last[1][0] == "var":
        # "Neither Alice nor Cara is a knave, but Bob is": after a denial, "but X is" has the role
        if not m.group("who") or m.group("neg") or not re.search(r"\bbut\s*$", text[:pos], re.I):
            return None
        return [var(who, last[1][2]) for who in named], m.end()
    if last[0] != "var":
        return None
    return [var(who, last[2], not m.group("neg")) for who in named], m.end()


_RESPECTIVELY = compile_guarded(r"^(?P<who>.+?)\s+is\s+(?P<roles>.+?)\s*,?\s+respectively[\s.!]*$", re.I)


def respectively(text: str, canonical: dict[str, str], words: dict[str, str]) -> Any:
    """'Finn, Hana and Quinn are knight, knave and knave, respectively': the lists zipped in order; lists
    of different lengths, or a word that is not a name or a role, and the clause is unreadable."""
    m = _RESPECTIVELY.match(text)
    if m is None:
        return None
    split = r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*"
    who = re.split(split, m.group("who").strip())
    roles = [re.sub(r"^(?:an?|the)\s+", "", r, flags=re.I) for r in re.split(split, m.group("roles").strip())]
    if len(who) != len(roles) or len(who) < 2:
        return f"a 'respectively' whose lists do not match: {text[:80]}"
    if any(w.lower() not in canonical for w in who) or any(r.lower() not in words for r in roles):
        return f"a 'respectively' that names something else: {text[:80]}"
    if len({canonical[w.lower()] for w in who}) != len(who):
        return f"a 'respectively' that names one person twice: {text[:80]}"
    return [var(canonical[w.lower()], words[r.lower()]) for w, r in zip(who, roles, strict=True)]


_ALL_BUT = compile_guarded(
    r"^(?:everyone|everybody|all(?:\s+of\s+them)?)\s+(?:but|except(?:\s+for)?|other\s+than|apart\s+from|save)\s+"
    r"(?P<who>.+?)\s+is\s+(?:an?\s+)?(?P<role>[\w-]+)[\s.!]*$",
    re.I,
)


def all_but(text: str, canonical: dict[str, str], words: dict[str, str]) -> Any:
    """'Everyone but Lena is a knight': every other person has the role and the named ones do not (the
    exception is what "but" says); a word that is not a person or a role, and the clause is unreadable."""
    m = _ALL_BUT.match(text)
    if m is None:
        return None
    who = re.split(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*", m.group("who").strip())
    role = words.get(m.group("role").lower())
    if role is None or any(w.lower() not in canonical for w in who):
        return f"an 'all but' that names something else: {text[:80]}"
    named = {canonical[w.lower()] for w in who}
    if len(named) == len(canonical):
        return f"an 'all but' that leaves nobody: {text[:80]}"
    return [var(p, role, p not in named) for p in canonical.values()]


_NOBODY_ELSE = re.compile(
    r"(?:nobody|no\s*one|none\s+of\s+the\s+others)(?:\s+else)?\s+(?:is|are)(?:\s+(?:an?\s+)?(?P<role>[\w-]+))?"
    r"(?=[\s.,;!]*$)",
    re.I,
)
_ELSE = re.compile(
    r"(?:everyone|everybody|all\s+(?:the\s+)?others|the\s+others|the\s+rest|all\s+the\s+rest|"
    r"each\s+of\s+the\s+others|(?:both\s+of\s+|all\s+)?the\s+other\s+(?P<count>two|three|four|five|six|seven"
    r"|eight|\d{1,2}))(?:\s+else)?\s+(?:is|are)\s+(?:both\s+|all\s+)?(?:an?\s+|the\s+)?(?P<role>[\w-]+)",
    re.I,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def the_rest(
    text: str,
    pos: int,
    formulas: list[Any],
    canonical: dict[str, str],
    words: dict[str, str],
    people: list[str],
) -> tuple[list[Any], int] | str | None:
    """ "Otto is a knight, everyone else is a knave" and "Jade and Otto are knights, nobody else is": the
    people the clause has not named yet, with the role said (or, after "nobody else is", without the
    role of the claim just before); None when the clause does not go on that way here, a reason when
    whom or which role it means cannot be told."""
    named = {canonical[w.lower()] for w in re.findall(r"[A-Za-z-]+", text[:pos]) if w.lower() in canonical}
    nobody = _NOBODY_ELSE.match(text, pos)
    if nobody is not None:
        said = (nobody.group("role") or "").lower()
        last = formulas[-1] if formulas else None
        role = words.get(said) if said else (last[2] if last is not None and last[0] == "var" else None)
        if not named or role is None:
            return "'nobody else' whose role or people cannot be told"
        return [var(p, role, False) for p in people if p not in named], nobody.end()
    others = _ELSE.match(text, pos)
    if others is None or others.group("role").lower() not in words:
        return None
    if not named:
        return "'everyone else' without anyone named before it"
    rest = [p for p in people if p not in named]
    count = others.group("count")
    if count is not None and _COUNTS.get(count.lower(), int(count) if count.isdigit() else 0) != len(rest):
        return f"'the other {count}' when {len(rest)} are not named"  # "the other two" of four others
    return [var(p, words[others.group("role").lower()]) for p in rest], others.end()
