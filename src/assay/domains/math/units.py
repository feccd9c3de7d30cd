"""The unit a word problem asks its answer in, and model text with that unit taken off its numbers.

"How many students walk?" is answered "8 students", "How much do they cost in dollars?" is answered
"$26": the unit names the quantity asked for and leaves the number as it is. Any other unit after a
number changes what the number means (`8 cm` for a length asked in meters, `26 cents` for a price asked
in dollars, `$26` for one asked in cents), so only the asked unit is taken off; every other unit word
stays, and the answer reader refuses a value with words after it that it does not know (answer_math.py).

The asked unit is read from the question's own words, never guessed:

- `how many <noun>` (`how many students`, not the modifiers `how many more`, `how many times`),
- `in <unit>` that ends the question (`... in dollars?`, `... in meters?`),
- a price in dollars (`$4`, `4 dollars`) in a prompt that speaks of no cents: `$` before a number and
  `dollars` after it,
- `how old` (years), and a metric or time unit's usual abbreviation beside its name (`m` for `metres`,
  `kilometres` for `km`): the same unit written two ways.

A `$` before a number is also a LaTeX delimiter (`$26$`); one with no closing `$` (pandoc's rule: the
closing one touches the math and is not followed by a digit) is currency. Currency in a prompt that
speaks of cents is a different unit than the reference may be in, so it becomes a character the math
grammar refuses, unless the question asks in dollars. Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.after_answer import numbers_in
from assay.domains.math.given_actions import given_actions
from assay.domains.math.unit_chains import prompt_measures, prompt_rates

_HOW_MANY = re.compile(
    r"\bhow\s+many\s+(?:(?:more|fewer|less|extra|additional|total|whole|full|other|different|new)\s{1,3}){0,3}"
    r"([A-Za-z]+)",
    re.I,
)
_IN_UNIT = re.compile(r"\bin\s+([A-Za-z]+)\s*\?", re.I)
# words after "how many" that modify the count or the question instead of naming a unit
_NOT_UNITS = frozenset(
    {
        *("more", "fewer", "less", "extra", "additional", "times", "total", "of", "the", "in"),
        *("do", "does", "did", "are", "is", "were", "was", "will", "would", "can", "could", "should"),
        *("must", "has", "have", "had", "percent", "percentage", "per", "each"),
        *("pi", "sqrt", "squared", "cubed", "and", "or", "all", "it", "them", "there", "here", "now"),
    }
)
_DOLLARS = re.compile(r"\$\s?\d|\bdollars?\b|\busd\b", re.I)
_CENTS = re.compile(r"\bcents?\b|¢|\bpenn(?:y|ies)\b", re.I)
_HOW_OLD = re.compile(r"\bhow\s+old\b", re.I)
# one unit, two spellings (a unit's other abbreviations, `hr`, `sec`, are left alone: unread)
_SAME_UNIT = (
    frozenset({"metre", "metres", "meter", "meters", "m"}),
    frozenset({"kilometre", "kilometres", "kilometer", "kilometers", "km"}),
    frozenset({"centimetre", "centimetres", "centimeter", "centimeters", "cm"}),
    frozenset({"millimetre", "millimetres", "millimeter", "millimeters", "mm"}),
    frozenset({"kilogram", "kilograms", "kg"}),
    frozenset({"gram", "grams", "g"}),
    frozenset({"litre", "litres", "liter", "liters", "l"}),
)
_HOW_FAR = re.compile(r"\bhow\s+far\b", re.I)
# the units of length, one family per unit (a prompt that names two of them asks in neither for sure)
_LENGTHS = (
    *_SAME_UNIT[:4],
    frozenset({"mile", "miles"}),
    frozenset({"foot", "feet"}),
    frozenset({"yard", "yards"}),
    frozenset({"inch", "inches"}),
)


def _word_in(word: str, text: str) -> bool:
    return re.search(rf"\d\s*{re.escape(word)}(?!\w)", text, re.I) is not None


_CURRENCY = re.compile(r"\\?\$(?=\s?\d)")  # `$5`, and LaTeX's escaped `\$5`
_WHAT_PERCENT = re.compile(
    r"\bwhat\s+(?:percent(?:age)?|%)(?!\w)|\bhow\s+many\s+percent\b"
    r"|\b(?:as|into)\s+a\s+percent(?:age)?\b|\bin\s+percent\b"  # `Write 3/8 as a percent.`
    # `What was the percent decrease?`, `Find the percentage increase.`: a change asked in percent
    r"|\b(?:what|find|calculate|compute|determine)\s+(?:was|is|will\s+be\s+)?\s*(?:the\s+)?"
    r"percent(?:age)?\s+(?:increase|decrease|change|discount|gain|loss|growth|drop|rise|markup|error)\b",
    re.I,
)
_PERCENT_WORD = re.compile(r"(\d)\s*percent\b", re.I)
_PERCENT_VALUE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:\\?%)\s*$")
REFUSED = "\u02cc"  # a character outside the math grammar: the reader refuses what holds it
MAX_UNITS = 16


@dataclass(frozen=True)
class AskedUnits:
    """The unit words the question asks its answer in (lower case, singular and plural), and whether a
    `$` before a number is the asked currency (True), a currency other than the asked one (False), or
    not a matter of the prompt at all (None: a `$` stays what it was, a LaTeX delimiter)."""

    words: frozenset[str] = frozenset()
    dollars: bool | None = None
    percent: bool = False  # "What percent of 80 is 20?": the answer is a number of percent
    # the nouns the prompt counts with (`3 boxes`, `12 pencils`): inside an arithmetic chain they name
    # what a number counts (`3 boxes × 12 pencils = 36 pencils`), see `without_counted_nouns`
    counted: frozenset[str] = frozenset()
    # the words of the question sentence (`How many total meters does he run a week?`): a closing
    # sentence may end with them (`James runs 540 meters a week.`, answer_sentence.py)
    question: frozenset[str] = frozenset()
    # the period the question asks the answer for (`every day`, `per week`, `each month`)
    periods: tuple[str, ...] = ()
    # the question sentence itself, lower case, its spaces single (`how many students do not wear glasses?`)
    asked: str = ""
    # the words of the whole prompt, lower case (`Albert eats 48 pieces of pizza.`: what the pieces are of)
    nouns: frozenset[str] = frozenset()
    # the units the prompt measures in, by name (unit_chains.py): `120 km in 2 hours` → km, h
    measures: frozenset[str] = frozenset()
    # the one-letter names the prompt uses as variables (`Solve for m`), not as units after a number
    letters: frozenset[str] = frozenset()
    # the prompt writes a negative number (`-3 degrees`): an answer below zero may be meant
    signed: bool = False
    # the power of a length the question asks: 2 for an area, 3 for a volume, 1 for a length (a
    # perimeter, a distance), None when it names none (`60 cm³` for an area is in no unit it asks)
    power: int | None = None
    # the rates the prompt says in words (`5 km every day`: 5, km, day), unit_chains.py
    rates: frozenset[tuple[str, str, str]] = frozenset()
    # the verbs the prompt's givens follow and the question does not ask with (`gives away 7`), stemmed
    # (given_actions.py): a closing sentence that says its number was done that way names another quantity
    acts: frozenset[str] = frozenset()
    # the values of the numbers the prompt writes: a comment after the answer may name them (after_answer.py)
    given: frozenset[Fraction] = frozenset()
    # the spellings of a rate the question asks its answer in (`in km/h?`: km/h, km per hour, kph, ...)
    rates_asked: frozenset[str] = frozenset()
    # the choices a multiple-choice prompt lists, by letter (`(B) 36`: B, 36)
    options: frozenset[tuple[str, str]] = frozenset()
    # the prompt speaks of angles (`angle`, `degrees`, `°`): a `°` after a number is their unit
    angles: bool = False


def asked_units(prompt: str) -> AskedUnits:
    """The units the prompt's question asks for (see the module)."""
    words: set[str] = set()
    for match in _HOW_MANY.finditer(prompt):
        words |= _forms(match.group(1).lower())
    for match in _IN_UNIT.finditer(prompt):
        words |= _forms(match.group(1).lower())
    if _HOW_OLD.search(prompt):
        words |= {"year", "years"}
    if _HOW_FAR.search(prompt) and not words:
        # "How far does it travel?" in a prompt that measures length in km only: the answer is in km
        named = [family for family in _LENGTHS if any(_word_in(w, prompt) for w in family)]
        if len(named) == 1:
            words |= named[0]
    if not words:
        # "How much water is left?" in a prompt that measures water in liters only (`250 liters of water`)
        words |= _measured_substance(prompt)
    if not words:
        # "What was the temperature at noon?" in a prompt whose every number is in degrees
        words |= _sole_unit(prompt)
    for spellings in _SAME_UNIT:
        if words & spellings:
            words |= spellings
    dollars: bool | None = None
    if _CENTS.search(prompt) and words & {"dollar", "dollars"}:
        dollars = True  # "A bag costs 50 cents. How many dollars do 12 bags cost?": `$6` is in dollars
    elif _CENTS.search(prompt):
        dollars = False
        words -= {"dollar", "dollars"}
    elif _DOLLARS.search(prompt):
        dollars = True
        words |= {"dollar", "dollars"}
    percent = _WHAT_PERCENT.search(prompt) is not None
    counted: set[str] = set()
    for match in _COUNTED.finditer(prompt):
        counted |= _forms(match.group(1).lower())
    counted -= _MEASURES
    asked = _QUESTION.findall(prompt)
    question = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", asked[-1])) if asked else frozenset()
    return AskedUnits(
        frozenset(sorted(words)[:MAX_UNITS]),
        dollars,
        percent,
        frozenset(sorted(counted)[: 4 * MAX_UNITS]),
        frozenset(sorted(question)[:MAX_QUESTION_WORDS]),
        tuple(" ".join(m.lower().split()) for m in _PERIOD.findall(asked[-1]))[:MAX_UNITS] if asked else (),
        " ".join(asked[-1].lower().split())[:MAX_QUESTION] if asked else "",
        frozenset(w.lower() for w in re.findall(r"[A-Za-z]{2,}", prompt)[:MAX_PROMPT_WORDS]),
        prompt_measures(prompt),
        frozenset(m.group(1) for m in _LETTER.finditer(prompt)),
        _NEGATIVE.search(prompt) is not None,
        length_power(asked[-1]) if asked else None,
        prompt_rates(prompt),
        given_actions(prompt, " ".join(asked[-1].lower().split())) if asked else frozenset(),
        frozenset(sorted(numbers_in(prompt))[:MAX_GIVEN]),
        rates_asked=_rate_spellings(prompt),
        options=listed_options(prompt),
        angles=_ANGLES.search(prompt) is not None and _TEMPERATURE.search(prompt) is None,
    )


