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
import re
from collections.abc import Iterator
from fractions import Fraction

from assay.domains.math import mpoly
from assay.domains.math.decide import Unknown, exact_value, show
from assay.domains.math.expr import Bin, Expr, Neg, Num, nodes, number_leaves, variables
from assay.domains.math.step_state import State

Form = tuple[Fraction, ...]  # coefficients of the unknowns in order, then the constant: form = 0

# a line about the system's equations, not an operation on both sides of one ("subtract 2 from both sides")
_ABOUT_EQUATIONS = re.compile(
    r"\bequations?\b|\beqs?\b\.?|\beq\.?\s*\(?\d|\((?:[1-9]|i{1,3})\)|"
    r"\b(?:the|to|from|into|in)\s+(?:first|second|third|other|two|new|last)\b|\bthem\b|\bboth\s+equations\b",
    re.I,
)
# one of the system's equations named: "the first equation", "equation 2", "eq. (2)", "(2)"
_ONE = (
    r"(?:(?:the\s+)?(?P<word>first|second|third)(?:\s+(?:equation|one))?"
    r"|(?:equation|eq\.?)\s*\(?(?P<digit>[1-3])\)?|\((?P<paren>[1-3])\))"
)
# what follows comes from that equation: "From the first equation, y = 10 - x", "[equation 2]" as a label
_FROM = re.compile(rf"\b(?:from|using|by|rearrang(?:e|ing))\s+{_ONE}(?!\s*\w*\s*(?:into|in)\b)", re.I)
_LABEL = re.compile(rf"\[\s*{_ONE}\s*\]", re.I)
# what follows is that equation with something put in: "Substitute into the first", "put y into equation 1"
_INTO = re.compile(rf"\b(?:into|in)\s+{_ONE}", re.I)
_MULTIPLIED = re.compile(rf"\bmultipl(?:y|ies|ying|ied)\s+{_ONE}", re.I)
_ORDINALS = {"first": 0, "second": 1, "third": 2}
_FACTOR = re.compile(r"\b(?:\d+(?:/\d+)?\s*(?:times|×)|twice|double|triple|half|multipl\w*)\b", re.I)
_ADD = re.compile(r"\badd(?:s|ing|ed)?\b|\bsum(?:ming)?\b", re.I)
_SUBTRACT = re.compile(r"\bsubtract(?:s|ing|ed)?\b|\bdifference\b", re.I)
_MULTIPLY = re.compile(
    r"\bmultipl(?:y|ies|ying|ied)\b[^:;]*?\bby\s+(?P<by>[-−]?\d+(?:/\d+)?)(?![\d/.])", re.I
)


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
    said: list[Form] = []
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
                        if not _one_move(form, had) and _named_combination(text, form, had) is None:
                            raise Unknown(
                                f"{show(a)} = {show(b)} holds at the solution, but it is neither a multiple "
                                "of an equation before it nor two of them combined to remove a variable"
                            )
                _note_numbers(state.system_numbers, [a, b], form)
        return _named_move(text, known, said, len(state.reading.premises))
    finally:
        # had by the lines after, even when this one is unknown: the first step that fails is the one found
        known.extend(said)


def _note_numbers(seen: set[Fraction], parts: list[Expr], form: Form | None) -> None:
    """The numbers a line has written or computed: its literals, the values of its parts without unknowns
    (`4(7)` gives 28), and its equation's coefficients once collected."""
    for part in parts:
        for node in nodes(part):
            if isinstance(node, Num):
                seen.add(abs(node.value))
            elif not variables(node):
                value = exact_value(node)
                if isinstance(value, Fraction | int):
                    seen.add(abs(Fraction(value)))
    if form is not None:
        seen.update(abs(v) for v in form)


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
    return any(_eliminates(form, ki, kj) for ki, kj in _pairs(known))


def _pairs(known: list[Form]) -> Iterator[tuple[Form, Form]]:
    """Every two of the equations had, the latest first (a move most often combines the lines just
    before it; whether some pair does is the same in any order, and each question is symmetric in the
    two)."""
    return itertools.combinations(known[::-1], 2)


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
    c = form[pivot] / of[pivot]
    for f, o in zip(form, of, strict=True):
        if f != c * o:
            return None
    return c


