"""The operation a line of arithmetic names must be one it computes.

`Add: 3 × 12 = 36`, `Divide: 36 − 7 = 29`, `1/4 - (4/3) × (4/9) = 1/4 - 16/27 [add first]`: the arithmetic
is true and the name lies, and a trace that says it added when it multiplied teaches the wrong method.
In a sentence (or a bracketed or parenthesised note, of the line's math when it has none of its own; or
a sentence or line without math just before that directs the work, of the math that follows it: `We add
the trays together. 3 × 12 = 36`, `### Step 1: Add`, but not a purpose, `To add these fractions, ...`)
that names operations with a verb, a noun or an operator word (`add`, `the sum`, `addition`, `plus`,
`subtract`, `difference`, `multiply`, `product`, `times`, `divide`, `quotient`, `take away`, `totaling`,
`removing`, `split`, `increase by`, `square`, ...; not the connectives `in addition`, `to sum up`), each
operation named must be an operator of that sentence's math (a sum for `add`, a product for `multiply`,
a number by itself or a power for `square`, ...; a number written as a fraction, `16/27`, is no
division, unless it is all the sentence computes: `Divide 12 by 5: 12/5 = 2.4`; dividing is multiplying
by the reciprocal when the sentence says so). Otherwise the line is unknown. A sentence whose math the
reader does not take apart is not judged here. Pure text and tree work.
"""

from __future__ import annotations

import re
from fractions import Fraction

from assay.domains.math.expr import Bin, Expr, Num, nodes
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line, strip_delimiters
from assay.domains.math.result_names import without_named_results
from assay.domains.math.verbal_arithmetic import spoken_arithmetic
from assay.domains.math.words import extract_claims
from assay.errors import LimitExceeded, MathParseError
from assay.text.compatible import compatible
from assay.text.trigger_words import compile_guarded

MAX_TEXT = 2000  # characters of a line looked at

