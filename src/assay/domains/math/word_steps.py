"""Steps of a word problem (wordy.py): arithmetic true and grounded in the prompt's numbers, and an
equation the trace sets up solved by the reference answer, every later equation with the same
solutions.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from fractions import Fraction

from assay.domains.math.chain_words import chain_words, nouns_of
from assay.domains.math.decide import Refuted, Unknown, check_arithmetic, exact_value, show
from assay.domains.math.equation_steps import compare_to_state, split_chain
from assay.domains.math.exact import Number, Unsupported, evaluate, format_number
from assay.domains.math.expr import Bin, Call, Expr, Neg, Num, PlusMinus, Var, has_plus_minus, variables
from assay.domains.math.grammar import parse_chain
from assay.domains.math.label_quantities import Chain, Rates, mislabelled, part_mislabelled
from assay.domains.math.number_cues import misused
from assay.domains.math.premises import exact_set
from assay.domains.math.prose_numbers import loose_numbers
from assay.domains.math.quotes import misquoted
from assay.domains.math.result_records import (
    answer_not_asked,
    combined_wrongly,
    converted_rate,
    record_of,
)
from assay.domains.math.step_state import Pair, State, chain
from assay.domains.math.undone import undone_given
from assay.domains.math.unit_scale import unconverted
from assay.domains.math.vocabulary import split_top_level
from assay.domains.math.wordy import ungrounded
from assay.errors import LimitExceeded, MathParseError
from assay.records import Step, StepKind

# --- word problems (wordy.py) ---------------------------------------------------------------------------


def words_step(state: State, step: Step) -> str | None:
    """Arithmetic true and grounded in the prompt's numbers; an equation the trace sets up must have the
    reference's values as its solutions, and every later equation the same solutions."""
    math = step.math
    if step.kind == StepKind.ANSWER and "=" not in math:
        if state.word_var is None or state.word_helper:
            return _words_value(state, math)
        values = split_top_level(math.replace(" or ", ", "))
        math = " or ".join(f"{state.word_var} = {v}" for v in values)
    said: list[str] = []
    before = frozenset(state.parts.results)  # what earlier steps computed
    for group in math.split("; "):
        chains = [chain(state, alt) for alt in group.split(" or ")]
        names: set[str] = set().union(*(variables(p) for parts in chains for p in parts))
        if not names:
            if len(chains) > 1:
                raise Unknown("a disjunction of numbers in a word problem")
            said.append(_words_arithmetic(state, chains[0]))
        elif len(names) > 1 or (state.word_var is not None and names != {state.word_var}):
            raise Unknown(f"uses {', '.join(sorted(names))}: more than one unknown in a word problem")
        else:
            said.append(_words_equation(state, chains, names.pop()))
    known = state.given | state.parts.results
    groups = _label_groups(state, math, before)
    heading, state.word_label = state.word_label, ""
    per = Rates(state.rates, state.prices)
    mislabel = mislabelled(step.text, groups, state.quotes, per, heading) or part_mislabelled(
        step.text,
        groups,
        state.left_parts,
        frozenset(state.written_parts) - state.left_parts,
        frozenset(v for v in state.given if isinstance(v, Fraction)),
    )
    if mislabel is not None:
        # `Cost of the notebooks: 4 × $3 = $12` when 4 counts pens (label_quantities.py)
        raise Unknown(mislabel)
    _hold_records(state, step.text, groups, heading)
    misquote = misquoted(step.text, state.quotes, state.parts.results)
    if misquote is not None:
        # `Each of the 12 boxes has 3 pencils`: the prompt's 3 boxes, said of its 12 (quotes.py)
        raise Unknown(misquote)
    if _ROMAN.search(step.text):
        # `After giving away IX pencils: 36 − 7 = 29`: a count in Roman numerals nobody reads
        raise Unknown("its words write a number in Roman numerals, which the checker does not read")
    loose = loose_numbers(step.text, known)
    if loose:
        # `... and gives away 9 of them, so 36 - 7 = 29`: a number in words nobody checked (prose_numbers.py)
        raise Unknown(
            f"its words say {format_number(loose[0])}, which the problem does not give and no step computed"
        )
    return "; ".join(s for s in said if s) or None


# a Roman numeral of two letters or more before a word (`IX pencils`, `XII boxes`)
_ROMAN = re.compile(
    r"\b(?=[MDCLXVI]{2,}\s+[a-z])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\s+[a-z]"
)


