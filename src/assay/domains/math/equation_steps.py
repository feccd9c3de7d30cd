"""Steps of one equation to solve: every equation a step states must have the same real solutions.

A step that loses or adds a root is refuted and the evidence names the root, unless it only adds roots
that the trace then rejects, or only drops roots it rejected (one-way steps, oneway.py). The exact path
(poly.py) decides first; SymPy (symbolic.py) is the fallback. Also used by word_steps.py once a word
problem's trace has set up its equation.
"""

from __future__ import annotations

import itertools

from assay.domains.math import oneway
from assay.domains.math.decide import (
    Refuted,
    Unknown,
    arith,
    cancelled_identity,
    exact_value,
    foreign,
    identity,
    same_values,
    show,
)
from assay.domains.math.exact import Number, Unsupported, expand_plus_minus, format_number
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, has_plus_minus, variables
from assay.domains.math.nonpoly_moves import nonpolynomial_move
from assay.domains.math.operations import one_operation, shown_operation
from assay.domains.math.poly import SolutionSet, compare_sets
from assay.domains.math.premises import exact_set
from assay.domains.math.restatement import ratio
from assay.domains.math.rounding import rounds_solution
from assay.domains.math.step_state import CaseSplit, Pair, State, variable
from assay.errors import LimitExceeded


def equation_step(state: State, groups: list[list[list[Expr]]]) -> str | None:
    var = variable(state)
    said: list[str] = []
    for group in groups:
        alternatives: list[Pair] = []
        for parts in group:
            equations = split_chain(parts, var)
            if len(equations) > 1:
                _false_at_a_solution(state, equations, var)
                raise Unknown("a chain that states more than one equation")
            if len(equations) == 1 and len(group) == 1:
                _shown_after(state, equations[0], parts)
            alternatives.extend(equations)
            if not equations and len(group) > 1:
                raise Unknown("an alternative that is not an equation")
        if not alternatives:
            said.append("true arithmetic / identity")
            continue
        said.append(compare_to_state(state, alternatives, var))
    return "; ".join(said) if said else None


def _false_at_a_solution(state: State, equations: list[Pair], var: str) -> None:
    """A chain of several equations (`x^2 - 5x + 6 = (x - 1)(x - 6) = 0`, a rewriting then the equation it
    gives) claims each of them at every solution of the equation before: one that is false at one of those
    solutions loses it, whatever the chain meant. Only on the plain path (no cases being solved, no
    one-way step or rejected root that the current solutions may hold), with every value exact."""
    known = state.exact
    if (
        state.reading.mode != "equivalent"
        or known is None
        or known.cofinite
        or not known.points
        or state.split is not None
        or state.one_way
        or state.rejected
    ):
        return
    for point in sorted(known.points, key=format_number):
        env = {var: point}
        for left, right in equations:
            values = exact_value(left, env), exact_value(right, env)
            if None in values:
                return
            if values[0] != values[1]:
                raise Refuted(
                    f"{show(left)} = {show(right)} is false at {var} = {format_number(point)}, "
                    f"a solution of {state.equation_text}"
                )


def _shown_after(state: State, equation: Pair, parts: list[Expr]) -> None:
    """`2x = 8` then `x = 4 = 8 - 4`: arithmetic a chain shows after its equation's value is an operation on
    the equation before too (operations.py), which must make the other side."""
    if len(state.equation) != 1:
        return
    sides = [side for side in equation if variables(side)]
    if len(sides) != 1:
        return
    for part in parts:
        if part in equation or variables(part):
            continue
        _, wrong = shown_operation(state.equation[0], (sides[0], part))
        if wrong is not None:
            raise Unknown(wrong)


def split_chain(parts: list[Expr], var: str) -> list[Pair]:
    """Check the arithmetic and identities of a chain; return the equations it states."""
    foreign(parts, {var})
    cancelled_identity(parts)
    equations: list[Pair] = []
    for a, b in itertools.pairwise(parts):
        names = variables(a) | variables(b)
        if has_plus_minus(a) or has_plus_minus(b):
            if names:
                equations.append((a, b))
            else:
                same_values(a, b)
        elif not names:
            arith(a, b)
        elif not identity(a, b):
            equations.append((a, b))
    return equations