_ANGLES = re.compile(r"\bangles?\b|\bdegrees?\b|°", re.I)
_TEMPERATURE = re.compile(r"\btemperatures?\b|\b(?:celsius|fahrenheit|kelvin)\b|°\s*[CFK]\b", re.I)
# `80°`, `80^\circ` in a prompt about angles: the number, in degrees
DEGREE_SIGN = re.compile(r"(\d)\s*(?:°|\^\s*\{?\s*\\circ\s*\}?)(?!\s*[CFK]\b)")


# `(B) 36`: a choice's letter and its value, as a multiple-choice prompt lists them
OPTION = re.compile(r"\(([A-E])\)\s*(-?\d+(?:\.\d+)?)(?![\d,/%]|\.\d)")
MAX_OPTIONS = 5


def listed_options(prompt: str) -> frozenset[tuple[str, str]]:
    """The choices prompt lists (`(A) 24 (B) 36 (C) 48`), when it lists at least two, each letter once."""
    found = [(m.group(1), m.group(2)) for m in OPTION.finditer(prompt)][: MAX_OPTIONS + 1]
    letters = [letter for letter, _ in found]
    if not 1 < len(found) <= MAX_OPTIONS or len(set(letters)) != len(letters):
        return frozenset()
    return frozenset(found)


