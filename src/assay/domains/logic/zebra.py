"""Zebra puzzles: n houses in a row, m attributes, each value in exactly one house.

Reference: {"kind": "zebra", "houses": 4, "attributes": {"color": ["red", ...], "pet": [...]},
"clues": [clue, ...]}. A value is named [attribute, value]; clues:
    ["same", A, B]          A and B are in the same house
    ["different", A, B]     A and B are in different houses
    ["position", A, k]      A is in house k (1 = leftmost)
    ["not_position", A, k]  A is not in house k
    ["left_of", A, B]       A is immediately left of B
    ["next_to", A, B]       A and B are neighbours
    ["before", A, B]        A is somewhere left of B
Answer: one line per house, "House 2: red, dog, tea, ..." (values of every attribute, any order).
Step claims: "house 2 color = red" or "red is in house 2".
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic import read
from assay.domains.logic.csp import Csp
from assay.errors import InputError

ATTRIBUTES = {
    "color": ["red", "green", "blue", "yellow", "white", "black"],
    "nationality": ["Brit", "Swede", "Dane", "German", "Norwegian", "Spaniard"],
    "drink": ["tea", "coffee", "milk", "water", "juice", "cocoa"],
    "pet": ["dog", "cat", "bird", "fish", "horse", "rabbit"],
    "hobby": ["chess", "golf", "piano", "painting", "hiking", "poetry"],
}
KINDS = ("same", "different", "position", "not_position", "left_of", "next_to", "before")
Value = tuple[str, str]


def validate(reference: Mapping[str, Any]) -> tuple[int, dict[str, list[str]]]:
    n = reference.get("houses")
    attributes = reference.get("attributes")
    if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 8:
        raise InputError("'reference.houses' must be a whole number from 2 to 8")
    if not isinstance(attributes, dict) or not 1 <= len(attributes) <= 8:
        raise InputError("'reference.attributes' must map 1-8 attribute names to their values")
    names: set[str] = set()
    for attribute, values in attributes.items():
        if not isinstance(values, list) or len(values) != n or len(set(values)) != n:
            raise InputError(f"attribute {attribute!r} must have {n} distinct values")
        if not all(isinstance(v, str) and re.fullmatch(r"[A-Za-z][\w-]{0,30}", v) for v in values):
            raise InputError(f"values of {attribute!r} must be words")
        if names & {v.lower() for v in values}:
            raise InputError("a value name is used by two attributes")
        names |= {v.lower() for v in values}
    clues = reference.get("clues")
    if not isinstance(clues, list) or len(clues) > 200:
        raise InputError("'reference.clues' must be a list of at most 200 clues")
    for clue in clues:
        _check_clue(clue, n, attributes)
    return n, attributes


def _value(item: Any, attributes: Mapping[str, list[str]]) -> Value:
    if not (
        isinstance(item, list) and len(item) == 2 and item[0] in attributes and item[1] in attributes[item[0]]
    ):
        raise InputError(f"not a known [attribute, value]: {str(item)[:60]}")
    return item[0], item[1]


def _check_clue(clue: Any, n: int, attributes: Mapping[str, list[str]]) -> None:
    if not isinstance(clue, list) or len(clue) != 3 or clue[0] not in KINDS:
        raise InputError(f"not a clue: {str(clue)[:60]}")
    _value(clue[1], attributes)
    if clue[0] in ("position", "not_position"):
        if not isinstance(clue[2], int) or isinstance(clue[2], bool) or not 1 <= clue[2] <= n:
            raise InputError(f"house number out of range in {clue}")
    else:
        _value(clue[2], attributes)


def build(reference: Mapping[str, Any]) -> Csp:
    n, attributes = validate(reference)
    houses = range(1, n + 1)
    csp = Csp()
    for attribute, values in attributes.items():
        for value in values:
            csp.variable((attribute, value), houses)
        csp.all_different([(attribute, v) for v in values])
    for kind, a, b in reference["clues"]:
        a = (a[0], a[1])
        if kind == "position":
            csp.clause([csp.lit(a, b)])
            continue
        if kind == "not_position":
            csp.clause([-csp.lit(a, b)])
            continue
        b = (b[0], b[1])
        for h in houses:
            x = csp.lit(a, h)
            if kind == "same":
                csp.clause([-x, csp.lit(b, h)])
            elif kind == "different":
                csp.clause([-x, -csp.lit(b, h)])
            elif kind == "left_of":
                csp.clause([-x] + ([csp.lit(b, h + 1)] if h < n else []))
            elif kind == "next_to":
                csp.clause([-x] + [csp.lit(b, k) for k in (h - 1, h + 1) if 1 <= k <= n])
            else:  # before
                csp.clause([-x] + [csp.lit(b, k) for k in range(h + 1, n + 1)])
    return csp


def holds(clue: list[Any], where: Mapping[Value, int]) -> bool:
    kind, a = clue[0], where[(clue[1][0], clue[1][1])]
    if kind == "position":
        return bool(a == clue[2])
    if kind == "not_position":
        return bool(a != clue[2])
    b = where[(clue[2][0], clue[2][1])]
    return {
        "same": a == b,
        "different": a != b,
        "left_of": a + 1 == b,
        "next_to": abs(a - b) == 1,
        "before": a < b,
    }[kind]


def violations(reference: Mapping[str, Any], answer: Mapping[Value, int]) -> list[str]:
    n, attributes = validate(reference)
    problems = []
    for attribute, values in attributes.items():
        if sorted(answer[(attribute, v)] for v in values) != list(range(1, n + 1)):
            problems.append(f"the {attribute} values are not one per house")
    problems += [
        f"clue {i} is false: {render(c)}" for i, c in enumerate(reference["clues"], 1) if not holds(c, answer)
    ]
    return problems


# --- reading answers and claims --------------------------------------------------------------------------
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


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.lower()).strip()


@functools.lru_cache(maxsize=64)
def _vocabulary(attributes_json: str) -> tuple[dict[str, Value], re.Pattern[str], re.Pattern[str]]:
    """Each value by its folded name, and the patterns finding value and attribute names in text (one
    compilation per puzzle; the grammar itself never depends on the puzzle)."""
    attributes = json.loads(attributes_json)
    names = {_norm(v): (a, v) for a, values in attributes.items() for v in values}
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
            low = _norm(str(value))
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
    names = {_norm(str(v)) for values in attributes.values() for v in values}
    words = {w: v for w, v in words.items() if w not in names}  # a value's own name is never an alias
    if not words:
        return words, None
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return words, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w'-])", re.I)


def _tokens(reference: Mapping[str, Any], text: str) -> tuple[str, list[Value]]:
    """The text with each value name replaced by a numbered token and each attribute name by a mark,
    and the values in token order."""
    attributes_json = json.dumps(reference["attributes"], sort_keys=True)
    names, values, labels = _vocabulary(attributes_json)
    aliases, inflected = _inflections(attributes_json)
    found: list[Value] = []

    def token(m: re.Match[str]) -> str:
        found.append(names[_norm(m.group(0))])
        return f"\ue010{len(found) - 1}\ue011"

    def alias(m: re.Match[str]) -> str:
        value, verb = aliases[m.group(0).lower()]
        found.append(value)
        return ("enjoys " if verb else "") + f"\ue010{len(found) - 1}\ue011"

    if inflected is not None:
        text = inflected.sub(alias, text)
    return labels.sub("\ue012", values.sub(token, text)), found


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


def values_only(reference: Mapping[str, Any], line: str) -> bool:
    """True if line is 'House k: v1, v2, ...' with every item one value of the puzzle."""
    return bool(_HOUSE_LINE.match(read.clean(line))) and isinstance(
        read_clause(reference, read.clean(line)), list
    )


_HOUSE = (
    r"(?:the\s+)?(?:house\s*(?:#|no\.?|number)?\s*(?P<{g}>\d|one|two|three|four|five|six|seven|eight)|"
    r"(?P<{g}o>\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|leftmost|rightmost|"
    r"middle|last)\s+house)"
)
_SAME_VERB = (
    r"(?:has|have|owns?|keeps?|drinks?|likes?|loves?|plays?|prefers?|enjoys?|smokes?|eats?|is|"
    r"lives?\s+in|lives?\s+with|is\s+in)"
)


_A = rf"(?:the\s+)?(?:\ue012\s+)?\ue010(?P<a>\d+)\ue011{_NOUN}"  # "the pet dog", "the Brit"
_B = rf"(?:the\s+|a\s+|an\s+)?(?:\ue012\s+)?\ue010(?P<b>\d+)\ue011{_NOUN}"
_TOKEN = re.compile(r"\ue010(\d+)\ue011")
_GRAMMAR = {
    "value_in": re.compile(
        rf"{_A}\s+(?:is|lives|resides|stays|goes|belongs)\s+(?P<neg>not\s+)?(?:(?:in|at)\s+)?"
        rf"{_HOUSE.format(g='h')}",
        re.I,
    ),
    "value_colon": re.compile(rf"{_A}\s*(?:=|:|→|->)\s*(?:house\s*)?(?P<h>\d)", re.I),
    "house_is": re.compile(
        rf"{_HOUSE.format(g='h')}(?:'s)?\s*(?:\ue012\s*)?(?:=|:|is|has|contains|holds|belongs\s+to)\s*"
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
        rf"{_A}\s+(?:is|lives)\s+(?P<neg>not\s+)?(?P<rel>(?:directly|immediately|just)\s+(?:to\s+the\s+)?"
        rf"(?:left|right)|somewhere\s+(?:to\s+the\s+)?(?:left|right)|next\s+to|beside|adjacent\s+to)"
        rf"(?:\s+of)?\s+{_B}",
        re.I,
    ),
    "same": re.compile(
        # "The Dane drinks tea": the verb is the attribute's name, already a mark before the value
        rf"{_A}\s+(?P<neg>(?:is\s+not|does\s+not|doesn'?t)\s+)?(?:(?:{_SAME_VERB})\s+|(?=\ue012\s+\ue010))(?:in\s+)?"
        rf"(?:the\s+same\s+house\s+as\s+)?{_B}",
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
    elif rel.startswith("somewhere"):
        pairs = [(h, k) for h in houses for k in houses if (h < k if rel.endswith("left") else h > k)]
    else:  # next to, beside, adjacent to
        pairs = [(h, k) for h in houses for k in houses if abs(h - k) == 1]
    return ["or", *(["and", ["var", a, h], ["var", b, k]] for h, k in pairs)] if pairs else ["false"]


def _same(a: Value, b: Value, n: int) -> list[Any]:
    return ["or", *(["and", ["var", a, h], ["var", b, h]] for h in range(1, n + 1))]


def read_clause(reference: Mapping[str, Any], clause: str) -> Any:
    n, _ = validate(reference)
    text, values = _tokens(reference, read.plain_verbs(clause.strip()))
    if "|" in text:
        return None  # a table row: read with the table, not as a sentence
    # "The dog's house is house 3" says where the dog is: "the dog is house 3"
    text = re.sub(
        r"(?<![\w'])(?:the\s+)?(\ue010\d+\ue011)'s\s+(?:house|home)\s+is\s+", r"\1 is ", text, flags=re.I
    )
    line = _HOUSE_LINE.match(text)
    if line:
        return _house_line(n, values, int(line.group(1)), line.group(2), clause)
    formulas: list[Any] = []
    pos = 0
    subject: tuple[str, Any] | None = None  # what a following verb without a subject is about
    while True:
        sep = _SEPARATOR.match(text, pos)
        if sep:
            pos = sep.end()
        if read.END.match(text, pos):
            break
        for form, pattern in _GRAMMAR.items():
            m = pattern.match(text, pos)
            if m is None:
                continue
            end = m.end()
            if end < len(text) and (text[end].isalnum() or text[end] in "'-"):
                continue
            groups = m.groupdict()
            negative = bool(groups.get("neg")) or form in ("house_neq", "other_house")
            a = values[int(m.group("a") if groups.get("a") else m.group("b"))]
            if form == "relation":
                b = values[int(m.group("b"))]
                if a == b:
                    return f"a value placed relative to itself: {clause[:80]}"
                formula = _relation(a, b, " ".join(m.group("rel").lower().split()), n)
            elif form in ("same", "same_house", "other_house"):
                b = values[int(m.group("b"))]
                if a[0] == b[0]:
                    return (
                        None if a == b else f"two values of one attribute cannot share a house: {clause[:80]}"
                    )
                formula = _same(a, b, n)
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
            elif not negative and form in ("value_in", "value_colon", "same"):
                subject = ("value", a)
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
                rest = _TOKEN.sub(lambda t: values[int(t.group(1))][1], text[pos:]).replace("\ue012", "")
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


_CARRY_HOUSE = re.compile(
    rf"(?:is|has|contains|holds|keeps|owns|drinks|likes|loves|plays|prefers|enjoys|smokes|eats)\s+"
    rf"(?P<neg>not\s+)?{_B}",
    re.I,
)
_CARRY_WHERE = re.compile(
    rf"(?:is|lives|resides|stays)\s+(?P<neg>not\s+)?(?:(?:in|at)\s+)?{_HOUSE.format(g='h')}", re.I
)
_CARRY_SAME = re.compile(
    rf"(?P<neg>(?:is\s+not|does\s+not|doesn'?t)\s+)?(?:{_SAME_VERB})\s+(?:in\s+)?{_B}", re.I
)


def _carry(
    subject: tuple[str, Any] | None, text: str, pos: int, values: list[Value], n: int
) -> tuple[list[Any], int] | str | None:
    """'House 1 is red and has the dog', 'the Brit lives in house 2 and keeps the dog': a verb whose
    subject is the one of the unit before it, as (formula, end); why not, or None if it is no such verb."""
    if subject is None:
        return None
    patterns = [_CARRY_HOUSE] if subject[0] == "house" else [_CARRY_WHERE, _CARRY_SAME]
    for pattern in patterns:
        m = pattern.match(text, pos)
        if m is None or (m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] in "'-")):
            continue
        groups = m.groupdict()
        if subject[0] == "house":
            formula = ["var", values[int(m.group("b"))], subject[1]]
        elif pattern is _CARRY_WHERE:
            house = _house(n, groups.get("h") or groups.get("ho") or "")
            if house is None or not 1 <= house <= n:
                return f"a house outside 1-{n}"
            formula = ["var", subject[1], house]
        else:
            b = values[int(m.group("b"))]
            if b[0] == subject[1][0]:
                return "two values of one attribute cannot share a house"
            formula = _same(subject[1], b, n)
        return (["not", formula] if groups.get("neg") else formula), m.end()
    return None


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
        formulas.append(["var", values[int(m.group(1))], house])
    return formulas or None


def _cells(line: str) -> list[str]:
    return [c.strip() for c in read.clean_markup(line).strip().strip("|").split("|")]


def _tables(n: int, names: dict[str, Value], text: str) -> list[tuple[Value, int]] | str:
    found: list[tuple[Value, int]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.count("|") >= 2 and not stripped.startswith("+")):
            rows.append(_cells(line))
            continue
        if stripped and set(stripped) <= set("+-=|: "):
            continue  # a grid or markdown separator line
        if rows:
            got = _table(n, names, [r for r in rows if any(c.strip("-:= ") for c in r)])
            if isinstance(got, str):
                return got
            found += got
            rows = []
    return found


def _table(n: int, names: dict[str, Value], rows: list[list[str]]) -> list[tuple[Value, int]] | str:
    if len(rows) < 2:
        return []
    header, body = [c.lower() for c in rows[0]], rows[1:]
    out: list[tuple[Value, int]] = []
    if any(re.fullmatch(r"house\s*(?:#|no\.?)?", c) for c in header):
        column = next(i for i, c in enumerate(header) if re.fullmatch(r"house\s*(?:#|no\.?)?", c))
        for row in body:
            house = _house(n, re.sub(r"(?i)house\s*", "", row[column]) if column < len(row) else "")
            if house is None:
                return f"a table row without a house number: {' | '.join(row)[:80]}"
            for i, cell in enumerate(row):
                if i != column and cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    out.append((got, house))
        return out
    houses = [_house(n, re.sub(r"(?i)house\s*", "", c)) for c in header[1:]]
    if houses and all(h is not None for h in houses):
        for row in body:
            for cell, house in zip(row[1:], houses, strict=False):
                if cell:
                    got = _cell_value(names, cell)
                    if isinstance(got, str):
                        return got
                    out.append((got, house))  # type: ignore[arg-type]
        return out
    return []


def _cell_value(names: dict[str, Value], cell: str) -> Value | str:
    key = _norm(cell.strip(" .*"))
    if key in names:
        return names[key]
    return f"a table cell that is not one value: {cell[:40]}"


_HOUSE_LINE = re.compile(r"^\W*house\s*#?\s*(\d+)\s*(?:\([^()]*\))?\s*[:\-–—|=]\s*(.*)$", re.I)
_NEGATION = re.compile(r"\b(?:not|no|never|isn'?t|doesn'?t|neither|nor|except|without)\b|≠|¬", re.I)


def parse_answer(reference: Mapping[str, Any], text: str, facts: list[Any]) -> dict[Value, int] | str:
    n, attributes = validate(reference)
    names = _vocabulary(json.dumps(reference["attributes"], sort_keys=True))[0]
    text = text[-20_000:]
    pairs: list[tuple[Value, int]] = []
    tables = _tables(n, names, text)
    if isinstance(tables, str):
        return tables
    pairs += tables
    for line in text.splitlines():
        match = _HOUSE_LINE.match(read.clean_markup(line))
        if not match or "|" in line:
            continue
        rest = re.sub(r"\([^()]*\)", " ", match.group(2))
        if _NEGATION.search(rest):
            return f"a house line with a negation cannot be read as an answer: {line.strip()[:80]}"
        house = int(match.group(1))
        tokens, values = _tokens(reference, rest)
        pairs += [(values[int(m.group(1))], house) for m in _TOKEN.finditer(tokens)]
    for formula in facts:
        if formula[0] == "var":
            pairs.append((formula[1], formula[2]))
    where: dict[Value, int] = {}
    held: dict[tuple[str, int], str] = {}
    for (attribute, name), house in pairs:
        if not 1 <= house <= n:
            return f"the answer names house {house}; there are {n}"
        if where.setdefault((attribute, name), house) != house:
            return f"the answer puts {name} in two houses"
        if held.setdefault((attribute, house), name) != name:
            return f"the answer gives house {house} two values of {attribute}"
    missing = [f"{a}={v}" for a, values in attributes.items() for v in values if (a, v) not in where]
    if missing:
        return f"no house given for {', '.join(missing[:5])}"
    return where


def format_answer(reference: Mapping[str, Any], solution: Mapping[Value, int]) -> str:
    n, attributes = validate(reference)
    lines = []
    for house in range(1, n + 1):
        values = [v for a, vs in attributes.items() for v in vs if solution[(a, v)] == house]
        lines.append(f"House {house}: {', '.join(values)}")
    return "\n".join(lines)


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Backtracking over one attribute's permutation at a time, checking clues as soon as they apply."""
    import itertools

    n, attributes = validate(reference)
    names = list(attributes)
    clues = reference["clues"]
    count = 0
    where: dict[Value, int] = {}

    def ready(clue: list[Any], done: set[str]) -> bool:
        if clue[0] in ("position", "not_position"):
            return bool(clue[1][0] in done)
        return bool(clue[1][0] in done and clue[2][0] in done)

    def search(i: int, done: set[str]) -> bool:
        nonlocal count
        if i == len(names):
            count += 1
            return count >= limit
        attribute = names[i]
        now = done | {attribute}
        relevant = [c for c in clues if ready(c, now) and not ready(c, done)]
        for perm in itertools.permutations(range(1, n + 1)):
            for value, house in zip(attributes[attribute], perm, strict=True):
                where[(attribute, value)] = house
            if all(holds(c, where) for c in relevant) and search(i + 1, now):
                return True
        for value in attributes[attribute]:
            where.pop((attribute, value), None)
        return False

    search(0, set())
    return count