def compare_to_state(state: State, alternatives: list[Pair], var: str) -> str:
    text = " or ".join(f"{show(a)} = {show(b)}" for a, b in alternatives)
    try:
        new_exact: SolutionSet | None = exact_set(alternatives, var)
    except Unsupported:
        new_exact = None  # beyond the number system: SymPy may decide (a LimitExceeded stays unknown)
    before, old_pairs = state.equation_text, state.equation
    if new_exact is not None and state.exact is not None:
        old_exact = state.exact
        difference = compare_sets(old_exact, new_exact, var)
        state.equation, state.equation_text, state.exact, state.symbolic = alternatives, text, new_exact, None
        if difference:
            case = _case(state, old_pairs, old_exact, before, new_exact, difference)
            if case is not None:
                return case
            if not (old_exact.cofinite or new_exact.cofinite):
                lost, added = old_exact.points - new_exact.points, new_exact.points - old_exact.points
                moved = _one_way(state, before, text, var, lost, added)
                if moved is not None:
                    return moved
            rounded = rounds_solution(
                state.places, () if old_exact.cofinite else old_exact.points, new_exact.points, state.rejected
            )
            if rounded is not None and not new_exact.cofinite:
                # the work goes on from the exact solution: the rounding only answers the problem
                state.equation, state.equation_text, state.exact = old_pairs, before, old_exact
                return f"{text} {rounded}"
            _unknown_if_restricted(state, before, new_exact, var)
            raise Refuted(f"{before} → {text} {difference}")
        if len(old_pairs) == 1 and len(alternatives) == 1:
            if old_pairs[0] not in state.seen:
                state.seen.append(old_pairs[0])
            why = one_operation(old_pairs[0], alternatives[0], var, state.seen, state.named)
            why = why or nonpolynomial_move(old_pairs[0], alternatives[0], var, state.named)
            if why is not None:
                raise Unknown(why)
        return f"same solutions as the step before: {new_exact.describe(var)}"
    from assay.domains.math import symbolic

    old_set = (
        state.symbolic
        if state.symbolic is not None
        else symbolic.real_solutions(_expanded(state.equation), var)
    )
    new_set = symbolic.real_solutions(_expanded(alternatives), var)
    state.equation, state.equation_text, state.exact, state.symbolic = alternatives, text, new_exact, new_set
    verdict = symbolic.compare_solution_sets(old_set, new_set)
    if verdict is None:
        raise Unknown(f"could not compare the solutions of {before} and {text}")
    gone, extra = verdict
    if gone or extra:
        lost_points, added_points = oneway.rational_points(gone), oneway.rational_points(extra)
        if lost_points is not None and added_points is not None:
            moved = _one_way(state, before, text, var, lost_points, added_points)
            if moved is not None:
                return moved
        raise Refuted(f"{before} → {text} changes the solutions: loses {gone}, adds {extra}")
    if len(old_pairs) == 1 and len(alternatives) == 1:
        # `2^x = 8` then `x + 1 = 4`: a step out of an equation that is no polynomial (nonpoly_moves.py)
        why = nonpolynomial_move(old_pairs[0], alternatives[0], var, state.named)
        # `2x + 5 = 13` then `x^5 = 1024`: beyond the exact path, a polynomial step is still one operation
        why = why or one_operation(old_pairs[0], alternatives[0], var, state.seen, state.named)
        if why is not None:
            raise Unknown(why)
    return f"same solutions as the step before: {new_set} (symbolic)"


def _case(
    state: State, old_pairs: list[Pair], old: SolutionSet, before: str, new: SolutionSet, difference: str
) -> str | None:
    """Evidence for a step that solves one case of a disjunction (`x - 2 = 0` after `(x - 2)(x - 3) = 0`,
    then `x - 3 = 0` after `x = 2`), or None. Cases must be disjoint and nonempty, and together cover the
    disjunction's solutions (checked at the end of the trace: steps.py) before a step states the whole
    disjunction again (`x = 2 or x = 3`) and closes them."""
    if new.cofinite or not new.points:
        return None
    split = state.split
    if split is None:
        if old.cofinite or len(old.points) < 2 or not new.points < old.points or state.rejected:
            return None
        # `|x - 1| = 3` then `x - 1 = 3`: a case of the absolute value, when that equation has the problem's
        # roots (one a step added, `|x| = 4` from `2x = 8`, is a one-way step, not cases)
        absolute = (
            len(old_pairs) == 1
            and len(state.equation) == 1
            and old.points == state.reading.points
            and _absolute_case(old_pairs[0], state.equation[0])
        )
        if len(old_pairs) != 1 or not (absolute or _factor_case(old_pairs[0], state.equation)):
            return None  # `x^2 = 9` then `x = 3`: a root lost, not a case
        why = f"{before} → {state.equation_text} {difference}"
        state.split = CaseSplit(old, list(old_pairs), before, state.index, why, new.points)
        return f"one case of {before}: {new.describe(variable(state))}"
    if new.points == split.whole.points and split.covered == split.whole.points:
        state.split = None
        return f"the cases together: {new.describe(variable(state))}"
    next_case = _factor_case(split.pairs[0], state.equation) or (
        len(state.equation) == 1 and _absolute_case(split.pairs[0], state.equation[0])
    )
    if new.points <= split.whole.points - split.covered and next_case:
        split.covered |= new.points
        return f"the next case of {split.text}: {new.describe(variable(state))}"
    return None