# an operation named by a verb, a noun or an operator word (`add`, `the sum`, `addition`, `plus`, ...)
_ADD = (
    r"add(?:s|ed|ing)?|addition|sum(?:s|med|ming)?|summation|plus|total(?:l?ing|l?ed)"
    r"|increas(?:e|es|ed|ing)\s+by"
)
_SUB = (
    r"subtract(?:s|ed|ing)?|subtraction|tak(?:e|es|ing)\s+(?:away|off)|difference|minus|deduct(?:s|ed|ing)?"
    r"|remov(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)\s+by|reduc(?:e|es|ed|ing)\s+by"
)
_MUL = r"multipl(?:y|ies|ied|ying)|multiplication|products?|times"
_DIV = (
    r"divid(?:e|es|ed|ing)|division|quotient|split(?:s|ting)?|shar(?:e|es|ed|ing)\s+(?:equally|evenly)"
    r"|ratio|average|mean"
)
# operations with their number: doubling is multiplying by 2, halving dividing by 2
_DOUBLE = r"twice|doubl(?:e|es|ed|ing)"
_TRIPLE = r"thrice|tripl(?:e|es|ed|ing)"
_HALVE = r"halv(?:e|es|ed|ing)"
# what is left, after taking away or dividing
_REMAINDER = r"remainder"
# squaring: a product of a number by itself or a power
_SQUARE = r"squar(?:e|es|ed|ing)|cub(?:e|es|ed|ing)|exponents?|powers?|raised"
_NAMED = compile_guarded(
    rf"\b(?:(?P<add>{_ADD})|(?P<sub>{_SUB})|(?P<mul>{_MUL})|(?P<div>{_DIV})|(?P<pow>{_SQUARE})"
    rf"|(?P<double>{_DOUBLE})|(?P<triple>{_TRIPLE})|(?P<halve>{_HALVE})|(?P<rem>{_REMAINDER}))\b"
    r"|(?P<sigma>[Σ∑])",
    re.I,
)
# the same words that name no operation: connectives (`In addition, ...`, `To sum up, ...`)
_NOT_NAMING = compile_guarded(
    r"\bin\s+addition\b(?!\s*:)|\b(?:to\s+sum\s+up|in\s+sum|summing\s+up,)"
    r"|\bdouble[-\s]?check\w*|\bmean(?:s|ing|t)\b|\bon\s+average\b"
    # `60 square meters`, `a square foot`: a unit of area, no squaring
    r"|\bsquare\s+(?:met(?:er|re)s?|centimet(?:er|re)s?|millimet(?:er|re)s?|kilomet(?:er|re)s?|feet|foot"
    r"|inch(?:es)?|yards?|miles?|units?|cm|mm|km|m|ft|in|yd|mi)\b",
    re.I,
)
_DIRECTIVE = compile_guarded(
    r"[*_\s]*(?:(?:so|then|now|next|first|finally|here)\W{1,4}){0,3}(?:(?:we|i|let's|let\s+us)\s+)?"
    + r"(?:"
    + "|".join((_ADD, _SUB, _MUL, _DIV, _SQUARE, _DOUBLE, _TRIPLE, _HALVE))
    + r")\b",
    re.I,
)
_SYMBOL = {
    "add": "+",
    "sigma": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "pow": "^",
    "double": "*2",
    "triple": "*3",
    "halve": "/2",
    "rem": "-/",
}
_LABEL = compile_guarded(
    r"\s*(?:(?:step\s*\d+|then|now|next|first)\W*)?" + _NAMED.pattern + r"(?:\s+first)?\s*:", re.I
)
_WORDS = {
    "+": "adding",
    "-": "subtracting",
    "*": "multiplying",
    "/": "dividing",
    "^": "squaring",
    "*2": "doubling",
    "*3": "tripling",
    "/2": "halving",
    "-/": "taking a remainder",
}
# a label naming an operation the checker does not read: what it says cannot be held to the arithmetic
_UNPLACED = compile_guarded(
    r"^[\s*_#>•-]*(?:(?:step|part)\s*\d+\s*[:.)]?\s*)?[*_]*(?:percent(?:age)?|reciprocal|increment|decrement"
    r"|modul(?:o|us)|negat(?:e|ion|ing)|accumulat\w*|(?:square\s+|cube\s+)?roots?|logarithm|log|factorial"
    r"|absolute(?:\s+value)?|inverse|invert(?:ing)?|median|mode|range|round(?:ed|ing)?|floor|ceiling|gcd|lcm"
    r"|greatest\s+common\s+\w+|least\s+common\s+multiple|exponentiat\w*|cumulative|aggregate|tally)[*_]*\s*:",
    re.I,
)
_RECIPROCAL = compile_guarded(r"\breciprocal|\binver(?:t|se)|\bflip", re.I)
# `3 × 12 = 36 (that's addition)`: a note in parentheses that names an operation, read as a bracketed one
_PAREN_NOTE = compile_guarded(
    r"\(([^()\d=]*\b(?:" + "|".join((_ADD, _SUB, _MUL, _DIV, _SQUARE, _REMAINDER)) + r")\b[^()\d=]*)\)",
    re.I,
)
# `The sum of the four numbers is 4 × 15 = 60.`: a sum named as the quantity a sentence is about, of
# things named in words (no number): how the line computes it is its own (the mean times the count), and
# the name says nothing of the line's operators (`The sum of 4 and 15 is ...` names numbers, and is held
# to its math; a product, a difference or a quotient named so is held to it too)
_NAMED_QUANTITY = compile_guarded(
    r"\bthe\s+(?:sum|total)\s+of\s+(?:(?:the|all|his|her|their|its|these|those)\s+)?"
    r"(?:[A-Za-z'’]+\s+){0,4}?[A-Za-z'’]+\s*(?=\b(?:is|are|was|were|equals)\b|[=:])",
    re.I,
)
_PIECES = re.compile(r"\[[^\[\]]*\]|[^.!?\[\]]+(?:[.!?](?=\s|$)|$)")


def names(text: str) -> set[str]:
    """The operations text names (`+`, `-`, `*`, `/`), connectives left out."""
    text = _NOT_NAMING.sub(" ", compatible(text))
    return {_SYMBOL[kind] for match in _NAMED.finditer(text) for kind, v in match.groupdict().items() if v}


def directs(text: str) -> bool:
    """Whether text without math says what the math after it does: a heading or a label (`### Step 1:
    Add`, `Add the trays together:`), or an instruction that opens with the operation (`We add the trays
    together.`); not a purpose (`To add these fractions, I need a common denominator.`)."""
    text = compatible(text).strip()
    if text.startswith("#") or text.rstrip("*_ ").endswith(":"):
        return True
    text = re.sub(r"^[\s*_>•-]*(?:(?:step|part)\s*\d+\s*[:.)]?\s*|\d{1,3}[.)]\s+)?", "", text)
    return _DIRECTIVE.match(text) is not None


