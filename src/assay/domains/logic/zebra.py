"""Zebra puzzles: n houses in a row, m attributes, each value in exactly one house.

Reference: {"kind": "zebra", "houses": 4, "attributes": {"color": ["red", ...], "pet": [...]},
"clues": [clue, ...]}. A value is named [attribute, value]; clues:
    ["same", A, B]          A and B are in the same house
    ["different", A, B]     A and B are in different houses
    ["position", A, k]      A is in house k (1 = leftmost)
    ["not_position", A, k]  A is not in house k
    ["left_of", A, B]       A is immediately left of B
    ["next_to", A, B]       A and B are neighbours
    ["before", A, B]        A is somewhere left of B
Answer: one line per house, "House 2: red, dog, tea, ..." (values of every attribute, any order).
Step claims: "house 2 color = red" or "red is in house 2". Steps are read by `zebra_read.py`, the answer
by `zebra_answer.py`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp
from assay.errors import InputError

ATTRIBUTES = {
    "color": ["red", "green", "blue", "yellow", "white", "black"],
    "nationality": ["Brit", "Swede", "Dane", "German", "Norwegian", "Spaniard"],
    "drink": ["tea", "coffee", "milk", "water", "juice", "cocoa"],
    "pet": ["dog", "cat", "bird", "fish", "horse", "rabbit"],
    "hobby": ["chess", "golf", "piano", "painting", "hiking", "poetry"],
}
KINDS = ("same", "different", "position", "not_position", "left_of", "next_to", "before")
Value = tuple[str, str]


def validate(reference: Mapping[str, Any]) -> tuple[int, dict[str, list[str]]]:
    n = reference.get("houses")
    attributes = reference.get("attributes")
    if not isinstance(n, int) or isinstance(n, bool) or not 2 <= n <= 8:
        raise InputError("'reference.houses' must be a whole number from 2 to 8")
    if not isinstance(attributes, dict) or not 1 <= len(attributes) <= 8:
        raise InputError("'reference.attributes' must map 1-8 attribute names to their values")
    names: set[str] = set()
    for attribute, values in attributes.items():
        if not isinstance(values, list) or len(values) != n or len(set(values)) != n:
            raise InputError(f"attribute {attribute!r} must have {n} distinct values")
        if not all(isinstance(v, str) and re.fullmatch(r"[A-Za-z][\w-]{0,30}", v) for v in values):
            raise InputError(f"values of {attribute!r} must be words")
        if names & {v.lower() for v in values}:
            raise InputError("a value name is used by two attributes")
        names |= {v.lower() for v in values}
    clues = reference.get("clues")
    if not isinstance(clues, list) or len(clues) > 200:
        raise InputError("'reference.clues' must be a list of at most 200 clues")
    for clue in clues:
        _check_clue(clue, n, attributes)
    return n, attributes


def _value(item: Any, attributes: Mapping[str, list[str]]) -> Value:
    if not (
        isinstance(item, list) and len(item) == 2 and item[0] in attributes and item[1] in attributes[item[0]]
    ):
        raise InputError(f"not a known [attribute, value]: {str(item)[:60]}")
    return item[0], item[1]


def _check_clue(clue: Any, n: int, attributes: Mapping[str, list[str]]) -> None:
    if not isinstance(clue, list) or len(clue) != 3 or clue[0] not in KINDS:
        raise InputError(f"not a clue: {str(clue)[:60]}")
    _value(clue[1], attributes)
    if clue[0] in ("position", "not_position"):
        if not isinstance(clue[2], int) or isinstance(clue[2], bool) or not 1 <= clue[2] <= n:
            raise InputError(f"house number out of range in {clue}")
    else:
        _value(clue[2], attributes)


def build(reference: Mapping[str, Any]) -> Csp:
    n, attributes = validate(reference)
    houses = range(1, n + 1)
    csp = Csp()
    for attribute, values in attributes.items():
        for value in values:
            csp.variable((attribute, value), houses)
        csp.all_different([(attribute, v) for v in values])
    for kind, a, b in reference["clues"]:
        a = (a[0], a[1])
        if kind == "position":
            csp.clause([csp.lit(a, b)])
            continue
        if kind == "not_position":
            csp.clause([-csp.lit(a, b)])
            continue
        b = (b[0], b[1])
        for h in houses:
            x = csp.lit(a, h)
            if kind == "same":
                csp.clause([-x, csp.lit(b, h)])
            elif kind == "different":
                csp.clause([-x, -csp.lit(b, h)])
            elif kind == "left_of":
                csp.clause([-x] + ([csp.lit(b, h + 1)] if h < n else []))
            elif kind == "next_to":
                csp.clause([-x] + [csp.lit(b, k) for k in (h - 1, h + 1) if 1 <= k <= n])
            else:  # before
                csp.clause([-x] + [csp.lit(b, k) for k in range(h + 1, n + 1)])
    return csp


def holds(clue: list[Any], where: Mapping[Value, int]) -> bool:
    kind, a = clue[0], where[(clue[1][0], clue[1][1])]
    if kind == "position":
        return bool(a == clue[2])
    if kind == "not_position":
        return bool(a != clue[2])
    b = where[(clue[2][0], clue[2][1])]
    return {
        "same": a == b,
        "different": a != b,
        "left_of": a + 1 == b,
        "next_to": abs(a - b) == 1,
        "before": a < b,
    }[kind]


def violations(reference: Mapping[str, Any], answer: Mapping[Value, int]) -> list[str]:
    n, attributes = validate(reference)
    problems = []
    for attribute, values in attributes.items():
        if sorted(answer[(attribute, v)] for v in values) != list(range(1, n + 1)):
            problems.append(f"the {attribute} values are not one per house")
    problems += [
        f"clue {i} is false: {render(c)}" for i, c in enumerate(reference["clues"], 1) if not holds(c, answer)
    ]
    return problems


def format_answer(reference: Mapping[str, Any], solution: Mapping[Value, int]) -> str:
    n, attributes = validate(reference)
    lines = []
    for house in range(1, n + 1):
        values = [v for a, vs in attributes.items() for v in vs if solution[(a, v)] == house]
        lines.append(f"House {house}: {', '.join(values)}")
    return "\n".join(lines)


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Backtracking over one attribute's permutation at a time, checking clues as soon as they apply."""
    import itertools

    n, attributes = validate(reference)
    names = list(attributes)
    clues = reference["clues"]
    count = 0
    where: dict[Value, int] = {}

    def ready(clue: list[Any], done: set[str]) -> bool:
        if clue[0] in ("position", "not_position"):
            return bool(clue[1][0] in done)
        return bool(clue[1][0] in done and clue[2][0] in done)

    def search(i: int, done: set[str]) -> bool:
        nonlocal count
        if i == len(names):
            count += 1
            return count >= limit
        attribute = names[i]
        now = done | {attribute}
        relevant = [c for c in clues if ready(c, now) and not ready(c, done)]
        for perm in itertools.permutations(range(1, n + 1)):
            for value, house in zip(attributes[attribute], perm, strict=True):
                where[(attribute, value)] = house
            if all(holds(c, where) for c in relevant) and search(i + 1, now):
                return True
        for value in attributes[attribute]:
            where.pop((attribute, value), None)
        return False

    search(0, set())
    return count


