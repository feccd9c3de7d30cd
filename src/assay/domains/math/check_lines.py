"""Verification lines (`Check: 2(4) + 5 = 13`): true, and a premise (or the asked quantity) evaluated
at a solution; a line that only restates numbers proves nothing.
"""

from __future__ import annotations

from assay.domains.math.decide import Refuted, Unknown, check_arithmetic, exact_value, foreign, show
from assay.domains.math.exact import Number, format_number
from assay.domains.math.expr import Bin, Expr, Num, Var, variables
from assay.domains.math.sides import derives
from assay.domains.math.step_state import State, point_envs
from assay.domains.math.tie import Values, follows, is_literal

# --- verification lines ------------------------------------------------------------------------------


def is_binding(group: list[list[Expr]]) -> bool:
    """Whether a claim of a check line only gives a variable a value (`x = 5`, `x = 2 or x = 3`): the
    hypothesis of the check, not arithmetic."""
    return all(len(parts) == 2 and isinstance(parts[0], Var) and not variables(parts[1]) for parts in group)


def binding_segments(groups: list[list[list[Expr]]]) -> list[list[list[list[Expr]]]]:
    """A check line's claims cut where a binding gives a name bound before it another value, after some
    arithmetic: `x = 2 gives 4 - 10 + 6 = 0 and x = 3 gives 9 - 15 + 6 = 0` is two checks, each at its own
    binding (`x = 6, y = 4: ...` binds two names at once and stays one)."""
    segments: list[list[list[list[Expr]]]] = [[]]
    names: set[str] = set()
    for group in groups:
        if is_binding(group):
            binds = {str(parts[0].name) for parts in group if isinstance(parts[0], Var)}
            if binds & names and any(not is_binding(g) for g in segments[-1]):
                segments.append([])
                names = set()
            names |= binds
        segments[-1].append(group)
    return segments


def _leftmost(expr: Expr) -> Expr:
    while isinstance(expr, Bin):
        expr = expr.left
    return expr


def _with_leftmost(expr: Expr, by: Expr) -> Expr:
    """expr with its leftmost operand replaced by `by` (in parentheses, as a tree keeps it)."""
    if not isinstance(expr, Bin):
        return by
    return Bin(expr.op, _with_leftmost(expr.left, by), expr.right)


def _goes_on(before: list[Expr] | None, parts: list[Expr]) -> list[Expr] | None:
    """A check worked in pieces (`3 × 4 = 12, 12 + 5 = 17`, `3 times 4 is 12, plus 5 is 17`) as the one
    claim it makes (`3 × 4 + 5 = 17`): parts whose first operand is the number the claim before ended on,
    going on from that claim's expression; None when they do not."""
    if before is None or len(before) < 2 or not isinstance(before[0], Bin) or not isinstance(parts[0], Bin):
        return None
    first, ended = _leftmost(parts[0]), before[-1]
    if not (isinstance(first, Num) and isinstance(ended, Num) and first.value == ended.value):
        return None
    return [_with_leftmost(parts[0], before[0]), *parts[1:]]


def verification(
    state: State,
    groups: list[list[list[Expr]]],
    bindings: list[list[list[Expr]]] | None = None,
    named: list[int] | None = None,
) -> str:
    """A check line: true, and a premise (or the asked quantity) evaluated at a solution.

    One side evaluated (`2(4) + 5 = 13`), both sides (`2(4) + 5 = 13 and 4 + 9 = 13`, two groups), or the
    substitution written out (`2x + 5 = 2(4) + 5 = 13`, the variable read at the solution) all count.
    `bindings` (`Verify with x = 5: ...`) say at which solution the line checks: its arithmetic is matched
    at that solution only, and a bound value that is no solution makes the line false. `named` are the
    system's equations the line names ("Check (2): ..."): each claim is matched against the one named in
    its place (or the only one named), not any.
    """
    if not groups:
        raise Unknown("a verification line must state an equality")
    bound = [[(p[0], p[1]) for p in group] for group in bindings or []]
    if bound and state.reading.mode in ("expression", "game24", "words"):
        raise Unknown("a check that binds a variable in a problem without one")
    checks = 0
    if named and len(named) not in (1, len(groups)):
        raise Unknown("the check names equations, but not one for each of its claims")
    # a piece that is no check on its own (`3 × 4 = 12`), held until the claim after it goes on from it
    held: tuple[list[Expr], Refuted | Unknown] | None = None
    for at, group in enumerate(groups):
        only = None if not named else named[0] if len(named) == 1 else named[at]
        for parts in group:
            if len(parts) < 2:
                raise Unknown("a verification line must state an equality")
            check_arithmetic(parts)
            if all(is_literal(p) for p in parts):
                continue  # `13 = 13` after a check restates a number: true, and it proves nothing
            joined = _goes_on(held[0], parts) if held is not None and len(group) == 1 else None
            if held is not None and joined is None:
                raise held[1]
            try:
                _matches_problem(state, joined or parts, bound, only)
            except (Refuted, Unknown) as failed:
                if named or len(group) != 1:
                    raise
                held = (joined or parts, failed)
                continue
            held = None
            checks += 1
    if held is not None:
        raise held[1]
    if not checks:
        return "true, but only restates numbers (no check)"
    return "true, and is the problem evaluated at the answer"


