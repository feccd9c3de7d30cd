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

import functools
import re
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import show
from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Bin, Call, Expr, Num, PlusMinus, Var, has_plus_minus, variables
from assay.domains.math.grammar import parse_expr_text
from assay.domains.math.mpoly import constant_of, to_ratfunc
from assay.domains.math.restatement import ratio
from assay.domains.math.step_state import Pair
from assay.errors import LimitExceeded, MathParseError
from assay.text.trigger_words import compile_guarded

# an operand: a number, a term, or a bracket (`(x - 2)`); markdown bold may follow it (`by 5**:`)
# (bounded, so that no text splits between nested repeats in many ways)
_TERM = r"[-−]?[0-9A-Za-z.^/()]{1,40}?"
_OPERAND = (
    r"\$?(?P<n>\([^()]{0,80}(?:\([^()]{0,40}\)[^()]{0,40}){0,4}\)|"
    + _TERM
    + r"(?:\s{0,3}[-+−]\s{0,3}"
    + _TERM
    + r"(?=[\s:,.;*]|$)){0,6})\$?"
)
_END = r"(?=[\s,.:;\])*→]|$)(?!\s*(?:[-+−/^×·]|\*(?!\*)))"
_SIDES = (
    r"(?:(?:both|each|either)\s+(?:sides?|members?)"
    r"|the\s+left\s+and\s+(?:the\s+)?right(?:\s+(?:sides?|hand\s+sides?))?)"
)
# `Adding 5 across`, `We add 5 throughout`, `Multiply through by 2`: both sides, unnamed
_ACROSS = r"(?:across|throughout|through(?=\s+by\b))"
_ADD_SUB = compile_guarded(
    r"\b(?P<op>add(?:ing|ed|s)?|subtract(?:ing|ed|s)?|tak(?:e|es|ing)(?:\s+away)?)\s+"
    + _OPERAND
    + r"\s+(?:(?:to|from|on|in|off|of)\s+"
    + _SIDES
    + r"\b(?!\s+of\s+(?!the\s+equation))|(?:across|throughout)\b)",
    re.I,
)
# (`divide by 2` alone may simplify a fraction, `(2 ± sqrt(8))/2`: only both sides named count)
_MUL_DIV = compile_guarded(
    r"\b(?P<op>divid(?:e|es|ed|ing)|multipl(?:y|ies|ied|ying))\s+"
    r"(?:(?:both\s+sides|each\s+side|(?:the\s+)?(?:whole\s+)?equation|everything\s+through|through(?:out)?"
    r"|across)\s+"
    r"(?:of\s+the\s+equation\s+)?(?:by|with)\s+"
    + _OPERAND
    + _END
    + r"|(?:by|with)\s+"
    + _OPERAND.replace("?P<n>", "?P<m>")
    + r"\s+(?:on|to|from|in)\s+"
    + _SIDES
    + r"\b)",
    re.I,
)
# `+5 on both sides`, `÷2 on both sides`
_SYMBOL = compile_guarded(
    r"(?<![\w)])(?P<op>[+\-−×*÷/])\s*" + _OPERAND + r"\s+(?:on|to|from|in)\s+" + _SIDES + r"\b", re.I
)
# `Both sides plus 5`, `both sides divided by 2`, `Both sides halved`, `halve both sides`
_SIDES_WORD = compile_guarded(
    r"\b" + _SIDES + r"\s+(?P<op>plus|minus|times|divided\s+by|multiplied\s+by|over)\s+" + _OPERAND + _END,
    re.I,
)
_SCALED = compile_guarded(
    r"\b" + _SIDES + r"\s+(?:are\s+|were\s+|get\s+)?(?P<op>halved|doubled|tripled)\b"
    r"|\b(?P<verb>halv(?:e|es|ed|ing)|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing))\s+" + _SIDES + r"\b",
    re.I,
)
_SCALES = {"halv": ("/", 2), "doub": ("*", 2), "trip": ("*", 3)}
_SYMBOLS = {"+": "+", "-": "-", "−": "-", "×": "*", "*": "*", "÷": "/", "/": "/"}
_WORDS = {"plus": "+", "minus": "-", "times": "*", "divided": "/", "multiplied": "*", "over": "/"}