def render(clue: list[Any]) -> str:
    kind, a = clue[0], f"the {clue[1][0]} {clue[1][1]}"
    if kind == "position":
        return f"{a} is in house {clue[2]}"
    if kind == "not_position":
        return f"{a} is not in house {clue[2]}"
    b = f"the {clue[2][0]} {clue[2][1]}"
    return {
        "same": f"{a} is in the same house as {b}",
        "different": f"{a} is not in the same house as {b}",
        "left_of": f"{a} is directly left of {b}",
        "next_to": f"{a} is next to {b}",
        "before": f"{a} is somewhere left of {b}",
    }[kind]


def random_clue(rng: random.Random, solution: Mapping[Value, int], n: int, kinds: list[str]) -> list[Any]:
    """A clue that is true of the solution."""
    values = list(solution)
    while True:
        kind = rng.choice(kinds)
        a = rng.choice(values)
        if kind == "position":
            return [kind, list(a), solution[a]]
        if kind == "not_position":
            house = rng.choice([h for h in range(1, n + 1) if h != solution[a]])
            return [kind, list(a), house]
        b = rng.choice([v for v in values if v[0] != a[0]])
        clue = [kind, list(a), list(b)]
        if holds(clue, solution):
            return clue


def prompt(reference: Mapping[str, Any]) -> str:
    n, attributes = validate(reference)
    lines = [f"There are {n} houses in a row, numbered 1 (left) to {n} (right)."]
    for attribute, values in attributes.items():
        lines.append(f"Each house has a different {attribute}: {', '.join(values)}.")
    lines.append("Clues:")
    lines += [f"{i}. {render(c).capitalize()}." for i, c in enumerate(reference["clues"], 1)]
    lines.append("Give each house's values, one line per house: House 1: ...")
    return "\n".join(lines)


def cited_keys(reference: Mapping[str, Any], numbers: tuple[int, ...]) -> set[Any] | str:
    """The values the clues numbered (from 1, as the prompt numbers them) speak of, as (attribute,
    value) keys: what a step that cites "clue 3" is about. A number with no clue says why."""
    clues = reference["clues"]
    bad = [k for k in numbers if not 1 <= k <= len(clues)]
    if bad:
        return f"clue {bad[0]} is cited, but the puzzle has clues 1-{len(clues)}"
    keys: set[Any] = set()
    for k in numbers:
        _, a, b = clues[k - 1]
        keys |= {(a[0], a[1])} | ({(b[0], b[1])} if isinstance(b, list) else set())
    return keys


def cited_gives(
    reference: Mapping[str, Any],
    numbers: tuple[int, ...],
    context: list[Any],
    formula: list[Any],
    restated: bool = False,
    forced: bool = False,
) -> str | None:
    """Why a claim that cites clues ("Clue 2 says the bird is in house 2", "Using clue 1, the Norwegian
    is in house 1") does not follow from those clues and what is known, or None: the clue a step names
    must be one that gives it, not any clue about the same things. Known: the steps before and the
    puzzle's placements ("red is in house 1"), which reasoning uses as givens without citing them
    ("the dog's house is house 1 (clue 3)" when clue 3 puts the dog with red); not for a clue `restated`
    ("Clue 2 says ..."), which must say it itself."""
    clues = reference["clues"]
    if any(not 1 <= k <= len(clues) for k in numbers):
        return None  # `cited_keys` says why
    givens = [] if restated or forced else [c for c in clues if c[0] in ("position", "not_position")]
    cited = build({**reference, "clues": [clues[k - 1] for k in numbers] + givens})
    # the cited clue must be what gives it: a claim another placement is by itself ("The bird is in
    # house 2 (clue 2)" when clue 3 places the bird) names the wrong clue
    others = [c for c in givens if c not in [clues[k - 1] for k in numbers]]
    if cited.follows(list(context), formula) and not (
        others and build({**reference, "clues": others}).follows([], formula)
    ):
        return None
    named = f"clue{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
    return f"the claim does not follow from {named} and the steps before"
