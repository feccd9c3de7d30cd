"""Numerals the math reader does not read, found in prose so that they can never be skipped as words.

The claim reader reads numbers written as the grammar writes them: ASCII digits standing as a word of their
own (`9`, `-4`, `3/4`) or inside a piece of math (`2x`, `x^2`). A value written any other way states
something just the same, and a line that states a value nobody reads must be unreadable, never prose:

- a digit glued to a word, to punctuation outside the grammar or to another script: `is9`, `result:5`,
  `Antwort:5`, `答案：5`, `最终结果是5` (fullwidth digits are folded to ASCII before this, fold.py);
- a character of another numeral system: `五`, `٥`, `①`, `Ⅸ` (whatever Unicode gives a numeric value to
  and fold.py leaves; `Ⅸ` and `ⅸ` are folded to `IX` and `ix` first);
- a Roman numeral written in letters: `IX`, `XIII`, `xl`, `ix`.

Roman numerals share their letters with English words, units and names, so a token counts as one by this
table (tests/domains/math/test_numerals.py holds it): one letter is never a numeral (`I` is a pronoun, `x`,
`v`, `c`, `i` variables); an upper-case token of two or more letters in canonical Roman form is one
(`IX`, `XL`, `MCM`), except a segment or point pair after a geometry noun (`side CD`); a lower-case token
is one (`ix`, `xiv`, `vi`, `xl`, `xc`) unless it holds `d` or `m` (`mix`, `cm`, `mm`, `mi`, `di`, `cd`:
words and units) or is another word or unit of that form (`_LOWER_WORDS`: `cc`, `cl`, `li`, `lv`); mixed
case (`Mix`, `Di`) is a word. A Roman numeral that labels something (`Case II`, `equation (ii)`, `(iv)`
starting a line) names a part, not a value, and is accounted for.

What is accounted for is decided by the caller (spoken.py): step labels, counts, instructions and the
stated answer are taken out before a clause reaches `unread_numeral`. Pure text work.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# canonical Roman numerals, 1 to 3999
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", re.I)

# lower-case tokens in Roman form that are English words, units or abbreviations in a math text
_LOWER_WORDS = frozenset(
    {"mix", "mi", "di", "li", "cd", "dc", "cc", "cm", "mm", "ml", "cl", "dl", "mc", "md", "lv", "cv", "civ"}
    | {"dim", "mid", "lid", "mil", "vim", "dix", "lix", "mill", "ill", "vill", "dill", "cdc"}
)

# a Roman numeral naming a part: `Case II`, `equation (ii)`, `Part IV`
_LABEL_NOUN = (
    r"(?:step|case|part|method|equation|eq\.?|row|line|stage|phase|option|approach|section|chapter|type"
    r"|quadrant|book|volume|rule|property|condition|statement|claim|lemma|theorem|system|table|figure|fig\.?"
    r"|item|question|problem|exercise|example|appendix)"
)
_GEOMETRY_NOUN = (
    r"(?:side|segment|line|chord|ray|edge|diagonal|point|points|vertex|vertices|triangle|angle|arc|median"
    r"|altitude|sides|segments|lines|square|rectangle|quadrilateral|parallelogram|trapezoid|polygon)"
)
_ROMAN_WORD = r"[IVXLCDMivxlcdm]{1,15}"
_LABELS = re.compile(
    # `Case II`, `equation (ii)`, `from (iii)`, `(iv)` / `iv.` / `iv)` starting the clause
    r"\b" + _LABEL_NOUN + r"\s*\(?" + _ROMAN_WORD + r"\)?(?![\w])"
    r"|^\s*\(?" + _ROMAN_WORD + r"[.)](?=\s|$)"
    r"|(?<![\w)])\(" + _ROMAN_WORD + r"\)(?!\s*(?:=|is\b|are\b|equals?\b))"
    # `side CD`: capitals only, and a letter a point name has but `IX` has not (`side IX` is a value)
    r"|\b" + _GEOMETRY_NOUN + r"\s+(?-i:(?=[A-Z]*[LCDM])[A-Z]{2,3})\b",
    re.I,
)
# `(ix)` right after a verb of result is a value said in parentheses, not a label
_RESULT_BEFORE = re.compile(
    r"\b(?:is|are|was|equals?|to|gives?|get|gets|got|yields?|makes?|becomes?|leaves?|be|at|as)\s+"
    r"(?:(?:now|then|still|just|also|therefore|thus|hence|simply|again|clearly|exactly)\s+)*$|[:=]\s*$",
    re.I,
)

# a word of prose: what stands between spaces, without the punctuation that ends or wraps it
_WRAP = ".,;:?!*_$`'\"()[]{}"
# a word the grammar reads (`2x`, `x^2`, `-4`, `3/4`, `(2)(4)`): its digits are the reader's business
_MATH_WORD = re.compile(r"[0-9A-Za-z+\-*/^().,{}\[\]\\=%|!<>_±∓]+")
# `1st`, `2nd`, `3rd`, `10th`: a position, like a step label
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.I)


@functools.lru_cache(maxsize=4096)
def _numeral_char(ch: str) -> bool:
    """A digit, or a character some script uses as a number (`五`, `٥`, `①`, `Ⅻ`)."""
    return ch.isdigit() or unicodedata.numeric(ch, None) is not None


def roman_numeral(token: str) -> bool:
    """Whether a word (no surrounding punctuation) is a Roman numeral by the table in the module doc."""
    if len(token) < 2 or not _ROMAN.fullmatch(token):
        return False
    if token.isupper():
        return True
    if token.islower():
        return token not in _LOWER_WORDS and not set(token) & set("dm")
    return False  # `Mix`, `Di`: mixed case is a word at the start of a sentence


# `the right side XL remains`: a side of the equation, not a side of a figure named by its points
_EQUATION_SIDE = re.compile(r"\b(?:left|right|other|each|both)(?:[- ]hand)?\s*$", re.I)


def _labels_out(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        # only the few words before it (bounded: linear time on a line of many labels). Right after a verb
        # of result any label form is the value said (`2x is now Case IX`, `x/2 equals equation XL`,
        # `2x is (ix)`), never a label
        before = text[max(0, match.start() - 40) : match.start()]
        if _RESULT_BEFORE.search(before):
            return match.group(0)
        if re.match(_GEOMETRY_NOUN, match.group(0), re.I) and _EQUATION_SIDE.search(before):
            return match.group(0)
        return " "

    return _LABELS.sub(one, text)


def unread_numeral(text: str) -> bool:
    """Whether a clause of prose holds a numeral the reader does not read (see the module doc): a digit
    glued to a word or to a symbol outside the grammar, another script's numeral, a Roman numeral."""
    if not any(_numeral_char(c) for c in text) and not re.search(r"[IVXLCDMivxlcdm]{2}", text):
        return False
    text = _labels_out(text)
    for word in text.split():
        token = word.strip(_WRAP)
        if not token:
            continue
        if any(roman_numeral(piece) for piece in re.split(r"[-+*/^()=,.]", token)):
            return True  # `IX`, `XI-II`
        if not any(_numeral_char(c) for c in token):
            continue
        if _ORDINAL.fullmatch(token):
            continue
        if re.match(r"[\^_]\(?[-+]?\d", word.strip(".,;:?!*$`'\"")):
            return True  # `⁹`, `₉` (folded to `^(9)`, `_(9)`): an exponent or index of nothing
        if _MATH_WORD.fullmatch(token) and _letters_single(token):
            continue  # `2x`, `x^2`: math, read (or refused) by the claim reader
        return True
    return False


_COMMAND = re.compile(r"\\[A-Za-z]+|sqrt|cbrt|pi|frac")


def _letters_single(token: str) -> bool:
    """Every run of letters one letter long (`2x`, `xy`), not a word glued to a digit (`is9`, `x2y`
    aside: `abc2` is a word)."""
    return all(len(run) == 1 for run in re.findall("[A-Za-z]+", _COMMAND.sub("", token)))