def _combination(form: Form, ki: Form, kj: Form) -> tuple[Fraction, Fraction] | None:
    """(α, β) with form = α·ki + β·kj, both non-zero, or None (ki and kj not multiples of each other)."""
    for p, q in itertools.combinations(range(len(form)), 2):
        det = ki[p] * kj[q] - ki[q] * kj[p]
        if det:
            alpha = (form[p] * kj[q] - form[q] * kj[p]) / det
            beta = (ki[p] * form[q] - ki[q] * form[p]) / det
            if not alpha or not beta:
                return None
            ok = all(f == alpha * x + beta * y for f, x, y in zip(form, ki, kj, strict=True))
            return (alpha, beta) if ok else None
    return None


def _eliminates(form: Form, ki: Form, kj: Form) -> bool:
    """form is ki and kj combined so that a variable both have is gone."""
    if _combination(form, ki, kj) is None:
        return False
    return any(ki[v] and kj[v] and not form[v] for v in range(len(form) - 1))


def _named_move(text: str, known: list[Form], said: list[Form], premises: int) -> str:
    if not said:
        return ""
    about, adds, subtracts, _ = _words(text)
    if not about or text.rstrip(" *").endswith(":"):
        # a heading ("Substituting x = 4 into the second equation:") names the move of the lines below it
        return "each equation one move from those before it"
    for pattern, how in ((_LABEL, "label"), (_FROM, "from"), (_INTO, "into"), (_MULTIPLIED, "label")):
        if how == "from" and subtracts:
            continue  # "subtract the second from the first" names two equations, not a source
        named = pattern.search(text)
        if named is not None:
            k = _which(named, premises)
            _from_one(known[k], said, known, how)
    multiply = _MULTIPLY.search(text)
    if multiply is not None:
        by = Fraction(multiply.group("by").replace("−", "-"))
        if not any(_multiple(f, k) in (by, -by) for f in said for k in known):
            by_text = multiply.group("by")
            raise Unknown(f"the line multiplies an equation by {by_text}, but no equation on it is that")
        return f"an equation multiplied by {multiply.group('by')}"
    for f in said:
        found = _named_combination(text, f, known)
        if found is not None:
            return found
    if adds or subtracts:
        what = "adds" if adds else "subtracts"
        if not (adds and subtracts):  # both ("add ... and subtract ..."): not read
            raise Unknown(f"the line {what} equations, but no equation on it is what that gives")
    return "each equation one move from those before it"


# a pure function of a line's text, asked for each equation on it: the answers are kept (bounded)
@functools.lru_cache(maxsize=256)
def _words(text: str) -> tuple[bool, bool, bool, bool]:
    """Whether the line speaks of the system's equations, and then whether it says adding, subtracting,
    and a factor (all False when it does not speak of them: no move is read from its words then)."""
    if not _ABOUT_EQUATIONS.search(text):
        return False, False, False, False
    return (
        True,
        _ADD.search(text) is not None,
        _SUBTRACT.search(text) is not None,
        _FACTOR.search(text) is not None,
    )


def _which(named: re.Match[str], premises: int) -> int:
    word, digit = named.group("word"), named.group("digit") or named.group("paren")
    k = _ORDINALS[word.lower()] if word else int(digit) - 1
    if k >= premises:
        raise Unknown(f"the line names equation {k + 1}, and the system has {premises}")
    return k


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


def _named_combination(text: str, form: Form, known: list[Form]) -> str | None:
    """Evidence if the line names adding (or subtracting) equations and form is two of them added (or
    subtracted), each scaled or not; None otherwise. A named sum need not remove a variable."""
    about, adds, subtracts, scaled = _words(text)
    if not about or adds == subtracts:  # neither adding nor subtracting, or both
        return None
    for ki, kj in _pairs(known):
        found = _combination(form, ki, kj)
        if found is None or (found[0] * found[1] > 0) != adds:
            continue
        # as written, the two are added or subtracted whole; with a factor said ("add 3 times the second
        # to the first"), each may be scaled
        if scaled or abs(found[0]) == abs(found[1]):
            return "the sum of two equations" if adds else "the difference of two equations"
    return None