# "What is its average speed in km/h?", "... in miles per hour?": a rate asked for
_IN_RATE = re.compile(r"\bin\s+([A-Za-z]{1,12})\s*(?:/|\s+per\s+)\s*([A-Za-z]{1,8})\s*\?", re.I)
_RATE_TIMES = (
    frozenset({"h", "hr", "hour"}),
    frozenset({"s", "sec", "second"}),
    frozenset({"min", "minute"}),
)
# a rate's one-word names, by its (distance, time) spellings
_RATE_WORDS = {("km", "h"): ("kph", "km/hr"), ("mi", "h"): ("mph",), ("m", "s"): ()}


def _rate_spellings(prompt: str) -> frozenset[str]:
    """The ways to write the rate the question asks for, lower case (`km/h`, `km per hour`, `kilometers
    per hour`, `kph`): a number followed by one of them is in the asked unit."""
    found = _IN_RATE.search(prompt)
    if found is None:
        return frozenset()
    top, bottom = found.group(1).lower(), found.group(2).lower().rstrip("s") or found.group(2).lower()
    tops = next((family for family in _SAME_UNIT if top in family), frozenset({top}))
    if top in ("mile", "miles", "mi"):
        tops = frozenset({"mile", "miles", "mi"})
    bottoms = next((family for family in _RATE_TIMES if bottom in family), None)
    if bottoms is None:
        return frozenset()
    spellings = {f"{t}/{b}" for t in tops for b in bottoms} | {f"{t} per {b}" for t in tops for b in bottoms}
    short = next((t for t in tops if len(t) <= 2), "")
    for (t, b), words in _RATE_WORDS.items():
        if t == short and b in bottoms:
            spellings |= set(words)
    return frozenset(spellings)