def misnamed_operation(text: str, before: str = "") -> str | None:
    """Why the line names an operation its math does not compute, or None; before: a line without math
    just before it that names operations (a heading, an instruction), said of this line's math."""
    # (`so the sum is 11/12`: the answer, named; result_names.py holds the name to the problem)
    text, before = without_named_results(compatible(text)), compatible(before)
    if _UNPLACED.match(text) and re.search(r"\d\s*[-+*/×÷−·]\s*\d", text):
        # `Reciprocal: 36 − 7 = 29`: an operation named that the checker cannot hold to the arithmetic
        return "the line names an operation the checker does not read"
    if before:
        # `### Step 1: Add` or `We add the trays together.` on the line before names this line's math
        text = f"{before.strip().rstrip('.:')}: {text}"
    if len(text) > MAX_TEXT or _NAMED.search(text) is None:
        return None
    text = _NOT_NAMING.sub(" ", _PAREN_NOTE.sub(r"[\1]", text))
    text = _NAMED_QUANTITY.sub("the quantity ", text)
    carried: set[str] = set()  # what a sentence without math named, for the next sentence's math
    for piece in _PIECES.findall(text):
        named = names(piece) | carried
        if not named:
            continue
        labelled = _LABEL.match(piece) is not None  # `Multiplying: ...` names the chain right after it
        operators = _operators(piece if piece.startswith("[") else _without_brackets(piece), labelled)
        if operators is None and piece.startswith("["):
            operators = _operators(_without_brackets(text))  # `[add first]`: said of the line's math
        if operators is None:
            # `We add the trays together. 3 × 12 = 36.`: the name is of the math that follows
            carried = named if not piece.startswith("[") and directs(piece) else carried
            continue
        carried = set()
        if _RECIPROCAL.search(piece) and "/" in operators:
            operators = operators | {"*"}  # `Divide by multiplying by the reciprocal: 1/2 ÷ 3/4 = 2/3`
        # `-/` (a remainder) is either; the others are each one operation
        missing = sorted(n for n in named - operators if not (n == "-/" and operators & {"-", "/"}))
        if missing:
            said = ", ".join(_WORDS[m] for m in missing)
            return f"the line names {said}, which its arithmetic does not do"
    return None


def _without_brackets(piece: str) -> str:
    return re.sub(r"\[[^\[\]]*\]", " ", piece)


def _operators(piece: str, first_only: bool = False) -> set[str] | None:
    """The operators the piece's math (or its first claim) computes with, or None when it has no math the
    reader takes apart."""
    # (`Twice 45 is 90.`: arithmetic said in words is math too, verbal_arithmetic.py)
    claims = extract_claims(spoken_arithmetic(strip_delimiters(prepare_line(piece.strip("[] "))[0])))
    if not claims:
        return None
    found: set[str] = set()
    for group in claims.split("; ")[:1] if first_only else claims.split("; "):
        for alternative in group.split(" or "):
            try:
                parts = parse_chain(alternative.lstrip("="))
            except (MathParseError, LimitExceeded):
                return None
            for part in parts:
                found |= _ops(part)
    return found


def _ops(part: Expr) -> set[str]:
    found: set[str] = set()
    for node in nodes(part):
        if isinstance(node, Bin) and node.op == "^":
            found.add("^")
        if not isinstance(node, Bin) or node.op not in "+-*/":
            continue
        fraction = node.op == "/" and isinstance(node.left, Num) and isinstance(node.right, Num)
        if fraction and node is not part:
            continue  # `1/4 - 16/27`: numbers written as fractions, not divisions
        found.add(node.op)
        if node.op == "*" and node.left == node.right:
            found.add("^")  # `6 × 6`: squaring written as a product
        numbers = {side.value for side in (node.left, node.right) if isinstance(side, Num)}
        if (node.op == "*" and 2 in numbers) or (node.op == "+" and node.left == node.right):
            found.add("*2")
        if node.op == "*" and 3 in numbers:
            found.add("*3")
        if (node.op == "/" and isinstance(node.right, Num) and node.right.value == 2) or (
            node.op == "*" and Fraction(1, 2) in numbers
        ):
            found.add("/2")
    return found


__all__ = ["directs", "misnamed_operation", "names"]
