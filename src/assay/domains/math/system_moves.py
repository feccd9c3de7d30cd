"""One move per line in a linear system's trace (the `system` reading).

Holding at the solution says nothing about how a line was reached: a system with one solution implies
every linear equation true there, so "From the first equation, y = 2x - 8" holds at (6, 4) for
x + y = 10, x - y = 2 and yet follows from neither equation. A line's equation in the unknowns must also
be one move from the equations the trace has had so far (the system's, then every line's):

- a multiple of one of them (rearranged or scaled: `x = y + 2` from `x - y = 2`), or
- a combination of two that removes a variable both have (adding or subtracting equations, substituting
  one into another, putting a value found back: `y = 10 - 6` from `x + y = 10` and `x = 6`), or
- values found put into an expression (`2x + y = 2(3) + 2` once `x = 3` and `y = 2` are had).

A line that names its move ("Adding the equations", "Subtract the second from the first", "Multiply the
second equation by 3") must be that move (system_named_moves.py), and arithmetic it shows on a side
without unknowns (`5x = 12 + 3 = 15`) may use only numbers the system or the lines before have written or
computed, or a product of two of them (`5x = 18 - 3 = 15` shows a computation the move did not make).
Anything else is `unknown`: true, but not shown. Answer lines are not moves (the answer is checked against
the solution), and nor are lines without an unknown.
"""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, exact_value, show
from assay.domains.math.exact import Unsupported
from assay.domains.math.expr import Bin, Expr, Neg, Num, Var, nodes, number_leaves, variables
from assay.domains.math.linear_forms import Form, eliminates, form_of, magnitudes, multiple, valued
from assay.domains.math.step_state import State
from assay.domains.math.system_named_moves import (
    named_move,
    quoted_premises,
    said_combination,
    said_terms,
    substituted_whole,
)
from assay.domains.math.system_names import Named, read_names
from assay.errors import LimitExceeded


def system_forms(state: State) -> list[Form]:
    """The equations had so far, starting with the system's own."""
    names = tuple(state.reading.solution)
    if state.system_forms is None:
        forms = []
        for lhs, rhs in state.reading.premises:
            form = form_of(lhs, rhs, names)
            if form is None:
                raise Unknown("the system has an equation that is not linear")
            forms.append(form)
            _note_numbers(state.system_numbers, [lhs, rhs], form)
        state.system_forms = forms
    return state.system_forms


def check_moves(state: State, text: str, groups: list[list[list[Expr]]]) -> str:
    """Evidence that each equation in the unknowns on this line is one move from the equations before it;
    raises Unknown for one that is not, or when the line names a move its equations do not make. Every
    equation on the line is then had, for the lines after it."""
    names = tuple(state.reading.solution)
    known = system_forms(state)
    premises = len(state.reading.premises)
    named = read_names(text, premises)
    heading, state.system_named = state.system_named, None
    carried = heading is not None and not named.moves and not named.refs
    if carried:
        named = heading  # "## Step 2: Add the equations." names the move of the line after it
    said: list[Form] = []
    written: list[tuple[Expr, Expr]] = []  # each of said's equations' sides, as the line wrote them
    products = 0  # equations that are two of the system's multiplied side by side
    try:
        for group in groups:
            if len(group) != 1:
                raise Unknown("a disjunction in a linear system's trace")
            parts = group[0]
            for a, b in itertools.pairwise(parts):
                form = None
                if variables(a) or variables(b):
                    _shown_from_before(a if variables(b) else b, state.system_numbers)
                    form = form_of(a, b, names)
                    if form is None and _multiplied(state, a, b):
                        products += 1  # `(x + y)(x - y) = 20`: had, but not as a linear equation
                    elif form is None:
                        raise Unknown(f"{show(a)} = {show(b)} is not a linear equation in {', '.join(names)}")
                    elif any(form):  # `0 = 0`: cancelled_identity has judged it
                        _simplifies(state, named, form, a, b)
                        had = [*known, *said]
                        said.append(form)  # had by the lines after, even when it is not one move
                        written.append((a, b))
                        if (
                            not _one_move(form, had)
                            and not said_combination(named, text, form, had)
                            and not said_terms(named, form, known, premises)
                        ):
                            raise Unknown(
                                f"{show(a)} = {show(b)} holds at the solution, but it is neither a multiple "
                                "of an equation before it nor two of them combined to remove a variable"
                            )
                _note_numbers(state.system_numbers, [a, b], form)
        if products:
            return _products_named(named, said)
        quoted = quoted_premises(state, written, names)
        later = None
        if carried and len(named.moves) == 2:
            # "Multiply the second equation by 2 and subtract it from the first": this line is the scaled
            # equation (the combination is then the next line's move) or the combination itself
            scale, combination = named.moves
            factor, number = scale[2]
            if any(multiple(f, known[number - 1]) in (factor, -factor) for f in said):
                owed = Named(moves=[combination], adds=named.adds, subtracts=named.subtracts, owed=True)
                named, later = Named(moves=[scale]), owed
            else:
                named = Named(moves=[combination])
        moved = named_move(named, text, known, said, quoted, names, premises)
        if later is not None:
            state.system_named = later
        if moved is None:
            # a heading: what it names is the move of the next line with equations
            # (no equation, a colon, or only values had: "Substitute x = 6 into the first equation.")
            heading = not said or text.rstrip(" *").endswith(":") or all(valued(f) is not None for f in said)
            if heading:
                _carry(state, named)
            return "each equation one move from those before it" if said else ""
        substituted_whole(state, named, known, said, written, quoted, names)
        return moved
    finally:
        # had by the lines after, even when this one is unknown: the first step that fails is the one found
        known.extend(said)


