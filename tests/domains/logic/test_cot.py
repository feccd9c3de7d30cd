"""Chain-of-thought shapes (issue 11): kinships, judged and restated statements, compounds and counts
(`knights_compound.py`), terse zebra placements, "all atoms" and tried assignments, pronouns after an
assumption or a list of names, self-checks, retractions and commented-out rows. Each reading rule is
tabled with its twins that must not read as true: a false claim, a negation, a misquote, a retraction
that names nothing."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import knights_read, propositional_read, zebra_read
from assay.domains.logic.check import check_logic_job
from tests.domains.logic.puzzles import KNIGHTS, KNIGHTS_ANSWER, ZEBRA

UNREADABLE = "unreadable"
# Ava: "Ben is a knave"; Ben: "Ava is a knight iff Cal is a knight"; Cal: "Ava is a knave and Ben is a
# knight". The one solution: Ava knight, Ben knave, Cal knave.
AVA, BEN, CAL = (["var", p, "knight"] for p in ("Ava", "Ben", "Cal"))
TRUE, FALSE = [["true"]], [["false"]]


def _iff(a: str, b: str) -> list[Any]:
    return ["iff", ["var", a, "knight"], ["var", b, "knight"]]


def _shape(reading: Any) -> Any:
    return UNREADABLE if isinstance(reading, str) else reading


def _exactly_two_knaves() -> list[Any]:
    def lit(p: str, on: bool) -> list[Any]:
        return ["var", p, "knave"] if on else ["not", ["var", p, "knave"]]

    people = ("Ava", "Ben", "Cal")
    pairs = [("Ava", "Ben"), ("Ava", "Cal"), ("Ben", "Cal")]
    return [["and", *(lit(p, p in pair) for p in people)] for pair in pairs]


def _exactly_one_knight() -> list[Any]:
    people = ("Ava", "Ben", "Cal")
    return [
        ["and", *(["var", p, "knight"] if p == one else ["not", ["var", p, "knight"]] for p in people)]
        for one in people
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # kinships
        ("Ben and Cal are the same type", [_iff("Ben", "Cal")]),
        ("Ben and Cal are either both knights or both knaves", [_iff("Ben", "Cal")]),
        ("Ava and Ben are of opposite types", [["not", _iff("Ava", "Ben")]]),
        ("Ava, Ben and Cal are all the same type", [_iff("Ava", "Ben"), _iff("Ava", "Cal")]),
        ("Ava and Ben are not the same type", UNREADABLE),  # a negation the shape does not take
        ("Ava and Ben are probably the same type", UNREADABLE),
        ("Ava and Zed are the same type", UNREADABLE),
        ("Ava, Ben and Cal are of different types", UNREADABLE),  # three people cannot all differ
        # statements judged with their words: the words must be the speaker's
        ('Ava\'s statement "Ben is a knave" is true', [AVA]),
        ('Ava\'s statement ("Ben is a knave") is false', [["var", "Ava", "knave"]]),
        ('Ava\'s statement "Ben is a knight" is true', UNREADABLE),  # a misquote
        ('Ava\'s statement "Cal is a knave" is true', UNREADABLE),  # another speaker's words... not Ava's
        ("Ava says Ben is a knave, which is true", [AVA]),
        ("Ava says Ben is a knave, which is not true", [["var", "Ava", "knave"]]),
        ("Ava says Ben is a knight, which is false", UNREADABLE),
        ('Cal\'s statement "Ava is a knave and Ben is a knight" is false', [["var", "Cal", "knave"]]),
        ('Cal\'s statement "Ava is a knave" is false', UNREADABLE),  # half of what Cal said
        # restatements of the puzzle: checked, true or false
        ("Ava says Ben is a knave", TRUE),
        ("Ava says that Ben is not a knight", TRUE),
        ("Ava says Ben is a knight", FALSE),
        ("Ben says Ava is a knight iff Cal is a knight", TRUE),
        ("Ben says Ava is a knight iff Cal is a knave", FALSE),
        ("Ava and Cal make the same claim", FALSE),
        ("There are 3 people: Ava, Ben and Cal", TRUE),
        ("There are four people", FALSE),
        # compounds: one connective, each side one role claim
        ("Ava is a knight iff Cal is a knight", [_iff("Ava", "Cal")]),
        ("Ava knight means Ben knave", [["implies", AVA, ["var", "Ben", "knave"]]]),
        (
            "either Ava is a knave or Ben is a knave",
            [["or", ["var", "Ava", "knave"], ["var", "Ben", "knave"]]],
        ),
        ("if Ava is a knight then Ben is a knave", [["implies", AVA, ["var", "Ben", "knave"]]]),
        ("Ava is a knight and Ben is a knave iff Cal is a knave", UNREADABLE),  # "and" inside a side
        ("It is not the case that Ava is a knight iff Cal is a knight", UNREADABLE),  # scope of "not"
        ("neither Ava nor Ben is a knight iff Cal is a knave", UNREADABLE),
        ("Ava is a knight iff Cal is a knight iff Ben is a knave", UNREADABLE),
        ("Ava → knight", [AVA]),  # a role, not an implication
        ("Ava is a knight iff Cal is", [_iff("Ava", "Cal")]),  # the role copied from the other side
        ("Ava is a knight iff Cal isn't", [["iff", AVA, ["not", CAL]]]),
        ("Ava is a knight and Ben is a knave iff Cal is", UNREADABLE),
        ("Ben says Ava is a knight iff Cal is, which fails", [["var", "Ben", "knave"]]),
        ("Ben's statement says Ava is a knight iff Cal is, which holds", [BEN]),
        ("Ben says Ava is a knight iff Cal is a knave, which fails", UNREADABLE),  # a misquote
        # counts: exactly that many, over everyone
        ("Two of the three are knaves", [["or", *_exactly_two_knaves()]]),
        ("Exactly one of the three is a knight", [["or", *_exactly_one_knight()]]),
        ("Exactly one of them is a knight", UNREADABLE),  # "them" may be a few people named before
        ("Two of the four are knaves", UNREADABLE),  # a group that is not everyone
        # a pronoun after the only person the clause names
        ("Cal is a knave and her statement is false", [["var", "Cal", "knave"], ["var", "Cal", "knave"]]),
        ("Cal is a knave and Ava says her statement is false", UNREADABLE),
    ],
)
def test_knights_chain_of_thought_clauses(clause: str, expected: Any) -> None:
    assert _shape(knights_read.read_clause(KNIGHTS, clause)) == expected


def _same(a: Any, b: Any) -> list[Any]:
    return ["or", *(["and", ["var", a, h], ["var", b, h]] for h in (1, 2, 3))]


def _next(a: Any, b: Any) -> list[Any]:
    pairs = [(1, 2), (2, 1), (2, 3), (3, 2)]
    return ["or", *(["and", ["var", a, h], ["var", b, k]] for h, k in pairs)]


RED, GREEN, DOG = ("color", "red"), ("color", "green"), ("pet", "dog")


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("red in 1, green in 2", [["var", RED, 1], ["var", GREEN, 2]]),
        ("dog 1", [["var", DOG, 1]]),
        ("green not 1", [["not", ["var", GREEN, 1]]]),
        ("green can't be 1 or 3", [["not", ["var", GREEN, 1]], ["not", ["var", GREEN, 3]]]),
        ("green in 1 or 2", [["or", ["var", GREEN, 1], ["var", GREEN, 2]]]),
        ("green is in house 2 or 3", [["or", ["var", GREEN, 2], ["var", GREEN, 3]]]),
        ("green 1, 2", UNREADABLE),  # a list that says neither "or" nor "not"
        ("green in 4", UNREADABLE),  # three houses only
        ("green not 1, and not 3", [["not", ["var", GREEN, 1]], ["not", ["var", GREEN, 3]]]),
        ("red in 1 with the dog", [["var", RED, 1], _same(RED, DOG)]),
        ("dog not with green", [["not", _same(DOG, GREEN)]]),
        ("House 1 is taken by the dog", [["var", DOG, 1]]),
        ("the dog is next to green (2)", [_next(DOG, GREEN), ["var", GREEN, 2]]),
        ("the dog is next to green (5)", UNREADABLE),
    ],
)
def test_zebra_terse_clauses(clause: str, expected: Any) -> None:
    assert _shape(zebra_read.read_clause(ZEBRA, clause)) == expected


PROP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r"],
    "premises": [
        ["var", "p", "false"],
        ["iff", ["var", "q", "false"], ["var", "r", "false"]],
        ["var", "q", "false"],
    ],
}  # all three false


def _p(atom: str, value: str) -> list[Any]:
    return ["var", atom, value]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("All three atoms are false", [_p("p", "false"), _p("q", "false"), _p("r", "false")]),
        ("every atom is true", [_p("p", "true"), _p("q", "true"), _p("r", "true")]),
        ("All two atoms are false", UNREADABLE),  # a count that is not all of them
        ("Two atoms are false", UNREADABLE),
        ("Trying all false satisfies every premise", [_p("p", "false"), _p("q", "false"), _p("r", "false")]),
        ("Trying all true satisfies every premise", FALSE),
        ("Setting p = false, q = false, r = false satisfies all premises", [_p(a, "false") for a in "pqr"]),
        ("Trying p = false satisfies every premise", UNREADABLE),  # partial: not a model
        ("Premises: (1) ¬p, (3) ¬q", [["not", _p("p", "true")], ["not", _p("q", "true")]]),
        ("q true, r false", [_p("q", "true"), _p("r", "false")]),
        ("q ↔ r: q false", [["iff", _p("q", "true"), _p("r", "true")], _p("q", "false")]),
        ("r to be false", [_p("r", "false")]),
    ],
)
def test_propositional_chain_of_thought_clauses(clause: str, expected: Any) -> None:
    assert _shape(propositional_read.read_clause(PROP, clause)) == expected


ANSWER = f"Answer: {KNIGHTS_ANSWER}"
TABLE = "| Person | Role |\n|---|---|\n| Ava | knight |\n{comment}\n| Ben | {ben} |\n| Cal | knave |"


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # "they" after a list of names; a singular pronoun after an assumption or a conditional's head
        (f"Ben and Cal lie, so they are knaves.\n{ANSWER}", True),
        (f"Ben and Cal lie, so they are knights.\n{ANSWER}", False),
        (f"Ava and Ben tell the truth, so they are knights.\n{ANSWER}", False),
        (
            "Suppose Ava is a knave. Then her statement is false, so Ben is a knight. Contradiction.\n"
            + ANSWER,
            True,
        ),
        (f"Suppose Ava is a knight. Then her statement is true, so Ben is a knave.\n{ANSWER}", True),
        (f"Suppose Ava is a knight. Then her statement is false.\n{ANSWER}", False),
        (f"Suppose Ava is a knight and Ben is a knave. Then her statement is false.\n{ANSWER}", False),
        (f"If Cal were a knight, his statement would be true. That's impossible.\n{ANSWER}", True),
        # self-checks are asserted, their pronoun is the person checked
        (f'Check Cal: her statement "Ava is a knave and Ben is a knight" is false ✓\n{ANSWER}', True),
        (f"Check Cal: her statement is true ✓\n{ANSWER}", False),
        (f'Check: Ava is a knight and says "Ben is a knave", which is true ✓\n{ANSWER}', True),
        (f'Check: Ava is a knave and says "Ben is a knave", which is false ✓\n{ANSWER}', False),
        # retractions: dropped only when the correction names what it takes back
        (f"Ben is a knight. Wait, that's wrong: Ben is a knave.\n{ANSWER}", True),
        (f"Ben is a knight. Wait, that's wrong. Cal is a knave.\n{ANSWER}", False),
        (f"Ben is a knave. Wait, that's wrong: Ben is a knight.\n{ANSWER}", False),
        (f"Ben is a knight and Cal is a knight. Wait, that's wrong: Ben is a knave.\n{ANSWER}", False),
        (f"Ben is a knight and Cal is a knave. Hmm, I made a mistake: Ben is a knave.\n{ANSWER}", True),
        (
            f"Suppose Ava is a knave. Then Ben is a knave. Wait, that's wrong: Ben is a knight.\n{ANSWER}",
            False,
        ),
        (f"Ben is a knight. Scratch that.\n{ANSWER}", False),  # the answer does not resolve it
        (f"Ben is a knight. Scratch that.\nBen is a knave.\n{ANSWER}", True),
        (f"Ben is a knight. Scratch that.\nSo far so good.\nBen is a knave.\n{ANSWER}", False),
        # a verdict after "Hmm", the reason of a forced claim
        (f"Suppose Ava is a knave. Hmm, that leads to a contradiction.\n{ANSWER}", True),
        (f"Ava is a knight, since any other role contradicts the statements.\n{ANSWER}", True),
        (f"Ben is a knight, since any other role contradicts the statements.\n{ANSWER}", False),
        # an HTML comment is a replaced row only right before the row that replaces it
        (
            TABLE.format(comment="<!-- | Ben | knight | -->", ben="knave"),
            True,
        ),
        (
            TABLE.format(comment="<!-- | Ben | knave | -->", ben="knight"),
            False,
        ),
        (f"<!-- Ben is a knight -->\n{ANSWER}", False),
    ],
)
def test_chain_of_thought_verdicts(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": response})
    assert (result["status"] == "verified") == verified, result["evidence"]
