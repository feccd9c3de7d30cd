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

This module reads each line and sends it to its reading's rules: equation_steps.py (equivalent),
solution_steps.py (consequence, system), arithmetic_steps.py (expression, Game of 24), word_steps.py
(words) and check_lines.py (verification lines); what they share is in step_state.py.

The checkers of one line read the same trees, so what they compute from them is computed once and kept,
never recomputed differently: a claim's parse (grammar.py, by text), an operation's exact value (on its
node, exact.py), an equation's solution set and a side's rational function (by tree: radical.py, poly.py,
mpoly.py), a linear form's integers (by the form itself: linear_forms.py). Every memo is of a pure
function, bounded, and keeps no refusal (tests/domains/math/test_kept_answers.py).
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from assay.domains.math import oneway
from assay.domains.math.arithmetic_names import directs, misnamed_operation, names
from assay.domains.math.arithmetic_steps import (
    NOT_DERIVED,
    expression_answer,
    expression_step,
    game24_answer,
    game24_step,
)
from assay.domains.math.chain_words import label_alone
from assay.domains.math.check_lines import binding_segments, is_binding, verification
from assay.domains.math.claim_reading import rewritten_subjects
from assay.domains.math.conditions import excluded
from assay.domains.math.decide import Refuted, Unknown, check_arithmetic, exact_value, identity, show
from assay.domains.math.equation_steps import close_cases, equation_step
from assay.domains.math.exact import Unsupported, evaluate
from assay.domains.math.expr import Expr, variables
from assay.domains.math.formula_lines import formula_statement
from assay.domains.math.grammar import parse_chain
from assay.domains.math.label_values import restates_labels
from assay.domains.math.line_moves import line_equations, move_unheld, named_unmade
from assay.domains.math.named_methods import check_method
from assay.domains.math.named_ops import check_named, named_operation, nonlinear, unread_operation
from assay.domains.math.names import coefficient_mismatch, read_definitions, substitute
from assay.domains.math.number_cues import misused
from assay.domains.math.one_side import one_sided
from assay.domains.math.premises import Reading, read_problem
from assay.domains.math.problem import Spec
from assay.domains.math.quantity_values import with_named_values
from assay.domains.math.quotes import introduces, restates
from assay.domains.math.restatement import (
    check_copy,
    check_expression_restatement,
    check_restatement,
    is_restatement,
)
from assay.domains.math.result_names import misnamed_result, names_result
from assay.domains.math.retracted import RETRACTED
from assay.domains.math.rewrite_steps import rewrite_step
from assay.domains.math.round_words import rounded
from assay.domains.math.self_judged import judges_wrong
from assay.domains.math.shown_numbers import check_shown_numbers
from assay.domains.math.solution_steps import asked_answer, consequence_step, system_step
from assay.domains.math.step_state import State, chain, pair_names, variable
from assay.domains.math.system_moves import check_moves, note_heading
from assay.domains.math.system_names import named_equations
from assay.domains.math.unit_chains import formula_alone
from assay.domains.math.vocabulary import NUMBER_WORDS, split_top_level
from assay.domains.math.word_definitions import consecutive_list, definition, unknown_name
from assay.domains.math.word_steps import NOT_COMPUTED, answer_worked_out_after, words_step
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind, StepResult, StepStatus


