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
second equation by 3") must be that move, and arithmetic it shows on a side without unknowns
(`5x = 12 + 3 = 15`) may use only numbers the system or the lines before have written or computed, or a
product of two of them (`5x = 18 - 3 = 15` shows a computation the move did not make). Anything else is
`unknown`: true, but not shown. Answer lines are not moves (the answer is checked against the solution),
and nor are lines without an unknown.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from fractions import Fraction
from typing import Any

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, exact_value, show
from assay.domains.math.expr import Bin, Expr, Neg, Num, Var, nodes, number_leaves, variables
from assay.domains.math.step_state import State
from assay.domains.math.system_names import Named, read_names

Form = tuple[Fraction, ...]  # coefficients of the unknowns in order, then the constant: form = 0

# a factor said with a sum or difference ("add 3 times the second to the first"): each may be scaled
_FACTOR = re.compile(r"\b(?:\d+(?:/\d+)?\s*(?:times|×)|twice|double|triple|half|multipl\w*)\b", re.I)


# a pure function of immutable trees: each line's sides are asked for again against every equation of the
# system (`_quoted`, `_substituted_whole`), and the system's sides on every line of the trace
@functools.lru_cache(maxsize=4096)
def form_of(lhs: Expr, rhs: Expr, names: tuple[str, ...]) -> Form | None:
    """lhs - rhs as a linear form in names, or None if it is not linear with rational coefficients."""
    found = mpoly.linear_form(lhs, rhs, names)
    if found is None:
        return None
    coeffs, constant = found
    values = [*coeffs, constant]
    rational = [v for v in values if isinstance(v, Fraction | int)]
    if len(rational) != len(values):
        return None
    return tuple(Fraction(v) for v in rational)


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
    if heading is not None and not named.moves and not named.refs:
        named = heading  # "## Step 2: Add the equations." names the move of the line after it
    said: list[Form] = []
    written: list[tuple[Expr, Expr]] = []  # each of said's equations' sides, as the line wrote them
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
                    if form is None:
                        raise Unknown(f"{show(a)} = {show(b)} is not a linear equation in {', '.join(names)}")
                    if any(form):  # `0 = 0`: cancelled_identity has judged it
                        had = [*known, *said]
                        said.append(form)  # had by the lines after, even when it is not one move
                        written.append((a, b))
                        if not _one_move(form, had) and not _said_combination(named, text, form, had):
                            raise Unknown(
                                f"{show(a)} = {show(b)} holds at the solution, but it is neither a multiple "
                                "of an equation before it nor two of them combined to remove a variable"
                            )
                _note_numbers(state.system_numbers, [a, b], form)
        quoted = _quoted(state, written, names)
        moved = _named_move(named, text, known, said, quoted, names, premises)
        if moved is None:
            # a heading: what it names is the move of the next line with equations
            # (no equation, a colon, or only values had: "Substitute x = 6 into the first equation.")
            heading = not said or text.rstrip(" *").endswith(":") or all(_valued(f) is not None for f in said)
            if heading:
                _carry(state, named)
            return "each equation one move from those before it" if said else ""
        _substituted_whole(state, named, known, said, written, quoted, names)
        return moved
    finally:
        # had by the lines after, even when this one is unknown: the first step that fails is the one found
        known.extend(said)


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
        seen.update(abs(v) for v in form)


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
    if any(_multiple(form, k) is not None for k in known):
        return True
    # values found put in (`2x + y = 2(3) + 2` once x = 3 and y = 2 are had): a move, whatever the form
    valued = {_valued(k) for k in known} - {None}
    if all(i in valued for i in range(len(form) - 1) if form[i]):
        return True
    return any(_eliminates(form, ki, kj) for ki, kj in itertools.combinations(known, 2))


def _valued(form: Form) -> int | None:
    """The index of the one unknown a form gives a value (`x - 6`), or None."""
    held = [i for i, v in enumerate(form[:-1]) if v]
    return held[0] if len(held) == 1 else None