def _factor_case(product: Pair, case: list[Pair]) -> bool:
    """Whether `case` is one factor of `product` (a product = 0) set to zero: `x - 2 = 0` of
    `(x - 2)(x - 3) = 0`."""
    if len(case) != 1:
        return False
    factors = _factors_of_zero(product)
    for side, other in (case[0], case[0][::-1]):
        if _is_zero(other) and variables(side):
            for factor in factors:
                try:
                    if ratio(side, factor):  # a nonzero multiple of the factor
                        return True
                except (Unsupported, LimitExceeded, ZeroDivisionError):
                    continue
    return False


def _absolute_case(whole: Pair, case: Pair) -> bool:
    """Whether `case` is one case of an absolute value set equal to a number: `x - 1 = 3` or `x - 1 = -3`
    of `|x - 1| = 3`."""
    for side, other in (whole, whole[::-1]):
        if isinstance(side, Call) and side.name == "abs" and not variables(other) and variables(side.arg):
            shown = Bin("-", case[0], case[1])
            for sign in (other, Neg(other)):
                try:
                    if ratio(shown, Bin("-", side.arg, sign)):
                        return True
                except (Unsupported, LimitExceeded, ZeroDivisionError):
                    continue
    return False


def _factors_of_zero(pair: Pair) -> list[Expr]:
    for side, other in (pair, pair[::-1]):
        if _is_zero(other) and isinstance(side, Bin) and side.op == "*":
            found: list[Expr] = []
            stack: list[Expr] = [side]
            while stack:
                node = stack.pop()
                if isinstance(node, Bin) and node.op == "*":
                    stack.extend((node.left, node.right))
                elif variables(node):
                    found.append(node)
            return found
    return []


def _is_zero(expr: Expr) -> bool:
    return isinstance(expr, Num) and expr.value == 0


def close_cases(state: State) -> str | None:
    """At the end of a trace: why the step that opened cases of a disjunction is wrong when the cases do
    not cover it (`x - 2 = 0`, `x = 2`, and x = 3 never solved), or None."""
    split, state.split = state.split, None
    if split is None or split.covered == split.whole.points:
        return None
    return split.why


def _one_way(
    state: State, before: str, text: str, var: str, lost: frozenset[Number], added: frozenset[Number]
) -> str | None:
    """Evidence for a step that only adds roots (one-way, to be completed by rejections) or only drops
    rejected ones (oneway.py); None for any other change of the solutions."""
    if added and not lost:
        why = f"{before} → {text} adds {oneway.describe(added, var)}"
        state.one_way.append((state.index, added, why))
        return (
            f"follows one way from the step before: keeps every solution, adds {oneway.describe(added, var)}"
        )
    if lost and not added and lost <= state.rejected:
        return f"drops the rejected {oneway.describe(lost, var)}"
    extras = frozenset().union(*(extra for _, extra, _ in state.one_way)) - state.rejected
    if lost and lost <= extras:
        state.dropped_extras.add(state.index)
    return None


def _unknown_if_restricted(state: State, before: str, after: SolutionSet, var: str) -> None:
    """Dropping exactly roots that the reference leaves out too may apply a condition the prompt states in
    words ("x > 0"): not provably wrong, so unknown; keeping or adding anything else stays refuted."""
    kept = state.reading.restricted
    if kept is None or after.cofinite or not kept <= after.points <= state.reading.points:
        return
    dropped = ", ".join(
        f"{var} = {format_number(p)}" for p in sorted(state.reading.points - after.points, key=float)
    )
    raise Unknown(
        f"{before} → {after.describe(var)} drops {dropped}, which the reference answer leaves out too"
        " (a condition in the prompt that the checker cannot read?)"
    )


def _expanded(pairs: list[Pair]) -> list[Pair]:
    return [
        (left, right)
        for lhs, rhs in pairs
        for left in expand_plus_minus(lhs)
        for right in expand_plus_minus(rhs)
    ]
