"""Knights and knaves: knights always tell the truth, knaves always lie.

Reference: {"kind": "knights", "people": ["Ava", "Ben"], "statements": {"Ava": formula, ...}}, where a
formula (see `csp.py`) speaks of ["var", name, "knight" | "knave"]. Each speaker is a knight exactly
when their statement is true. Optional "role_words": ["saint", "sinner"] names the two roles the way the
puzzle does (reasoning-gym's pioneers and laggards, angels and devils); "knight" and "knave" are always
understood too. Claims are read by the grammar in `knights_read.py` (plural, grouped, negated, "tells the
truth", "X's statement is false", tables); the answer is what the answer section asserts (see `read.py`).
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from collections.abc import Callable, Mapping
from typing import Any

from assay.domains.logic.csp import Csp, check_formula, evaluate
from assay.domains.logic.knights_cited import cited_gives as cited_gives
from assay.domains.logic.knights_cited import cited_keys as cited_keys
from assay.errors import InputError

ROLES = ("knight", "knave")
NAMES = (
    "Ava", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lena", "Milo",
    "Nora", "Otto", "Pia", "Quinn", "Rosa", "Sam", "Tess",
)  # fmt: skip
MAX_PEOPLE = 12


_PERSON = re.compile(r"[A-Za-z][A-Za-z'-]{0,30}")
_ROLE_WORD = re.compile(r"[A-Za-z][a-z-]{1,20}")


def validate(reference: Mapping[str, Any]) -> list[str]:
    people = reference.get("people")
    statements = reference.get("statements")
    if (
        not isinstance(people, list)
        or not 1 <= len(people) <= MAX_PEOPLE
        or not all(isinstance(p, str) and _PERSON.fullmatch(p) for p in people)
        or len(set(people)) != len(people)
    ):
        raise InputError(f"'reference.people' must be 1-{MAX_PEOPLE} distinct names (letters)")
    role_words = reference.get("role_words")
    if role_words is not None and (
        not isinstance(role_words, list)
        or len(role_words) != 2
        or not all(isinstance(w, str) and _ROLE_WORD.fullmatch(w) for w in role_words)
        or len({w.lower() for w in role_words} | {p.lower() for p in people}) != 2 + len(people)
    ):
        raise InputError("'reference.role_words' must be two words: the truth-teller's and the liar's")
    if not isinstance(statements, dict) or not set(statements) <= set(people):
        raise InputError("'reference.statements' must map speakers (from people) to formulas")
    domains = {p: ROLES for p in people}
    for formula in statements.values():
        check_formula(formula, domains)
    return list(people)


def build(reference: Mapping[str, Any]) -> Csp:
    return puzzle_csp(validate(reference), reference["statements"])


def puzzle_csp(people: list[str], statements: Mapping[str, Any]) -> Csp:
    """The puzzle as a CSP, for statements already checked (by `validate`, or made by the generator)."""
    csp = Csp()
    for person in people:
        csp.variable(person, ROLES)
    for speaker, formula in statements.items():
        csp.require(["iff", ["var", speaker, "knight"], formula])
    return csp


def violations(reference: Mapping[str, Any], answer: Mapping[str, str]) -> list[str]:
    problems = []
    for speaker, formula in reference["statements"].items():
        true = evaluate(formula, answer)
        if true != (answer[speaker] == "knight"):
            says = "true" if true else "false"
            problems.append(f"{speaker}'s statement is {says}, so {speaker} cannot be a {answer[speaker]}")
    return problems


def format_answer(reference: Mapping[str, Any], solution: Mapping[str, str]) -> str:
    return ", ".join(f"{p} is a {solution[p]}" for p in reference["people"])


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Solutions by evaluating every statement under every assignment of roles in turn: the second
    solver, sharing no code with the SAT path nor with the truth tables of `enumerate_solutions`."""
    validate(reference)
    people = reference["people"]
    statements = list(reference["statements"].items())
    found = 0
    for roles in itertools.product(ROLES, repeat=len(people)):
        answer = dict(zip(people, roles, strict=True))
        if all(evaluate(formula, answer) == (answer[speaker] == "knight") for speaker, formula in statements):
            found += 1
            if found >= limit:
                break
    return found


def enumerate_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Solutions (up to limit) by trying every assignment of roles (for a reference already validated):
    the assignments `enumerate_solutions` would list, counted without listing them."""
    return min(limit, _consistent(reference)[0].bit_count())


def enumerate_solutions(reference: Mapping[str, Any], limit: int = 2) -> list[dict[str, str]]:
    """Up to limit solutions, every assignment of roles tried (for a reference already validated):
    exact, like SAT, and for a few people cheaper than starting a solver. The assignments are taken in
    the order of `itertools.product(ROLES, repeat=len(people))`, assignment i being bit i of a truth
    table, so each statement is evaluated once for all of them (`_table`) rather than once per
    assignment."""
    people = reference["people"]
    consistent, knight_at = _consistent(reference)
    found: list[dict[str, str]] = []
    while consistent and len(found) < limit:
        i = (consistent & -consistent).bit_length() - 1  # the next assignment in product order
        consistent &= consistent - 1
        found.append({person: ROLES[0] if knight_at[person] >> i & 1 else ROLES[1] for person in people})
    return found


def _consistent(reference: Mapping[str, Any]) -> tuple[int, dict[str, int]]:
    """The table of the assignments where every statement's truth is its speaker's role (see
    `enumerate_solutions`), and each person's table of being a knight."""
    people = reference["people"]
    full = (1 << (1 << len(people))) - 1  # the table true under every assignment
    knight_at = dict(zip(people, _knight_columns(len(people)), strict=True))
    consistent = full
    for speaker, formula in reference["statements"].items():
        # a speaker is a knight exactly where their statement is true
        consistent &= full ^ (_table(formula, knight_at, full) ^ knight_at[speaker])
    return consistent, knight_at


