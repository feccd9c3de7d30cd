"""The vocabulary of math text: which words are math and which prose, the number words (`forty-two`),
and small tests of a piece of math (the grammar reads it, it has an operator, its top-level parts).

A word is math when every character is in the grammar's alphabet and every run of letters is one letter or
a known name. Pure text work: safe in any process.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from assay.domains.math.grammar import CONSTANTS, FUNCTIONS, parse_chain
from assay.errors import MathParseError

LETTERS = re.compile(r"[A-Za-z]+")

_WORD_OK = (
    FUNCTIONS
    | CONSTANTS
    | {"frac", "dfrac", "tfrac", "cdot", "times", "div", "pm", "sqrt", "left", "right", "boxed"}
)

_MATH_CHARS = re.compile(r"^[0-9A-Za-z+\-*/^().,=±{}\[\]\\!|%]+$")  # "%": a percentage (grammar.py)

# names of functions the grammar does not read: before math (`sin x = 1/2`, `log 100 = 2`) the claim is
# about the function's value, never the bare argument
FUNCTION_NAMES = frozenset(
    {"sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh"}
    | {"log", "ln", "lg", "exp", "det", "gcd", "lcm", "max", "min", "mod"}
)

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "  # noqa: SIM905
    "sixteen seventeen eighteen nineteen".split()
)

_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905

# 0 to 99 as one word each: "forty", "forty-two" (hyphenated, as written); "forty two" is two words, and two
# numbers side by side are refused by the grammar, never added up
NUMBER_WORDS = {word: str(i) for i, word in enumerate(_UNITS)}


NUMBER_WORDS.update({tens: str(20 + 10 * k) for k, tens in enumerate(_TENS)})


NUMBER_WORDS.update(
    {
        f"{tens}-{unit}": str(20 + 10 * k + u)
        for k, tens in enumerate(_TENS)
        for u, unit in enumerate(_UNITS[1:10], 1)
    }
)


# "forty two" is one number as spoken (42), written without its hyphen
SPOKEN_COMPOUND = re.compile(r"\b(" + "|".join(_TENS) + r")\s+(" + "|".join(_UNITS[1:10]) + r")\b", re.I)

_MATH_MARK = re.compile(r"[0-9=+\-*/^<>±≠≈≤≥%×÷√∓⊕]")


def plain_prose(text: str) -> bool:
    """Words only: no digit, operator or number word (text that can state no value)."""
    if _MATH_MARK.search(text) or any(not c.isascii() and unicodedata.category(c)[0] in "SN" for c in text):
        return False
    return not any(w.lower() in NUMBER_WORDS for w in LETTERS.findall(text))


def tuple_inside(text: str) -> str:
    return text[1:-1] if text.startswith("(") and text.endswith(")") and "," in text else text


def is_prose(text: str) -> bool:
    """True if text has a word that is not math (so a bracket holds a reason, a line holds prose)."""
    return any(len(w) > 1 and w.lower() not in _WORD_OK for w in LETTERS.findall(text))


# asked of every word of every line; words recur everywhere (`=`, `x`, `2x`), and the answer is a pure
# function of the word: kept, bounded
@functools.lru_cache(maxsize=8192)
def is_mathy(word: str) -> bool:
    if not word or not _MATH_CHARS.match(word):
        return False
    letters = LETTERS.findall(word)
    if any(len(w) > 1 and w.lower() not in _WORD_OK for w in letters):
        return False
    return not (re.fullmatch(r"[A-Za-z.]+", word) and "." in word)  # not "e.g."


def trim(word: str) -> str:
    """The word without sentence punctuation; a `!` after a number or bracket is a factorial and stays."""
    trimmed = word.rstrip(".,;:?!")
    bangs = len(word.rstrip(".,;:?")) - len(trimmed)
    if bangs and (trimmed[-1:].isalnum() or trimmed[-1:] in (")", "]", "}")):
        trimmed = word.rstrip(".,;:?")
    return trimmed


def garbled_word(word: str) -> bool:
    """A word of prose that holds a relation or a digit glued to symbols the grammar does not know."""
    if "=" in word:
        return True
    if word.isascii():
        # math glued to a character the grammar lacks: `x_(1)`, `f'(x)`, `|x|`, `50%`
        return any(c.isdigit() or c in "+-*/^()" for c in word) and not _MATH_CHARS.match(word.strip("'"))
    odd = [unicodedata.category(c) for c in word if not c.isascii() and unicodedata.category(c)[0] != "P"]
    if any(cat == "Sm" or cat[0] in "MN" for cat in odd):
        return True  # a math symbol, a combining mark, a number sign the grammar does not know
    # an emoji alone is decoration; a digit, letter or operator glued to anything odd is not
    return bool(odd) and any(c.isascii() and (c.isalnum() or c in "+-*/^()") for c in word)


def value_like(text: str) -> bool:
    return re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+|sqrt|pi", "", text)) is None


def has_operator(text: str) -> bool:
    return bool(re.search(r"[-+*/^]|\\frac|sqrt|\\cdot|\\times", text))


def readable(part: str) -> bool:
    try:
        parse_chain(part.lstrip("="))
    except MathParseError:
        return False
    return True


def split_top_level(text: str) -> list[str]:
    """Split on commas and semicolons outside brackets."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in ",;" and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def same_variable_values(parts: list[str]) -> bool:
    names = set()
    for part in parts:
        m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*[^=]+", part)
        if m is None:
            return False
        names.add(m.group(1))
    return len(names) == 1
