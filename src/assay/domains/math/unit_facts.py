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


def unit_named(word: str) -> str | None:
    """The unit a spelling names (`cents` → cent, `km` → km), or None for a word that names none."""
    return _UNIT_OF.get(word.lower())


def units_factor(larger: str, smaller: str) -> Fraction | None:
    """How many of `smaller` one `larger` is (`dollar`, `cent` → 100), or None for units not converted."""
    return _FACTORS.get((larger, smaller))


_Tree = dict[str, "_Tree"]  # a character to the words' tree after it; "" marks a word's end


def _longest_first(words: list[str]) -> str:
    """An alternation of words that tries, at each position, the longest word that fits there first, as
    `longest|long|lo` does, written as a tree of shared beginnings (`lo(?:ng(?:est)?)?`): `re` tries every
    alternative of a plain alternation one after another at every position it scans, and a tree settles
    on one branch per character. The words (distinct, lowercase ASCII) that fit at one position are
    beginnings of one another, and the tree tries deeper ones first, so the same word is tried in the
    same order and the same matches are found (test_unit_facts.py compares the two)."""
    tree: _Tree = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: _Tree) -> str:
    parts = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    if len(parts) == 1 and "" not in node:
        return parts[0]
    body = f"(?:{'|'.join(parts)})"
    return f"{body}?" if "" in node else body


_UNIT = _longest_first(list(_UNIT_OF))
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ONE = r"(?:1|one|an?|each|every)"
# a part of one (`half an hour`, `a quarter of an hour`, `25/60 of an hour`): a fact's amount, as one is
_PART = (
    r"(?:half(?:\s+an?)?|(?:an?|one)\s+(?:quarter|third)\s+of\s+an?|three\s+quarters\s+of\s+an?"
    r"|\d{1,6}\s*/\s*\d{1,6}\s+of\s+an?)"
)
# what introduces the fact: it goes with it ("Since 1 L = 1000 mL, ..." reads on as ", ...")
_LEAD = r"(?:(?:since|because|as|(?:we\s+)?know\s+that|recall\s+that|note\s+that|remember\s+that)\s+)?"
# `Since 1 hour = 60 minutes,`, `1 L is 1000 mL`, `one week has 7 days`, `60 minutes is 1 hour` (read both
# ways); with `=` and no word before it, the line converts (`60 minutes = 1 hour.`: _CONVERSION_CHAIN)
_EQUAL = compile_guarded(
    rf"(?<![\w.,])(?P<lead>{_LEAD})(?P<a>{_PART}|{_ONE}|{_NUMBER})\s*(?P<ua>{_UNIT})\s*"
    rf"(?P<verb>=|is|equals|has|contains)\s*(?P<b>{_PART}|{_ONE}|{_NUMBER})\s*(?P<ub>{_UNIT})(?![\w/^²³])",
    re.I,
)
# `There are 7 days in a week`, `there are 60 minutes in one hour`
_THERE_ARE = compile_guarded(
    rf"(?<![\w.,]){_LEAD}there\s+are\s+(?P<b>{_NUMBER})\s+(?P<ub>{_UNIT})\s+in\s+{_ONE}\s+(?P<ua>{_UNIT})"
    r"(?![\w/^²³])",
    re.I,
)
_WORD_ONE = re.compile(rf"^(?:{_PART}|{_ONE})$", re.I)
_PART_ONLY = re.compile(rf"^{_PART}$", re.I)
_PART_VALUES = {"half": Fraction(1, 2), "quarter": Fraction(1, 4), "third": Fraction(1, 3)}
# `2 hours = 2 × 60 = 120 minutes`, `6000 mL = 6 L`: an amount in one unit, its arithmetic, the amount in
# another unit of its kind (the arithmetic has no letters; at most a few links), the whole chain: no operation
# before it or after it, no link after it (`5 m = 500 cm = 5000 mm` is left as written)
_CONVERSION_CHAIN = compile_guarded(
    rf"(?<![\w.,])(?<![-+*/×÷·^(−]\s)(?<![-+*/×÷·^(−])(?P<n>{_NUMBER})\s*(?P<ua>{_UNIT})\s*=\s*"
    rf"(?P<mid>(?:[^=A-Za-z]{{1,80}}=\s*){{0,4}})(?P<m>{_NUMBER})\s*(?P<ub>{_UNIT})(?![\w/^²³])(?!\s*[=×*/÷+^-])",
    re.I,
)

# the verbs a fact says in words (a line with none of them and no `=` states none)
_VERBS = re.compile(r"\b(?:is|equals|has|contains|are)\b", re.I)
# a word in the clause before a fact (back to the line's start or a sentence's, a comma or a colon)
_WORDS_BEFORE = re.compile(r"[A-Za-z][^.;:!?,]*$")
# an amount and `=` just before a chain (`5 m = ` before `500 cm = 5000 mm`)
_AFTER_AMOUNT = re.compile(r"[\d)]\s*(?:[A-Za-z]+\s*)?=\s*$")


