"""Check every step of a math trace against the problem and the step before it.

What a step is checked against comes from premises.py (a reading of the problem that predicts the
reference answer). The rules, by reading:

- equivalent (one equation to solve): every equation a step states must have the same real solution set
  as the one before (step 1 is compared with the problem), so a step that loses or adds a root is
  refuted and the evidence names the root. Expression rewrites inside a chain (`2(x + 3) = 2x + 6`)
  must be identities, proved by exact polynomial arithmetic (mpoly.py), and arithmetic must be true.
- consequence (premises with finitely many solutions S, e.g. "if 4x - 2 = 10, what is 2x + 7?"): every
  claim must hold at every point of S; the answer must be the asked quantity's value there.
- system: every equation a step states must hold at the system's unique solution.
- expression: every chain must be true and have the problem's value, or be a side computation: a part
  of the problem or an earlier step, or one operation on two numbers (`4 × 3 = 12`).
- Game of 24: each step combines numbers still available with + - * / (game24.py).
- a verification line must be true and be a premise (or the asked quantity) evaluated at a solution.

A claim the checker cannot decide is unknown, never passed. The exact path (exact.py, poly.py,
mpoly.py) decides almost everything; SymPy (symbolic.py) is the fallback. Runs inside a verification
worker.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from assay.domains.math import game24, oneway
from assay.domains.math.decide import (
    Refuted,
    Unknown,
    arith,
    check_arithmetic,
    exact_value,
    foreign,
    identity,
    same_values,
    show,
    value_set,
)
from assay.domains.math.exact import (
    Number,
    Unsupported,
    evaluate,
    expand_plus_minus,
    format_number,
)
from assay.domains.math.expr import (
    Bin,
    Expr,
    has_plus_minus,
    parse_chain,
    variables,
)
from assay.domains.math.names import coefficient_mismatch, read_definitions, substitute
from assay.domains.math.poly import SolutionSet, compare_sets
from assay.domains.math.premises import Reading, exact_set, read_problem
from assay.domains.math.problem import Spec
from assay.domains.math.sides import Parts, arithmetic_step, derives
from assay.domains.math.tie import follows, is_literal
from assay.domains.math.trace import split_top_level
from assay.domains.math.wordy import ungrounded
from assay.errors import LimitExceeded, MathParseError
from assay.records import Status, Step, StepKind, StepResult, StepStatus

Pair = tuple[Expr, Expr]
NOT_DERIVED = "no step works the answer out from the problem's expression"


@dataclass
class _State:
    """What the steps so far have established."""

    reading: Reading
    equation: list[Pair] = field(default_factory=list)  # current disjunction (equivalent reading)
    equation_text: str = ""
    exact: SolutionSet | None = None  # its exact solution set, if the exact path could compute it
    symbolic: Any = None  # its SymPy solution set, computed only when needed
    value: Number | None = None  # expressions
    pool: Counter[Number] = field(default_factory=Counter)  # Game of 24
    last_part: Expr | None = None  # for continuation lines that start with "="
    parts: Parts = field(default_factory=Parts)  # arithmetic: what the problem and the steps computed
    defined: dict[str, Expr] = field(default_factory=dict)  # names for numbers ("a = 1, b = -5")
    numbers: tuple[Number, ...] = ()  # Game of 24: the numbers given
    source: Expr | None = None  # expressions: the problem's expression, what every step must follow from
    established: bool = False  # expressions: a step has shown the problem's expression equals a number
    given: frozenset[Number] = frozenset()  # words: the numbers the prompt gives (wordy.py)
    word_var: str | None = None  # words: the unknown of the equation the trace set up, once it has
    index: int = 0  # the step being checked
    rejected: set[Number] = field(default_factory=set)  # equivalent: values shown not to be solutions
    one_way: list[tuple[int, frozenset[Number], str]] = field(default_factory=list)  # (step, added, why)
    dropped_extras: set[int] = field(default_factory=set)  # steps that drop roots a one-way step added


def check_steps(spec: Spec, steps: tuple[Step, ...], gold: str | None = None) -> list[StepResult]:
    """Per-step results; `gold` (the reference answer) picks the reading of the problem."""
    state = _initial_state(spec, read_problem(spec, gold))
    results = []
    for step in steps:
        state.index = step.index
        results.append(_check_one(state, step))
    # a one-way step (oneway.py) holds only if the trace rejects every root it added; when a later step
    # is refuted anyway (a true root rejected, a root lost), that step is where the trace goes wrong
    # (a step refuted only for dropping such an unrejected root shows the one-way step's fault)
    refuted = [
        r.index for r in results if r.status == StepStatus.REFUTED and r.index not in state.dropped_extras
    ]
    unrejected = {
        i: why
        for i, added, why in state.one_way
        if not added <= state.rejected and not any(j > i for j in refuted)
    }
    results = [
        StepResult(r.index, StepStatus.REFUTED, unrejected[r.index] + ", and no line rejects it")
        if r.index in unrejected and r.status == StepStatus.VERIFIED
        else r
        for r in results
    ]
    if state.established:
        # `**Answer:** 7/12` first, the work after it: the answer is derived once any step works it out
        results = [
            StepResult(r.index, StepStatus.VERIFIED, "the answer is the problem's value (worked out below)")
            if r.status == StepStatus.UNKNOWN and r.evidence == NOT_DERIVED
            else r
            for r in results
        ]
    return results


def _check_one(state: _State, step: Step) -> StepResult:
    if step.kind == StepKind.PROSE:
        return StepResult(step.index, StepStatus.NO_CLAIM, "prose")
    if step.kind == StepKind.UNREADABLE:
        shown = step.text if len(step.text) <= 80 else step.text[:77] + "..."
        return StepResult(step.index, StepStatus.UNKNOWN, f"could not read {shown!r}")
    if state.reading.mode == "unknown":
        note = state.reading.note
        return StepResult(step.index, StepStatus.UNKNOWN, f"cannot relate the step to the problem: {note}")
    try:
        evidence = _dispatch(state, step)
    except Refuted as exc:
        return StepResult(step.index, StepStatus.REFUTED, str(exc))
    except Unknown as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, str(exc))
    except LimitExceeded as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, f"exceeds a safety bound: {exc}")
    except MathParseError as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, f"could not read: {exc}")
    except Unsupported as exc:
        return StepResult(step.index, StepStatus.UNKNOWN, f"beyond the checker: {exc}")
    except ZeroDivisionError:
        return StepResult(step.index, StepStatus.REFUTED, "divides by zero")
    if evidence is None:
        return StepResult(step.index, StepStatus.NO_CLAIM, "no claim")
    return StepResult(step.index, StepStatus.VERIFIED, evidence)


def _dispatch(state: _State, step: Step) -> str | None:
    math, mode, reading = step.math, state.reading.mode, state.reading
    if mode == "words":
        return _words_step(state, step)
    answer = step.kind == StepKind.ANSWER
    if answer and mode == "game24":
        return _game24_answer(state, math)
    if answer and "=" not in math and mode in ("consequence", "system") and reading.asked is not None:
        return _asked_answer(state, math)
    if answer and "=" not in math and mode in ("equivalent", "consequence"):
        # "Answer: 2, 3" means x = 2 or x = 3
        var = _variable(state)
        math = " or ".join(f"{var} = {v}" for v in split_top_level(math.replace(" or ", ", ")))
    if answer and "=" not in math and mode == "system":
        # "Answer: (3, 2)" gives the variables in order
        names = list(reading.solution)
        inner = math[1:-1] if math.startswith("(") and math.endswith(")") else math
        values = split_top_level(inner)
        if len(values) != len(names):
            raise Unknown(f"{len(values)} value(s) for {len(names)} variables")
        math = "; ".join(f"{name} = {value}" for name, value in zip(names, values, strict=True))
    rejected = ""
    if "≠" in math:
        math, rejected = _rejections(state, math)
        if not math:
            return rejected
    groups = [[_chain(state, alt) for alt in group.split(" or ")] for group in math.split("; ")]
    if rejected:
        said = _claims(state, step, groups)
        return f"{rejected}; {said}" if said else rejected
    named = ""
    if step.kind == StepKind.CLAIM and mode != "game24":
        defined = _definitions(state, groups)
        if defined is not None:
            return defined
        # "Quadratic formula with a = 1, b = -2, c = -1: x = ...": the names first (so the formula is read
        # with them and a, b, c are checked against the equation before this line), then the claims
        if any(_definitions(state, [g], record=False) is not None for g in groups):
            rest: list[list[list[Expr]]] = []
            said_names: list[str] = []
            for group in groups:  # in order: a name given twice in the line is a claim the second time
                given = _definitions(state, [group]) if _read_as_name(state, group) else None
                if given is None:
                    rest.append(group)
                else:
                    said_names.append(given)
            named = "; ".join(said_names)
            groups = [[[substitute(p, state.defined) for p in parts] for parts in group] for group in rest]
    said = _claims(state, step, groups)
    return f"{named}; {said}" if named and said else (said or named or None)


def _claims(state: _State, step: Step, groups: list[list[list[Expr]]]) -> str | None:
    mode = state.reading.mode
    answer = step.kind == StepKind.ANSWER
    if answer and mode == "expression":
        return _expression_answer(state, groups)
    if step.kind == StepKind.VERIFICATION:
        return _verification(state, groups)
    if mode == "equivalent":
        return _equation_step(state, groups)
    if mode == "consequence":
        return _consequence_step(state, groups)
    if mode == "system":
        return _system_step(state, groups)
    if mode == "expression":
        return _expression_step(state, groups)
    return _game24_step(state, groups)


def _rejections(state: _State, math: str) -> tuple[str, str]:
    """(the other claims, evidence) for a line's rejections of roots (`x ≠ 2`, oneway.py)."""
    if state.reading.mode != "equivalent":
        raise Unknown("a rejected root in a problem that is not one equation to solve")
    var = _variable(state)
    said: list[str] = []
    rest: list[str] = []
    for group in math.split("; "):
        if "≠" not in group:
            rest.append(group)
            continue
        value, evidence = oneway.rejection(state.reading.equations, var, group)
        state.rejected.add(value)
        said.append(evidence)
    return "; ".join(rest), "; ".join(said)


