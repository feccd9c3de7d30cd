"""Answer layouts (data blocks, LaTeX tables, legends, table cells, ordinal and numbered zebra rows,
zero-based coordinates, case labels): each correct layout verifies, and each way to abuse it does not."""

# ruff: noqa: E501
# (the tables hold whole responses, one per line, so that each case reads as the model wrote it)

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import nonogram_read, structured
from tests.domains.logic.puzzles import KNIGHTS, NONOGRAM, ZEBRA, logic_status

PROP = {
    "kind": "propositional",
    "atoms": ["p", "q", "r"],
    "premises": [
        ["var", "p", "true"],
        ["implies", ["var", "p", "true"], ["var", "q", "false"]],
        ["or", ["var", "q", "true"], ["var", "r", "true"]],
    ],
}  # p true, q false, r true
SUDOKU = {"kind": "sudoku", "puzzle": "1.3434.22.43432."}  # 1234 / 3412 / 2143 / 4321

GRID = "1 2 3 4\n3 4 1 2\n2 1 4 3\n4 3 2 1"
LATEX = "$$\\begin{array}{cccc}\n1 & 2 & 3 & 4 \\\\\n3 & 4 & 1 & 2 \\\\\n2 & 1 & 4 & 3 \\\\\n4 & 3 & 2 & 1\n\\end{array}$$"
HOUSES = "House 1: red, dog\nHouse 2: green, cat\nHouse 3: blue, fish"


