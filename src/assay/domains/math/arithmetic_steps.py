"""Steps of problems with no unknown: an arithmetic expression (every chain true, and a part of the
problem, an earlier step or one operation on two numbers; the answer worked out from the problem's
expression) and Game of 24 (each step combines numbers still available, game24.py).
"""

from __future__ import annotations

import itertools

from assay.domains.math import game24
from assay.domains.math.decide import Refuted, Unknown, arith, exact_value
from assay.domains.math.exact import format_number
from assay.domains.math.expr import Expr, variables
from assay.domains.math.sides import arithmetic_step, derives
from assay.domains.math.step_state import State
from assay.records import Status

NOT_DERIVED = "no step works the answer out from the problem's expression"


# --- expressions --------------------------------------------------------------------------------------


def expression_step(state: State, groups: list[list[list[Expr]]]) -> str | None:
    if state.value is None or state.source is None:
        raise Unknown("the problem's value is beyond the exact path")
    said = []
    for group in groups:
        if len(group) > 1:
            raise Unknown("a disjunction in an arithmetic problem")
        parts = group[0]
        if any(variables(p) for p in parts):
            raise Unknown("a variable in an arithmetic problem")
        for a, b in itertools.pairwise(parts):
            arith(a, b)
        value = exact_value(parts[0])
        if value is None:
            raise Unknown("a value beyond the exact path")
        what, establishes = arithmetic_step(parts, value, state.value, state.source, state.parts)
        state.established = state.established or establishes
        said.append(what)
        for p in parts:
            state.parts.remember(p)
        state.parts.add_result(value)
    return "; ".join(said)


def expression_answer(state: State, groups: list[list[list[Expr]]]) -> str:
    if state.value is None:
        raise Unknown("the problem's value is beyond the exact path")
    if len(groups) != 1 or len(groups[0]) != 1:
        raise Unknown("an answer with several values for an arithmetic problem")
    parts = groups[0][0]
    for a, b in itertools.pairwise(parts):
        arith(a, b)
    value = exact_value(parts[-1])
    if value != state.value:
        shown = "a value beyond the exact path" if value is None else format_number(value)
        raise Refuted(f"the answer {shown} is not the problem's value {format_number(state.value)}")
    # a right number is not a derivation: some step (or this line) must have worked it out from the
    # problem's own expression, or true lines computed in an order the problem does not allow (`2 + 3 = 5`
    # for `2 + 3 × 4 - 1`) could end at a copied answer
    derived = state.source is not None and derives(parts, state.source, state.parts.results)
    if not (state.established or derived):
        raise Unknown(NOT_DERIVED)
    return "the answer is the problem's value"


# --- Game of 24 ----------------------------------------------------------------------------------------


def game24_step(state: State, groups: list[list[list[Expr]]]) -> str | None:
    said = ""
    for group in groups:
        if len(group) > 1:
            raise Unknown("a disjunction in Game of 24")
        status, said, state.pool = game24.check_step(state.pool, group[0], state.numbers, state.pool_known)
        _raise_unless_verified(status, said)
    return said


def game24_answer(state: State, math: str) -> str:
    assert state.value is not None  # set for every Game of 24
    status, evidence = game24.check_answer(state.numbers, state.value, math)  # type: ignore[arg-type]
    _raise_unless_verified(status, evidence)
    return evidence


def _raise_unless_verified(status: Status, evidence: str) -> None:
    if status == Status.REFUTED:
        raise Refuted(evidence)
    if status != Status.VERIFIED:
        raise Unknown(evidence)