def _variable(state: _State) -> str:
    pairs = state.reading.premises or state.reading.equations
    names = sorted(set().union(*(variables(a) | variables(b) for a, b in pairs)))
    if len(names) != 1:
        raise Unknown("no single variable to give the answer to")
    return names[0]


def _chain(state: _State, text: str) -> list[Expr]:
    text = text.strip()
    parts = parse_chain(text[1:] if text.startswith("=") else text)
    if text.startswith("="):
        if state.last_part is None:
            raise Unknown("a line starting with '=' has nothing before it to continue")
        parts = [state.last_part, *parts]
    state.last_part = parts[-1]
    if state.defined:
        parts = [substitute(p, state.defined) for p in parts]
    return parts


# --- names for numbers (names.py) ------------------------------------------------------------------------


def _unknowns(state: _State) -> frozenset[str]:
    """The problem's one unknown, which a substitution (`Let y = 2x`) may use; none elsewhere."""
    if state.reading.mode not in ("equivalent", "consequence"):
        return frozenset()
    try:
        return frozenset({_variable(state)})
    except Unknown:
        return frozenset()


def _read_as_name(state: _State, group: list[list[Expr]]) -> bool:
    return _definitions(state, [group], record=False) is not None


def _definitions(state: _State, groups: list[list[list[Expr]]], record: bool = True) -> str | None:
    """A line that only names numbers: record the names and check any arithmetic in it."""
    reading = state.reading
    taken = set(reading.solution) | set(state.defined)
    for a, b in (*reading.premises, *reading.equations):
        taken |= variables(a) | variables(b)
    found = read_definitions(groups, taken, _unknowns(state))
    if found is None or not record:
        return None if found is None else ""
    for name, rest in found:
        check_arithmetic(rest)
        state.defined[name] = rest[-1]
    given = {name for name, _ in found}
    abc = {"a", "b", "c"}
    if (
        abc <= set(state.defined)
        and abc & given
        and reading.mode == "equivalent"
        and len(state.equation) == 1
    ):
        mismatch = coefficient_mismatch(state.equation[0], _variable(state), state.defined)
        if mismatch is not None:
            raise Refuted(f"{mismatch} {state.equation_text}")
    return "names " + ", ".join(f"{name} = {show(rest[-1])}" for name, rest in found)