def _simplifies(state: State, named: Named, form: Form, a: Expr, b: Expr) -> None:
    """An equation written as a combination, its terms not yet collected (`(x + y) + (x − y) = 10 + 2`,
    `x + y + x − y = 12`), is simplified by the next equation: unless that one names a move of its own, it
    must be the same equation (a multiple of it), not another move from the system (`2y = 8` after it is
    true and one move, but not what the combination gives). Raises Unknown for one that is not."""
    pending, state.system_uncollected = state.system_uncollected, None
    names_a_move = named.moves or named.refs or named.adds or named.subtracts
    if pending is not None and multiple(form, pending) is None and not names_a_move:
        raise Unknown(
            f"{show(a)} = {show(b)} follows an equation written as a combination, but is not what it "
            "simplifies to"
        )
    if _uncollected(a, b, form):
        state.system_uncollected = form


def _uncollected(a: Expr, b: Expr, form: Form) -> bool:
    """The equation's unknowns are written more times than it has unknowns with coefficients (`x + y +
    x − y`): terms still to collect."""
    written = sum(1 for side in (a, b) for node in nodes(side) if isinstance(node, Var))
    return written > sum(1 for c in form[:-1] if c)


def _multiplied(state: State, a: Expr, b: Expr) -> bool:
    """a = b is two of the system's equations multiplied side by side (`(x + y)(x - y) = 10·2` from
    x + y = 10 and x - y = 2), up to a constant factor: it holds wherever both do, though not linear."""
    for (l1, r1), second in itertools.combinations(state.reading.premises, 2):
        for l2, r2 in (second, second[::-1]):
            try:
                if mpoly.proportional((a, b), (Bin("*", l1, l2), Bin("*", r1, r2))):
                    return True
            except (Unsupported, LimitExceeded, ZeroDivisionError):
                continue
    return False


def _products_named(named: Named, said: list[Form]) -> str:
    """A line of equations multiplied is that alone, named as that or not at all ("Multiplying the
    equations: (x + y)(x - y) = 20"); a line naming another move, or mixing in linear equations, is
    unknown."""
    if said or named.adds or named.subtracts or named.eliminates or named.quotings:
        raise Unknown("a line multiplies the system's equations together and also does something else")
    if any(kind != "multiply" or what is not None for _, kind, what in named.moves):
        raise Unknown("the line names a move, but its equation is two of the system's multiplied together")
    return "two of the system's equations multiplied side by side"


def _note_numbers(seen: set[Fraction], parts: list[Expr], form: Form | None) -> None:
    """The numbers a line has written or computed: its literals, the values of its parts without unknowns
    (`4(7)` gives 28), and its equation's coefficients once collected."""
    for part in parts:
        try:
            seen.update(_written_or_computed(part))
        except Exception:
            _walk_numbers(part, seen)  # fails again at the same piece, with what comes before it noted
            raise
    if form is not None:
        seen.update(magnitudes(form))


