"""Claims inside a refuted case: derived by consistent unit reasoning, never merely entailed (issue 11).

Under an assumption that contradicts the puzzle everything is entailed; these tables pin what a case
analysis may still say there (`closure.py`) and that a wrong step inside a refuted case never verifies.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from assay.domains.logic import closure
from assay.domains.logic.check import analyse, check_logic_job
from tests.domains.logic.puzzles import logic_status

# Ava: "Ben is a knave"; Ben: "Ava is a knight iff Cal is a knight"; Cal: "Ava is a knave and Ben is a
# knight". Solution: Ava knight, Ben knave, Cal knave. Under "Ava is a knave" her words are false, so
# Ben is a knight, then Cal a knave (Ben's words) and a knight (Cal's words): the clash.
KNIGHTS: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben", "Cal"],
    "statements": {
        "Ava": ["var", "Ben", "knave"],
        "Ben": ["iff", ["var", "Ava", "knight"], ["var", "Cal", "knight"]],
        "Cal": ["and", ["var", "Ava", "knave"], ["var", "Ben", "knight"]],
    },
}
ANSWER = "\n\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave."


def _or(*lits: tuple[str, bool]) -> list[Any]:
    return ["or", *(["var", atom, "true" if value else "false"] for atom, value in lits)]


# p is false only by two nested splits: under p, x is false and the eight clauses over y, z, w hold
# with no unit among them; nothing a one-look case analysis shows reaches a contradiction
DEEP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "x", "y", "z", "w"],
    "premises": [
        *(
            _or(("x", True), ("y", a), ("z", b), ("w", c))
            for a, b, c in itertools.product([True, False], repeat=3)
        ),
        _or(("p", False), ("x", False)),
        _or(("x", False), ("y", True)),
        _or(("x", False), ("z", True)),
        _or(("x", False), ("w", True)),
    ],
}
DEEP_ANSWER = "\n\nAnswer: p = false, x = true, y = true, z = true, w = true"


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # the examples: a wrong inference inside the refuted case, and "her statement is true"
        (
            "Suppose Ava is a knave. Then Ben is a knave. Then Cal is a knight. Contradiction. "
            "So Ava is a knight.",
            False,
        ),
        ("Suppose Ava is a knave. Then her statement is true. Contradiction, so Ava is a knight.", False),
        # the right inference with the wrong polarity; a jump to the contradiction's far end
        ("Suppose Ava is a knave. Then Ben is not a knight. Contradiction. So Ava is a knight.", False),
        ("Suppose Ava is a knave. Then Ava is a knight. Contradiction. So Ava is a knight.", False),
        # a second route to the clash, once the chain to it is stated: Cal a knight makes Ben's words
        # false, so Ben a knave, against "Ben is a knight" before it (not a step through "Cal is both")
        (
            "Suppose Ava is a knave. Then Ben is a knight. Then Cal is a knave. Then Cal is a knight. "
            "Then Ben is a knave. Contradiction. So Ava is a knight.",
            True,
        ),
        # honest traces, terse and spelled out
        (
            "Suppose Ava is a knave. Then Ben is a knight. Then Cal is a knave. Then Cal is a knight. "
            "Contradiction. So Ava is a knight.",
            True,
        ),
        (
            "Suppose Ava is a knave. Then her statement is false, so Ben is a knight. "
            "Since Ava is a knave and Ben is a knight, Cal's statement is true, so Cal is a knight. "
            "Then Ava is a knave and Cal is a knight, so Ben's statement is false and Ben is a knave. "
            "Contradiction. So Ava is a knight.",
            True,
        ),
        (
            "Case 1: Ava is a knave. Then Cal is a knave. This leads to a contradiction.\n"
            "Case 2: Ava is a knight. This works.",
            True,
        ),
    ],
)
def test_steps_inside_a_refuted_case(response: str, verified: bool) -> None:
    assert (logic_status(KNIGHTS, response + ANSWER) == "verified") is verified


def test_the_wrong_step_is_named() -> None:
    result = check_logic_job(
        {
            "reference": KNIGHTS,
            "response": "Suppose Ava is a knave. Then Ben is a knave. Contradiction." + ANSWER,
        }
    )
    # her false words make Ben a knight: "Ben is a knave" is refuted, not merely unshown
    assert result["steps"][0]["status"] == "refuted"
    assert "Ben = knave" in result["steps"][0]["evidence"]
    # the case's own conclusion said before its steps is the far end of the clash: unknown, not wrong
    early = "Suppose Ava is a knave. Then Ava is a knight. Contradiction." + ANSWER
    step = check_logic_job({"reference": KNIGHTS, "response": early})["steps"][0]
    assert step["status"] == "unknown" and "not shown" in step["evidence"]


def test_closure_never_steps_through_the_clash() -> None:
    csp, _ = analyse(KNIGHTS)
    reached = closure.derive(csp, [csp.lit("Ava", "knave")])
    assert reached.clash
    assert reached.has(-csp.lit("Ben", "knave")) and reached.has(csp.lit("Ben", "knight"))
    # "Ben is a knave" only restates the clashing end of a chain through "Ben is a knight"
    knave = csp.lit("Ben", "knave")
    assert not reached.records[knave].consistent and not reached.shown(knave, frozenset({"Ava"}))
    assert reached.records[-knave].consistent
    # "Ava is a knight" closes the loop; a claim may state it only once the chain to it was stated
    lit = csp.lit("Ava", "knight")
    assert reached.has(lit) and not reached.shown(lit, frozenset({"Ava"}))
    assert reached.shown(lit, frozenset({"Ava", "Ben", "Cal"}))


def test_satisfiable_assumption_keeps_entailment() -> None:
    # under "Ava is a knight" (true), claims are checked by entailment as before
    good = "Suppose Ava is a knight. Then Ben is a knave. Then Cal is a knave. This works." + ANSWER
    bad = "Suppose Ava is a knight. Then Ben is a knight. This works." + ANSWER
    assert logic_status(KNIGHTS, good) == "verified"
    assert logic_status(KNIGHTS, bad) != "verified"


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # p is false, but only two splits deep: a bare "contradiction" is declared, not shown
        ("Suppose p is true. This leads to a contradiction. So p is false.", False),
        ("Suppose p is true. Then x is false. Then y is true. Contradiction. So p is false.", False),
        ("Suppose p is true. Then x is false. Then y is false. Contradiction. So p is false.", False),
    ],
)
def test_contradiction_must_be_reached(response: str, verified: bool) -> None:
    assert (logic_status(DEEP, response + DEEP_ANSWER) == "verified") is verified


def test_one_split_paradox_counts() -> None:
    # Ben says "if I am a knight, Ava is a knight"; under "Ava is a knave" Ben is a knight exactly when
    # he is not: a contradiction one split away, which a trace may state without the split
    reference = {
        "kind": "knights",
        "people": ["Ava", "Ben"],
        "statements": {
            "Ava": ["var", "Ava", "knight"],
            "Ben": ["implies", ["var", "Ben", "knight"], ["var", "Ava", "knight"]],
        },
    }
    response = (
        "Case 1: Ava is a knave. This leads to a contradiction.\n"
        "Case 2: Ava is a knight. This works.\n\nAnswer: Ava is a knight, Ben is a knight."
    )
    assert logic_status(reference, response) == "verified"
    csp, _ = analyse(reference)
    seeds = [csp.lit("Ava", "knave")]
    reached = closure.derive(csp, seeds)
    assert not reached.clash and closure.refutes(csp, seeds, reached)
    deep, _ = analyse(DEEP)
    seeds = [deep.lit("p", "true")]
    assert not closure.refutes(deep, seeds, closure.derive(deep, seeds))


def test_index_is_built_once_per_puzzle() -> None:
    csp, _ = analyse(KNIGHTS)
    assert closure.index(csp) is closure.index(csp)


def test_seeds_skip_what_is_not_a_literal() -> None:
    csp, _ = analyse(KNIGHTS)
    formulas = [["or", ["var", "Ava", "knight"], ["var", "Ben", "knight"]], ["not", ["var", "Cal", "knight"]]]
    assert closure.seed_literals(csp, formulas) == [-csp.lit("Cal", "knight")]


# A zebra puzzle that unit propagation alone solves: every value a case moves clashes at once with what
# propagation forces, so the case's route must be judged over the givens (`closure.derive(route=True)`)
ZEBRA_PROPAGATED = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {
        "name": ["Ann", "Ben", "Cal"],
        "drink": ["tea", "milk", "juice"],
        "job": ["chef", "pilot", "nurse"],
    },
    "clues": [
        ["position", ["drink", "milk"], 2],
        ["left_of", ["name", "Ben"], ["job", "pilot"]],
        ["same", ["name", "Cal"], ["drink", "tea"]],
        ["next_to", ["job", "chef"], ["drink", "juice"]],
        ["not_position", ["name", "Ann"], 1],
        ["different", ["job", "chef"], ["name", "Ann"]],
    ],
}
ZEBRA_ANSWER = "\n\nAnswer:\nHouse 1: Cal, tea, nurse\nHouse 2: Ben, milk, chef\nHouse 3: Ann, juice, pilot"
CASE = (
    "Suppose Cal is in house 3. Then Ann is in house 2. Then Ben is in house 1. "
    "Then the pilot is in house {p}."
)


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # the writer's route to the clash: each step one unit step from the case's own claims
        (CASE.format(p=2) + " The tea is in house 3. The juice is in house 1. Then the chef is in house 2. "
         "Contradiction. So Cal is in house 1.", True),
        # no contradiction to reach: Cal is in house 1
        ("Suppose Cal is in house 1. Then Ann is in house 3. Contradiction. So Cal is in house 3.", False),
        # true of the puzzle, but this case's own steps put the pilot in house 2
        (CASE.format(p=3) + " Contradiction. So Cal is in house 1.", False),
        ("Suppose Cal is in house 3. Then Ann is in house 1. Contradiction. So Cal is in house 1.", False),
    ],
)  # fmt: skip
def test_a_zebra_case_is_judged_along_the_writer_route(response: str, verified: bool) -> None:
    assert (logic_status(ZEBRA_PROPAGATED, response + ZEBRA_ANSWER) == "verified") is verified