def _without_rate_units(line: str, spellings: frozenset[str]) -> str:
    """`The average speed is 80 km/h.` → `The average speed is 80.` when km/h is the rate asked: the unit
    after the number that ends the line."""
    names = "|".join(re.escape(s).replace("\\ ", r"\s+") for s in sorted(spellings, key=len, reverse=True))
    return re.sub(
        rf"(\d(?:[\d,]*\d)?(?:\.\d+)?)((?:\s{{0,3}}(?:\}}|\$|\\\))){{0,4}})\s*(?:{names})(?=[\s.,;:!?)*_$}}\]]*$)",
        r"\1\2",
        line,
        flags=re.I,
    )


# the spellings of units of length (a length squared is an area, cubed a volume)
LENGTH_UNITS = frozenset(
    "m cm mm km metre metres meter meters centimetre centimetres centimeter centimeters millimetre "  # noqa: SIM905
    "millimetres millimeter millimeters kilometre kilometres kilometer kilometers inch inches foot feet ft "
    "yard yards yd mile miles mi".split()
)
# what a question asks for, by the power of a length it measures
# (`square` as a unit's word, not a shape: "How many meters of fence does the square garden need?")
_AREA = re.compile(
    r"\barea\b|\b(?:square|sq\.?)\s+(?:met|centimet|millimet|kilomet|feet|foot|inch|yard|mile|units?\b"
    r"|cm\b|mm\b|km\b|m\b|ft\b|in\b|yd\b|mi\b)|²|\^\s*\(?2",
    re.I,
)
_VOLUME = re.compile(r"\b(?:volume|cubic|capacity)\b|³|\^\s*\(?3", re.I)
_LENGTH = re.compile(
    r"\b(?:perimeter|length|long|distance|far|wide|width|tall|height|high|deep|depth|circumference"
    r"|radius|diameter|side)\b",
    re.I,
)


