"""Reading a zebra response's steps: the puzzle's values and house numbers in text, and one clause of
a step as asserted formulas (`read_clause`, see `read.py`).

The words are shared with the answer reader (`zebra_answer.py`): `vocabulary` and `tokenise` find the
puzzle's values in a line, `house_number` its house numbers, and `HOUSE_LINE` a "House 2: red, dog" line.
The puzzle itself is in `zebra.py`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import grammar, guard, read, zebra_neighbours, zebra_neither, zebra_shapes
from assay.domains.logic.zebra import Value, validate

# --- the puzzle's words, and reading claims --------------------------------------------------------------
# Values are matched as whole phrases, case-insensitively, with "_", "-" and spaces alike ("blue_master" is
# "Blue Master"). Answers: "House 2: red, Brit, dog" lines, markdown or grid tables (a row per house with a
# House column, or a row per attribute under House 1..n headers), and plain claims ("The Brit lives in
# house 1", "House 2 is red"). A value in two houses, two values of one attribute in a house, or a house
# outside 1..n, and there is no answer. Claims: house positions (also negated), and same-house sentences
# ("The Brit lives in the red house", "The Swede keeps the dog") read as a same-house formula.

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
}  # fmt: skip
_NOUN = r"(?:\s+(?:house|home|person|owner|drinker|lover|keeper|man|woman|one|fan|player|smoker|guy|people))?"


def norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.lower()).strip()


@functools.lru_cache(maxsize=64)
def vocabulary(attributes_json: str) -> tuple[dict[str, Value], re.Pattern[str], re.Pattern[str]]:
    """Each value by its folded name, and the patterns finding value and attribute names in text (one
    compilation per puzzle; the grammar itself never depends on the puzzle)."""
    attributes = json.loads(attributes_json)
    names = {norm(v): (a, v) for a, values in attributes.items() for v in values}
    phrases = sorted(names, key=len, reverse=True)
    alternation = "|".join(r"[\s_\-]+".join(re.escape(w) for w in p.split(" ")) for p in phrases)
    labels = "|".join(re.escape(a) for a in sorted(attributes, key=len, reverse=True))
    return (
        names,
        re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.I),
        re.compile(rf"(?<![\w-])(?:{labels})s?(?![\w-])", re.I),
    )


# Nationality nouns and their adjectives ("the Danish man" is the Dane); only these, not a guess.
_DEMONYMS = {
    "dane": "danish", "swede": "swedish", "spaniard": "spanish", "brit": "british", "englishman": "english",
    "finn": "finnish", "pole": "polish", "turk": "turkish", "scot": "scottish", "dutchman": "dutch",
    "frenchman": "french", "irishman": "irish", "welshman": "welsh", "swiss": "swiss",
}  # fmt: skip
# The person of an activity whose name does not end in -ing ("the poet" does poetry)
_AGENTS = {
    "poetry": ("poet", "poets"), "photography": ("photographer", "photographers"),
    "astronomy": ("astronomer", "astronomers"), "pottery": ("potter", "potters"),
    "carpentry": ("carpenter", "carpenters"), "chess": ("chess player", "chess players"),
}  # fmt: skip
_ACTIVITY = re.compile(r"^(?:hobby|hobbies|sport|sports|activity|activities|game|games|pastime)$", re.I)


@functools.lru_cache(maxsize=64)
def _inflections(attributes_json: str) -> tuple[dict[str, tuple[Value, bool]], re.Pattern[str] | None]:
    """Other words for a value, each with whether it is a verb: the verb and the agent noun of an
    activity ("paints", "painter" for painting; "golfs", "golfer" for golf) and the adjective of a
    nationality ("Danish" for Dane). A verb reads as "enjoys <value>": "The Dane paints" is "The Dane
    enjoys painting". Past forms are not among them ("the house is painted red" is about a color)."""
    attributes = json.loads(attributes_json)
    words: dict[str, tuple[Value, bool]] = {}
    for attribute, values in attributes.items():
        for value in values:
            low = norm(str(value))
            if " " in low:
                continue
            key = (str(attribute), value)
            if low.endswith("ing") and len(low) > 5:
                for base in (low[:-3], low[:-3] + "e"):  # paint-ing, hik(e)-ing
                    words.update({base + end: (key, True) for end in ("", "s", "es")})
                    words.update({base + end: (key, False) for end in ("r", "rs", "er", "ers")})
            elif _ACTIVITY.match(str(attribute)):
                words.update({low + "s": (key, True), low + "er": (key, False), low + "ers": (key, False)})
            if low in _DEMONYMS:
                words[_DEMONYMS[low]] = (key, False)
            for agent in _AGENTS.get(low, ()):
                words[agent] = (key, False)
    names = {norm(str(v)) for values in attributes.values() for v in values}
    words = {w: v for w, v in words.items() if w not in names}  # a value's own name is never an alias
    if not words:
        return words, None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w'-])", re.I)


