"""Reading a knights-and-knaves response: one clause of a step as asserted formulas (`read_clause`, see
`read.py`), in the puzzle's role words (`role_words`), and the answer as a role per person
(`parse_answer`). The puzzle itself is in `knights.py`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import (
    answer_entries,
    knights_compound,
    knights_groups,
    knights_judged,
    knights_listed,
    knights_only,
    knights_scope,
    read,
)
from assay.domains.logic.grammar import plain_verbs, words_pattern
from assay.domains.logic.knights import ROLES
from assay.domains.logic.knights_cited import cited as cited
from assay.domains.logic.knights_groups import var as _var
from assay.domains.logic.knights_numbered import numbering as numbering
from assay.domains.logic.speech_words import REPORT_VERB, STATEMENT_NOUN
from assay.text.trigger_words import compile_guarded

# --- reading claims -------------------------------------------------------------------------------------
# A clause is read as a run of assertion units ("Ava is a knight", "Ben and Cal are knaves", "Knights:
# Ava, Ben", "Dan tells the truth", "Eve's statement is false", "neither Ava nor Ben is a knight", "it is
# false that Ava is a knave", "only Ava is a knight") joined by commas, "and", ";". The whole clause must
# be used up: a word the grammar does not account for (a hedge, another negation, a pronoun) makes the
# clause unreadable, never its positive half.

# a statement is true only when its speaker is a knight: a verdict that one holds (`(2): T`) can be false,
# so one the reader cannot read is unknown, never prose (walk_state.assert_verdict)
VERDICTS_MAY_FAIL = True

_TRUTHFUL = (
    r"(?:tells?\s+the\s+truth|is\s+telling\s+the\s+truth|always\s+tells?\s+the\s+truth|"
    r"speaks?\s+(?:the\s+)?truth(?:fully)?|is\s+truthful|is\s+honest|is\s+trustworthy|is\s+not\s+lying|speaks?\s+truly|"
    # past tense: "Ann told the truth", "Ann was right" (after `plain_verbs`, "is right")
    r"told\s+the\s+truth|spoke\s+(?:the\s+)?truth(?:fully)?|spoke\s+truly|is\s+right|is\s+correct)"
)
_LYING = (
    r"(?:lied|lies|lie|is\s+lying|lying|always\s+lies?|is\s+a\s+liar|is\s+dishonest|is\s+untrustworthy|"
    r"is\s+not\s+trustworthy|is\s+not\s+telling\s+the\s+truth|never\s+tells\s+the\s+truth|speaks?\s+falsely|"
    r"spoke\s+falsely|told\s+a\s+lie|told\s+lies|is\s+wrong|is\s+mistaken)"
)
_SEP = re.compile(r"(?:\s*(?:[,;&]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b)\s*)+", re.I)
_TAIL = re.compile(r"[\s.,;:!✓✔✅]*(?:(?:too|as\s+well|both|then|for\s+sure|indeed)[\s.,;:!✓✔✅]*)*$", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|hers|their|theirs|this|that|which|it|who)\b", re.I)
_TRUTH_WORDS = (
    r"(?:truth\w*|honest|lie|lies|lying|liars?|true|false|correct|incorrect|same|different|opposite|"
    r"types?|roles?|match(?:es)?|alike)"
)


def role_words(reference: Mapping[str, Any]) -> dict[str, str]:
    """Every word naming a role, singular and plural, to its role."""
    words = {"knight": "knight", "knave": "knave", "truth-teller": "knight", "truthteller": "knight"}
    words["liar"] = "knave"
    for word, role in zip(reference.get("role_words") or (), ROLES, strict=False):
        words[word.lower()] = role
    return {**words, **{w + "s": r for w, r in words.items()}}


_NAME = r"[A-Za-z][A-Za-z-]*"
# "Lena's biconditional is false": a statement named by its shape, read only when it has that shape
_SHAPES = {
    "biconditional": "iff",
    "conditional": "implies",
    "implication": "implies",
    "if-then statement": "implies",
    "disjunction": "or",
    "or-statement": "or",
    "conjunction": "and",
    "and-statement": "and",
}
_SHAPE_NOUNS = "|".join(
    re.escape(noun).replace(r"\ ", r"\s+") for noun in _SHAPES
)  # any word: which words are people is checked after a match
_STOPWORDS = (
    "the",
    "a",
    "an",
    "and",
    "or",
    "is",
    "not",
    "both",
    "all",
    "only",
    "neither",
    "nor",
    "it",
    "that",
)
_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)", re.I)


def _grammar(roles: tuple[tuple[str, str], ...]) -> dict[str, re.Pattern[str]]:
    """The clause grammar for these role words: compiled with the module for knights and knaves, once
    per other set of role words (names are not part of it, so a new puzzle costs no compilation)."""
    return _DEFAULT_GRAMMAR if roles == _DEFAULT_ROLES else _build_grammar(roles)


@functools.lru_cache(maxsize=16)
def _build_grammar(roles: tuple[tuple[str, str], ...]) -> dict[str, re.Pattern[str]]:
    stop = "|".join(sorted({*_STOPWORDS, *(w for w, _ in roles)}, key=len, reverse=True))
    name = rf"(?!(?:{stop})\b){_NAME}"
    joint = r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)"
    names = rf"(?:both\s+|all\s+of\s+)?(?P<names>{name}(?:{joint}{name})*)"
    role = words_pattern([w for w, _ in roles])
    article = r"(?:an?\s+|the\s+)?"
    aside = rf"(?:\s*\(\s*{article}(?P<role2>{role})\s*\))?"
    not_role = rf"(?:\s*,?\s*(?:and\s+)?not\s+{article}(?P<role3>{role}))?"
    flags = re.I
    return {
        "is": re.compile(
            rf"{names}\s+is\s+(?P<neg>not\s+)?(?P<negneg>not\s+)?(?P<art>an?\s+|the\s+)?(?P<role>{role}){not_role}"
            rf"{aside}",
            flags,
        ),
        "colon": re.compile(
            rf"{names}\s*(?::|=|→|->|=>|–|—|-|\bas\b)\s*{article}(?P<role>{role}){aside}", flags
        ),
        "paren": re.compile(rf"{names}\s*\(\s*{article}(?P<role>{role})\s*\)", flags),
        "group": re.compile(
            rf"(?:the\s+)?(?P<role>{role})\s*(?P<sep>:|=|→|->|\bis\b\s*:?|\bare\b\s*:?|\bwould\s+be\b)\s*{names}",
            flags,
        ),
        "truthful": re.compile(
            rf"{names}\s+(?:(?P<both>both|all)\s+)?(?P<neg>(?:is\s+not|does\s+not|doesn'?t|do\s+not|don'?t|did\s+not|didn'?t|never)\s+)?{_TRUTHFUL}",
            flags,
        ),
        "lying": re.compile(
            rf"{names}\s+(?:(?P<both>both|all)\s+)?(?P<neg>(?:is\s+not|does\s+not|doesn'?t|do\s+not|don'?t|did\s+not|didn'?t|never)\s+)?{_LYING}",
            flags,
        ),
        "statement": re.compile(
            rf"(?P<names>{name})'s?\s+(?:(?:whole|entire|own|full|original)\s+)?"
            rf"(?P<noun>{STATEMENT_NOUN}|{_SHAPE_NOUNS})\s+(?:(?:is|are)\s+)?"
            rf"(?P<neg>not\s+)?"
            rf"(?P<truth>true|false|a\s+lie|correct|incorrect|truthful)",
            flags,
        ),
        "neither": re.compile(
            rf"neither\s+(?P<a>{name})\s+nor\s+(?P<b>{name})\s+is\s+{article}(?P<role>{role})", flags
        ),
        "false_that": re.compile(
            rf"it\s+is\s+(?:false|not\s+true|not\s+the\s+case|untrue|incorrect)\s+that\s+{names}\s+is\s+"
            rf"(?P<neg>not\s+)?{article}(?P<role>{role})",
            flags,
        ),
        # "**Knaves:** none": a group with nobody in it says that no one has the role
        "none": re.compile(
            rf"(?:the\s+)?(?P<role>{role})\s*(?::|=|→|->|\bare\b)\s*(?:none|nobody|no\s*one)(?:\s+of\s+them)?",
            flags,
        ),
        "only": re.compile(rf"only\s+{names}\s+is\s+{article}(?P<role>{role})", flags),
        "the_only": re.compile(rf"{names}\s+is\s+the\s+only\s+(?P<role>{role})", flags),
        "all": re.compile(
            rf"(?P<all>everyone|everybody|all\s+of\s+them|both\s+of\s+them|all\s+\w+\s+of\s+them|all(?:\s+(?!others?\b|the\b|rest\b)\w+)?|both)\s+is\s+{article}(?P<role>{role})",
            flags,
        ),
    }


_DEFAULT_ROLES = tuple(sorted(role_words({}).items()))
_DEFAULT_GRAMMAR = _build_grammar(_DEFAULT_ROLES)
_ROLE_WORD = r"(?:knight|knave|truth-?teller|liar)"
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


@functools.lru_cache(maxsize=256)
def _vocabulary(
    people: tuple[str, ...], given: tuple[str, ...]
) -> tuple[dict[str, str], dict[str, re.Pattern[str]], dict[str, str]]:
    """A puzzle's role words, its grammar and its people by lower-case name: the same for every clause
    of every response to it, so made once per puzzle, not once per clause. Callers must not mutate."""
    words = role_words({"role_words": list(given)})
    return words, _grammar(tuple(sorted(words.items()))), {p.lower(): p for p in people}


_HOLDS = compile_guarded(
    rf"\b((?:{STATEMENT_NOUN}|{_SHAPE_NOUNS}))\s+(holds|fails)(?=[\s.!,;:]*(?:$|[,;:]))", re.I
)
_LABELLED_STATEMENT = re.compile(
    r"^(?:(?-i:S)\s?\d{1,2}|statement\s*#?\s*\d{1,2})\s*\(\s*(?P<who>[A-Za-z][\w-]*)\s*\)\s*[:=—–-]\s*(?P<said>\S.*)$",
    re.I,
)
_ACCORDING = compile_guarded(r"^according\s+to\s+(?P<who>[A-Za-z][\w-]*)\s*,\s*(?P<said>.+)$", re.I)
_ONE_OF_THE = compile_guarded(r"\bis\s+one\s+of\s+the\s+(\w+?)s\b", re.I)
_EITHER = compile_guarded(rf"\beither\s+(?:an?\s+)?{_ROLE_WORD}\s+or\s+(?:an?\s+)?{_ROLE_WORD}\b", re.I)
_UP_TO_EITHER = re.compile(rf"^.*?{_EITHER.pattern}", re.I)
_TO_BE = compile_guarded(r"^([A-Za-z][\w-]*(?:\s+and\s+[A-Za-z][\w-]*)?)\s+to\s+be\s+", re.I)
_MAKES = compile_guarded(
    r"^(?:this|that|which|it)\s+(?:would\s+|is\s+)?(?:makes?|made)\s+(.+?)\s+((?:an?\s+)?\w+)$", re.I
)
# "Finn's statement makes Dan and Eve knaves", "Hal's false statement means Ivy is a knight": what the
# statement's truth (or falsity, said) gives, claimed in the case in force; "false"/"true" is a claim too
_STATEMENT_GIVES = compile_guarded(
    rf"^(?P<who>[A-Za-z][\w-]*)'s\s+(?:(?P<truth>true|false)\s+)?(?:{STATEMENT_NOUN})\s+(?:(?:then|thus|therefore)\s+)?"
    r"(?:(?P<makes>makes?|made)\s+(?P<whom>.+?)\s+(?P<role>(?:an?\s+)?[\w-]+)|(?:means?|implies|gives|forces|"
    r"tells\s+us|shows)\s+"
    r"(?:that\s+)?(?P<rest>.+?))[\s.!]*$",
    re.I,
)
_PLURAL_S = re.compile(r"([A-Za-z][\w-]*)\(s\)")
# what the writer sets out to find, naming nobody: "We need to determine who is a knight and who is a
# knave", "First, figure out which of them lie"
_TASK = compile_guarded(
    r"^(?:(?:so|now|first|next|then|ok(?:ay)?|well)[\s,]+)*(?:(?:we|i|let'?s|let\s+us)\s+)?"
    r"(?:(?:need|have|want|are\s+asked|must\s+try)\s+to\s+|must\s+|should\s+|will\s+|can\s+)?"
    r"(?:determine|find(?:\s+out)?|figure\s+out|work\s+out|identify|decide|deduce|establish)\s+"
    r"(?:who|which)\b[^;:,]*$",
    re.I,
)
_GROUP_WORD = re.compile(
    r"\b(?:everyone|everybody|anyone|someone|nobody|none|no\s+one|all|both|each|only|exactly|others?|rest"
    r"|he|she|they|him|her|them|his|their)\b",
    re.I,
)
_TUPLES = re.compile(r"^\(\s*([^()]+?)\s*\)\s*(?:=|:|→|->|\bis\b)\s*\(\s*([^()]+?)\s*\)[\s.!]*$")
_COLON_REASON = re.compile(r"\s*[:—–]")


def read_clause(reference: Mapping[str, Any], clause: str, quoted: bool = False) -> Any:
    """The clause's claims (see the module's grammar); `quoted`: the words are a speaker's, quoted to be
    judged or restated (the puzzle's inclusive "A or B" is read there)."""
    people: list[str] = reference["people"]
    words, grammar, canonical = _vocabulary(tuple(people), tuple(reference.get("role_words") or ()))
    # (each shape below is tried only when its words are there: `trigger_words.py`)
    text = clause.strip()
    if _TASK.match(text) and not (
        _GROUP_WORD.search(text) or set(re.findall(r"[a-z][\w-]*", text.lower())) & set(canonical)
    ):
        return None  # "We need to determine who is a knight and who is a knave": the task, no claim
    text = _ONE_OF_THE.sub(r"is a \1", text)
    if "(s)" in text:  # "Knight(s): Ava": the plural, as a list heads its group whatever its size
        text = _PLURAL_S.sub(
            lambda m: m.group(1) + "s" if m.group(1).lower() + "s" in words else m.group(0), text
        )
    # "Milo says Rosa is a knave — true", "...: correct", "... ✓": the verdict after a report judges the
    # speaker's statement, as ", which is true" does (never dropped with the report)
    text = _ENDORSED.sub(_endorsed, text)
    judged = knights_judged.read(reference, text, canonical, functools.partial(read_clause, reference))
    if judged is not None:
        return judged if judged != "" else _unreadable(canonical, clause, words)
    labelled = _LABELLED_STATEMENT.match(text)
    if labelled is not None and labelled.group("who").lower() in canonical:
        # "S1 (Ava): Ben is a knave": the statement restated under its label, read as "Ava says ..." (a
        # report, checked against what Ava said)
        text = f"{labelled.group('who')} says {labelled.group('said')}"
    according = _ACCORDING.match(text)
    if according is not None and according.group("who").lower() in canonical:
        # "According to Kai, Mia lies" reports Kai's statement: read as "Kai says Mia lies" (checked
        # against what Kai said, see `knights_compound`)
        text = f"{according.group('who')} says {according.group('said')}"
    if "|" in text:  # a table row: "| Ava | Knight |"
        cells = [cell.strip() for cell in text.strip("| ").split("|")]
        if any(_says_something(cell, canonical, words) for cell in cells[2:]):
            # "| Lena | knave | knight |", "| Lena | Knave | yes |": a further cell about a role or a
            # person is a second claim whose column the row alone does not name (the header does)
            return f"a table row with more than a name and a role: {clause[:80]}"
        text = ":".join(cells[:2] if len(cells) > 2 else cells)
    if _EITHER.search(text):
        # "Ava is either a knight or a knave" says nothing; with anything else in it, it is not read
        rest = _UP_TO_EITHER.sub("", text)
        return None if not rest.strip(" .,;:!") else _unreadable(canonical, clause, words)
    # "That would make Kai a knight" / "which makes Kai and Eve knaves" is "Kai (and Eve) is a knight"
    text = _MAKES.sub(r"\1 is \2", text)
    text = _TO_BE.sub(r"\1 is ", text)  # "(requires) Alice to be a knight"
    gives = _STATEMENT_GIVES.match(text)
    if gives is not None and gives.group("who").lower() in canonical:
        return _statement_gives(reference, gives, clause, canonical, words)
    text = plain_verbs(text)
    # "Zoe's conditional holds", "Mia's claim fails": the statement's truth in a verb
    text = _HOLDS.sub(
        lambda m: f"{m.group(1)} is {'true' if m.group(2).lower() == 'holds' else 'false'}", text
    )
    text = _own_pronouns(text, canonical)
    text = knights_only.rewrite(text)  # "Only Ben lies", "The only knight is Ava": the grammar's "only"
    listed = knights_listed.read(text, canonical, words, people)  # "Will: T, May: F", "two knights: ..."
    if listed is not None:
        return listed
    # a negation or count over several people, with its scope explicit or else unknown (knights_scope)
    scoped = knights_scope.read(text, functools.partial(read_clause, reference), canonical, words)
    if scoped is not None:
        return scoped
    # kinships, judged statements, compounds and counts (chain-of-thought shapes; see knights_compound)
    compound = knights_compound.read(
        reference, text, functools.partial(read_clause, reference), words, quoted
    )
    if compound is not None:
        return compound
    # "(Lena, Sam, Kai) = (knave, knight, knight)": the tuples zipped, as "..., respectively" is
    if "(" in text:
        text = _TUPLES.sub(r"\1 is \2, respectively", text)
    respectively = knights_groups.respectively(text, canonical, words)
    if respectively is not None:
        return respectively
    but = knights_groups.all_but(text, canonical, words)
    if but is not None:
        return but
    formulas: list[Any] = []
    entries: set[str] = set()  # the claims of the list's entries ("Ava is a knight", "Ava: knight") so far
    pos = 0
    while True:
        sep = _SEP.match(text, pos)
        if sep:
            pos = sep.end()
        if _TAIL.match(text, pos):  # at pos, not on a slice: a long clause stays linear
            break
        entry = _unit(grammar, text, pos, canonical, words, people, reference.get("statements") or {})
        unit = None if entry is None else entry[:2]
        if entry is not None and entry[2]:
            # ("Ava is the knave" also makes Ben a knight: only what is said of Ava is its entry)
            said = {str(f) for f in entry[0] if (f[1] if f[0] == "var" else f[1][1]) in entry[2]}
            if entries & said:
                # "Ava is a knight, Ava is a knight, Ben is a knave": a list with a repeated entry is
                # malformed, as "Knights: Ava, Ava" is (`_names`), not a role said again ("Finn is a
                # knight, Finn is not a knave" says it in other words: not a repeated entry)
                return f"a list that repeats an entry: {clause[:80]}"
            entries |= said
        if unit is None and formulas and not _NEGATION.search(text):
            unit = knights_groups.gapped(grammar, text, pos, canonical, words)
        if unit is None and formulas:
            unit = knights_groups.elided(text, pos, formulas[-1], canonical)
        if unit is not None and entry is None:  # "Sam a knave", "so is Zoe": entries of the list too
            said = {str(f) for f in unit[0]}
            if entries & said:
                return f"a list that repeats an entry: {clause[:80]}"
            entries |= said
        others = (
            knights_groups.the_rest(text, pos, formulas, canonical, words, people) if unit is None else None
        )
        if isinstance(others, str):
            return f"{others}: {clause[:80]}"
        if others is not None:
            formulas += others[0]
            pos = others[1]
            continue
        if unit is None:
            if formulas and _COLON_REASON.match(text, pos):
                # "r1c3 = 4: only 4 fits": what follows the colon is a reason, read as a clause of its own
                reason = read_clause(reference, text[pos:].lstrip(" :—–"))
                if isinstance(reason, str):
                    return reason
                return formulas + (reason or [])
            return _unreadable(canonical, clause, words)
        found, pos = unit
        formulas += found
    return formulas or None


_ENDORSED = re.compile(
    rf"^(?P<report>[A-Za-z][\w-]*\s+(?:{REPORT_VERB})\s+[^,;:—–\"]+?)"
    r"(?:\s*(?:[—–:]|\s-)\s*(?P<v>true|false|correct|incorrect|right|wrong|a\s+lie)|\s*(?P<v2>[✓✔✅✗✘❌]))[\s.!]*$",
    re.I,
)
_VERDICT_WORD = {"right": "true", "wrong": "false", "✓": "true", "✔": "true", "✅": "true"}
_VERDICT_WORD |= {"✗": "false", "✘": "false", "❌": "false"}


def _endorsed(match: re.Match[str]) -> str:
    said = re.sub(r"\s+", " ", (match.group("v") or match.group("v2")).lower())
    return f"{match.group('report')}, which is {_VERDICT_WORD.get(said, said)}"


_NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|none|nobody|false|untrue|lie|lies|lying|lied)\b|n't", re.I
)
_HE_SHE = compile_guarded(r"\b(?:he|she|his|her)\b", re.I)