# --- initial state -------------------------------------------------------------------------------------


def _initial_state(spec: Spec, reading: Reading) -> _State:
    state = _State(reading)
    if reading.mode == "equivalent":
        state.equation = list(reading.equations)
        state.equation_text = reading.text
        state.exact = reading.exact
    elif reading.mode == "expression" and spec.expression is not None:
        try:
            state.value = evaluate(spec.expression)
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            state.value = None
        state.parts.remember(spec.expression)
        state.source = spec.expression
    elif reading.mode == "words":
        state.given = frozenset(spec.numbers)
    elif reading.mode == "game24":
        state.pool = Counter(spec.numbers)
        state.numbers = spec.numbers
        state.value = spec.target
    return state


# --- one equation, every step equivalent ---------------------------------------------------------------


def _equation_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    var = _variable(state)
    said: list[str] = []
    for group in groups:
        alternatives: list[Pair] = []
        for parts in group:
            equations = _split_chain(parts, var)
            if len(equations) > 1:
                raise Unknown("a chain that states more than one equation")
            alternatives.extend(equations)
            if not equations and len(group) > 1:
                raise Unknown("an alternative that is not an equation")
        if not alternatives:
            said.append("true arithmetic / identity")
            continue
        said.append(_compare_to_state(state, alternatives, var))
    return "; ".join(said) if said else None


