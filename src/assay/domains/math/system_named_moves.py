"""A line of a system's trace that names its move is held to that move.

"Adding the equations", "Subtract the second from the first", "Multiply the second equation by 3",
"From the first equation", "Substituting x = 6 into the second equation" (read by system_names.py) each
say which equations the line's new equation comes from and how; the line must make that move, and a line
that puts a value into a named equation must write that equation whole with it put in. A name the reader
cannot resolve leaves the line unknown. The one-move rule every line is held to besides is in
system_moves.py.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from typing import Any

from assay.domains.math.decide import Unknown, show
from assay.domains.math.expr import Expr, Var, variables
from assay.domains.math.linear_forms import Form, combination, eliminates, multiple, side_forms, valued
from assay.domains.math.step_state import State
from assay.domains.math.system_names import Named
from assay.text.trigger_words import compile_guarded

# a factor said with a sum or difference ("add 3 times the second to the first"): each may be scaled
_FACTOR = compile_guarded(r"\b(?:\d+(?:/\d+)?\s*(?:times|×)|twice|double|triple|half|multipl\w*)\b", re.I)


def named_move(
    named: Named,
    text: str,
    known: list[Form],
    said: list[Form],
    quoted: dict[int, int],
    names: tuple[str, ...],
    premises: int,
) -> str | None:
    """Evidence that the moves the line names (system_names.py) are the moves its equations make, or None
    for a heading, whose moves are those of the line after it;
    raises Unknown for one that is not, or for a name the reader cannot resolve. An equation of the
    system written as it stands (`quoted`) names it: "Rearranging 2x + 3y = 12 gives x = y + 1" is held
    to "from the first equation"."""
    if not said:
        return None
    # the line's new equations: not one a line before has derived (`x = 6` again), nor a multiple of one
    # this line has had (`2x = 12, so x = 6`), nor one of the system's written out as it stands
    system = known[:premises]
    derived = [k for k in known[premises:] if not any(multiple(k, p) is not None for p in system)]
    fresh_at = [
        i
        for i, f in enumerate(said)
        if i not in quoted
        and not any(multiple(f, k) in (1, -1) for k in derived)
        and not any(multiple(f, k) is not None for j, k in enumerate(said[:i]) if j not in quoted)
    ]
    fresh = [said[i] for i in fresh_at]
    # each source written out is the next equation of the system the line writes as it stands, unless a
    # name of it stands right there ("into x - y = 1 (equation 2)")
    written_out = [quoted[i] for i in sorted(quoted)]
    for (start, how), number in zip(named.quotings, written_out, strict=False):
        near = [
            at
            for at, kind, _ in named.moves
            if kind in ("from", "into") and 0 <= at - start < 40 and not named.breaks(start, at)
        ]
        if not near:
            named.moves.append((start, how, number))
    for _, kind, number in named.moves:
        # a label on the system's own equation written out ("-2x + 6y = -48 [equation 2]") names it
        if kind == "label" and quoted and number not in quoted.values():
            raise Unknown(_WHY["label"])
    if not fresh:
        # a line restating what it has ("Substitute x = 6 into the first equation."): what it names is the
        # move of the lines below
        return None
    # a line ending in a colon ("From x - y = 2, x = y + 2. Substituting into 3x + 2y = 16:") names the
    # next line's move last
    heading = text.rstrip(" *").endswith(":")
    moves = sorted(named.moves, key=lambda move: move[0])[: -1 if heading else None]
    had = [*known, *said]
    # each named move, in the order the line names them, is held to the next new equation: the first
    # to the first ("We subtract ... and get 2x = 12, so x = 6. Substituting, y = 4" is held to 2x = 12)
    for at, (_, kind, what) in enumerate(moves):
        index = fresh_at[min(at, len(fresh_at) - 1)]
        form = said[index]
        before = [*known, *said[:index]]  # what the line had when it wrote form
        if not _makes(kind, what, form, before, known, premises, named.adds):
            raise Unknown(_WHY[kind])
    # "Multiply the second by 3 to eliminate y": the plan of the lines after, not this line's move
    if named.eliminates and not any(kind in ("scale", "multiply") for _, kind, _ in named.moves):
        for var in named.eliminates:
            if var is None or var not in names:
                raise Unknown("the line says a variable is eliminated, but not one the checker reads")
            v = names.index(var)
            pairs = list(itertools.combinations(had, 2))
            if not any(not f[v] and any(eliminates(f, ki, kj) for ki, kj in pairs) for f in fresh[:1]):
                raise Unknown(f"the line says {var} is eliminated, but its first new equation has {var}")
    for var in named.keeps if not any(kind in ("scale", "multiply") for _, kind, _ in named.moves) else []:
        # "Adding leaves only y: 2y = 8": the first new equation has that variable and no other
        if var is None or var not in names:
            raise Unknown("the line says which variable is left, but not one the checker reads")
        kept = names.index(var)
        if not fresh or any(c for i, c in enumerate(fresh[0][:-1]) if i != kept) or not fresh[0][kept]:
            raise Unknown(
                f"the line says only {var} is left, but its first new equation is not in {var} alone"
            )
    if heading:
        return None
    if named.moves:
        return "the move the line names"
    return "each equation one move from those before it"


_WHY = {
    "terms": "the line names a combination of the system's equations, but its new equation is not it",
    "scale": "the line multiplies an equation by a factor, but its new equation is not that",
    "multiply": "the line multiplies an equation by a factor, but its new equation is not that",
    "combine": "the line adds or subtracts equations, but its new equation is not what that gives",
    "from": "the line says what follows comes from one of the system's equations, but it does not",
    "into": "the line says what follows comes from one of the system's equations, but it does not",
    "label": "the line names one of the system's equations, but it is not that one",
}


def _makes(
    kind: str, what: Any, form: Form, had: list[Form], known: list[Form], premises: int, adds: bool
) -> bool:
    """form is what the named move (kind, what) gives."""
    if kind == "unread":
        raise Unknown("the heading before names a move in words the checker does not read")
    if kind == "unmade":
        raise Unknown("a heading before names a combination of the equations that no line made")
    if kind == "terms":
        return multiple(form, _sum(what, known, premises)) is not None
    if kind == "scale":
        factor, number = what
        if factor is None:
            raise Unknown("the line multiplies an equation by a factor the checker does not read")
        return multiple(form, _source(number, known, premises)) in (factor, -factor)
    if kind == "multiply":
        if what is None:
            raise Unknown("the line multiplies by a factor the checker does not read")
        return any(multiple(form, k) in (what, -what) for k in known)
    if kind == "combine":
        combined, scaled = what
        return _named_combination(form, _named_pairs(combined, had, known, premises), adds, scaled)
    return _from_one_holds(_source(what, known, premises), form, had, kind)


def _source(number: int | None, known: list[Form], premises: int) -> Form:
    if number is None or number > premises:
        raise Unknown("the line names an equation the checker cannot tell which of the system's it is")
    return known[number - 1]


def _sum(terms: list[tuple[Fraction, int | None]], known: list[Form], premises: int) -> Form:
    total = [Fraction(0)] * len(known[0])
    for factor, number in terms:
        source = _source(number, known, premises)
        total = [t + factor * s for t, s in zip(total, source, strict=True)]
    if not any(total[:-1]):
        raise Unknown("the combination the line names leaves no unknown")
    return tuple(total)


def _named_pairs(
    combined: list[int | None], had: list[Form], known: list[Form], premises: int
) -> list[tuple[Form, Form]]:
    """The pairs of equations a named sum or difference may combine: the ones it names ("subtract the
    second from the first"; a named equation stands for it or a multiple of it the trace has had), one
    named and any other had ("add it to the first"), else any two had."""
    if len(combined) > 2:
        # "Adding equations 1, 2 and 3": a sum of all three is named with "+" ("terms"), not as a pair
        raise Unknown("the line adds or subtracts more than two equations in words the checker does not read")
    named = [[k for k in had if multiple(k, _source(n, known, premises)) is not None] for n in combined]
    if len(named) >= 2:
        return [(a, b) for a in named[0] for b in named[1]]
    if len(named) == 1:
        return [(a, k) for a in named[0] for k in had if multiple(k, a) is None]
    return list(itertools.combinations(had, 2))


def _from_one_holds(source: Form, form: Form, had: list[Form], how: str) -> bool:
    try:
        _from_one(source, [form], had, how)
    except Unknown:
        return False
    return True


def _from_one(source: Form, said: list[Form], known: list[Form], how: str) -> None:
    """Unknown unless an equation on the line is the named one rearranged or scaled, or (for "from" and
    "into") the named one whole, as written, with something put in: a value found ("From the first
    equation, y = 10 - 6 = 4" once x = 6), or for "into" any equation had ("Substitute x = y + 1 into the
    first"). Whole: putting a value in leaves the other coefficients as they were, so `-2x + 6(-6) = -48`
    is not the second equation `-6x - 2y = -24` with y = -6 put in, though both give x = 6."""
    if any(multiple(form, source) is not None for form in said):
        return
    if how == "label":
        raise Unknown("the line names one of the system's equations, but it is not that one")
    if how == "from":
        others = [k for k in known if valued(k) is not None]
    else:
        others = [k for k in known if k is not source]
    for form in said:
        for other in others:
            found = combination(form, source, other)
            if found is not None and abs(found[0]) == 1:
                return
    raise Unknown("the line says what follows comes from one of the system's equations, but it does not")


def said_combination(named: Named, text: str, form: Form, had: list[Form]) -> bool:
    """The line names adding (or subtracting) equations and form is two of them so combined."""
    if named.adds == named.subtracts:  # neither, or both
        return False
    scaled = _FACTOR.search(text) is not None
    return _named_combination(form, list(itertools.combinations(had, 2)), named.adds, scaled)


def said_terms(named: Named, form: Form, known: list[Form], premises: int) -> bool:
    """The line names a combination with its factors ("(1) + (2) + (3)", "Add all three equations") and
    form is it: a move of its own, though three equations may take part (checked again as named)."""
    for _, kind, what in named.moves:
        if (
            kind == "terms"
            and all(number is not None and number <= premises for _, number in what)
            and multiple(form, _sum(what, known, premises)) is not None
        ):
            return True
    return False


def _named_combination(form: Form, pairs: list[tuple[Form, Form]], adds: bool, scaled: bool) -> bool:
    """form is one of the pairs added (adds) or subtracted, each scaled or not. As written, the two are
    added or subtracted whole; with a factor said ("add 3 times the second to the first"), each may be
    scaled. A named sum need not remove a variable."""
    for ki, kj in pairs:
        found = combination(form, ki, kj)
        if found is None or (found[0] * found[1] > 0) != adds:
            continue
        if scaled or abs(found[0]) == abs(found[1]):
            return True
    return False


def substituted_whole(
    state: State,
    named: Named,
    known: list[Form],
    said: list[Form],
    written: list[tuple[Expr, Expr]],
    quoted: dict[int, int],
    names: tuple[str, ...],
) -> None:
    """A line that puts something into a named equation ("Substituting x = 6 into the second equation:
    6 - y = 2") and writes an equation that is not a bare value must write that equation whole: its sides,
    as linear forms, are the named equation's sides with one unknown (or every unknown with a value)
    replaced by what a line before has given it. `6 + y = 10` has the solution's y, but it is the first
    equation, not the second with x = 6 put in. A line that says it works from a named equation ("Using
    the second one: 6 + y = 10") and writes none that is that equation rearranged or scaled has put a value
    into it, and is held the same way."""
    premises = len(state.reading.premises)
    into = [number for _, how, number in named.moves if how == "into"]
    into += [
        number
        for _, how, number in named.moves
        if how == "from"
        and number is not None
        and number <= premises
        and not any(multiple(form, known[number - 1]) is not None for form in said)
    ]
    if not into or not said:
        return
    shown = [
        (a, b)
        for i, (form, (a, b)) in enumerate(zip(said, written, strict=True))
        if i not in quoted and (valued(form) is None or not _bare(a, b))
    ]
    if not shown:
        return  # only values found ("Substituting into the first, y = 4"): the moves were checked above
    for number in into:
        if number is None or number > len(state.reading.premises):
            raise Unknown("the line names an equation the checker cannot tell which of the system's it is")
        lhs, rhs = state.reading.premises[number - 1]
        sides = side_forms(lhs, names), side_forms(rhs, names)
        if None in sides:
            raise Unknown("an equation of the system is not linear")
        given = [k for k in known if any(k[:-1])]
        if not any(_is_put_into(sides, a, b, given, names) for a, b in shown):
            raise Unknown(
                f"the line puts a value into equation {number}, but writes no equation that is "
                f"{show(lhs)} = {show(rhs)} with it put in"
            )


def _bare(a: Expr, b: Expr) -> bool:
    """The equation is written `x = 6` (a variable alone against a number)."""
    return (isinstance(a, Var) and not variables(b)) or (isinstance(b, Var) and not variables(a))


def _is_put_into(
    sides: tuple[Form | None, Form | None], a: Expr, b: Expr, given: list[Form], names: tuple[str, ...]
) -> bool:
    wrote_left, wrote_right = side_forms(a, names), side_forms(b, names)
    lhs, rhs = sides
    if wrote_left is None or wrote_right is None or lhs is None or rhs is None:
        return False
    for put in _puttings(given, len(names)):
        new = _put(lhs, put), _put(rhs, put)
        # terms may move between constants ("2y = 8 - (-6)" for -6 + 2y = 8), but the unknowns stay on
        # their sides, unscaled
        for left, right in (new, new[::-1]):
            same_unknowns = wrote_left[:-1] == left[:-1] and wrote_right[:-1] == right[:-1]
            if same_unknowns and wrote_left[-1] - wrote_right[-1] == left[-1] - right[-1]:
                return True
    return False


def _puttings(given: list[Form], count: int) -> list[list[tuple[int, Form]]]:
    """Ways to put what the lines gave into an equation: nothing, one unknown replaced by what one line
    gave it (`x = y + 1`), or every unknown with a value replaced by its value."""
    out: list[list[tuple[int, Form]]] = [[]]  # nothing put in: the equation itself
    values: dict[int, Form] = {}
    for form in given:
        for v in range(count):
            if form[v]:
                out.append([(v, form)])
        held = valued(form)
        if held is not None:
            values[held] = form
    if len(values) > 1:
        out.append(list(values.items()))
    return out


def _put(side: Form, put: list[tuple[int, Form]]) -> Form:
    """side with each (v, form) applied: v replaced by its expression from form = 0."""
    out = list(side)
    for v, form in put:
        c = out[v]
        if not c:
            continue
        # form: f_v·v + rest = 0, so v = -rest / f_v
        out = [
            o - c * f / form[v] if i != v else Fraction(0)
            for i, (o, f) in enumerate(zip(out, form, strict=True))
        ]
    return tuple(out)


def quoted_premises(state: State, written: list[tuple[Expr, Expr]], names: tuple[str, ...]) -> dict[int, int]:
    """The line's equations (by index) that are one of the system's written as it stands (its sides, or
    them swapped), with the equation's number."""
    out: dict[int, int] = {}
    wrote = [(side_forms(a, names), side_forms(b, names)) for a, b in written]
    for number, (lhs, rhs) in enumerate(state.reading.premises, start=1):
        sides = side_forms(lhs, names), side_forms(rhs, names)
        if None in sides:
            continue
        for i, forms in enumerate(wrote):
            if forms in (sides, sides[::-1]):
                out.setdefault(i, number)
    return out
