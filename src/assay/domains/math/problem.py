"""What a math problem asks: from its reference (procedural tasks) or its prompt (files from elsewhere).

A `Spec` says the problem's kind (one equation, a system, an expression to evaluate, Game of 24) and holds
its parsed equations or expression. Reading a prompt uses the trace parser's math finder, so prose around
the math is fine; a prompt whose equations cannot be read gives a Spec of kind "unknown" and the step
checker then cannot anchor step 1 (it says so, and the candidate is not verified). A prompt with no math
at all is a word problem (kind "words", checked as wordy.py says).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal

from assay.domains.math.conditions import Condition, prompt_conditions
from assay.domains.math.expr import Expr, Var, variables
from assay.domains.math.grammar import parse_chain, parse_expr_text
from assay.domains.math.label_quantities import prices, rates
from assay.domains.math.number_cues import Cue, number_cues
from assay.domains.math.quotes import Quote, prompt_quotes
from assay.domains.math.result_records import prompt_words, question_asks, time_rates
from assay.domains.math.rounding import asked_places
from assay.domains.math.units import OPTION, listed_options
from assay.domains.math.variable_order import OrderConflict, prompt_order
from assay.domains.math.vocabulary import split_top_level
from assay.domains.math.word_definitions import Relation, relations
from assay.domains.math.words import math_runs
from assay.domains.math.wordy import given_numbers, left_parts, states_rules, written_numbers, written_parts
from assay.errors import MathParseError

Kind = Literal["equation", "system", "expression", "game24", "words", "unknown"]


@dataclass(frozen=True)
class Spec:
    kind: Kind
    variables: tuple[str, ...] = ()
    # kind "equation": every equation of the prompt in its one variable. Several of them (a hint such as
    # "given that 2x = 10") are not yet a reading: the step checker decides with the reference answer
    # whether they are premises together or one of them is the equation to solve (steps.py).
    equations: tuple[tuple[Expr, Expr], ...] = ()
    equation_texts: tuple[str, ...] = ()
    expression: Expr | None = None
    # game24: the numbers to use; words: the numbers the prompt gives (wordy.py)
    numbers: tuple[Fraction, ...] = ()
    target: Fraction = Fraction(24)
    notes: tuple[str, ...] = field(default=())
    # the prompt names a system's unknowns in an order it may ask a tuple in, or in two (variable_order.py):
    # a bare tuple answer against values given by name cannot be matched
    order_unsaid: bool = False
    # a quantity the prompt asks for that is not the variable itself ("..., what is 2x + 7?")
    asked: Expr | None = None
    # equation: conditions the prompt puts on the unknown (`for x > 0`: conditions.py)
    conditions: tuple[Condition, ...] = ()
    # equation: the decimal places the prompt asks the answer rounded to (rounding.py)
    places: int | None = None
    # words: the numbers the prompt writes in digits, each of which the answer's computation must use
    written: tuple[Fraction, ...] = ()
    # words: the numbers whose use the words fix ("3 times as old" is a factor: number_cues.py)
    cues: tuple[Cue, ...] = ()
    # words: each number with the words around it, for a step's words that quote it (quotes.py)
    quotes: tuple[Quote, ...] = ()
    # words: relations between two quantities the prompt states (`A is 3 times as old as B`)
    relations: tuple[Relation, ...] = ()
    # words: a part of a whole the prompt writes (`1/3`, `25%`, and what is left: 2/3, 0.75) with its numbers
    parts: tuple[tuple[Fraction, frozenset[Fraction]], ...] = ()
    left: frozenset[Fraction] = frozenset()  # words: what is left of the whole after a part (0.75 for 25%)
    # words: the numbers that are rates, with what each is per (`$2 per egg`: label_quantities.py)
    rates: tuple[tuple[Fraction, frozenset[str]], ...] = ()
    # words: the numbers that are prices of one thing (`Pens cost $3 each`: 3 → pen)
    prices: tuple[tuple[Fraction, frozenset[str]], ...] = ()
    # words: the words the prompt writes, what its question asks for and that question's words
    # (result_records.py)
    words: frozenset[str] = frozenset()
    asks: str = ""
    question: frozenset[str] = frozenset()
    time_rates: tuple[tuple[Fraction, frozenset[str]], ...] = ()  # `$12 an hour`: 12 → hour
    # words: the one expression in a variable the prompt writes (`Expand (x + 2)(x - 3).`), which the
    # reference may be a rewriting of (premises.py, rewrite_steps.py)
    rewritten: Expr | None = None


def spec_from(prompt: str, reference: Mapping[str, Any], task: str | None = None) -> Spec:
    """The Spec of a problem: the reference's own description when it has one, else read from the prompt."""
    kind = reference.get("kind")
    # a reference that lists the numbers and the target is a Game of 24, whatever the prompt says
    if kind == "game24" or task == "game24" or ("numbers" in reference and "target" in reference):
        return _game24(prompt, reference)
    if kind in ("equation", "system") and reference.get("equations"):
        return _in_prompt_order(_equations([str(e) for e in reference["equations"]]), prompt)
    if kind == "expression" and reference.get("expression"):
        return Spec("expression", expression=parse_expr_text(str(reference["expression"])))
    return _from_prompt(prompt)


