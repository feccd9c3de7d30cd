"""Steps checked at the problem's known solutions: premises with finitely many solutions (every claim
must hold at each of them), a bare answer to "what is E?", and systems (every equation must hold at
the unique solution).
"""

from __future__ import annotations

import itertools

from assay.domains.math.decide import (
    Refuted,
    Unknown,
    cancelled_identity,
    check_arithmetic,
    exact_value,
    foreign,
    identity,
    show,
    value_set,
)
from assay.domains.math.exact import Number, format_number
from assay.domains.math.expr import Expr, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.nonpoly_moves import nonpolynomial_move
from assay.domains.math.operations import one_operation, shown_operation
from assay.domains.math.step_state import State, point_envs, variable
from assay.domains.math.vocabulary import split_top_level

# --- premises with finitely many solutions: every claim must hold at each of them ----------------------


def consequence_step(state: State, groups: list[list[list[Expr]]]) -> str | None:
    var = variable(state)
    points = sorted(state.reading.points, key=float)
    for group in groups:
        for parts in group:
            foreign(parts, {var})
            cancelled_identity(parts)
            check_arithmetic(parts)
        for point in points:
            if not any(_holds_at(parts, var, point) for parts in group):
                text = " or ".join(" = ".join(show(p) for p in parts) for parts in group)
                raise Refuted(f"{text} is false at the solution {var} = {format_number(point)}")
    for group in groups:
        if len(group) == 1:
            _follows(state, group[0], var)
    shown = ", ".join(format_number(p) for p in points)
    return f"holds at every solution of the problem ({var} = {shown})"


def _follows(state: State, parts: list[Expr], var: str) -> None:
    """A chain that states one equation in the unknown follows from the equation before it, as a step of
    an equation to solve does (operations.py, nonpoly_moves.py): `4x - 2 = 10` then `2x + 7 = 10 + 3`
    holds at x = 3 but shows adding 3 to 4x - 2. Working out the asked expression (`2x + 7 = 2(3) + 7`) is
    no step of the equation; the arithmetic it shows is still checked against the equation before."""
    if len(state.equation) != 1:
        return
    pairs = [(a, b) for a, b in itertools.pairwise(parts) if var in variables(a) | variables(b)]
    pairs = [(a, b) for a, b in pairs if not identity(a, b)]
    if len(pairs) > 1:
        # `2x + 7 = (4x - 2) + 3 = 10 + 3`: each link holds at x = 3, and neither follows from the other
        raise Unknown("a chain that states more than one equation")
    if not pairs:
        return
    before, after = state.equation[0], pairs[0]
    _, wrong = shown_operation(before, after)
    asked = state.reading.asked
    worked_out = asked is not None and any(
        not variables(other) and identity(side, asked) for side, other in (after, after[::-1])
    )
    if wrong is None and not worked_out:
        wrong = one_operation(before, after, var, state.seen, state.named)
        wrong = wrong or nonpolynomial_move(before, after, var, state.named)
        if before not in state.seen:
            state.seen.append(before)
        state.equation = [after]
    if wrong is not None:
        raise Unknown(wrong)


def _holds_at(parts: list[Expr], var: str, point: Number) -> bool:
    """Whether every link of the chain is true at var = point (a link with ± holds if one sign does)."""
    env = {var: point}
    for a, b in itertools.pairwise(parts):
        try:
            left, right = value_set(a, env), value_set(b, env)
        except ZeroDivisionError:
            return False  # undefined at the solution
        if not left & right:
            return False
    return True


def asked_answer(state: State, math: str) -> str:
    """A bare answer to "what is E?": its values must be E's values at the solutions."""
    asked = state.reading.asked
    assert asked is not None
    given: set[Number] = set()
    for text in split_top_level(math.replace(" or ", ", ")):
        for part in parse_chain(text):
            if variables(part):
                raise Unknown("an answer with a variable in it")
        given |= value_set(parse_chain(text)[-1])
    envs = [state.reading.solution] if state.reading.mode == "system" else point_envs(state)
    expected: set[Number] = set()
    for env in envs:
        expected |= value_set(asked, env)
    if given != expected:
        shown = ", ".join(sorted(format_number(v) for v in expected))
        raise Refuted(f"the answer is not the value of {show(asked)} at the solution ({shown})")
    return f"the answer is the value of {show(asked)} at the solution"


# --- systems -------------------------------------------------------------------------------------------


def system_step(state: State, groups: list[list[list[Expr]]]) -> str | None:
    solution = state.reading.solution
    shown = ", ".join(f"{k} = {format_number(v)}" for k, v in solution.items())
    for group in groups:
        for parts in group:
            foreign(parts, set(solution))
            cancelled_identity(parts)
            for a, b in itertools.pairwise(parts):
                va, vb = exact_value(a, solution), exact_value(b, solution)
                if va is None or vb is None:
                    raise Unknown(f"could not evaluate {show(a)} = {show(b)} exactly")
                if va != vb:
                    # in a disjunction, a false alternative adds a solution the system does not have
                    what = "adds a solution: " if len(group) > 1 else ""
                    raise Refuted(
                        f"{what}{show(a)} = {show(b)} is false at the solution {shown}"
                        f" ({format_number(va)} ≠ {format_number(vb)})"
                    )
    return f"holds at the solution {shown}"
