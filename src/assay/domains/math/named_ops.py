"""The operation a line names, checked against what the line does (one equation to solve).

`2x + 5 = 13` then `2x = 8 [add 5 to both sides]`, `Adding 5 to both sides, 2x = 8.` or the instruction
line `Divide both sides by 3.` before `2x = 8`: the equation shown is right, the operation named is not,
and a trace that says it did one thing and shows another teaches the wrong method. When a line (or the
instruction line right before it) names exactly one operation on both sides (`add/subtract N to/from both
sides`, `divide/multiply both sides by N`), applying it to the equation before must give the
equation shown, side by side (each side the same expression, in either order). Two operations named, an
operand the grammar does not read, or anything else: nothing is checked here (the equation itself still
is). The check is made only for a line with one equation. Runs inside a verification worker.
"""

from __future__ import annotations

import re
from fractions import Fraction

from assay.domains.math.decide import show
from assay.domains.math.exact import Unsupported
from assay.domains.math.expr import Bin, Expr, Num, Var, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.mpoly import constant_of, to_ratfunc
from assay.domains.math.restatement import ratio
from assay.domains.math.step_state import Pair
from assay.errors import LimitExceeded, MathParseError

_OPERAND = r"\$?(?P<n>[-−]?[0-9A-Za-z.^/()]+?)\$?"
_ADD_SUB = re.compile(
    r"\b(?P<op>add(?:ing|ed|s)?|subtract(?:ing|ed|s)?|tak(?:e|es|ing))\s+"
    + _OPERAND
    + r"\s+(?:to|from)\s+(?:both|each)\s+sides?\b(?!\s+of\s+(?!the\s+equation))",
    re.I,
)
# (`divide by 2` alone may simplify a fraction, `(2 ± sqrt(8))/2`: only both sides named count)
_MUL_DIV = re.compile(
    r"\b(?P<op>divid(?:e|es|ed|ing)|multipl(?:y|ies|ied|ying))\s+"
    r"(?:both\s+sides|each\s+side|(?:the\s+)?(?:whole\s+)?equation|everything\s+through)\s+"
    r"(?:of\s+the\s+equation\s+)?by\s+" + _OPERAND + r"(?=[\s,.:;\])]|$)(?!\s*[-+−*/^×·])",
    re.I,
)


def named_operation(text: str) -> tuple[str, Expr] | None:
    """(`+`, `-`, `*` or `/`, the operand) when the text names exactly one operation on both sides."""
    found = [*_ADD_SUB.finditer(text), *_MUL_DIV.finditer(text)]
    if len(found) != 1:
        return None
    word = found[0].group("op").lower()
    symbol = "+" if word.startswith("add") else "-" if word.startswith(("sub", "tak")) else None
    if symbol is None:
        symbol = "/" if word.startswith("divid") else "*"
    try:
        operand = parse_expr_text(found[0].group("n").replace("−", "-"))
    except (MathParseError, LimitExceeded):
        return None
    return symbol, operand


def check_named(named: tuple[str, Expr], earlier: list[Pair], shown: Pair) -> str | None:
    """Why `shown` is not what the named operation makes of any earlier equation (the one before, or one
    the trace returns to), or None if it is. Only a line that lands on the solution may go on from there
    by one more affine map of both sides (`Multiply by 3: x = 9` from `x/3 + 2 = 5` also subtracts 6), and
    the operation named must be in it: the factor for `multiply`/`divide`, the shift (before any factor)
    for `add`/`subtract`."""
    symbol, operand = named
    for before in reversed(earlier):
        for left, right in (shown, (shown[1], shown[0])):
            if _named_in(symbol, operand, before, (left, right)):
                return None
    before = earlier[-1]
    expected = (Bin(symbol, before[0], operand), Bin(symbol, before[1], operand))
    said = {"+": "adding", "-": "subtracting", "*": "multiplying by", "/": "dividing by"}[symbol]
    return (
        f"the line names {said} {show(operand)} on both sides of {show(before[0])} = {show(before[1])},"
        f" which gives {show(expected[0])} = {show(expected[1])}, not {show(shown[0])} = {show(shown[1])}"
    )


def _named_in(symbol: str, operand: Expr, before: Pair, shown: Pair) -> bool:
    """Whether shown is the named operation applied to before; when shown is the solution (`x = 9`), then
    at most one more step of the other kind: `a·(before ± n)` for add/subtract, `before·n + c` (or `/ n`)
    for multiply/divide (a, c numbers)."""
    expected = (Bin(symbol, before[0], operand), Bin(symbol, before[1], operand))
    try:
        factor = ratio(Bin("-", shown[0], shown[1]), Bin("-", expected[0], expected[1]))
        if factor is None or factor == 0:
            return False
        shift_left = constant(Bin("-", shown[0], Bin("*", Num(factor), expected[0])))
        shift_right = constant(Bin("-", shown[1], Bin("*", Num(factor), expected[1])))
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False
    if shift_left is None or shift_left != shift_right:
        return False
    if _solved(shown):
        # `x/3 + 2 = 5`, `Multiply both sides by 3: x = 9`: the operation named, then what isolates x
        return shift_left == 0 if symbol in "+-" else factor == 1
    # anything short of the solution is the operation named and nothing else: `Divide both sides by 2:
    # x + 2 = 4` from `2x + 2 = 6` halves 2x and 6 only, and the root survives by luck
    return shift_left == 0 and factor == 1


def _solved(shown: Pair) -> bool:
    """`x = 9`, `9 = x`: one side the unknown alone, the other a value."""
    return any(isinstance(a, Var) and not variables(b) for a, b in (shown, shown[::-1]))


def constant(expr: Expr) -> Fraction | None:
    """expr's value when it is a rational number whatever the variables are, else None."""
    top, bottom = to_ratfunc(expr)
    a, b = (constant_of(top) if top else Fraction(0)), constant_of(bottom)
    if not isinstance(a, Fraction) or not isinstance(b, Fraction) or b == 0:
        return None
    return a / b