# operations that are no affine map: `Square both sides`, `Cube both sides`, `Take the square root of both
# sides`, `Taking log base 4 of both sides`, `raise both sides to the power 3`
_POWER = compile_guarded(
    r"\b(?P<op>squar(?:e|es|ed|ing)|cub(?:e|es|ed|ing))\s+" + _SIDES + r"\b"
    r"|\braise[sd]?\s+"
    + _SIDES
    + r"\s+to\s+the\s+(?:power\s+(?:of\s+)?)?(?P<k>\d+)(?:st|nd|rd|th)?(?:\s+power)?",
    re.I,
)
_ROOT = compile_guarded(
    r"\b(?P<op>square|cube|\d+(?:st|nd|rd|th))[\s-]+roots?\s+(?:of\s+)?" + _SIDES + r"\b", re.I
)
_LOG = compile_guarded(
    r"\blog(?:arithm)?s?\s*(?:base\s*|_\s*\{?\s*)(?P<b>\d+)\}?\s+(?:of\s+)?" + _SIDES + r"\b", re.I
)
# an operation said on both sides in words the patterns above may not read (then the line is unknown)
_OPERATION_WORD = compile_guarded(
    r"\b(?:add|plus|subtract|minus|take|multipl|times|divid|over|halv|doubl|tripl|squar|cub|root|log|ln"
    r"|rais|power|exponent|reciprocal|invert|flip|negat)\w*",
    re.I,
)
_RECIPROCAL_WORD = compile_guarded(r"reciprocal|invert|flip", re.I)
_BOTH_SIDES = compile_guarded(r"\b(?:" + _SIDES + r"|" + _ACROSS + r")\b", re.I)

Named = tuple[str, Expr]


# `Add 5: 2x = 8`, `Divide by 2:`: an operation as the lead of an equation's line is done to both sides
_LEAD = compile_guarded(
    r"^\s*(?:\*\*)?(?:step\s*\d+\s*[:.)]\s*)?(?:(?:then|now|next|we|first)\s+)?"
    r"(?P<op>add(?:ing)?|subtract(?:ing)?|multiply(?:ing)?|divid(?:e|ing))\s+(?:by\s+)?"
    + _OPERAND
    + r"\s*(?:\*\*)?\s*:",
    re.I,
)


# `Taking the square root: x − 2 = ±√3`, `Taking square roots,`: of both sides, though unsaid
_ROOT_TAKEN = compile_guarded(
    r"\b(?P<verb>tak(?:e|es|ing)|took)\s+(?:the\s+)?(?P<root>square|cube)[\s-]+roots?\b(?!\s+of\b)", re.I
)


def _sides_said(text: str) -> str:
    """text with a root taken of no named side said to be taken of both sides."""
    return _ROOT_TAKEN.sub(lambda m: f"{m.group('verb')} the {m.group('root')} root of both sides", text)


# a pure function of the text with an immutable answer: the step checker, the move-word reader and a
# system's move reader each ask it of the same line (bounded)
@functools.lru_cache(maxsize=4096)
def named_operation(text: str) -> Named | None:
    """(`+`, `-`, `*`, `/`, `^` (a power), `root` (its index) or `log` (its base), the operand) when the text
    names exactly one operation on both sides, with an operand the grammar reads."""
    text = _sides_said(text)
    found = _found(text)
    if not found and not _BOTH_SIDES.search(text):
        lead = _LEAD.match(re.sub(r"\\[()]|\$", "", text))
        if lead is not None:
            word = lead.group("op").lower()
            symbol = {"a": "+", "s": "-", "m": "*", "d": "/"}[word[0]]
            return _parsed(symbol, lead.group("n"))
    return found[0] if len(found) == 1 else None


