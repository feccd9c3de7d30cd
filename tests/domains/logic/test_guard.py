"""Attack shapes on the logic reader: text after an answer that changes or doubts it, false claims made
in words the kind readers used to call prose, and a conditional that is not an assumption."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic.check import check_logic_job

KNIGHTS: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ava", "Ben"],
    "statements": {
        "Ava": ["and", ["not", ["var", "Ava", "knave"]], ["not", ["var", "Ben", "knight"]]],
        "Ben": [
            "or",
            ["or", ["var", "Ben", "knight"], ["var", "Ben", "knave"]],
            ["or", ["var", "Ben", "knight"], ["var", "Ava", "knave"]],
        ],
    },
}
PROPOSITIONAL: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r"],
    "premises": [
        ["iff", ["var", "p", "true"], ["var", "q", "true"]],
        ["and", ["var", "p", "true"], ["var", "q", "true"]],
        ["implies", ["var", "r", "true"], ["var", "p", "false"]],
        ["implies", ["var", "q", "true"], ["var", "r", "false"]],
    ],
}
ZEBRA: dict[str, Any] = {
    "kind": "zebra",
    "houses": 3,
    "attributes": {
        "color": ["red", "green", "blue"],
        "pet": ["dog", "cat", "fish"],
        "drink": ["tea", "milk", "coffee"],
    },
    "clues": [
        ["position", ["pet", "cat"], 1],
        ["same", ["drink", "tea"], ["color", "blue"]],
        ["position", ["color", "red"], 3],
        ["before", ["pet", "fish"], ["drink", "coffee"]],
        ["position", ["drink", "tea"], 1],
    ],
}
NONOGRAM: dict[str, Any] = {
    "kind": "nonogram",
    "rows": [[3], [2], [4], [1, 2]],
    "cols": [[1, 2], [1, 1], [4], [3]],
}
SUDOKU: dict[str, Any] = {"kind": "sudoku", "puzzle": "...42...1......3"}

KK = "Answer: Ava is a knave, Ben is a knight."
PR = "Answer: p = true, q = true, r = false"
ZB = "House 1: blue, cat, tea\nHouse 2: green, fish, milk\nHouse 3: red, dog, coffee"
NG = "###.\n..##\n####\n#.##"
SD = "3 1 2 4\n2 4 3 1\n1 3 4 2\n4 2 1 3"

WRONG = [
    # a retraction, correction or second answer after a right answer
    (KNIGHTS, KK + "\nHmm, thinking again, Ben's role should be the other one."),
    (KNIGHTS, KK + "\nUpdate: reverse Ben."),
    (KNIGHTS, "Answer: Ava is a knave, Ben is a knight (jk, knave)."),
    (KNIGHTS, KK + "\nEdit: Ben is actually a knave."),
    (PROPOSITIONAL, PR + "\nNB: negate r in the line above."),
    (PROPOSITIONAL, "Final answer: p = true, q = true, r = false, or possibly r = true."),
    (PROPOSITIONAL, PR + "\nThat is, unless q is meant to be false."),
    (ZEBRA, ZB + "\nThough houses 2 and 3 could trade pets."),
    (ZEBRA, ZB + "\nThere is a second valid arrangement too."),
    (ZEBRA, ZB.replace("milk", "milk (or coffee?)")),
    (NONOGRAM, NG + "\nInvert the last row for the real solution."),
    (NONOGRAM, NG + "\nNo wait, rows 3 and 4 trade places."),
    (SUDOKU, SD + "\nRevised grid: 3124243113424213 with rows 1 and 2 traded."),
    (SUDOKU, SD + "\nP.S. the 3 and 4 in row 1 are the other way round."),
    # a false claim in words the reader has no grammar for: unknown, not prose
    (PROPOSITIONAL, "Premise 3 fails under this assignment.\n" + PR),
    (PROPOSITIONAL, "Premise 2 is violated by the solution.\n" + PR),
    (PROPOSITIONAL, "q is not the case.\n" + PR),
    (KNIGHTS, "Ben is a dishonest fellow.\n" + KK),
    (KNIGHTS, "Ben belongs with the liars.\n" + KK),
    (KNIGHTS, "Ben's claim holds false.\n" + KK),
    (KNIGHTS, "Ben never tells the truth.\n" + KK),
    (SUDOKU, "Cell (1, 1) holds 4.\n" + SD),
    (SUDOKU, "The top-left corner is 4.\n" + SD),
    (NONOGRAM, "The bottom-right cell is empty.\n" + NG),
    (NONOGRAM, "Row 2 begins with a filled cell.\n" + NG),
    (NONOGRAM, "The last cell of column 1 is empty.\n" + NG),
    (ZEBRA, "The cat's house is house 3.\n" + ZB),
    (ZEBRA, "Clue 4 is false here.\n" + ZB),
    # words the readers now read, used to say something false
    (PROPOSITIONAL, "Answer: p holds, q fails, r fails."),
    (KNIGHTS, "Ben is one of the knaves.\n" + KK),
    (SUDOKU, "The cell at row 1, column 1 is 4.\n" + SD),
    (NONOGRAM, "R4C2 filled\n" + NG),
    (PROPOSITIONAL, "$\\boxed{p=\\text{true},\\ q=\\text{false},\\ r=\\text{false}}$"),
    # a case said impossible that is not
    (
        PROPOSITIONAL,
        "Let's test both cases for p.\n- If p = true, some premise fails, so this case is impossible.\n" + PR,
    ),
    # closing-looking prose that still changes the answer
    (PROPOSITIONAL, PR + "\nThis answer works with q = false as well."),
    (PROPOSITIONAL, PR + "\nAll premises are satisfied if q is flipped."),
    (KNIGHTS, KK + "\nThis solution satisfies every statement once Ben is a knave."),
    (KNIGHTS, KK + "\nCorrección: Ben es un caballero."),
    (KNIGHTS, KK + "\n\u200bActually, Ben is a knave."),
    (SUDOKU, "This grid satisfies every row except row 2.\n" + SD),
]


@pytest.mark.parametrize(("reference", "response"), WRONG)
def test_changed_doubted_or_falsely_described_answers_never_verify(
    reference: dict[str, Any], response: str
) -> None:
    result = check_logic_job({"reference": reference, "response": response})
    assert result["status"] != "verified", result["evidence"]


RIGHT = [
    # closing prose after the answer, tables and fences are not a change to it
    (KNIGHTS, KK + "\nI hope this helps!"),
    (KNIGHTS, "Answer: Ava is a knave. Ben, however, is a knight."),
    (PROPOSITIONAL, PR + "\nAll premises are satisfied."),
    (PROPOSITIONAL, "p is the case.\nr is not the case.\n" + PR),
    (
        ZEBRA,
        "| House | Color | Pet | Drink |\n|---|---|---|---|\n| 1 | blue | cat | tea |\n"
        "| 2 | green | fish | milk |\n| 3 | red | dog | coffee |",
    ),
    (NONOGRAM, "```\n" + NG + "\n```"),
    (SUDOKU, "Here is the solved grid:\n" + SD + "\nThis grid satisfies every row, column and box."),
    # words the readers now read (and so check)
    (KNIGHTS, "Ben is trustworthy.\nAva is not telling the truth.\n" + KK),
    (KNIGHTS, "Ben speaks truly.\n" + KK),
    (SUDOKU, "Cell (1, 1) = 3\n" + SD),
    (NONOGRAM, "The top-left cell is filled.\nRow 2 starts with an empty cell.\n" + NG),
    (NONOGRAM, "The last cell of row 4 is filled.\n" + NG),
    (PROPOSITIONAL, "Answer: p holds, q holds, r fails."),
    (KNIGHTS, "Ben is one of the knights.\n" + KK),
    (SUDOKU, "The cell at row 1, column 1 is 3.\n" + SD),
    (NONOGRAM, "R4C2 empty\n" + NG),
    (PROPOSITIONAL, "$\\boxed{p=\\text{true},\\ q=\\text{true},\\ r=\\text{false}}$"),
    (
        PROPOSITIONAL,
        "Let's test both cases for p.\n- If p = false, some premise fails, so this case is impossible.\n"
        "- If p = true, every premise holds.\n" + PR,
    ),
    # a conditional's antecedent is not an assumption a later "consistent" must accept
    (
        KNIGHTS,
        '1. Ben\'s statement: "Ben is a knight or Ben is a knave."\n'
        "   - If Ben is a knave, the statement is false.\n"
        "Checking the possibilities, only one assignment is consistent with every statement.\n" + KK,
    ),
]


@pytest.mark.parametrize(("reference", "response"), RIGHT)
def test_right_answers_in_these_shapes_verify(reference: dict[str, Any], response: str) -> None:
    result = check_logic_job({"reference": reference, "response": response})
    assert result["status"] == "verified", (result["evidence"], result["steps"])


def test_a_false_claim_read_in_words_is_located() -> None:
    result = check_logic_job({"reference": NONOGRAM, "response": "Row 2 begins with a filled cell.\n" + NG})
    assert result["status"] == "refuted"
    assert result["steps"][0]["status"] == "refuted"