# a pure function of an immutable tree: a chain's inner parts are noted once for each link they are in,
# and each walk evaluates every piece without unknowns, so the answers are kept (bounded)
@functools.lru_cache(maxsize=4096)
def _written_or_computed(part: Expr) -> frozenset[Fraction]:
    seen: set[Fraction] = set()
    _walk_numbers(part, seen)
    return frozenset(seen)


def _walk_numbers(part: Expr, seen: set[Fraction]) -> None:
    """Add part's literals and the values of its pieces without unknowns to seen."""
    for node in nodes(part):
        if isinstance(node, Num):
            seen.add(abs(node.value))
        elif not variables(node):
            value = exact_value(node)
            if isinstance(value, Fraction | int):
                seen.add(abs(Fraction(value)))


def _shown_from_before(side: Expr, seen: set[Fraction]) -> None:
    """Unknown if side is arithmetic (not a bare number) on a number no line before has written."""
    if isinstance(side, Num) or (isinstance(side, Neg) and isinstance(side.arg, Num)):
        return
    if variables(side) or not isinstance(side, Bin | Neg):
        return
    # a product of two numbers had is had too: `3y = 21 - 6` puts x = 3 into `2x` (2·3)
    written = {abs(n) for n in number_leaves(side)} - seen
    new = sorted(n for n in written if not any(s and n / s in seen for s in seen))
    if new:
        shown = ", ".join(str(n) for n in new)
        raise Unknown(f"{show(side)} computes with {shown}, which neither the system nor a line before has")


def _one_move(form: Form, known: list[Form]) -> bool:
    if any(multiple(form, k) is not None for k in known):
        return True
    # values found put in (`2x + y = 2(3) + 2` once x = 3 and y = 2 are had): a move, whatever the form
    with_values = {valued(k) for k in known} - {None}
    if all(i in with_values for i in range(len(form) - 1) if form[i]):
        return True
    return any(eliminates(form, ki, kj) for ki, kj in itertools.combinations(known, 2))


def note_heading(state: State, text: str) -> None:
    """A line of words that names a move ("## Step 2: Subtract the second equation from the first.")
    names the move of the next line with equations; one whose names this reader cannot follow leaves that
    line unknown."""
    try:
        named = read_names(text, len(state.reading.premises))
    except Unknown:
        # words about the equations this reader does not follow ("Now look at the other equation."): the
        # move they name is not known, so the next line with equations cannot be held to it
        state.system_named = Named(moves=[(0, "unread", None)])
        return
    _carry(state, named)


def _carry(state: State, named: Named) -> None:
    """The last move a heading names is the one the next line with equations is held to. A scaling named
    before a sum or difference with one other equation ("Multiply the second equation by 2 and subtract it
    from the first") names the combination whole (the first less twice the second), and the scaled
    equation may be written on the way to it."""
    if not named.moves:
        return
    owed = state.system_named
    if owed is not None and owed.owed:
        # "Multiply (2) by 3 and add it to (1)", the scaled equation, then "Add the equations": the sum
        # owed, said again; "Subtract the equations" instead: the combination named first is never made
        said_again = [kind for _, kind, _ in named.moves] == ["combine"] and (
            named.adds,
            named.subtracts,
        ) == (
            owed.adds,
            owed.subtracts,
        )
        if not said_again:
            state.system_named = Named(moves=[(0, "unmade", None)])
        return
    ordered = sorted(named.moves, key=lambda move: move[0])
    last = ordered[-1]
    moves = [last]
    if (
        len(ordered) >= 2
        and ordered[-2][1] == "scale"
        and last[1] == "combine"
        and named.adds != named.subtracts
    ):
        factor, number = ordered[-2][2]
        combined, _ = last[2]
        if (
            factor is not None
            and number is not None
            and len(combined) == 1
            and combined[0] not in (None, number)
        ):
            sign = 1 if named.adds else -1
            terms = [(Fraction(1), combined[0]), (sign * factor, number)]
            moves = [ordered[-2], (last[0], "terms", terms)]
    state.system_named = Named(moves=moves, adds=named.adds, subtracts=named.subtracts)
