"""A line that restates the problem makes a claim about the problem: that it is what the line says.

Without this check a misquote passes as a step: for "Solve 5x - 7 = 18", the line `We solve 5x - 2 = 23`
states an equation with the same solution set, so every step after it that is right for the misquote
is right for the problem too, and the trace verifies although it never solved the problem it was given.
Two rules, for the readings whose problem is equations (one equation, a consequence, a system):

- a restatement (`We need to solve E`, `The equation is E`, `Given: E`, ...) on the first line that makes
  a claim must give the problem's own equations: each side the same expression as the problem's side
  (`2x + 6` for `2(x + 3)`; sides may be swapped). Otherwise it misquotes the problem (refuted) when it
  copies the shape of one of the problem's equations with other numbers, and is unknown when it is
  some other equation (`We need to solve 5x = 25` as the first line may be a step, but it is not the
  problem);
- a bare first line that copies the shape of one of the problem's equations with other numbers
  (`5x - 2 = 23` for `5x - 7 = 18`) and names no operation that would make it a step is unknown: it
  reads as the problem misquoted. A line that is one of the problem's equations with both sides times
  one number (`2x + 4 = 6` for `4x + 8 = 12`), or whose words name the operation (`Add 5 to both
  sides: 5x - 2 = 23`), is an ordinary step and is checked as one. Later lines work from the lines
  before them (`x^2 - 6x + 9 = 4` completes the square of `x^2 - 6x = -5`), so the rule stops at the
  first line that makes a claim.

For an expression problem ("Compute: 3/4 - 1/6") a prose line before the first claim that says what the
problem is (`We need to compute 3/4 + 1/6.`, `The problem asks for 3/5 - 1/6.`) must give an expression
of the problem's value; another value misquotes the problem (refuted).
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction

from assay.domains.math.decide import Refuted, Unknown, identity, show
from assay.domains.math.exact import Number, Unsupported, evaluate, format_number
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, number_leaves, to_text, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.mpoly import p_add, p_mul, to_ratfunc
from assay.domains.math.step_state import Pair
from assay.domains.math.vocabulary import has_operator
from assay.domains.math.words import math_runs
from assay.errors import LimitExceeded, MathParseError
from assay.text.trigger_words import compile_guarded

_LEAD = re.compile(
    r"^[\s*_#>$`\\(]*(?:(?:so|now|first|here|ok(?:ay)?|alright)\b[,:]?\s*)?(?:"
    r"(?:we|i)\s+(?:need|have|want|are\s+asked|must|will|'?ll)\s*(?:to\s+)?solve\b"
    r"|(?:we|i|let'?s|let\s+us)\s+solve\b"
    r"|solv(?:e|ing)\b(?:\s+for\s+[A-Za-z])?\s*:"
    r"|(?:we\s+are\s+|we'?re\s+)?given\b"
    r"|(?:the\s+)?(?:given|original|initial)\s+(?:equation|problem|system|expression)s?\b"
    r"|(?:the\s+)?(?:equation|problem|system|expression)s?(?:\s+(?:is|are|reads|says|states|gives)\b|\s*:)"
    r"|(?:recall|restat\w*|start(?:ing)?\s+(?:with|from))\b"
    r")",
    re.I,
)

# words that make a line a step of its own: the operation that turns the problem into the line
_OPERATION = compile_guarded(
    r"\b(?:add|subtract|multipl|divid|both\s+sides|simplif|rearrang|mov|expand|distribut|collect|combin"
    r"|factor|isolat|cancel|scal|halv|doubl|negat|transpos|bring|tak|plus|minus|times|over|from\s+each"
    r"|complet|squar|substitut|elimin|replac|put|plug)",
    re.I,
)


def is_restatement(text: str) -> bool:
    """Whether a line's words say it restates the problem (`We need to solve ...`, `The equation is ...`)."""
    return _LEAD.match(text) is not None


