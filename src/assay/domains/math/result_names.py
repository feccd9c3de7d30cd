"""A final answer stated as the named result of an operation: "So the sum is 11/12."

For "Compute 2/3 + 1/4." a model often ends "so the sum is 11/12": the sentence states the answer (read
as one, like "The total is $26.", answer_phrases.py), and it names what the answer is the result of. The
name is a claim too: "so the sum is 5/12" for 2/3 − 1/4 gets the value right and the operation wrong. It
is held to the problem's own expression, whose last operation must be the one named (a sum for `+`, a
difference for `−`, a product for `×`, a quotient for `÷`). In any other kind of problem (a word problem,
an equation) the name could be of any step's result, so an answer stated this way is not held to
anything and stays unknown. Pure tree and text work; never decides `verified`.
"""

from __future__ import annotations

import re

from assay.domains.math.expr import Bin, Expr
from assay.text.trigger_words import compile_guarded

_NAMED_RESULT = compile_guarded(
    r"\bthe\s+(?:final\s+)?(?P<name>sum|difference|product|quotient)\s+is\b", re.I
)
_OPERATIONS = {"sum": "+", "difference": "-", "product": "*", "quotient": "/"}


def names_result(text: str) -> bool:
    """Whether text states a value as the named result of an operation (`the sum is 11/12`; not `the sum is
    3 + 4 = 7`, whose chain is a claim of its own)."""
    return bool(_stated(text))


def without_named_results(text: str) -> str:
    """text with each named result said as `the answer is` (its name is held by `misnamed_result`, not by
    the words that name a line's arithmetic)."""
    for match in reversed(_stated(text)):
        text = f"{text[: match.start()]}the answer is{text[match.end() :]}"
    return text


def _stated(text: str) -> list[re.Match[str]]:
    return [
        match
        for match in _NAMED_RESULT.finditer(text)
        if "=" not in re.split(r"[.;!?\n]", text[match.end() :], maxsplit=1)[0]
    ]


def misnamed_result(text: str, source: Expr | None) -> str | None:
    """Why an answer line's named result (`the sum is ...`) is not the result of the problem's expression
    `source` (None: not a problem that is one expression), or None when it names none or the right one."""
    names = {match.group("name").lower() for match in _stated(text)}
    if not names:
        return None
    if source is None:
        return f"states the answer as the {sorted(names)[0]} of a step the checker does not hold it to"
    operation = source.op if isinstance(source, Bin) else ""
    wrong = sorted(name for name in names if _OPERATIONS[name] != operation)
    if wrong:
        return f"states the answer as the {wrong[0]}, but the problem's last operation is no {wrong[0]}"
    return None


__all__ = ["misnamed_result", "names_result", "without_named_results"]