@pytest.mark.parametrize(
    ("reference", "response"),
    [
        # data blocks
        (KNIGHTS, '```json\n{"Ava": "knight", "Ben": "knave", "Cal": "knave"}\n```'),
        (KNIGHTS, "{'Ava': 'Knight', 'Ben': 'Knave', 'Cal': 'Knave',}"),
        (KNIGHTS, '{"knights": ["Ava"], "knaves": ["Ben", "Cal"]}'),
        (KNIGHTS, '{"answer": {"Ava": "knight", "Ben": "knave", "Cal": "knave"}}'),
        (
            KNIGHTS,
            '[{"name": "Ava", "role": "knight"}, {"name": "Ben", "role": "knave"},\n {"name": "Cal", "role": "knave"}]',
        ),
        (PROP, "Answer: {'p': True, 'q': False, 'r': True}"),
        (PROP, '{\n  "p": true,\n  "q": false,\n  "r": true\n}'),
        (PROP, "assignment = {'p': True, 'q': False, 'r': True}"),
        (
            ZEBRA,
            '{"House 1": {"color": "red", "pet": "dog"},\n "House 2": {"color": "green", "pet": "cat"},\n "House 3": {"color": "blue", "pet": "fish"}}',
        ),
        (
            ZEBRA,
            '[{"house": 1, "color": "red", "pet": "dog"}, {"house": 2, "color": "green", "pet": "cat"}, {"house": 3, "color": "blue", "pet": "fish"}]',
        ),
        (ZEBRA, '{"red": 1, "dog": 1, "green": 2, "cat": 2, "blue": 3, "fish": 3}'),
        (SUDOKU, "[[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 1]]"),
        (SUDOKU, '["1234", "3412", "2143", "4321"]'),
        (NONOGRAM, "[[1, 1, 0], [0, 0, 1], [1, 1, 1]]"),
        # LaTeX tables
        (SUDOKU, LATEX),
        (SUDOKU, LATEX.replace("\\\\\n", "\\\\ \\hline\n")),
        (
            SUDOKU,
            "\\[\\begin{bmatrix} 1 & 2 & 3 & 4 \\\\ 3 & 4 & 1 & 2 \\\\ 2 & 1 & 4 & 3 \\\\ 4 & 3 & 2 & 1 \\end{bmatrix}\\]",
        ),
        (
            NONOGRAM,
            "\\begin{tabular}{|c|c|c|}\n\\hline\n\\# & \\# & \\\\ \\hline\n & & \\# \\\\ \\hline\n\\# & \\# & \\# \\\\ \\hline\n\\end{tabular}",
        ),
        (
            ZEBRA,
            "\\begin{tabular}{lll}\nHouse & Color & Pet \\\\\n1 & red & dog \\\\\n2 & green & cat \\\\\n3 & blue & fish\n\\end{tabular}",
        ),
        # legends and table cells
        (NONOGRAM, "Legend: x = crossed out (empty), o = filled.\noox\nxxo\nooo"),
        (NONOGRAM, "Key: ■ = filled cell, □ = empty cell\n■■□\n□□■\n■■■"),
        (NONOGRAM, "Using 1 for filled and 0 for empty:\n110\n001\n111"),
        (NONOGRAM, "|#|#| |\n| | |#|\n|#|#|#|"),
        (NONOGRAM, "| C1 | C2 | C3 |\n|---|---|---|\n| # | # |   |\n|   |   | # |\n| # | # | # |"),
        # zebra rows
        (ZEBRA, "The first house: red, dog\nThe second house: green, cat\nThe third house: blue, fish"),
        (ZEBRA, "1st house - red, dog\n2nd house - green, cat\nLast house - blue, fish"),
        (ZEBRA, "House one: red, dog\nHouse two: green, cat\nHouse three: blue, fish"),
        (ZEBRA, "1. red, dog\n2. green, cat\n3. blue, fish"),
        (ZEBRA, "The dog's house is house 1.\n" + HOUSES),
        # zero-based coordinates said on the line, bracketed cells, value-first sentences
        (SUDOKU, "grid[0][1] = 2 (0-indexed)\n\n" + GRID),
        (SUDOKU, "[1,2] = 2\n\n" + GRID),
        (SUDOKU, "The digit 2 fills row 1, column 2.\n\n" + GRID),
        # a case labelled by its assumption
        (
            PROP,
            "Case q = true: premise 2 fails. Case q = false: consistent.\nAnswer: p = true, q = false, r = true",
        ),
        # house sections, positions, dashes, lists by attribute in a stated order, a carried subject
        (
            ZEBRA,
            "**House 1**\n- Color: Red\n- Pet: Dog\n\n**House 2**\n- Color: Green\n- Pet: Cat\n\n**House 3**\n- Color: Blue\n- Pet: Fish",
        ),
        (
            ZEBRA,
            "House 1:\n  color: red\n  pet: dog\nHouse 2:\n  color: green\n  pet: cat\nHouse 3:\n  color: blue\n  pet: fish",
        ),
        (ZEBRA, "Position 1: red, dog\nPosition 2: green, cat\nPosition 3: blue, fish"),
        (ZEBRA, "House 1 — Red — Dog\nHouse 2 — Green — Cat\nHouse 3 — Blue — Fish"),
        (ZEBRA, "Color: red, green, blue (houses 1 to 3)\nPet: dog, cat, fish (houses 1 to 3)"),
        (ZEBRA, "Colors (left to right): red, green, blue\nPets (left to right): dog, cat, fish"),
        (
            ZEBRA,
            "House 1 is red and has the dog. House 2 is green and has the cat. House 3 is blue and has the fish.",
        ),
        (ZEBRA, "The dog lives in house 1 and is in the red house.\n" + HOUSES),
        # knights: "the only", "everyone else"
        (KNIGHTS, "Ava is the only knight; everyone else is a knave."),
        (KNIGHTS, "Ava is a knight, and the others are knaves."),
        # propositional: a table of atoms down the side
        (PROP, "| atom | value |\n|---|---|\n| p | True |\n| q | False |\n| r | True |"),
        # nonogram: one word per cell
        (
            NONOGRAM,
            "Row 1: filled, filled, empty\nRow 2: empty, empty, filled\nRow 3: filled, filled, filled",
        ),
        # respectively, a pronoun for the clause before, bare keys, a group that is empty
        (KNIGHTS, "Ava, Ben and Cal are knight, knave and knave, respectively."),
        (KNIGHTS, "Ava is a knight; she tells the truth. Ben is a knave; he lies. Cal is a knave; they lie."),
        (PROP, "{p: true, q: false, r: true}"),
        (PROP, "True: p, r\nFalse: q"),
        (PROP, "Premise 1 gives p = true. Premise 2 then gives q = false.\nTrue: p, r\nFalse: q"),
    ],
)
def test_layouts_that_verify(reference: dict[str, Any], response: str) -> None:
    assert logic_status(reference, response) == "verified"