def tokenise(reference: Mapping[str, Any], text: str) -> tuple[str, list[Value]]:
    """The text with each value name replaced by a numbered token and each attribute name by a mark,
    and the values in token order."""
    attributes_json = json.dumps(reference["attributes"], sort_keys=True)
    names, values, labels = vocabulary(attributes_json)
    aliases, inflected = _inflections(attributes_json)
    found: list[Value] = []

    def token(m: re.Match[str]) -> str:
        found.append(names[norm(m.group(0))])
        return f"\ue010{len(found) - 1}\ue011"

    def alias(m: re.Match[str]) -> str:
        value, verb = aliases[m.group(0).lower()]
        found.append(value)
        return ("enjoys " if verb else "") + f"\ue010{len(found) - 1}\ue011"

    def label(m: re.Match[str]) -> str:
        labelled = _LABELLED.match(m.string, m.end())
        attribute = norm(str(found[int(labelled.group(1))][0])) if labelled is not None else None
        if attribute is not None and norm(m.group(0)) not in (attribute, attribute + "s"):
            return MISLABELLED
        return "\ue012"

    if inflected is not None:
        text = inflected.sub(alias, text)
    return labels.sub(label, values.sub(token, text)), found


# An attribute's name right before a value labels it ("drink: tea", "pet = dog", "drinks tea"); a label
# naming another attribute ("drink: dog", as a table or JSON with its keys swapped renders) is no mark
# any grammar reads, so its clause is unknown rather than read as if the label were not there.
_LABELLED = re.compile(r"\s*[:=]?\s*\ue010(\d+)\ue011")
MISLABELLED = "\ue013"


def _house(n: int, text: str) -> int | None:
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    if text in _ORDINALS:
        return _ORDINALS[text]
    m = re.fullmatch(r"(\d)(?:st|nd|rd|th)", text)
    if m:
        return int(m.group(1))
    return {"leftmost": 1, "rightmost": n, "last": n}.get(
        text, (n + 1) // 2 if text == "middle" and n % 2 else None
    )


def house_number(n: int, text: str) -> int | None:
    """'3', 'third', '3rd', 'leftmost', 'middle' as a house number (None if it names none)."""
    return _house(n, text)


_NEXT_HOUSE = re.compile(r"\s*;\s*(?=house\s*#?\s*\d+\s*(?:\([^()]*\))?\s*[:\-–—=])", re.I)


def house_segments(line: str) -> list[str]:
    """'House 1: green, painting; House 2: red, hiking' as one line per house (a line as it is when it
    holds one house)."""
    return [segment for segment in _NEXT_HOUSE.split(line) if segment.strip()]


def values_only(reference: Mapping[str, Any], line: str) -> bool:
    """True if line is 'House k: v1, v2, ...' with every item one value of the puzzle."""
    return bool(HOUSE_LINE.match(read.clean(line))) and isinstance(
        read_clause(reference, read.clean(line)), list
    )


