"""An answer list that repeats an entry is malformed (unknown), even when the copies agree; a restatement
in a block of its own is not a repeated entry. Also the readings added beside it: a role copied to several
people across a full stop or after "but", "Knight(s):", "The knights are:", and a zebra "X is not Y"."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import answer_entries
from tests.domains.logic.puzzles import KNIGHTS, ZEBRA, logic_status

PROP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "t"],
    "premises": [["var", "p", "true"], ["var", "q", "false"], ["var", "t", "true"]],
}
HOUSES = "House 1: red, dog\nHouse 2: green, cat\nHouse 3: blue, fish"
# Swede 1 chef, Dane 2 doctor, Brit 3 pilot
JOBS: dict[str, Any] = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {"nationality": ["Swede", "Dane", "Brit"], "job": ["doctor", "chef", "pilot"]},
    "clues": [
        ["position", ["nationality", "Swede"], 1],
        ["position", ["nationality", "Dane"], 2],
        ["same", ["job", "doctor"], ["nationality", "Dane"]],
        ["position", ["job", "chef"], 1],
    ],
}
JOBS_ANSWER = "\nHouse 1: Swede, chef\nHouse 2: Dane, doctor\nHouse 3: Brit, pilot"


@pytest.mark.parametrize(
    ("lines", "repeated"),
    [
        (["- Ava: knight", "- Ben: knave", "- Ava: knight"], "Ava"),
        (["| Ava | knight |", "| Ava | knight |"], "Ava"),
        (["Ava: knight, Ava: knight"], "Ava"),
        (["- Ava: knight", "", "- Ava: knight"], "Ava"),  # a blank line does not end a list
        (["- Ava: knight", "Again:", "- Ava: knight"], None),  # a line of prose does
        (["Ava:", "  - Ben: knave", "Cal:", "  - Ben: knave"], None),  # lists of their own, indented
        (["- Ava: knight", "  - Ben: knave", "- Ben: knave"], None),
        (["Ava is a knight.", "Ava is a knight."], None),  # sentences are not list entries
    ],
)
def test_a_list_line_names_its_entries(lines: list[str], repeated: str | None) -> None:
    found = answer_entries.repeated_entry(lines, answer_entries.name_key(["Ava", "Ben", "Cal"]))
    assert (found is None) if repeated is None else (found is not None and repeated in found)


@pytest.mark.parametrize(
    ("reference", "response", "status"),
    [
        # knights: a person listed twice, in a list of names, a table, bullets, a sentence or "respectively"
        (KNIGHTS, "Knights: Ava, Ava\nKnaves: Ben, Cal", "unknown"),
        (KNIGHTS, "The knights are Ava and Ava. The knaves are Ben and Cal.", "unknown"),
        (
            KNIGHTS,
            "| Person | Role |\n|---|---|\n| Ava | knight |\n| Ava | knight |\n| Ben | knave |\n"
            "| Cal | knave |",
            "unknown",
        ),
        (KNIGHTS, "- Ava: knight\n- Ben: knave\n- Cal: knave\n- Ava: knight", "unknown"),
        (KNIGHTS, "Ava is a knight, Ava is a knight, Ben is a knave, Cal is a knave.", "unknown"),
        (KNIGHTS, "Ava, Ava, Ben, Cal are knight, knight, knave, knave, respectively.", "unknown"),
        (KNIGHTS, "Ava: T, Ava: T, Ben: F, Cal: F", "unknown"),
        (KNIGHTS, "Ben is a knave. Cal and Ben are too. Ava is not.", "unknown"),
        # the same answer again in a block of its own, or in other words, is a restatement
        (
            KNIGHTS,
            "**Answer**\n- Ava: knight\n- Ben: knave\n- Cal: knave\n\n**Answer**\n- Ava: knight\n"
            "- Ben: knave\n- Cal: knave",
            "verified",
        ),
        (KNIGHTS, "Ava is a knight, Ava is not a knave, Ben and Cal are knaves.", "verified"),
        (KNIGHTS, "Ava is the knight, Ben is a knave, Cal is a knave.", "verified"),
        # zebra: a house row or line twice, an attribute row twice, a value twice in one row
        (
            ZEBRA,
            "- House 1: red, dog\n- House 2: green, cat\n- House 2: green, cat\n- House 3: blue, fish",
            "unknown",
        ),
        (
            ZEBRA,
            "| | 1 | 2 | 3 |\n|---|---|---|---|\n| color | red | green | blue |\n"
            "| color | red | green | blue |\n| pet | dog | cat | fish |",
            "unknown",
        ),
        (ZEBRA, "House 1: red, dog, dog\nHouse 2: green, cat\nHouse 3: blue, fish", "unknown"),
        (
            ZEBRA,
            "| House | Color | Pet |\n|---|---|---|\n| 1 | red | red |\n| 2 | green | cat |\n"
            "| 3 | blue | fish |",
            "unknown",
        ),
        (ZEBRA, HOUSES + "\n\nIn summary:\n" + HOUSES, "verified"),
        # propositional: an atom twice; a truth table's "T" is a value, even beside an atom called t
        (PROP, "- p: true\n- q: false\n- t: true\n- p: true", "unknown"),
        (PROP, "| p | q | t |\n|---|---|---|\n| T | F | T |", "verified"),
    ],
)
def test_a_repeated_entry_is_a_malformed_answer(
    reference: dict[str, Any], response: str, status: str
) -> None:
    assert logic_status(reference, response) == status


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a role copied to several people, across a full stop, after "but", after a semicolon, in a chain
        ("Ava is a knight. Ben and Cal are not.", True),
        ("Ava is a knight. Ben and Cal aren't.", True),
        ("Ava is a knight, but Ben and Cal are not.", True),
        ("Ava is a knight; Ben and Cal are not.", True),
        ("Ava is a knight. Ben, Cal are not.", True),
        ("Ben is a knave. So are Cal and Ava.", False),
        ("Ben is a knave. Cal is too. Ava is not.", True),
        ("Cal is a knave. So is Ben. Ava is not.", True),
        ("Ben is a knave. Cal and Ava are too.", False),
        ("Ava is a knight. Ben and Ava are not.", False),
        # after a denial the role left out could be either: not read
        ("Ava is not a knave. Ben and Cal are not.", False),
        # "Knight(s):" and "The knights are:" head a group
        ("Knight(s): Ava\nKnave(s): Ben, Cal", True),
        ("Knight(s): Ava\nKnave(s): Ben", False),
        ("So the knights are: Ava.\nThe knaves are: Ben, Cal.", True),
        ("So the knights are: Ava, Ben.\nThe knaves are: Cal.", False),
    ],
)
def test_roles_copied_and_grouped(response: str, verified: bool) -> None:
    assert (logic_status(KNIGHTS, response) == "verified") is verified


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("The Swede is not the doctor.", "verified"),
        ("The Swede isn't the doctor.", "verified"),
        ("The doctor is not the Swede.", "verified"),
        ("The Swede is in house 1 and is not the doctor.", "verified"),
        ("The Dane is not the doctor.", "refuted"),
        ("The Dane is in house 2 and is not the doctor.", "refuted"),
        ("The doctor is not the Dane.", "refuted"),
        # of one attribute: "not the Swede" is false, "not the Dane" unread
        ("The Swede is not the Swede.", "unknown"),
        ("The Swede is not the Dane.", "unknown"),
        ("The Swede is not the doctor's neighbour.", "unknown"),
    ],
)
def test_a_zebra_value_denied_with_is_not(steps: str, status: str) -> None:
    assert logic_status(JOBS, steps + JOBS_ANSWER) == status