def unread_operation(text: str) -> bool:
    """Whether the text says something is done to both sides that named_operation cannot read: an operand
    the grammar does not read, or an operation word beside `both sides` and no operation read (two read are
    left alone: each may be its own step)."""
    text = _sides_said(text)
    if not _BOTH_SIDES.search(text):
        return False
    found = _found(text)
    if found:
        return any(named is None for named in found)
    words = {m.group(0).lower() for m in _OPERATION_WORD.finditer(_BOTH_SIDES.sub(" ", text))}
    if "=" in text and words and all(_RECIPROCAL_WORD.match(w) or w.startswith("tak") for w in words):
        return False  # `Take the reciprocal of both sides: x = 2`: move_words.py holds the line to it
    return bool(words)


def _found(text: str) -> list[Named | None]:
    """The operations on both sides the text names, in order (None: one whose operand is not read)."""
    if not _BOTH_SIDES.search(text):
        return []
    # `Subtract \(2x\) from both sides`, `\text{divide both sides by 5}`: LaTeX around the words
    text = re.sub(r"\\[()]|\$", "", re.sub(r"\\(?:text|mathrm|textrm)\s*\{([^{}]*)\}", r"\1", text))
    found: list[tuple[int, int, Named | None]] = []
    for match in _ADD_SUB.finditer(text):
        word = match.group("op").lower()
        found.append(
            (match.start(), match.end(), _parsed("+" if word.startswith("add") else "-", match.group("n")))
        )
    for match in _MUL_DIV.finditer(text):
        symbol = "/" if match.group("op").lower().startswith("divid") else "*"
        found.append((match.start(), match.end(), _parsed(symbol, match.group("n") or match.group("m"))))
    for match in _SYMBOL.finditer(text):
        found.append((match.start(), match.end(), _parsed(_SYMBOLS[match.group("op")], match.group("n"))))
    for match in _SIDES_WORD.finditer(text):
        found.append(
            (
                match.start(),
                match.end(),
                _parsed(_WORDS[match.group("op").split()[0].lower()], match.group("n")),
            )
        )
    for match in _SCALED.finditer(text):
        symbol, by = _SCALES[(match.group("op") or match.group("verb")).lower()[:4]]
        found.append((match.start(), match.end(), (symbol, Num(Fraction(by)))))
    for match in _POWER.finditer(text):
        word = (match.group("op") or "").lower()
        k = 2 if word.startswith("squar") else 3 if word.startswith("cub") else int(match.group("k"))
        found.append((match.start(), match.end(), ("^", Num(Fraction(k)))))
    for match in _ROOT.finditer(text):
        word = match.group("op").lower()
        k = 2 if word == "square" else 3 if word == "cube" else int(re.sub(r"\D", "", word))
        found.append((match.start(), match.end(), ("root", Num(Fraction(k)))))
    for match in _LOG.finditer(text):
        found.append((match.start(), match.end(), ("log", Num(Fraction(int(match.group("b")))))))
    kept: list[Named | None] = []
    reach = -1
    for begin, finish, named in sorted(found, key=lambda item: (item[0], -item[1])):
        if begin >= reach:  # a match inside another (`3 from both sides` in `Subtract 2x - 3 from ...`)
            kept.append(named)
            reach = finish
    return kept


def _parsed(symbol: str, operand: str) -> Named | None:
    try:
        return symbol, parse_expr_text(operand.replace("−", "-"))
    except (MathParseError, LimitExceeded):
        return None


def nonlinear(named: Named) -> bool:
    """An operation that is no affine map of the sides: a power, a root, a log, or multiplying or dividing
    by an expression with a variable (`Multiply both sides by x - 1`). Such a line is compared as written,
    side by side, which proves no mismatch."""
    return named[0] in ("^", "root", "log") or (named[0] in "*/" and bool(variables(named[1])))


def check_named(named: tuple[str, Expr], earlier: list[Pair], shown: Pair) -> str | None:
    """Why `shown` is not what the named operation makes of any earlier equation (the one before, or one
    the trace returns to), or None if it is. Only a line that lands on the solution may go on from there
    by one more affine map of both sides (`Multiply by 3: x = 9` from `x/3 + 2 = 5` also subtracts 6), and
    the operation named must be in it: the factor for `multiply`/`divide`, the shift (before any factor)
    for `add`/`subtract`."""
    symbol, operand = named
    if has_plus_minus(earlier[-1][0]) or has_plus_minus(earlier[-1][1]) or any(map(has_plus_minus, shown)):
        return None  # `Divide through by 2: x = 3 ± 2sqrt(3)` simplifies the formula's fraction
    if nonlinear(named):
        return _nonlinear_named(named, earlier, shown)
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


