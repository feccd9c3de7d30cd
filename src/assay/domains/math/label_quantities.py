"""What a word problem's step says its arithmetic counts, held to what the prompt says its numbers count.

"Cost of the notebooks: 4 × $3 = $12" for "pens at $3 each ... Maria buys 4 pens and 2 notebooks", or
"Eggs eaten and sold: 9 × 2 = 18" for "$2 per egg": the arithmetic is true and the answer may be right,
but the words say the line computes what it does not. The words are read around each chain wherever
the line writes them (chain_words.py: before it, after its result, in a table's first cell, on a label
line above), against the nouns the prompt writes after its numbers (`4 pens`: 4 counts pens) and its
rates (`$2 per egg`: 2 is per egg):

- words that name counted nouns of the prompt, over a product of given numbers alone that count only
  other ones (`Notebooks: 4 × 3` when 4 counts pens; a quotient may count something new: boxes = 48 ÷ 6,
  and a computed factor carries its own unit: 15 pages a minute × 8 minutes);
- a label or a result's unit that names what a rate in the product is *per* (`9 × 2 = 18 eggs` with $2
  per egg: eggs times dollars per egg are dollars);
- a sum or difference whose result's unit is not what its given numbers count (`16 - 3 - 4 = 9 dollars`
  when 16 counts eggs);
- an original (regular, full, list) price as the label of a computation: the prompt gives it.

Each is unknown, never passed, and so is a label written in letters outside the Latin alphabet. A label
or unit that names nothing the prompt counts is not judged here.
Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from assay.domains.math.chain_words import ChainWords, chain_words, foreign_letters, nouns_of
from assay.domains.math.label_dimensions import clashes, label_kind
from assay.domains.math.quotes import Quote, noun_of

# `$2 per fresh duck egg`, `$3 a box`, `12 pencils per box`: a number and what it is per
_RATE = re.compile(
    r"\$?\s?(?P<number>\d+(?:\.\d+)?)(?:\s+(?P<noun>[A-Za-z]+))?\s+"
    r"(?:(?:per|for each|each)\s+(?P<what>(?:[A-Za-z]+\s+){0,3}[A-Za-z]+)(?=\s*(?:[.,;:?!]|$))"
    r"|an?\s+(?P<one>[A-Za-z]+)(?=\s*(?:[.,;:?!]|$)))",
    re.I,
)
_ORIGINAL = re.compile(
    r"\b(?:original|regular|full|list|pre-?tax)\s+(?:price|cost)\b"
    r"|\b(?:price|cost)\s+(?:before|without|excluding)\s+(?:the\s+)?(?:tax|discount|sale|tip|markup)\b",
    re.I,
)


# `Pens cost $3 each`, `pens at $3 each`, `apples are $2 apiece`: the price of one thing
_PRICE = re.compile(
    r"\b(?P<noun>[A-Za-z]+)\s+(?:costs?|are|is|at|sells?\s+for|sold\s+for)\s+\$\s?(?P<number>\d+(?:\.\d+)?)"
    r"\s+(?:each|apiece|a\s+piece)\b",
    re.I,
)


class Chain(NamedTuple):
    """A chain of a step: the given numbers it computes with, its operators, its result (None when it is
    no one number), the given numbers it divides by, and the values earlier steps computed that it uses."""

    given: list[Fraction]
    operators: str
    result: Fraction | None
    divisors: frozenset[Fraction] = frozenset()
    computed: tuple[Fraction, ...] = ()


@dataclass(frozen=True)
class Rates:
    """The prompt's rates (`$2 per egg`: 2 → egg) and prices of one thing (`Pens cost $3 each`: 3 → pen)."""

    per: Mapping[Fraction, frozenset[str]]
    prices: Mapping[Fraction, frozenset[str]] = field(default_factory=dict)


def prices(prompt: str) -> dict[Fraction, frozenset[str]]:
    """The prompt's numbers that are the price of one thing, each with the thing (`Pens cost $3 each`)."""
    found: dict[Fraction, set[str]] = {}
    for match in _PRICE.finditer(prompt):
        noun = noun_of(match.group("noun"))
        if noun:
            found.setdefault(Fraction(match.group("number")), set()).add(noun)
    return {value: frozenset(nouns) for value, nouns in found.items()}


def rates(prompt: str) -> dict[Fraction, frozenset[str]]:
    """The prompt's numbers that are rates, each with the nouns it is per (`$2 per fresh duck egg` → egg:
    the last word of what follows `per`, as a noun)."""
    found: dict[Fraction, set[str]] = {}
    for match in _RATE.finditer(prompt):
        if match.group("noun") and not noun_of(match.group("noun")):
            continue  # `$12 and a hat`: a plain word between the number and `a` joins two clauses
        last = noun_of((match.group("what") or match.group("one")).split()[-1])
        if last:
            found.setdefault(Fraction(match.group("number")), set()).add(last)
    return {value: frozenset(nouns) for value, nouns in found.items()}


