"""What kind of quantity a word problem's label names, held to the unit its line writes on the result.

"Speed: 60 km/h × 3 h = 180 km", "Time = 60 × 3 = 180 km", "Number of pages = 240 ÷ 15 = 16 days",
"Litres per minute: 60 ÷ 4 = 15 minutes", "Days needed: 240 ÷ 15 = 16 pages": the arithmetic is true and
the answer may be right, but the line says in one breath that its result is two different things. The
label (chain_words.py) names a kind: a time, a length, an amount of money, a volume, a mass, a rate (a
speed, `X per Y`) or a count (`Number of pages`, `Pages needed`); the result's unit word (or its `$`)
names another. A line whose label and unit are of different kinds is unknown, never passed:

- a time, a length, money, a volume or a mass with a unit of another kind, or with a count noun;
- a rate with the unit it is per (`Litres per minute: ... = 15 minutes`), or a speed with a bare length
  or time (`Speed: ... = 180 km`; a speed's unit is per something: `60 km/h`);
- a count of something with a unit of a measured kind or of another counted noun;
- `Change` (what is left of a payment) over arithmetic without a subtraction (`Change: 4 × $3 = $12`).

A label or unit of no known kind is not judged here (label_quantities.py holds labels to the prompt's
nouns). Pure text work; safe in any process.
"""

from __future__ import annotations

import itertools
import re

from assay.domains.math.chain_words import ChainWords

_KINDS: dict[str, frozenset[str]] = {
    "time": frozenset(
        "second sec s minute min hour h hr day week month year fortnight decade".split()  # noqa: SIM905
    ),
    "length": frozenset(
        "metre meter m kilometre kilometer km centimetre centimeter cm millimetre millimeter mm mile mi "  # noqa: SIM905
        "foot feet ft yard yd inch".split()
    ),
    "money": frozenset("dollar cent euro buck".split()),  # noqa: SIM905
    "volume": frozenset("litre liter l millilitre milliliter ml gallon".split()),  # noqa: SIM905
    "mass": frozenset("kilogram kg gram g pound lb ounce oz ton tonne".split()),  # noqa: SIM905
}
# label words that name a kind of quantity (their first word decides; `Total time`, `Time taken`)
_LABEL_KINDS: dict[str, frozenset[str]] = {
    "time": frozenset("time duration".split()),  # noqa: SIM905
    "length": frozenset("distance length width height perimeter".split()),  # noqa: SIM905
    "money": frozenset(
        "cost price change money earnings revenue profit income wage wages salary bill spending".split()  # noqa: SIM905
    ),
    "volume": frozenset("volume capacity".split()),  # noqa: SIM905
    "area": frozenset("area".split()),  # noqa: SIM905
    "mass": frozenset("weight mass".split()),  # noqa: SIM905
    "rate": frozenset("speed velocity rate pace".split()),  # noqa: SIM905
}
# `Each time he writes ...`, `this time`: `time` after these words is an occasion, not a duration
_OCCASION = frozenset("each every this that next last first second third one another any".split())  # noqa: SIM905
_PREPOSITIONS = frozenset("of from for at by with on in to after before into over under about".split())  # noqa: SIM905
# the words that say a rate goes on over a span: `pages per day for 6 days`, `per hour over 3 hours`
_OVER = frozenset("for over during in across".split())  # noqa: SIM905
_COUNT = re.compile(r"^(?:total\s+)?(?:number|count|amount)\s+of\s+(?:the\s+)?([a-z]+)|^([a-z]+)\s+needed$")


def _unit_kind(unit: str) -> str:
    if unit.endswith(("²", "³")):
        # a length squared is an area, cubed a volume (`m²`, `cubic centimeter`); any other unit with a power
        # is no kind read here (a clash with any kind named)
        if _unit_kind(unit[:-1]) != "length":
            return "power"
        return "area" if unit.endswith("²") else "volume"
    return next((kind for kind, units in _KINDS.items() if unit in units), "")


def unit_kind(unit: str) -> str:
    """The kind of quantity a unit (singular, lower case) measures: `hour` a time, `km` a length; ""."""
    return _unit_kind(unit)


def label_kind(full: str) -> tuple[str, str]:
    """(the kind of quantity a label names, the noun it counts or is per), or ("", "")."""
    words = full.split()
    if not words:
        return "", ""
    if "per" in words[1:-1]:
        at = words.index("per")
        thing = _singular(words[at + 1])
        later = words[at + 2 :]
        if any(word in _OVER and _singular(after) == thing for word, after in itertools.pairwise(later)):
            # `Sam reads pages per day for days`: the rate said over a span of what it is per (a sentence
            # of the problem retold), which the product computes from; no rate named as the result
            return "", ""
        return "rate", words[at + 1]
    count = _COUNT.match(full)
    if count is not None:
        noun = count.group(1) or count.group(2)
        kind = _unit_kind(_singular(noun))
        if kind or count.group(1):
            # `Days needed` is a time; `Sugar needed` may be in cups, so only `Number of pages` counts
            return (kind, "") if kind else ("count", _singular(noun))
    # the head of the phrase before its first preposition: its last word that names a kind (`Flow rate`,
    # `Total travel time`, `Cost of the eggs`)
    head = []
    for word in words:
        if word in _PREPOSITIONS:
            break
        head.append(word)
    kinds = [
        k
        for at, word in enumerate(head)
        for k, names in _LABEL_KINDS.items()
        if word in names and not (word == "time" and at and head[at - 1] in _OCCASION)
    ]
    return (kinds[-1], "") if kinds else ("", "")


def clashes(words: ChainWords, operators: str) -> str | None:
    """Why a chain's label and its result's unit name different kinds of quantity (see the module), or
    None."""
    kind, noun = label_kind(words.full)
    if not kind:
        return None
    if words.full.split()[:1] == ["change"] and operators and "-" not in operators:
        return "its label names change, what is left of a payment, but it subtracts nothing"
    unit = words.unit
    said = "money" if words.currency or unit in _KINDS["money"] else _unit_kind(unit)
    if not unit and not words.currency:
        return None
    if kind == "rate":
        per = _singular(noun)
        if per and (unit == per or (not words.per and _unit_kind(per) and said == _unit_kind(per))):
            return f"its label names a rate per {per}, but its result counts {unit}"
        if not per and not words.per and said in ("length", "time", "volume", "mass"):
            return f"its label names a rate, but its result is a {said}, per nothing"
        return None
    if words.per:
        return None if kind == "count" else f"its label names a {kind}, but its result is a rate"
    if kind == "count":
        if said or (unit and unit != noun and _singular(unit) != noun):
            return f"its label counts {noun}, but its result is in {unit or said}"
        return None
    if said != kind:
        article = "an" if kind[0] in "aeiou" else "a"
        return f"its label names {article} {kind}, but its result is in {unit or said}"
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word in ("feet", "foot"):
        return word
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


__all__ = ["clashes", "label_kind", "unit_kind"]