def _own_pronouns(text: str, canonical: dict[str, str]) -> str:
    """'Nora is a knight and her statement is true': a pronoun after the only person a clause names is
    that person (with two names, or a pronoun first, it stays, and the clause is unreadable)."""
    if not _HE_SHE.search(text):
        return text
    hidden = re.sub(r'"[^"]*"', lambda m: " " * len(m.group(0)), text)
    if not _HE_SHE.search(hidden):
        return text
    named = {canonical[w.lower()] for w in re.findall(r"[A-Za-z][\w-]*", hidden) if w.lower() in canonical}
    first = re.search(r"[A-Za-z][\w-]*", hidden)
    if len(named) != 1 or first is None or first.group(0).lower() not in canonical:
        return text
    (who,) = named
    if re.search(r"\b(?:they|them|their|him|it|this|that|which)\b", hidden, re.I):
        return text
    out = re.sub(rf"\b(?:his|her)\b(?=\s+(?:own\s+)?(?:{STATEMENT_NOUN}))", f"{who}'s", text, flags=re.I)
    return re.sub(r"\b(?:he|she)\b", who, out, flags=re.I)


def _statement_gives(
    reference: Mapping[str, Any],
    match: re.Match[str],
    clause: str,
    canonical: dict[str, str],
    words: dict[str, str],
) -> Any:
    """The claims of "X's (false) statement makes/means ...": the consequence, and the statement's truth
    when the writer names it ("Hal's false statement": Hal is a knave)."""
    consequence = (
        f"{match.group('whom')} is {match.group('role')}" if match.group("makes") else match.group("rest")
    )
    consequence = re.sub(
        r"^([A-Za-z][\w-]*)\s+to\s+be\s+", r"\1 is ", consequence
    )  # "forces Finn to be a knave"
    found = read_clause(reference, consequence)
    if not isinstance(found, list):
        return found if isinstance(found, str) else _unreadable(canonical, clause, words)
    truth = (match.group("truth") or "").lower()
    statement = (reference.get("statements") or {}).get(canonical[match.group("who").lower()])
    if not truth and statement is not None:
        # "Milo's claim tells us Rosa is a knight": what the statement gives, when its truth is not
        # named, must follow from the statement itself (Milo said Rosa is not a knight: it does not)
        people = list(reference["people"])
        whole = found[0] if len(found) == 1 else ["and", *found]
        if knights_compound.entails(statement, ["false"], people):
            # "Hana's statement tells us Cleo is a knight", when Hana's statement can never be true: it
            # "gives" anything (ex falso), so it is no reason for this claim or any other
            return f"a consequence drawn from a statement that can never be true: {clause[:80]}"
        if not knights_compound.entails(statement, whole, people):
            return [["false"]]  # a claim about the statement, and a false one
    if truth:
        found = [
            _var(canonical[match.group("who").lower()], "knight" if truth == "true" else "knave"),
            *found,
        ]
    return found