_HOUSE = (
    r"(?:the\s+)?(?:house\s*(?:#|no\.?|number)?\s*(?P<{g}>\d|one|two|three|four|five|six|seven|eight)|"
    r"(?P<{g}o>\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|leftmost|rightmost|"
    r"middle|last)\s+house)"
)
_SAME_VERB = (
    r"(?:has|have|owns?|keeps?|drinks?|likes?|loves?|plays?|prefers?|enjoys?|smokes?|eats?|is|"
    r"lives?\s+in|lives?\s+with|is\s+in|is\s+with|goes\s+with|go\s+with|with|in)"
)


# "is not" right before a value: the verb "is" denied (the grammar's "not" before a verb denies the verb)
_IS_NOT = r"(?P<isnot>is\s+not\s+)(?=(?:the\s+|a\s+|an\s+)?(?:\ue012\s+)?\ue010)"
_A = rf"(?:the\s+)?(?:\ue012\s+)?\ue010(?P<a>\d+)\ue011{_NOUN}"  # "the pet dog", "the Brit"
_B = rf"(?:the\s+|a\s+|an\s+)?(?:\ue012\s+)?\ue010(?P<b>\d+)\ue011{_NOUN}"
TOKEN = re.compile(r"\ue010(\d+)\ue011")
HOUSE_LINE = re.compile(r"^\W*house\s*#?\s*(\d+)\s*(?:\([^()]*\))?\s*[:\-–—|=]\s*(.*)$", re.I)
_GRAMMAR = {
    # chain-of-thought shorthand: "German in 2", "piano 3", "hiking not 2", "piano in 1 or 3", "red is
    # not 2 or 3" (a list after "not" is none of them; a list without it, one of them)
    "terse": re.compile(
        rf"{_A}\s+(?:is\s+)?(?P<neg>not\s+)?(?:(?:in|at)\s+)?(?:house\s*)?(?P<hs>\d(?:\s*(?:,\s*|\bor\b\s*|/\s*)\d)*)"
        rf"(?![\d.]*\d)",
        re.I,
    ),
    "value_in": re.compile(
        rf"{_A}\s+(?:is|lives|lived|resides|stays|sits|stands|goes|belongs)\s+(?P<neg>not\s+)?(?:(?:in|at)\s+)?"
        rf"{_HOUSE.format(g='h')}",
        re.I,
    ),
    # "..., and the Swede in the first house": the verb of the clause before, left out
    "value_at": re.compile(rf"{_A}\s+(?:in|at)\s+{_HOUSE.format(g='h')}", re.I),
    "value_colon": re.compile(rf"{_A}\s*(?:=|:|→|->)\s*(?:house\s*)?(?P<h>\d)", re.I),
    "house_is": re.compile(
        rf"{_HOUSE.format(g='h')}(?:'s)?\s*(?:\ue012\s*)?(?:=|:|is\s+(?:taken|occupied|owned)\s+by|goes\s+to|is|has|"
        rf"contains|holds|belongs\s+to)\s*"
        rf"(?P<neg>not\s+)?{_B}",
        re.I,
    ),
    "house_neq": re.compile(rf"{_HOUSE.format(g='h')}(?:'s)?\s*(?:\ue012\s*)?≠\s*{_B}", re.I),
    "same_house": re.compile(
        rf"{_A}\s+(?:is|lives)\s+(?P<neg>not\s+)?in\s+the\s+same\s+house\s+as\s+{_B}", re.I
    ),
    "other_house": re.compile(
        rf"{_A}\s+(?:is|lives)\s+in\s+(?:a\s+)?(?:different|another)\s+house\s+(?:from|than|to)\s+{_B}", re.I
    ),
    "relation": re.compile(
        rf"{_A}\s+(?:(?:is|lives)\s+)?(?P<neg>not\s+)?(?P<rel>(?:directly|immediately|just)\s+(?:to\s+the\s+)?"
        rf"(?:left|right)|somewhere\s+(?:to\s+the\s+)?(?:left|right)|(?:right\s+)?next\s+to|beside|adjacent\s+to|"
        # "the Dane is (to the) left of the Swede": anywhere to the left, as the words say; a writer who
        # means "directly" claims more, and this weaker claim is true whenever that one is
        rf"(?:to\s+the\s+)?(?:left|right)(?=\s+of\b))"
        rf"(?:\s+of)?\s+{_B}",
        re.I,
    ),
    "same": re.compile(
        # "The Dane drinks tea": the verb is the attribute's name, already a mark before the value;
        # "The Swede is not the doctor": "is not" is the verb itself, denied (`_IS_NOT`)
        rf"{_A}\s+(?:{_IS_NOT}|(?P<neg>(?:is\s+not|does\s+not|doesn'?t|not)\s+)?(?:(?:{_SAME_VERB})\s+|"
        rf"(?=\ue012\s+\ue010)))(?:in\s+)?(?:the\s+same\s+house\s+as\s+)?{_B}",
        re.I,
    ),
    # "that leaves juice for house 3" (its filler may be gone: "juice for house 3"), "leaving blue for
    # house 1", "Kim takes house 3", "white goes to house 1": the value is placed in that house
    "value_left": re.compile(
        rf"(?:(?:(?:that|this|which)\s+)?(?:leaves|leaving)\s+)?{_A}\s+for\s+{_HOUSE.format(g='h')}",
        re.I,
    ),
    "value_takes": re.compile(
        rf"{_A}\s+(?:takes|gets|occupies|goes\s+(?:to|in|into)|moves\s+(?:to|into))\s+{_HOUSE.format(g='h')}",
        re.I,
    ),
}
_SEPARATOR = re.compile(r"(?:\s*(?:[,;&]|\band\b)\s*)+", re.I)