def _at_bindings(
    envs: list[dict[str, Number]], bound: list[list[tuple[Expr, Expr]]]
) -> list[dict[str, Number]]:
    """The solutions a check's bindings allow: each binding group (alternatives joined by `or`) must hold
    at the solution; a variable the problem does not have cannot be bound."""
    kept = []
    for env in envs:
        holds = True
        for group in bound:
            ok = False
            for var, value in group:
                name = str(var.name) if isinstance(var, Var) else ""
                if name not in env:
                    raise Unknown(f"the check binds {name}, which the problem does not solve for")
                said = exact_value(value)
                if said is None:
                    raise Unknown(f"the check binds {name} to a value beyond the exact path")
                ok = ok or said == env[name]
            holds = holds and ok
        if holds:
            kept.append(env)
    return kept


def _matches_problem(
    state: State, parts: list[Expr], bound: list[list[tuple[Expr, Expr]]], only: int | None = None
) -> None:
    mode = state.reading.mode
    if mode in ("expression", "game24"):
        if any(variables(p) for p in parts):
            raise Unknown("a verification line with a variable left in it")
        target = state.value
        last = exact_value(parts[-1])
        if target is None or last is None:
            raise Unknown("the problem's value is beyond the exact path")
        if last != target:
            raise Refuted(f"the check ends at {format_number(last)}, not {format_number(target)}")
        if mode == "expression" and (
            state.source is None or not derives(parts, state.source, state.parts.results)
        ):
            raise Unknown("the check line does not work out the problem's expression")
        return
    envs = [state.reading.solution] if mode == "system" else point_envs(state) if state.reading.points else []
    if not envs:
        raise Unknown("the problem's solutions are beyond the exact path, so the check cannot be matched")
    allowed = set().union(*(env.keys() for env in envs))
    foreign(parts, allowed)
    if bound:
        envs = _at_bindings(envs, bound)
        if not envs:
            said = ", ".join(" or ".join(f"{show(v)} = {show(e)}" for v, e in g) for g in bound)
            raise Refuted(f"the check binds {said}, which is not a solution")
        if len(envs) > 1 and any(len(group) > 1 for group in bound):
            # `x = 2 and x = 3 give 4 - 10 + 6 = 0`: what a check says of several values holds at each
            for env in envs:
                _matches_at(state, parts, [env], only)
            return
    _matches_at(state, parts, envs, only)


def _matches_at(state: State, parts: list[Expr], envs: list[dict[str, Number]], only: int | None) -> None:
    """The claim is true at one of envs and puts that solution into the problem (a premise or the asked
    quantity), else Refuted or Unknown."""
    premises = state.reading.premises if only is None else state.reading.premises[only - 1 : only]
    sides = [side for pair in premises for side in pair]
    # `2(4) + 5 - 13 = 0`: the equation moved to one side
    sides += [Bin("-", left, right) for left, right in premises]
    if state.reading.asked is not None and only is None:
        sides.append(state.reading.asked)
    untied = False
    for env in envs:
        values = [exact_value(p, env) for p in parts]
        if None in values:
            raise Unknown("a verification value beyond the exact path")
        if len(set(values)) != 1:
            continue  # the chain is not true at this solution; maybe at another
        matching = [side for side in sides if exact_value(side, env) == values[0]]
        # a check must put the answer into the problem: a true line that merely ends at the right value
        # (`4 + 9 = 13` for 2x + 5 = 13) is not one, and a bare number (`13 = 13`) restates the equation
        memo: Values = {}  # the claim's node values at env, shared by the questions below
        if any(not is_literal(p) and follows(p, side, env, values=memo) for p in parts for side in matching):
            return
        untied = untied or bool(matching)
    shown = " = ".join(show(p) for p in parts)
    if untied:
        raise Unknown(f"{shown} is true but does not put the answer into the problem's equation")
    raise Refuted(f"{shown} is not the problem's equation evaluated at the answer")