@functools.lru_cache(maxsize=MAX_PEOPLE + 1)
def _knight_columns(n: int) -> tuple[int, ...]:
    """For each of n people, the table of the assignments where they are a knight: bit i set where person
    j is a knight in assignment i. In product order the first person's role changes slowest, and
    ROLES[0] (knight) comes first."""
    size = 1 << n
    return tuple(sum(1 << i for i in range(size) if not (i >> (n - 1 - j)) & 1) for j in range(n))


def _table(formula: list[Any], knight_at: Mapping[str, int], full: int) -> int:
    """The formula's truth table: bit i set where it is true under assignment i (see
    `enumerate_solutions`); the same truth values as `evaluate`, for every assignment at once."""
    op = formula[0]
    if op == "var":
        column = knight_at[formula[1]]
        return column if formula[2] == ROLES[0] else full ^ column if formula[2] == ROLES[1] else 0
    if op == "not":
        return full ^ _table(formula[1], knight_at, full)
    if op == "and":
        table = full
        for part in formula[1:]:
            table &= _table(part, knight_at, full)
        return table
    if op == "or":
        table = 0
        for part in formula[1:]:
            table |= _table(part, knight_at, full)
        return table
    if op == "implies":
        return (full ^ _table(formula[1], knight_at, full)) | _table(formula[2], knight_at, full)
    if op == "iff":
        return full ^ (_table(formula[1], knight_at, full) ^ _table(formula[2], knight_at, full))
    if op == "true":
        return full
    if op == "false":
        return 0
    raise InputError(f"unknown operator {op!r}")


SMALL = 6  # people: up to 2**6 assignments are enumerated; more, and SAT counts the solutions


def small_solutions(reference: Mapping[str, Any], limit: int) -> list[dict[str, str]] | None:
    """The solutions (up to limit) of a puzzle of at most SMALL people, by enumeration; None for a
    larger one. `check.py` counts with it before it would start a SAT solver, which a plain answer
    then never needs."""
    if len(reference["people"]) > SMALL:
        return None
    return enumerate_solutions(reference, limit)


# --- statements in English ------------------------------------------------------------------------------


def render(formula: list[Any], nested: bool = False) -> str:
    op = formula[0]
    if op == "var":
        return f"{formula[1]} is a {formula[2]}"
    if op == "not":
        inner = formula[1]
        if inner[0] == "var":
            other = "knave" if inner[2] == "knight" else "knight"
            return f"{inner[1]} is a {other}"
        return f"it is false that {render(inner, True)}"
    if op == "and":
        text = " and ".join(render(g, True) for g in formula[1:])
    elif op == "or":
        text = " or ".join(render(g, True) for g in formula[1:]) + " (or both)"
    elif op == "implies":
        text = f"if {render(formula[1], True)} then {render(formula[2], True)}"
    else:
        text = f"{render(formula[1], True)} if and only if {render(formula[2], True)}"
    return f"({text})" if nested else text


def random_statement(rng: random.Random, speaker: str, people: list[str], depth: int) -> list[Any]:
    return _random_formula(rng.random, rng.getrandbits, people, depth)


_OPERATORS = ("and", "or", "implies", "iff", "not")


def _random_formula(
    uniform: Callable[[], float], bits: Callable[[int], int], people: list[str], level: int
) -> list[Any]:
    """A random formula, drawn as `rng.choice` draws (its index from `n.bit_length()` random bits, drawn
    again while out of range), inline: a statement takes a dozen draws, and `choice` is two calls deep
    for each. The same stream, so the same puzzles, as with `choice` (test_knights_generation.py)."""
    # a module function, not a closure that calls itself: such a closure is a reference cycle, left
    # (with the random stream) to the cyclic collector after every statement
    if level == 0 or uniform() < 0.3:
        width = len(people).bit_length()
        who = bits(width)
        while who >= len(people):
            who = bits(width)
        role = bits(2)  # two roles: 2 .bit_length() bits
        while role >= 2:
            role = bits(2)
        return ["var", people[who], ROLES[role]]
    op = bits(3)  # five operators
    while op >= 5:
        op = bits(3)
    if op == 4:
        return ["not", _random_formula(uniform, bits, people, level - 1)]
    return [
        _OPERATORS[op],
        _random_formula(uniform, bits, people, level - 1),
        _random_formula(uniform, bits, people, level - 1),
    ]


def prompt(reference: Mapping[str, Any]) -> str:
    people = reference["people"]
    lines = [
        "On this island every inhabitant is a knight, who always tells the truth, "
        "or a knave, who always lies.",
        f"You meet {len(people)}: {', '.join(people)}.",
    ]
    for speaker, formula in reference["statements"].items():
        lines.append(f'{speaker} says: "{render(formula)}."')
    lines.append("Who is a knight and who is a knave?")
    return "\n".join(lines)