def _relation(a: Value, b: Value, rel: str, n: int) -> list[Any]:
    """'a is directly left of b' and the like as the house pairs it allows."""
    houses = range(1, n + 1)
    if rel.startswith(("directly", "immediately", "just")):
        step = 1 if rel.endswith("left") else -1
        pairs = [(h, h + step) for h in houses if 1 <= h + step <= n]
    elif rel.startswith("somewhere") or rel.endswith(("left", "right")):
        pairs = [(h, k) for h in houses for k in houses if (h < k if rel.endswith("left") else h > k)]
    else:  # next to, beside, adjacent to
        pairs = [(h, k) for h in houses for k in houses if abs(h - k) == 1]
    return ["or", *(["and", ["var", a, h], ["var", b, k]] for h, k in pairs)] if pairs else ["false"]


def _same(a: Value, b: Value, n: int) -> list[Any]:
    return ["or", *(["and", ["var", a, h], ["var", b, h]] for h in range(1, n + 1))]


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    # "the chef would need to be in house 2" (its mood read by the walk, "would" gone): "is in house 2"
    clause = re.sub(r"\b(?:is\s+)?needs?\s+to\s+be\b", "is", clause, flags=re.I)
    reader = functools.partial(read_clause, reference)
    shaped = zebra_neither.read(clause, reader) or zebra_shapes.read(clause, reader)
    if shaped is None:
        shaped = zebra_neighbours.read(clause, reader, validate(reference)[0])
    if shaped is not None:
        return shaped
    found = _read_clause(reference, clause)
    if isinstance(found, str):
        # "Lou can't be in house 1 and must be left of the gray house": both say something of Lou
        shared = zebra_shapes.shared_subject(clause, reader)
        if shared is not None:
            return shared
    return found