@pytest.mark.parametrize(
    ("reference", "response"),
    [
        # data blocks: duplicates, escapes, two blocks, a correction, unknown shapes, wrong content
        (KNIGHTS, '{"Ava": "knave", "Ava": "knight", "Ben": "knave", "Cal": "knave"}'),
        (KNIGHTS, '{"Ava": "knight", "Ben": "knave", "Cal": "knave", "ava": "knave"}'),
        (KNIGHTS, '{"Av\\u0061": "knight", "Ben": "knave", "Cal": "knave"}'),
        (
            KNIGHTS,
            '{"Ava": "knight", "Ben": "knave", "Cal": "knave"}\n{"Ava": "knave", "Ben": "knave", "Cal": "knave"}',
        ),
        (
            KNIGHTS,
            '```json\n{"Ava": "knight", "Ben": "knave", "Cal": "knave"}\n```\nCorrection: Ben is a knight.',
        ),
        (KNIGHTS, '{"Ava": "knight", "Ben": "knave", "Cal": "knave"} (or maybe Cal is a knight)'),
        (KNIGHTS, '{"Ava": true, "Ben": false, "Cal": false}'),
        (KNIGHTS, '{"Ava": "knight", "Ben": "knave", "Cal": "knight"}'),
        (KNIGHTS, '{"Ava": "knight", "Ben": "knave", "Cal": "knave"'),
        (PROP, "Answer: {'p': True, 'q': False, 'r': 'maybe'}"),
        (PROP, "Answer: {'p': True, 'q': False, 'r': True, 'p': False}"),
        (
            ZEBRA,
            '[{"color": "red", "pet": "dog"}, {"color": "green", "pet": "cat"}, {"color": "blue", "pet": "fish"}]',
        ),
        (
            ZEBRA,
            '{"House 1": {"color": "red", "pet": "dog"}, "House 2": {"color": "green", "pet": "cat"}, "house 2": {"color": "blue", "pet": "fish"}}',
        ),
        (
            ZEBRA,
            '{"House 1": {"color": "red", "pet": "cat"}, "House 2": {"color": "green", "pet": "dog"}, "House 3": {"color": "blue", "pet": "fish"}}',
        ),
        (SUDOKU, "[[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 1, 2]]"),
        # LaTeX tables: a wrong grid, two different grids
        (SUDOKU, LATEX.replace("4 & 3 & 2 & 1", "4 & 3 & 1 & 2")),
        (SUDOKU, LATEX + "\n\n" + LATEX.replace("1 & 2 & 3 & 4", "2 & 1 & 3 & 4")),
        # legends: flipped after the grid, defined twice, a flip that leaves a symbol undefined
        (NONOGRAM, "##.\n..#\n###\n(here # = empty and . = filled)"),
        (NONOGRAM, "Legend: x = empty, o = filled\noox\nxxo\nooo\nNote: x = filled"),
        (NONOGRAM, "x = filled? No: x = empty, o = filled.\noox\nxxo\nooo"),
        (NONOGRAM, "# = empty\n##.\n..#\n###"),
        (NONOGRAM, "Legend: o = filled, x = empty\nxxo\noox\nooo"),
        (NONOGRAM, "oox\nxxo\nooo"),
        # table cells: a blank in the wrong place
        (NONOGRAM, "|#|#| |\n| |#| |\n|#|#|#|"),
        # zebra rows: wrong ordinal content, a list that is not numbered 1..n, a wrong possessive
        (ZEBRA, "The first house: red, cat\nThe second house: green, dog\nThe third house: blue, fish"),
        (ZEBRA, "2. red, dog\n1. green, cat\n3. blue, fish"),
        (ZEBRA, "1. green, cat\n2. red, dog\n3. blue, fish"),
        (ZEBRA, "The dog's house is not house 1.\n" + HOUSES),
        (ZEBRA, "The cat's house is house 3.\n" + HOUSES),
        # coordinates: no base given, a base stated elsewhere, a wrong cell
        (SUDOKU, "grid[0][1] = 2\n\n" + GRID),
        (SUDOKU, "Using 0-indexed coordinates.\n(0, 1) = 2\n\n" + GRID),
        # true when read from 1, false from 0 (as said): the base stays uncertain, the line unknown
        (SUDOKU, "Using 0-indexed coordinates.\n(1, 2) = 2\n\n" + GRID),
        # a drawn block of 3 rows in a 4×4 grid cannot be placed: unreadable, whatever follows
        (SUDOKU, "So far:\n1 2 3 4\n3 4 1 2\n2 1 4 3\n\nFinal grid:\n\n" + GRID),
        (SUDOKU, "grid[0][2] = 2 (0-indexed)\n\n" + GRID),
        (SUDOKU, "[1,3] = 2\n\n" + GRID),
        (SUDOKU, "The digit 3 fills row 1, column 2.\n\n" + GRID),
        # a case label whose verdict is false
        (
            PROP,
            "Case q = false: premise 2 fails. Case q = true: consistent.\nAnswer: p = true, q = false, r = true",
        ),
        # house sections, lists by attribute: no order stated, a wrong order, two orders, a negated item
        (ZEBRA, "Color: red, green, blue\nPet: dog, cat, fish"),
        (ZEBRA, "Color: red, green, blue (houses 1 to 3)\nPet: cat, dog, fish (houses 1 to 3)"),
        (
            ZEBRA,
            "Color (left to right): red, green, blue\nPet (left to right): dog, cat, fish\nColor (left to right): blue, green, red",
        ),
        (
            ZEBRA,
            "**House 1**\n- Color: Red\n- Pet: not the cat\n**House 2**\n- Color: Green\n- Pet: Cat\n**House 3**\n- Color: Blue\n- Pet: Fish",
        ),
        (
            ZEBRA,
            "House 1 is red and has the cat. House 2 is green and has the dog. House 3 is blue and has the fish.",
        ),
        (ZEBRA, "House 1 is red and the cat.\n" + HOUSES),
        # knights: "everyone else" that contradicts, or that names nobody before it
        (
            KNIGHTS,
            "Ava is the only knight, the others are knights.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave",
        ),
        (KNIGHTS, "Everyone else is a knave.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave"),
        (KNIGHTS, "Ava is a knight, all others are knights."),
        # propositional: a wrong row, a row given twice
        (PROP, "| atom | value |\n|---|---|\n| p | True |\n| q | True |\n| r | True |"),
        (PROP, "| atom | value |\n|---|---|\n| p | True |\n| q | False |\n| q | True |\n| r | True |"),
        # nonogram: a wrong word, a row with one word too many
        (
            NONOGRAM,
            "Row 1: filled, empty, filled\nRow 2: empty, empty, filled\nRow 3: filled, filled, filled",
        ),
        (
            NONOGRAM,
            "Row 1: filled, filled, empty, empty\nRow 2: empty, empty, filled\nRow 3: filled, filled, filled",
        ),
        # claims in a notation no reader knows are unknown, never prose
        (SUDOKU, "A1 = 1\n\n" + GRID),
        (SUDOKU, "b2 = 3\n\n" + GRID),
        (SUDOKU, "(A, 2) = 2\n\n" + GRID),
        (SUDOKU, "slot 2 gets 2\n\n" + GRID),
        (SUDOKU, "position 2 = 2\n\n" + GRID),
        # a claim taken back on its own line ("... no, ..."): the correction cannot be read
        (KNIGHTS, "Ben is a knave... no, a knight.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave"),
        (PROP, "q is false... no, true.\nAnswer: p = true, q = false, r = true"),
        (ZEBRA, "The dog is in house 1... no, house 3.\n" + HOUSES),
        (ZEBRA, "The dog is in the leftmost house... wait, the rightmost.\n" + HOUSES),
        (SUDOKU, "r1c2 = 2... no, 3.\n\n" + GRID),
        (SUDOKU, "r1c2 = 2 -- sorry, I mean 3.\n\n" + GRID),
        (NONOGRAM, "r1c1 = filled... no, empty.\n##.\n..#\n###"),
        # a value and a house in words no grammar reads, a hedge in an aside of a counted claim
        (ZEBRA, "The fish sits in the middle house.\n" + HOUSES),
        (ZEBRA, "House 1: red, dog (or maybe the cat)\n\nHouse 2: green, cat\n\nHouse 3: blue, fish"),
        (KNIGHTS, "Ava is a knight (or maybe a knave).\n\nBen is a knave.\n\nCal is a knave."),
        (KNIGHTS, "**Ava**: knight (I think)\n**Ben**: knave\n**Cal**: knave"),
        # respectively with lists of other lengths or a wrong pairing; a pronoun with two candidates
        (
            KNIGHTS,
            "Ava, Ben and Cal are knight, knave, respectively.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave",
        ),
        (KNIGHTS, "Ava, Ben and Cal are knave, knight and knave, respectively."),
        (
            KNIGHTS,
            "Ava is a knight and Ben is a knave; he tells the truth.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave",
        ),
        (KNIGHTS, "Ava is a knight; she lies.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave"),
        # an empty group that makes the answer wrong
        (PROP, "True: p, q, r\nFalse: none"),
        # counts over the puzzle name no entity, but they are claims
        (KNIGHTS, "There is exactly one knave.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave"),
        (KNIGHTS, "Nobody is a knave.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave"),
        (
            KNIGHTS,
            "At least two of them are knights.\nAnswer: Ava is a knight, Ben is a knave, Cal is a knave",
        ),
        (PROP, "Exactly 3 atoms are true.\nAnswer: p = true, q = false, r = true"),
        (NONOGRAM, "Exactly four cells are empty.\n##.\n..#\n###"),
    ],
)
def test_layouts_that_must_not_verify(reference: dict[str, Any], response: str) -> None:
    assert logic_status(reference, response) != "verified"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1, "b": [true, null]}', structured.Pairs((("a", 1), ("b", [True, None])))),
        ("{'a': True, 'b': None,}", structured.Pairs((("a", True), ("b", None)))),
        ("[[1, 2], [3, 4]]", [[1, 2], [3, 4]]),
        ('{"a": 1, "a": 2}', None),  # a duplicate key
        ('{"a": 1, "A": 2}', None),  # the same name in another case
        ('{"a\\u0062": 1}', None),  # an escape could spell any name
        ('{"a": 1 "b": 2}', None),
        ('{"a": __import__("os")}', None),  # nothing but data
        ("[" * 10 + "]" * 10, None),  # nested too deeply
    ],
)
def test_data_grammar(text: str, expected: Any) -> None:
    try:
        value, _ = structured.parse(text)
    except Exception as exc:  # the module's own error type is private: any failure is a refusal here
        assert expected is None, exc
        return
    assert value == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Legend: x = crossed out (empty), o = filled."], {"x": "empty", "o": "filled"}),
        (["(where # = filled and . = empty)"], {"#": "filled", ".": "empty"}),
        (["Using 1 for filled and 0 for empty"], {"1": "filled", "0": "empty"}),
        (["Filled cells are shown as ■"], {"■": "filled"}),
        (["so cells 2 and 3 are filled"], {}),  # cells named, no symbol defined
        (["r1c1 = filled"], {}),
        (["x = filled", "x = empty"], "refused"),
    ],
)
def test_legend(lines: list[str], expected: Any) -> None:
    got = nonogram_read.legend(lines)
    assert (got if isinstance(got, dict) else "refused") == expected