def length_power(question: str) -> int | None:
    """2 when the question asks for an area, 3 for a volume, 1 for a length; None for none or several."""
    powers = {
        power for power, pattern in ((2, _AREA), (3, _VOLUME), (1, _LENGTH)) if pattern.search(question)
    }
    return powers.pop() if len(powers) == 1 else None


_NEGATIVE = re.compile(r"(?:^|(?<=[\s(:]))[-−]\s?\d")
_HOW_MUCH = re.compile(r"\bhow\s+much\s+([A-Za-z]{2,})\b", re.I)
_OF_SUBSTANCE = r"(?<![\w.])\d+(?:,\d{{3}})*(?:\.\d+)?\s+([A-Za-z]+)\s+of\s+{0}\b"


def _measured_substance(prompt: str) -> set[str]:
    """The unit of "how much X" when the prompt measures X in one unit only (`250 liters of water`, and
    no other unit `of water`), its spellings; else none. A unit of measure only (not `3 cups of flour`,
    not `3 dozen of eggs`)."""
    asked = _HOW_MUCH.search(prompt)
    if asked is None or asked.group(1).lower() in _NOT_UNITS | _MEASURES:
        return set()
    pattern = re.compile(_OF_SUBSTANCE.format(re.escape(asked.group(1))), re.I)
    units = {m.group(1).lower() for m in pattern.finditer(prompt)}
    families = {next((f for f in (*_SAME_UNIT, *_VOLUMES) if u in f), frozenset({u})) for u in units}
    if len(families) != 1:
        return set()
    (family,) = families
    return set(family) if family <= _MEASURES - _MULTIPLIERS else set()


# "What was the temperature ...?", "What is her final depth?": a quantity asked by its name
_WHAT_IS_THE = re.compile(r"\bwhat\s+(?:is|was|will\s+be)\s+(?:the|his|her|its|their)\b[^.!?]*\?", re.I)


def _sole_unit(prompt: str) -> set[str]:
    """The unit of "what is the X?" when the prompt says one word after its numbers, always the same
    (`-3 degrees`, `11 degrees`): the answer is in it; else none. No number of the prompt may stand
    without its word, which could be of another kind."""
    if _WHAT_IS_THE.search(prompt) is None:
        return set()
    numbers = _ANY_NUMBER.findall(prompt)
    said = [_forms(m.group(1).lower()) for m in _COUNTED.finditer(prompt)]
    if not said or len(said) != len(numbers) or not said[0] or any(f != said[0] for f in said):
        return set()
    return said[0] - _MULTIPLIERS


# every number the prompt writes (`-3`, `2.5`, `1,000`), for _sole_unit
_ANY_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w.]\d)")
# a letter standing alone, not right after a number (`for m`, `m + 3`; not `5 m`)
_LETTER = re.compile(r"(?<![\d\w.])(?<!\d\s)([A-Za-z])(?![\w'’])")
_QUESTION = re.compile(r"[^.!?]*\?")
_PERIOD = re.compile(r"\b(?:every|each|per|a)\s+(?:day|week|month|year|hour|minute)\b", re.I)
MAX_QUESTION_WORDS = 60
MAX_PROMPT_WORDS = 400
MAX_QUESTION = 400  # characters of the question sentence kept
MAX_GIVEN = 400  # values of the prompt's numbers kept