def check_steps(spec: Spec, steps: tuple[Step, ...], gold: str | None = None) -> list[StepResult]:
    """Per-step results; `gold` (the reference answer) picks the reading of the problem."""
    state = _initial_state(spec, read_problem(spec, gold))
    results: list[StepResult] = []
    pending: tuple[int, tuple[str, Expr]] | None = None  # an instruction line's operation, for the next line
    naming = ""  # a line without math that names arithmetic operations, for the next line of arithmetic
    earlier = list(state.equation[:1]) if len(state.equation) == 1 else []  # equations the trace has stated
    stated = list(state.reading.premises) if state.reading.mode == "system" else []  # a system's, so far
    for position, step in enumerate(steps):
        state.index = step.index
        # the operation a line or the instruction line before it names must be what it does (named_ops.py)
        named = named_operation(step.text) if state.reading.mode in ("equivalent", "consequence") else None
        source = (len(results), named) if named is not None else pending  # (the line naming it, what)
        # a system's line (or the instruction line before it) naming an operation on both sides
        by_system = _system_named(state, step, steps, position)
        # a step must be one operation on both sides (operations.py), the named one if a line names it
        state.named = source[1] if source is not None else None
        # `The discriminant is 25 - 20 = 5.`: the value given to a named quantity is checked too
        result = with_named_values(state, step.text, _check_one(state, step))
        if (
            state.reading.mode in ("equivalent", "consequence")
            and result.status in (StepStatus.VERIFIED, StepStatus.NO_CLAIM)
            and unread_operation(step.text)
        ):
            result = StepResult(step.index, StepStatus.UNKNOWN, UNREAD_OPERATION)
        if state.reading.mode in ("expression", "words") and result.status == StepStatus.VERIFIED:
            # `Add: 3 × 12 = 36`: the operation a line of arithmetic names is one it computes
            misnamed = misnamed_operation(step.text, naming)
            if misnamed is not None:
                result = StepResult(step.index, StepStatus.UNKNOWN, misnamed)
        if step.kind in (StepKind.PROSE, StepKind.UNREADABLE) and names(step.text) and directs(step.text):
            naming = step.text  # `### Step 1: Add`: names what the next line of arithmetic computes
        elif step.kind != StepKind.PROSE:
            naming = ""
        taken_back = RETRACTED in (step.reason, steps[position - 1].reason if position else "")
        if (
            result.status in (StepStatus.VERIFIED, StepStatus.NO_CLAIM)
            and not taken_back
            and judges_wrong(step.text)
        ):
            # `2x = 8 — no, that's wrong.`: the words judge a claim false and take nothing back
            result = StepResult(step.index, StepStatus.UNKNOWN, SELF_JUDGED)
        if result.status == StepStatus.VERIFIED and _dangling(state, steps, position):
            result = StepResult(step.index, StepStatus.UNKNOWN, DANGLING)
        one = step.kind == StepKind.CLAIM and result.status == StepStatus.VERIFIED and ";" not in step.math
        # `..., we first add 7 to both sides:` names what the next line does
        opens = step.text.rstrip().rstrip("$\\)]").rstrip().endswith(":")
        if named is not None and (step.kind == StepKind.PROSE or opens):
            pending = (len(results), named)
        elif one and source is not None and earlier and len(state.equation) == 1:
            at, operation = source
            why = check_named(operation, earlier, state.equation[0])
            # a power, a root or a log is compared as written, which proves no mismatch
            status = StepStatus.UNKNOWN if nonlinear(operation) else StepStatus.REFUTED
            if why is not None and at == len(results):
                result = StepResult(step.index, status, why)
            elif why is not None:
                results[at] = StepResult(results[at].index, status, why)
            pending = None
        elif step.kind != StepKind.PROSE:
            pending = None
        several = named is not None and not one and len(state.equation) == 1
        if several and named is not None and result.status == StepStatus.VERIFIED:
            # a line of several claims names its operation: one of its equations must be what it makes
            unmade = named_unmade(state, step, named, earlier)
            if unmade is not None:
                result = StepResult(step.index, StepStatus.UNKNOWN, unmade)
        if state.reading.mode == "system" and step.kind == StepKind.CLAIM:
            if by_system is not None and result.status == StepStatus.VERIFIED:
                # `Divide both sides by 3: x = 3`: one of the line's equations is that operation on both
                # sides of an equation the system or the trace has written (one not written: unknown)
                unmade = named_unmade(state, step, by_system, stated)
                if unmade is not None:
                    result = StepResult(step.index, StepStatus.UNKNOWN, unmade)
            stated += line_equations(state, step)
        if (
            state.reading.mode in ("equivalent", "consequence")
            and result.status == StepStatus.VERIFIED
            and step.kind != StepKind.PROSE
        ):
            # `Transpose 2: 2x = 8`: every word that names a move is held to the move made (move_words.py)
            unheld = move_unheld(state, steps, position, earlier)
            if unheld is not None:
                result = StepResult(step.index, StepStatus.UNKNOWN, unheld)
        if step.kind == StepKind.CLAIM and len(state.equation) == 1 and state.equation[0] not in earlier:
            earlier.append(state.equation[0])
        if (
            state.reading.mode == "game24"
            and step.kind != StepKind.PROSE
            and result.status == StepStatus.UNKNOWN
        ):
            state.pool_known = False  # a step not read may have taken numbers from the pool
        if (
            state.reading.mode == "words"
            and step.kind != StepKind.PROSE
            and result.status == StepStatus.UNKNOWN
        ):
            state.words_unread = True  # a step not read may have computed the numbers after it
        results.append(result)
    opened = state.split.opened if state.split is not None else None
    unfinished = close_cases(state)
    if unfinished is not None:
        # the cases of a disjunction never cover it: the step that opened them loses a solution
        results = [
            StepResult(r.index, StepStatus.REFUTED, unfinished) if r.index == opened else r for r in results
        ]
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
    if state.reading.mode == "words":
        # `**Answer: 29 apples**` first, `36 − 7 = 29` after it: the answer is held to the whole trace's work
        for at, (r, step) in enumerate(zip(results, steps, strict=True)):
            if r.status == StepStatus.UNKNOWN and r.evidence == NOT_COMPUTED and step.kind == StepKind.ANSWER:
                later = answer_worked_out_after(state, step.math)
                if later is not None:
                    results[at] = StepResult(r.index, StepStatus.VERIFIED, later)
    return results


