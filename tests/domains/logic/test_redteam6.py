"""Red-team 6: claims hidden beside a verdict, in a house line's brackets, in a second table row, in a
group named with "the", and premises cited for a claim they do not give; each with its correct twin."""

from __future__ import annotations

import random
from typing import Any

import pytest

from assay.domains.logic import citations, knights
from assay.domains.logic.check import check_logic_job

# Finn knight, Gus knave, Nora knight
FINN: dict[str, Any] = {
    "kind": "knights",
    "people": ["Finn", "Gus", "Nora"],
    "statements": {
        "Finn": ["implies", ["var", "Finn", "knight"], ["var", "Nora", "knight"]],
        "Gus": ["var", "Nora", "knave"],
        "Nora": ["implies", ["var", "Finn", "knave"], ["var", "Nora", "knight"]],
    },
}
FINN_ANSWER = "\n\nAnswer: Finn is a knight, Gus is a knave, Nora is a knight."
# Lena knave, Sam knight, Kai knight
LENA: dict[str, Any] = {
    "kind": "knights",
    "people": ["Lena", "Sam", "Kai"],
    "statements": {
        "Lena": ["iff", ["var", "Kai", "knight"], ["var", "Lena", "knight"]],
        "Sam": ["var", "Lena", "knave"],
        "Kai": ["var", "Lena", "knave"],
    },
}
LENA_ANSWER = "\n\n**Answer:** Lena is a knave, Sam is a knight, Kai is a knight."
# names that are English words: Will knight, Faith knave, Mark knave
WORDS: dict[str, Any] = {
    "kind": "knights",
    "people": ["Will", "Faith", "Mark"],
    "statements": {
        "Will": ["or", ["var", "Will", "knight"], ["var", "Will", "knave"]],
        "Faith": ["var", "Will", "knave"],
        "Mark": ["var", "Faith", "knight"],
    },
}
# house 1: water yellow fish, house 2: tea blue dog, house 3: juice green rabbit
ZEBRA: dict[str, Any] = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {
        "drink": ["water", "tea", "juice"],
        "color": ["yellow", "blue", "green"],
        "pet": ["fish", "dog", "rabbit"],
    },
    "clues": [
        ["different", ["drink", "tea"], ["color", "green"]],
        ["not_position", ["drink", "juice"], 1],
        ["position", ["drink", "tea"], 2],
        ["not_position", ["color", "blue"], 1],
        ["different", ["pet", "rabbit"], ["drink", "water"]],
        ["different", ["pet", "dog"], ["color", "green"]],
        ["same", ["color", "yellow"], ["pet", "fish"]],
    ],
}
HOUSES = "House 1: water, yellow, fish\nHouse 2: tea, blue, dog\nHouse 3: juice, green, rabbit"
# p false, q true, r false, s false
PROP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r", "s"],
    "premises": [
        ["or", ["var", "s", "false"], ["var", "p", "true"]],
        ["implies", ["var", "s", "true"], ["var", "r", "false"]],
        ["or", ["var", "s", "true"], ["var", "q", "true"]],
        ["or", ["var", "s", "true"], ["var", "r", "false"]],
        ["or", ["var", "p", "false"], ["var", "r", "true"]],
    ],
}
PROP_ANSWER = "\nAnswer: p = false, q = true, r = false, s = false"