def check_restatement(problem: tuple[Pair, ...], said: list[list[Expr]]) -> None:
    """A restatement's equations must be the problem's (see module); raises Refuted or Unknown."""
    # the line's first equation is the one it says the problem is (`We solve 5x - 7 = 18, so 5x = 25`:
    # what follows is a step, checked as one)
    parts = said[0] if said else []
    if len(parts) != 2:
        raise Unknown("a restatement of the problem that is not one equation")
    pair = (parts[0], parts[1])
    if not any(_same_sides(pair, quoted) for quoted in problem):
        copied = next((quoted for quoted in problem if _misquote(pair, quoted)), None)
        if copied is not None:
            raise Refuted(f"misquotes the problem: {_shown(pair)} for {_shown(copied)}")
        raise Unknown(f"restates the problem as {_shown(pair)}, which is not one of its equations")


# `We need to compute 3/4 + 1/6.`, `The problem asks for 3/5 - 1/6.`, `Given: 3/4 × 1/6.`, `We want 17 × 32.`
_EXPRESSION_LEAD = re.compile(
    r"^[\s*_#>$`\\(]*(?:(?:so|now|first|here|ok(?:ay)?|alright)\b[,:]?\s*)?(?:"
    r"(?:we|i)\s+(?:need|have|want|are\s+asked|must|will|'?ll)\b(?:\s+to)?"
    r"(?:\s+(?:compute|calculate|evaluate|find|simplify|work\s+out|add|subtract|multiply|divide))?"
    r"|(?:let'?s|let\s+us)\s+(?:compute|calculate|evaluate|find|simplify|work\s+out)"
    r"|(?:the\s+)?(?:problem|question|task)\s+(?:asks\s+(?:for|us\s+to\s+[a-z]+)|is(?:\s+to\s+[a-z]+)?|wants)"
    r"|(?:we\s+are\s+|we'?re\s+)?given\b|(?:compute|calculate|evaluate)\b"
    r"|(?:the\s+)?(?:given\s+|original\s+)?expression(?:\s+is)?"
    r"|(?:the\s+)?(?:problem|question|task|exercise)[*_\s]*:"
    r")\s*:?",
    re.I,
)


def check_expression_restatement(text: str, value: Number, problem: Expr | None) -> None:
    """A prose line that says what an expression problem is (`We need to compute 3/4 + 1/6.`) must give
    an expression of the problem's value: another value is a misquote, refuted when it copies the
    problem's shape with other numbers or operators, else unknown; math that cannot be read is unknown.
    A line without math, with more than one piece of it, or with a single number or fraction (`We need
    to convert 3/4 to twelfths`) is left alone."""
    lead = _EXPRESSION_LEAD.match(text)
    if lead is None:
        return
    runs = [run for run in math_runs(text[lead.end() :].replace("**", " ")) if has_operator(run)]
    if len(runs) != 1 or "=" in runs[0]:
        return
    try:
        said = parse_expr_text(runs[0])
    except MathParseError as exc:
        raise Unknown(f"a restatement of the problem that cannot be read: {exc}") from exc
    if variables(said) or isinstance(said, Num) or _fraction_literal(said):
        return
    try:
        restated = evaluate(said)
    except (Unsupported, LimitExceeded, ZeroDivisionError) as exc:
        raise Unknown(f"a restatement of the problem beyond the checker: {show(said)}") from exc
    if restated != value and (problem is None or _skeleton(said) != _skeleton(problem)):
        raise Unknown(f"restates the problem as {show(said)}, which is not its expression")
    if restated != value:
        raise Refuted(
            f"misquotes the problem: {show(said)} is {format_number(restated)}, the problem's value is "
            f"{format_number(value)}"
        )


def _fraction_literal(expr: Expr) -> bool:
    return (
        isinstance(expr, Bin)
        and expr.op == "/"
        and isinstance(expr.left, Num)
        and isinstance(expr.right, Num)
    )


def _skeleton(expr: Expr) -> str:
    """The shape of an expression with its operators too taken out (`3/4 + 1/6` and `3/4 - 1/6` alike)."""
    return re.sub(r"[-+*/]", "o", _shape(expr))