def _read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    n, _ = validate(reference)
    text, values = tokenise(reference, grammar.plain_verbs(clause.strip()))
    if "|" in text:
        return None  # a table row: read with the table, not as a sentence
    # "The dog's house is house 3" says where the dog is: "the dog is house 3"
    text = re.sub(
        r"(?<![\w'])(?:the\s+)?(\ue010\d+\ue011)'s\s+(?:house|home)\s+is\s+", r"\1 is ", text, flags=re.I
    )
    line = HOUSE_LINE.match(text)
    if line and len(house_segments(text)) > 1:
        # "House 1: green, painting; House 2: red, hiking": each house's line read on its own
        parts = [_read_clause(reference, segment) for segment in house_segments(clause)]
        if all(isinstance(part, list) for part in parts):
            return [formula for part in parts for formula in part]
        return next((part for part in parts if isinstance(part, str)), None) or (
            f"a house line that cannot be read with certainty: {clause[:80]}"
        )
    if line:
        found = _house_line(n, values, int(line.group(1)), line.group(2), clause)
        return _with_asides(reference, int(line.group(1)), clause, found)
    # "next to yellow (2)": a house number in brackets after a value places it there, a claim too
    placed = [(int(m.group(1)), int(m.group(2))) for m in _PLACED.finditer(text)]
    if placed:
        if any(not 1 <= h <= n for _, h in placed):
            return f"a house outside 1-{n}: {clause[:80]}"
        rest = _PLACED.sub(lambda m: f"\ue010{m.group(1)}\ue011", text)
        found = _read_tokens(reference, n, rest, values, clause)
        if not isinstance(found, list):
            return found or f"a value placed in brackets in a clause that cannot be read: {clause[:80]}"
        return found + [["var", values[v], h] for v, h in placed]
    return _read_tokens(reference, n, text, values, clause)


_PLACED = re.compile(r"\ue010(\d+)\ue011\s*\(\s*(?:house\s*|h\s*)?(\d)\s*\)", re.I)


def _read_tokens(reference: Mapping[str, Any], n: int, text: str, values: list[Value], clause: str) -> Any:
    formulas: list[Any] = []
    pos = 0
    subject: tuple[str, Any] | None = None  # what a following verb without a subject is about
    while True:
        sep = _SEPARATOR.match(text, pos)
        if sep:
            pos = sep.end()
        if grammar.END.match(text, pos):
            break
        for form, pattern in _GRAMMAR.items():
            m = pattern.match(text, pos)
            if m is None:
                continue
            end = m.end()
            if end < len(text) and (text[end].isalnum() or text[end] in "'-"):
                continue
            groups = m.groupdict()
            negative = bool(groups.get("neg") or groups.get("isnot")) or form in ("house_neq", "other_house")
            a = values[int(m.group("a") if groups.get("a") else m.group("b"))]
            if form == "relation":
                b = values[int(m.group("b"))]
                if a == b:
                    return f"a value placed relative to itself: {clause[:80]}"
                formula = _relation(a, b, " ".join(m.group("rel").lower().split()), n)
            elif form in ("same", "same_house", "other_house"):
                b = values[int(m.group("b"))]
                if a[0] == b[0]:
                    # "the Swede is the Swede" says nothing; "the Swede is not the Swede" is false
                    return (
                        None
                        if a == b and not negative
                        else f"two values of one attribute in one claim of a house: {clause[:80]}"
                    )
                formula = _same(a, b, n)
            elif form == "terse":
                spots = [int(h) for h in re.findall(r"\d", m.group("hs"))]
                if any(not 1 <= h <= n for h in spots):
                    return f"a house outside 1-{n}: {clause[:80]}"
                if len(spots) > 1 and not negative and "," in m.group("hs"):
                    return f"a list of houses that is neither 'or' nor 'not': {clause[:80]}"
                lits = [["var", a, h] for h in spots]
                if negative:  # "red is not 2 or 3": in none of them
                    formulas += [["not", lit] for lit in lits]
                    pos = end
                    subject = ("value", a)  # "Dane not 3, and not 2"
                    break
                formula = lits[0] if len(lits) == 1 else ["or", *lits]
            else:
                house = _house(n, groups.get("h") or groups.get("ho") or "")
                if house is None or not 1 <= house <= n:
                    return f"a house outside 1-{n}: {clause[:80]}"
                formula = ["var", a, house]
            formulas.append(["not", formula] if negative else formula)
            pos = end
            subject = None
            if not negative and form == "house_is":
                subject = ("house", formula[2])
            elif (
                not negative and form in ("value_in", "value_at", "value_colon", "same")
            ) or form == "terse":
                subject = ("value", a)  # "the Norwegian is in house 1 with the bird", "Dane not 3, not 2"
            break
        else:
            carried = _carry(subject, text, pos, values, n) if pos else None
            if isinstance(carried, str):
                return f"{carried}: {clause[:80]}"
            if carried is not None:
                formulas.append(carried[0])
                pos = carried[1]
                continue
            if formulas and re.match(r"\s*[:—–]", text[pos:]):
                # "r1c3 = 4: only 4 fits": what follows the colon is a reason, read as a clause of its own
                rest = TOKEN.sub(lambda t: values[int(t.group(1))][1], text[pos:]).replace("\ue012", "")
                reason = read_clause(reference, rest.lstrip(" :—–"))
                if isinstance(reason, str):
                    return reason
                return formulas + (reason or [])
            # a value and any house named ("the milk sits in the middle house") make a claim
            houses = len(re.findall(_HOUSE.format(g="h"), text, re.I))
            if len(values) + houses >= 2:
                return f"a claim about houses that cannot be read with certainty: {clause[:80]}"
            return None
    return formulas or None


