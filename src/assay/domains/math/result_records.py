"""What each value a word problem's steps compute counts, held to where the trace uses it later.

A number the prompt writes carries its noun (`16 eggs`: quotes.py), but a value a step computes carried
nothing: "Eggs sold: 16 − 3 = 13" then "Money: 13 − 4 = 9", or "The bakery makes 90 × 2 = $180 a day"
then "it bakes 180 × 7 = 1260 cookies", have true arithmetic, and the words say each line computes what it
does not. Each computed value gets a record of what it counts, read from the words of the line that
computed it: its currency sign or money unit (money), the noun right after its result, or a line label
(`Eggs sold:`, `Pages per year:`) whose one noun the prompt writes. A record is kept only when the line
says it plainly with a word the prompt writes; a value two lines give different records carries none.

A recorded value is then held to:

- a sum or difference that calls its result money when it adds or takes away a value that counts a thing
  or a time, or the other way round (an amount of money and eggs do not add);
- a product of an amount of money by plain counts that says its result counts a thing;
- the question: the answer's record must be what the question asks (`How many bags`, `How much money`)
  when both are known; two counted nouns only when the trace records the asked one elsewhere and the
  question does not name the answer's (`How many students are boys`).

Each is unknown, never passed; a value without a record changes nothing. Labels over rates a step
converts are held here too (`Pay per hour: 12 / 60` for `$12 an hour` is per minute; `Cookies per batch`
when the prompt names no batch). Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from fractions import Fraction

from assay.domains.math.chain_words import ChainWords
from assay.domains.math.label_dimensions import label_kind
from assay.domains.math.label_quantities import Chain
from assay.domains.math.quotes import noun_of

MONEY = "money"
_MONEY_UNITS = frozenset({"dollar", "cent", "euro", "buck", "penny", "pound sterling"})
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
# the conversions between units of time a step may multiply or divide by, and the units each is between
_CONVERSIONS: dict[Fraction, frozenset[str]] = {
    Fraction(7): frozenset({"day", "week"}),
    Fraction(24): frozenset({"hour", "day"}),
    Fraction(52): frozenset({"week", "year"}),
    Fraction(60): frozenset({"second", "minute", "hour"}),
    Fraction(365): frozenset({"day", "year"}),
    Fraction(12): frozenset({"month", "year"}),
}

_WORD = re.compile(r"[A-Za-z]+")
_QUESTION = re.compile(r"[^.?!]*\?")
_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:more\s+|fewer\s+|less\s+|total\s+|in\s+total\s+)?([a-z]+)", re.I)
_HOW_MUCH_MONEY = re.compile(
    r"\bhow\s+much\s+(?:money|(?:in\s+)?dollars|cash|change)\b"
    r"|\bhow\s+many\s+dollars\b"
    r"|\bhow\s+much\b[^?]*\b(?:earn|earns|earned|make|makes|made|pay|pays|paid|spend|spends|spent|cost|costs"
    r"|save|saves|saved|charge|charges|charged|owe|owes|owed|profit|income|revenue)\b",
    re.I,
)


# `$12 an hour`, `15 pages per day`, `3 times every week`: a number and the unit of time it is per
_TIME_RATE = re.compile(
    r"(?<![\d.])\$?\s?(\d+(?:\.\d+)?)\s+(?:[A-Za-z]+\s+){0,2}?(?:an?|per|each|every)\s+"
    r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)


def time_rates(prompt: str) -> dict[Fraction, frozenset[str]]:
    """The prompt's numbers that are per a unit of time, each with the units (`$12 an hour`: 12 → hour)."""
    found: dict[Fraction, set[str]] = {}
    for match in _TIME_RATE.finditer(prompt):
        found.setdefault(Fraction(match.group(1)), set()).add(noun_of(match.group(2)))
    return {value: frozenset(units) for value, units in found.items()}


def prompt_words(prompt: str) -> frozenset[str]:
    """Every word of the prompt that may say what a number is, singular: those it writes in lower case
    (`May`, `Janet` name a month and a person, not what a number counts)."""
    return frozenset(filter(None, (noun_of(word) for word in _WORD.findall(prompt) if word[0].islower())))


def question_asks(prompt: str) -> tuple[str, frozenset[str]]:
    """(what the prompt's last question asks for: a noun, `money`, or "" when the checker cannot tell,
    the words of that question)."""
    questions = _QUESTION.findall(prompt)
    if not questions:
        return "", frozenset()
    question = questions[-1]
    words = prompt_words(question)
    if _HOW_MUCH_MONEY.search(question):
        return MONEY, words
    many = _HOW_MANY.search(question)
    if many is None:
        return "", words
    noun = noun_of(many.group(1))
    if noun in _MONEY_UNITS:
        return MONEY, words
    return noun, words


