"""Arithmetic written with units on its numbers: `120 km ÷ 2 h = 60 km/h`, `60 km/h × 5 h = 300 km`,
`\\frac{120 km}{2 hours} = 60 km/h`, `9 × 60 meters = 540 meters`.

Such a chain says what its numbers do and what the result measures. Its units are taken off (leaving the
arithmetic for the checker) only when they agree: every side of every `=` measures the same thing, each
sum adds like to like, and a product or quotient measures the product or quotient of its factors' units
(`km/h × h` is `km`). Units are never converted: `2 km = 2000 m`, `5 h × 60 = 300 min` and `2 h × 60 min
= 120 min` do not agree as written, so they keep their units and the reader refuses them, as it refuses
a wrong conversion. A chain with anything else in it (a bracket, a word that is not a unit, a sign) is
left as it is. Pure text work; safe in any process.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

# each unit's spellings, by the one name it is compared under (no two names are ever converted)
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "km": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "m": ("m", "metre", "metres", "meter", "meters"),
    "cm": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    "mm": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    "mi": ("mi", "mile", "miles"),
    "ft": ("ft", "foot", "feet"),
    "yd": ("yd", "yard", "yards"),
    "h": ("h", "hr", "hrs", "hour", "hours"),
    "min": ("min", "mins", "minute", "minutes"),
    "s": ("s", "sec", "secs", "second", "seconds"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "kg": ("kg", "kilogram", "kilograms"),
    "g": ("g", "gram", "grams"),
    "l": ("l", "litre", "litres", "liter", "liters"),
    "ml": ("ml", "millilitre", "millilitres", "milliliter", "milliliters"),
    "dollar": ("dollar", "dollars"),
    "cent": ("cent", "cents"),
}
# the things a prompt counts (`15 pages a day`), each a unit of its own in one line's chain
# (`15 pages/day × 14 days = 210 pages`): written in as these names, which no text spells
_COUNT_SLOTS = ("qxcnta", "qxcntb", "qxcntc", "qxcntd")
_SPELLINGS.update({slot: (slot,) for slot in _COUNT_SLOTS})
_UNITS = {spelling: name for name, spellings in _SPELLINGS.items() for spelling in spellings}
# a speed written as one word
_COMPOUND = {"mph": ("mi", "h"), "kph": ("km", "h"), "kmh": ("km", "h")}
_UNIT_WORD = "|".join(sorted([*_UNITS, *_COMPOUND], key=len, reverse=True))
_UNIT = rf"(?:{_UNIT_WORD})(?:\s*/\s*(?:{_UNIT_WORD})|\s+per\s+(?:{_UNIT_WORD}))?(?![\w/])"
# a unit raised to a power (`120 m²`, `8 cm^2`, `m^(2)` as markup.py writes `m²`): an area or a volume,
# its power counted with the unit
_POWER = r"(?:[²³]|\^\s*[({]?\s*[23]\s*[)}]?)"
_UNIT_POWERED = rf"(?:{_UNIT_WORD}){_POWER}(?![\w/^])"
_NUMBER = r"\d+(?:\.\d+)?"
MAX_TERMS = 12  # operations on one side of a chain read here (bounded repeats: no regex backtracks long)
MAX_SIDES = 6
# a number, and its unit after a space (or tight, for a unit of two letters or more: `120km`)
_TERM = rf"{_NUMBER}(?:(?:\s+|\s*\\,\s*|\s*~\s*)(?:{_UNIT_POWERED}|{_UNIT})|(?=[a-z]{{2}})(?:{_UNIT}))?"
_FRAC = rf"\\frac\s*\{{\s*{_TERM}\s*\}}\s*\{{\s*{_TERM}\s*\}}"
_OP = r"\s*(?:[-+*/×÷−·]|\\times|\\div|\\cdot)\s*"
_PLAIN_FACTOR = rf"(?:{_FRAC}|{_TERM})"
# a sum or product in parentheses, one level deep (`2 × (12 cm + 7 cm)`)
_GROUP = rf"\(\s*{_PLAIN_FACTOR}(?:{_OP}{_PLAIN_FACTOR}){{0,{MAX_TERMS}}}\s*\)"
_FACTOR = rf"(?:{_PLAIN_FACTOR}|{_GROUP})"
_SIDE = rf"{_FACTOR}(?:{_OP}{_FACTOR}){{0,{MAX_TERMS}}}"
_CHAIN = re.compile(rf"(?<![\w.\\/^)}}-]){_SIDE}(?:\s*=\s*{_SIDE}){{1,{MAX_SIDES}}}(?![\w(\\^/]|\.\d)", re.I)
# what may not touch a chain: more math before or after it (`-5 km + 10 km = 5 km` is one chain, never
# `10 km = 5 km`), so that the units of only a part of it are never judged
_MATH_BEFORE = re.compile(r"(?:[-+*/×÷−·=(^]|\\times|\\div|\\cdot)\s*$")
# `Speed = \frac{120 km}{2 h} = 60 km/h`: words that name what the chain is, before its `=`
_LABEL = re.compile(r"^[^=\d+*/×÷−·(-]*=\s*$")
_MATH_AFTER = re.compile(r"^\s*(?:[-+*/×÷−·=)^\]}(]|\\times|\\div|\\cdot|\d)")

_PIECE = re.compile(
    rf"(?P<frac>{_FRAC})|(?P<term>{_TERM})|(?P<op>{_OP})|(?P<eq>\s*=\s*)|(?P<open>\s*\(\s*)|(?P<close>\s*\)\s*)",
    re.I,
)
_TERM_PARTS = re.compile(
    rf"(?P<number>{_NUMBER})\s*(?:\\,|~)?\s*(?:(?P<powered>{_UNIT_WORD})(?P<power>{_POWER})(?![\w/^])|(?P<unit>{_UNIT}))?",
    re.I,
)

Units = frozenset[tuple[str, int]]


def prompt_measures(prompt: str) -> frozenset[str]:
    """The units a prompt measures in (by the name they are compared under): `120 km in 2 hours` → km, h;
    a `$` before a number is dollars."""
    found = {_UNITS[w.lower()] for w in re.findall(r"[A-Za-z]+", prompt) if w.lower() in _UNITS}
    for word in re.findall(r"[A-Za-z]+", prompt):
        found.update(_COMPOUND.get(word.lower(), ()))
    if re.search(r"\$\s?\d", prompt):
        found.add("dollar")
    return frozenset(found)


# the units of one kind: a number in one the prompt never uses, when it measures that kind in another,
# is a conversion nobody checked or the wrong unit (`12 × 5 = 60 feet` for a garden measured in meters)
_SAME_KIND = (
    frozenset({"km", "m", "cm", "mm", "mi", "ft", "yd"}),
    frozenset({"kg", "g"}),
    frozenset({"l", "ml"}),
)
_NUMBER_AND_UNIT = re.compile(
    rf"(?<![\w.])({_NUMBER})(\s*(?:square\s+|cubic\s+)?)({_UNIT_WORD})(?![\w/])", re.I
)


def with_foreign_units_marked(line: str, measures: frozenset[str], mark: str) -> str:
    """line with each unit after a number that the prompt does not measure in, of a kind it measures in
    another unit, replaced by mark (the reader then leaves the line unread)."""
    if not measures:
        return line

    def marked(match: re.Match[str]) -> str:
        unit = _UNITS.get(match.group(3).lower())
        kind = next((k for k in _SAME_KIND if unit in k), None)
        if unit is None or kind is None or unit in measures or not kind & measures:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)} {mark} "

    return _NUMBER_AND_UNIT.sub(marked, line)


# an abbreviation after a number, maybe squared or cubed, then the end of the clause or a word: `= 34 m.`,
# `= 60 m²`, `is 60 km in total`
_SHORT_UNITS = "|".join(sorted((u for u in _UNITS if len(u) <= 3), key=len, reverse=True))
_ABBREVIATED = re.compile(
    rf"(?<![\w.])({_NUMBER})\s*({_SHORT_UNITS})(\s*\^\s*\(?[23]\)?|[²³])?"
    r"(?=\s*(?:[.,;:!?)$]|\\\)|$)|\s+[A-Za-z])",
)


_ANY_ABBREVIATED = re.compile(rf"(?<![\w.])({_NUMBER})\s*({_SHORT_UNITS})(?![\w])")


def without_unit_letters(
    line: str,
    measures: frozenset[str],
    letters: frozenset[str],
    asked: frozenset[str],
    power: int | None = None,
) -> str:
    """line with each unit abbreviation the prompt measures in (`34 m` for a garden of 12 meters, `60 m²`)
    taken off the number it follows where it closes a clause, so that it is never read as a variable
    (`34m`); the number stays, and is read as it would be alone (`60 m or 61 m` is `60 or 61`, two
    values). Not in a line that writes two units of one kind (`2 km = 2000 m`: a conversion, left as it
    is) or a unit inside its arithmetic, nor for a letter the prompt uses as a variable (letters), nor for a
    unit of the kind the question asks in another unit (asked: the question's unit words; `8 cm` for "in
    meters?" keeps its unit, and is refused as an answer in the wrong unit), nor for a length to another
    power than the question asks (power, units.py: `60 cm³` or `60 cm` for an area keeps its unit)."""
    if not measures:
        return line
    asked_names = {_UNITS[word] for word in asked if word in _UNITS}
    named = {_UNITS.get(m.group(3).lower(), m.group(3).lower()) for m in _NUMBER_AND_UNIT.finditer(line)}
    if any(len(named & kind) > 1 for kind in _SAME_KIND):
        return line
    if len(_ABBREVIATED.findall(line)) != len(_ANY_ABBREVIATED.findall(line)):
        return line  # `12 m × 5 m = 60 m²`: units on the operands too, left to the chain reader as a whole

    def bare(match: re.Match[str]) -> str:
        written = match.group(2)
        name = _UNITS.get(written.lower())
        if name is None or name not in measures or written in letters or written.lower() in letters:
            return match.group(0)
        kind = next((k for k in _SAME_KIND if name in k), frozenset({name}))
        if asked_names & kind and name not in asked_names:
            return match.group(0)
        if power is not None and name in _SAME_KIND[0] and _power_of(match.group(3)) != power:
            return match.group(0)
        return match.group(1)

    return _ABBREVIATED.sub(bare, line)


# a unit the prompt measures in, raised to a power, after a number: `60 cm^(3)`, `24 m²`
_POWERED = re.compile(rf"(?<![\w.])({_NUMBER})\s*({_UNIT_WORD})\s*(?:\^\s*\(?\d+\)?|[²³])", re.I)


def with_powered_units_marked(line: str, measures: frozenset[str], letters: frozenset[str], mark: str) -> str:
    """line with each unit of the prompt that still follows a number raised to a power replaced by mark:
    the readers above took off the powers the question asks (`60 cm²` for an area), and a result written
    in another (`12 × 5 = 60 cm³` for an area) is no value in the unit asked, never the number alone."""
    if not measures:
        return line

    def marked(match: re.Match[str]) -> str:
        written = match.group(2)
        if _UNITS.get(written.lower()) not in measures or written in letters:
            return match.group(0)
        return f"{match.group(1)} {mark} "

    return _POWERED.sub(marked, line)


# a rate the prompt says in words: `5 km every day`, `25 pages a day`, `$12 per hour` (unit, then per what)
_RATE_IN_WORDS = re.compile(
    rf"(?<![\w.])({_NUMBER})\s*({_UNIT_WORD})\s+(?:per|each|every|a|an)\s+({_UNIT_WORD})\b", re.I
)
# a product in a chain: `4 days × 5 km = 20 km`
_PRODUCT = re.compile(r"[×*·]")


def prompt_rates(prompt: str) -> frozenset[tuple[str, str, str]]:
    """The rates a prompt says in words, as (number, unit, per unit): `5 km every day` → (5, km, day)."""
    found = set()
    for match in _RATE_IN_WORDS.finditer(prompt):
        unit, per = _UNITS.get(match.group(2).lower()), _UNITS.get(match.group(3).lower())
        if unit is not None and per is not None and unit != per:
            found.add((match.group(1), unit, per))
    return frozenset(sorted(found)[:MAX_RATES])


MAX_RATES = 16


def with_rates_written(line: str, rates: frozenset[tuple[str, str, str]]) -> str:
    """line with a rate the prompt says in words written as one (`5 km` → `5 km/day` for "5 km every
    day") in a product chain that also writes what it is per (`4 days × 5 km = 20 km`): the chain reader
    then holds its units to each other (`4 days × 5 km = 20 days` still does not agree)."""
    if not rates or "=" not in line or not _PRODUCT.search(line):
        return line
    for number, unit, per in rates:
        if not any(_UNITS.get(m.group(3).lower()) == per for m in _NUMBER_AND_UNIT.finditer(line)):
            continue
        pattern = re.compile(rf"(?<![\w.]){re.escape(number)}\s*({_UNIT_WORD})(?![\w/])(?!\s+per\b)", re.I)
        line = pattern.sub(functools.partial(_per, number=number, unit=unit, per=per), line)
    return line


def _per(match: re.Match[str], number: str, unit: str, per: str) -> str:
    written = match.group(1)
    return f"{number} {written}/{per}" if _UNITS.get(written.lower()) == unit else match.group(0)


def _power_of(written: str | None) -> int:
    """The power a unit is written to (`²`, `^2`, `^(3)`); 1 when none."""
    if not written:
        return 1
    return 3 if "3" in written or "³" in written else 2


def with_unit_letters_marked(line: str, measures: frozenset[str], letters: frozenset[str], mark: str) -> str:
    """line with each one-letter unit the prompt measures in that still follows a number (the readers
    above took off those they could place) replaced by mark: `1 L = 1000 mL` for a prompt in mL and liters
    is a conversion, never the equation 1·L = 1000 in a variable L. A letter the prompt itself uses as a
    variable (letters) is left alone. Call it after every reader of units."""
    if not measures:
        return line

    def marked(match: re.Match[str]) -> str:
        written = match.group(2)
        name = _UNITS.get(written.lower())
        if len(written) > 1 or name not in measures or written in letters or written.lower() in letters:
            return match.group(0)  # (a longer abbreviation is a word to the grammar, never a variable)
        return f"{match.group(1)} {mark} "

    return _ABBREVIATED_ANY_CASE.sub(marked, line)


# `1 L`, `1000 mL`, `2 KM`: as written, in any case
_ABBREVIATED_ANY_CASE = re.compile(_ANY_ABBREVIATED.pattern, re.I)


def without_agreeing_units(line: str, measures: frozenset[str], counted: frozenset[str] = frozenset()) -> str:
    """line with the units of each chain whose units agree taken off (see the module), when every unit it
    writes is one the prompt measures in (`3 boxes × 12 cm = 36 cm` for pencils says what the prompt does
    not) or a thing it counts (counted: `15 pages/day × 14 days = 210 pages`, each thing a unit of its
    own)."""
    if "=" not in line:
        return line
    if counted:
        # only the chains with a counted thing in them: the caller reads any other line as before
        written, slots = _with_counted_as_units(line, counted)
        if not slots:
            return line
        bare = without_agreeing_units(written, measures | slots)
        return line if any(slot in bare for slot in slots) else bare
    alone = _FORMULA_ALONE.match(line) or _sum_formula(line)
    if alone is not None:
        # `Distance = speed × time` on its own line: true when its words measure alike (below), and then it
        # says nothing the checker must hold a later line to (nor does it name the next line's result)
        named, said = _formula_kinds(alone.group("label")), _sum_kinds(alone.group("formula"))
        return _FORMULA_SAID if named is not None and named == said else line
    formula = _WORD_FORMULA.match(line)
    if formula is not None and not re.search(r"[A-Za-z]", line[formula.end() :].split("=")[0]):
        # `Distance = speed × time = 60 × 3 = 180 miles`: the formula in words, then the bare arithmetic it
        # names; the formula goes when it is true
        named = _formula_kinds(formula.group("label"))
        said = _formula_kinds(line[formula.end("label") : formula.end()])
        if named is not None and named == said:
            return line[: formula.end("label")] + line[formula.end() :]
        return line
    if not re.search(rf"\d\s*(?:\\,|~)?\s*(?:{_UNIT_WORD})(?![\w])", line, re.I):
        return line
    if formula is not None:
        # `Speed = distance / time = 120 km / 2 hours = 60 km/h`: the formula in words names the chain, whose
        # units say the same; it goes with the units, when they agree
        rest = line[formula.end() :]
        bare = _CHAIN.sub(lambda match: _bare_if_agreeing(match, measures), rest, count=1)
        chain = _CHAIN.match(rest)
        said = _formula_kinds(line[formula.end("label") : formula.end()])
        named = _formula_kinds(formula.group("label"))
        if named is not None and named != said:
            return line  # `Distance = distance / time = ...`: the name and the formula disagree
        if bare != rest and chain is not None and said is not None and said == _chain_kinds(chain.group(0)):
            return line[: formula.end("label")] + bare
        return line  # a formula in words that says another kind of quantity (`speed = distance × time`)
    return _CHAIN.sub(lambda match: _bare_if_agreeing(match, measures), line)


_COUNTED_WORD = re.compile(r"(?<=\d)(\s*/\s*|\s+per\s+|\s+)([A-Za-z]{2,})\b|(?<=/)([A-Za-z]{2,})\b")


def _with_counted_as_units(line: str, counted: frozenset[str]) -> tuple[str, frozenset[str]]:
    """line with each counted thing written after a number or a `/` (`15 pages/day`, `$3/pencil`) spelled as
    a unit slot, one slot per thing (its singular and plural forms alike), and the slots used."""
    slot_of: dict[str, str] = {}

    def slot(word: str) -> str | None:
        lower = word.lower()
        if lower not in counted or lower in _UNITS:
            return None
        key = _singular(lower)
        if key not in slot_of:
            if len(slot_of) == len(_COUNT_SLOTS):
                return None
            slot_of[key] = _COUNT_SLOTS[len(slot_of)]
        return slot_of[key]

    def written(match: re.Match[str]) -> str:
        if match.group(3):
            name = slot(match.group(3))
            return name if name is not None else match.group(0)
        name = slot(match.group(2))
        return f"{match.group(1)}{name}" if name is not None else match.group(0)

    line = _COUNTED_WORD.sub(written, line)
    return line, frozenset(slot_of.values())


def formula_alone(line: str) -> bool:
    """Whether line is a formula in words and nothing else, whose words measure alike (`Number of days =
    total pages ÷ pages per day`)."""
    bare = line.replace("**", "")
    alone = _FORMULA_ALONE.match(bare) or _sum_formula(bare)
    if alone is None:
        return False
    named = _formula_kinds(alone.group("label"))
    return named is not None and named == _sum_kinds(alone.group("formula"))


_WORDS = r"[A-Za-z][A-Za-z ]{0,30}"
# a line's own label before a formula: `Step 2:`, `1.`, `- `, `Formula:`
_LEAD = r"(?P<lead>\s*(?:step\s*\d{1,3}\s*[:.)]|\d{1,3}[.)]|[-*•+]|[A-Za-z]{1,20}:)\s*)?"
_WORD_FORMULA = re.compile(
    rf"^{_LEAD}(?P<label>\s*{_WORDS}=\s*){_WORDS}(?:[*/×÷]\s*{_WORDS}){{1,3}}=\s*", re.I
)
_FORMULA_SAID = "The formula in words."  # what such a line reads as: prose
# a formula in words and nothing else: `Distance = speed × time`, `Time = distance ÷ speed.`
_FORMULA_ALONE = re.compile(
    rf"^{_LEAD}(?P<label>\s*{_WORDS})=\s*(?P<formula>{_WORDS}(?:[*/×÷]\s*{_WORDS}){{1,3}})[.:]?\s*$", re.I
)


# a sum in words, with whole numbers as factors and parentheses: `Perimeter = 2 × (length + width)`,
# `Perimeter = 4 × side`
_SUM_FORMULA_ALONE = re.compile(
    rf"^{_LEAD}(?P<label>\s*{_WORDS})=\s*"
    rf"(?P<formula>(?=[^A-Za-z]*[A-Za-z])[A-Za-z\d ()*×·+]{{3,80}}?)[.:]?\s*$",
    re.I,
)


def _sum_formula(line: str) -> re.Match[str] | None:
    """A sum formula in words alone on its line, its words all words (`x = x + x` is algebra, and false)."""
    found = _SUM_FORMULA_ALONE.match(line)
    if found is None:
        return None
    said = found.group("label") + " " + found.group("formula")
    return None if any(len(word) < 3 for word in re.findall(r"[A-Za-z]+", said)) else found


def _sum_kinds(text: str) -> Units | None:
    """What a formula's words measure when each of its terms measures it (`2 × (length + width)`: L; a
    whole number is a count, and measures nothing), or None when the terms measure unlike things."""
    if "+" not in text:
        return _formula_kinds(text)
    if not re.search(r"[A-Za-z]", text) or text.count("(") != text.count(")") or text.count("(") > 1:
        return None
    terms = re.split(r"\s*\+\s*", text.replace("(", " ").replace(")", " "))
    kinds = {_formula_kinds(term) for term in terms}
    if len(kinds) != 1 or None in kinds or not re.search(r"[A-Za-z]", terms[0]):
        return None
    return kinds.pop()


# what a formula's words measure, as powers of length and time (`distance / time`: L/T)
_KINDS = {"distance": {"L": 1}, "time": {"T": 1}, "speed": {"L": 1, "T": -1}}
# lengths of a figure, its area and volume (`Area = length × width`, `Volume = length × width × height`)
_KINDS |= {
    word: {"L": 1} for word in ("length", "width", "height", "depth", "breadth", "side", "base", "perimeter")
}
_KINDS |= {"area": {"L": 2}, "volume": {"L": 3}}
_UNIT_KINDS = {"km": "L", "m": "L", "cm": "L", "mm": "L", "mi": "L", "ft": "L", "yd": "L"}
_UNIT_KINDS |= {"h": "T", "min": "T", "s": "T", "day": "T", "week": "T"}


def _formula_kinds(text: str) -> Units | None:
    """What a formula's words measure: `distance / time` → L/T; any other noun counts itself (`total pages
    ÷ pages per day` → day, `Number of days` → day), `per` dividing by the noun after it."""
    found: Counter[str] = Counter()
    sign, per = 1, False
    for token in re.findall(r"[A-Za-z]+|[*/×÷]", text):
        if token in "*/×÷":
            sign = -1 if token in "/÷" else 1
            continue
        lower = token.lower()
        if lower == "per":
            per = True
            continue
        if lower in _FORMULA_FILLER:
            continue
        kinds = _KINDS.get(lower) or {_singular(lower): 1}
        power = -sign if per else sign
        per = False
        for kind, times in kinds.items():
            found[kind] += power * times
    return None if per else _frozen(found)


# words of a formula that name no quantity (`Total pages`, `Number of days`, `Average speed`)
_FORMULA_FILLER = frozenset({"total", "number", "of", "the", "a", "an", "amount", "average", "overall"})


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _chain_kinds(chain: str) -> Units | None:
    """What the first side of a chain measures, as powers of length and time; None for other units."""
    side: list[tuple[str, str]] = []
    for piece in _PIECE.finditer(chain):
        if piece.lastgroup == "eq":
            break
        side.append((piece.lastgroup or "", piece.group(0)))
    units = _side_units(side)
    if units is None:
        return None
    found: Counter[str] = Counter()
    for name, power in units:
        if name not in _UNIT_KINDS:
            return None
        found[_UNIT_KINDS[name]] += power
    return _frozen(found)


def _bare_if_agreeing(match: re.Match[str], measures: frozenset[str]) -> str:
    chain = match.group(0)
    line = match.string
    before = line[: match.start()]
    if (_MATH_BEFORE.search(before) and not _LABEL.match(before)) or _MATH_AFTER.match(line[match.end() :]):
        return chain
    sides: list[list[tuple[str, str]]] = [[]]  # each side: (kind, text) pieces
    at = 0
    while at < len(chain):
        piece = _PIECE.match(chain, at)
        if piece is None or piece.end() == at:
            return chain
        kind = piece.lastgroup or ""
        if kind == "eq":
            sides.append([])
        else:
            sides[-1].append((kind, piece.group(0)))
        at = piece.end()
    measured = [_side_units(side) for side in sides]
    if any(m is None for m in measured) or len(set(measured)) != 1:
        return chain
    written = {
        name
        for kind, text in (p for side in sides for p in side)
        if kind != "op"
        for name in _named(kind, text)
    }
    if not written <= measures:
        return chain
    if not any(_has_unit(text) for side in sides for kind, text in side if kind != "op"):
        return chain
    return " = ".join("".join(_bare(kind, text) for kind, text in side).strip() for side in sides)


def _side_units(side: list[tuple[str, str]]) -> Units | None:
    """What a side measures, or None when its sums add unlike things (or it is not a product of terms)."""
    sums: list[Units] = []
    product: Counter[str] = Counter()
    sign = 1
    outer: list[tuple[list[Units], Counter[str], int]] = []  # the sides around each open parenthesis
    for kind, text in side:
        if kind == "open":
            outer.append((sums, product, sign))
            sums, product, sign = [], Counter(), 1
            continue
        if kind == "close":
            sums.append(_frozen(product))
            if not outer or len(set(sums)) != 1:
                return None  # a parenthesis closed that never opened, or a sum of unlike things in it
            inner = sums[0]
            sums, product, sign = outer.pop()
            for name, power in inner:
                product[name] += sign * power
            continue
        if kind == "op":
            op = text.strip()
            if op in ("+", "-", "−"):
                sums.append(_frozen(product))
                product, sign = Counter(), 1
            else:
                sign = -1 if op in ("/", "÷", "\\div") else 1
            continue
        units = _frac_units(text) if kind == "frac" else _term_units(text)
        for name, power in units.items():
            product[name] += sign * power
    if outer:
        return None
    sums.append(_frozen(product))
    return sums[0] if len(set(sums)) == 1 else None


def _frac_units(text: str) -> Counter[str]:
    top, bottom = re.findall(r"\{([^{}]*)\}", text)
    units = _term_units(top)
    units.subtract(_term_units(bottom))
    return units


def _term_units(text: str) -> Counter[str]:
    found = _TERM_PARTS.match(text.strip())
    units: Counter[str] = Counter()
    if found is not None and found.group("powered"):
        # `120 m²`: the unit counted as often as its power says (a compound speed has no power)
        word, power = found.group("powered").lower(), found.group("power")
        if word in _COMPOUND:
            return units
        units[_UNITS.get(word, "")] += 3 if "3" in power or "³" in power else 2
        return units
    if found is None or not found.group("unit"):
        return units
    words = re.split(r"\s*/\s*|\s+per\s+", found.group("unit").lower())
    for sign, word in zip((1, -1), words, strict=False):
        for name in _COMPOUND.get(word, (_UNITS.get(word, ""),))[:1]:
            units[name] += sign
        if word in _COMPOUND:
            units[_COMPOUND[word][1]] -= sign
    return units


def _named(kind: str, text: str) -> set[str]:
    """The units a piece writes, by name (`km/h` → km, h)."""
    units = _frac_units(text) if kind == "frac" else _term_units(text)
    found = set(units)
    if kind == "frac":
        for part in re.findall(r"\{([^{}]*)\}", text):
            found |= set(_term_units(part))
    else:
        found |= {n for word in re.findall(r"[A-Za-z]+", text) for n in _COMPOUND.get(word.lower(), ())}
    return found


def _frozen(units: Counter[str]) -> Units:
    return frozenset((name, power) for name, power in units.items() if power)


def _has_unit(text: str) -> bool:
    return re.search(rf"\d\s*(?:\\,|~)?\s*(?:{_UNIT_WORD})(?![\w])", text, re.I) is not None


def _bare(kind: str, text: str) -> str:
    """A piece without its unit: `120 km` → `120`, `\\frac{120 km}{2 h}` → `\\frac{120}{2}`."""
    if kind == "op":
        return f" {text.strip()} "
    if kind in ("open", "close"):
        return text.strip()
    if kind == "frac":
        top, bottom = re.findall(r"\{([^{}]*)\}", text)
        return f"\\frac{{{_number(top)}}}{{{_number(bottom)}}}"
    return _number(text)


def _number(text: str) -> str:
    found = _TERM_PARTS.match(text.strip())
    return found.group("number") if found else text


__all__ = ["formula_alone", "prompt_rates", "with_rates_written", "without_agreeing_units"]
