"""One arithmetic operation said in words, with its result: `13 minus 5 is 8`, `8 divided by 2 is 4`,
`Subtracting 5 from 13 gives 8`, written as the claim it makes (`13 - 5 = 8`), so it is checked; and
math joined to math by `, which is` (`25% of 20, which is 0.25 × 20 = 5`) as one chain.

Groups of a size said with their total (`3 boxes of 12, so 36 pencils`, `5 tickets at $9 each is $45`) are
the product they say, when the total is that product (`ate 2 slices of 8, so 6 are left` is not one, and
stays unread).

A result taken on in the next clause (`3 times 4 is 12, plus 5 is 17`) is that number and the operation
(`12 + 5 = 17`). Only one operation between two numbers, and a result that ends its clause: `5 times 3
plus 2 is 17` has two readings in words (5 × 3 + 2 or 5 × (3 + 2)) and is left alone (hidden_claims.py
makes it unreadable). Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from fractions import Fraction

from assay.domains.math.vocabulary import NUMBER_WORDS
from assay.text.trigger_words import compile_guarded

_N = r"(\d+(?:\.\d+)?)"
_END = r"(?=\s*(?:[,;!?]|\.(?:\s|$)|$))"
_RESULT = r"\s+(?:is|equals|is equal to|gives|gives us|makes|leaves|yields)\s+"
_OPS = {"minus": "-", "plus": "+", "times": "*", "multiplied by": "*", "divided by": "/"}

# `13 minus 5 is 8`: no operator or number joined to either end
_SAID = re.compile(
    r"(?<![\w.=+\-*/^(])"
    + _N
    + r"\s+(minus|plus|times|multiplied by|divided by)\s+"
    + _N
    + _RESULT
    + _N
    + _END,
    re.I,
)

# `Twelve times four is forty-eight.`: the same, with numbers in words (0 to 99, `forty-eight` hyphenated as
# written; `forty eight` is two words, left alone) or digits beside words
_NUMBER = r"(\d+(?:\.\d+)?|(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?![\w-]))"
_SAID_IN_WORDS = re.compile(
    r"(?<![\w.=+\-*/^(])"
    + _NUMBER
    + r"\s+(minus|plus|times|multiplied by|divided by)\s+"
    + _NUMBER
    + _RESULT
    + _NUMBER
    + _END,
    re.I,
)
# `forty two times two`, `one hundred and two times`: the first number goes on to the left, read by nobody
_NUMBER_BEFORE = re.compile(
    r"\b(?:" + "|".join(NUMBER_WORDS) + r"|hundred|thousand|million|billion|point|and|a)[\s-]*$", re.I
)
_OPERATION_WORD = re.compile(r"\b(?:minus|plus|times|multiplied by|divided by)\b", re.I)

# `Subtracting 5 from 13 gives 8`, `adding 5 to 8 gives 13`, `dividing 8 by 2 gives 4`
_GERUND = compile_guarded(
    r"\b(subtracting|adding|dividing|multiplying)\s+" + _N + r"\s+(from|to|by)\s+" + _N + _RESULT + _N + _END,
    re.I,
)
_GERUND_FORMS = {
    ("subtracting", "from"): lambda a, b: f"{b} - {a}",
    ("adding", "to"): lambda a, b: f"{a} + {b}",
    ("dividing", "by"): lambda a, b: f"{a} / {b}",
    ("multiplying", "by"): lambda a, b: f"{a} * {b}",
}


# `25% of 20, which is 0.25 × 20 = 5`, `3/12, which simplifies to 1/4`: math, then `, which is` (or
# `simplifies to`, `reduces to`) and math that ends the clause, says the first equals the second (anything
# else after `which is`, `2 more than 3`, is left to the reader)
_WHICH_IS = re.compile(
    r"(?<=[\d)])\s*,\s*(?:which|that)\s+"
    r"(?:is|equals|is equal to|gives|makes|(?:simplifies|reduces|comes)\s+to)\s+"
    r"(?=[-−]?[\d(][\d\s.+\-−*/×÷()^=%]*?(?:[,;!?]|\.(?:\s|$)|$))"
)


# `3 boxes of 12, so 36 pencils`, `4 bags with 5 apples each make 20`: groups of a size, and their total
_GROUPS = re.compile(
    r"(?<![\w.=+\-*/^(])"
    + _N.replace("(", "(?P<count>", 1)
    + r"\s+(?!(?:out|times|minus|plus|divided|multiplied|percent|lots|more|less|fewer|than)\b)[a-z]+"
    + r"(?:\s+(?:of|with|(?P<at>at))\s+)"
    + _N.replace("(", "(?P<size>", 1)
    + r"(?:\s+(?!each\b)[a-z]+)?(?P<each>\s+each)?"
    + r"\s*,?\s+(?:so|that's|that is|which is|is|are|makes?|gives?|giving|for)"
    + r"\s+(?:(?:she|he|they|we|i|it|there)\s+(?:has|have|had|is|are|gets?|got)\s+)?"
    + r"(?:a total of\s+|in total\s+)?"
    + _N.replace("(", "(?P<total>", 1)
    + r"(?=[\s,;!?]|\.(?:\s|$)|$)",
    re.I,
)


# `half of 2 bolts = 2 ÷ 2 = 1`, `Twice 6 = 12`: a part or a multiple of a number heading a chain is that
# part or multiple (read as the number alone, `Half of 12 = 12` would be a true claim)
_PART_HEAD = re.compile(
    r"(?<![\w.=+\-*/^(])(?:(?:(?:a|one)\s+)?(?P<part>half|third|quarter|fourth|fifth|tenth)\s+of"
    r"|(?P<many>twice|double|triple|thrice))\s+(?:the\s+)?" + _N + r"(?:\s+[A-Za-z]+){0,2}\s*(?==(?!=))",
    re.I,
)
_MULTIPLES = {"twice": 2, "double": 2, "triple": 3, "thrice": 3}


def _part_head(match: re.Match[str]) -> str:
    number = match.group(3)
    if match.group("part"):
        return f"{number} / {_DENOMINATORS[match.group('part').lower()]} "
    return f"{_MULTIPLES[match.group('many').lower()]} * {number} "


# `3 times 4 is 12, plus 5 is 17`: a result taken on by one more operation said in words, the clause after
# a claim that ends on a number (`= 12`)
_GOES_ON = re.compile(
    r"=\s*"
    + _N
    + r"\s*,\s*(?:and\s+|then\s+)?(minus|plus|times|multiplied by|divided by)\s+"
    + _NUMBER
    + _RESULT
    + _NUMBER
    + _END,
    re.I,
)


def _goes_on(match: re.Match[str]) -> str:
    """`= 12, plus 5 is 17` is `= 12; 12 + 5 = 17`."""
    by, result = (n if n[0].isdigit() else NUMBER_WORDS[n.lower()] for n in (match.group(3), match.group(4)))
    return f"= {match.group(1)}; {match.group(1)} {_OPS[match.group(2).lower()]} {by} = {result}"


def spoken_arithmetic(body: str) -> str:
    """body with each one-operation sum said in words written as its claim (see the module)."""
    if _OPERATION_WORD.search(body) and _SAID_IN_WORDS.search(body):
        body = _SAID_IN_WORDS.sub(_said_in_words, body)
    if not any(c.isdigit() for c in body):
        return body
    body = _SAID.sub(_said, body)
    if "=" in body and _OPERATION_WORD.search(body):
        body = _GOES_ON.sub(_goes_on, body)
    if " of " in body or " with " in body or " at " in body:
        body = _GROUPS.sub(_groups, body)
        body = _PART_OF.sub(_part_of, body)
    if _MULTIPLE_WORD.search(body):
        body = _MULTIPLE_OF.sub(_multiple_of, body)
    if "which" in body:
        body = _WHICH_IS.sub(" = ", body)
    if "=" in body:
        # after `, which is`: `half of 100, which is 100 / 2 = 50` heads its chain with the part
        body = _PART_HEAD.sub(_part_head, body)
    return _GERUND.sub(_gerund, body)


# a word before the first number that makes it part of a longer computation (`5 times 3 plus 2 is 5`
# is not `3 + 2 = 5`), or of a quantity (`half of 8 minus 1`, `25% of 8 plus 2`)
_BEFORE = re.compile(
    r"(?:\b(?:minus|plus|times|by|over|of|and|than|less|more|divided|multiplied|from|to|squared|cubed|root)"
    r"|[-+*/×÷^(%])\s*$",
    re.I,
)


def _said(match: re.Match[str]) -> str:
    if _BEFORE.search(match.string[: match.start()]):
        return match.group(0)
    return f"{match.group(1)} {_OPS[match.group(2).lower()]} {match.group(3)} = {match.group(4)}"


def _said_in_words(match: re.Match[str]) -> str:
    """`Twelve times four is forty-eight` is `12 * 4 = 48`; all digits is `_said`'s (one reading)."""
    numbers = [match.group(i) for i in (1, 3, 4)]
    before = match.string[: match.start()]
    if all(n[0].isdigit() for n in numbers) or _BEFORE.search(before) or _NUMBER_BEFORE.search(before):
        return match.group(0)
    a, b, result = (n if n[0].isdigit() else NUMBER_WORDS[n.lower()] for n in numbers)
    return f"{a} {_OPS[match.group(2).lower()]} {b} = {result}"