def _split_chain(parts: list[Expr], var: str) -> list[Pair]:
    """Check the arithmetic and identities of a chain; return the equations it states."""
    foreign(parts, {var})
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


def _compare_to_state(state: _State, alternatives: list[Pair], var: str) -> str:
    text = " or ".join(f"{show(a)} = {show(b)}" for a, b in alternatives)
    try:
        new_exact: SolutionSet | None = exact_set(alternatives, var)
    except Unsupported:
        new_exact = None  # beyond the number system: SymPy may decide (a LimitExceeded stays unknown)
    before = state.equation_text
    if new_exact is not None and state.exact is not None:
        old_exact = state.exact
        difference = compare_sets(old_exact, new_exact, var)
        state.equation, state.equation_text, state.exact, state.symbolic = alternatives, text, new_exact, None
        if difference:
            if not (old_exact.cofinite or new_exact.cofinite):
                lost, added = old_exact.points - new_exact.points, new_exact.points - old_exact.points
                moved = _one_way(state, before, text, var, lost, added)
                if moved is not None:
                    return moved
            _unknown_if_restricted(state, before, new_exact, var)
            raise Refuted(f"{before} → {text} {difference}")
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
    return f"same solutions as the step before: {new_set} (symbolic)"


def _one_way(
    state: _State, before: str, text: str, var: str, lost: frozenset[Number], added: frozenset[Number]
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


def _unknown_if_restricted(state: _State, before: str, after: SolutionSet, var: str) -> None:
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


# --- premises with finitely many solutions: every claim must hold at each of them ----------------------


def _consequence_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    var = _variable(state)
    points = sorted(state.reading.points, key=float)
    for group in groups:
        for parts in group:
            foreign(parts, {var})
            check_arithmetic(parts)
        for point in points:
            if not any(_holds_at(parts, var, point) for parts in group):
                text = " or ".join(" = ".join(show(p) for p in parts) for parts in group)
                raise Refuted(f"{text} is false at the solution {var} = {format_number(point)}")
    shown = ", ".join(format_number(p) for p in points)
    return f"holds at every solution of the problem ({var} = {shown})"


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


def _asked_answer(state: _State, math: str) -> str:
    """A bare answer to "what is E?": its values must be E's values at the solutions."""
    asked = state.reading.asked
    assert asked is not None
    given: set[Number] = set()
    for text in split_top_level(math.replace(" or ", ", ")):
        for part in parse_chain(text):
            if variables(part):
                raise Unknown("an answer with a variable in it")
        given |= value_set(parse_chain(text)[-1])
    envs = [state.reading.solution] if state.reading.mode == "system" else _point_envs(state)
    expected: set[Number] = set()
    for env in envs:
        expected |= value_set(asked, env)
    if given != expected:
        shown = ", ".join(sorted(format_number(v) for v in expected))
        raise Refuted(f"the answer is not the value of {show(asked)} at the solution ({shown})")
    return f"the answer is the value of {show(asked)} at the solution"


def _point_envs(state: _State) -> list[dict[str, Number]]:
    var = _variable(state)
    return [{var: p} for p in state.reading.points]


# --- systems -------------------------------------------------------------------------------------------


def _system_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    solution = state.reading.solution
    shown = ", ".join(f"{k} = {format_number(v)}" for k, v in solution.items())
    for group in groups:
        for parts in group:
            foreign(parts, set(solution))
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


# --- expressions --------------------------------------------------------------------------------------


def _expression_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
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


def _expression_answer(state: _State, groups: list[list[list[Expr]]]) -> str:
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


# --- word problems (wordy.py) ---------------------------------------------------------------------------


def _words_step(state: _State, step: Step) -> str | None:
    """Arithmetic true and grounded in the prompt's numbers; an equation the trace sets up must have the
    reference's values as its solutions, and every later equation the same solutions."""
    math = step.math
    if step.kind == StepKind.ANSWER and "=" not in math:
        if state.word_var is None:
            return _words_value(state, math)
        values = split_top_level(math.replace(" or ", ", "))
        math = " or ".join(f"{state.word_var} = {v}" for v in values)
    said: list[str] = []
    for group in math.split("; "):
        chains = [_chain(state, alt) for alt in group.split(" or ")]
        names: set[str] = set().union(*(variables(p) for parts in chains for p in parts))
        if not names:
            if len(chains) > 1:
                raise Unknown("a disjunction of numbers in a word problem")
            said.append(_words_arithmetic(state, chains[0]))
        elif len(names) > 1 or (state.word_var is not None and names != {state.word_var}):
            raise Unknown(f"uses {', '.join(sorted(names))}: more than one unknown in a word problem")
        else:
            said.append(_words_equation(state, chains, names.pop()))
    return "; ".join(s for s in said if s) or None


def _words_arithmetic(state: _State, parts: list[Expr]) -> str:
    if len(parts) < 2:
        return ""
    check_arithmetic(parts)
    known = state.given | state.parts.results
    # one side written with numbers from the problem or earlier steps carries the value (the others are
    # equal to it, checked above)
    if all(ungrounded(p, known) for p in parts):
        missing = format_number(ungrounded(parts[0], known)[0])
        raise Unknown(f"starts from {missing}, which neither the problem gives nor a step computed")
    for part in parts:
        value = exact_value(part) if not has_plus_minus(part) else None
        if value is not None:
            state.parts.add_result(value)
    return "true arithmetic on the problem's numbers"


def _words_equation(state: _State, chains: list[list[Expr]], var: str) -> str:
    alternatives: list[Pair] = []
    for parts in chains:
        alternatives.extend(_split_chain(parts, var))
    if not alternatives:
        return "true arithmetic / identity"
    if state.word_var is not None:
        said = _compare_to_state(state, alternatives, var)
    else:
        # the equation the trace sets up from the words: built from the problem's numbers, and solved by
        # the reference answer (the words themselves cannot be checked)
        try:
            found = exact_set(alternatives, var)
        except Unsupported as exc:
            raise Unknown(f"could not solve the equation set up: {exc}") from exc
        text = " or ".join(f"{show(a)} = {show(b)}" for a, b in alternatives)
        if found.cofinite or found.points != state.reading.points:
            wanted = ", ".join(format_number(p) for p in sorted(state.reading.points, key=float))
            raise Refuted(f"{text} has the solutions {found.describe(var)}, but the answer is {wanted}")
        known = state.given | state.parts.results
        loose = [n for a, b in alternatives for side in (a, b) for n in ungrounded(side, known)]
        if loose:
            raise Unknown(
                f"sets up an equation with {format_number(loose[0])}, which the problem does not give"
            )
        state.word_var, state.equation, state.equation_text, state.exact = var, alternatives, text, found
        said = f"sets up {text}, solved by the answer"
    if state.exact is not None and not state.exact.cofinite:
        for point in state.exact.points:
            state.parts.add_result(point)
    return said


def _words_value(state: _State, math: str) -> str:
    parts = parse_chain(math)
    if len(parts) != 1 or variables(parts[0]):
        raise Unknown("an answer to a word problem that is not one value")
    value = exact_value(parts[0])
    if value is None or value not in state.parts.results:
        raise Unknown("no step computes the answer")
    if ungrounded(parts[0], state.given | state.parts.results):
        # `(10 × 10 - 4)/4 + 0 × 4`: the answer is a computation of its own, from numbers from nowhere
        raise Unknown("the answer is computed from numbers the problem does not give")
    return "the answer is a value the steps computed"


# --- Game of 24 ----------------------------------------------------------------------------------------


def _game24_step(state: _State, groups: list[list[list[Expr]]]) -> str | None:
    said = ""
    for group in groups:
        if len(group) > 1:
            raise Unknown("a disjunction in Game of 24")
        status, said, state.pool = game24.check_step(state.pool, group[0])
        _raise_unless_verified(status, said)
    return said


def _game24_answer(state: _State, math: str) -> str:
    assert state.value is not None  # set for every Game of 24
    status, evidence = game24.check_answer(state.numbers, state.value, math)  # type: ignore[arg-type]
    _raise_unless_verified(status, evidence)
    return evidence


def _raise_unless_verified(status: Status, evidence: str) -> None:
    if status == Status.REFUTED:
        raise Refuted(evidence)
    if status != Status.VERIFIED:
        raise Unknown(evidence)


# --- verification lines ------------------------------------------------------------------------------


def _verification(state: _State, groups: list[list[list[Expr]]]) -> str:
    """A check line: true, and a premise (or the asked quantity) evaluated at a solution.

    One side evaluated (`2(4) + 5 = 13`), both sides (`2(4) + 5 = 13 and 4 + 9 = 13`, two groups), or the
    substitution written out (`2x + 5 = 2(4) + 5 = 13`, the variable read at the solution) all count.
    """
    checks = 0
    for group in groups:
        for parts in group:
            if len(parts) < 2:
                raise Unknown("a verification line must state an equality")
            check_arithmetic(parts)
            if all(is_literal(p) for p in parts):
                continue  # `13 = 13` after a check restates a number: true, and it proves nothing
            _matches_problem(state, parts)
            checks += 1
    if not checks:
        return "true, but only restates numbers (no check)"
    return "true, and is the problem evaluated at the answer"


def _matches_problem(state: _State, parts: list[Expr]) -> None:
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
    if mode == "system":
        envs = [state.reading.solution]
    else:
        envs = _point_envs(state) if state.reading.points else []
    if not envs:
        raise Unknown("the problem's solutions are beyond the exact path, so the check cannot be matched")
    allowed = set().union(*(env.keys() for env in envs))
    foreign(parts, allowed)
    sides = [side for pair in state.reading.premises for side in pair]
    # `2(4) + 5 - 13 = 0`: the equation moved to one side
    sides += [Bin("-", left, right) for left, right in state.reading.premises]
    if state.reading.asked is not None:
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
        if any(not is_literal(p) and follows(p, side, env) for p in parts for side in matching):
            return
        untied = untied or bool(matching)
    shown = " = ".join(show(p) for p in parts)
    if untied:
        raise Unknown(f"{shown} is true but does not put the answer into the problem's equation")
    raise Refuted(f"{shown} is not the problem's equation evaluated at the answer")
