"""A word problem's quantity said in terms of the unknown a solution works with: "Then Emma's age is 3x.",
"The larger is n + 1.", "So Ben has 3x marbles."

Solutions that set up an equation name its unknown in words (`Let Jack's age be x.`) and then write the
other quantities in it before the equation that joins them (`x + 3x = 32`). Such a line claims how two
quantities of the prompt relate, which the checker cannot read from the prompt's words; nor can it read the
equation built from them, which it accepts only as far as it is built from the prompt's numbers and leads to
the answer (word_steps.py). A definition is held to the same: it is read (no claim) only when it is one
quantity's name, a plain verb, and an expression in one one-letter unknown whose every number the prompt
gives, used as the prompt's words say (`x + 3` for "3 times as old" is not: number_cues.py, asked by
the step checker), as the checker then holds the equation and the answer to the prompt. Anything else in
the line (a second number, a negation, a comparison, a condition, another unknown) leaves it unread. Once
the unknown is solved, each quantity named in it is a value the steps computed (`The larger is n + 1.`,
then `n = 20`: 21). Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.wordy import ungrounded
from assay.errors import MathParseError

_DEFINITION = re.compile(
    r"^\s*(?:(?:then|so|thus|and)\b,?\s*)?"
    r"(?P<name>[A-Za-z][A-Za-z'’]*(?:\s+[A-Za-z][A-Za-z'’]*){0,4})\s+"
    r"(?:is|are|has|have|will\s+be|would\s+be|=)\s+"
    r"(?P<expr>[0-9A-Za-z+\-*/×·()\s]{1,40}?)"
    r"(?:\s+(?P<noun>[A-Za-z]{3,}))?\s*\.?\s*$",
    re.I,
)
# words in a name that make it something else than a quantity's name: a negation, a comparison, a condition
_NOT_A_NAME = re.compile(
    r"\b(?:not|no|never|than|more|less|fewer|if|unless|when|after|before|each|per|total|sum|difference"
    r"|product|twice|half|times|only|it|this|that|there|which|answer|solution|equation)\b",
    re.I,
)


def definition(line: str, given: Collection[object], prompt_words: Collection[str]) -> Expr | None:
    """The expression in one unknown that line names a quantity as (see the module), or None. given: the
    numbers the prompt gives and the steps computed; prompt_words: the prompt's words, lower case (a noun
    after the expression must be one of them: `3x marbles`)."""
    line = line.replace("**", "").replace("$", "")
    found = _DEFINITION.match(line)
    if found is None or _NOT_A_NAME.search(found.group("name")):
        return None
    noun = found.group("noun")
    if noun is not None and noun.lower() not in prompt_words:
        return None
    text = found.group("expr").strip()
    try:
        expr = parse_expr_text(text)
    except MathParseError:
        return None
    names = variables(expr)
    if len(names) != 1 or len(next(iter(names))) != 1 or ungrounded(expr, given):
        return None
    if next(iter(names)) in found.group("name").split():
        return None  # `Then x is 3x.`: an equation in the unknown, said in words
    return expr


__all__ = ["definition"]
