"""A line of one equation to solve held to the move it names and to the move its arithmetic shows.

Joins the step checker's state to move_words.py (the words of a line's label, or of the instruction line
above it, against the move made) and shown_move.py (the arithmetic shown against the equation before).
Runs inside a verification worker.
"""

from __future__ import annotations

from assay.domains.math.decide import Unknown
from assay.domains.math.expr import Expr, variables
from assay.domains.math.move_words import unchecked_move
from assay.domains.math.named_ops import check_named
from assay.domains.math.shown_move import check_shown_move
from assay.domains.math.step_state import Pair, State, chain, variable
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind


def move_unheld(state: State, steps: tuple[Step, ...], at: int, earlier: list[Pair]) -> str | None:
    """Why the move a line (or the instruction line right before it) names, or the arithmetic it shows, is
    not the move it makes from the `earlier` equations; None when nothing says so."""
    step = steps[at]
    above = steps[at - 1].text if at and steps[at - 1].kind == StepKind.PROSE else ""
    try:
        var = variable(state)
    except Unknown:
        var = ""
    parts = _first_equation(state, step)
    shown = (parts[0], parts[-1]) if parts is not None else None
    why = unchecked_move(step.text, earlier, shown, var, above, _written(state, step))
    if why is None and parts is not None and var and state.reading.mode == "equivalent":
        try:
            check_shown_move(parts, earlier, var)
        except Unknown as exc:
            return str(exc)
    return why


def named_unmade(state: State, step: Step, named: tuple[str, Expr], earlier: list[Pair]) -> str | None:
    """Why none of the equations a line of several claims writes is what the operation on both sides it
    names makes (`Adding 5 to both sides gives 3x = 15. Dividing by 3, x = 5.` from `3x + 5 = 20`), or None
    when one is. The operation may lead to any of the line's equations (each is held to the earlier ones
    and to those before it on the line); a line whose claims are not all read is not held here (the
    checker has already said what it could not read)."""
    if step.kind != StepKind.CLAIM or not earlier:
        return None
    kept = state.last_part
    seen = list(earlier)
    try:
        for claim in step.math.split("; "):
            if " or " in claim or "=" not in claim:
                continue
            try:
                parts = chain(state, claim)
            except (MathParseError, LimitExceeded, Unknown):
                return None
            if len(parts) < 2 or not any(variables(part) for part in parts):
                continue
            shown = (parts[0], parts[-1])
            if check_named(named, seen, shown) is None:
                return None
            seen.append(shown)
    finally:
        state.last_part = kept
    if len(seen) == len(earlier):
        return None  # no equation with the unknown on the line: nothing the operation could make
    return "names an operation on both sides, and none of the line's equations is what it makes"


def line_equations(state: State, step: Step) -> list[Pair]:
    """The equations with an unknown a claim line writes (each chain's first and last part), for the lines
    after it; none that are not read."""
    found: list[Pair] = []
    kept = state.last_part
    try:
        for claim in step.math.split("; ") if step.kind == StepKind.CLAIM else []:
            if " or " in claim or "=" not in claim:
                continue
            try:
                parts = chain(state, claim)
            except (MathParseError, LimitExceeded, Unknown):
                continue
            if len(parts) > 1 and any(variables(part) for part in parts):
                found.append((parts[0], parts[-1]))
    finally:
        state.last_part = kept
    return found


def _written(state: State, step: Step) -> tuple[Expr, ...]:
    """Every side of every claim the line writes (none when one is unread)."""
    found: list[Expr] = []
    for claim in step.math.split("; ") if step.kind == StepKind.CLAIM else []:
        for alternative in claim.split(" or "):
            try:
                found += chain(state, alternative)
            except (MathParseError, LimitExceeded, Unknown):
                return ()
    return tuple(found)


def _first_equation(state: State, step: Step) -> list[Expr] | None:
    """The chain of the first equation with the unknown a claim line writes, or None."""
    if step.kind != StepKind.CLAIM:
        return None
    for claim in step.math.split("; "):
        if " or " in claim or "=" not in claim:
            return None
        try:
            parts = chain(state, claim)
        except (MathParseError, LimitExceeded, Unknown):
            return None
        if len(parts) > 1 and any(variables(part) for part in parts):
            return parts
    return None
