"""Knights' truth-table enumeration (`knights.enumerate_solutions`) against the plain one: every
assignment of roles in product order, each statement evaluated under it (`csp.evaluate`). The check
counts a small puzzle's solutions with the tables alone, so they must agree exactly: the same
solutions, in the same order, for any formula the reference may hold."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from assay.domains.logic import knights
from assay.domains.logic.csp import evaluate
from assay.errors import InputError


def _plain(reference: dict[str, Any], limit: int) -> list[dict[str, str]]:
    people = reference["people"]
    found = []
    for roles in itertools.product(knights.ROLES, repeat=len(people)):
        answer = dict(zip(people, roles, strict=True))
        if all(evaluate(f, answer) == (answer[s] == "knight") for s, f in reference["statements"].items()):
            found.append(answer)
            if len(found) >= limit:
                break
    return found


def _formula(rng: random.Random, people: list[str], depth: int) -> list[Any]:
    if depth == 0 or rng.random() < 0.25:
        if rng.random() < 0.05:
            return [rng.choice(("true", "false"))]
        return ["var", rng.choice(people), rng.choice(knights.ROLES)]
    op = rng.choice(("and", "or", "implies", "iff", "not"))
    if op == "not":
        return ["not", _formula(rng, people, depth - 1)]
    if op in ("and", "or"):  # one to three parts: the readers' formulas are not only binary
        return [op, *(_formula(rng, people, depth - 1) for _ in range(rng.randint(1, 3)))]
    return [op, _formula(rng, people, depth - 1), _formula(rng, people, depth - 1)]


@pytest.mark.parametrize("seed", range(60))
def test_truth_tables_find_what_evaluation_finds(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        people = list(knights.NAMES[: rng.randint(1, 6)])
        speakers = rng.sample(people, rng.randint(0, len(people)))  # some people may say nothing
        reference = {
            "kind": "knights",
            "people": people,
            "statements": {s: _formula(rng, people, rng.randint(0, 4)) for s in speakers},
        }
        knights.validate(reference)
        for limit in (1, 2, 3, 64):
            assert knights.enumerate_solutions(reference, limit) == _plain(reference, limit)
            assert knights.enumerate_count(reference, limit) == len(_plain(reference, limit))
        assert knights.brute_count(reference, 2) == len(_plain(reference, 2))


def test_a_puzzle_with_no_statements_has_every_assignment() -> None:
    reference = {"kind": "knights", "people": ["Ava", "Ben"], "statements": {}}
    assert knights.enumerate_solutions(reference, 5) == [
        {"Ava": "knight", "Ben": "knight"},
        {"Ava": "knight", "Ben": "knave"},
        {"Ava": "knave", "Ben": "knight"},
        {"Ava": "knave", "Ben": "knave"},
    ]


def test_an_unknown_operator_is_an_input_error_as_in_evaluate() -> None:
    reference = {"kind": "knights", "people": ["Ava"], "statements": {"Ava": ["xor", ["true"], ["true"]]}}
    with pytest.raises(InputError):
        knights.enumerate_solutions(reference, 2)