def _groups(match: re.Match[str]) -> str:
    """`3 boxes of 12, so 36` is `3 × 12 = 36` only when 36 is that product: `She ate 2 slices of 8, so 6
    are left` says something else, and stays as written (unread)."""
    said = match.group("count", "size", "total")
    count, size, total = (Fraction(number) for number in said)
    if match.group("at") and not match.group("each"):
        return match.group(0)  # `5 tickets at 9 each is 45` is their price; `5 laps at 9 ...` is not said
    if _BEFORE.search(match.string[: match.start()]) or count * size != total:
        return match.group(0)
    return f"{said[0]} * {said[1]} = {said[2]}"


# the noun a number may count in a part of it (`half of 2 bolts is 1 bolt`); never a word that changes the
# number (`half of 2 dozen`, `half of 16 more`) or goes on with arithmetic
_COUNTED = (
    r"(?:\s+(?!(?:dozens?|hundreds?|thousands?|millions?|percent|more|less|fewer|plus|minus|times|and|or|"
    r"is|are|which|that|gives|makes)\b)[A-Za-z]+)?"
)
# `half of 48 is 24`, `One third of 24 is 8`, `a quarter of 20, which is 5`, `1/3 of 90 is 30`: a part of
# a number
_PART_OF = re.compile(
    r"(?<![\w.=+\-*/^(])(?:(?:a|one)\s+)?(half|third|quarter|fourth|fifth|tenth|[1-9]\d{0,2}/[1-9]\d{0,2})\s+of\s+"
    + _N
    + _COUNTED
    + r"\s*,?\s+(?:is|are|which is|that's|that is|gives|makes|=)\s+"
    + _N
    + r"(?=[\s,;!?]|\.(?:\s|$)|$)",
    re.I,
)
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}