@pytest.mark.parametrize(
    ("reference", "response", "verified"),
    [
        # a claim said in the clause of the verdict that closes a case is checked under the case
        (FINN, "Suppose Gus is a knight. Then Nora is a knight, contradiction. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Then Nora is a knave, contradiction. So Gus is a knave.", True),
        (FINN, "Suppose Gus is a knight. Contradiction: Nora is a knight. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora is a knight, which is absurd. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora is a knight which is impossible. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora is a knight ✗. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora is a knight (contradiction). So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora being a knight is a contradiction. So Gus is a knave.", False),
        (FINN, "Suppose Gus is a knight. Nora is a knight and this is impossible. So Gus is a knave.", False),
        (FINN, "If Gus were a knight, Nora would be a knight, a contradiction. So Gus is a knave.", False),
        (FINN, "If Gus were a knight, Nora would be a knave, a contradiction. So Gus is a knave.", True),
        # the part that denies the assumption is the clash itself
        (
            FINN,
            "Assume Finn is a knave. Then his statement is true, a contradiction. So Finn is a knight.",
            True,
        ),
        # a verb left out after a plain claim repeats it; after a negation it could be either
        (FINN, "Finn is a knight and Nora a knight. Gus is a knave.", True),
        (FINN, "Finn is a knight and Gus a knight.", False),
        (FINN, "Finn is not a knave and Gus a knight.", False),
        # "the knaves are ..." names every knave
        (FINN, "The knaves are Gus and Nora.", False),
        (FINN, "The knave is Gus; the knights are Finn and Nora.", True),
    ],
)
def test_knights_case_verdicts(reference: dict[str, Any], response: str, verified: bool) -> None:
    result = check_logic_job({"reference": reference, "response": response + FINN_ANSWER})
    assert (result["status"] == "verified") == verified, result


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("Will is a knight, Faith is a knave, Mark is a knave.", True),
        ("Will is a knight. Faith is a knave. Mark will be a knight.", False),
    ],
)
def test_names_that_are_words(response: str, verified: bool) -> None:
    assert (check_logic_job({"reference": WORDS, "response": response})["status"] == "verified") == verified


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # brackets in a house line are read, never dropped
        (HOUSES.replace("rabbit", "rabbit (the green house is house 2)"), False),
        (HOUSES.replace("dog", "dog (not rabbit)"), True),
        (HOUSES.replace("dog", "dog (not fish)").replace("rabbit", "rabbit (not rabbit)"), False),
        (HOUSES.replace("House 2:", "House 2 (rabbit):"), False),
        (HOUSES.replace("House 2:", "House 2 (middle):"), True),
        # "to the left of" is anywhere to the left; "the poet" does poetry
        ("The fish is to the left of the rabbit, and the dog is left of the rabbit.\n" + HOUSES, True),
        ("The rabbit is to the left of the dog.\n" + HOUSES, False),
        # a cited clue must exist and be about what the claim is about (a clue on one drink bears on
        # every drink)
        ("By clue 3, tea is in house 2.\n" + HOUSES, True),
        ("By clue 4, tea is in house 2.\n" + HOUSES, False),
        ("Tea is in house 2 (clue 3).\n" + HOUSES, True),
        ("Tea is in house 2 (clue 7).\n" + HOUSES, False),
        ("From clue 9, tea is in house 2.\n" + HOUSES, False),
        ("Tea is in house 2. From clues 2 and 3, juice is in house 3.\n" + HOUSES, True),
    ],
)
def test_zebra_brackets_positions_citations(response: str, verified: bool) -> None:
    assert (check_logic_job({"reference": ZEBRA, "response": response})["status"] == "verified") == verified


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("| p | q | r | s |\n|---|---|---|---|\n| F | T | F | F |", True),
        ("| p | q | r | s |\n|---|---|---|---|\n| F | T | F | F |\n| F | T | F | T |", False),
        ("| p | q |\n|---|---|\n| F | T |\n\n| r | s | q |\n|---|---|---|\n| F | F | F |", False),
        ("s = false. By (3), q = true." + PROP_ANSWER, True),
        ("s = false. By (2), q = true." + PROP_ANSWER, False),
        ("By premise 3, p = false." + PROP_ANSWER, False),
        ("From (1): s = false, since p is false." + PROP_ANSWER, True),
        # a conditional after a citation: the case is read and closed by its verdict
        ("From (2) and (4): if r were true, s would be false, impossible. So r = false." + PROP_ANSWER, True),
        (
            "From (2) and (4): if r were true, q would be false, impossible. So r = false." + PROP_ANSWER,
            False,
        ),
    ],
)
def test_propositional_tables_and_citations(response: str, verified: bool) -> None:
    assert (check_logic_job({"reference": PROP, "response": response})["status"] == "verified") == verified


@pytest.mark.parametrize(
    ("clause", "cited"),
    [
        ("By clue 3, tea is in house 2", (3,)),
        ("From premises 2 and 4", (2, 4)),
        ("by (2), q = true", (2,)),
        ("From (2) and (3): q holds", (2, 3)),
        ("tea is in house 2", ()),
    ],
)
def test_cited_numbers(clause: str, cited: tuple[int, ...]) -> None:
    assert citations.cited_numbers(clause) == cited


@pytest.mark.parametrize("seed", range(40))
def test_small_knights_enumeration_is_the_sat_count(seed: int) -> None:
    rng = random.Random(seed)  # puzzles of 2-4 people, unique or not
    people = knights.NAMES[: 2 + seed % 3]
    reference = {
        "kind": "knights",
        "people": list(people),
        "statements": {p: knights.random_statement(rng, p, list(people), 2) for p in people},
    }
    by_sat = knights.build(reference).solutions(2)
    found = knights.small_solutions(reference, 2)
    assert found is not None and len(found) == len(by_sat)
    assert all(not knights.violations(reference, solution) for solution in found)
    if len(by_sat) == 1:  # the one solution: the same assignment
        assert found == by_sat


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a claim about a case just refuted is not a fact
        (
            "Suppose Lena is a knight.\nThen Kai is a knight.\nBut Kai says Lena is a knave: contradiction.\n"
            "In that case Sam is also a knight.\nSo Lena is a knave.",
            False,
        ),
        (
            "Suppose Lena is a knight.\nThen Kai is a knight.\nBut Kai says Lena is a knave: contradiction.\n"
            "So Lena is a knave.\nIn that case Sam is a knight.",
            True,
        ),
        # the writer's clause after an unquoted report is not the speaker's
        ("Sam says Lena is a knave, and Kai is a knave.", False),
        ("Sam says Lena is a knave, and she is a knight.", False),
        ("Sam says Lena is a knave, while Kai is a knave.", False),
        ("Sam says Lena is a knave. Kai is a knight.", True),
        # cut in two: the report is checked against Sam's statement and the writer's clause as a claim
        ("Sam says Lena is a knave, and Kai is a knight.", True),
        ("Sam says Lena is a knight, and Kai is a knight.", False),
        ("Sam says Lena is a knave, but she is a knight.", False),
        # "and so is everyone else" copies the claim: not dropped
        ("Sam is a knight, and so is everyone else.", False),
    ],
)
def test_closed_cases_reports_ellipses(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": LENA, "response": response + LENA_ANSWER})
    assert (result["status"] == "verified") == verified, result


@pytest.mark.parametrize(
    "response",
    [
        "Premise values: 1 = T, 2 = F, 3 = T, 4 = T, 5 = T.",
        "| Premise | Value |\n|---|---|\n| 1 | T |\n| 2 | F |",
        "Premise 2 is F.",
    ],
)
def test_premise_values_by_number_are_not_prose(response: str) -> None:
    # premise 2 holds under the answer: a value given to it by number is read or unknown, never skipped
    assert check_logic_job({"reference": PROP, "response": response + PROP_ANSWER})["status"] != "verified"
