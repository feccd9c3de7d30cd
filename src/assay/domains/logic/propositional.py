"""Propositional logic: premises over a few atoms that hold in exactly one assignment.

Reference: {"kind": "propositional", "atoms": ["p", "q", "r"], "premises": [formula, ...]}, formulas
over ["var", atom, "true" | "false"] (see `csp.py`). Answer and step claims: "p = true", "q = false"
(also "p is true", T/F, 1/0). As with knights, a line starting with "Answer" starts the answer.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Mapping
from typing import Any

from assay.domains.logic.csp import Csp, check_formula, evaluate
from assay.errors import InputError

VALUES = ("true", "false")
MAX_ATOMS = 16


def validate(reference: Mapping[str, Any]) -> list[str]:
    atoms = reference.get("atoms")
    premises = reference.get("premises")
    if (
        not isinstance(atoms, list)
        or not 1 <= len(atoms) <= MAX_ATOMS
        or not all(isinstance(a, str) and re.fullmatch(r"[a-z]\w{0,10}", a) for a in atoms)
        or len(set(atoms)) != len(atoms)
    ):
        raise InputError(f"'reference.atoms' must be 1-{MAX_ATOMS} distinct lower-case names")
    if not isinstance(premises, list) or not premises:
        raise InputError("'reference.premises' must be a non-empty list of formulas")
    domains = {a: VALUES for a in atoms}
    for formula in premises:
        check_formula(formula, domains)
    return list(atoms)


def build(reference: Mapping[str, Any]) -> Csp:
    atoms = validate(reference)
    csp = Csp()
    for atom in atoms:
        csp.variable(atom, VALUES)
    for premise in reference["premises"]:
        csp.require(premise)
    return csp


def cited_keys(reference: Mapping[str, Any], numbers: tuple[int, ...]) -> set[Any] | str:
    """The atoms the premises numbered (from 1, as the prompt numbers them) speak of: what a step that
    cites "premise 2" is about. A number with no premise says why."""
    premises = reference["premises"]
    bad = [k for k in numbers if not 1 <= k <= len(premises)]
    if bad:
        return f"premise {bad[0]} is cited, but the puzzle has premises 1-{len(premises)}"
    return {key for k in numbers for key in _atoms(premises[k - 1])}


def cited_gives(
    reference: Mapping[str, Any],
    numbers: tuple[int, ...],
    context: list[Any],
    formula: list[Any],
    restated: bool = False,
    forced: bool = False,
) -> str | None:
    """Why a claim that cites premises ("By premise 2, q is false", "From premises 1 and 2, r = false")
    is not given by them, or None. A citation says the cited premises, with what the trace established
    before the line (its facts, a case it refuted, a reason said beside the claim), give the claim: a
    premise about the same atoms that does not give it is a wrong reason, whether the claim is a literal
    or a premise rewritten. Checked over every assignment of the atoms: puzzles have few."""
    premises = reference["premises"]
    if any(not 1 <= k <= len(premises) for k in numbers):
        return None  # `cited_keys` says why
    parts = formula[1:] if formula[0] == "and" else [formula]
    atoms = list(reference["atoms"])
    cited = f"premise{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
    if not gives(atoms, [premises[k - 1] for k in numbers] + list(context), parts):
        return f"{render(parts[0])} does not follow from {cited} and the steps before"
    return None


def gives(atoms: list[str], given: list[Any], parts: list[Any]) -> bool:
    """Whether every assignment that makes all of `given` true makes all of `parts` true."""
    for bits in itertools.product(VALUES, repeat=len(atoms)):
        assignment = dict(zip(atoms, bits, strict=True))
        if all(evaluate(g, assignment) for g in given) and not all(evaluate(f, assignment) for f in parts):
            return False
    return True


def _atoms(formula: list[Any]) -> set[str]:
    if formula[0] == "var":
        return {formula[1]}
    return {atom for g in formula[1:] if isinstance(g, list) for atom in _atoms(g)}


def violations(reference: Mapping[str, Any], answer: Mapping[str, str]) -> list[str]:
    return [
        f"premise {i} ({render(p)}) is false under this assignment"
        for i, p in enumerate(reference["premises"], 1)
        if not evaluate(p, answer)
    ]


def format_answer(reference: Mapping[str, Any], solution: Mapping[str, str]) -> str:
    return ", ".join(f"{a} = {solution[a]}" for a in reference["atoms"])


def brute_count(reference: Mapping[str, Any], limit: int = 2) -> int:
    atoms = validate(reference)
    count = 0
    for values in itertools.product(VALUES, repeat=len(atoms)):
        if not violations(reference, dict(zip(atoms, values, strict=True))):
            count += 1
            if count >= limit:
                break
    return count


def render(formula: list[Any], nested: bool = False) -> str:
    op = formula[0]
    if op == "var":
        return formula[1] if formula[2] == "true" else f"¬{formula[1]}"
    if op == "true":
        return "⊤"
    if op == "false":
        return "⊥"
    if op == "not":
        return f"¬{render(formula[1], True)}"
    symbol = {"and": " ∧ ", "or": " ∨ ", "implies": " → ", "iff": " ↔ "}[op]
    text = symbol.join(render(g, True) for g in formula[1:])
    return f"({text})" if nested and len(formula) > 2 else text


def random_premise(rng: random.Random, atoms: list[str]) -> list[Any]:
    a, b = rng.sample(atoms, 2)
    la = ["var", a, rng.choice(VALUES)]
    lb = ["var", b, rng.choice(VALUES)]
    shape = rng.random()
    if shape < 0.35:
        return ["or", la, lb, ["var", rng.choice(atoms), rng.choice(VALUES)]]
    if shape < 0.65:
        return ["implies", la, lb]
    if shape < 0.8:
        return ["iff", la, lb]
    if shape < 0.9:
        return ["not", ["and", la, lb]]
    return ["or", la, lb]


def prompt(reference: Mapping[str, Any]) -> str:
    lines = [f"Atoms: {', '.join(reference['atoms'])}. These premises all hold:"]
    lines += [f"{i}. {render(p)}" for i, p in enumerate(reference["premises"], 1)]
    lines.append("Exactly one assignment makes them all true. Give the value of every atom.")
    return "\n".join(lines)
