"""The operation a line of arithmetic names must be one it computes.

`Add: 3 × 12 = 36`, `Divide: 36 − 7 = 29`, `1/4 - (4/3) × (4/9) = 1/4 - 16/27 [add first]`: the arithmetic
is true and the name lies, and a trace that says it added when it multiplied teaches the wrong method.
In a sentence (or a bracketed note, of the line's math when it has none of its own) that names operations
with a verb (`add`, `adding`, `subtract`,
`multiply`, `divide`, `take away`, ...), each operation named must be an operator of that sentence's math
(a sum for `add`, a product for `multiply`, ...; a number written as a fraction, `16/27`, is no division,
unless it is all the sentence computes: `Divide 12 by 5: 12/5 = 2.4`; dividing is multiplying by the
reciprocal when the sentence says so). Otherwise the line is unknown. A
sentence whose math the reader does not take apart is not judged here. Pure text and tree work.
"""

from __future__ import annotations

import re

from assay.domains.math.expr import Bin, Expr, Num, nodes
from assay.domains.math.grammar import parse_chain
from assay.domains.math.markup import prepare_line, strip_delimiters
from assay.domains.math.words import extract_claims
from assay.errors import LimitExceeded, MathParseError

MAX_TEXT = 2000  # characters of a line looked at

_NAMED = re.compile(
    r"\b(?:(?P<add>add(?:s|ed|ing)?)|(?P<sub>subtract(?:s|ed|ing)?|tak(?:e|es|ing)\s+away)"
    r"|(?P<mul>multipl(?:y|ies|ied|ying))|(?P<div>divid(?:e|es|ed|ing)))\b",
    re.I,
)
_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}
_LABEL = re.compile(
    r"\s*(?:(?:step\s*\d+|then|now|next|first)\W*)?" + _NAMED.pattern + r"(?:\s+first)?\s*:", re.I
)
_RECIPROCAL = re.compile(r"\breciprocal|\binver(?:t|se)|\bflip", re.I)
_PIECES = re.compile(r"\[[^\[\]]*\]|[^.!?\[\]]+(?:[.!?](?=\s|$)|$)")


def misnamed_operation(text: str) -> str | None:
    """Why the line names an operation its math does not compute, or None."""
    if len(text) > MAX_TEXT or _NAMED.search(text) is None:
        return None
    for piece in _PIECES.findall(text):
        named = {
            _SYMBOL[kind] for match in _NAMED.finditer(piece) for kind, v in match.groupdict().items() if v
        }
        if not named:
            continue
        labelled = _LABEL.match(piece) is not None  # `Multiplying: ...` names the chain right after it
        operators = _operators(piece if piece.startswith("[") else _without_brackets(piece), labelled)
        if operators is None and piece.startswith("["):
            operators = _operators(_without_brackets(text))  # `[add first]`: said of the line's math
        if operators is None:
            continue
        if _RECIPROCAL.search(piece) and "/" in operators:
            operators = operators | {"*"}  # `Divide by multiplying by the reciprocal: 1/2 ÷ 3/4 = 2/3`
        missing = sorted(named - operators)
        if missing:
            words = {"+": "adding", "-": "subtracting", "*": "multiplying", "/": "dividing"}
            said = ", ".join(words[m] for m in missing)
            return f"the line names {said}, which its arithmetic does not do"
    return None


def _without_brackets(piece: str) -> str:
    return re.sub(r"\[[^\[\]]*\]", " ", piece)


def _operators(piece: str, first_only: bool = False) -> set[str] | None:
    """The operators the piece's math (or its first claim) computes with, or None when it has no math the
    reader takes apart."""
    claims = extract_claims(strip_delimiters(prepare_line(piece.strip("[] "))[0]))
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
        if not isinstance(node, Bin) or node.op not in "+-*/":
            continue
        fraction = node.op == "/" and isinstance(node.left, Num) and isinstance(node.right, Num)
        if fraction and node is not part:
            continue  # `1/4 - 16/27`: numbers written as fractions, not divisions
        found.add(node.op)
    return found


__all__ = ["misnamed_operation"]