def _system_named(state: State, step: Step, steps: tuple[Step, ...], at: int) -> tuple[str, Expr] | None:
    """The operation on both sides a system's claim line names, or the prose line right before it names
    for it (`Divide both sides by 2:`), or None."""
    if state.reading.mode != "system" or step.kind != StepKind.CLAIM:
        return None
    named = named_operation(step.text)
    if named is None and at and steps[at - 1].kind == StepKind.PROSE:
        named = named_operation(steps[at - 1].text)
    return named


UNREAD_OPERATION = "names an operation on both sides that the checker cannot read"
DANGLING = "an expression alone, related to nothing: what is it said to be?"
SELF_JUDGED = "its words call a step wrong without taking it back: the claim or the judgment is false"


def _dangling(state: State, steps: tuple[Step, ...], at: int) -> bool:
    """`2x + 5 = 13 → 3x`, `The left side becomes:` then `$$3x$$`: a line that is one expression, which
    the next line does not continue with `=`, states a result nobody can check (an arithmetic problem's
    expression has its own rules: its value must be the problem's)."""
    step = steps[at]
    if step.kind != StepKind.CLAIM or state.reading.mode in ("expression", "game24"):
        return False
    if any(mark in step.math for mark in "=≠;") or " or " in step.math:
        return False
    try:
        alone = parse_chain(step.math)
    except MathParseError:
        return False  # the checker has already said what it could not read
    if not variables(alone[0]):
        return False  # a value (`**-1**` under a heading): the answer reader reads it
    following = steps[at + 1] if at + 1 < len(steps) else None
    if following is None:
        return True
    if following.math.lstrip().startswith("="):
        return False  # the head of a chain the next line continues
    # `# (x - 2)*(x - 3)` before `(x - 2)(x - 3) = 0`: the next line states what the expression is
    return not any(alone[0] in _sides(claim) for claim in following.math.split("; "))


def _sides(claim: str) -> list[Expr]:
    try:
        return [part for alt in claim.split(" or ") for part in parse_chain(alt.lstrip("="))]
    except MathParseError:
        return []