_BOTH_ALL = re.compile(r"^(?:both|all\s+of)\s+", re.I)


def _names(text: str, canonical: dict[str, str]) -> list[str] | None:
    """The people a matched list names, or None if one of its words is nobody in the puzzle, or it names
    someone twice ("Knights: Ava, Ava" is a malformed list, not Ava's role said again)."""
    one = text.strip()
    if one.isalpha():  # one word (the common case): no "both", "all of" or joint in it to cut at
        name = canonical.get(one.lower())
        return None if name is None else [name]
    words = [w for w in _JOINT.split(_BOTH_ALL.sub("", one)) if w]
    if not words or any(w.lower() not in canonical for w in words):
        return None
    named = [canonical[w.lower()] for w in words]
    return named if len(set(named)) == len(named) else None


def _unit(
    grammar: dict[str, re.Pattern[str]],
    text: str,
    pos: int,
    canonical: dict[str, str],
    words: dict[str, str],
    people: list[str],
    statements: Mapping[str, Any],
) -> tuple[list[Any], int, list[str]] | None:
    """The claims of the unit at pos, where it ends, and the people it gives a role as an entry of a
    list (by "is", a colon or brackets; not "Ava's statement is true", which restates a role)."""
    for form in (
        "neither",
        "false_that",
        "none",
        "only",
        "the_only",
        "statement",
        "is",
        "truthful",
        "lying",
        "colon",
        "paren",
        "group",
        "all",
    ):
        m = grammar[form].match(text, pos)
        if m is None:
            continue
        groups = m.groupdict()
        named = _names(groups["names"], canonical) if groups.get("names") else []
        if named is None:
            continue  # "Everyone is a knave" is not about a person called Everyone
        if form == "neither":
            pair = [canonical.get(m.group(k).lower()) for k in ("a", "b")]
            if None in pair:
                continue
            role = words[m.group("role").lower()]
            found = [_var(str(p), role, False) for p in pair]
        elif form in ("truthful", "lying", "statement"):
            if groups.get("both") and groups.get("neg"):
                continue  # "Ben and Cal both do not lie": each does not, or not both? Not read
            role = "knight" if form == "truthful" else "knave"
            if form == "statement":
                role = "knight" if m.group("truth").lower() in ("true", "correct", "truthful") else "knave"
                shape = _SHAPES.get(re.sub(r"\s+", " ", m.group("noun").lower()))
                if shape is not None and not all(
                    isinstance(statements.get(p), list) and statements[p][0] == shape for p in named
                ):
                    continue  # "Ava's conditional" when Ava said no conditional: whose words, unknown
            found = [_var(p, role, not groups.get("neg")) for p in named]
        elif form == "none":
            found = [_var(p, words[m.group("role").lower()], False) for p in people]
        elif form == "all":
            count = m.group("all").lower().split()
            wanted = {"both": 2}.get(count[0]) or next((_COUNTS[w] for w in count if w in _COUNTS), None)
            if wanted is not None and wanted != len(people):
                return None
            role = words[m.group("role").lower()]
            found = [_var(p, role) for p in people]
        else:
            role = words[m.group("role").lower()]
            if form == "false_that":
                # "It is not true that Ava is not a knight": the denial of a denial
                both = [_var(p, role, not groups.get("neg")) for p in named]
                denied: list[Any] = both[0] if len(both) == 1 else ["and", *both]
                found = [denied[1] if denied[0] == "not" else ["not", denied]]
            elif (
                form in ("only", "the_only")
                or form == "group"
                or (
                    form == "is"
                    and not groups.get("neg")
                    and (groups.get("art") or "").lower().startswith("the")
                )
            ):
                # "The knaves are Rose and Kai", "Knaves: Rose, Kai", "Knaves are Rose and Kai", "Rose and
                # Kai are the knaves" list every knave, as "only Rose and Kai are knaves" does: read as the
                # named only, they would let a wrong list pass on its true half
                other = ROLES[1 - ROLES.index(role)]
                found = [_var(p, role if p in named else other) for p in people]
            else:
                positive = not groups.get("neg") or bool(groups.get("negneg"))  # "is not not": is
                found = [_var(p, role, positive) for p in named]
                if groups.get("role2"):  # "Ava is a knight (knight)": the role again, as the verb says it
                    found += [_var(p, words[groups["role2"].lower()], positive) for p in named]
                if groups.get("role3"):
                    # "Ava is a knight, not a knave" and "Ava is not a knight and not a knave": a role denied
                    # whatever the verb before it says (the second is read as the contradiction it is)
                    found += [_var(p, words[groups["role3"].lower()], False) for p in named]
        end = m.end()
        if end < len(text) and (text[end].isalnum() or text[end] in "'-"):
            continue  # the match stopped inside a word
        return found, end, named if form in ("is", "colon", "paren") else []
    return None