def checked_unit_facts(line: str) -> str:
    """line with each conversion fact it states checked (see the module), and each conversion written as a
    chain (`2 hours = 2 × 60 = 120 minutes`) held to the table: when the amounts agree, the chain is its
    arithmetic (`2 × 60 = 120`, or `2 * 60 = 120` written for `2 hours = 120 minutes`), which the checker
    then holds to the prompt's numbers; when they do not, the line is unread."""
    if "=" not in line and not _VERBS.search(line):
        return line
    if "$" in line and _CENTS.search(line):
        # `600 cents = $6`: the sign is the unit dollars, in a line that converts (any other line keeps it)
        spelled = _DOLLAR_SIGN.sub(r"\g<n> dollars", line)
        checked = _checked(spelled)
        return checked if checked != spelled else line
    return _checked(line)


def _checked(line: str) -> str:
    line = _EQUAL.sub(_judged, line)
    line = _THERE_ARE.sub(_judged, line)
    return _CONVERSION_CHAIN.sub(_converted, line) if "=" in line else line


_CENTS = re.compile(r"\bcents?\b", re.I)
_DOLLAR_SIGN = re.compile(rf"(?<![\w$])\$\s?(?P<n>{_NUMBER})(?![\d.,]\d|\$)")


def _converted(match: re.Match[str]) -> str:
    if _AFTER_AMOUNT.search(match.string, 0, match.start()):
        return match.group(0)  # `5 m = 500 cm = 5000 mm`: the chain began before, with an amount
    return _conversion(match, match.group("n"), match.group("m"), match.group("mid"))


def _conversion(match: re.Match[str], said: str, result_said: str, middle: str) -> str:
    """A conversion of said (in the unit `ua`) to result_said (in `ub`) through the arithmetic middle: that
    arithmetic then result_said when the table agrees, the arithmetic of the factor when there is none
    (`2 * 60 = 120`), else the mark."""
    first, second = _UNIT_OF[match.group("ua").lower()], _UNIT_OF[match.group("ub").lower()]
    amount, result = _amount(said), _amount(result_said)
    if first == second:
        return match.group(0)
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
        return f"{middle}{result_said}"
    return f"{said} {operation} {factor} = {result_said}"


def _amount(text: str) -> Fraction:
    """The amount a fact or a chain writes: a number, one (`an`, `each`), or a part of one."""
    words = text.lower().split()
    if "/" in text:  # `25/60 of an`
        top, bottom = text.split(" of ", 1)[0].split("/")
        return Fraction(int(top), int(bottom)) if int(bottom) else Fraction(-1)  # (no unit is -1 of one)
    if words and words[0] == "three":
        return 3 * _PART_VALUES["quarter"]
    for word in words:
        if word in _PART_VALUES:
            return _PART_VALUES[word]
    return Fraction(1) if _WORD_ONE.match(text) else Fraction(text.replace(",", ""))


def _judged(match: re.Match[str]) -> str:
    said = match.groupdict().get("a")
    ones = [text for text in (said, match.group("b")) if text and _WORD_ONE.match(text)]
    if said is not None and len(ones) == 1 and _PART_ONLY.match(ones[0]):
        # `A quarter of an hour is 15 minutes`: a part of one computes as a number does (`1/4 * 60 = 15`)
        part = _amount(ones[0])
        written = f"{part.numerator}/{part.denominator}" if part.denominator > 1 else str(part)
        if "/" in ones[0]:
            written = ones[0].split(" of ", 1)[0].replace(" ", "")  # `25/60 of an`: as written
        said, other = (written, match.group("b")) if ones[0] == said else (said, written)
        return match.group("lead") + _conversion(match, said, other, "")
    if said is not None and not ones:
        # `2 hours is 120 minutes` computes, as a chain does (`2 * 60 = 120`), in its words' context;
        # `60 minutes = 1 hour.` alone is one (`1` is a number there: the chain reader's, below)
        if match.group("verb") == "=" and not match.group("lead"):
            return match.group(0)
        return match.group("lead") + _conversion(match, said, match.group("b"), "")
    if said is not None and match.group("verb") == "=" and not match.group("lead") and said[0].isdigit():
        return match.group(0)  # `1 hour = 60 minutes`: the chain reader's too
    if len(ones) != 1 and said is not None:
        return f" {UNKNOWN_MARK} "  # `an hour is a day`: no number to hold it to
    if _WORDS_BEFORE.search(match.string, 0, match.start()):
        # `It's false that there are 7 days in a week`, `..., and there are 7 days in a week`: words before
        # it in its clause may judge or qualify it; it stays, for the readers to leave unread
        return match.group(0)
    first, second = _UNIT_OF[match.group("ua").lower()], _UNIT_OF[match.group("ub").lower()]
    said_first = _amount(said) if said is not None else Fraction(1)
    said_second = _amount(match.group("b"))
    factor = _FACTORS.get((first, second))
    if factor is not None and said_first * factor == said_second:
        return " "
    factor = _FACTORS.get((second, first))
    if factor is not None and said_second * factor == said_first:
        return " "
    return f" {UNKNOWN_MARK} "


__all__ = ["checked_unit_facts", "unit_named", "units_factor"]
