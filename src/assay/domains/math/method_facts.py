"""Facts of a method said in words, checked exactly: "The LCD of 4 and 6 is 12.", "the greatest common
divisor of 12 and 18 is 6", "two numbers that multiply to 6 and add to -5 ... are -2 and -3".

They state no step of the solution, but they are claims: read as prose they would hide a false one
("The LCD of 4 and 6 is 24"), so they were unreadable. Each is checked here on whole numbers: a true fact
is taken out of the line (it claims nothing the step checker needs), a false one becomes markup nobody
reads (unread.py), so its step is unknown. Anything else in such words stays as it was. Pure text and
integer work; safe in any process.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from assay.domains.math.markup import strip_delimiters
from assay.domains.math.unread import UNKNOWN_MARK

MAX_OPERAND = 10**12  # a larger whole number is not one a method names

_INT = r"([-−]?\d{1,13})"
_MULTIPLE = re.compile(
    r"\b(?:the\s+)?(?:lcd|lcm|least common (?:denominator|multiple)|lowest common (?:denominator|multiple))"
    r"\s+of\s+" + _INT + r"\s*(?:,\s*|\s+and\s+)" + _INT + r"\s+(?:is|equals|=)\s+" + _INT + r"(?![\d.,/]\d)",
    re.I,
)
_DIVISOR = re.compile(
    r"\b(?:the\s+)?(?:gcd|gcf|hcf|greatest common (?:divisor|factor)|highest common factor)"
    r"\s+of\s+" + _INT + r"\s*(?:,\s*|\s+and\s+)" + _INT + r"\s+(?:is|equals|=)\s+" + _INT + r"(?![\d.,/]\d)",
    re.I,
)
# "two numbers that multiply to 6 and add (up) to -5. These numbers are -2 and -3." (or `...: -2 and -3`)
_PAIR = re.compile(
    r"\btwo numbers\s+(?:that|which|whose product is|with product)\s*(?:multiply\s+to\s+)?"
    + _INT
    + r"\s+and\s+(?:add(?:\s+up)?\s+to|sum(?:\s+to)?|whose sum is)\s+"
    + _INT
    + r"\s*(?:[.;:,]\s*(?:these(?:\s+numbers)?\s+are|they\s+are|that'?s|those\s+are|the\s+numbers\s+are)"
    + r"|:)\s+"
    + _INT
    + r"\s+and\s+"
    + _INT
    + r"(?![\d.,/]\d)",
    re.I,
)


def checked_method_facts(body: str) -> str:
    """body with each method fact it states checked (see the module)."""
    lower = body.lower()
    if "common" in lower or "lc" in lower or "gc" in lower or "hcf" in lower:
        body = _MULTIPLE.sub(lambda m: _judged(m, _lcm), body)
        body = _DIVISOR.sub(lambda m: _judged(m, _gcd), body)
    if "two numbers" in lower:
        # `multiply to \(12\) and add to \(-7\)`: the math delimiters are layout
        body = _PAIR.sub(_pair, strip_delimiters(body))
    return body


def _number(text: str) -> int:
    return int(text.replace("−", "-"))


def _judged(match: re.Match[str], rule: Callable[[int, int], int]) -> str:
    a, b, said = (_number(g) for g in match.groups())
    if max(abs(a), abs(b), abs(said)) > MAX_OPERAND or a <= 0 or b <= 0:
        return match.group(0)
    return " " if rule(a, b) == said else f" {UNKNOWN_MARK} "


def _lcm(a: int, b: int) -> int:
    return a * b // math.gcd(a, b)


def _gcd(a: int, b: int) -> int:
    return math.gcd(a, b)


def _pair(match: re.Match[str]) -> str:
    product, total, first, second = (_number(g) for g in match.groups())
    if max(abs(product), abs(total), abs(first), abs(second)) > MAX_OPERAND:
        return match.group(0)
    return " " if first * second == product and first + second == total else f" {UNKNOWN_MARK} "


__all__ = ["checked_method_facts"]