def _part_of(match: re.Match[str]) -> str:
    """`half of 48 is 24` is `48 / 2 = 24` only when 24 is that part (anything else stays unread)."""
    whole, part = Fraction(match.group(2)), Fraction(match.group(3))
    said = match.group(1).lower()
    if "/" in said:
        # `1/3 of 90 is 30`: a fraction of a number written in digits
        if _BEFORE.search(match.string[: match.start()]) or whole * Fraction(said) != part:
            return match.group(0)
        return f"({said} * {match.group(2)}) = {match.group(3)}"  # as the claim reader writes a part
    bottom = _DENOMINATORS[said]
    if _BEFORE.search(match.string[: match.start()]) or whole / bottom != part:
        return match.group(0)
    return f"{match.group(2)} / {bottom} = {match.group(3)}"


# `Twice 45 is 90.`, `double 12 is 24`: a multiple of a number, said as the part of one is
_MULTIPLE_WORD = re.compile(r"\b(?:twice|double|triple|thrice)\b", re.I)
_MULTIPLE_OF = re.compile(
    r"(?<![\w.=+\-*/^(])(twice|double|triple|thrice)\s+(?:the\s+)?"
    + _N
    + _COUNTED
    + r"\s*,?\s+(?:is|are|which is|that's|that is|gives|makes)\s+"
    + _N
    + r"(?=[\s,;!?]|\.(?:\s|$)|$)",
    re.I,
)


def _multiple_of(match: re.Match[str]) -> str:
    """`twice 45 is 90` is `2 * 45 = 90` only when 90 is that multiple (anything else stays unread)."""
    times = _MULTIPLES[match.group(1).lower()]
    if _BEFORE.search(match.string[: match.start()]) or Fraction(match.group(2)) * times != Fraction(
        match.group(3)
    ):
        return match.group(0)
    return f"{times} * {match.group(2)} = {match.group(3)}"


def _gerund(match: re.Match[str]) -> str:
    form = _GERUND_FORMS.get((match.group(1).lower(), match.group(3).lower()))
    if form is None:
        return match.group(0)  # `adding 5 by 3`: no operation anyone means
    return f"{form(match.group(2), match.group(4))} = {match.group(5)}"


__all__ = ["spoken_arithmetic"]