def _check_one(state: State, step: Step) -> StepResult:
    if state.reading.mode == "words" and step.kind in (StepKind.PROSE, StepKind.UNREADABLE):
        # `**Step 2: Eggs sold**` then `9 × 2 = 18`: a label alone names the next line's chain
        state.word_label = label_alone(step.text) or state.word_label
        let = unknown_name(step.text)
        if let is not None:
            state.unknowns[let[0]] = let[1]  # `Let Jack's age be x.`: what x stands for (word_definitions.py)
            if step.kind == StepKind.UNREADABLE and not let[1] & NUMBER_WORDS.keys():
                # `Let x = Carl's apples.`: a name given, no claim (read as one for its `=`; `Let x = twelve`
                # gives a value)
                return StepResult(step.index, StepStatus.NO_CLAIM, "names the unknown")
        state.after_formula = (
            step.kind == StepKind.PROSE and state.last_part is None and formula_alone(step.text)
        )
    if step.kind == StepKind.PROSE:
        sided = (
            one_sided(step.text) if state.reading.mode in ("equivalent", "consequence", "system") else None
        )
        if sided is not None:
            # `Add 5 to the left side.` before `4x = 16`: a method taught wrong, whichever line it is of
            return StepResult(step.index, StepStatus.UNKNOWN, sided)
        if state.reading.mode == "system":
            note_heading(state, step.text)  # "## Step 2: Add the two equations." names the next line's move
        if state.reading.mode == "expression" and state.value is not None and not state.claimed:
            # `We need to compute 3/4 + 1/6.` for "Compute: 3/4 - 1/6" (restatement.py)
            try:
                check_expression_restatement(step.text, state.value, state.source)
            except Refuted as exc:
                return StepResult(step.index, StepStatus.REFUTED, str(exc))
            except Unknown as exc:
                return StepResult(step.index, StepStatus.UNKNOWN, str(exc))
        return StepResult(
            step.index, StepStatus.NO_CLAIM, step.reason if step.reason == RETRACTED else "prose"
        )
    if step.kind == StepKind.UNREADABLE:
        if state.reading.mode == "words" and (
            restates(step.text, state.quotes) or restates_labels(step.text, state.quotes)
        ):
            # `Her parents give $15.`: a fact of the prompt said again, with the prompt's meaning (quotes.py)
            return StepResult(step.index, StepStatus.NO_CLAIM, "says again what the problem gives")
        if state.reading.mode == "words" and state.last_part is not None:
            last = exact_value(state.last_part) if state.last_part is not None else None
            try:
                rounding = rounded(step.text, last if isinstance(last, Fraction) else None)
            except ValueError as exc:
                return StepResult(step.index, StepStatus.REFUTED, str(exc))
            if rounding is not None and isinstance(last, Fraction):
                # `130 ÷ 40 = 3.25`, then `we round up to 4 buses` (round_words.py)
                whole, said = rounding
                state.parts.add_result(whole)
                state.uses[whole] = state.uses.get(whole, frozenset()) | state.uses.get(last, frozenset())
                return StepResult(step.index, StepStatus.VERIFIED, said)
        listed = (
            consecutive_list(step.text, state.given | state.parts.results, state.relations)
            if state.reading.mode == "words"
            else None
        )
        if listed is not None:
            # `Let the integers be n, n + 1, n + 2.`, `Let the angles be 2x, 3x, 4x.` (word_definitions.py)
            var, exprs = listed
            state.unknowns[var] = frozenset({"smaller", "smallest", "first"})
            state.in_unknown.extend(exprs)
            return StepResult(step.index, StepStatus.NO_CLAIM, "names the prompt's quantities in the unknown")
        named = (
            definition(
                step.text,
                state.given | state.parts.results,
                state.prompt_words,
                state.relations,
                state.unknowns,
            )
            if state.reading.mode == "words"
            else None
        )
        if named is not None and misused([named], state.cues, state.derived, state.parts.results) is None:
            # `Then Emma's age is 3x.`: a quantity in the unknown (word_definitions.py)
            state.in_unknown.append(named)
            return StepResult(step.index, StepStatus.NO_CLAIM, "names a quantity in the unknown")
        if state.reading.mode == "words" and introduces(step.text, state.quotes):
            # `Then the distance in 5 hours:`: names the work that follows with the prompt's numbers
            return StepResult(step.index, StepStatus.NO_CLAIM, "introduces the next step")
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