def _nonlinear_named(named: Named, earlier: list[Pair], shown: Pair) -> str | None:
    """Why `shown` is not the power, root or log named taken of both sides of an earlier equation, side by
    side (`Square both sides` of `sqrt(x + 7) = 4` is `x + 7 = 16`; `Take the square root of both sides` of
    `x^2 = 9` is `x = ±3`; `log base 2 of both sides` of `2^(x + 1) = 16` is `x + 1 = 4`), or None."""
    symbol, operand = named
    k = operand.value if isinstance(operand, Num) else Fraction(0)
    for before in reversed(earlier):
        for left, right in (shown, (shown[1], shown[0])):
            if symbol in "*/" and all(
                _same(Bin(symbol, side, operand), made)
                for side, made in zip(before, (left, right), strict=True)
            ):
                return None
            if symbol == "^" and _same(_power(before[0], k), left) and _same(_power(before[1], k), right):
                return None
            if symbol == "root" and _same(_power(left, k), before[0]) and _same(_power(right, k), before[1]):
                return None
            base = Num(k)
            if (
                symbol == "log"
                and _same(Bin("^", base, left), before[0])
                and _same(Bin("^", base, right), before[1])
            ):
                return None
    before = earlier[-1]
    said = {
        "^": f"raising to the power {show(operand)}",
        "root": f"taking the root of index {show(operand)}",
        "*": f"multiplying by {show(operand)}",
        "/": f"dividing by {show(operand)}",
    }
    what = said.get(symbol, f"taking the log base {show(operand)}")
    return (
        f"the line names {what} on both sides of {show(before[0])} = {show(before[1])}, and"
        f" {show(shown[0])} = {show(shown[1])} is not what that gives"
    )


def _power(side: Expr, k: Fraction) -> Expr:
    """side^k, with a root it undoes taken off (`sqrt(x + 7)^2` is `x + 7`, `(±3)^2` is `9`)."""
    if isinstance(side, PlusMinus) and side.left is None and k % 2 == 0:
        return _power(side.right, k)
    if isinstance(side, Call) and ((side.name == "sqrt" and k == 2) or (side.name == "cbrt" and k == 3)):
        return side.arg
    if isinstance(side, Bin) and side.op == "^" and isinstance(side.right, Num) and side.right.value * k == 1:
        return side.left
    return Bin("^", side, Num(k))


def _same(a: Expr, b: Expr) -> bool:
    """a and b are the same expression: as written, the same number, or an identity of rational functions."""
    if a == b:
        return True
    try:
        if not variables(a) and not variables(b):
            return evaluate(a) == evaluate(b)
        return mpoly.identity(a, b)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False


def _solved(shown: Pair) -> bool:
    """`x = 9`, `9 = x`: one side the unknown alone, the other a value."""
    return any(isinstance(a, Var) and not variables(b) for a, b in (shown, shown[::-1]))


def constant(expr: Expr) -> Fraction | None:
    """expr's value when it is a rational number whatever the variables are, else None."""
    top, bottom = to_ratfunc(expr)
    if not top:
        return Fraction(0)  # `4/x - (1/3)(12/x)`: zero over any denominator
    a, b = constant_of(top), constant_of(bottom)
    if isinstance(a, Fraction) and isinstance(b, Fraction) and b != 0:
        return a / b
    # `1/x - (1/x + 1/2)` comes to `-x / 2x`: a number when the top is the bottom times one
    tops = {m: c for m, c in top.items() if isinstance(c, Fraction)}
    bottoms = {m: c for m, c in bottom.items() if isinstance(c, Fraction) and c != 0}
    if len(tops) != len(top) or len(bottoms) != len(bottom) or set(tops) != set(bottoms):
        return None
    first = next(iter(tops))
    factor = tops[first] / bottoms[first]
    return factor if all(tops[m] == factor * bottoms[m] for m in tops) else None