def render(clue: list[Any]) -> str:
    kind, a = clue[0], f"the {clue[1][0]} {clue[1][1]}"
    if kind == "position":
        return f"{a} is in house {clue[2]}"
    if kind == "not_position":
        return f"{a} is not in house {clue[2]}"
    b = f"the {clue[2][0]} {clue[2][1]}"
    return {
        "same": f"{a} is in the same house as {b}",
        "different": f"{a} is not in the same house as {b}",
        "left_of": f"{a} is directly left of {b}",
        "next_to": f"{a} is next to {b}",
        "before": f"{a} is somewhere left of {b}",
    }[kind]


def random_clue(rng: random.Random, solution: Mapping[Value, int], n: int, kinds: list[str]) -> list[Any]:
    """A clue that is true of the solution."""
    values = list(solution)
    while True:
        kind = rng.choice(kinds)
        a = rng.choice(values)
        if kind == "position":
            return [kind, list(a), solution[a]]
        if kind == "not_position":
            house = rng.choice([h for h in range(1, n + 1) if h != solution[a]])
            return [kind, list(a), house]
        b = rng.choice([v for v in values if v[0] != a[0]])
        clue = [kind, list(a), list(b)]
        if holds(clue, solution):
            return clue


def prompt(reference: Mapping[str, Any]) -> str:
    n, attributes = validate(reference)
    lines = [f"There are {n} houses in a row, numbered 1 (left) to {n} (right)."]
    for attribute, values in attributes.items():
        lines.append(f"Each house has a different {attribute}: {', '.join(values)}.")
    lines.append("Clues:")
    lines += [f"{i}. {render(c).capitalize()}." for i, c in enumerate(reference["clues"], 1)]
    lines.append("Give each house's values, one line per house: House 1: ...")
    return "\n".join(lines)
