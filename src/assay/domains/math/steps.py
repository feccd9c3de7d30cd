"""Check every step of a math trace against the problem and the step before it.

The rules, by kind of problem:

- one equation: every equation a step states must have the same real solution set as the one before
  (step 1 is compared with the problem), so a step that loses or adds a root is refuted and the evidence
  names the root. Expression rewrites inside a chain (`2(x + 3) = 2x + 6`) must be identities, and
  arithmetic (`8/2 = 4`) must be true.
- a system: every equation a step states must hold at the system's unique solution.
- an expression: every chain must be true and have the problem's value (or be a side computation of a
  part that really occurs in the problem or an earlier step).
- Game of 24: each step combines numbers still available, and its arithmetic must be true.
- a verification line must be true arithmetic and be the problem evaluated at the answer.

The exact path (exact.py, poly.py) decides almost everything; SymPy (symbolic.py) is the fallback.
Runs inside a verification worker.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from assay.domains.math.answer import POINTS
from assay.domains.math.exact import Number, Unsupported, evaluate, expand_plus_minus, format_number
from assay.domains.math.expr import Bin, Expr, has_plus_minus, parse_chain, pretty, to_text, variables
from assay.domains.math.poly import SolutionSet, compare_sets, solution_set
from assay.domains.math.problem import Spec
from assay.domains.math.trace import split_top_level
from assay.errors import LimitExceeded, MathParseError
from assay.records import Status, Step, StepKind, StepResult, StepStatus

Pair = tuple[Expr, Expr]


class _Refuted(Exception):
    pass


class _Unknown(Exception):
    pass


@dataclass
class _State:
    """What the steps so far have established."""

    equation: list[Pair] = field(default_factory=list)  # current disjunction (one-equation problems)
    equation_text: str = ""
    exact: SolutionSet | None = None  # its exact solution set, if the exact path could compute it
    symbolic: Any = None  # its SymPy solution set, computed only when needed
    solution: dict[str, Number] = field(default_factory=dict)  # systems
    value: Number | None = None  # expressions
    pool: Counter[Number] = field(default_factory=Counter)  # Game of 24
    last_part: Expr | None = None  # for continuation lines that start with "="
    seen: set[str] = field(default_factory=set)  # structural keys of sub-expressions seen so far
    problem_points: frozenset[Number] = frozenset()


def check_steps(spec: Spec, steps: tuple[Step, ...]) -> list[StepResult]:
    state = _initial_state(spec)
    results: list[StepResult] = []
    for step in steps:
        results.append(_check_one(spec, state, step))
    return results


def _check_one(spec: Spec, state: _State, step: Step) -> StepResult:
    if step.kind == StepKind.PROSE:
        return StepResult(step.index, StepStatus.NO_CLAIM, "prose")
    if step.kind == StepKind.UNREADABLE:
        shown = step.text if len(step.text) <= 80 else step.text[:77] + "..."
        return StepResult(step.index, StepStatus.UNKNOWN, f"could not read {shown!r}")
    if spec.kind == "unknown":
        note = "; ".join(spec.notes) or "the problem statement could not be read"
        return StepResult(step.index, StepStatus.UNKNOWN, f"cannot relate the step to the problem: {note}")
    try:
        evidence = _dispatch(spec, state, step)
    except _Refuted as exc:
        return StepResult(step.index, StepStatus.REFUTED, str(exc))
    except _Unknown as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, str(exc))
    except LimitExceeded as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, f"exceeds a safety bound: {exc}")
    except MathParseError as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, f"could not read: {exc}")
    except ZeroDivisionError:
        return StepResult(step.index, StepStatus.REFUTED, "divides by zero")
    if evidence is None:
        return StepResult(step.index, StepStatus.NO_CLAIM, "no claim")
    return StepResult(step.index, StepStatus.VERIFIED, evidence)


def _dispatch(spec: Spec, state: _State, step: Step) -> str | None:
    math = step.math
    if step.kind == StepKind.ANSWER and spec.kind == "game24":
        return _game24_answer(spec, math)
    if step.kind == StepKind.ANSWER and spec.kind == "equation" and "=" not in math:
        # "Answer: 2, 3" means x = 2 or x = 3
        math = " or ".join(f"{spec.variables[0]} = {v}" for v in split_top_level(math.replace(" or ", ", ")))
    if step.kind == StepKind.ANSWER and spec.kind == "system" and "=" not in math:
        # "Answer: (3, 2)" gives the variables in order
        inner = math[1:-1] if math.startswith("(") and math.endswith(")") else math
        values = split_top_level(inner)
        if len(values) != len(spec.variables):
            raise _Unknown(f"{len(values)} value(s) for {len(spec.variables)} variables")
        math = "; ".join(f"{name} = {value}" for name, value in zip(spec.variables, values, strict=True))
    groups = [[_chain(state, alt) for alt in group.split(" or ")] for group in math.split("; ")]
    if step.kind == StepKind.ANSWER and spec.kind == "expression":
        return _expression_answer(state, groups)
    if step.kind == StepKind.VERIFICATION:
        return _verification(spec, state, groups)
    if spec.kind == "equation":
        return _equation_step(spec, state, groups)
    if spec.kind == "system":
        return _system_step(state, groups)
    if spec.kind == "expression":
        return _expression_step(state, groups)
    return _game24_step(state, groups)


def _chain(state: _State, text: str) -> list[Expr]:
    text = text.strip()
    parts = parse_chain(text[1:] if text.startswith("=") else text)
    if text.startswith("="):
        if state.last_part is None:
            raise _Unknown("a line starting with '=' has nothing before it to continue")
        parts = [state.last_part, *parts]
    state.last_part = parts[-1]
    return parts


# --- initial state -------------------------------------------------------------------------------------


def _initial_state(spec: Spec) -> _State:
    state = _State()
    if spec.kind == "equation":
        state.equation = list(spec.equations)
        state.equation_text = spec.equation_texts[0] if spec.equation_texts else "the problem"
        try:
            state.exact = _exact_set(state.equation, spec.variables[0])
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            state.exact = None
        if state.exact is not None and not state.exact.cofinite:
            state.problem_points = state.exact.points
    elif spec.kind == "system":
        state.solution = _solve_linear_system(spec) or {}
    elif spec.kind == "expression" and spec.expression is not None:
        try:
            state.value = evaluate(spec.expression)
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            state.value = None
        _remember(state, spec.expression)
    elif spec.kind == "game24":
        state.pool = Counter(spec.numbers)
    return state


def _exact_set(pairs: list[Pair], var: str) -> SolutionSet:
    total = SolutionSet(frozenset())
    for lhs, rhs in pairs:
        for left in expand_plus_minus(lhs):
            for right in expand_plus_minus(rhs):
                total = total.union(solution_set(left, right, var))
    return total


def _solve_linear_system(spec: Spec) -> dict[str, Number] | None:
    """The unique solution of a linear system with exact Gaussian elimination, or None."""
    names = list(spec.variables)
    rows: list[list[Number]] = []
    try:
        for lhs, rhs in spec.equations:
            diff = Bin("-", lhs, rhs)
            at_zero = evaluate(diff, dict.fromkeys(names, Fraction(0)))
            coeffs = [
                evaluate(diff, {m: Fraction(1 if m == n else 0) for m in names}) - at_zero for n in names
            ]
            # linear only if it matches its linear model at a generic point
            point = {n: POINTS[i % len(POINTS)] for i, n in enumerate(names)}
            model = at_zero + sum((c * point[n] for c, n in zip(coeffs, names, strict=True)), Fraction(0))
            if evaluate(diff, point) != model:
                return None
            rows.append([*coeffs, -at_zero])
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None
    n = len(names)
    if len(rows) < n:
        return None
    for col in range(n):
        pivot = next((r for r in range(col, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(len(rows)):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in rows[n:]):
        return None
    return {names[i]: rows[i][n] / rows[i][i] for i in range(n)}


# --- helpers -------------------------------------------------------------------------------------------


def _value(expr: Expr, env: dict[str, Number] | None = None) -> Number | None:
    """Exact value, or None when the exact path cannot represent it."""
    try:
        return evaluate(expr, env)
    except Unsupported:
        return None


def _same_value(a: Expr, b: Expr) -> bool:
    """Whether two variable-free expressions are equal (exact, then symbolic)."""
    va, vb = _value(a), _value(b)
    if va is not None and vb is not None:
        return va == vb
    from assay.domains.math import symbolic

    verdict = symbolic.equal(a, b)
    if verdict is None:
        raise _Unknown(f"could not decide whether {_show(a)} = {_show(b)}")
    return verdict


def _identity(a: Expr, b: Expr) -> bool:
    """Whether a = b for every value of the variables (exact random points, then symbolic)."""
    names = sorted(variables(a) | variables(b))
    tried = 0
    for shift in range(len(POINTS)):
        env = {n: POINTS[(shift + i) % len(POINTS)] for i, n in enumerate(names)}
        try:
            va, vb = evaluate(a, env), evaluate(b, env)
        except ZeroDivisionError:
            continue
        except Unsupported:
            break
        if va != vb:
            return False
        tried += 1
        if tried == 3:
            return True
    from assay.domains.math import symbolic

    verdict = symbolic.equal(a, b)
    if verdict is None:
        raise _Unknown(f"could not decide whether {_show(a)} = {_show(b)} is an identity")
    return verdict


def _show(expr: Expr) -> str:
    text = pretty(expr)
    return text if len(text) < 60 else text[:57] + "..."


def _arith(a: Expr, b: Expr) -> None:
    if not _same_value(a, b):
        va = _value(a)
        shown = f" (it is {format_number(va)})" if va is not None else ""
        raise _Refuted(f"{_show(a)} = {_show(b)} is false{shown}")


def _same_values(a: Expr, b: Expr) -> None:
    """Two variable-free expressions with ± must stand for the same set of values."""
    left = {_value(e) for e in expand_plus_minus(a)}
    right = {_value(e) for e in expand_plus_minus(b)}
    if None in left or None in right:
        raise _Unknown(f"could not evaluate {_show(a)} = {_show(b)} exactly")
    if left != right:
        raise _Refuted(f"{_show(a)} = {_show(b)} is false")


def _remember(state: _State, expr: Expr) -> None:
    stack = [expr]
    while stack and len(state.seen) < 5000:
        node = stack.pop()
        state.seen.add(to_text(node))
        if isinstance(node, Bin):
            stack.extend((node.left, node.right))


# --- one equation --------------------------------------------------------------------------------------


def _equation_step(spec: Spec, state: _State, groups: list[list[list[Expr]]]) -> str | None:
    var = spec.variables[0]
    said: list[str] = []
    for group in groups:
        alternatives: list[Pair] = []
        for parts in group:
            equations = _split_chain(parts, var)
            if len(equations) > 1:
                raise _Unknown("a chain that states more than one equation")
            alternatives.extend(equations)
            if not equations and len(group) > 1:
                raise _Unknown("an alternative that is not an equation")
        if not alternatives:
            said.append("true arithmetic / identity")
            continue
        said.append(_compare_to_state(state, alternatives, var))
    return "; ".join(said) if said else None


def _split_chain(parts: list[Expr], var: str) -> list[Pair]:
    """Check the arithmetic and identities of a chain; return the equations it states."""
    equations: list[Pair] = []
    for a, b in itertools.pairwise(parts):
        names = variables(a) | variables(b)
        if names - {var}:
            raise _Unknown(f"uses {', '.join(sorted(names - {var}))}, which the problem does not")
        if has_plus_minus(a) or has_plus_minus(b):
            if names:
                equations.append((a, b))
            else:
                _same_values(a, b)
        elif not names:
            _arith(a, b)
        elif not _identity(a, b):
            equations.append((a, b))
    return equations


def _compare_to_state(state: _State, alternatives: list[Pair], var: str) -> str:
    text = " or ".join(f"{_show(a)} = {_show(b)}" for a, b in alternatives)
    try:
        new_exact: SolutionSet | None = _exact_set(alternatives, var)
    except (Unsupported, LimitExceeded):
        new_exact = None
    before = state.equation_text
    if new_exact is not None and state.exact is not None:
        difference = compare_sets(state.exact, new_exact, var)
        state.equation, state.equation_text, state.exact, state.symbolic = alternatives, text, new_exact, None
        if difference:
            raise _Refuted(f"{before} → {text} {difference}")
        return f"same solutions as the step before: {new_exact.describe(var)}"
    from assay.domains.math import symbolic

    old_set = (
        state.symbolic
        if state.symbolic is not None
        else symbolic.real_solutions(_expanded(state.equation), var)
    )
    new_set = symbolic.real_solutions(_expanded(alternatives), var)
    state.equation, state.equation_text, state.exact, state.symbolic = alternatives, text, new_exact, new_set
    if old_set != new_set:
        lost, added = old_set - new_set, new_set - old_set
        raise _Refuted(f"{before} → {text} changes the solutions: loses {lost}, adds {added}")
    return f"same solutions as the step before: {new_set} (symbolic)"


def _expanded(pairs: list[Pair]) -> list[Pair]:
    return [
        (left, right)
        for lhs, rhs in pairs
        for left in expand_plus_minus(lhs)
        for right in expand_plus_minus(rhs)
    ]


# --- systems -------------------------------------------------------------------------------------------


def _system_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    if not state.solution:
        raise _Unknown("the system has no unique solution the checker could find")
    shown = ", ".join(f"{k} = {format_number(v)}" for k, v in state.solution.items())
    for group in groups:
        for parts in group:
            for a, b in itertools.pairwise(parts):
                names = variables(a) | variables(b)
                if names - set(state.solution):
                    raise _Unknown(
                        f"uses {', '.join(sorted(names - set(state.solution)))}, unknown to the system"
                    )
                va, vb = _value(a, state.solution), _value(b, state.solution)
                if va is None or vb is None:
                    raise _Unknown(f"could not evaluate {_show(a)} = {_show(b)} exactly")
                if va != vb:
                    # in a disjunction, a false alternative adds a solution the system does not have
                    what = "adds a solution: " if len(group) > 1 else ""
                    raise _Refuted(
                        f"{what}{_show(a)} = {_show(b)} is false at the solution {shown}"
                        f" ({format_number(va)} ≠ {format_number(vb)})"
                    )
    return f"holds at the solution {shown}"


# --- expressions --------------------------------------------------------------------------------------


def _expression_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    if state.value is None:
        raise _Unknown("the problem's value is beyond the exact path")
    for group in groups:
        if len(group) > 1:
            raise _Unknown("a disjunction in an arithmetic problem")
        parts = group[0]
        if any(variables(p) for p in parts):
            raise _Unknown("a variable in an arithmetic problem")
        for a, b in itertools.pairwise(parts):
            _arith(a, b)
        value = _value(parts[0])
        if value is None:
            raise _Unknown("a value beyond the exact path")
        if value != state.value and to_text(parts[0]) not in state.seen:
            raise _Refuted(
                f"{_show(parts[0])} equals {format_number(value)}, not the problem's value"
                f" {format_number(state.value)}, and is not a part of the problem"
            )
        for p in parts:
            _remember(state, p)
    return "true, and keeps the problem's value"


def _expression_answer(state: _State, groups: list[list[list[Expr]]]) -> str:
    if state.value is None:
        raise _Unknown("the problem's value is beyond the exact path")
    if len(groups) != 1 or len(groups[0]) != 1:
        raise _Unknown("an answer with several values for an arithmetic problem")
    parts = groups[0][0]
    for a, b in itertools.pairwise(parts):
        _arith(a, b)
    value = _value(parts[-1])
    if value != state.value:
        shown = "a value beyond the exact path" if value is None else format_number(value)
        raise _Refuted(f"the answer {shown} is not the problem's value {format_number(state.value)}")
    return "the answer is the problem's value"


# --- Game of 24 ----------------------------------------------------------------------------------------


def _game24_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    for group in groups:
        if len(group) > 1:
            raise _Unknown("a disjunction in Game of 24")
        parts = group[0]
        if len(parts) < 2:
            raise _Unknown("a Game of 24 step must be `a op b = c`")
        for a, b in itertools.pairwise(parts):
            _arith(a, b)
        pool = state.pool.copy()
        if not isinstance(parts[0], Bin) or not _consume(parts[0], pool, top=True):
            available = ", ".join(format_number(n) for n in sorted(state.pool.elements(), key=float))
            raise _Refuted(f"{_show(parts[0])} uses numbers that are not available (left: {available})")
        result = _value(parts[0])
        assert result is not None
        pool[result] += 1
        state.pool = pool
    left = ", ".join(format_number(n) for n in sorted(state.pool.elements(), key=float))
    return f"true; numbers left: {left}"


def _game24_answer(spec: Spec, math: str) -> str:
    from assay.domains.math.answer import check_game24

    status, evidence = check_game24(spec, math)
    if status == Status.VERIFIED:
        return evidence
    if status == Status.REFUTED:
        raise _Refuted(evidence)
    raise _Unknown(evidence)


def _consume(expr: Expr, pool: Counter[Number], top: bool = False) -> bool:
    value = _value(expr)
    if value is None:
        return False
    if not top and pool[value] > 0:
        pool[value] -= 1
        return True
    if isinstance(expr, Bin) and expr.op != "^":
        return _consume(expr.left, pool) and _consume(expr.right, pool)
    return False


# --- verification lines ------------------------------------------------------------------------------


def _verification(spec: Spec, state: _State, groups: list[list[list[Expr]]]) -> str:
    for group in groups:
        for parts in group:
            if len(parts) < 2:
                raise _Unknown("a verification line must state an equality")
            if any(variables(p) for p in parts):
                raise _Unknown("a verification line with a variable left in it")
            for a, b in itertools.pairwise(parts):
                _arith(a, b)
            _matches_problem(spec, state, parts[0], parts[-1])
    return "true, and is the problem evaluated at the answer"


def _matches_problem(spec: Spec, state: _State, first: Expr, last: Expr) -> None:
    vf, vl = _value(first), _value(last)
    if vf is None or vl is None:
        raise _Unknown("a verification value beyond the exact path")
    if spec.kind in ("expression", "game24"):
        target = spec.target if spec.kind == "game24" else state.value
        if target is None:
            raise _Unknown("the problem's value is beyond the exact path")
        if vl != target:
            raise _Refuted(f"the check ends at {format_number(vl)}, not {format_number(target)}")
        return
    envs: list[dict[str, Number]] = []
    if spec.kind == "system":
        envs = [state.solution] if state.solution else []
    else:
        points = set(state.problem_points)
        if state.exact is not None and not state.exact.cofinite:
            points |= state.exact.points
        envs = [{spec.variables[0]: p} for p in points]
    for env in envs:
        for lhs, rhs in spec.equations:
            sides = (_value(lhs, env), _value(rhs, env))
            if (vf, vl) in (sides, sides[::-1]):
                return
    raise _Refuted(f"{_show(first)} = {_show(last)} is not the problem's equation evaluated at the answer")