def mislabelled(
    text: str,
    groups: list[Chain],
    quotes: Collection[Quote],
    rated: Rates,
    heading: str = "",
) -> str | None:
    """Why the words of a step say its arithmetic counts what it does not (see the module), or None.

    groups: each chain of the step as (the given numbers it computes with, its operators, its result);
    heading: the label a line that was only a label gave this one (chain_words.label_alone)."""
    per = rated.per
    counted: dict[Fraction, set[str]] = {}
    for quote in quotes:
        if quote.after:
            # `a $20 bill` counts dollars: the word after a price names the form the money is in
            counted.setdefault(quote.value, set()).add(quote.money or quote.after)
    nouns = set().union(*counted.values()) if counted else set()
    around = chain_words(text, [chain.result for chain in groups])
    for at, (chain, words) in enumerate(zip(groups, around, strict=True)):
        given, operators, result = chain.given, chain.operators, chain.result
        phrase, named = words.phrase, set(words.label)
        if at == 0 and heading and not phrase:
            # `**Step 2: Eggs sold**` then `9 × 2 = 18`: the line above names what this one computes
            phrase, named = heading, set(nouns_of(heading))
        if (named or words.unit) and foreign_letters(text):
            return "its words name what it computes in letters the checker does not read"
        if (
            _ORIGINAL.search(f"{phrase} {words.lead}")
            and operators
            and result not in {q.value for q in quotes}
        ):
            # `Original price: $40 − $10 = $30`: the original price is one the prompt gives, never a result
            return "its label names an original price, which the problem gives, but the line computes it"
        kind, thing = label_kind(words.full)
        priced = [v for v in given if thing in rated.prices.get(v, frozenset())]
        if kind == "count" and "*" in operators and (priced or words.currency):
            # `Number of pens: 4 × 3 = 12` for "Pens cost $3 each": pens times dollars a pen are dollars
            return f"its label counts {thing}, but it multiplies by a price"
        per_what = [v for v in chain.divisors if thing in per.get(v, frozenset())]
        if kind == "rate" and thing and per_what:
            # `Pages per day: 240 ÷ 15 = 16` for "15 pages per day": dividing by a rate per day counts days
            return f"its label names a rate per {thing}, but it divides by one, which counts {thing}s"
        if kind == "rate" and not thing and any(per.get(v) for v in chain.divisors):
            # `Flow rate: 60 ÷ 4 = 15` for "4 litres per minute": a total over a rate is no rate
            return "its label names a rate, but it divides by a rate, which gives none"
        if kind == "rate" and thing and "*" in operators and any(thing in counted.get(v, ()) for v in given):
            # `Cost per pen: 4 × 3 = 12` for "buys 4 pens": times a count of pens, it is per pen no more
            return f"its label names a rate per {thing}, but it multiplies by a count of {thing}s"
        rate_of = words.per if words.placed else ""
        if rate_of and "*" in operators and any(rate_of in counted.get(v, ()) for v in given):
            # `60 × 2.5 = 150 miles an hour` for "for 2.5 hours": times the hours, it is per hour no more
            return f"says its result is per {rate_of}, but it multiplies by a count of {rate_of}s"
        converted = _converted_into(words, given, quotes) if words.placed and "*" in operators else None
        if converted is not None:
            # `Days a year: 12 × 52 = 624 days`: times 52 weeks a year, a count is of weeks or per year
            return converted
        computed_factor = len(given) < len(operators) + 1
        if (
            kind == "rate"
            and thing
            and "*" in operators
            and computed_factor
            and _per_thing(given, per, thing)
        ):
            # `Money per egg: 9 × 2 = $18` for "$2 per egg": a rate per egg times a count is per egg no more
            return f"its label names a rate per {thing}, but it multiplies one by a computed count"
        clash = clashes(words, operators) if words.placed else None
        if clash is not None:
            # `Time = 60 × 3 = 180 km`: the label and the result's unit name two kinds (label_dimensions.py)
            return clash
        counts = {n for value in given for n in counted.get(value, ())}
        in_label = (named | set(words.clause) | {words.unit}) & nouns
        # only a product of given numbers alone: a computed factor (a rate, 15 pages a minute) carries its own
        alone = len(given) == len(operators) + 1
        if alone and in_label and counts and not counts & in_label and set(operators) <= {"*"}:
            return f"its label names {sorted(in_label)[0]}, but its numbers count {sorted(counts)[0]}"
        unit = words.unit
        # `= 18, eggs` may be the next item's label, but a product by a rate per egg counts no eggs either way
        said = named | {u for u in (unit, words.apart) if u}
        if "*" in operators:
            for value in given:
                over = per.get(value, frozenset()) & said
                if over:
                    return (
                        f"says it counts {sorted(over)[0]}, but it multiplies by a rate per {sorted(over)[0]}"
                    )
        unlike = unit and operators and set(operators) <= {"+", "-"} and counts and unit not in counts
        if unlike and (unit in nouns or unit in ("dollar", "cent")):
            return f"says its result counts {unit}, but its numbers count {sorted(counts)[0]}"
    return None


