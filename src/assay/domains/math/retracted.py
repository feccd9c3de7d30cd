"""A line that retracts the line before it: `4x = 33 - 9 = 42` / `Oops, that's a mistake: 33 - 9 = 24`.

Within a line, a clear retraction ends the answers stated before it (final_answer.py). A retraction that
opens the next line takes back the previous step itself, but only when it says which: its first claim must
restate a piece of that step's math (`33 - 9`, `4x`: an expression, not a bare number) so that the reader
knows what is corrected, or do again an operation of it on the same operands with another operator (`18 ×
2 = 36. Wait, no: 18 + 2 = 20`). A retraction may also stand on a line of its own, in prose that claims
nothing (`Wait, that's wrong — let me redo this.`): the line after it is then the correction, held to the
same test against the step before the retraction. "Oops, wrong" alone, or a correction of something else,
retracts nothing, and the previous step is checked as written. The retracted step claims nothing (the
checker reports it as retracted); the correcting line is checked as usual. Pure text work with the
allow-list grammar.
"""

from __future__ import annotations

import re

from assay.domains.math.claim_reading import find_retraction
from assay.domains.math.decide import identity
from assay.domains.math.exact import Number, Unsupported, evaluate
from assay.domains.math.expr import Bin, Expr, Var, to_text, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.tie import is_literal
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind

RETRACTED = "retracted by the next line"


def retracts_previous(segment: str, previous: Step, step: Step, announced: bool = False) -> bool:
    """Whether `step` (read from `segment`) opens with a clear retraction, or follows a line that is one
    (`announced`), and restates a piece of the math of `previous`, the step before the retraction (both
    claims)."""
    if previous.kind != StepKind.CLAIM or step.kind != StepKind.CLAIM or not step.math:
        return False
    head = re.split(r"[=\d]", segment, maxsplit=1)[0]
    if not announced and find_retraction(head) is None:
        return False  # the retraction must open the line, before any of its math
    try:
        # any claim of the correction may be the one that corrects (`Wait, that's wrong: 13 - 5 = 8, so
        # 2x = 8` corrects `2x = 18` with its second claim)
        corrections = [parse_chain(group.split(" or ")[0].lstrip("=")) for group in step.math.split("; ")]
        chains = [
            parse_chain(alt.lstrip("=")) for group in previous.math.split("; ") for alt in group.split(" or ")
        ]
    except (MathParseError, LimitExceeded):
        return False
    if _other_roots(previous.math, step.math):
        return True
    before = {to_text(part) for parts in chains for part in parts}
    if any(_redone(piece, chains) for said in corrections for piece in said):
        return True
    # the correction must contradict the step it takes back: the piece it restates is given another value
    # (`33 - 9 = 42` / `Oops: 33 - 9 = 24`); restating what was right (`5 + 8 = 13 still holds`, `2x + 5 - 5
    # = 2x`) takes nothing back, and the step is checked as written
    return any(
        _contradicts(said, parts, piece)
        for said in corrections
        for piece in said
        if not is_literal(piece) and to_text(piece) in before
        for parts in chains
        if to_text(piece) in {to_text(p) for p in parts}
    )


def _redone(piece: Expr, chains: list[list[Expr]]) -> bool:
    """Whether piece is an operation of the step taken back done again with another operator: `18 × 2 =
    36` / `Wait, no: 18 + 2 = 20` (the same two operands, in the same order, and another value)."""
    if not isinstance(piece, Bin) or variables(piece):
        return False
    for parts in chains:
        for part in parts:
            if (
                isinstance(part, Bin)
                and part.op != piece.op
                and to_text(part.left) == to_text(piece.left)
                and to_text(part.right) == to_text(piece.right)
                and _value(part) != _value(piece)
            ):
                return True
    return False


def _roots(math: str) -> tuple[str, frozenset[Number]] | None:
    """`x = 4 or x = -1` as (x, {4, -1}): every alternative one variable given a number, else None."""
    if "; " in math:
        return None
    name, values = "", set()
    for alt in math.split(" or "):
        parts = parse_chain(alt)
        if len(parts) != 2 or not isinstance(parts[0], Var) or name not in ("", parts[0].name):
            return None
        value = _value(parts[1])
        if value is None or variables(parts[1]):
            return None
        name = parts[0].name
        values.add(value)
    return name, frozenset(values)


def _other_roots(previous: str, correction: str) -> bool:
    """Whether the correction gives the variable of a list of roots another list (`x = 4 or x = 1` / `Wait,
    sign: x = 4 or x = -1`): it says which step it corrects, and how."""
    try:
        before, after = _roots(previous), _roots(correction)
    except (MathParseError, LimitExceeded):
        return False
    return before is not None and after is not None and before[0] == after[0] and before[1] != after[1]


def _value(expr: Expr) -> Number | None:
    try:
        return evaluate(expr)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None


def _contradicts(said: list[Expr], parts: list[Expr], piece: Expr) -> bool:
    """Whether `said` gives piece a value `parts` does not: another number, or (with variables: `(x - 1)(x
    - 6) = x^2 - 5x + 6` / `(x - 1)(x - 6) = x^2 - 7x + 6`) an expression that is not identically any of
    the ones parts gives it."""
    if _values(said, piece) - _values(parts, piece) and _values(parts, piece):
        return True
    mine = [p for p in said if to_text(p) != to_text(piece) and variables(p)]
    theirs = [p for p in parts if to_text(p) != to_text(piece) and variables(p)]
    if not mine or not theirs:
        return False
    try:
        return any(not any(identity(m, t) for t in theirs) for m in mine) and not any(
            identity(m, t) for m in mine for t in theirs
        )
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return False


def _values(parts: list[Expr], piece: Expr) -> set[Number]:
    """The values a chain gives `piece`: its other parts that have no variable."""
    found: set[Number] = set()
    for part in parts:
        if variables(part) or to_text(part) == to_text(piece):
            continue
        try:
            found.add(evaluate(part))
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            continue
    return found


def only_retraction(segment: str, step: Step) -> bool:
    """Whether a line of prose opens with a clear retraction and claims nothing (`Wait, that's wrong — I
    should subtract 4, not add it. Let me redo this.`): the line after it may be the correction."""
    head = re.split(r"[=\d]", segment, maxsplit=1)[0]
    return step.kind == StepKind.PROSE and find_retraction(head) is not None


def retracted(step: Step) -> Step:
    """The previous step, taken back: prose that claims nothing, with why."""
    return Step(step.index, step.text, StepKind.PROSE, reason=RETRACTED)
