"""Numbers a word problem's step says in its words, beside its arithmetic: each must be one the problem
gives or one a step computed.

"She has 3 × 12 = 36 pencils and gives away 9 of them, so 36 - 7 = 29 remain." checks as true arithmetic
on the prompt's numbers, and the words between the claims are prose to the reader; but they say the 9
pencils given away, which the prompt does not give (it gives 7) and nothing computed. A number in a
step's words states something about the problem as surely as one in its math, and nobody checked it, so
such a step is unknown, never passed. What counts is a bare number in the words (`9`, `$9`, `9%`, `nine`,
`a dozen`, `a fifth of`);
a line's own marker (`2.`, `Step 3:`) is not one. Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from assay.domains.math.exact import Number
from assay.domains.math.vocabulary import NUMBER_WORDS
from assay.domains.math.words import math_runs

# the line's own marker: `2.`, `(3)`, `**Step 2:**`, `## Step 1: ...`, `- `
MARKER = re.compile(
    r"^[\s#>*_•+\-]*(?:(?:step|part|line)\s*\d{1,3}|\d{1,3}[.)](?=\s)|\(\d{1,3}\))?\s*[:.)\-]?", re.I
)
_STEP_WORD = re.compile(r"\b(?:step|part)\s+\d{1,3}\b", re.I)
_BARE = re.compile(r"^[$(\[]*(\d+(?:,\d{3})*(?:\.\d+)?)(%?)[)\].,;:!?]*$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def loose_numbers(text: str, known: Collection[Number]) -> list[Fraction]:
    """The numbers text says in its words (outside its math) that are not in known."""
    body = _STEP_WORD.sub(" ", MARKER.sub(" ", text, count=1))
    said: list[Fraction] = []
    for run in math_runs(body):
        bare = _BARE.match(run.strip())
        if bare is not None:
            value = Fraction(bare.group(1).replace(",", ""))
            said.append(value / 100 if bare.group(2) and value not in known else value)
    said.extend(Fraction(NUMBER_WORDS[w.lower()]) for w in _WORD.findall(body) if w.lower() in NUMBER_WORDS)
    loose = [value for value in said if value not in known]
    for match in _PART.finditer(body):
        # `a fifth of them`: the part (1/5), or what it divides by (5), must be known
        count = Fraction(NUMBER_WORDS.get((match.group("count") or "one").lower(), "1"))
        whole = _PARTS[match.group("part").lower().rstrip("s")]
        if count / whole not in known and whole not in known:
            loose.append(count / whole)
    for match in _DOZEN.finditer(body):
        count = Fraction(NUMBER_WORDS.get((match.group("count") or "one").lower(), "1"))
        if 12 * count not in known:
            loose.append(12 * count)
    return loose


_PARTS = {
    "half": 2, "halve": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_COUNT = r"(?:(?P<count>" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")|an?)\s+"
# a part said in words (`a fifth of them`, `two thirds of`, `half of`), not an ordinal (`the third box`)
_PART = re.compile(
    r"\b(?:"
    + _COUNT
    + r")?(?P<part>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?"
    r"|ninths?|tenths?)\s+of\b",
    re.I,
)
_DOZEN = re.compile(r"\b(?:" + _COUNT + r")?dozens?\b", re.I)


__all__ = ["MARKER", "loose_numbers"]