def _equations(texts: list[str], asked: Expr | None = None) -> Spec:
    pairs: list[tuple[Expr, Expr]] = []
    names: set[str] = set()
    for text in texts:
        parts = parse_chain(text)
        if len(parts) != 2:
            raise MathParseError(f"{text!r} is not one equation")
        pairs.append((parts[0], parts[1]))
        names |= variables(parts[0]) | variables(parts[1])
    kind: Kind = "equation" if len(names) == 1 else "system"
    if not names:
        kind = "unknown"
    if asked is not None and not variables(asked) <= names:
        asked = None
    return Spec(kind, tuple(sorted(names)), tuple(pairs), tuple(texts), asked=asked)


def _in_prompt_order(spec: Spec, prompt: str) -> Spec:
    """A system's unknowns in the order the prompt lists them (`Solve for y and x`), else alphabetical."""
    if spec.kind != "system":
        return spec
    try:
        order = prompt_order(prompt, spec.variables)
    except OrderConflict as exc:
        return Spec(
            "unknown", notes=(f"which unknown a tuple's value is for is not said: {exc}",), order_unsaid=True
        )
    return replace(spec, variables=order) if order else spec


# a question mark ends a sentence as a full stop does, so the math before it is a run of its own
# ("What is 3/4 + 5/6?"); "!" is left alone, as it may be a factorial
_QUESTION = re.compile(r"[?？]")
_ROOT_HINTS = ("sqrt", "√", "∛", "∜", "\\frac", "^")


def _from_prompt(prompt: str) -> Spec:
    equations: list[str] = []
    expressions: list[str] = []
    for run in math_runs(_QUESTION.sub(".", prompt)):
        if "=" in run:
            for part in split_top_level(run):
                if part.count("=") != 1:
                    continue
                left, right = (side.strip() for side in part.split("="))
                if left and right:
                    equations.append(part)
                elif left:  # "Compute 2 + 3 = ?"
                    expressions.append(left)
        elif _DANGLING.search(run):
            continue  # `wage + 1/2 your hourly wage`: an operator between words, no expression to compute
        elif _SIGNED_NUMBER.fullmatch(run):
            continue  # "The temperature was -3 degrees": a number below zero is a quantity, not a sum
        elif any(op in run for op in "+-*/×÷−·") or any(hint in run for hint in _ROOT_HINTS):
            expressions.append(run)
    # an equation without a variable ("note that 2 + 3 = 5") is not part of the problem; one that cannot be
    # read may be a premise, so the problem is then unreadable (below), never read without it
    readable = [text for text in dict.fromkeys(equations) if not _is_plain_arithmetic(text)]  # no repeats
    if readable:
        try:
            spec = _equations(readable, _asked(expressions))
        except MathParseError as exc:
            return Spec("unknown", notes=(f"could not read the prompt's equations: {exc}",))
        if spec.kind == "equation":
            return replace(
                spec, conditions=prompt_conditions(prompt, spec.variables[0]), places=asked_places(prompt)
            )
        if spec.kind == "system" and spec.asked is None:
            spec = replace(spec, asked=_asked_name(prompt, spec.variables))
        if spec.kind != "unknown":
            return _in_prompt_order(spec, prompt)
    if expressions and all(_BARE_FRACTION.fullmatch(text) for text in expressions):
        # "She spends 1/4 of her money", "3½ cups of flour": a fraction or a mixed number written as one
        # number in a story that gives other numbers is one of its quantities, not the expression the
        # problem asks to compute
        # (`Sara has 3/4 of a pizza. She eats 1/3 of what she has.`: two of them are two quantities too)
        outside = _BARE_FRACTION_IN_TEXT.sub(" ", prompt)
        if re.search(r"\d", outside) or len(set(expressions)) > 1:
            expressions = []
    in_variables: set[Expr] = set()
    for text in sorted(expressions, key=len, reverse=True):
        try:
            expr = parse_expr_text(text)
        except MathParseError:
            continue
        if not variables(expr):
            return Spec("expression", expression=expr)
        in_variables.add(expr)
    if equations:
        return Spec("unknown", notes=("could not read the prompt's equations",))
    # a problem in words ("Betty has 3 boxes with 12 pencils each ..."): steps are checked for true
    # arithmetic on the numbers it gives (wordy.py), and the answer against the reference; rules in words
    # ("use each number exactly once") are beyond that check, so such a prompt stays unreadable
    if states_rules(prompt):
        return Spec("unknown", notes=("the prompt states rules in words that the checker cannot read",))
    asks, question = question_asks(prompt)
    # `(A) 24 (B) 36 (C) 48`: the choices of a multiple-choice question are no numbers the story gives
    story = OPTION.sub(" ", prompt) if listed_options(prompt) else prompt
    return Spec(
        "words",
        numbers=given_numbers(story),
        written=written_numbers(story),
        cues=number_cues(story),
        quotes=prompt_quotes(prompt),
        relations=relations(prompt),
        rates=tuple(rates(prompt).items()),
        prices=tuple(prices(prompt).items()),
        parts=tuple(written_parts(story).items()),
        left=left_parts(story),
        words=prompt_words(prompt),
        asks=asks,
        question=question,
        time_rates=tuple(time_rates(prompt).items()),
        rewritten=in_variables.pop() if len(in_variables) == 1 else None,
        notes=("found no equation or expression in the prompt",),
    )