# the conversions a word problem's units call for (wordy.py grounds them) and the units each converts
_CONVERSION_UNITS: dict[Fraction, frozenset[str]] = {
    Fraction(7): frozenset({"day", "week"}),
    Fraction(24): frozenset({"hour", "day"}),
    Fraction(52): frozenset({"week", "year"}),
    Fraction(60): frozenset({"second", "minute", "hour"}),
    Fraction(365): frozenset({"day", "year"}),
}
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _converted_into(words: ChainWords, given: Collection[Fraction], quotes: Collection[Quote]) -> str | None:
    """Why a product by a conversion the prompt does not write (52 weeks a year) says its result is in, or
    per, a unit of time the conversion is not between (`12 × 52 = 624 days`), or None."""
    written = {quote.value for quote in quotes}
    for value in given:
        units = _CONVERSION_UNITS.get(value)
        if units is None or value in written:
            continue
        for said in (words.unit, words.per):
            if said in _TIME_UNITS and said not in units:
                pair = " and ".join(sorted(units))
                return f"says its result is in {said}s, but it multiplies by {value}, which converts {pair}"
    return None


def _per_thing(given: Collection[Fraction], per: Mapping[Fraction, frozenset[str]], thing: str) -> bool:
    """Whether one of the given numbers is a rate per thing (`$2 per egg`: 2, for egg)."""
    return any(thing in per.get(value, frozenset()) for value in given)


# what a part of the whole is (`Discount: 0.25 × 40`), and what is left after it (`Sale price: 0.75 × 40`)
_PART_WORDS = re.compile(r"\b(?:discount\w*|off|sav(?:e|ed|es|ings?)|tip|tax|taken|cut|spent|used)\b", re.I)
_LEFT_WORDS = re.compile(r"\b(?:sale|new|final|remain\w*|left|rest|keeps?|kept|pays?|paid)\b", re.I)


# a label that says its value is the one before a percentage changes it (`Total (before tax)`, `Pre-tax`)
_BEFORE_CHANGE = re.compile(
    r"\b(?:before|without|excluding)\s+(?:the\s+|any\s+)?(?:\w+\s+)?(tax|tip|discount|sale|markup|increase)\b"
    r"|\bpre-?(tax|discount|sale)\b",
    re.I,
)
_ADDED = frozenset({"tax", "tip", "markup", "increase"})


def part_mislabelled(
    text: str,
    groups: list[Chain],
    left: frozenset[Fraction],
    parts: frozenset[Fraction],
    wholes: frozenset[Fraction] = frozenset(),
) -> str | None:
    """Why a labelled product by a part of the whole says it is what is left, or the other way round
    (`Discount: 0.75 × 40 = 30` for "25% off"; `Sale price: 0.25 × 40 = 10`), or a labelled result that is
    the other one (`Amount saved: 40 − 10 = 30`); or None. wholes: the prompt's numbers."""
    kept = {whole * share for whole in wholes for share in left}
    taken = {whole * share for whole in wholes for share in parts}
    for (given, operators, result, *_), around in zip(
        groups, chain_words(text, [chain.result for chain in groups]), strict=True
    ):
        words = around.phrase
        before = _BEFORE_CHANGE.search(around.lead) if around.placed and "*" in operators else None
        if before is not None:
            # an added percentage (a tax, a tip) is applied as 1 + p; one taken off as the part or the rest
            added = (before.group(1) or before.group(2) or "").lower() in _ADDED
            changes = {1 + part for part in parts} if added else parts | left
            if any(value in changes for value in given):
                # `Total (before tax): $30 × 1.1 = $33`: what it was before the tax, with the tax applied
                return "its label says before the percentage is applied, but it applies it"
        if not words or not operators or not around.placed:
            continue
        names_part = _PART_WORDS.search(words) is not None and not _LEFT_WORDS.search(words)
        names_left = _LEFT_WORDS.search(words) is not None and not _PART_WORDS.search(words)
        if names_part and result in kept - taken:
            return "its label names the part taken, but its result is what is left of the whole"
        if names_left and result in taken - kept:
            return "its label names what is left, but its result is the part taken"
        if "*" not in operators or set(operators) - {"*", "/"}:
            continue  # `40 × (1 − 0.25)`: the part inside a sum is not what the product multiplies by
        if (
            any(value in left for value in given)
            and _PART_WORDS.search(words)
            and not _LEFT_WORDS.search(words)
        ):
            return "its label names the part taken, but it multiplies by what is left of the whole"
        if (
            any(value in parts for value in given)
            and _LEFT_WORDS.search(words)
            and not _PART_WORDS.search(words)
        ):
            return "its label names what is left, but it multiplies by the part taken"
    return None


__all__ = ["Chain", "Rates", "mislabelled", "part_mislabelled", "prices", "rates"]
