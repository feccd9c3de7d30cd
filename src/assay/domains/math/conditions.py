"""Conditions a prompt puts on its unknown: `Solve x^2 = 16 for x > 0`, `where x ≠ 2`, `given x ≥ -1`.

Such a condition is part of the problem: a root of the equation that breaks it is no solution, and a trace
that drops it (`x = ±4`, then `x = 4`) is right to. Only the plain shape is read: a joining word (`for`,
`where`, `with`, `given`, `if`, `assuming`, `such that`, `and`), the unknown, one comparison and a number
(`x > 0`, `x ≤ 3/2`, `x ≠ -1`). Anything else (`x in (0, π)`, `0 < x < 2`, `x positive`) is not read:
the checker then knows no condition, and a dropped root stays what it was without one (refuted, or
unknown when the reference leaves it out too). Whether a root breaks a condition is decided exactly for
rationals and, for a surd, by its value when that is far from the bound. Pure; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.exact import Number

_COMPARISONS = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", "≠": "!=", "!=": "!="}
_CONDITION = re.compile(
    r"(?:\b(?:for|where|with|given|given\s+that|if|assuming|assuming\s+that|such\s+that|and)\s+|,\s*)"
    r"\$?\\?\(?\s*(?P<var>[A-Za-z])\s*(?P<op>>=|<=|!=|≥|≤|≠|>|<|\\geq?|\\leq?|\\neq?|\\ne)\s*"
    r"(?P<value>[-−]?\d+(?:\.\d+)?(?:/\d+)?)(?!\.\d|[\dA-Za-z(]|\s*[-+*/^<>=≤≥]|\s*\\(?:le|ge|lt|gt))",
    re.I,
)
_LATEX_COMPARISONS = {"\\ge": ">=", "\\geq": ">=", "\\le": "<=", "\\leq": "<=", "\\ne": "!=", "\\neq": "!="}
# words that make a condition one of several, or deny it: then no condition of the prompt is read
_NOT_PLAIN = re.compile(
    r"^\s*,?\s*(?:or|unless|except|is\s+not|isn't|need\s+not|is\s+false)\b|\b(?:not|no|except|unless|or)\s*$",
    re.I,
)
_MARGIN = 1e-9  # a surd this close to the bound is not decided by its value


@dataclass(frozen=True)
class Condition:
    variable: str
    comparison: str  # one of > < >= <= !=
    bound: Fraction


def prompt_conditions(prompt: str, variable: str) -> tuple[Condition, ...]:
    """The conditions the prompt puts on `variable` in the plain shape (see module)."""
    found = []
    for match in _CONDITION.finditer(prompt):
        if match.group("var") != variable:
            continue
        before, after = (
            prompt[max(0, match.start() - 20) : match.start()],
            prompt[match.end() : match.end() + 20],
        )
        if _NOT_PLAIN.search(after) or _NOT_PLAIN.search(before):
            return ()  # `for x > 0 or x < -2`, `not for x > 0`: a condition this reader does not model
        op = match.group("op")
        comparison = _LATEX_COMPARISONS.get(op.lower()) if op.startswith("\\") else _COMPARISONS.get(op)
        if comparison is None:
            continue
        found.append(Condition(variable, comparison, Fraction(match.group("value").replace("−", "-"))))
    return tuple(found)


def breaks(value: Number, condition: Condition) -> bool | None:
    """Whether value breaks the condition; None when it cannot be decided."""
    if isinstance(value, Fraction):
        difference = value - condition.bound
        sign = (difference > 0) - (difference < 0)
    else:
        try:
            approximate = float(value) - float(condition.bound)
        except (TypeError, ValueError, OverflowError):
            return None
        if abs(approximate) < _MARGIN:
            return None
        sign = 1 if approximate > 0 else -1
    holds = {
        ">": sign > 0,
        "<": sign < 0,
        ">=": sign >= 0,
        "<=": sign <= 0,
        "!=": sign != 0,
    }[condition.comparison]
    return not holds


def excluded(points: Iterable[Number], conditions: Iterable[Condition]) -> frozenset[Number]:
    """The points that surely break one of the conditions."""
    rules = tuple(conditions)
    return frozenset(p for p in points if any(breaks(p, rule) is True for rule in rules))


__all__ = ["Condition", "breaks", "excluded", "prompt_conditions"]
