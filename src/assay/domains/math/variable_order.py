"""The order in which a prompt names a system's unknowns ("Solve for y and x", "the ordered pair (b, a)").

A bare tuple answer `(2, 3)` gives the unknowns' values in an order. When the prompt names every unknown in
a list ("solve for y and x", "find (b, a)"), that list is the order, for the reference as for the response;
otherwise it is the alphabetical one. A list counts only where it names the unknowns and nothing else: after
a word that asks for them (for, find, of, pair, ...) or inside parentheses, and not as a side of an equation
(`x + 1 = y and x - 2y = 0` lists nothing). A prompt that lists the unknowns in two different orders has no
order a tuple could follow; `prompt_order` then says so and the problem is not read.
"""

from __future__ import annotations

import re

from assay.domains.math.fold import fold_unicode

# one unknown's name as a word of its own: `x`, not the `x` of `2x` or of `max`
_NAME = r"(?<![\w\\])[A-Za-z](?![\w(])"
_JOIN = r"\s{0,4}(?:,\s{0,4}and|,|and|&)\s{0,4}"  # bounded: no repeat inside the list's repeat
_LIST = re.compile(rf"(?P<list>{_NAME}(?:{_JOIN}{_NAME})+)")
# what may come right before a list: a word that asks for the unknowns, or an opening parenthesis
_CUE = re.compile(
    r"(?:\b(?:for|find|of|pair|triple|triplet|determine|compute|solve|give|as|values|solutions?)\s*\(?|(?<![\w\\])\()\s*$",
    re.IGNORECASE,
)
# what may not come right after one: an operator or a relation, which makes the last name part of an equation
_AFTER_MATH = re.compile(r"^\s*\)?\s*[=+\-*/^<>≤≥]")
# nor right before one, or a function's bracket: `x + 1 = y and x ...`, `max(y, x)` are math, not a list
_BEFORE_MATH = re.compile(r"(?:[=+\-*/^<>≤≥]\s*\(?|\w\()\s*$")


class OrderConflict(ValueError):
    """The prompt lists its unknowns in two different orders."""


def prompt_order(prompt: str, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """The unknowns in the order the prompt lists them, or None when it lists them nowhere.

    names: the system's unknowns. Raises OrderConflict when two lists disagree.
    """
    text = fold_unicode(prompt).replace("$", " ").replace("\\(", "(").replace("\\)", ")")
    wanted = set(names)
    found: tuple[str, ...] | None = None
    uncued: list[tuple[str, ...]] = []
    for match in _LIST.finditer(text):
        listed = tuple(re.findall(_NAME, match.group("list")))
        if len(listed) != len(names) or set(listed) != wanted:
            continue
        if _AFTER_MATH.match(text[match.end() :]) or _BEFORE_MATH.search(text[: match.start()]):
            continue
        if not _CUE.search(text[: match.start()]):
            uncued.append(listed)
            continue
        if found is not None and found != listed:
            first, second = ", ".join(found), ", ".join(listed)
            raise OrderConflict(f"the prompt lists its unknowns as {first} and as {second}")
        found = listed
    if found is None:
        # `What are y and x if ...`, `y and x are integers`: a list in words no cue above reads, in an
        # order that is not the alphabetical one a tuple is otherwise read in, may be the order asked for
        for listed in uncued:
            if listed != tuple(sorted(names)):
                shown = ", ".join(listed)
                raise OrderConflict(f"the prompt names its unknowns as {shown} but asks for no order")
    return found