_COUNTED = re.compile(r"(?<![\w.])\d+\s+([A-Za-z]{2,})\b")
# units of measure (a conversion between two of them changes the number: `2 m = 200 cm`) and words that
# multiply a number are never counted nouns: a chain that writes one keeps it, and the reader refuses it
_MEASURES = frozenset(
    "m cm mm km metre metres meter meters g kg mg gram grams kilogram kilograms l ml litre litres liter "  # noqa: SIM905
    "liters s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week weeks "
    "month months year years dollar dollars cent cents percent inch inches foot feet mile miles "
    # words that multiply the number they follow (`3 dozen` is 36)
    "dozen dozens hundred hundreds thousand thousands million millions billion billions pair pairs "
    "score half halves times twice".split()
)
_MULTIPLIERS = frozenset(
    "dozen dozens hundred hundreds thousand thousands million millions billion billions pair pairs "  # noqa: SIM905
    "score half halves times twice percent".split()
)
_VOLUMES = (
    frozenset({"l", "litre", "litres", "liter", "liters"}),
    frozenset({"ml"}),
)
MEASURE_WORDS = _MEASURES  # for readers of answers: a value followed by one it was not asked in is unread
_COUNTED_IN_CHAIN = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s+([A-Za-z]{2,})(?:/([A-Za-z]{2,}))?\b(?=\s*(?:[-+*/×÷=)]|<<|[.,;]?\s*$|[.,;]\s))"
)


# `× $3 each`, `$3 apiece ×`, `× $3/pencil`, `× $3 per pencil`: a price said of one thing, a factor of a
# product written with its operator (`7 pencils at $3 each = $21` says the product in words: left unread)
_PRICE_OF_ONE = re.compile(
    r"(?:(?<=[×*·])|(?<=[×*·]\s))"
    r"(\$\s?\d+(?:\.\d+)?)(?:\s+(?:each|apiece)\b|\s*(?:/|\s+per\s+|\s+an?\s+)([A-Za-z]{2,})\b)"
    r"(?=\s*(?:[-+*/×÷=)]|<<|[.,;]?\s*$|[.,;]\s))"
    r"|(\$\s?\d+(?:\.\d+)?)(?:\s+(?:each|apiece)\b|\s*(?:/|\s+per\s+|\s+an?\s+)([A-Za-z]{2,})\b)"
    r"(?=\s*[×*·])"
)


def without_counted_nouns(line: str, units: AskedUnits) -> str:
    """`3 boxes × 12 pencils/box = 36 pencils` as `3 × 12 = 36`: in a line with `=`, a noun the prompt
    counts with (never a unit of measure) after a number, before an operator, `=` or the line's end,
    names what the number counts and is taken off; any other word stays, for the reader to refuse."""
    if not units.counted or "=" not in line:
        return line

    def bare(match: re.Match[str]) -> str:
        nouns = [w.lower() for w in match.groups()[1:] if w]
        return match.group(1) if all(w in units.counted for w in nouns) else match.group(0)

    def price(match: re.Match[str]) -> str:
        # the thing it is the price of must be one the prompt counts (`$3 a week` is no price of one)
        value, noun = match.group(1) or match.group(3), match.group(2) or match.group(4)
        return value if noun is None or noun.lower() in units.counted else match.group(0)

    return _COUNTED_IN_CHAIN.sub(bare, _PRICE_OF_ONE.sub(price, line))


def percent_answer(answer: str | None, gold: str, units: AskedUnits) -> str | None:
    """`25%` as 25 when the question asks what percent and the reference is a bare number: the answer
    counts percent, which is what the reference counts (a reference written `25%` keeps both as they
    are). Anything else around the value leaves the answer as it was, for the answer reader to judge."""
    if answer is None or not units.percent or "%" in gold or "percent" in gold.lower():
        return answer
    return "\n".join(_in_percent(_PERCENT_VALUE.sub(r"\1", line)) for line in answer.split("\n"))


def _in_percent(line: str) -> str:
    """`100% − 60% = 40%` as `100 − 60 = 40`: arithmetic whose every number is a percentage counts in
    percent throughout; a line with any other number (`0.4 = 40%`) is left as it is."""
    if "%" not in line or not _PERCENT_ARITHMETIC.fullmatch(line):
        return line
    numbers = _NUMBER_IN_LINE.findall(line)
    if len(numbers) != len(_PERCENT_NUMBER.findall(line)):
        return line
    return _PERCENT_NUMBER.sub(r"\1", line)


