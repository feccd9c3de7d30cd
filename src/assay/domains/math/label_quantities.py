"""What a word problem's step says its arithmetic counts, held to what the prompt says its numbers count.

"Cost of the notebooks: 4 × $3 = $12" for "pens at $3 each ... Maria buys 4 pens and 2 notebooks", or
"Eggs eaten and sold: 9 × 2 = 18" for "$2 per egg": the arithmetic is true and the answer may be right,
but the words say the line computes what it does not. Three readings of a step's label (the words before
its `:` or before a labelled chain's `=`) and of the unit word after each result, against the nouns the
prompt writes after its numbers (`4 pens`: 4 counts pens) and its rates (`$2 per egg`: 2 is per egg):

- a label that names counted nouns of the prompt, over a product whose given numbers count only other
  ones (`Notebooks: 4 × 3` when 4 counts pens; a quotient may count something new: boxes = 48 ÷ 6);
- a label or a result's unit that names what a rate in the product is *per* (`9 × 2 = 18 eggs` with $2
  per egg: eggs times dollars per egg are dollars);
- a sum or difference whose result's unit is not what its given numbers count (`16 - 3 - 4 = 9 dollars`
  when 16 counts eggs);
- an original (regular, full, list) price as the label of a computation: the prompt gives it.

Each is unknown, never passed. A label or unit that names nothing the prompt counts is not judged here.
Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from fractions import Fraction

from assay.domains.math.quotes import Quote, noun_of

# `Cost of the pens: ...`, `**Pens:** ...`, `1. Eggs left: ...`, `Speed = ...`
_LABEL = re.compile(
    r"^[\s#>*_•+\-]*(?:\d{1,3}[.)]\s+)?[*_]*(?P<label>[A-Za-z][A-Za-z'’ ]{0,60}?)[*_]*\s*[:=]"
)
# `$2 per fresh duck egg`, `$3 a box`, `12 pencils per box`: a number and what it is per
_RATE = re.compile(
    r"\$?\s?(?P<number>\d+(?:\.\d+)?)(?:\s+(?P<noun>[A-Za-z]+))?\s+"
    r"(?:(?:per|for each|each)\s+(?P<what>(?:[A-Za-z]+\s+){0,3}[A-Za-z]+)(?=\s*(?:[.,;:?!]|$))"
    r"|an?\s+(?P<one>[A-Za-z]+)(?=\s*(?:[.,;:?!]|$)))",
    re.I,
)
# `per day`, `a day`, `each box` in a label: what a rate is per, not what the line counts
_PER_PHRASE = re.compile(r"\b(?:per|a|an|each|every)\s+[A-Za-z]+", re.I)
_ORIGINAL = re.compile(r"\b(?:original|regular|full|list)\s+(?:price|cost)\b", re.I)
_RESULT_UNIT = r"=\s*\$?\s*{value}\s*(?:\*\*)?\s+([A-Za-z]+)"


def rates(prompt: str) -> dict[Fraction, frozenset[str]]:
    """The prompt's numbers that are rates, each with the nouns it is per (`$2 per fresh duck egg` → egg:
    the last word of what follows `per`, as a noun)."""
    found: dict[Fraction, set[str]] = {}
    for match in _RATE.finditer(prompt):
        if match.group("noun") and not noun_of(match.group("noun")):
            continue  # `$12 and a hat`: a plain word between the number and `a` joins two clauses
        last = noun_of((match.group("what") or match.group("one")).split()[-1])
        if last:
            found.setdefault(Fraction(match.group("number")), set()).add(last)
    return {value: frozenset(nouns) for value, nouns in found.items()}


def mislabelled(
    text: str,
    groups: list[tuple[list[Fraction], str, Fraction | None]],
    quotes: Collection[Quote],
    per: dict[Fraction, frozenset[str]],
) -> str | None:
    """Why the words of a step say its arithmetic counts what it does not (see the module), or None.

    groups: each chain of the step as (the given numbers it computes with, its operators, its result)."""
    counted: dict[Fraction, set[str]] = {}
    for quote in quotes:
        if quote.after:
            counted.setdefault(quote.value, set()).add(quote.after)
    nouns = set().union(*counted.values()) if counted else set()
    label = _LABEL.match(text)
    words = _PER_PHRASE.sub(" ", label.group("label")) if label else ""
    named = {noun_of(w) for w in re.findall(r"[A-Za-z]+", words)}
    if label is not None and _ORIGINAL.search(label.group("label")):
        # `Original price: $40 − $10 = $30`: the original price is one the prompt gives, never a result
        values = {q.value for q in quotes}
        for _, operators, result in groups:
            if operators and result not in values:
                return "its label names an original price, which the problem gives, but the line computes it"
    for given, operators, result in groups:
        counts = {n for value in given for n in counted.get(value, ())}
        in_label = named & nouns
        if label is not None and in_label and counts and not counts & in_label and set(operators) <= {"*"}:
            return f"its label names {sorted(in_label)[0]}, but its numbers count {sorted(counts)[0]}"
        unit = _unit_after(text, result)
        said = {unit} if unit else set()
        if label is not None and len(groups) == 1:
            said |= named
        if "*" in operators:
            for value in given:
                over = per.get(value, frozenset()) & said
                if over:
                    return (
                        f"says it counts {sorted(over)[0]}, but it multiplies by a rate per {sorted(over)[0]}"
                    )
        unlike = unit and operators and set(operators) <= {"+", "-"} and counts and unit not in counts
        if unlike and (unit in nouns or unit in ("dollar", "cent")):
            return f"says its result counts {unit}, but its numbers count {sorted(counts)[0]}"
    return None


# what a part of the whole is (`Discount: 0.25 × 40`), and what is left after it (`Sale price: 0.75 × 40`)
_PART_WORDS = re.compile(r"\b(?:discount\w*|off|sav(?:e|ed|es|ings?)|tip|tax|taken|cut|spent|used)\b", re.I)
_LEFT_WORDS = re.compile(r"\b(?:sale|new|final|remain\w*|left|rest|keeps?|kept|pays?|paid)\b", re.I)


def part_mislabelled(
    text: str,
    groups: list[tuple[list[Fraction], str, Fraction | None]],
    left: frozenset[Fraction],
    parts: frozenset[Fraction],
) -> str | None:
    """Why a labelled product by a part of the whole says it is what is left, or the other way round
    (`Discount: 0.75 × 40 = 30` for "25% off"; `Sale price: 0.25 × 40 = 10`), or None."""
    label = _LABEL.match(text)
    if label is None:
        return None
    words = label.group("label")
    for given, operators, _ in groups:
        if "*" not in operators:
            continue
        if (
            any(value in left for value in given)
            and _PART_WORDS.search(words)
            and not _LEFT_WORDS.search(words)
        ):
            return "its label names the part taken, but it multiplies by what is left of the whole"
        if (
            any(value in parts for value in given)
            and _LEFT_WORDS.search(words)
            and not _PART_WORDS.search(words)
        ):
            return "its label names what is left, but it multiplies by the part taken"
    return None


def _unit_after(text: str, result: Fraction | None) -> str:
    """The noun after `= result` in text (`= 18 eggs` → egg), or ""."""
    if result is None or result.denominator != 1:
        return ""
    found = re.search(_RESULT_UNIT.format(value=re.escape(str(result.numerator))), text)
    return noun_of(found.group(1)) if found else ""


__all__ = ["mislabelled", "part_mislabelled", "rates"]