def check_copy(problem: tuple[Pair, ...], said: list[list[Expr]], text: str, asked: Expr | None) -> None:
    """A bare line that copies a problem equation's shape with other numbers is unknown (see module)."""
    if _OPERATION.search(text):
        return
    for parts in said:
        if len(parts) != 2:
            continue
        pair = (parts[0], parts[1])
        if asked is not None and asked in pair:
            continue  # `2x + 7 = 13`: the asked quantity's value, not the premise misquoted
        for quoted in problem:
            if _misquote(pair, quoted) and not _scaled(pair, problem):
                raise Unknown(
                    f"{_shown(pair)} copies the problem's {_shown(quoted)} with other numbers and names no"
                    " operation: a misquote of the problem, or a step nobody can tell from one"
                )


def _shown(pair: Pair) -> str:
    return f"{show(pair[0])} = {show(pair[1])}"


def _orientations(pair: Pair) -> tuple[Pair, Pair]:
    return pair, (pair[1], pair[0])


def _same_sides(pair: Pair, quoted: Pair) -> bool:
    """Each side the same expression as the problem's (an identity), in either order."""
    for left, right in _orientations(pair):
        try:
            if identity(left, quoted[0]) and identity(right, quoted[1]):
                return True
        except (Unknown, LimitExceeded, ZeroDivisionError):
            continue
    return False


# a pure function of an immutable tree: the problem's sides are shaped again for every line (bounded)
@functools.lru_cache(maxsize=4096)
def _shape(expr: Expr) -> str:
    """The expression with every number written N: what is left when the numbers are taken out."""
    if isinstance(expr, Num):
        return "N"
    if isinstance(expr, Neg):
        return f"(-{_shape(expr.arg)})"
    if isinstance(expr, Bin):
        return f"({_shape(expr.left)}{expr.op}{_shape(expr.right)})"
    if isinstance(expr, PlusMinus):
        left = "" if expr.left is None else _shape(expr.left)
        return f"({left}±{_shape(expr.right)})"
    if isinstance(expr, Call):
        return f"{expr.name}({_shape(expr.arg)})"
    return to_text(expr)


def _misquote(pair: Pair, quoted: Pair) -> bool:
    """The problem's equation with the same shape and other numbers, in either order."""
    for left, right in _orientations(pair):
        if _shape(left) == _shape(quoted[0]) and _shape(right) == _shape(quoted[1]):
            ours = number_leaves(left) + number_leaves(right)
            theirs = number_leaves(quoted[0]) + number_leaves(quoted[1])
            if ours != theirs:
                return True
    return False


def _scaled(pair: Pair, problem: tuple[Pair, ...]) -> bool:
    """The line is one of the problem's equations with both sides times one number (`2x + 4 = 6` for
    `4x + 8 = 12`, `-6x + 2y = -28` for `3x - y = 14`): a step that says what it did by its numbers."""
    for quoted in problem:
        for left, right in _orientations(pair):
            try:
                ratios = {ratio(left, quoted[0]), ratio(right, quoted[1])}
            except (Unsupported, LimitExceeded, ZeroDivisionError):
                continue
            ratios.discard(_ZERO_SIDES)
            if len(ratios) == 1 and None not in ratios:
                return True
    return False


_ZERO_SIDES = Fraction(0)  # both sides 0: any factor scales one into the other


def ratio(a: Expr, b: Expr) -> Fraction | None:
    """c with a = c·b as rational functions (c != 0), _ZERO_SIDES when both are 0, else None."""
    an, ad = to_ratfunc(a)
    bn, bd = to_ratfunc(b)
    top, bottom = p_mul(an, bd), p_mul(bn, ad)
    if not top or not bottom:
        return _ZERO_SIDES if not top and not bottom else None
    mono, coef = next(iter(bottom.items()))
    if mono not in top:
        return None
    factor = top[mono] / coef
    if not isinstance(factor, Fraction) or p_add(top, {m: c * factor for m, c in bottom.items()}, -1):
        return None
    return factor
