"""A zebra answer given by company ("The Swede lives in house 1 and owns the dog") places the company
too, and an answer whose labels name another attribute than their values ("| Drink |" over "dog",
"drink: dog") is no answer (`zebra_answer.py`, `zebra_read.tokenise`)."""

from __future__ import annotations

import pytest

from tests.domains.logic.puzzles import ZEBRA, logic_status

RIGHT = [("1", "red", "dog"), ("2", "green", "cat"), ("3", "blue", "fish")]


def _table(heading: list[str]) -> str:
    rows = "\n".join(f"| {house} | {color} | {pet} |" for house, color, pet in RIGHT)
    return "| " + " | ".join(heading) + " |\n|---|---|---|\n" + rows


@pytest.mark.parametrize(
    "response",
    [
        "The red house is house 1 and has the dog. The green house is house 2 and has the cat. "
        "The blue house is house 3 and has the fish.",
        "The dog lives in house 1.\nThe dog lives in the red house.\nThe cat is in house 2.\n"
        "The cat is in the green house.\nThe fish is in house 3.\nThe fish is in the blue house.",
    ],
)
def test_values_placed_by_company_answer(response: str) -> None:
    assert logic_status(ZEBRA, response) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        # the dog placed with the red house, and again elsewhere: two houses for one value
        "The dog lives in house 1.\nThe dog lives in the red house.\nThe dog is in the green house.\n"
        "The cat is in house 2.\nThe fish is in house 3.\nThe fish is in the blue house.",
        # the company puts the cat with red: a wrong answer
        "The red house is house 1 and has the cat. The green house is house 2 and has the dog. "
        "The blue house is house 3 and has the fish.",
    ],
)
def test_wrong_company_is_no_right_answer(response: str) -> None:
    assert logic_status(ZEBRA, response) != "verified"


@pytest.mark.parametrize(
    "heading",
    [["House", "Color", "Pet"], ["House", "Colors", "Pets"], ["House", "color", "pets"]],
)
def test_headings_that_fit_their_cells_read(heading: list[str]) -> None:
    assert logic_status(ZEBRA, _table(heading)) == "verified"


@pytest.mark.parametrize(
    "response",
    [
        _table(["House", "Pet", "Color"]),
        _table(["House", "Pets", "Colors"]),
        "| | House 1 | House 2 | House 3 |\n|---|---|---|---|\n| Pet | red | green | blue |\n"
        "| Color | dog | cat | fish |",
        "House 1: pet: red, color: dog\nHouse 2: pet: green, color: cat\nHouse 3: pet: blue, color: fish",
        '{"House 1": {"pet": "red", "color": "dog"}, "House 2": {"pet": "green", "color": "cat"}, '
        '"House 3": {"pet": "blue", "color": "fish"}}',
    ],
)
def test_labels_naming_another_attribute_are_no_answer(response: str) -> None:
    assert logic_status(ZEBRA, response) == "unknown"


def test_labels_that_fit_read() -> None:
    response = (
        "House 1: color: red, pet: dog\nHouse 2: color: green, pet: cat\nHouse 3: color: blue, pet: fish"
    )
    assert logic_status(ZEBRA, response) == "verified"
