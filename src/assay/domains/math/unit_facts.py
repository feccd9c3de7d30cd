"""Conversion facts a word problem's solution states before it uses them: "There are 7 days in a week",
"1 hour = 60 minutes", "Since 1 L = 1000 mL, ...", "A dozen has 12 eggs" is not one (no unit of measure).

They state no step of the solution, but they are claims: read as prose they would hide a false one ("There
are 10 days in a week"), and written with `=` a unit letter reads as a variable (`1 L = 1000` in L). Each
is checked here against a table of exact conversions between units of one kind: a true fact is taken out of
the line, with the word that introduces it ("since", "we know that"), so the rest of the line is read as
it would be alone; a false one, or one between units the table does not hold, becomes markup nobody reads
(unread.py), so its step is unknown. Whether a step may then use the factor is not decided here: the
numbers a prompt gives include a conversion only when it names both units (wordy.py). Pure text work; safe
in any process.
"""

from __future__ import annotations

import re
from fractions import Fraction

from assay.domains.math.unread import UNKNOWN_MARK
from assay.text.trigger_words import compile_guarded

# spellings of each unit, by a name of its own
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "second": ("s", "sec", "secs", "second", "seconds"),
    "minute": ("min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("day", "days"),
    "week": ("week", "weeks"),
    "month": ("month", "months"),
    "year": ("year", "years"),
    "mm": ("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
    "cm": ("cm", "centimeter", "centimeters", "centimetre", "centimetres"),
    "m": ("m", "meter", "meters", "metre", "metres"),
    "km": ("km", "kilometer", "kilometers", "kilometre", "kilometres"),
    "inch": ("inch", "inches"),  # (not `in`, a word far more often than an inch)
    "foot": ("ft", "foot", "feet"),
    "yard": ("yd", "yard", "yards"),
    "mile": ("mi", "mile", "miles"),
    "g": ("g", "gram", "grams"),
    "kg": ("kg", "kilogram", "kilograms"),
    "ounce": ("oz", "ounce", "ounces"),
    "pound": ("lb", "lbs", "pound", "pounds"),
    "ml": ("ml", "milliliter", "milliliters", "millilitre", "millilitres"),
    "l": ("l", "liter", "liters", "litre", "litres"),
    "cent": ("cent", "cents"),
    "dollar": ("dollar", "dollars"),
}
_UNIT_OF = {spelling: name for name, spellings in _SPELLINGS.items() for spelling in spellings}

# one of the first unit is this many of the second: exact, or the convention word problems use (a year of
# 365 days and 52 weeks)
_FACTORS: dict[tuple[str, str], Fraction] = {
    ("minute", "second"): Fraction(60),
    ("hour", "minute"): Fraction(60),
    ("hour", "second"): Fraction(3600),
    ("day", "hour"): Fraction(24),
    ("day", "minute"): Fraction(1440),
    ("week", "day"): Fraction(7),
    ("year", "month"): Fraction(12),
    ("year", "week"): Fraction(52),
    ("year", "day"): Fraction(365),
    ("cm", "mm"): Fraction(10),
    ("m", "cm"): Fraction(100),
    ("m", "mm"): Fraction(1000),
    ("km", "m"): Fraction(1000),
    ("foot", "inch"): Fraction(12),
    ("yard", "foot"): Fraction(3),
    ("yard", "inch"): Fraction(36),
    ("mile", "foot"): Fraction(5280),
    ("kg", "g"): Fraction(1000),
    ("pound", "ounce"): Fraction(16),
    ("l", "ml"): Fraction(1000),
    ("dollar", "cent"): Fraction(100),
}

_UNIT = "|".join(sorted(map(re.escape, _UNIT_OF), key=len, reverse=True))
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ONE = r"(?:1|one|an?|each|every)"
# what introduces the fact: it goes with it ("Since 1 L = 1000 mL, ..." reads on as ", ...")
_LEAD = r"(?:(?:since|because|as|(?:we\s+)?know\s+that|recall\s+that|note\s+that|remember\s+that)\s+)?"
# `Since 1 hour = 60 minutes,`, `1 L is 1000 mL`, `one week has 7 days`, `60 minutes is 1 hour` (read both
# ways); with `=` and no word before it, the line converts (`60 minutes = 1 hour.`: _CONVERSION_CHAIN)
_EQUAL = compile_guarded(
    rf"(?<![\w.,])(?P<lead>{_LEAD})(?P<a>{_ONE}|{_NUMBER})\s*(?P<ua>{_UNIT})\s*(?P<verb>=|is|equals|has|contains)\s*"
    rf"(?P<b>{_ONE}|{_NUMBER})\s*(?P<ub>{_UNIT})(?![\w/^²³])",
    re.I,
)
# `There are 7 days in a week`, `there are 60 minutes in one hour`
_THERE_ARE = compile_guarded(
    rf"(?<![\w.,]){_LEAD}there\s+are\s+(?P<b>{_NUMBER})\s+(?P<ub>{_UNIT})\s+in\s+{_ONE}\s+(?P<ua>{_UNIT})"
    r"(?![\w/^²³])",
    re.I,
)
_WORD_ONE = re.compile(rf"^{_ONE}$", re.I)
# `2 hours = 2 × 60 = 120 minutes`, `6000 mL = 6 L`: an amount in one unit, its arithmetic, the amount in
# another unit of its kind (the arithmetic has no letters; at most a few links), the whole chain: no operation
# before it or after it, no link after it (`5 m = 500 cm = 5000 mm` is left as written)
_CONVERSION_CHAIN = compile_guarded(
    rf"(?<![\w.,])(?<![-+*/×÷·^(−]\s)(?<![-+*/×÷·^(−])(?P<n>{_NUMBER})\s*(?P<ua>{_UNIT})\s*=\s*"
    rf"(?P<mid>(?:[^=A-Za-z]{{1,80}}=\s*){{0,4}})(?P<m>{_NUMBER})\s*(?P<ub>{_UNIT})(?![\w/^²³])(?!\s*[=×*/÷+^-])",
    re.I,
)

# a word in the clause before a fact (back to the line's start or a sentence's, a comma or a colon)
_WORDS_BEFORE = re.compile(r"[A-Za-z][^.;:!?,]*$")
# an amount and `=` just before a chain (`5 m = ` before `500 cm = 5000 mm`)
_AFTER_AMOUNT = re.compile(r"[\d)]\s*(?:[A-Za-z]+\s*)?=\s*$")


def checked_unit_facts(line: str) -> str:
    """line with each conversion fact it states checked (see the module), and each conversion written as a
    chain (`2 hours = 2 × 60 = 120 minutes`) held to the table: when the amounts agree, the chain is its
    arithmetic (`2 × 60 = 120`, or `2 × 60 = 120` written for `2 hours = 120 minutes`), which the checker
    then holds to the prompt's numbers; when they do not, the line is unread."""
    if "=" not in line and not re.search(r"\b(?:is|equals|has|contains|are)\b", line, re.I):
        return line
    line = _EQUAL.sub(_judged, line)
    line = _THERE_ARE.sub(_judged, line)
    return _CONVERSION_CHAIN.sub(_converted, line) if "=" in line else line


def _converted(match: re.Match[str]) -> str:
    first, second = _UNIT_OF[match.group("ua").lower()], _UNIT_OF[match.group("ub").lower()]
    amount, result = _amount(match.group("n")), _amount(match.group("m"))
    middle = match.group("mid")
    if first == second or _AFTER_AMOUNT.search(match.string, 0, match.start()):
        return match.group(0)  # `5 m = 500 cm = 5000 mm`: the chain began before, with an amount
    if (first, second) in _FACTORS:
        factor, operation = _FACTORS[(first, second)], "*"  # (the line is prepared: markup.py)
        agrees = amount * factor == result
    elif (second, first) in _FACTORS:
        factor, operation = _FACTORS[(second, first)], "/"
        agrees = amount / factor == result
    else:
        return f" {UNKNOWN_MARK} "  # units of two kinds, or a pair the table does not hold
    if not agrees:
        return f" {UNKNOWN_MARK} "
    if middle:
        return f"{middle}{match.group('m')}"
    return f"{match.group('n')} {operation} {factor} = {match.group('m')}"


def _amount(text: str) -> Fraction:
    return Fraction(1) if _WORD_ONE.match(text) else Fraction(text.replace(",", ""))


def _judged(match: re.Match[str]) -> str:
    if match.groupdict().get("verb") == "=" and not match.group("lead"):
        # `60 minutes = 1 hour.` on its own computes as much as it states: a conversion chain (below)
        return match.group(0)
    if _WORDS_BEFORE.search(match.string, 0, match.start()):
        # `It's false that there are 7 days in a week`, `..., and there are 7 days in a week`: words before
        # it in its clause may judge or qualify it; it stays, for the readers to leave unread
        return match.group(0)
    first, second = _UNIT_OF[match.group("ua").lower()], _UNIT_OF[match.group("ub").lower()]
    said_first = _amount(match.group("a")) if "a" in match.groupdict() else Fraction(1)
    said_second = _amount(match.group("b"))
    ones = [said for said in (match.groupdict().get("a"), match.group("b")) if said and _WORD_ONE.match(said)]
    if len(ones) != 1 and "a" in match.groupdict():
        # `2 hours = 120 minutes` computes (the chain readers' work, kept as written); `an hour is a day`
        # gives no number to hold it to
        return match.group(0) if not ones else f" {UNKNOWN_MARK} "
    factor = _FACTORS.get((first, second))
    if factor is not None and said_first * factor == said_second:
        return " "
    factor = _FACTORS.get((second, first))
    if factor is not None and said_second * factor == said_first:
        return " "
    return f" {UNKNOWN_MARK} "


__all__ = ["checked_unit_facts"]