def _dispatch(state: State, step: Step) -> str | None:
    math, mode, reading = step.math, state.reading.mode, state.reading
    if step.kind in (StepKind.ANSWER, StepKind.CLAIM) and names_result(step.text):
        misnamed = misnamed_result(step.text, state.source if mode == "expression" else None)
        if misnamed is not None:
            raise Unknown(misnamed)  # `so the sum is 5/12` for 2/3 − 1/4 (result_names.py)
    if mode == "words":
        return words_step(state, step)
    answer = step.kind == StepKind.ANSWER
    if answer and mode == "game24":
        return game24_answer(state, math)
    if answer and "=" not in math and mode in ("consequence", "system") and reading.asked is not None:
        return asked_answer(state, math)
    if answer and "=" not in math and mode in ("equivalent", "consequence"):
        # "Answer: 2, 3" means x = 2 or x = 3
        var = variable(state)
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
    groups = [[chain(state, alt) for alt in group.split(" or ")] for group in math.split("; ")]
    if rejected:
        said = _claims(state, step, groups)
        return f"{rejected}; {said}" if said else rejected
    if step.kind == StepKind.CLAIM and mode in ("equivalent", "consequence"):
        # `x = (-b ± sqrt(b^2 - 4ac))/(2a)` before the numbers: the method named, no claim (formula_lines.py)
        problem_names = pair_names(reading.premises or reading.equations)
        stated = formula_statement(groups, _variable_or_none(state), problem_names)
        if stated is not None:
            return stated
    first, state.claimed = not state.claimed, True
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
    if step.kind == StepKind.CLAIM:
        _identities(rewritten_subjects(step.text), groups)
    try:
        said = _claims(state, step, groups)
    except Unknown:
        if first:
            _restated(state, step, groups)  # a misquoted problem is refuted, not only unknown
        raise
    if first:
        _restated(state, step, groups)
    return f"{named}; {said}" if named and said else (said or named or None)


def _variable_or_none(state: State) -> str:
    try:
        return variable(state)
    except Unknown:
        return ""


def _identities(subjects: list[str], groups: list[list[list[Expr]]]) -> None:
    """`We factor x^2 - 5x + 6 as (2x - 4)(x - 3)`: the expression said to be rewritten and what it is
    rewritten as are the same expression, which an equation with the same roots is not."""
    said = []
    for subject in subjects:
        try:
            said.append(parse_chain(subject)[0])
        except MathParseError:
            raise Unknown(f"could not read what the line rewrites: {subject!r}") from None
    for group in groups:
        for parts in group:
            if len(parts) > 1 and parts[0] in said and not identity(parts[0], parts[1]):
                raise Refuted(f"{show(parts[0])} is not {show(parts[1])}: they differ as expressions")


def _restated(state: State, step: Step, groups: list[list[list[Expr]]]) -> None:
    """A first line that restates the problem claims what the problem is (restatement.py); checked after
    its claims, so a restatement that changes the solutions is refuted for that."""
    reading = state.reading
    if step.kind == StepKind.CLAIM and reading.mode in ("equivalent", "consequence", "system"):
        quoted = [parts for group in groups for parts in group]
        if is_restatement(step.text):
            check_restatement(reading.premises, quoted)
        check_copy(reading.premises, quoted, step.text, reading.asked)


