"""Knights and knaves: knights always tell the truth, knaves always lie.

Reference: {"kind": "knights", "people": ["Ava", "Ben"], "statements": {"Ava": formula, ...}}, where a
formula (see `csp.py`) speaks of ["var", name, "knight" | "knave"]. Each speaker is a knight exactly
when their statement is true. Answer and step claims: "Ava is a knight", "Ben is a knave" (also
"Ava: knight"); when the response has a line starting with "Answer", only the text from it on is read
for the answer, so reasoning about hypotheticals before it does not count.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp, check_formula, evaluate
from assay.errors import InputError

ROLES = ("knight", "knave")
NAMES = (
    "Ava", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lena", "Milo",
    "Nora", "Otto", "Pia", "Quinn", "Rosa", "Sam", "Tess",
)  # fmt: skip
MAX_PEOPLE = 12


def validate(reference: Mapping[str, Any]) -> list[str]:
    people = reference.get("people")
    statements = reference.get("statements")
    if (
        not isinstance(people, list)
        or not 1 <= len(people) <= MAX_PEOPLE
        or not all(isinstance(p, str) and re.fullmatch(r"[A-Za-z][A-Za-z'-]{0,30}", p) for p in people)
        or len(set(people)) != len(people)
    ):
        raise InputError(f"'reference.people' must be 1-{MAX_PEOPLE} distinct names (letters)")
    if not isinstance(statements, dict) or not set(statements) <= set(people):
        raise InputError("'reference.statements' must map speakers (from people) to formulas")
    domains = {p: ROLES for p in people}
    for formula in statements.values():
        check_formula(formula, domains)
    return list(people)


def build(reference: Mapping[str, Any]) -> Csp:
    people = validate(reference)
    csp = Csp()
    for person in people:
        csp.variable(person, ROLES)
    for speaker, formula in reference["statements"].items():
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


def _roles(reference: Mapping[str, Any], text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for person in reference["people"]:
        pattern = rf"\b{re.escape(person)}\b\s*(?:is\s+(?:an?\s+)?|:\s*|=\s*)(knights?|knaves?)\b"
        for match in re.finditer(pattern, text, re.I):
            found[person] = match.group(1).lower().rstrip("s")
    return found


def parse_answer(reference: Mapping[str, Any], text: str) -> dict[str, str] | str:
    text = text[-20_000:]
    start = [m.start() for m in re.finditer(r"^\s*\**answer\b", text, re.I | re.M)]
    roles = _roles(reference, text[start[-1] :] if start else text)
    missing = [p for p in reference["people"] if p not in roles]
    if missing:
        return f"no role given for {', '.join(missing)}"
    return roles


def parse_claim(reference: Mapping[str, Any], line: str) -> tuple[str, str] | None:
    roles = _roles(reference, line.split(":", 1)[0] if ":" in line[:60] else line)
    if len(roles) != 1:
        return None
    ((person, role),) = roles.items()
    return person, role


def format_answer(reference: Mapping[str, Any], solution: Mapping[str, str]) -> str:
    return ", ".join(f"{p} is a {solution[p]}" for p in reference["people"])


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    validate(reference)
    return enumerate_count(reference, limit)


def enumerate_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    """Solutions by trying every assignment of roles (for a reference already validated)."""
    people = reference["people"]
    count = 0
    for roles in itertools.product(ROLES, repeat=len(people)):
        answer = dict(zip(people, roles, strict=True))
        if not violations(reference, answer):
            count += 1
            if count >= limit:
                break
    return count


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
    def atom() -> list[Any]:
        return ["var", rng.choice(people), rng.choice(ROLES)]

    def make(level: int) -> list[Any]:
        if level == 0 or rng.random() < 0.3:
            return atom()
        op = rng.choice(("and", "or", "implies", "iff", "not"))
        if op == "not":
            return ["not", make(level - 1)]
        return [op, make(level - 1), make(level - 1)]

    return make(depth)


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