def record_of(
    words: ChainWords, known: Collection[str], counted: Collection[str], priced: bool = False
) -> str:
    """What a chain's result counts, as its line says it (see the module), or "" when it is not plain: the
    unit on its result, else its label (`Large pizzas: 2 × 16 = 32 slices` counts slices).

    known: the words the prompt writes; counted: the nouns it writes after its numbers and the question's;
    priced: the chain multiplies by a price or a rate the prompt gives (`Pens: 4 × 3 = 12` for pens at $3
    each names what is bought, and its value is money: its label records nothing)."""
    if not words.placed:
        return ""
    if words.currency or words.unit in _MONEY_UNITS:
        return MONEY
    if words.unit:
        return words.unit if words.unit in known or words.unit in _TIME_UNITS else ""
    if not words.lead.rstrip().endswith(":"):
        return ""
    said = _label_record(words, counted)
    if len(said) != 1:
        return ""
    record = said.pop()
    return "" if priced and _kind(record) == "count" else record


def _label_record(words: ChainWords, known: Collection[str]) -> set[str]:
    """What a line's label (`Eggs sold:`, `Money:`, `Pages per year:`) says its result counts."""
    kind, _ = label_kind(words.full)
    if kind == MONEY:
        return {MONEY}
    full = words.full.split()
    if full[:1] in (["each"], ["every"], ["per"]):
        return set()  # `Each friend: 24 ÷ 4 = 6`: what each one gets, not friends
    if kind == "rate" and "per" in full:
        before = full[: full.index("per")]
        noun = noun_of(before[-1]) if len(before) == 1 else ""
        return {noun} if noun and (noun in known or noun in _TIME_UNITS) else set()
    if kind:
        return set()
    if len(full) == 1 and noun_of(full[0]) in _TIME_UNITS and full[0].endswith("s"):
        return {noun_of(full[0])}  # `Days: 2 × 7 = 14`
    nouns = [noun for noun in words.label if noun in known and noun not in _MONEY_UNITS]
    return {nouns[0]} if len(nouns) == 1 and len(full) <= 3 else set()


def _kind(record: str) -> str:
    if record == MONEY:
        return MONEY
    return "time" if record in _TIME_UNITS else "count"


def combined_wrongly(
    operators: str, result: str, operands: Collection[str], given_rates: bool, per_dollar: bool
) -> str | None:
    """Why a chain's result record does not follow from the records of the computed values it uses, or
    None. given_rates: a given number of the chain is a rate or a price; per_dollar: one is per dollar."""
    if not result or not operators:
        return None
    if set(operators) <= {"+", "-"}:
        for operand in operands:
            if operand and _kind(operand) != _kind(result) and MONEY in (operand, result):
                return f"adds or takes away {_named(operand)} and calls the result {_named(result)}"
    money_times_counts = MONEY in operands and not per_dollar and not given_rates
    if set(operators) == {"*"} and _kind(result) == "count" and money_times_counts:
        return f"multiplies an amount of money by counts and calls the result {_named(result)}"
    return None


def converted_rate(
    words: ChainWords,
    chain: Chain,
    per: Mapping[Fraction, frozenset[str]],
    known: Collection[str],
    written: Collection[object],
) -> str | None:
    """Why a label names a rate per one unit over a rate the chain converts to another (`Pay per hour:
    12 / 60` for `$12 an hour`), or per a thing the prompt never names (`Cookies per batch`), or None."""
    operators, given, divisors = chain.operators, chain.given, chain.divisors
    if not words.placed or not operators:
        return None
    kind, thing = label_kind(words.full)
    if kind != "rate" or not thing:
        return None
    thing = noun_of(thing)
    if thing not in known and thing not in _TIME_UNITS:
        # a rate comes of a division (`Cost per person: 60 / 4`), never of a product of counts alone
        if "/" in operators:
            return None
        return f"its label names a rate per {thing}, which the problem never names"
    if thing not in _TIME_UNITS:
        return None
    rated = any(thing in per.get(value, frozenset()) for value in given)
    for value in set(given) | set(divisors):
        units = _CONVERSIONS.get(value)
        if rated and units is not None and thing in units and value not in written:
            return f"its label names a rate per {thing}, but it converts one per {thing} by {value}"
    return None


def answer_not_asked(
    asked: str, question: Collection[str], record: str, recorded: Collection[str]
) -> str | None:
    """Why the answer's record is not what the question asks for, or None. Two counted nouns are told
    apart only when the trace itself records the one asked for elsewhere (`slices` for `How many pieces`
    may be its synonym) and the question does not name the answer's (`How many students are boys`).

    recorded: the records of every value the trace computed."""
    if not asked or not record or asked == record:
        return None
    if _kind(asked) == _kind(record) == "count" and (record in question or asked not in recorded):
        return None
    return f"the question asks for {_named(asked)}, but the answer's line says it counts {_named(record)}"


def _named(record: str) -> str:
    return "an amount of money" if record == MONEY else f"{record}s"


__all__ = [
    "MONEY",
    "answer_not_asked",
    "combined_wrongly",
    "converted_rate",
    "prompt_words",
    "question_asks",
    "record_of",
    "time_rates",
]
