"""What a word problem's words say about how one of its numbers may be used: the cue around it.

Every line of "Sara's age: 3 + 6 = 9. In 2 years: 9 + 2 = 11. Then 11 + 6 + 3 = 20." is true arithmetic
on the prompt's numbers and the answer is right, yet "3 times as old" is a factor: adding it to an age is
not what the words say. Likewise "24 / 6 = 4, 4 / 2 = 2" for "He sells 2 boxes. How many boxes are
left?" divides by the boxes sold. Which operation the words call for is in general beyond the checker,
but a few cues fix it without doubt, and a line that uses a number against its cue is unknown, never
passed (word_steps.py asks):

- factor: "3 times as old", "4 times more", "5-fold", "twice as many", "half the" (the whole number of
  it, 2 for "half": the fraction 1/2 is a part, and parts add up). A factor is multiplied or divided by;
  it is added to or taken from only a 1 or another factor (`3 + 1 = 4` parts, `(2 + 3) × 6`).
- shift: in a prompt about ages, "in 2 years", "5 years ago", "3 years older". A shift is added or
  taken away, never multiplied or divided by.
- removed: "sells 2 boxes", "gives away 7", when the question asks what is left (left, remain, rest).
  What is taken away is never what the rest is divided by (`4 / 2` boxes left, or `24 / (6 × 2)`).
- sides: the 4 a square gives (its four sides) in a prompt that writes no 4 of its own. It multiplies
  only a number written beside the square (its side: `4 × 7` for "a square with sides of 7 m") or a side
  a step got by dividing by it, and divides anything (`26 ÷ 4`: a perimeter shared by four sides); it is
  never added, never divided, and never multiplies another shape's lengths (`4 × (8 + 5)` for a
  rectangle beside the square).

A value keeps a cue only when every place the prompt gives it has that same cue: "Ben is 3. Sara is 3
times as old" gives a 3 that is an age too, so neither reading is imposed (and a value a unit or another
word gives as well, `dozen`, `rectangle`, 60 minutes in an hour, keeps none). Pure text and tree work;
safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from assay.domains.math.exact import Number, format_number
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num
from assay.domains.math.vocabulary import NUMBER_WORDS
from assay.domains.math.wordy import given_numbers, square_shape

CueKind = Literal["factor", "shift", "removed", "sides"]


@dataclass(frozen=True)
class Cue:
    """A number of the prompt, what its words make it, and the words (for the evidence)."""

    value: Fraction
    kind: CueKind
    words: str
    # sides: the numbers the prompt writes in a sentence about the square (what its 4 may multiply)
    partners: frozenset[Fraction] = frozenset()


_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# a number as the prompt writes it: digits (`1,200`, `2.5`) or a number word (`three`, `forty-two`)
_NUM = rf"(?P<num>(?<![\d.,/])\d+(?:,\d{{3}})*(?:\.\d+)?(?![\d/%]|\.\d|,\d)|\b(?:{_WORDS})\b)"

_FACTOR = re.compile(
    _NUM + r"(?:\s+times\s+(?:as|more|less|fewer|larger|bigger|smaller|greater|older|younger|longer"
    r"|shorter|taller|heavier|higher|faster|slower|the|that|what|his|her|their|its)\b|-fold\b)",
    re.I,
)
# factor words whose number the prompt does not write: (the word, its value)
_FACTOR_WORDS = re.compile(
    r"\b(?P<word>twice|thrice|double|triple|half)\s+(?:as|the|that|what|his|her|their|its|of)\b", re.I
)
_FACTOR_VALUES = {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "half": 2}

_AGES = re.compile(r"\b(?:old|older|younger|ages?|aged|birthday)\b", re.I)
_SHIFTS = (
    re.compile(r"\b(?:in|after)\s+" + _NUM + r"\s+years?\b(?!\s+old)", re.I),
    re.compile(_NUM + r"\s+years?\s+(?:ago|from now|later|earlier|before|older|younger)\b", re.I),
)

_REMOVING = (
    r"(?:sells?|sold|gives?|gave|given|eats?|ate|eaten|loses?|lost|spends?|spent|uses?|used|breaks?|broke"
    r"|drinks?|drank|donates?|donated|throws?|threw|removes?|removed)"
)
_REMOVED = re.compile(
    rf"\b{_REMOVING}(?:\s+(?:away|out|up|off))?(?:\s+(?:a|an|the|only|another|just))?\s+\$?"
    + _NUM
    # a rate or a part is not a count taken away: `eats 2 slices a day`, `spends 25% of`
    + r"(?!\s*(?:%|percent|/|times\b|\w+\s+(?:per|each|every|a|an|apiece)\b|(?:per|each|every|a|an)\b))",
    re.I,
)
_LEFT = re.compile(r"\b(?:left|remain\w*|rest)\b", re.I)
_QUESTION = re.compile(r"[^.!?]*\?")


def number_cues(prompt: str) -> tuple[Cue, ...]:
    """The numbers of a word problem that its words fix the use of, one cue per value."""
    found: list[tuple[Fraction, CueKind, str, tuple[int, int]]] = []
    for match in _FACTOR.finditer(prompt):
        found.append((_value(match.group("num")), "factor", match.group(0), match.span("num")))
    for match in _FACTOR_WORDS.finditer(prompt):
        word = match.group("word")
        found.append((Fraction(_FACTOR_VALUES[word.lower()]), "factor", match.group(0), match.span("word")))
    if _AGES.search(prompt):
        for match in (m for pattern in _SHIFTS for m in pattern.finditer(prompt)):
            found.append((_value(match.group("num")), "shift", match.group(0), match.span("num")))
    questions = _QUESTION.findall(prompt)
    if questions and _LEFT.search(questions[-1]):
        for match in _REMOVED.finditer(prompt):
            found.append((_value(match.group("num")), "removed", match.group(0), match.span("num")))
    cues: dict[Fraction, Cue] = {}
    mixed: set[Fraction] = set()
    for value, kind, words, _ in found:
        known = cues.get(value)
        if known is not None and known.kind != kind:
            mixed.add(value)
        cues.setdefault(value, Cue(value, kind, " ".join(words.split())))
    # the prompt with every cued number blanked out: a value it still gives comes from somewhere else too
    blanked = list(prompt)
    for _, _, _, (start, end) in found:
        blanked[start:end] = " " * (end - start)
    elsewhere = set(given_numbers("".join(blanked)))
    kept = tuple(cue for value, cue in cues.items() if value not in mixed and value not in elsewhere)
    return kept + _square_sides(prompt, {cue.value for cue in kept})


def _square_sides(prompt: str, cued: set[Fraction]) -> tuple[Cue, ...]:
    """The sides cue of a square's 4, when nothing else in the prompt gives a 4 (see the module)."""
    four = Fraction(4)
    if four in cued or not square_shape(prompt) or four in given_numbers(_SQUARE_WORD.sub(" ", prompt)):
        return ()
    partners = {
        _value(match.group("num"))
        for sentence in _SENTENCE.findall(prompt)
        if square_shape(sentence)
        for match in re.finditer(_NUM, sentence, re.I)
    }
    return (Cue(four, "sides", "a square's four sides", frozenset(partners)),)


