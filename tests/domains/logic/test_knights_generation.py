"""Knights generation draws its statements as `random.Random.choice` would: the same seeds give the same
puzzles as before the draws were inlined (`knights._random_formula`)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from assay.domains.logic import knights


def _by_choice(rng: random.Random, people: list[str], level: int) -> list[Any]:
    """The statement as it was drawn with `choice`, call for call."""
    if level == 0 or rng.random() < 0.3:
        return ["var", rng.choice(people), rng.choice(knights.ROLES)]
    op = rng.choice(("and", "or", "implies", "iff", "not"))
    if op == "not":
        return ["not", _by_choice(rng, people, level - 1)]
    return [op, _by_choice(rng, people, level - 1), _by_choice(rng, people, level - 1)]


@pytest.mark.parametrize("people", [2, 3, 5, 8])
@pytest.mark.parametrize("depth", [1, 2, 3])
def test_statements_are_drawn_as_choice_draws_them(people: int, depth: int) -> None:
    names = list(knights.NAMES[:people])
    ours, theirs = random.Random(people * 10 + depth), random.Random(people * 10 + depth)
    for _ in range(300):
        assert knights.random_statement(ours, names[0], names, depth) == _by_choice(theirs, names, depth)
    assert ours.random() == theirs.random()  # and the stream is left where choice left it
