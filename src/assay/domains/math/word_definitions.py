"""A word problem's quantity said in terms of the unknown a solution works with: "Then Emma's age is 3x.",
"The larger is n + 1.", "So Ben has 3x marbles."

Solutions that set up an equation name its unknown in words (`Let Jack's age be x.`) and then write the
other quantities in it before the equation that joins them (`x + 3x = 32`). Such a line claims how two
quantities of the prompt relate; the equation built from them the checker accepts only as far as it is built
from the prompt's numbers and leads to the answer (word_steps.py). A definition is read (no claim) only
when it is one quantity's name, a plain verb, and an expression in one one-letter unknown whose every
number the prompt gives, used as the prompt's words say (`x + 3` for "3 times as old" is not:
number_cues.py, asked by the step checker), as the checker then holds the equation and the answer to the
prompt. Anything else in the line (a second number, a negation, a comparison, a condition, another
unknown) leaves it unread. Once the unknown is solved, each quantity named in it is a value the steps
computed (`The larger is n + 1.`, then `n = 20`: 21).

Which of two quantities is the multiple, and by how much, is the whole claim of such a line (`Emma's age is
3x` for "Jack is 3 times as old as Emma" and `Let Emma's age be x` is false; so are `x/3`, `n - 1` and
`n + 2` for two consecutive integers), and the equation after it cannot show it false. So a definition is
read only when the prompt states that relation in a form read here (relations(): `A is 3 times as old as
B`, `A has 4 more marbles than B`, `A is 4 years older than his sister`, `A is twice as old as B`, each read
both ways, and two consecutive integers, also named all at once: consecutive_list()), the unknown was
named as the other quantity by a `Let` line before it (unknown_name()), and the expression is that
relation exactly (checked at three values of the unknown). Pure text work; safe in any process.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from fractions import Fraction

from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.wordy import ungrounded
from assay.errors import LimitExceeded, MathParseError


@dataclass(frozen=True)
class Relation:
    """A relation the prompt states: the quantity of a word in `subject` is slope × (the quantity of a word in
    `object`) + intercept."""

    subject: frozenset[str]
    object: frozenset[str]
    slope: Fraction
    intercept: Fraction
    parts: tuple[Fraction, ...] = ()  # a ratio the prompt states (`in the ratio 2:3:4`), no subject or object


_NAME = r"[A-Z][a-z]+"
_HAS = r"(?:is|was|has|had|owns|earns|weighs|scores|reads|runs|saves|collects)"
# the other quantity: a name, or a relative of the subject (`4 years older than his sister`)
_OTHER = r"(?:(?P<b>[A-Z][a-z]+)|(?:his|her|their)\s+(?P<kin>[a-z]{3,}))"
_FACTOR_WORDS = {"twice": Fraction(2), "double": Fraction(2), "thrice": Fraction(3), "triple": Fraction(3)}
_TIMES_AS = re.compile(
    rf"\b(?P<a>{_NAME})\s+{_HAS}\s+(?:(?P<k>\d{{1,6}}(?:\.\d{{1,6}})?)\s+times|(?P<w>twice|double|thrice|triple))"
    rf"\s+as\s+(?:[a-z]+\s+){{1,3}}?as\s+{_OTHER}\b"
)
_MORE_THAN = re.compile(
    rf"\b(?P<a>{_NAME})\s+{_HAS}\s+(?P<k>\d{{1,6}})\s+(?:[a-z]+\s+){{0,2}}?"
    r"(?P<dir>more|older|taller|longer|heavier|fewer|less|younger|shorter|lighter)\s+(?:[a-z]+\s+){0,2}?"
    rf"than\s+{_OTHER}\b"
)
_CONSECUTIVE = re.compile(
    r"\bconsecutive\s+(?P<kind>even\s+|odd\s+)?(?:integers|numbers|whole\s+numbers)\b", re.I
)
_LARGER = frozenset({"larger", "largest", "bigger", "greater", "second", "next"})
_SMALLER = frozenset({"smaller", "smallest", "lesser", "first"})
MAX_RELATIONS = 20


# `A rectangle's length is twice its width.`, `The length is 3 times the width.`: two measures of one thing
_MEASURE_TIMES = re.compile(
    r"\b(?:its|the|a\s+[a-z]+['’]s)\s+(?P<a>length|width|height|base|side|perimeter|area)\s+is\s+"
    r"(?:(?P<k>\d{1,6}(?:\.\d{1,6})?)\s+times|(?P<w>twice|double|thrice|triple))\s+(?:its|the)\s+"
    r"(?P<b>length|width|height|base|side|perimeter|area)\b",
    re.I,
)


def relations(prompt: str) -> tuple[Relation, ...]:
    """The relations between two quantities that prompt states in a form read here (see the module)."""
    found: list[Relation] = []
    for m in _TIMES_AS.finditer(prompt):
        k = Fraction(m.group("k")) if m.group("k") else _FACTOR_WORDS[m.group("w")]
        found.extend(_both_ways(m["a"], m["b"] or m["kin"], k, Fraction(0)))
    for m in _MEASURE_TIMES.finditer(prompt):
        k = Fraction(m.group("k")) if m.group("k") else _FACTOR_WORDS[m.group("w").lower()]
        found.extend(_both_ways(m["a"], m["b"], k, Fraction(0)))
    for m in _MORE_THAN.finditer(prompt):
        k = Fraction(m.group("k"))
        sign = 1 if m.group("dir") in ("more", "older", "taller", "longer", "heavier") else -1
        found.extend(_both_ways(m["a"], m["b"] or m["kin"], Fraction(1), sign * k))
    consecutive = _CONSECUTIVE.search(prompt)
    if consecutive is not None:
        step = Fraction(2) if consecutive.group("kind") else Fraction(1)
        found.append(Relation(_LARGER, _SMALLER, Fraction(1), step))
    if re.search(r"\bratio\b", prompt, re.I):
        for m in _RATIO.finditer(prompt):
            parts = tuple(Fraction(p) for p in re.split(r"\s*:\s*", m.group(0)))
            if all(parts):
                found.append(Relation(frozenset(), frozenset(), Fraction(1), Fraction(0), parts))
    return tuple(found[:MAX_RELATIONS])


_RATIO = re.compile(r"(?<![\d.:])\d{1,4}(?:\s*:\s*\d{1,4}){1,5}(?![\d:]|\.\d)")


def _both_ways(a: str, b: str, slope: Fraction, intercept: Fraction) -> tuple[Relation, Relation]:
    """A = slope × B + intercept, and the same said of B (`Sister's age = J − 4` when John is 4 years older
    than his sister)."""
    subject, other = frozenset({a.lower()}), frozenset({b.lower()})
    return Relation(subject, other, slope, intercept), Relation(other, subject, 1 / slope, -intercept / slope)


_LET = (
    # (`Let Anna's son be x years old.`: the unit of the quantity may follow)
    re.compile(
        r"^\s*let\s+(?P<name>(?:[A-Za-z][\w'’]*\s+){1,5}?)(?:be|=)\s+(?P<v>[a-z])"
        r"(?:\s+(?:years?\s+old|[a-z]{3,}))?\s*[.:]?\s*$",
        re.I,
    ),
    re.compile(r"^\s*let\s+(?P<v>[a-z])\s+(?:be|=)\s+(?P<name>(?:[A-Za-z][\w'’]*\s*){1,5}?)[.:]?\s*$", re.I),
    re.compile(r"^\s*[Ll]et\s+(?P<name>[A-Z][a-z]+)\s+have\s+(?P<v>[a-z])(?:\s+[a-z]+)?\s*[.:]?\s*$"),
)


def unknown_name(line: str) -> tuple[str, frozenset[str]] | None:
    """(the unknown, the words of the quantity it names) for a line that names a word problem's unknown
    (`Let Jack's age be x.`, `Let n be the smaller integer.`, `Let Ann have x marbles.`), or None."""
    line = line.replace("**", "").replace("$", "").strip()
    for pattern in _LET:
        found = pattern.match(line)
        if found is not None:
            return found.group("v"), _name_words(found.group("name"))
    return None


def _name_words(name: str) -> frozenset[str]:
    return frozenset(re.sub(r"['’]s?\b", "", w.lower()) for w in name.split())


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


def definition(
    line: str,
    given: Collection[object],
    prompt_words: Collection[str],
    stated: Collection[Relation] = (),
    unknowns: Mapping[str, frozenset[str]] | None = None,
) -> Expr | None:
    """The expression in one unknown that line names a quantity as (see the module), or None. given: the
    numbers the prompt gives and the steps computed; prompt_words: the prompt's words, lower case (a noun
    after the expression must be one of them: `3x marbles`); stated: the prompt's relations; unknowns: the
    words of the quantity each unknown was named as."""
    line = line.replace("**", "").replace("$", "")
    found = _DEFINITION.match(line)
    if found is None or _NOT_A_NAME.search(found.group("name")):
        return None
    noun = found.group("noun")
    if noun is not None and not {noun.lower(), noun.lower().removesuffix("s")} & set(prompt_words):
        return None  # (`3c apples`: the prompt's words may be kept singular, `apple`)
    text = found.group("expr").strip()
    try:
        expr = parse_expr_text(text)
    except MathParseError:
        return None
    names = variables(expr)
    if len(names) != 1 or len(next(iter(names))) != 1 or ungrounded(expr, given):
        return None
    var = next(iter(names))
    if var in found.group("name").split():
        return None  # `Then x is 3x.`: an equation in the unknown, said in words
    named = (unknowns or {}).get(var)
    if named is None:
        return None  # an unknown no line named: what it stands for is unknown
    words = _name_words(found.group("name"))
    if not any(_holds(r, words, named, expr, var) for r in stated):
        return None  # a relation the prompt does not state, or states the other way round
    return expr


_KIN = frozenset(
    "son daughter sister brother mother father friend cousin niece nephew husband wife grandson granddaughter"  # noqa: SIM905
    " grandmother grandfather aunt uncle child dad mom".split()
)


def _holds(relation: Relation, words: frozenset[str], named: frozenset[str], expr: Expr, var: str) -> bool:
    """Whether expr in var, for the quantity of words, is relation with var the quantity of named."""
    if not (words & relation.subject and not words & relation.object):
        return False
    if not (named & relation.object and (not named & relation.subject or relation.object <= _KIN)):
        return False  # (`Let Anna's son be x.`: the son, whose mother is named too)
    try:
        values = [evaluate(expr, {var: Fraction(x)}) for x in (0, 1, 2)]
    except (Unsupported, ZeroDivisionError, LimitExceeded):
        return False
    return values == [relation.slope * x + relation.intercept for x in (0, 1, 2)]


# `Let the three consecutive integers be n, n + 1 and n + 2.`: the integers a solution works with, all named
# in one unknown at once
_LIST = re.compile(
    r"^\W*let\s+(?:the\s+)?(?:(?:\d{1,2}|[a-z]+)\s+)?(?:consecutive\s+)?(?:(?:even|odd|positive)\s+)?"
    r"(?P<things>integers|numbers|whole\s+numbers|angles|parts|shares|sides|amounts|ages)\s+be\s*:?\s*"
    r"(?P<list>[0-9a-z+\-−()\s,]{1,120}?)\s*[.:]?\s*$",
    re.I,
)
_ITEMS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def consecutive_list(
    line: str, given: Collection[object], stated: Collection[Relation]
) -> tuple[str, list[Expr]] | None:
    """(the unknown, the expressions) for a line that names the quantities of a relation in one unknown, in
    order: consecutive integers (`Let the integers be n, n + 1, n + 2.`) when the prompt speaks of them with
    that step (relations()) and every offset is one its words give (wordy.consecutive_offsets), or the
    parts of a ratio the prompt states (`Let the angles be 2x, 3x, 4x.` for the ratio 2:3:4); else None."""
    found = _LIST.match(line.replace("**", "").replace("$", ""))
    if found is None:
        return None
    items = [item.strip() for item in _ITEMS.split(found.group("list").replace("−", "-")) if item.strip()]
    if not 2 <= len(items) <= MAX_RELATIONS:
        return None
    try:
        exprs = [parse_expr_text(item) for item in items]
    except MathParseError:
        return None
    names = set().union(*(variables(expr) for expr in exprs))
    if len(names) != 1 or len(next(iter(names))) != 1 or any(ungrounded(expr, given) for expr in exprs):
        return None
    var = next(iter(names))
    try:
        values = [[evaluate(expr, {var: Fraction(x)}) for x in (0, 1, 2)] for expr in exprs]
    except (Unsupported, ZeroDivisionError, LimitExceeded):
        return None
    steps = {r.intercept for r in stated if r.subject == _LARGER and r.object == _SMALLER and r.slope == 1}
    ratios = [r.parts for r in stated if len(r.parts) == len(exprs)]
    if found.group("things").lower() in ("integers", "numbers", "whole numbers") and len(steps) == 1:
        (step,) = steps
        if values == [[x + k * step for x in (0, 1, 2)] for k in range(len(exprs))]:
            return var, exprs  # each the one after the one before, by the prompt's step
    if any(values == [[part * x for x in (0, 1, 2)] for part in parts] for parts in ratios):
        return var, exprs  # the ratio's parts, in its order
    return None


__all__ = ["Relation", "consecutive_list", "definition", "relations", "unknown_name"]