def _label_groups(state: State, math: str, computed: frozenset[Number]) -> list[Chain]:
    """Each chain of a step without a variable as (the prompt's numbers it starts from, its operators, its
    result), for label_quantities.py; a value an earlier step computed is not the prompt's."""
    groups: list[Chain] = []
    for group in math.split("; "):
        if " or " in group:
            continue
        try:
            parts = parse_chain(group.lstrip("="))
        except MathParseError:
            continue
        if len(parts) < 2 or any(variables(p) for p in parts):
            continue
        given: list[Fraction] = []
        used: list[Fraction] = []
        operators: list[str] = []
        divisors: set[Fraction] = set()
        stack: list[Expr] = [parts[0]]
        while stack:
            node = stack.pop()
            if isinstance(node, Num):
                if (
                    node.value in state.given
                    and node.value not in computed
                    and isinstance(node.value, Fraction)
                ):
                    given.append(node.value)
                elif node.value not in state.given and isinstance(node.value, Fraction):
                    used.append(node.value)
            elif isinstance(node, Bin):
                operators.append(node.op)
                stack.extend((node.left, node.right))
                if node.op == "/" and isinstance(node.right, Num) and isinstance(node.right.value, Fraction):
                    divisors.add(node.right.value)
            elif isinstance(node, Neg | Call):
                stack.append(node.arg)
        result = exact_value(parts[-1])
        value = result if isinstance(result, Fraction) else None
        groups.append(Chain(given, "".join(operators), value, frozenset(divisors), tuple(used)))
    return groups


def _hold_records(state: State, text: str, groups: list[Chain], heading: str) -> None:
    """Record what each chain's result counts, held to the records of the computed values it uses, and
    its rate label to the rates it converts (result_records.py); unknown when they disagree. heading: the
    label a line that was only a label gave this one."""
    if not groups:
        return
    around = chain_words(text, [g.result for g in groups])
    if heading and not around[0].phrase:
        # `Weeks per year:` on a line of its own, then `12 × 52 = 624`
        label = heading.lower()
        around[0] = replace(around[0], lead=f"{heading}:", full=label, label=nouns_of(heading))
    counted = {quote.after for quote in state.quotes if quote.after} | {state.asks}
    for group, words in zip(groups, around, strict=True):
        converted = converted_rate(words, group, state.time_rates, state.prompt_words, state.written)
        if converted is not None:
            # `Pay per hour: 12 / 60 = 0.2` for "$12 an hour": divided by 60, it is per minute
            raise Unknown(converted)
        rated = any(value in state.rates or value in state.prices for value in group.given)
        record = record_of(words, state.prompt_words, counted, rated and "*" in group.operators)
        operands = [state.records.get(value, "") for value in group.computed]
        per_dollar = any("dollar" in state.rates.get(value, frozenset()) for value in group.given)
        wrong = combined_wrongly(group.operators, record, operands, rated, per_dollar)
        if wrong is not None:
            # `Eggs sold: 16 − 3 = 13`, then `Money: 13 − 4 = 9`: eggs taken from, called money
            raise Unknown(wrong)
        if group.result is not None and record:
            had = state.records.get(group.result)
            state.records[group.result] = record if had in (None, record) else ""


def _words_arithmetic(state: State, parts: list[Expr]) -> str:
    if len(parts) < 2:
        return ""
    check_arithmetic(parts)
    known = state.given | state.parts.results
    # one side written with numbers from the problem or earlier steps carries the value (the others are
    # equal to it, checked above)
    if all(ungrounded(p, known) for p in parts):
        missing = format_number(ungrounded(parts[0], known)[0])
        raise Unknown(f"starts from {missing}, which neither the problem gives nor a step computed")
    source = next(p for p in parts if not ungrounded(p, known))
    flipped = _sign_flipped(source, state)
    if flipped is not None:
        # `12 - 5 = 7`, then `-7 - 8 = -15`: the value computed was 7, not -7
        raise Unknown(f"starts from -{format_number(flipped)}, but a step computed {format_number(flipped)}")
    undone = undone_given(source, state.derived, state.given)
    if undone is not None:
        # `4 × 6 = 24`, `24 - 4 = 20`: a given number taken back out of what it went into (undone.py)
        raise Unknown(f"takes {show(undone)} back out of a value computed from it")
    against = misused(parts, state.cues, state.derived, state.parts.results)
    if against is not None:
        # `3 + 6 = 9` for "3 times as old as Ben": true, grounded, and not what the words say (number_cues.py)
        raise Unknown(against)
    used = _uses(state, parts)
    for part in parts:
        value = exact_value(part) if not has_plus_minus(part) else None
        if value is not None:
            state.parts.add_result(value)
            if not isinstance(source, Num) and value not in state.given:
                state.derived.setdefault(value, source)
            state.uses[value] = state.uses.get(value, frozenset()) | used
    return "true arithmetic on the problem's numbers"


