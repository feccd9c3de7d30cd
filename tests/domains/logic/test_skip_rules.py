"""Which clauses the walk may skip: only those that provably claim nothing about the puzzle's entities.

A clause that names a person, an atom, a cell or a zebra value (or a value word, in any inflection) and
is not read as a claim is unknown, whatever dresses it: a question, a tag question, the writer's own
speech verb, a quotation the writer concludes, an ellipsis, a mid-clause pronoun, a table with a further
column or a table before the answer. Each row below puts one false claim before a right answer (a blank
line apart, so the answer's own hedge rule cannot be what refuses it), or one true claim in the same
style, which must still verify.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from assay.domains.logic import guard, knights_read, speech
from assay.domains.logic.check import check_logic_job

# names that are prefixes of one another: Ann is a knight, Anna and Annabel are knaves
ANN: dict[str, Any] = {
    "kind": "knights",
    "people": ["Ann", "Anna", "Annabel"],
    "statements": {
        "Ann": ["var", "Anna", "knave"],
        "Anna": ["var", "Annabel", "knight"],
        "Annabel": ["and", ["var", "Ann", "knight"], ["var", "Anna", "knight"]],
    },
}
ANN_ANSWER = "Answer: Ann is a knight, Anna is a knave, Annabel is a knave"
# p, q and s are true, r is false
PROP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r", "s"],
    "premises": [
        ["iff", ["var", "r", "false"], ["var", "p", "true"]],
        ["implies", ["var", "r", "true"], ["var", "p", "true"]],
        ["implies", ["var", "s", "false"], ["var", "p", "false"]],
        ["iff", ["var", "r", "true"], ["var", "q", "false"]],
    ],
}
PROP_ANSWER = "Answer: p = true, q = true, r = false, s = true"
ZEBRA: dict[str, Any] = {
    "kind": "zebra",
    "houses": 4,
    "attributes": {
        "color": ["green", "red", "white", "yellow"],
        "hobby": ["painting", "golf", "piano", "hiking"],
        "nationality": ["German", "Swede", "Spaniard", "Dane"],
    },
    "clues": [
        ["position", ["nationality", "German"], 2],
        ["before", ["nationality", "Dane"], ["color", "red"]],
        ["position", ["nationality", "Swede"], 3],
        ["position", ["hobby", "painting"], 1],
        ["next_to", ["hobby", "piano"], ["color", "yellow"]],
        ["position", ["color", "yellow"], 2],
        ["position", ["color", "green"], 3],
        ["not_position", ["hobby", "hiking"], 2],
    ],
}
ZEBRA_ANSWER = (
    "Answer:\nHouse 1: white, painting, Dane\nHouse 2: yellow, golf, German\n"
    "House 3: green, piano, Swede\nHouse 4: red, hiking, Spaniard"
)
SUDOKU: dict[str, Any] = {"kind": "sudoku", "puzzle": "23.........4.21."}
SUDOKU_ANSWER = "Answer:\n2 3 4 1\n1 4 3 2\n3 1 2 4\n4 2 1 3"

PUZZLES = {
    "ann": (ANN, ANN_ANSWER),
    "prop": (PROP, PROP_ANSWER),
    "zebra": (ZEBRA, ZEBRA_ANSWER),
    "sudoku": (SUDOKU, SUDOKU_ANSWER),
}

WRONG = [
    # questions answered in words, tag questions, declaratives asked
    ("ann", "Is Anna a knight? Yes, definitely."),
    ("ann", "Is Anna a knight?\nYes."),
    ("ann", "Is Anna a knight? I believe so."),
    ("ann", "Is Anna a knight? You bet."),
    ("ann", "Is Anna a knight? Well, yes."),  # "Well" is not "we'll": no plan opens the answer
    ("ann", "Can Anna be a knave? No."),
    ("ann", "Could Anna be a knight? Yes."),  # a possibility, never read as a fact
    ("ann", "Well, Anna lies a lot."),
    ("ann", "They say Anna is a knight."),  # hearsay, not a puzzle person's words
    ("ann", "Is Anna a knight? She is."),
    ("ann", "Is Ann a knave? Yes."),
    ("ann", "Is Anna a knave? No."),
    ("ann", "Did Anna lie? No."),
    ("ann", "Who is the knave? Ann."),
    ("ann", "Is it true that Anna is a knight? It is."),
    ("ann", "Is \u0410nna a knight? Yes."),  # a Cyrillic A
    ("ann", "Anna a knight? Certainly."),
    ("ann", "Is Anna not a knave? No."),
    ("ann", "Anna is a knight or not?\nYes."),
    ("ann", "ANNA IS A KNIGHT?"),
    ("ann", "Anna is a knight, isn't she?"),
    ("ann", "Anna's a knight, innit?"),
    ("ann", "Suppose Ann is a knight. Then Anna is a knight, right?"),
    ("prop", "p = false, right?"),
    ("prop", "Is p false? Yes."),
    ("prop", "Is r true? Yes."),
    ("zebra", "The Dane lives in house 4, right?"),
    ("zebra", "Is the Dane the painter? No."),
    ("sudoku", "r1c3 = 1, right?"),
    ("sudoku", "Is r1c3 = 1? Yes."),
    ("sudoku", "R1C3 = 1?"),
    # the writer's own speech verbs and quotations
    ("ann", "We can safely say Anna is a knight."),
    ("ann", "I'd say Anna is a knight."),
    ("ann", "I state that Anna is a knight."),
    ("ann", "One can say Anna is a knight."),
    ("ann", "It is safe to say Anna is a knight."),
    ("ann", "Folks say Anna is a knight."),
    ("ann", "As Ann says, Annabel is a knight."),
    ("ann", "Ann rightly says Annabel is a knight."),
    ("ann", "Ann, a knight, says Annabel is a knight."),
    ("ann", "My claim: Anna is a knight."),
    ("ann", "Our verdict: Anna is a knight."),
    ("ann", '"Anna is a knight," I concluded.'),
    ("ann", '"Anna is a knight," Ann and I agree.'),
    ("ann", '"Anna is a knight," we find.'),
    ("prop", "We can say p = false."),
    ("zebra", "We can safely say the Spaniard is in house 1."),
    ("sudoku", "We can safely say r1c3 = 1."),
    # ellipses and pronouns mid-clause
    ("ann", "Ann is a knight. Anna too."),
    ("ann", "Ann is a knight. So is Anna."),
    ("ann", "Ann is a knight. Anna, likewise."),
    ("ann", "Ann is a knight. And Anna."),
    ("ann", "Anna is a knave; so is he."),
    ("ann", "Annabel is a knave; so is her friend."),
    ("prop", "r is false. p too."),
    ("sudoku", "r1c4 = 1. r2c1 too."),
    # truth verbs and statement verdicts
    ("ann", "Ann lied."),
    ("ann", "Ann lies."),
    ("ann", "Anna told the truth."),
    ("ann", "Anna never lied."),
    ("ann", "Anna was right."),
    ("ann", "Ann was wrong."),
    ("ann", "Annabel's statement checks out."),
    ("ann", "Annabel's statement works."),
    ("ann", "Annabel's claim pans out."),
    ("ann", "Knights always lie and knaves always tell the truth."),
    ("ann", "If Anna is a knave, the statement is true."),
    # zebra verbs, agent nouns and adjectives of a value
    ("zebra", "The Swede paints."),
    ("zebra", "The SWEDE PAINTS."),
    ("zebra", "The Spaniard golfs."),
    ("zebra", "The Danish man hikes."),
    ("zebra", "The Dane does not paint."),
    ("zebra", "The golfer is Spanish."),
    ("zebra", "The hiker is the German."),
    ("zebra", "Germany hikes."),
    ("zebra", "Painting belongs to the Swede."),
    # the new readings, read wrong
    ("ann", "Everyone but Anna is a knave."),
    ("ann", "Everyone but Ann is a knight."),
    ("ann", "All except Annabel are knaves."),
    ("ann", "(Ann, Anna, Annabel) = (knight, knave, knight)"),
    ("ann", "(Ann, Anna) = (knight, knave, knave)"),
    ("prop", "The true atoms are p, q; the rest are false."),
    ("prop", "The true atoms are none; the rest are false."),
    ("zebra", "The Dane hikes."),
    ("zebra", "The Spanish man paints."),
    ("zebra", "The painter is the German."),
    ("zebra", "The golfer is Swedish."),
    ("zebra", "The Dane does not paint."),
    ("zebra", "The Swede's house is painted red."),
    # tables: a further column, a table of names under role headers, a table before the answer
    ("ann", "| Name | Role | Actually |\n|---|---|---|\n| Ann | knight | knave |"),
    ("ann", "| Name | Role | Is a knave? |\n|---|---|---|\n| Ann | Knight | yes |"),
    ("ann", "| Knights | Knaves |\n|---|---|\n| Anna | Ann |"),
    ("ann", "Ann | Anna\nknave | knight"),
    ("prop", "p q r s\nF T F T"),
    ("prop", "| p | q | r | s |\n|---|---|---|---|\n| F | T | F | T |"),
    ("zebra", "| House | Nationality |\n|---|---|\n| 1 | Swede |"),
    # a legend that re-spells values
    ("prop", "Legend: 1 = false, 0 = true\np = 0"),
    ("zebra", "Legend: # = Dane"),
]

RIGHT = [
    ("ann", "Is Anna a knight? No, Anna is a knave."),
    ("ann", "Is Anna a knave? Yes."),
    ("ann", "Is Ann a knight?\nYes, definitely."),
    ("ann", "Ann is a knight, isn't she?"),
    ("ann", "Ann is a knight. Anna is a knave, right?"),
    ("ann", "Anna lied."),
    ("ann", "Annabel never told the truth."),
    ("ann", "Ann told the truth, so Anna is a knave."),
    ("ann", "Ann was right."),
    ("ann", "Ann didn't lie."),
    ("ann", 'Ann says "Anna is a knave". Ann is a knight.'),
    ("ann", 'Ann: "Anna is a knave."\nAnn is a knight.'),
    ("ann", "Ann says that Anna is a knave, and Ann is a knight."),
    ("ann", "Knights always tell the truth and knaves always lie."),
    ("ann", "If Anna is a knave, her statement is false."),
    ("ann", "Ann is a knight (always tells the truth)."),
    ("ann", "Is Anna a knight? Let's check."),
    ("prop", "Is r true? No."),
    ("ann", "Can Ann be a knave? No."),
    ("ann", "| Person | Role |\n|---|---|\n| Ann | Knight |\n| Anna | Knave |\n| Annabel | Knave |"),
    ("ann", "Everyone but Ann is a knave."),
    ("ann", "All except Ann are knaves."),
    ("ann", "(Ann, Anna, Annabel) = (knight, knave, knave)"),
    ("prop", "The true atoms are p, q, s; the rest are false."),
    ("prop", "The false ones are r; the others are true."),
    ("zebra", "The Dane paints."),
    ("zebra", "The Spaniard hikes, and the German golfs."),
    ("zebra", "The painter is the Dane."),
    ("zebra", "The Danish man paints."),
    ("zebra", "The hiker is Spanish."),
    ("zebra", "The German does not paint."),
    ("prop", "Premise 2"),
]


def _verdict(puzzle: str, prefix: str) -> dict[str, Any]:
    reference, answer = PUZZLES[puzzle]
    return check_logic_job({"reference": reference, "response": f"{prefix}\n\n{answer}"})


@pytest.mark.parametrize(("puzzle", "prefix"), WRONG)
def test_a_false_claim_in_any_wrapper_is_never_verified(puzzle: str, prefix: str) -> None:
    verdict = _verdict(puzzle, prefix)
    assert verdict["status"] != "verified", verdict


@pytest.mark.parametrize(("puzzle", "prefix"), RIGHT)
def test_a_true_claim_in_the_same_styles_verifies(puzzle: str, prefix: str) -> None:
    verdict = _verdict(puzzle, prefix)
    assert verdict["status"] == "verified", verdict


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Lena too", False),  # Lena is not a person of this puzzle
        ("Anna too", True),
        ("Annabel's", True),
        ("Annie", False),  # not a prefix match: a name is a whole word
        ("\u0410nn", True),  # a Cyrillic A: not ASCII, so it could be a name
        ("the painter", True),
        ("the Danish man", True),
        ("hikes", True),
        ("the weather", False),
        ("he lied", True),
        ("liar", True),
        ("r1c3", True),
        ("premise 2", True),
        ("nice", False),
    ],
)
def test_mentions_names_values_and_their_inflections(text: str, named: bool) -> None:
    reference = {**ANN, "attributes": {"hobby": ["painting", "hiking"], "nationality": ["Dane"]}}
    assert guard.mentions(reference)(text) is named


@pytest.mark.parametrize(
    ("text", "others"),
    [
        # unquoted, the words are the kind's to check (or the clause is unknown), never skipped
        ("Ann says Anna is a knave", False),
        ("Ann was heard saying Anna is a knave", False),
        ('Ann: "Anna is a knave."', True),
        ('Ann says "Anna is a knave"', True),
        ('Anna\'s statement: "Annabel is a knight."', True),
        ("She says Anna is a knave", False),
        ("We can safely say Anna is a knave", False),
        ("I state that Anna is a knave", False),
        ('"Anna is a knave," I concluded', False),
        ("As Ann says, Anna is a knave", False),
        ("Ann rightly says Anna is a knave", False),
        ("The knight says Anna is a knave", False),
        ("They say Anna is a knave", False),
        ("Folks say Anna is a knave", False),
    ],
)
def test_reported_speech_is_another_speakers_only(text: str, others: bool) -> None:
    reader = guard.claim_guard(ANN, functools.partial(knights_read.read_clause, ANN))
    assert speech.reported(text, reader, guard.mentions(ANN)) is others