_SQUARE_WORD = re.compile(r"\bsquares?\b", re.I)
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def misused(
    parts: list[Expr],
    cues: Mapping[Number, Cue],
    derived: Mapping[Number, Expr],
    computed: Collection[Number],
) -> str | None:
    """Why a chain uses a cued number against its cue, or None. A literal whose value a step has computed
    may be that value, not the prompt's number, so it is left alone."""
    if not cues:
        return None
    # (node, whether it is a multiplicative root: the whole chain, or a product under a sum)
    stack: list[tuple[Expr, bool]] = [(part, True) for part in parts]
    while stack:
        node, root = stack.pop()
        if isinstance(node, Bin):
            why = _against(node, root, cues, derived, computed)
            if why is not None:
                return why
            inner = node.op not in "*/"
            stack.extend(((node.left, inner), (node.right, inner)))
        elif isinstance(node, Neg | Call):
            stack.append((node.arg, True))
    return None


def _against(
    node: Bin,
    root: bool,
    cues: Mapping[Number, Cue],
    derived: Mapping[Number, Expr],
    computed: Collection[Number],
) -> str | None:
    def cue(expr: Expr, kind: CueKind) -> Cue | None:
        if not isinstance(expr, Num) or expr.value in computed:
            return None
        found = cues.get(expr.value)
        return found if found is not None and found.kind == kind else None

    if node.op in "+-":
        terms = _terms(node)
        factors = [c for c in (cue(t, "factor") for t in terms) if c is not None]
        others = [t for t in terms if cue(t, "factor") is None and not (isinstance(t, Num) and t.value == 1)]
        if factors and others:
            return f"adds or subtracts {_said(factors[0])}, a factor"
    if node.op in "+-" and any(cue(term, "sides") is not None for term in _terms(node)):
        return "adds or subtracts 4, a square's four sides"
    sides = cue(node.left, "sides") or (cue(node.right, "sides") if node.op == "*" else None)
    if node.op in "*/" and sides is not None:
        other = node.right if cue(node.left, "sides") is not None else node.left
        if node.op == "/" or not _square_side(other, sides, derived):
            verb = "multiplies" if node.op == "*" else "divides"
            return f"{verb} with 4, a square's four sides, a number not of the square"
    if node.op in "*/":
        for side in (node.left, node.right):
            shift = cue(side, "shift")
            if shift is not None:
                return f"multiplies or divides by {_said(shift)}, a number of years added or taken away"
    for value, power in _powers(node, derived, [_MAX_EXPANDED]) if root else ():
        removed = cue(Num(value), "removed")
        if power < 0 and removed is not None:
            return f"divides by {_said(removed)}, what is taken away from what is left"
    return None