def _multiple(form: Form, of: Form) -> Fraction | None:
    """c with form = c·of (c != 0), or None."""
    # a multiple has its zeros where `of` has them: most pairs differ there, and the test needs no
    # arithmetic (plain loops: this is asked of every equation had, for every equation of every line)
    pivot = None
    for i, (f, o) in enumerate(zip(form, of, strict=True)):
        if (not f) != (not o):
            return None
        if pivot is None and o:
            pivot = i
    if pivot is None:
        return None
    # form = c·of with c = form[pivot] / of[pivot]: compared on integer multiples of both (`_integers`)
    (whole, scale), (whole_of, scale_of) = _integers(form), _integers(of)
    at, at_of = whole[pivot], whole_of[pivot]
    for x, y in zip(whole, whole_of, strict=True):
        if x * at_of != at * y:
            return None
    return Fraction(at * scale_of, scale * at_of)


def _integers(form: Form) -> tuple[list[int], int]:
    """(form·scale as integers, scale), scale the least common denominator: the tests on forms are asked of
    every equation had, for every equation of every line, and integer arithmetic is many times faster
    than Fraction's."""
    scale = math.lcm(*[v.denominator for v in form])
    return [v.numerator * (scale // v.denominator) for v in form], scale


def _combination(form: Form, ki: Form, kj: Form) -> tuple[Fraction, Fraction] | None:
    """(α, β) with form = α·ki + β·kj, both non-zero, or None (ki and kj not multiples of each other)."""
    # solved on integer multiples (`_integers`): with form = F/s, ki = I/si, kj = J/sj, the determinant of
    # the first pair of columns where I and J are independent gives α = a·si/(s·det), β = b·sj/(s·det)
    (f, scale), (i, scale_i), (j, scale_j) = _integers(form), _integers(ki), _integers(kj)
    for p, q in itertools.combinations(range(len(f)), 2):
        det = i[p] * j[q] - i[q] * j[p]
        if det:
            a = f[p] * j[q] - f[q] * j[p]
            b = i[p] * f[q] - i[q] * f[p]
            if not a or not b:
                return None
            if any(fr * det != a * x + b * y for fr, x, y in zip(f, i, j, strict=True)):
                return None
            return Fraction(a * scale_i, scale * det), Fraction(b * scale_j, scale * det)
    return None


def _eliminates(form: Form, ki: Form, kj: Form) -> bool:
    """form is ki and kj combined so that a variable both have is gone."""
    if _combination(form, ki, kj) is None:
        return False
    return any(ki[v] and kj[v] and not form[v] for v in range(len(form) - 1))


def _named_move(
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
    derived = [k for k in known[premises:] if not any(_multiple(k, p) is not None for p in system)]
    fresh_at = [
        i
        for i, f in enumerate(said)
        if i not in quoted
        and not any(_multiple(f, k) in (1, -1) for k in derived)
        and not any(_multiple(f, k) is not None for j, k in enumerate(said[:i]) if j not in quoted)
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
            if not any(not f[v] and any(_eliminates(f, ki, kj) for ki, kj in pairs) for f in fresh[:1]):
                raise Unknown(f"the line says {var} is eliminated, but its first new equation has {var}")
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
        raise Unknown(
            "the line before names one of the system's equations in words the checker does not read"
        )
    if kind == "terms":
        return _multiple(form, _sum(what, known, premises)) is not None
    if kind == "scale":
        factor, number = what
        if factor is None:
            raise Unknown("the line multiplies an equation by a factor the checker does not read")
        return _multiple(form, _source(number, known, premises)) in (factor, -factor)
    if kind == "multiply":
        if what is None:
            raise Unknown("the line multiplies by a factor the checker does not read")
        return any(_multiple(form, k) in (what, -what) for k in known)
    if kind == "combine":
        combined, scaled = what
        return _named_combination(form, _named_pairs(combined, had, known, premises), adds, scaled)
    return _from_one_holds(_source(what, known, premises), form, had, kind)


def _require(ok: list[bool], why: str) -> None:
    if not any(ok):
        raise Unknown(why)


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
    named = [[k for k in had if _multiple(k, _source(n, known, premises)) is not None] for n in combined]
    if len(named) >= 2:
        return [(a, b) for a in named[0] for b in named[1]]
    if len(named) == 1:
        return [(a, k) for a in named[0] for k in had if _multiple(k, a) is None]
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
    if any(_multiple(form, source) is not None for form in said):
        return
    if how == "label":
        raise Unknown("the line names one of the system's equations, but it is not that one")
    if how == "from":
        others = [k for k in known if _valued(k) is not None]
    else:
        others = [k for k in known if k is not source]
    for form in said:
        for other in others:
            found = _combination(form, source, other)
            if found is not None and abs(found[0]) == 1:
                return
    raise Unknown("the line says what follows comes from one of the system's equations, but it does not")


def _said_combination(named: Named, text: str, form: Form, had: list[Form]) -> bool:
    """The line names adding (or subtracting) equations and form is two of them so combined."""
    if named.adds == named.subtracts:  # neither, or both
        return False
    scaled = _FACTOR.search(text) is not None
    return _named_combination(form, list(itertools.combinations(had, 2)), named.adds, scaled)


def _named_combination(form: Form, pairs: list[tuple[Form, Form]], adds: bool, scaled: bool) -> bool:
    """form is one of the pairs added (adds) or subtracted, each scaled or not. As written, the two are
    added or subtracted whole; with a factor said ("add 3 times the second to the first"), each may be
    scaled. A named sum need not remove a variable."""
    for ki, kj in pairs:
        found = _combination(form, ki, kj)
        if found is None or (found[0] * found[1] > 0) != adds:
            continue
        if scaled or abs(found[0]) == abs(found[1]):
            return True
    return False


def _substituted_whole(
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
    equation, not the second with x = 6 put in."""
    into = [number for _, how, number in named.moves if how == "into"]
    if not into or not said:
        return
    shown = [
        (a, b)
        for i, (form, (a, b)) in enumerate(zip(said, written, strict=True))
        if i not in quoted and (_valued(form) is None or not _bare(a, b))
    ]
    if not shown:
        return  # only values found ("Substituting into the first, y = 4"): the moves were checked above
    for number in into:
        if number is None or number > len(state.reading.premises):
            raise Unknown("the line names an equation the checker cannot tell which of the system's it is")
        lhs, rhs = state.reading.premises[number - 1]
        sides = _side_forms(lhs, names), _side_forms(rhs, names)
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


_ZERO = Num(Fraction(0))  # one object: the memo of form_of then compares it by identity


def _side_forms(side: Expr, names: tuple[str, ...]) -> Form | None:
    return form_of(side, _ZERO, names)


def _is_put_into(
    sides: tuple[Form | None, Form | None], a: Expr, b: Expr, given: list[Form], names: tuple[str, ...]
) -> bool:
    wrote_left, wrote_right = _side_forms(a, names), _side_forms(b, names)
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
    valued: dict[int, Form] = {}
    for form in given:
        for v in range(count):
            if form[v]:
                out.append([(v, form)])
        held = _valued(form)
        if held is not None:
            valued[held] = form
    if len(valued) > 1:
        out.append(list(valued.items()))
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


def _quoted(state: State, written: list[tuple[Expr, Expr]], names: tuple[str, ...]) -> dict[int, int]:
    """The line's equations (by index) that are one of the system's written as it stands (its sides, or
    them swapped), with the equation's number."""
    out: dict[int, int] = {}
    wrote = [(_side_forms(a, names), _side_forms(b, names)) for a, b in written]
    for number, (lhs, rhs) in enumerate(state.reading.premises, start=1):
        sides = _side_forms(lhs, names), _side_forms(rhs, names)
        if None in sides:
            continue
        for i, forms in enumerate(wrote):
            if forms in (sides, sides[::-1]):
                out.setdefault(i, number)
    return out


def note_heading(state: State, text: str) -> None:
    """A line of words that names a move ("## Step 2: Subtract the second equation from the first.")
    names the move of the next line with equations."""
    try:
        named = read_names(text, len(state.reading.premises))
    except Unknown:
        return  # words about the equations this reader does not follow: the next line is held to one move
    _carry(state, named)


def _carry(state: State, named: Named) -> None:
    """The last move a heading names is the one the next line with equations is held to."""
    if named.moves:
        last = max(named.moves, key=lambda move: move[0])
        state.system_named = Named(moves=[last], adds=named.adds, subtracts=named.subtracts)