_CELL_VALUE = re.compile(r"(?<![\w-])(?:yes|no|y|n|t|f|x|o)(?![\w-])|[✓✔✅☑✗✘❌]", re.I)


def _says_something(cell: str, canonical: dict[str, str], words: dict[str, str]) -> bool:
    """True if a table cell names a person, a role, a truth word or a yes/no mark."""
    found = set(re.findall(r"[a-z][a-z-]*", cell.lower()))
    truth = re.search(rf"\b(?:{_TRUTH_WORDS}|lied|liar|knight|knave)", cell, re.I)
    return bool(found & set(words) or found & set(canonical) or truth or _CELL_VALUE.search(cell))


def _unreadable(canonical: dict[str, str], clause: str, words: dict[str, str]) -> str | None:
    lowered = clause.lower()
    mentioned = {w for w in re.findall(r"[a-z][a-z-]*", lowered)}
    has_value = mentioned & set(words) or re.search(rf"\b{_TRUTH_WORDS}\b", lowered)
    who = mentioned & set(canonical) or _PRONOUN.search(clause)
    if has_value and who:
        return f"a claim about roles that cannot be read with certainty: {clause[:80]}"
    return None


def entry_key(reference: Mapping[str, Any]) -> answer_entries.EntryKey:
    """An answer list's entries are the people (`answer_entries.py`)."""
    return answer_entries.name_key(reference["people"])


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[str, str] | str:
    """Each person's role from the claims asserted in the answer (or, without an answer line, anywhere):
    a negated role is the other role; two roles for one person, or a claim that is not a plain role,
    and there is no answer."""
    roles: dict[str, str] = {}
    for person, said, positive in read.plain_literals(facts):
        role = said if positive else ROLES[1 - ROLES.index(said)]
        if roles.setdefault(person, role) != role:
            return f"the answer gives {person} two roles"
    missing = [p for p in reference["people"] if p not in roles]
    if missing:
        return f"no role given for {', '.join(missing)}"
    return roles