def _sign_flipped(expr: Expr, state: State) -> Number | None:
    """A value a step computed that expr writes negated (`-7` after `12 - 5 = 7`) when no step computed
    -7: the sign a grounded number needs is that of the value computed (a number the prompt gives may
    carry its own: `-12 + 5` for "at -12 meters")."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Neg) and isinstance(node.arg, Num):
            value = node.arg.value
            if (
                value not in state.given
                and -value not in state.parts.results
                and value in state.parts.results
            ):
                return value
        elif isinstance(node, Bin):
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg | Call):
            stack.append(node.arg)
    return None


def _uses(state: State, parts: list[Expr]) -> frozenset[Number]:
    """The numbers the prompt writes that a chain computes with, itself or through the values it uses."""
    found: set[Number] = set()
    leaves: list[Number] = []
    stack: list[Expr] = list(parts)
    while stack:
        node = stack.pop()
        if isinstance(node, Num):
            leaves.append(node.value)
            if node.value in state.written:
                found.add(node.value)
            found |= state.uses.get(node.value, frozenset())
            found |= state.written_parts.get(node.value, frozenset())  # 0.75 for "25% off": uses 25
            if isinstance(node.value, Fraction) and node.value > 1:
                found |= state.written_parts.get(node.value - 1, frozenset())  # 1.1 for "10% tax": uses 10
        elif isinstance(node, Bin):
            stack.extend((node.left, node.right))
        elif isinstance(node, Neg | Call):
            stack.append(node.arg)
            if isinstance(node, Neg) and isinstance(node.arg, Num):
                found |= state.uses.get(-node.arg.value, frozenset())  # `-7 - 8` after `-12 + 5 = -7`
        elif isinstance(node, PlusMinus):
            stack.extend(p for p in (node.left, node.right) if p is not None)
    # `32 × 1/4` after `25% = 1/4`: a fraction written tight is one number (read `(32 × 1)/4`), the value
    # a step computed as well as its digits
    for top in leaves[:_MAX_LEAVES]:
        for bottom in leaves[:_MAX_LEAVES]:
            if bottom and isinstance(top, Fraction) and isinstance(bottom, Fraction):
                found |= state.uses.get(top / bottom, frozenset())
                found |= state.written_parts.get(top / bottom, frozenset())
    return frozenset(found)


_MAX_LEAVES = 16
IMAGINARY_UNIT = "i"


def _words_equation(state: State, chains: list[list[Expr]], var: str) -> str:
    alternatives: list[Pair] = []
    for parts in chains:
        alternatives.extend(split_chain(parts, var))
    if not alternatives:
        return "true arithmetic / identity"
    if state.word_var is not None:
        said = _evaluation(state, alternatives, var) or compare_to_state(state, alternatives, var)
    else:
        # the equation the trace sets up from the words: built from the problem's numbers, and solved by
        # the reference answer (the words themselves cannot be checked)
        if var == IMAGINARY_UNIT:
            # `i^2 = -1`, `1 - i^2 = 2`: i is the imaginary unit as often as an unknown, and an equation in
            # the imaginary unit is no equation set up to solve for it (its real solutions say nothing)
            raise Unknown(f"an equation in {var}, which may be the imaginary unit: not read with certainty")
        try:
            found = exact_set(alternatives, var)
        except Unsupported as exc:
            raise Unknown(f"could not solve the equation set up: {exc}") from exc
        text = " or ".join(f"{show(a)} = {show(b)}" for a, b in alternatives)
        known = state.given | state.parts.results
        loose = [n for a, b in alternatives for side in (a, b) for n in ungrounded(side, known)]
        # an equation built from the prompt's numbers whose one solution is not the answer may solve for a
        # helper unknown; one with a number from nowhere, or other solutions, is wrong when not the answer's
        helper = not loose and not found.cofinite and len(found.points) == 1
        if found.cofinite or found.points != state.reading.points:
            wanted = ", ".join(format_number(p) for p in sorted(state.reading.points, key=float))
            if not helper and _binding(alternatives):
                # `s = 8` after a line nobody read: a helper's value from nowhere the checker saw
                raise Unknown(
                    f"{text} gives {var} a value no step computed, and it is not the answer {wanted}"
                )
            if not helper and loose and state.words_unread:
                raise Unknown(
                    f"sets up an equation with {format_number(loose[0])}, which no step read computed (a"
                    f" step before was not read), solved by {found.describe(var)}, not the answer {wanted}"
                )
            if (
                not helper
                and loose
                and not _names_the_asked(state, var)
                and all(_one_operation_on(n, known) for n in loose)
            ):
                # `(s + 6) + (s + 10) = 40` for a sister 4 years younger, in 6 years: 10 is 4 + 6, worked
                # out in the head; a helper unknown's equation with such a number is not known wrong
                raise Unknown(
                    f"sets up an equation with {format_number(loose[0])}, which the problem does not give"
                    f" (one operation on its numbers may make it), solved by {found.describe(var)}, not the"
                    f" answer {wanted}"
                )
            if not helper:
                raise Refuted(f"{text} has the solutions {found.describe(var)}, but the answer is {wanted}")
        else:
            helper = False
        if loose:
            raise Unknown(
                f"sets up an equation with {format_number(loose[0])}, which the problem does not give"
            )
        state.word_var, state.equation, state.equation_text, state.exact = var, alternatives, text, found
        said = f"sets up {text}, solved by the answer"
        if helper:
            # `Let x be the pencil's price: x + (x + 3) = 11` for the pen's price: an unknown that helps,
            # whose one value is worked on to the answer (which must still be a value the steps computed
            # from it, using every number the prompt writes: the equation's numbers count as used by it)
            state.word_helper = True
            (point,) = found.points
            state.uses[point] = state.uses.get(point, frozenset()) | _uses(
                state, [a for pair in alternatives for a in pair]
            )
            said = f"sets up {text}, solved by {var} = {format_number(point)}, worked on to the answer"
    if state.exact is not None and not state.exact.cofinite:
        for point in state.exact.points:
            state.parts.add_result(point)
        if len(state.exact.points) == 1:
            _evaluated(state, alternatives, var, next(iter(state.exact.points)))
    return said


def _evaluated(state: State, alternatives: list[Pair], var: str, point: Number) -> None:
    """`3x = 24` once x = 8 is solved: the number a side in x equals there is computed from the unknown (and
    uses what it uses), so an answer may be that number; so is each quantity named in it (`The larger is
    n + 1.`: 21 once n = 20)."""
    for expr in state.in_unknown:
        if variables(expr) == {var}:
            try:
                value = evaluate(expr, {var: point})
            except (Unsupported, ZeroDivisionError, LimitExceeded):
                continue
            state.parts.add_result(value)
            state.uses[value] = state.uses.get(value, frozenset()) | state.uses.get(point, frozenset())
    for left, right in alternatives:
        for side, other in ((left, right), (right, left)):
            if not (isinstance(other, Num) and variables(side) == {var}):
                continue
            try:
                value = evaluate(side, {var: point})
            except (Unsupported, ZeroDivisionError, LimitExceeded):
                continue
            if value == other.value:
                state.parts.add_result(other.value)
                state.uses[other.value] = state.uses.get(other.value, frozenset()) | state.uses.get(
                    point, frozenset()
                )


MAX_KNOWN_PAIRS = 64  # numbers known, of which every pair is tried for one operation


_NAME_FILLERS = frozenset({"the", "now", "its", "his", "her", "their", "our", "today", "currently"})


def _names_the_asked(state: State, var: str) -> bool:
    """Whether a `Let` line named var as the quantity the question asks (`Let the number be x.` for "What is
    the number?"): then it is no helper, and an equation for it that the answer does not solve is wrong."""
    named = {w for w in state.unknowns.get(var, frozenset()) if w not in _NAME_FILLERS}
    return bool(named) and named <= state.question


def _one_operation_on(number: Fraction, known: Collection[Number]) -> bool:
    """Whether number is one operation (+ - × ÷) on two numbers of known other than 0 and 1 (`10` is
    `4 + 6`; every number is one more than another)."""
    values = sorted((k for k in known if isinstance(k, Fraction) and k not in (0, 1)), key=abs)[
        :MAX_KNOWN_PAIRS
    ]
    for a in values:
        for b in values:
            if number in (a + b, a - b, a * b) or (b != 0 and number == a / b):
                return True
    return False


def _evaluation(state: State, alternatives: list[Pair], var: str) -> str | None:
    """`The largest is n + 2 = 25.` once `n = 23` is solved: the value a quantity in the unknown has there,
    true at the solution (and recorded as computed), not a step that solves the equation again; None for
    anything else (a false value is left to the solution-set check, which refutes it)."""
    exact = state.exact
    if exact is None or exact.cofinite or len(exact.points) != 1 or len(alternatives) != 1:
        return None
    if var != state.word_var:
        return None  # `m + 2 = 25` once `n = 23` is solved: another unknown, whose value nobody gave
    if not _binding(state.equation or []):
        return None  # the unknown is not solved yet: `n + 2 = 25` may be a step of solving
    left, right = alternatives[0]
    side, other = (left, right) if isinstance(right, Num) else (right, left)
    if not isinstance(other, Num) or isinstance(side, Var) or variables(side) != {var}:
        return None
    if ungrounded(side, state.given | state.parts.results):
        return None  # `Ben = x + 24 = 36`: a number nobody gave or computed in the quantity
    (point,) = exact.points
    try:
        value = evaluate(side, {var: point})
    except (Unsupported, ZeroDivisionError, LimitExceeded):
        return None
    if value != other.value:
        return None
    _evaluated(state, alternatives, var, point)
    return f"{show(side)} at {var} = {format_number(point)} is {format_number(value)}"


def _grounded_fraction(state: State, expr: Expr) -> bool:
    """Whether expr is a fraction of two whole numbers (`7/12`), each given by the problem or computed."""
    if not (isinstance(expr, Bin) and expr.op == "/"):
        return False
    known = state.given | state.parts.results
    return all(
        isinstance(side, Num) and side.value.denominator == 1 and side.value != 0 and side.value in known
        for side in (expr.left, expr.right)
    )


def _binding(alternatives: list[Pair]) -> bool:
    """Whether the equation only gives its unknown a number (`s = 8`)."""
    return len(alternatives) == 1 and any(
        isinstance(side, Var) and isinstance(other, Num)
        for side, other in (alternatives[0], alternatives[0][::-1])
    )


NOT_COMPUTED = "no step computes the answer"


def answer_worked_out_after(state: State, math: str) -> str | None:
    """For an answer stated before its work (`**Answer: 29 apples**`, then `36 − 7 = 29`): the answer held
    to what the whole trace computed, as it would be if it came last; None when it still does not hold."""
    try:
        return _words_value(state, math) + " (worked out after it)"
    except (Unknown, Refuted, MathParseError, LimitExceeded):
        return None


def _words_value(state: State, math: str) -> str:
    parts = parse_chain(math)
    if len(parts) != 1 or variables(parts[0]):
        raise Unknown("an answer to a word problem that is not one value")
    value = exact_value(parts[0])
    # `So 7/12 of the cake is left.` after `12 − 5 = 7`: a fraction of two numbers the problem gives or
    # the steps computed is the division it writes
    divided = value is not None and value not in state.parts.results and _grounded_fraction(state, parts[0])
    if value is None or (value not in state.parts.results and not divided):
        raise Unknown(NOT_COMPUTED)
    if ungrounded(parts[0], state.given | state.parts.results):
        # `(10 × 10 - 4)/4 + 0 × 4`: the answer is a computation of its own, from numbers from nowhere
        raise Unknown("the answer is computed from numbers the problem does not give")
    not_asked = answer_not_asked(
        state.asks, state.question, state.records.get(value, ""), set(state.records.values())
    )
    if not_asked is not None:
        # `Bags: 120 ÷ 6 = 20 apples` answered to "How many bags": the line says the value counts apples
        raise Unknown(not_asked)
    in_other_unit = unconverted(value, state.quotes, state.asks, state.question, state.derived, state.written)
    if in_other_unit is not None:
        # `12 × 50 = 600` then `They cost $600.` for 50 cents each, asked in dollars (unit_scale.py)
        raise Unknown(in_other_unit)
    used = state.uses.get(value, frozenset()) | (_uses(state, parts) if divided else frozenset())
    unused = sorted(state.written - used - {value}, key=float)
    if unused:
        # `4 × 5 = 20` for the change from 40 after 4 pens at 5: true arithmetic on given numbers, but the
        # 40 the problem gives is not in it; which operation the words call for is beyond the checker, so
        # an answer that leaves out a number the problem gives is unknown, never passed
        raise Unknown(
            f"the answer's computation does not use {format_number(unused[0])}, which the problem gives"
        )
    return "the answer is a value the steps computed"