# a run of math that starts with a binary operator or ends with one: its operand is a word
_DANGLING = re.compile(r"^\s*[+*/×÷·]|[-+*/×÷−·]\s*$")
# `-3`, `−2.5`: one number with its sign, and no operation
_SIGNED_NUMBER = re.compile(r"\s*[-−]\s*\d+(?:\.\d+)?\s*")
# `1/4`, `3 / 5`: one fraction of two whole numbers and nothing else; or a mixed number (`3 1/2`), or one
# written with a fraction sign (`¾` and `3½` read as `(3/4)` and `(3+1/2)`)
_BARE_FRACTION = re.compile(
    r"\s*(?:\d+\s*/\s*\d+|\d+\s+\d+\s*/\s*\d+|\(\s*(?:\d+\s*\+\s*)?\d+\s*/\s*\d+\s*\))\s*"
)
_BARE_FRACTION_IN_TEXT = re.compile(r"(?<![\w./])\d+\s*/\s*\d+(?![\w/]|\.\d)")


def _is_plain_arithmetic(text: str) -> bool:
    try:
        parts = parse_chain(text)
    except MathParseError:
        return False
    return not any(variables(p) for p in parts)


def _asked(expressions: list[str]) -> Expr | None:
    """The last expression with a variable in it: the quantity a question asks for, if any."""
    for text in reversed(expressions):
        try:
            expr = parse_expr_text(text)
        except MathParseError:
            continue
        if variables(expr):
            return expr
    return None


# "Find x.", "What is the value of y?", "Solve for x." closing a system's prompt: one of its names asked
_ASKED_NAME = re.compile(
    r"(?:find|what\s+is|what's|determine|compute|solve\s+for|give)\s+(?:only\s+)?(?:the\s+value\s+of\s+)?"
    r"\$?\\?\(?\s*([A-Za-z])\s*\\?\)?\$?\s*(?:only\s*)?[.?!]?\s*$",
    re.I,
)


def _asked_name(prompt: str, names: tuple[str, ...]) -> Expr | None:
    """The one name of a system the prompt's last sentence asks for (`... Find x.`), else None."""
    found = _ASKED_NAME.search(prompt.strip())
    if found is None or found.group(1) not in names:
        return None
    return Var(found.group(1))


def _game24(prompt: str, reference: Mapping[str, Any]) -> Spec:
    raw = reference.get("numbers")
    if raw is None:
        # "Use 3, 8, 8 and 3 ..." - the numbers are the integer literals in the prompt, less the target
        found = [
            Fraction(tok)
            for run in math_runs(prompt)
            for tok in run.replace(",", " ").split()
            if tok.isdigit()
        ]
        target = Fraction(str(reference.get("target", 24)))
        if target in found:
            found.remove(target)
        raw = found
    numbers = tuple(Fraction(str(n)) for n in raw)
    if not 2 <= len(numbers) <= 6:
        return Spec("unknown", notes=(f"a Game of 24 needs 2 to 6 numbers, found {len(numbers)}",))
    return Spec("game24", numbers=numbers, target=Fraction(str(reference.get("target", 24))))