_PERCENT_ARITHMETIC = re.compile(r"[\d.\s%+\-−*/×÷=()\\]{1,200}")
_NUMBER_IN_LINE = re.compile(r"\d+(?:\.\d+)?")
_PERCENT_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*\\?%")


def _forms(word: str) -> set[str]:
    """A noun's singular and plural spellings (`student`/`students`, `box`/`boxes`, `penny`/`pennies`);
    none for a modifier or a math word, nor for one letter, which may be a variable (`in m?` and `2m`)."""
    if len(word) < 2 or word in _NOT_UNITS:
        return set()
    forms = {word, word + "s", word + "es"}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("es"):
        forms |= {word[:-2], word[:-1]}
    elif word.endswith("s"):
        forms.add(word[:-1])
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


# the unit ends what the line says (`Answer: 8 students.`, `\boxed{8 \text{ students}}`); a unit with words
# after it (`29 pencils left`) is part of a sentence and stays, for the reader to judge as it always has
# (the number, a box or inline math closed after it: `\\boxed{260}$ miles`, the space, the unit)
_NUMBER_UNIT = re.compile(
    r"(\d(?:[\d,]*\d)?(?:\.\d+)?)((?:\s{0,3}(?:\}|\$|\\\)|\\\])){0,4})(\s*(?:\\,|~)?\s*)([A-Za-z]+)\b"
    # at the line's end (a check mark after it says it was checked: `72 clips. ✓`), or before a value
    # ruled out beside it (`29 apples, not 36.`, `29 apples (not 36)`)
    r"(?=[\s.,;:!?)*_$}\]✓✔✅☑]*(?:$|\(?\s*(?:and\s+|but\s+)?not\s+\$?\d[\d,.]*(?:\s+[A-Za-z]+)?[\s.,;:!?)*_$}\]]*$))"
)


def drop_units(line: str, units: AskedUnits) -> str:
    """The line with the asked unit taken off the number it follows at the line's end, and currency read
    (see the module)."""
    if units.words and any(c.isdigit() for c in line):
        # (a bare length for an area or a volume is not in the unit asked: `60 cm` for "What is its area?")
        flat = frozenset() if units.power in (2, 3) else units.words
        line = _NUMBER_UNIT.sub(
            lambda m: (
                m.group(1) + m.group(2)
                if m.group(4).lower() in units.words and m.group(4).lower() not in LENGTH_UNITS - flat
                else m.group(0)
            ),
            line,
        )
    if units.rates_asked and any(c.isdigit() for c in line):
        line = _without_rate_units(line, units.rates_asked)
    if units.percent and "percent" in line.lower():
        line = _PERCENT_WORD.sub(r"\1%", line)  # `25 percent` is `25%`, whatever follows
    if units.dollars is not None and "$" in line:
        line = _currency(line, units.dollars)
    return line


def _currency(line: str, asked: bool) -> str:
    out: list[str] = []
    last = 0
    for match in _CURRENCY.finditer(line):
        escaped = match.group().startswith("\\")
        if match.start() < last or (not escaped and _opens_math(line, match.start())):
            continue
        out.append(line[last : match.start()])
        out.append(" " if asked else REFUSED)
        last = match.end()
    out.append(line[last:])
    return "".join(out)


def _opens_math(line: str, start: int) -> bool:
    """Whether the `$` at start opens inline math: a later `$` closes it (a non-space before it, no
    digit after it)."""
    close = line.find("$", start + 1)
    while close >= 0:
        if not line[close - 1].isspace() and not line[close + 1 : close + 2].isdigit():
            return True
        close = line.find("$", close + 1)
    return False


__all__ = [
    "LENGTH_UNITS",
    "MEASURE_WORDS",
    "REFUSED",
    "AskedUnits",
    "asked_units",
    "drop_units",
    "length_power",
    "percent_answer",
    "without_counted_nouns",
]
