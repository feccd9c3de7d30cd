"""One arithmetic operation said in words, with its result: `13 minus 5 is 8`, `8 divided by 2 is 4`,
`Subtracting 5 from 13 gives 8`, written as the claim it makes (`13 - 5 = 8`), so it is checked; and
math joined to math by `, which is` (`25% of 20, which is 0.25 × 20 = 5`) as one chain.

Only one operation between two numbers, and a result that ends its clause: `5 times 3 plus 2 is 17` has
two readings in words (5 × 3 + 2 or 5 × (3 + 2)) and is left alone (hidden_claims.py makes it
unreadable). Pure text work; safe in any process.
"""

from __future__ import annotations

import re

from assay.domains.math.trigger_words import compile_guarded

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


# `25% of 20, which is 0.25 × 20 = 5`: math, then `, which is` and math that ends the clause, says the
# first equals the second (anything else after `which is`, `2 more than 3`, is left to the reader)
_WHICH_IS = re.compile(
    r"(?<=[\d)])\s*,\s*which\s+(?:is|equals|is equal to|gives|makes)\s+"
    r"(?=[-−]?[\d(][\d\s.+\-−*/×÷()^=]*?(?:[,;!?]|\.(?:\s|$)|$))"
)


def spoken_arithmetic(body: str) -> str:
    """body with each one-operation sum said in words written as its claim (see the module)."""
    if not any(c.isdigit() for c in body):
        return body
    body = _SAID.sub(_said, body)
    if "which" in body:
        body = _WHICH_IS.sub(" = ", body)
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


def _gerund(match: re.Match[str]) -> str:
    form = _GERUND_FORMS.get((match.group(1).lower(), match.group(3).lower()))
    if form is None:
        return match.group(0)  # `adding 5 by 3`: no operation anyone means
    return f"{form(match.group(2), match.group(4))} = {match.group(5)}"


__all__ = ["spoken_arithmetic"]
