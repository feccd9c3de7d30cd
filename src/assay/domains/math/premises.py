"""What a trace's steps are checked against: a reading of the problem, cross-checked with its reference.

A prompt read by problem.py may hold more than the equation to solve: a hint ("given that 2x = 10"), a
condition ("if 4x - 2 = 10, what is 2x + 7?"), an example. Which equations are premises changes what a
correct step is, so the reading is never guessed from wording. Each candidate reading predicts the
answer, and only a reading whose prediction is the reference answer is used:

- `equivalent`: one equation to solve. Every step must keep its solution set (a lost or added root is
  refuted at the step). Used for a single equation, and for one equation of several when the reference
  is exactly its solution set (the others were hints, not premises).
- `consequence`: the equations together are premises with finitely many solutions S, and every claim
  must hold at every point of S (it is a true consequence). Used when the reference is S itself, or,
  with a quantity asked for, the values of that quantity on S.
- `system`: two or more variables, a linear system with one solution; claims must hold there.
- `rewrite`: an expression in a variable to rewrite (expand, simplify, factor), the reference being the
  same expression: every claim must be an identity (rewrite_steps.py).
- `words`: a problem in words with no math to read: arithmetic must be true and start from the prompt's
  numbers (wordy.py); an equation the trace sets up must have the reference's values as its solutions.
- `unknown`: no reading predicts the reference (or there is none to compare with): steps are unknown.

Pure functions over parsed trees; runs inside a verification worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assay.domains.math import mpoly, radical
from assay.domains.math.exact import Number, Unsupported, evaluate, expand_plus_minus
from assay.domains.math.expr import Expr
from assay.domains.math.poly import SolutionSet
from assay.domains.math.problem import Spec
from assay.domains.math.rewrite_steps import rewritten
from assay.errors import LimitExceeded, MathParseError

Pair = tuple[Expr, Expr]
Mode = Literal["equivalent", "consequence", "system", "expression", "rewrite", "game24", "words", "unknown"]


@dataclass(frozen=True)
class Reading:
    mode: Mode
    equations: tuple[Pair, ...] = ()  # equivalent: the one equation solved (as a disjunction of pairs)
    text: str = ""  # how the evidence names it
    exact: SolutionSet | None = None  # equivalent: its exact solution set, if the exact path has it
    points: frozenset[Number] = frozenset()  # consequence: S; equivalent: the problem's own roots
    premises: tuple[Pair, ...] = ()  # what a verification line may evaluate
    asked: Expr | None = None
    solution: dict[str, Number] = field(default_factory=dict)  # system
    # equivalent: the reference's values when they are a proper part of the problem's roots (a condition
    # such as "x > 0" that the prompt reader cannot read); dropping the other roots is then unknown
    restricted: frozenset[Number] | None = None
    note: str = ""  # unknown: why


def exact_set(pairs: list[Pair] | tuple[Pair, ...], var: str) -> SolutionSet:
    """The union of the solution sets of `lhs = rhs` (± expanded); raises Unsupported / LimitExceeded."""
    total = SolutionSet(frozenset())
    for lhs, rhs in pairs:
        for left in expand_plus_minus(lhs):
            for right in expand_plus_minus(rhs):
                total = total.union(radical.solve(left, right, var))
    return total


def _exact_or_none(pairs: list[Pair] | tuple[Pair, ...], var: str) -> SolutionSet | None:
    try:
        return exact_set(pairs, var)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None


def _intersection(sets: list[SolutionSet]) -> SolutionSet:
    finite = [s.points for s in sets if not s.cofinite]
    removed = frozenset().union(*(s.points for s in sets if s.cofinite))
    if not finite:
        return SolutionSet(removed, cofinite=True)
    common = frozenset.intersection(*finite)
    return SolutionSet(common - removed)


def gold_values(gold: str | None) -> frozenset[Number] | None:
    """The reference answer as a set of values of one variable, or None if it is not that."""
    if not gold:
        return None
    from assay.domains.math.answer import Assignment, Values, read_reference

    try:
        answer = read_reference(gold)
    except (MathParseError, Unsupported, ZeroDivisionError):
        return None
    if isinstance(answer, Values):
        return answer.items
    if isinstance(answer, Assignment) and len({name for name, _ in answer.items}) == 1:
        return frozenset(value for _, value in answer.items)
    return None


def _values_of(expr: Expr, var: str, points: frozenset[Number]) -> frozenset[Number] | None:
    try:
        return frozenset(evaluate(expr, {var: p}) for p in points)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return None


def _is_value_of(expression: Expr, gold: str) -> bool:
    """Whether the reference is the expression's one value (any value beyond the exact path: True, for the
    checkers to judge as before)."""
    try:
        value = evaluate(expression)
    except (Unsupported, LimitExceeded, ZeroDivisionError):
        return True
    wanted = gold_values(gold)
    return wanted is None or wanted == frozenset({value})


def read_problem(spec: Spec, gold: str | None) -> Reading:
    if spec.kind == "equation":
        return _one_variable(spec, gold)
    if spec.kind == "system":
        solution = solve_linear_system(spec)
        if solution is None:
            return Reading("unknown", note="the system has no unique solution the checker could find")
        return Reading("system", premises=spec.equations, asked=spec.asked, solution=solution)
    if (
        spec.kind == "expression"
        and gold
        and spec.expression is not None
        and not _is_value_of(spec.expression, gold)
    ):
        # `What is 3/8 as a percent?` with the reference 37.5: the question asks something of the expression
        # that its value is not, so a step cannot be held to that value
        return Reading("unknown", note="the reference answer is not the value of the prompt's expression")
    if spec.kind in ("expression", "game24"):
        return Reading(spec.kind)
    if spec.kind == "words" and rewritten(spec.rewritten, gold):
        # `Expand (x + 2)(x - 3).` with the product expanded as the reference (rewrite_steps.py)
        return Reading("rewrite", asked=spec.rewritten)
    if spec.kind == "words":
        # a problem in words: the reference's values are what an equation the trace sets up must give
        wanted = gold_values(gold)
        if wanted is None:
            return Reading("unknown", note="a problem in words without an exact reference answer")
        return Reading("words", points=wanted)
    return Reading("unknown", note="; ".join(spec.notes) or "the problem statement could not be read")


def _one_variable(spec: Spec, gold: str | None) -> Reading:
    var = spec.variables[0]
    sets = [_exact_or_none([pair], var) for pair in spec.equations]
    known = [s for s in sets if s is not None]
    together = _intersection(known) if len(known) == len(sets) else None
    wanted = gold_values(gold)
    finite = together is not None and not together.cofinite and bool(together.points)
    if (
        spec.asked is not None
        and finite
        and together is not None
        and wanted is not None
        and _values_of(spec.asked, var, together.points) == wanted
    ):
        # "if 4x - 2 = 10, what is 2x + 7?": the reference is the asked quantity at the solutions
        return Reading("consequence", points=together.points, premises=spec.equations, asked=spec.asked)
    if len(spec.equations) == 1:
        exact = sets[0]
        points = exact.points if exact is not None and not exact.cofinite else frozenset()
        restricted = wanted if wanted is not None and wanted < points else None
        return Reading(
            "equivalent",
            equations=spec.equations,
            text=spec.equation_texts[0] if spec.equation_texts else "the problem",
            exact=exact,
            points=points,
            premises=spec.equations,
            restricted=restricted,
        )
    if wanted is None or together is None:
        return Reading(
            "unknown",
            note="several equations in the prompt, and no exact reference answer to tell premises"
            " from the equation to solve",
        )
    if finite and together.points == wanted:
        return Reading("consequence", points=together.points, premises=spec.equations)
    for pair, text, exact in zip(spec.equations, spec.equation_texts, sets, strict=True):
        if exact is not None and not exact.cofinite and exact.points == wanted:
            # the reference solves this equation alone: the other equations were hints, not premises
            return Reading(
                "equivalent",
                equations=(pair,),
                text=text,
                exact=exact,
                points=exact.points,
                premises=(pair,),
            )
    return Reading(
        "unknown",
        note="the reference answer solves neither the prompt's equations together nor any one of them",
    )


def solve_linear_system(spec: Spec) -> dict[str, Number] | None:
    """The unique solution of a linear system with exact Gaussian elimination, or None.

    Linearity is decided by expanding each equation exactly (mpoly.py), never by sampling.
    """
    names = tuple(spec.variables)
    rows: list[list[Number]] = []
    try:
        for lhs, rhs in spec.equations:
            form = mpoly.linear_form(lhs, rhs, names)
            if form is None:
                return None
            coeffs, constant = form
            rows.append([*coeffs, -constant])
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