def _claims(state: State, step: Step, groups: list[list[list[Expr]]]) -> str | None:
    mode = state.reading.mode
    answer = step.kind == StepKind.ANSWER
    if answer and mode == "expression":
        return expression_answer(state, groups)
    if step.kind == StepKind.VERIFICATION and mode == "rewrite":
        raise Unknown("a check line in a problem that rewrites an expression")
    if step.kind == StepKind.VERIFICATION:
        named = named_equations(step.text, len(state.reading.premises)) if mode == "system" else None
        segments = binding_segments(groups) if not named else [groups]
        checked = ""
        for segment in segments:  # `x = 2 gives ... and x = 3 gives ...`: a check at each binding
            checked = verification(
                state, [g for g in segment if not is_binding(g)], [g for g in segment if is_binding(g)], named
            )
        return checked
    if mode == "equivalent":
        said = equation_step(state, groups)
        check_method(step.text, groups)  # after the step is taken: the lines after it go on from it
        check_shown_numbers(state, step.text, groups, variable(state))
        return said
    if mode == "consequence":
        said = consequence_step(state, groups)
        check_shown_numbers(state, step.text, groups, variable(state))
        return said
    if mode == "system":
        held = system_step(state, groups)
        if answer:
            return held
        moves = check_moves(state, step.text, groups)
        return f"{held}; {moves}" if moves else held
    if mode == "expression":
        return expression_step(state, groups)
    if mode == "rewrite" and state.source is not None:
        return rewrite_step(state.source, groups)
    return game24_step(state, groups)


def _rejections(state: State, math: str) -> tuple[str, str]:
    """(the other claims, evidence) for a line's rejections of roots (`x ≠ 2`, oneway.py)."""
    if state.reading.mode != "equivalent":
        raise Unknown("a rejected root in a problem that is not one equation to solve")
    var = variable(state)
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


# --- names for numbers (names.py) ------------------------------------------------------------------------


def _unknowns(state: State) -> frozenset[str]:
    """The problem's one unknown, which a substitution (`Let y = 2x`) may use; none elsewhere."""
    if state.reading.mode not in ("equivalent", "consequence"):
        return frozenset()
    try:
        return frozenset({variable(state)})
    except Unknown:
        return frozenset()


def _read_as_name(state: State, group: list[list[Expr]]) -> bool:
    return _definitions(state, [group], record=False) is not None


def _definitions(state: State, groups: list[list[list[Expr]]], record: bool = True) -> str | None:
    """A line that only names numbers: record the names and check any arithmetic in it."""
    reading = state.reading
    taken = set(reading.solution) | set(state.defined) | pair_names(reading.premises)
    taken |= pair_names(reading.equations)
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
        mismatch = coefficient_mismatch(state.equation[0], variable(state), state.defined)
        if mismatch is not None:
            raise Refuted(f"{mismatch} {state.equation_text}")
    return "names " + ", ".join(f"{name} = {show(rest[-1])}" for name, rest in found)


# --- initial state -------------------------------------------------------------------------------------


def _initial_state(spec: Spec, reading: Reading) -> State:
    state = State(reading)
    if reading.mode == "equivalent":
        state.equation = list(reading.equations)
        state.equation_text = reading.text
        state.exact = reading.exact
        # a root that breaks a condition of the prompt (`for x > 0`) is no solution: a step may drop it
        state.rejected |= excluded(reading.points, spec.conditions)
        state.places = spec.places
    elif reading.mode == "consequence" and len(reading.premises) == 1:
        state.equation = list(reading.premises)  # what a step of the premise follows from (solution_steps.py)
    elif reading.mode == "expression" and spec.expression is not None:
        try:
            state.value = evaluate(spec.expression)
        except (Unsupported, LimitExceeded, ZeroDivisionError):
            state.value = None
        state.parts.remember(spec.expression)
        state.source = spec.expression
    elif reading.mode == "rewrite":
        state.source = reading.asked
    elif reading.mode == "words":
        state.given = frozenset(spec.numbers)
        state.written = frozenset(spec.written)
        state.cues = {cue.value: cue for cue in spec.cues}
        state.quotes = spec.quotes
        state.relations = spec.relations
        state.rates = dict(spec.rates)
        state.prices = dict(spec.prices)
        state.written_parts = dict(spec.parts)
        state.left_parts = spec.left
        state.prompt_words, state.asks, state.question = spec.words, spec.asks, spec.question
        state.time_rates = dict(spec.time_rates)
    elif reading.mode == "game24":
        state.pool = Counter(spec.numbers)
        state.numbers = spec.numbers
        state.value = spec.target
    return state