def _square_side(expr: Expr, sides: Cue, derived: Mapping[Number, Expr]) -> bool:
    """Whether expr is a side of the square: a number written beside it, or one a step divided by 4."""
    if not isinstance(expr, Num):
        return False
    source = derived.get(expr.value)
    quartered = (
        isinstance(source, Bin)
        and source.op == "/"
        and isinstance(source.right, Num)
        and source.right.value == 4
    )
    return expr.value in sides.partners or quartered


_MAX_EXPANDED = 64  # nodes of earlier derivations followed through one product


def _terms(node: Expr) -> list[Expr]:
    """The terms of a sum (`11 + 6 + 3` -> 11, 6, 3), through + and - and negation."""
    out: list[Expr] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Bin) and item.op in "+-":
            stack.extend((item.left, item.right))
        elif isinstance(item, Neg):
            stack.append(item.arg)
        else:
            out.append(item)
    return out


def _powers(node: Expr, derived: Mapping[Number, Expr], budget: list[int]) -> list[tuple[Fraction, int]]:
    """The number factors of a product or quotient with their powers (+1 or -1), a value an earlier step
    computed followed into its own product (`24 / 12` after `6 × 2 = 12`: 24, 6 and 2 below the line)."""
    out: list[tuple[Fraction, int]] = []
    pending: list[tuple[Expr, int]] = [(node, 1)]
    while pending:
        item, power = pending.pop()
        budget[0] -= 1
        if budget[0] < 0:
            break
        if isinstance(item, Bin) and item.op in "*/":
            pending.append((item.left, power))
            pending.append((item.right, power if item.op == "*" else -power))
        elif isinstance(item, Num):
            source = derived.get(item.value)
            if isinstance(source, Bin) and source.op in "*/":
                pending.append((source, power))
            else:
                out.append((item.value, power))
    return out


def _said(cue: Cue) -> str:
    return f"{format_number(cue.value)} ('{cue.words}')"


def _value(text: str) -> Fraction:
    lower = text.lower()
    if lower in NUMBER_WORDS:
        return Fraction(NUMBER_WORDS[lower])
    return Fraction(text.replace(",", ""))


__all__ = ["Cue", "CueKind", "misused", "number_cues"]
