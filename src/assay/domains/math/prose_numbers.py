"""Numbers a word problem's step says in its words, beside its arithmetic: each must be one the problem
gives or one a step computed.

"She has 3 × 12 = 36 pencils and gives away 9 of them, so 36 - 7 = 29 remain." checks as true arithmetic
on the prompt's numbers, and the words between the claims are prose to the reader; but they say the 9
pencils given away, which the prompt does not give (it gives 7) and nothing computed. A number in a
step's words states something about the problem as surely as one in its math, and nobody checked it, so
such a step is unknown, never passed. What counts is a bare number in the words (`9`, `$9`, `9%`, `nine`);
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
    return [value for value in said if value not in known]


__all__ = ["MARKER", "loose_numbers"]