_PARTICIPLE = r"(?:having|owning|keeping|drinking|liking|loving|playing|preferring|enjoying|smoking|eating)"
_CARRY_HOUSE = re.compile(
    rf"(?:is|has|contains|holds|keeps|owns|drinks|likes|loves|plays|prefers|enjoys|smokes|eats)\s+"
    rf"(?P<neg>not\s+)?{_B}",
    re.I,
)
_CARRY_WHERE = re.compile(
    rf"(?:is|lives|resides|stays)\s+(?P<neg>not\s+)?(?:(?:in|at)\s+)?{_HOUSE.format(g='h')}", re.I
)
_CARRY_TERSE = re.compile(
    r"(?:(?:is\s+)?(?P<neg>not)\s+(?:in\s+)?|in\s+)(?:house\s*)?(?P<h>\d)(?![\d.]*\d)", re.I
)
_CARRY_SAME = re.compile(
    # "the Swede lives in house 1, drinks tea" ("drinks" is the attribute's mark), "... drinking tea",
    # "... and is not the doctor"
    rf"(?:{_IS_NOT}|(?P<neg>(?:is\s+not|does\s+not|doesn'?t)\s+)?(?:(?:{_SAME_VERB}|{_PARTICIPLE})\s+(?:in\s+)?|"
    rf"(?=\ue012\s+\ue010))){_B}",
    re.I,
)


_ELSEWHERE = re.compile(
    rf"\s*,?\s*(?P<not>not\s+|n[o']t\s+)?(?:in|at)\s+(?:{_HOUSE.format(g='h')}|(?P<d>\d))(?![\w'-])", re.I
)


def _carry(
    subject: tuple[str, Any] | None, text: str, pos: int, values: list[Value], n: int
) -> tuple[list[Any], int] | str | None:
    """'House 1 is red and has the dog', 'the Brit lives in house 2 and keeps the dog': a verb whose
    subject is the one of the unit before it, as (formula, end); why not, or None if it is no such verb."""
    if subject is None:
        return None
    patterns = [_CARRY_HOUSE] if subject[0] == "house" else [_CARRY_WHERE, _CARRY_TERSE, _CARRY_SAME]
    pos += len(text[pos:]) - len(text[pos:].lstrip())  # "red in 1 with the dog": no separator before "with"
    for pattern in patterns:
        m = pattern.match(text, pos)
        if m is None or (m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] in "'-")):
            continue
        groups = m.groupdict()
        if subject[0] == "house":
            formula = ["var", values[int(m.group("b"))], subject[1]]
        elif pattern is _CARRY_TERSE:
            spot = int(m.group("h"))
            if not 1 <= spot <= n:
                return f"a house outside 1-{n}"
            formula = ["var", subject[1], spot]
        elif pattern is _CARRY_WHERE:
            house = _house(n, groups.get("h") or groups.get("ho") or "")
            if house is None or not 1 <= house <= n:
                return f"a house outside 1-{n}"
            formula = ["var", subject[1], house]
        else:
            b = values[int(m.group("b"))]
            elsewhere = _ELSEWHERE.match(text, m.end())
            if elsewhere:
                # "white is in house 3 with hiking in house 2": the value after "with" has a house of its
                # own, named after it; another verb ("has the dog in house 2") is not read
                house = _house(n, elsewhere.group("h") or elsewhere.group("ho") or elsewhere.group("d") or "")
                if (
                    groups.get("neg")
                    or groups.get("isnot")
                    or elsewhere.group("not")
                    or not re.match(r"with\b", text[pos:], re.I)
                ):
                    return "a value with a house of its own after a verb that is not 'with'"
                if house is None or not 1 <= house <= n:
                    return f"a house outside 1-{n}"
                return ["var", b, house], elsewhere.end()
            if b[0] == subject[1][0]:
                return "two values of one attribute cannot share a house"
            formula = _same(subject[1], b, n)
        return (["not", formula] if groups.get("neg") or groups.get("isnot") else formula), m.end()
    return None


