"""A line of several sentences read as one step per sentence.

"Half of 100 is 50. Parents 15, grandparents 30. 50 + 15 + 30 = 95. 100 - 95 = 5." is four claims,
and R1's thinking, Claude's paragraphs and GPT's explanations write whole solutions so. Read as one
step, one sentence the reader cannot place makes every claim of the line unknown; read one by one, each
claim is checked on its own and only the sentence nobody reads stays unknown. Nothing is dropped: every
sentence is a step, read as strictly as any line.

A sentence ends at a full stop followed by a space and a capital, a digit or math (`$`, `\\(`); not
inside inline math, not after an abbreviation (`Mr.`, `e.g.`), and a line with a retraction in it is
left whole (midline.py judges what a retraction takes back, within its line). Pure text work.
"""

from __future__ import annotations

import re
from itertools import pairwise

from assay.domains.math.claim_reading import retraction_starts

# a full stop that ends a sentence: after a word, a number, a bracket or markup, before a new sentence
_END = re.compile(r"(?<=[A-Za-z0-9)\]}$*%])\.(?=\s+(?:[A-Z0-9$]|\\\(|\*\*[A-Z0-9]))")
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "st", "vs", "etc", "approx", "eg", "ie", "no", "fig", "eq", "cf")
)
_MARKER = re.compile(r"\s*(?:[-*#>]+\s*)?(?:\**(?:step|part|case)\s*)?\(?[0-9A-Za-z]{1,3}\)?", re.I)
MAX_SENTENCES = 40  # sentences cut out of one line; past it the rest stays one piece


def sentences(segment: str) -> list[str]:
    """segment cut into its sentences (see the module); [segment] when it has one or is left whole."""
    if ". " not in segment or retraction_starts(segment):
        return [segment]
    cuts: list[int] = []
    for found in _END.finditer(segment):
        before = segment[: found.start()]
        if _in_math(before):
            continue
        if _MARKER.fullmatch(before[cuts[-1] if cuts else 0 :]):
            continue  # `1. Subtract 5`, `Step 2. Divide`: a list's number, not a sentence
        word = re.search(r"([A-Za-z.]+)$", before)
        if word is not None and word.group(1).replace(".", "").lower() in _ABBREVIATIONS:
            continue
        cuts.append(found.end())
        if len(cuts) >= MAX_SENTENCES:
            break
    if not cuts:
        return [segment]
    bounds = [0, *cuts, len(segment)]
    pieces = [segment[a:b] for a, b in pairwise(bounds)]
    return [piece for piece in pieces if piece.strip()]


# a clause boundary inside a sentence: `He pays with $20, so his change is 20 - 12 = 8`
_CLAUSE = re.compile(
    r"(?:,|;)\s+(?=(?:and\s+)?(?:so|thus|hence|therefore|which\s+means|meaning)\b)"
    r"|,\s+(?=and\s+(?:his|her|their|its|the|this|that|we|she|he|they|it|there)\b)"
    # `Maria is 4 years older: 14 + 4 = 18`: words, then the arithmetic they introduce
    r"|(?<=[A-Za-z]):\s+(?=(?:[-−$(\d]|\\\()[^=]{0,200}=)",
    re.I,
)


# `7 times 4 is 28, and 28 minus 3 is 25`: a second piece of arithmetic in words, a clause of its own
_AND_ARITHMETIC = re.compile(r",\s+and\s+(?=[-−]?\d[^=,;]*\b(?:is|equals|gives|makes)\b)", re.I)
_CHECKING = re.compile(r"[\W_]*(?:\w+\W+){0,3}?(?:check|verif|plug|substitut|test)", re.I)


def clauses(sentence: str) -> list[str]:
    """A sentence cut into its clauses at `, so` / `; therefore` / `, and she` (outside math), for one that
    cannot be read whole; [sentence] when it has one clause or holds a retraction."""
    if retraction_starts(sentence):
        return [sentence]
    found_cuts = list(_CLAUSE.finditer(sentence))
    if not _CHECKING.match(sentence):
        # (a check's pieces are no checks of their own: each alone evaluates only part of the problem)
        found_cuts = sorted([*found_cuts, *_AND_ARITHMETIC.finditer(sentence)], key=lambda cut: cut.start())
    cuts = [found.end() for found in found_cuts if not _in_math(sentence[: found.start()])]
    if not cuts:
        return [sentence]
    bounds = [0, *cuts[:MAX_SENTENCES], len(sentence)]
    pieces = [piece for a, b in pairwise(bounds) if (piece := sentence[a:b]).strip()]
    if any("=" not in piece and not re.search(r"[A-Za-z]{2}", piece) for piece in pieces):
        return [sentence]  # a clause that is only a value (`...; 26`) would read as an answer: kept whole
    return pieces


def _in_math(before: str) -> bool:
    """Whether a position after `before` is inside inline math (`$...$`, `\\(...\\)`)."""
    dollars = len(re.findall(r"(?<!\\)\$", before))
    return dollars % 2 == 1 or before.count("\\(") > before.count("\\)")


__all__ = ["clauses", "sentences"]
