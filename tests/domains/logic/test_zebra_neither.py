"""Zebra denials: "neither ... nor" over two subjects or two houses, and "does not live in", each read as
two denials (whole or nothing); tables with a row per attribute under "House | 1 | 2 | 3" or "Attribute |
House 1 | ..." headings."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.zebra_read import read_clause
from tests.domains.logic.puzzles import logic_status

# the one solution: house 1 Dane, water; house 2 German, coffee; house 3 Spaniard, juice
ZEBRA: dict[str, Any] = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {"nationality": ["German", "Dane", "Spaniard"], "drink": ["juice", "water", "coffee"]},
    "clues": [
        ["not_position", ["nationality", "Spaniard"], 1],
        ["not_position", ["nationality", "Spaniard"], 2],
        ["different", ["nationality", "Dane"], ["drink", "coffee"]],
        ["position", ["drink", "coffee"], 2],
        ["position", ["drink", "water"], 1],
    ],
}
ANSWER = "\n\nAnswer:\nHouse 1: Dane, water\nHouse 2: German, coffee\nHouse 3: Spaniard, juice"
SPANIARD, DANE, GERMAN = (("nationality", n) for n in ("Spaniard", "Dane", "German"))


@pytest.mark.parametrize(
    ("clause", "formulas"),
    [
        ("The Spaniard does not live in house 1", [["not", ["var", SPANIARD, 1]]]),
        ("The Spaniard doesn't live in house 1", [["not", ["var", SPANIARD, 1]]]),
        (
            "The Spaniard is in neither house 1 nor house 2",
            [["not", ["var", SPANIARD, 1]], ["not", ["var", SPANIARD, 2]]],
        ),
        (
            "The Spaniard is neither in house 1 nor in house 2",
            [["not", ["var", SPANIARD, 1]], ["not", ["var", SPANIARD, 2]]],
        ),
        (
            "Neither the Dane nor the German is in house 3",
            [["not", ["var", DANE, 3]], ["not", ["var", GERMAN, 3]]],
        ),
        (
            "Neither the Dane nor German lives in house 3",
            [["not", ["var", DANE, 3]], ["not", ["var", GERMAN, 3]]],
        ),
    ],
)
def test_denials_are_read_part_by_part(clause: str, formulas: list[Any]) -> None:
    assert read_clause(ZEBRA, clause) == formulas


def test_neither_with_a_verb_denies_each_subject() -> None:
    found = read_clause(ZEBRA, "Neither the Dane nor the German drinks juice")
    assert isinstance(found, list) and len(found) == 2
    assert all(formula[0] == "not" for formula in found)


@pytest.mark.parametrize(
    "clause",
    [
        "Neither the Dane nor the German drinks juice or water",  # a part the grammar does not read
        "Neither the Dane nor the pilot drinks juice",  # not a value of the puzzle
        "Neither the Dane nor the German is not in house 3",
    ],
)
def test_a_part_that_does_not_read_leaves_the_clause_unread(clause: str) -> None:
    assert isinstance(read_clause(ZEBRA, clause), str)


@pytest.mark.parametrize(
    ("clause", "denials"),
    [
        # one subject, two values after its verb: each value denied
        (
            "The Dane drinks neither juice nor coffee",
            ["The Dane does not drink juice", "The Dane does not drink coffee"],
        ),
        (
            "The Spaniard drinks neither water, nor coffee",
            ["The Spaniard does not drink water", "The Spaniard does not drink coffee"],
        ),
    ],
)
def test_neither_after_a_verb_denies_each_value(clause: str, denials: list[str]) -> None:
    expected = [formula for denial in denials for formula in read_clause(ZEBRA, denial)]
    assert len(expected) == 2 and all(formula[0] == "not" for formula in expected)
    assert read_clause(ZEBRA, clause) == expected


@pytest.mark.parametrize(
    "clause",
    [
        "The Dane doesn't drink neither juice nor coffee",  # a double negative: which is meant is open
        "The Dane probably drinks neither juice nor coffee",  # a hedge
        "The Dane drinks neither juice nor coffee nor water",  # three values: not this shape
        "The Dane drinks neither juice nor coffee, but water",
        "The Dane drinks neither juice nor the German coffee",  # a second subject in the second part
    ],
)
def test_neither_after_a_verb_that_is_not_plain_is_not_read(clause: str) -> None:
    found = read_clause(ZEBRA, clause)
    assert not (isinstance(found, list) and found), found


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("The Dane drinks neither juice nor coffee." + ANSWER, "verified"),
        ("The German drinks neither juice nor water, so the German drinks coffee." + ANSWER, "verified"),
        ("The Dane drinks neither juice nor water." + ANSWER, "refuted"),
        ("The Spaniard drinks neither juice nor coffee." + ANSWER, "refuted"),
        ("Neither the Dane nor the German drinks juice." + ANSWER, "verified"),
        ("Neither the Dane nor the Spaniard drinks water." + ANSWER, "refuted"),
        ("The German is in neither house 1 nor house 2." + ANSWER, "refuted"),
        ("The Dane does not live in house 1." + ANSWER, "refuted"),
    ],
)
def test_steps(response: str, expected: str) -> None:
    assert logic_status(ZEBRA, response) == expected


@pytest.mark.parametrize("first", ["House", "Attribute", "Category", ""])
def test_a_row_per_attribute_under_house_numbers(first: str) -> None:
    houses = "1 | 2 | 3" if first == "House" else "House 1 | House 2 | House 3"
    table = f"| {first} | {houses} |\n|---|---|---|---|\n| Nationality | Dane | German | Spaniard |\n"
    assert logic_status(ZEBRA, table + "| Drink | water | coffee | juice |") == "verified"
    assert logic_status(ZEBRA, table + "| Drink | water | juice | coffee |") == "refuted"