def _with_asides(reference: Mapping[str, Any], house: int, clause: str, found: Any) -> Any:
    """A house line's reading with what its brackets say: "House 3: juice, green (the green house is
    house 2)" claims that too. The line's reader drops the brackets, so each is read here as the walk
    reads an aside (`guard.claim_guard`): a claim is added and checked, one the reader cannot read
    makes the line unreadable, and only a bracket that says nothing about the puzzle is dropped.
    "(not cat)" after the values says the house is not the cat's: a claim on this house."""
    if not isinstance(found, list):
        return found
    asides = re.findall(r"\(([^()]*)\)", clause)
    if not asides:
        return found
    guarded = guard.claim_guard(reference, functools.partial(read_clause, reference))
    for aside in asides:
        text, values = tokenise(reference, aside.strip())
        denied = _DENIED.fullmatch(text)
        if denied is not None:
            found = found + [["not", ["var", values[int(i)], house]] for i in re.findall(r"\d+", text)]
            continue
        reading = guarded(aside.strip())
        if isinstance(reading, str):
            return f"a house line with a bracket that cannot be read: {clause[:80]}"
        found = found + (reading or [])
    return found


_DENIED = re.compile(
    r"(?:not|no|≠)\s*\ue010\d+\ue011(?:\s*(?:,|/|\bor\b|\bnor\b)\s*\ue010\d+\ue011)*[\s.]*", re.I
)


def _house_line(n: int, values: list[Value], house: int, rest: str, clause: str) -> Any:
    """'House 2: red, Dane, bird' or 'House 2 — color: red; pet: bird': every item must be one value."""
    if not 1 <= house <= n:
        return f"a house outside 1-{n}: {clause[:80]}"
    rest = re.sub(r"\([^()]*\)", " ", rest)
    rest = re.sub(r"\ue012\s*(?:[:=]|\bis\b)\s*", "", rest)
    formulas = []
    for item in re.split(r"\s*(?:[,;/]|\band\b)\s*|\s+[-–—]\s+", rest.strip(" .")):
        if not item:
            continue
        m = re.fullmatch(rf"(?:the\s+|a\s+|an\s+)?\ue010(\d+)\ue011{_NOUN}", item.strip(" .*"), re.I)
        if m is None:
            return f"a house line that cannot be read with certainty: {clause[:80]}"
        formula = ["var", values[int(m.group(1))], house]
        if formula in formulas:  # "House 1: red, red, dog": a malformed line, not red said again
            return f"a house line that names a value twice: {clause[:80]}"
        formulas.append(formula)
    return formulas or None


# A verdict on a clue ("consistent with clue 3", "which satisfies clue 2"): it claims nothing the answer
# check does not check itself; the reason after it ("since Kim is in the gray house") is its own clause
REASON = re.compile(
    r"^(?:(?:which|this|that)\s+(?:is\s+)?)?(?:consistent\s+with|satisf(?:ies|ying)|in\s+line\s+with|"
    r"agrees\s+with|fits)\s+clues?\s*#?\s*\d+(?:\s*(?:,|and)\s*\d+)*[\s.!]*$",
    re.I,
)
