"""An operation a line says it applies to one side of an equation only.

`4x − 5 = 11` then `4x = 16  [add 5 to the left side]`: the equation shown is right, but adding to one
side is no move on an equation at all (it gives `4x = 11`), and a trace that says so teaches a wrong
method. The words of a move (move_words.py) hold the operation to the line; the side it names must be read
too, or the reason is read only in part. An operation (`add`, `subtract`, `take away`, `multiply`,
`divide`, `halve`, `square`, a root, a reciprocal) whose words name one side (`to the left side`, `on the
right`, `the LHS`, `one side`, `the numerator`) is a move this reader cannot hold the line to: the line is
unknown. Both sides named together (`both sides`, `each side`, `the left and right sides`, `top and
bottom`) are taken off first, and so is a goal that names where a term ends up (`to get x on the
left`); a side named beside them still counts (`add 5 to both sides and 3 to the
left`). Moving a term across (`move the 5 to the right side`) names a side by right and is not read here.

Pure text work; never decides `verified`, only turns a line unknown.
"""

from __future__ import annotations

import re

from assay.text.trigger_words import compile_guarded

# an operation done to whatever it names (moving a term across is not one of them)
_OPERATION = compile_guarded(
    r"\b(?:add\w*|plus|subtract\w*|minus|deduct\w*|tak(?:e|es|ing)\s+away|took\s+away|multipl\w*|times"
    r"|divid\w*|doubl\w*|tripl\w*|halv\w*|scal\w*|squar\w*|cub(?:e|es|ed|ing)|sqrt|roots?|logs?"
    r"|logarithm\w*|exponentiat\w*|rais\w*|reciprocals?|invert\w*|flip\w*)\b",
    re.I,
)
_LEFT = r"(?:left|l\.?\s?h\.?\s?s)"
_RIGHT = r"(?:right|r\.?\s?h\.?\s?s)"
_HAND = r"(?:[-\s]*hand)?(?:[-\s]*(?:sides?|members?|parts?|expressions?))?"
# both sides at once: taken off before one side is looked for
_BOTH = re.compile(
    r"\b(?:both|each|either|every|all|the\s+two)\s+(?:of\s+the\s+)?(?:sides?|members?)\b"
    rf"|\b{_LEFT}{_HAND}\s+(?:and|&)\s+(?:(?:to|from|on|of|by)\s+)?(?:the\s+)?{_RIGHT}{_HAND}"
    rf"|\b{_RIGHT}{_HAND}\s+(?:and|&)\s+(?:(?:to|from|on|of|by)\s+)?(?:the\s+)?{_LEFT}{_HAND}"
    r"|\b(?:top|numerator)\s+and\s+(?:the\s+)?(?:bottom|denominator)\b"
    r"|\b(?:bottom|denominator)\s+and\s+(?:the\s+)?(?:top|numerator)\b",
    re.I,
)
# a goal that names where a term ends up (`to get x on the left`, `to keep the x terms on one side`), no
# side an operation is applied to
_GOAL = compile_guarded(
    r"\b(?:get|gets|getting|keep|keeping|leave|leaving|isolate|isolating|have|having|put|putting|collect"
    r"|collecting|gather|gathering|group|grouping|eliminate|eliminating|cancel|cancelling|canceling|remove"
    r"|removing|clear|clearing|undo|undoing|rid)\b[^.;:=]{0,40}?\b(?:on|to|onto|from)\s+(?:the\s+|one\s+|a\s+)?"
    r"(?:single\s+|same\s+|other\s+)?(?:(?:left|right|l\.?\s?h\.?\s?s|r\.?\s?h\.?\s?s)(?:[-\s]*hand)?"
    r"(?:[-\s]*sides?)?|sides?)\b",
    re.I,
)
# one side: `left side`, `the left`, `LHS`, `one side`, `the numerator` (not `we are left with`,
# `right, so`)
_ONE = re.compile(
    rf"\b(?:{_LEFT}|{_RIGHT})[-\s]*(?:hand|sides?|members?|parts?|expressions?)\b"
    r"|\b(?:the|to|on|from|of|in|at|only|just)\s+(?:the\s+)?(?:left|right)\b(?=\s*(?:$|[.,;:)\]!]|and\b|only\b))"
    r"|\b(?:l\.?\s?h\.?\s?s|r\.?\s?h\.?\s?s)\b"
    r"|\b(?:one|a|single|this|that|first|second|other|same)\s+(?:single\s+)?(?:sides?|members?)\b"
    r"|\bone\s+of\s+the\s+(?:sides|members)\b"
    r"|\b(?:to|from|of|on|only|just)\s+(?:the\s+|its\s+)?(?:top|bottom|numerator|denominator)\b"
    r"(?!\s+(?:equations?|eqs?|eqns?|rows?|lines?|ones?)\b)"
    r"|\b(?:multipl\w*|divid\w*|add\w*|subtract\w*|squar\w*|doubl\w*|halv\w*)\s+(?:only\s+)?(?:the|its)\s+"
    r"(?:top|bottom|numerator|denominator)\b(?!\s+(?:equations?|eqs?|eqns?|rows?|lines?|ones?)\b)"
    r"|\bonly\s+(?:to|from|on|by)\b|\b(?:to|from|on)\s+(?:\S+\s+){0,3}only\b",
    re.I,
)


# hyphens and dashes of every kind (`left‐hand`), and the minus sign, as `-`
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# the clauses of a sentence: an operation's side is named in its own clause (`Add 5 to both sides; the
# left side becomes 4x` names no side of the addition)
_CLAUSE = re.compile(r"[.;!?](?:\s|$)|,\s+(?=(?:so|then|which|giving|leaving|the|this|we|and\s+the)\b)", re.I)


def one_sided(said: str) -> str | None:
    """Why the operation the words `said` name is applied to one side only, or None (see the module)."""
    said = _DASHES.sub("-", said)
    for clause in _CLAUSE.split(said):
        operation = _OPERATION.search(clause)
        side = _ONE.search(_BOTH.sub(" ", _GOAL.sub(" ", clause))) if operation is not None else None
        if operation is not None and side is not None:
            return _why(operation.group(0), side.group(0))
    return None


def _why(operation: str, side: str) -> str:
    return (
        f"names {operation!r} on {side.strip()!r}: an operation on one side of an"
        " equation is no move on it, and the checker cannot hold the line to it"
    )


__all__ = ["one_sided"]
