"""The response reader: every kind's clause grammar, and the walk's assumptions, conditionals, reported
speech and answer region, as tables of real phrasings and of phrasings built to slip through."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import knights_read, nonogram_read, propositional_read, read, sudoku_read, zebra_read
from assay.domains.logic.check import check_logic_job
from tests.domains.logic.puzzles import KNIGHTS, KNIGHTS_ANSWER, SUDOKU_PUZZLE, SUDOKU_SOLUTION, grid

UNREADABLE = "unreadable"


def _k(person: str, role: str, positive: bool = True) -> list[Any]:
    return ["var", person, role] if positive else ["not", ["var", person, role]]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # plain, plural, grouped
        ("Ava is a knight", [_k("Ava", "knight")]),
        ("Ben and Cal are knaves", [_k("Ben", "knave"), _k("Cal", "knave")]),
        (
            "Ava is a knight, Ben is a knave and Cal is a knave",
            [_k("Ava", "knight"), _k("Ben", "knave"), _k("Cal", "knave")],
        ),
        # a labelled list of a role names every one with it ("Knights: Ava" says Ben and Cal are not)
        ("Knights: Ava", [_k("Ava", "knight"), _k("Ben", "knave"), _k("Cal", "knave")]),
        ("Ben, Cal: knaves", [_k("Ben", "knave"), _k("Cal", "knave")]),
        # "the knaves are ..." lists every knave, as "only ... are knaves" does
        ("The knaves are Ben and Cal", [_k("Ava", "knight"), _k("Ben", "knave"), _k("Cal", "knave")]),
        ("The knave is Ben", [_k("Ava", "knight"), _k("Ben", "knave"), _k("Cal", "knight")]),
        ("Only Ava is a knight", [_k("Ava", "knight"), _k("Ben", "knave"), _k("Cal", "knave")]),
        ("All three are knaves", [_k("Ava", "knave"), _k("Ben", "knave"), _k("Cal", "knave")]),
        ("Ava: Knight", [_k("Ava", "knight")]),
        ("Ava (knight)", [_k("Ava", "knight")]),
        ("Ava must be a knight", [_k("Ava", "knight")]),
        ("Ava tells the truth", [_k("Ava", "knight")]),
        ("Ben is lying", [_k("Ben", "knave")]),
        ("Ben's statement is false", [_k("Ben", "knave")]),
        ("Ava is a truth-teller", [_k("Ava", "knight")]),
        # negations, read as negations
        ("Ava is not a knave", [_k("Ava", "knave", False)]),
        ("Ava isn't a knave", [_k("Ava", "knave", False)]),
        ("Ava cannot be a knave", [_k("Ava", "knave", False)]),
        ("Ben does not tell the truth", [_k("Ben", "knight", False)]),
        ("Neither Ben nor Cal is a knight", [_k("Ben", "knight", False), _k("Cal", "knight", False)]),
        ("It is false that Ben is a knight", [["not", _k("Ben", "knight")]]),
        ("Ava is a knight, not a knave", [_k("Ava", "knight"), _k("Ava", "knave", False)]),
        # prose: no claim
        ("Let's think", None),
        ("Now consider Ben's statement", None),
        ("Knights always tell the truth and knaves always lie", None),
        ("Ava is either a knight or a knave", None),
        # claims that cannot be read with certainty
        ("No, Cal is a knave", UNREADABLE),
        ("Ava is a knight or Ben is a knight", UNREADABLE),
        ("Ben is probably a knave", UNREADABLE),
        ("Ava might be a knave", UNREADABLE),
        ("She is a knave", UNREADABLE),
        ("Ava and Ben are of the same type", [["iff", _k("Ava", "knight"), _k("Ben", "knight")]]),
        ("Ava and Ben are maybe of the same type", UNREADABLE),
        ("Ava is a knight unless Ben lies", UNREADABLE),
        ("Ava is a knight's friend", UNREADABLE),
        ("Ava is never a knave", [_k("Ava", "knave", False)]),
        ("Ava is a knight or a knave, maybe", UNREADABLE),
    ],
)
def test_knights_clauses(clause: str, expected: Any) -> None:
    got = knights_read.read_clause(KNIGHTS, clause)
    assert (UNREADABLE if isinstance(got, str) else got) == expected


PROPOSITIONAL = {"kind": "propositional", "atoms": ["p", "q", "r"], "premises": [["var", "p", "true"]]}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("p = true", [["var", "p", "true"]]),
        ("p: True", [["var", "p", "true"]]),
        ("q is false", [["var", "q", "false"]]),
        ("q = F", [["var", "q", "false"]]),
        ("¬q", [["not", ["var", "q", "true"]]]),
        ("p, ¬q, r", [["var", "p", "true"], ["not", ["var", "q", "true"]], ["var", "r", "true"]]),
        ("q is not true", [["not", ["var", "q", "true"]]]),
        ("True: p, r", [["var", "p", "true"], ["var", "r", "true"]]),
        ("p and r are true", [["var", "p", "true"], ["var", "r", "true"]]),
        ("p → ¬q", [["implies", ["var", "p", "true"], ["not", ["var", "q", "true"]]]]),
        ("¬(p ∧ q)", [["not", ["and", ["var", "p", "true"], ["var", "q", "true"]]]]),
        ("p ∨ q", [["or", ["var", "p", "true"], ["var", "q", "true"]]]),
        ("Let's look at the premises", None),
        ("p and q have opposite values", UNREADABLE),
        ("p is true or maybe false", UNREADABLE),
    ],
)
def test_propositional_clauses(clause: str, expected: Any) -> None:
    got = propositional_read.read_clause(PROPOSITIONAL, clause)
    assert (UNREADABLE if isinstance(got, str) else got) == expected


SUDOKU = {"kind": "sudoku", "puzzle": "1..." + "." * 12}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("r1c2 = 3", [["var", (0, 1), 3]]),
        ("R1C2: 3", [["var", (0, 1), 3]]),
        ("cell (1,2) is 3", [["var", (0, 1), 3]]),
        ("row 1, column 2 = 3", [["var", (0, 1), 3]]),
        ("Place 3 in r1c2", [["var", (0, 1), 3]]),
        ("r1c2 ≠ 4", [["not", ["var", (0, 1), 4]]]),
        ("r1c2 cannot be 4", [["not", ["var", (0, 1), 4]]]),
        ("r1c2 = 3, r1c3 = 4", [["var", (0, 1), 3], ["var", (0, 2), 4]]),
        ("Row 2: 3 4 . 2", [["var", (1, 0), 3], ["var", (1, 1), 4], ["var", (1, 3), 2]]),
        ("the only place for 3 in row 1", None),
        ("r1c2 can be 3 or 4", UNREADABLE),
        ("The 3 in row 1 must sit in column 2", UNREADABLE),
        # what a line's givens hold, as claims on the given cells (r1c1 = 1 is the only given)
        ("Row 1 is missing 2, 3 and 4", [["not", ["var", (0, 0), d]] for d in (2, 3, 4)]),
        ("Row 1 needs 2, 3 and 4", [["not", ["var", (0, 0), d]] for d in (2, 3, 4)]),
        ("Row 1 is missing 1, 3 and 4", [["not", ["var", (0, 0), 1]]]),  # false: r1c1 holds the 1
        ("Row 1 is missing 3 and 4", UNREADABLE),  # the 2 may have been filled since
        ("Column 1 has 1", [["var", (0, 0), 1]]),
        ("column 1 already contains the digit 1", [["var", (0, 0), 1]]),
        ("Column 1 has 1 and 2", UNREADABLE),  # no given 2: placed since, or not at all
        ("Row 1 is missing 2, 2 and 4", UNREADABLE),
        ("Row 5 is missing 1", UNREADABLE),
        ("Fill each row with the missing digits, checking columns and boxes", None),
        ("Fill row 1 with the missing digits 2, 3 and 4", UNREADABLE),
        ("r5c1 = 2", UNREADABLE),  # outside a 4×4 grid
    ],
)
def test_sudoku_clauses(clause: str, expected: Any) -> None:
    got = sudoku_read.read_clause(SUDOKU, clause)
    assert (UNREADABLE if isinstance(got, str) else got) == expected


ZEBRA = {
    "kind": "zebra",
    "houses": 2,
    "attributes": {"color": ["red", "blue"], "nationality": ["Brit", "Dane"]},
    "clues": [["position", ["color", "red"], 1], ["same", ["nationality", "Brit"], ["color", "blue"]]],
}
BRIT, RED = ("nationality", "Brit"), ("color", "red")


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("The Brit lives in house 2", [["var", BRIT, 2]]),
        ("House 1 is red", [["var", RED, 1]]),
        ("house 1 color = red", [["var", RED, 1]]),
        ("The red house is the first house", [["var", RED, 1]]),
        ("The Brit is not in house 1", [["not", ["var", BRIT, 1]]]),
        ("House 2: blue, Brit", [["var", ("color", "blue"), 2], ["var", BRIT, 2]]),
        ("The Brit lives in the blue house", [zebra_read._same(BRIT, ("color", "blue"), 2)]),
        ("Let's look at house 1", None),
        ("The Brit lives two doors from the red house", UNREADABLE),
        ("House 1: red, not Brit", UNREADABLE),
        ("The Brit is in house 3", UNREADABLE),
        # a value placed by what is left, or taken
        ("That leaves blue for house 2", [["var", ("color", "blue"), 2]]),
        ("leaving the Brit for house 1", [["var", BRIT, 1]]),
        ("blue for house 2", [["var", ("color", "blue"), 2]]),
        ("The Dane takes house 1", [["var", ("nationality", "Dane"), 1]]),
        ("red goes to house 1", [["var", RED, 1]]),
        ("That leaves house 2 for blue", UNREADABLE),
        # pairs of houses, a house named twice, appositives, a subject shared by two verb phrases
        ("red and blue are in houses 1-2", [["and", ["var", RED, 1], ["var", ("color", "blue"), 2]]]),
        (
            "red and blue are in houses 1-2 or 2-1",
            [
                [
                    "or",
                    ["and", ["var", RED, 1], ["var", ("color", "blue"), 2]],
                    ["and", ["var", RED, 2], ["var", ("color", "blue"), 1]],
                ]
            ],
        ),
        ("red and blue are in houses 1-3", UNREADABLE),
        (
            "the Brit is in the blue house, house 2",
            [zebra_read._same(BRIT, ("color", "blue"), 2), ["var", ("color", "blue"), 2]],
        ),
        (
            "the red house, next to the Brit, is house 1",
            [["var", RED, 1], zebra_read._relation(RED, BRIT, "next to", 2)],
        ),
        ("the red house, next to him, is house 1", UNREADABLE),
        ("the Brit is not in house 1 and is in house 2", [["not", ["var", BRIT, 1]], ["var", BRIT, 2]]),
        ("Clue 2 needs the Brit in the blue house", [zebra_read._same(BRIT, ("color", "blue"), 2)]),
    ],
)
def test_zebra_clauses(clause: str, expected: Any) -> None:
    got = zebra_read.read_clause(ZEBRA, clause)
    assert (UNREADABLE if isinstance(got, str) else got) == expected


NONOGRAM = {"kind": "nonogram", "rows": [[1], [2]], "cols": [[2], [1]]}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("r1c1 = filled", [["var", (0, 0), "filled"]]),
        ("r1c2 is empty", [["var", (0, 1), "empty"]]),
        ("r1c2 is not filled", [["not", ["var", (0, 1), "filled"]]]),
        ("Row 2: ##", [["var", (1, 0), "filled"], ["var", (1, 1), "filled"]]),
        ("Row 1 is #?", [["var", (0, 0), "filled"]]),
        ("Row 2: 2", None),  # the clue, restated
        ("Row 1: #", UNREADABLE),
        ("r1c2 could be filled", UNREADABLE),
        # a line's clue in words: true when the clue holds such a run
        ("Column 1 has a run of 2", [["true"]]),
        ("Row 2 has a single run of 2", [["true"]]),
        ("Row 2 has a run of 1", [["false"]]),
        ("Column 2 has exactly one run of 2", [["false"]]),
        ("Column 3 has a run of 1", UNREADABLE),
        ("Row 2 has a single cell", [["false"]]),  # its clue is one run of 2
        ("Row 1 has a single cell", [["true"]]),
        # cells named by where lines cross, and a run placed in its columns (the cells beside it empty)
        ("rows 1 and 2 of column 1 are filled", [["var", (0, 0), "filled"], ["var", (1, 0), "filled"]]),
        ("columns 1-2 of row 2 are filled", [["var", (1, 0), "filled"], ["var", (1, 1), "filled"]]),
        ("rows 1 and 2 of row 1 are filled", UNREADABLE),
        ("rows 2 and 3 of column 1 are filled", UNREADABLE),  # no row 3
        (
            "Row 1 has a run of 1 in columns 1-1",
            [["true"], ["var", (0, 0), "filled"], ["var", (0, 1), "empty"]],
        ),
        ("Row 2 has a run of 2 in columns 1-1", UNREADABLE),  # a run of 2 in one column
    ],
)
def test_nonogram_clauses(clause: str, expected: Any) -> None:
    got = nonogram_read.read_clause(NONOGRAM, clause)
    assert (UNREADABLE if isinstance(got, str) else got) == expected


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # the answer, written many ways
        (KNIGHTS_ANSWER, "verified"),
        ("**Answer:** Ava is a knight; Ben and Cal are knaves.", "verified"),
        ("| Person | Role |\n|---|---|\n| Ava | Knight |\n| Ben | Knave |\n| Cal | Knave |", "verified"),
        ("Answer: Ava is not a knave, Ben is not a knight, Cal is not a knight.", "verified"),
        ("Ava is a knight (she tells the truth), Ben is a knave, Cal is a knave.", "verified"),
        ('Ava says "Ben is a knave".\n' + KNIGHTS_ANSWER, "verified"),
        # assumptions and their discharge
        ("Suppose Ava is a knave. Then Ben is a knight. Contradiction.\n" + KNIGHTS_ANSWER, "verified"),
        ("Assume Ava is a knave.\nThen Ben is a knight.\nSo Ava is a knight.\n" + KNIGHTS_ANSWER, "verified"),
        ("Case 1 (Ava is a knave): Ben is a knight, which is impossible.\n" + KNIGHTS_ANSWER, "verified"),
        ("If Ava were a knave, then Ben would be a knight.\n" + KNIGHTS_ANSWER, "verified"),
        # slips
        ("Answer: Ava is a knight.\nIf Ben were a knave, then Cal would be a knave.", "unknown"),
        (KNIGHTS_ANSWER + "\nAva is a knave.", "unknown"),  # two roles for Ava: no answer
        (KNIGHTS_ANSWER + "\nNo, Ava is a knight.", "unknown"),
        # without an answer line both claims are the answer
        ("Ben is a knight.\n" + KNIGHTS_ANSWER, "unknown"),
        ("Ben is a knight.\nAnswer: " + KNIGHTS_ANSWER, "refuted"),
        ("Ben is probably a knight.\n" + KNIGHTS_ANSWER, "unknown"),
        ("Ava says hi, and Ben is a knight.\n" + KNIGHTS_ANSWER, "unknown"),
        ("Suppose Ava is a knight. That is a contradiction.\n" + KNIGHTS_ANSWER, "refuted"),
        ("Suppose Ava is a knave.\nBen is a knight.\n" + KNIGHTS_ANSWER, "unknown"),
        ("If Ava is a knight, then Ben is a knight.\n" + KNIGHTS_ANSWER, "refuted"),
        ("If Ava is a knave, then Cal is a knight.\nCal is a knight.\nAnswer: " + KNIGHTS_ANSWER, "refuted"),
        ("\u0391va is a knave.\n" + KNIGHTS_ANSWER, "unknown"),
        ("A\u200bva is a knave.\n" + KNIGHTS_ANSWER, "unknown"),
        ("Is Ava a knight? Is Ben a knave? Is Cal a knave?", "unknown"),
    ],
)
def test_knights_responses(response: str, status: str) -> None:
    assert check_logic_job({"reference": KNIGHTS, "response": response})["status"] == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # a sentence that copies the role of the plain claim before it, across a full stop
        ("Answer: Ava is a knight. Ben and Cal are knaves.", "verified"),
        ("Answer: Ben and Cal are knaves. Ava is not.", "verified"),
        ("Answer: Ben and Cal are knaves. Ava isn't.", "verified"),
        ("Answer: Ava is a knight. Ben is a knave. So is Cal.", "verified"),
        ("Answer: Ava is a knight. Ben is a knave. Cal is too.", "verified"),
        ("So Ava is a knight. Ben is a knave. Cal is as well.", "verified"),
        ("Final answer: Ben and Cal are knaves. Ava is not.", "verified"),
        # the same with a wrong role copied: read, and refuted
        ("Answer: Ava is a knight. Ben is a knave. Cal is not.", "refuted"),
        ("Answer: Ben and Cal are knaves. Ava is too.", "refuted"),
        ("Answer: Ava is a knight. So is Ben. Cal is a knave.", "refuted"),
        # not a plain claim before it, or not a plain copy: left unread
        ("Answer: Ava is a knight. Ben is a knave. So is Cal?", "unknown"),
        ("Answer: Ava is a knight. Ben is a knave. So is Cal, maybe.", "unknown"),
        ("Answer: Ava is a knight. Ben is a knave. So is Ava.", "unknown"),
        ("Answer: Ava is a knight. Ben is not. Cal is not.", "unknown"),  # the second has no claim before
        ("Answer: Ava and Ben are not knights. Cal is not.", "unknown"),
        ("Answer: Ava or Ben is a knight. Cal is not.", "unknown"),
        ("If Ben is a knight, Ava is a knave. Cal is not.\n" + KNIGHTS_ANSWER, "unknown"),
        ("Answer: Ava is a knight. Ben is a knave. So is C\u0430l.", "unknown"),  # a Cyrillic a
    ],
)
def test_a_role_copied_across_a_full_stop(response: str, status: str) -> None:
    assert check_logic_job({"reference": KNIGHTS, "response": response})["status"] == status


@pytest.mark.parametrize(
    ("response", "status"),
    [
        (grid(SUDOKU_SOLUTION), "verified"),
        ("```\n" + grid(SUDOKU_SOLUTION, "|") + "\n```", "verified"),
        (
            "\n".join(f"Row {r + 1}: {' '.join(SUDOKU_SOLUTION[r * 9 : r * 9 + 9])}" for r in range(9)),
            "verified",
        ),
        (
            "|   | "
            + " | ".join("123456789")
            + " |\n|"
            + "---|" * 10
            + "\n"
            + "\n".join(
                f"| R{r + 1} | " + " | ".join(SUDOKU_SOLUTION[r * 9 : r * 9 + 9]) + " |" for r in range(9)
            ),
            "verified",
        ),
        (
            "Puzzle:\n" + grid(SUDOKU_PUZZLE.replace(".", "_")) + "\nSolution:\n" + grid(SUDOKU_SOLUTION),
            "verified",
        ),
        (f"The answer is {SUDOKU_SOLUTION}.", "verified"),
        (grid(SUDOKU_SOLUTION) + "\n" + SUDOKU_SOLUTION[:9], "unknown"),  # a tenth row
        (
            grid(SUDOKU_SOLUTION.replace("1", "x").replace("2", "1").replace("x", "2"))
            + "\n\n"
            + grid(SUDOKU_SOLUTION),
            "unknown",
        ),
        (grid(SUDOKU_SOLUTION).replace("5", "５", 1), "verified"),  # full-width digits fold to ASCII
        # a grid drawn along the way is a claim too: one wrong digit in it, and the trace is refuted
        (
            "After step 3:\n"
            + grid(SUDOKU_PUZZLE.replace(".", "_")).replace("_", "2", 1)
            + "\n\nAnswer:\n"
            + grid(SUDOKU_SOLUTION),
            "refuted",
        ),
        (
            "After step 3:\n"
            + grid(SUDOKU_PUZZLE.replace(".", "_")).replace("_", "4", 1)
            + "\n\nAnswer:\n"
            + grid(SUDOKU_SOLUTION),
            "verified",
        ),
    ],
)
def test_sudoku_responses(response: str, status: str) -> None:
    reference = {"kind": "sudoku", "puzzle": SUDOKU_PUZZLE}
    assert check_logic_job({"reference": reference, "response": response})["status"] == status


def test_clauses_keep_quotes_formulas_and_grid_rows_whole() -> None:
    assert read.clauses('Ava says: "Ben is a knave (or both)."') == [
        ('Ava says: "Ben is a knave (or both)."', None)
    ]
    assert read.clauses("¬(p ∧ q), so r") == [("¬(p ∧ q)", None), ("r", None)]
    assert read.clauses("Row 4: . # . # .") == [("Row 4: . # . # .", None)]
    assert read.clauses("Ava is a knight (she tells the truth)") == [
        ("Ava is a knight", None),
        ("she tells the truth", "Ava is a knight"),
    ]
