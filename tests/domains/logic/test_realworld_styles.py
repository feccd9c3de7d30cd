"""Real-world reasoning styles (session 11): the writer's own "A or B" restating a speaker's "or", a
conditional whose case runs past semicolons to its verdict, "which makes X a knight", a zebra placement
"next to it", a truth table as the method, digits a sudoku line "already has", and a nonogram cell named
as "it is column 3". Each reading is tabled with its twins that must not verify: the negation, the other
person, a false contradiction, a wrong table row, a cell that is not in the column."""

from __future__ import annotations

from typing import Any

import pytest

from assay.domains.logic import knights_read, zebra_read
from assay.domains.logic.check import check_logic_job
from tests.domains.logic.puzzles import (
    KNIGHTS,
    KNIGHTS_ANSWER,
    KNIGHTS_THREE,
    KNIGHTS_THREE_ANSWER,
    NONOGRAM,
    ZEBRA,
)

UNREADABLE = "unreadable"
# Dan: "Eve is a knight iff Finn is a knight"; Eve: "Gail is a knave"; Finn: "Dan is a knave and Eve is a
# knave"; Gail: "Finn is a knave or Dan is a knight (or both)". The one solution: Dan knight, Eve knave,
# Finn knave, Gail knight.
FOUR: dict[str, Any] = {
    "kind": "knights",
    "people": ["Dan", "Eve", "Finn", "Gail"],
    "statements": {
        "Dan": ["iff", ["var", "Eve", "knight"], ["var", "Finn", "knight"]],
        "Eve": ["var", "Gail", "knave"],
        "Finn": ["and", ["var", "Dan", "knave"], ["var", "Eve", "knave"]],
        "Gail": ["or", ["var", "Finn", "knave"], ["var", "Dan", "knight"]],
    },
}
KNIGHTS_ANSWER_LINE = f"Answer: {KNIGHTS_ANSWER}"
FOUR_ANSWER = "Answer: Dan is a knight, Eve is a knave, Finn is a knave, Gail is a knight."
FINN_KNAVE, DAN_KNIGHT = ["var", "Finn", "knave"], ["var", "Dan", "knight"]


def _shape(reading: Any) -> Any:
    return UNREADABLE if isinstance(reading, str) else reading


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # the writer's bare "or" restating Gail's statement: the puzzle's inclusive "or"
        ("Finn is a knave or Dan is a knight", [["or", FINN_KNAVE, DAN_KNIGHT]]),
        ("Dan is a knight or Finn is a knave", [["or", DAN_KNIGHT, FINN_KNAVE]]),
        ("Finn is a knave, or Dan is a knight", [["or", FINN_KNAVE, DAN_KNIGHT]]),
        # an "or" no speaker said may be exclusive: not read
        ("Finn is a knight or Dan is a knight", UNREADABLE),
        ("Eve is a knave or Gail is a knave", UNREADABLE),
        ("Finn is a knave or Dan is a knight, but not both", UNREADABLE),
        # a negation before it leaves its scope open
        ("It is false that Finn is a knave or Dan is a knight", UNREADABLE),
        ("not Finn is a knave or Dan is a knight", UNREADABLE),
    ],
)
def test_a_bare_or_is_read_when_it_restates_a_speaker(clause: str, expected: Any) -> None:
    assert _shape(knights_read.read_clause(FOUR, clause)) == expected


CASE = (
    "Suppose Finn is a knight. Then Dan is a knave and Eve is a knave. Since Eve is a knave, Gail is a "
    "knight. Since Gail is a knight, {claim}. Dan is a knave, so Finn is a knave. Contradiction.\n"
    "So Finn is a knave.\nThen Gail's statement is true, so Gail is a knight.\n"
    "So Eve's statement is false, and Eve is a knave.\n"
    "Eve and Finn are both knaves, so Dan's statement is true, and Dan is a knight.\n"
)
RUN = (
    "If Finn were a knight, his statement would make Dan and Eve knaves; Eve lying means Gail is a knight, "
    "and {forces} — a contradiction. So Finn is a knave.\n"
    "Because Finn is a knave, Gail's statement is true, so Gail is a knight.\n"
    "Eve says Gail is a knave, which is false, so Eve is a knave.\n"
    'Eve and Finn are both knaves, so "Eve is a knight if and only if Finn is a knight" is true, which '
    "makes {made} a knight.\n"
)


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # the disjunction said in a case, in prose, a numbered list and bullets
        (CASE.format(claim="Finn is a knave or Dan is a knight") + FOUR_ANSWER, True),
        (
            "".join(
                f"{i}. {line}\n"
                for i, line in enumerate(
                    CASE.format(claim="Finn is a knave or Dan is a knight").splitlines(), 1
                )
            )
            + FOUR_ANSWER,
            True,
        ),
        (CASE.format(claim="Finn is a knight or Dan is a knight") + FOUR_ANSWER, False),  # no one said that
        (CASE.format(claim="Finn is a knave or Dan is a knave") + FOUR_ANSWER, False),
        # as a fact: checked against the solution like any claim
        ("Gail is a knight, so Finn is a knave or Dan is a knight.\n" + FOUR_ANSWER, True),
        ("Gail is a knave, so Finn is a knave or Dan is a knight.\n" + FOUR_ANSWER, False),
        # a conditional's case run on past a semicolon to its verdict
        (
            RUN.format(forces="Gail's true statement then forces Finn to be a knave", made="Dan")
            + FOUR_ANSWER,
            True,
        ),
        (
            RUN.format(forces="Gail's true statement then forces Finn to be a knave", made="Eve")
            + FOUR_ANSWER,
            False,
        ),
        # a sentence end closes the conditional: the verdict after it has no case to close
        (
            RUN.replace("knaves; Eve", "knaves. Eve").format(
                forces="Gail's true statement then forces Finn to be a knave", made="Dan"
            )
            + FOUR_ANSWER,
            False,
        ),
        # a verdict the case does not reach
        (
            "If Finn were a knave, Dan would be a knight; Gail is a knight — a contradiction. So Finn is a "
            "knight.\n" + FOUR_ANSWER,
            False,
        ),
        (
            "If Dan were a knight, Eve would be a knave; Gail is a knight — a contradiction. So Dan is a "
            "knave.\n" + FOUR_ANSWER,
            False,
        ),
        # without a verdict the case ends at the semicolon: what follows is asserted
        ("If Finn were a knight, Dan would be a knave; Dan is a knave.\n" + FOUR_ANSWER, False),
        ("If Finn were a knight, Dan would be a knave; Dan is a knight.\n" + FOUR_ANSWER, True),
    ],
)
def test_knights_real_world_traces(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": FOUR, "response": response})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


RED, GREEN, DOG = ("color", "red"), ("color", "green"), ("pet", "dog")
ZEBRA_ANSWER = "Answer:\nHouse 1: red, dog\nHouse 2: green, cat\nHouse 3: blue, fish"


def _beside(a: Any, b: Any) -> list[Any]:
    pairs = [(1, 2), (2, 1), (2, 3), (3, 2)]
    return ["or", *(["and", ["var", a, h], ["var", b, k]] for h, k in pairs)]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # a placement beside "it", the one value the first part places
        (
            "red is in house 1 and the dog is in house 2 next to it",
            [["var", RED, 1], ["var", DOG, 2], _beside(DOG, RED)],
        ),
        (
            "red is in house 1, and green is in house 2, next to it",
            [["var", RED, 1], ["var", GREEN, 2], _beside(GREEN, RED)],
        ),
        # read whole: a placement that is not beside it is still read, and its relation is false then
        (
            "red is in house 1 and the dog is in house 3 next to it",
            [["var", RED, 1], ["var", DOG, 3], _beside(DOG, RED)],
        ),
        # "it" is not certain: the first part places nothing, or more than one value
        ("red is not in house 1 and the dog is in house 2 next to it", UNREADABLE),
        ("red and the dog are in house 1 and green is in house 2 next to it", UNREADABLE),
        ("the dog is in house 2 next to it", UNREADABLE),
    ],
)
def test_a_placement_next_to_it(clause: str, expected: Any) -> None:
    assert _shape(zebra_read.read_clause(ZEBRA, clause)) == expected


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("Red is in house 1 and green is in house 2 next to it.\n" + ZEBRA_ANSWER, True),
        ("Red is in house 1 and blue is in house 2 next to it.\n" + ZEBRA_ANSWER, False),
        ("Red is in house 1 and green is in house 3 next to it.\n" + ZEBRA_ANSWER, False),  # not beside
        (
            "If red were in house 2, green would be in house 2 as well; then the dog would be in house 2 and "
            "the cat would need to be in house 1 next to it, but green is in house 2 — contradiction.\n"
            + ZEBRA_ANSWER,
            False,  # the puzzle places red in house 1: the case is refuted at its first step
        ),
    ],
)
def test_zebra_next_to_it_traces(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": ZEBRA, "response": response})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


# p → q, q → ¬r, r ∨ p, q ∨ ¬r: the one model p, q true and r false
PROP: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r"],
    "premises": [
        ["implies", ["var", "p", "true"], ["var", "q", "true"]],
        ["implies", ["var", "q", "true"], ["var", "r", "false"]],
        ["or", ["var", "r", "true"], ["var", "p", "true"]],
        ["or", ["var", "q", "true"], ["var", "r", "false"]],
    ],
}
PROP_ANSWER = "\nSo p is true, q is true and r is false."
FULL = "\n".join(
    f"| {p} | {q} | {r} | {'✓' if (p, q, r) == ('T', 'T', 'F') else '✗'} |"
    for p in "TF"
    for q in "TF"
    for r in "TF"
)


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("| p | q | r | all premises |\n|---|---|---|---|\n| T | T | F | ✓ |" + PROP_ANSWER, True),
        ("| p | q | r | all premises |\n|---|---|---|---|\n" + FULL + PROP_ANSWER, True),
        (
            "| p | q | r | p → q | q → ¬r | (3) | premise 4 |\n|-|-|-|-|-|-|-|\n| T | T | F | T | T | T | T |"
            + PROP_ANSWER,
            True,
        ),
        ("| p | q | r | All hold? |\n| 1 | 1 | 0 | yes |\n| 1 | 0 | 0 | no |" + PROP_ANSWER, True),
        # a wrong value in a row: refuted, whichever column it is in
        ("| p | q | r | all premises |\n|---|---|---|---|\n| T | T | T | ✓ |" + PROP_ANSWER, False),
        (
            "| p | q | r | all premises |\n|---|---|---|---|\n"
            + FULL.replace("| F | F | F | ✗ |", "| F | F | F | ✓ |")
            + PROP_ANSWER,
            False,
        ),
        ("| p | q | r | p → q | q → ¬r |\n|-|-|-|-|-|\n| T | F | F | T | T |" + PROP_ANSWER, False),
        # what cannot be read is unknown: a column no reader knows, a cell that is no value, a short
        # row, a column needing an atom the table does not give, a premise that does not exist
        ("| p | q | r | result |\n|---|---|---|---|\n| T | T | F | ✓ |" + PROP_ANSWER, False),
        ("| p | q | r | all premises |\n|---|---|---|---|\n| T | T | F | ok-ish |" + PROP_ANSWER, False),
        ("| p | q | r | all premises |\n|---|---|---|---|\n| T | T | ✓ |" + PROP_ANSWER, False),
        ("| p | q | all premises |\n|---|---|---|\n| T | T | ✓ |" + PROP_ANSWER, False),
        ("| p | q | r | premise 7 |\n|---|---|---|---|\n| T | T | F | T |" + PROP_ANSWER, False),
        ("| p | p | r | all premises |\n|---|---|---|---|\n| T | T | F | ✓ |" + PROP_ANSWER, False),
        # a row enumerates; it does not assert its assignment: the answer still has to be given
        ("| p | q | r | all premises |\n|---|---|---|---|\n| T | T | F | ✓ |", False),
    ],
)
def test_a_truth_table_as_the_method(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": PROP, "response": response})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


NONOGRAM_ANSWER = "\nAnswer:\n##.\n..#\n###"


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # "it" is the one filled cell of the line just named, placed across it
        ("Row 2 has a single cell, so it is column 3." + NONOGRAM_ANSWER, True),
        ("Row 2 has exactly one filled cell; it must be in column 3." + NONOGRAM_ANSWER, True),
        ("Row 2 has a run of 1, so that cell is column 3." + NONOGRAM_ANSWER, True),
        # the other cell, or a line with more than one cell: refuted
        ("Row 2 has a single cell, so it is column 2." + NONOGRAM_ANSWER, False),
        ("Row 1 has a single cell, so it is column 1." + NONOGRAM_ANSWER, False),
        # what "it" is cannot be told: left unread
        ("Row 2 has a single empty cell, so it is column 3." + NONOGRAM_ANSWER, False),
        ("Row 2 has two cells, so it is column 3." + NONOGRAM_ANSWER, False),
        ("Row 2 has a single cell, so it is row 3." + NONOGRAM_ANSWER, False),
        ("Row 2 has a single cell. Column 3 has a run of 2, so it is column 3." + NONOGRAM_ANSWER, False),
    ],
)
def test_a_line_with_one_cell_and_where_it_is(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": NONOGRAM, "response": response})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # an aside's pronoun is the host's subject only when nothing else in its sentence is named:
        # "her" may be Ava's, whose statement is true (a wrong claim must not pass as Ben's)
        (f"Since Ava is a knight, Ben is a knave (her statement is false).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Ava is a knight, so Ben is a knave (her statement is false).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Ava is a knight and Ben is a knave (his statement is false).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Since Ava is a knight, Ben is a knave (always lies).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Ben is a knave (his statement is false).\n{KNIGHTS_ANSWER_LINE}", True),
        # ... and when each one it may be makes the aside true, it is verified whichever is meant
        (f"Since Ben is a knave, Cal is a knave (his statement is false).\n{KNIGHTS_ANSWER_LINE}", True),
        (f"Since Ava is a knight, Cal is a knave (her statement is false).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Ben is a knave (his statement is true).\n{KNIGHTS_ANSWER_LINE}", False),
        (f"So Ava is a knight (always tells the truth).\n{KNIGHTS_ANSWER_LINE}", True),
        # "by Ava's statement" gives the reason of the claim: the claim is checked as any claim, and the
        # statement (true exactly when Ava is a knight) with the steps before must give it
        (
            "Suppose Cal is a knight. Then Ben is a knight by Cal's statement. Contradiction.\n"
            + KNIGHTS_ANSWER_LINE,
            True,
        ),
        (f"Ava is a knight.\nBen is a knave by Ava's statement.\n{KNIGHTS_ANSWER_LINE}", True),
        (f"Ben is a knave by Ava's statement.\n{KNIGHTS_ANSWER_LINE}", False),  # Ava's role not yet known
        (f"Ben is a knight by Ava's statement.\n{KNIGHTS_ANSWER_LINE}", False),
        # a heading that names what the step finds claims nothing; one that claims is read
        (f"## Step 2: Determine Ben\nBen is a knave.\n{KNIGHTS_ANSWER_LINE}", True),
        (f"## Step 2: Determine Ben: he is a knight\n{KNIGHTS_ANSWER_LINE}", False),
        (f"Determine: Ben is a knight.\n{KNIGHTS_ANSWER_LINE}", False),
    ],
)
def test_asides_citations_and_headings(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": response})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


# ¬r → p, q → ¬r, ¬p ∨ r ∨ ¬q, ¬p ∨ q ∨ ¬r, r → p: the one model p true, q and r false
PROP5: dict[str, Any] = {
    "kind": "propositional",
    "atoms": ["p", "q", "r"],
    "premises": [
        ["implies", ["not", ["var", "r", "true"]], ["var", "p", "true"]],
        ["implies", ["var", "q", "true"], ["not", ["var", "r", "true"]]],
        ["or", ["not", ["var", "p", "true"]], ["var", "r", "true"], ["not", ["var", "q", "true"]]],
        ["or", ["not", ["var", "p", "true"]], ["var", "q", "true"], ["not", ["var", "r", "true"]]],
        ["implies", ["var", "r", "true"], ["var", "p", "true"]],
    ],
}
PROP5_ANSWER = "\n\nAnswer: p = true, q = false, r = false"


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a premise restated: checked against the premise the line names, never as a bare formula
        ("Premise 1 says ¬r → p.", True),
        ("Premise 1 says r → p.", False),
        ("Premise 3 says p ∨ r ∨ ¬q.", False),
        ("Premise 3 says not p or r or not q.", True),
        ("Premise 1 states that r → p.", False),
        ("Premise 1 reads: r → p", False),
        # a cited premise must give the claim with the steps before, literals too: ¬p ∨ q ∨ ¬r gives no p
        ("By premise 4 (¬p ∨ q ∨ ¬r), p holds.", False),
        ("r is false. By premise 1 (¬r → p), p holds.", True),
        ("By premise 4 (p ∨ q ∨ ¬r), p holds.", False),
        ("Premise 4 (p ∨ q ∨ ¬r) gives p.", False),
        ("Premise 5 (r → p) gives p.", False),
        ("r is false. Premise 1 (¬r → p) gives p.", True),
        ("q is false. Premise 4 (¬p ∨ q ∨ ¬r) with q false gives ¬p ∨ ¬r.", True),
        ("Premise 4 (¬p ∨ q ∨ ¬r) with q false gives ¬p ∨ ¬r.", False),  # q false not known before
        ("Premise 4 (¬p ∨ q ∨ ¬r) with q true gives ¬p ∨ ¬r.", False),
        ("premise 2 says q is false", False),  # what the premise gives: a literal, checked and cited
        ("p is true. premise 3 says q is false", False),  # ¬p ∨ r ∨ ¬q needs r false too
        ("p is true and r is false. premise 3 says q is false", True),
        # a compound that cites a premise must follow from it and the steps before
        ("From premise 5, ¬p → r, and p is true.", False),
        ("By premise 1, r → p.", False),
        # the premise said before "so" is the claim's reason: ¬r → p gives p only with r false
        ("From premise 1, ¬r → p, so p is true.", False),
        ("r is false. From premise 1, ¬r → p, so p is true.", True),
        # negation written "!" or "-" before an atom
        ("So !p.", False),
        ("Therefore -p.", False),
        ("So - p.", False),
        ("So !q.", True),
        ("Therefore -q and -r.", True),
    ],
)
def test_premise_restatements_and_negation_marks(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": PROP5, "response": response + PROP5_ANSWER})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "status"),
    [
        # a dash or "!" right after the answer marker negates the first atom; it is no punctuation
        ("Answer: p, -q, -r", "verified"),
        ("Answer: -p, -q, -r", "refuted"),
        ("**Answer:** -p, -q, -r", "refuted"),
        ("Answer:\n-p, -q, -r", "refuted"),
        ("Answer: !p, !q, !r", "refuted"),
        ("Answer: - p, - q, - r", "unknown"),
    ],
)
def test_negated_atoms_in_the_answer(response: str, status: str) -> None:
    assert check_logic_job({"reference": PROP5, "response": response})["status"] == status


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a consistency verdict on a conditional's own line judges its antecedent, as "this works" does
        ("If p is true, then q is false by premises 2 and 3, which is consistent.", True),
        # the citation is the claim's reason: premise 2 (q → ¬r) does not give ¬q under p
        ("If p is true, then q is false by premise 2, which is consistent.", False),
        ("If p is true, then r is false, which is consistent with every premise.", True),
        ("If p is false, then r is false by premise 5, which is consistent.", False),
        ("If q is true, then r is false by premise 2, which is consistent with all the premises.", False),
        ("If r is true, then p is true by premise 5, and that works.", False),
        # on a later line it judges nothing the conditional assumed: the case just ends
        ("If q is true, then r is false by premise 2.\nSo q is false, and the rest is consistent.", False),
    ],
)
def test_a_conditional_judged_consistent(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": PROP5, "response": response + PROP5_ANSWER})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a verdict mark after a report judges the speaker's statement, as ", which is true" does
        ("Ava says Ben is a knave — true.", True),
        ("Ava says Ben is a knave: correct.", True),
        ("Ava says Ben is a knave ✓", True),
        ("Cal says Ava is a knave and Ben is a knight — false.", True),
        ("Cal says Ava is a knave and Ben is a knight — true.", False),
        ("Cal says Ava is a knave and Ben is a knight ✓", False),
        ("Ava says Ben is a knave: wrong.", False),
        # quoted words said to be someone's are checked against what that person said
        ('Ava says "Ben is a knave".', True),
        ('Ava says "Ben is a knight".', False),
        ('Ava is a knight (Ava says "Cal is a knave").', False),
        ('Ava\'s statement: "Ben is a knave".', True),
        ('Ava\'s statement: "Cal is a knave".', False),
        ('Ava is a knight (her statement: "Cal is a knave").', False),
    ],
)
def test_reports_judged_and_quoted(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a clue in brackets after its line restates the line's clue: checked, never a citation
        ("In row 1 (clue 1 1), r1c1 is filled.", False),
        ("In column 3 (clue: 3), r3c3 is filled.", False),
        ("Column 1's clue is 1 1, so r3c1 is filled.", True),
        ("Column 1's clue is 2, so r3c1 is filled.", False),
    ],
)
def test_a_line_clue_restated(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": NONOGRAM, "response": response + NONOGRAM_ANSWER})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a labelled or definite list of one role is every one with it
        ("Knights: Ava.", True),
        ("Knights: Ava, Ben.", False),
        ("Knaves: Ben.", False),
        ("Ben and Cal are the knaves.", True),
        ("Ben is the knave.", False),
        ("Ben is a knave.", True),
        ("Ava is not the knave.", True),
    ],
)
def test_a_list_of_one_role_is_exhaustive(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a cited clue must give the claim, with the steps before and the puzzle's placements
        ("The dog is in house 1 (clue 3).", True),
        ("Using clue 3, the dog is in house 1.", True),
        ("Using clue 4, the cat is in house 1.", False),
        # a clue said to say something must say it itself
        ("Clue 4 says the cat lives in the green house.", True),
        ("Clue 1: red is in house 1.", True),
        ("Clue 3 says the dog is in house 1.", False),
        ("Clue 2 tells us red is in house 2.", False),
    ],
)
def test_a_cited_clue_gives_the_claim(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": ZEBRA, "response": f"{response}\n{ZEBRA_ANSWER}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("So not-p.", False),
        ("So not-q.", True),
        ("Hence !(p).", False),
        ("Hence !(q).", True),
        ("Premises 1 and 5 say ¬r → p and r → p, so p is true.", True),
        ("Premises 1 and 5 say ¬r → p and r → p, so r is false.", False),  # they give p, not ¬r
        ("Premises 1 and 5 say r → p and r → ¬p, so r is false.", False),
        ("Premises 2 and 3 say q → ¬r.", False),  # one formula for two premises: which is which
        ("If p is false, then r is false by premise 5 — consistent.", False),
        ("If p is false, then r is false by premise 5 (no contradiction).", False),
        ("If p is true, then q is false by premises 2 and 3 (no contradiction).", True),
        ("If p is true, then q is false by premise 2 (no contradiction).", False),
    ],
)
def test_batch_three_shapes(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": PROP5, "response": response + PROP5_ANSWER})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("Ava's statement tells us that Ben is a knave.", True),
        ("Ava's statement tells us that Ben is a knight.", False),
        ("Ava is a knight (she said: Ben is a knave).", True),
        ("Ava is a knight (she said: Cal is a knave).", False),
        ('Ava is a knight [Ava: "Ben is a knave"].', True),
        ('Ava is a knight [Ava: "Ben is a knight"].', False),
    ],
)
def test_statements_that_tell_and_colon_quotes(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("Step 1: house 1 color = red [clue 1 says so]", True),
        ("Step 1: house 2 color = green [clue 1 says so]", False),
        ("Step 1: house 1 pet = dog [clue 3 says so]", False),  # clue 3 puts the dog with red only
    ],
)
def test_a_bracket_that_says_a_clue_says_so(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": ZEBRA, "response": f"{response}\n{ZEBRA_ANSWER}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # two pronouns in an aside are two people: the host's subject is neither for certain
        ("Suppose Ava is a knave. Then Ben is a knight (he says she is a knight). Contradiction.", False),
        # "both true and false" is the case's clash
        ("If Ava were a knave, Ben would be both a knight and a knave, so Ava is a knight.", False),
        # the words of a part of a statement in brackets: read as a claim, never dropped
        ("Ben's statement is false. Its condition (Ava is a knave) holds.", False),
    ],
)
def test_refuted_case_shapes(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


THREE = KNIGHTS_THREE  # Tess knave, Cleo knight, Hana knave
THREE_ANSWER = "\n" + KNIGHTS_THREE_ANSWER


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        ("Hana's statement is a contradiction, so Hana is a knave.", True),
        ("Hana's statement is self-contradictory.", True),
        ("Cleo's statement is a contradiction, so Cleo is a knave.", False),
        ("Tess's statement is a contradiction.", False),
        (
            "Suppose Tess is a knight. Then Cleo is a knight if and only if Hana is a knight. "
            "Hana's statement is a contradiction, so Hana is a knave, and then Cleo must be a knave too. "
            "But Cleo's statement is true because Hana is a knave, so Cleo would be a knight. "
            "Contradiction.\nSo Tess is a knave.",
            True,
        ),
    ],
)
def test_a_statement_that_is_a_contradiction(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": THREE, "response": response + THREE_ANSWER})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # what a statement "tells us", its truth not named, must follow from the statement itself
        ("Cal's statement tells us that Ava is a knave.", False),  # it follows, but it is claimed: false
        ("Ava's statement tells us Ben is a knave.", True),
        ("Cal's false statement tells us that Ava is a knave.", False),
        ("Ava's claim tells us Cal is a knave.", False),
        # a name inside an identifier is still a name: the clause is unreadable, never prose
        ("K_Ben = 0", False),
    ],
)
def test_what_a_statement_tells_us(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a list led by its role word is the whole list; "nobody else is" denies the role to the rest
        ("Knaves are Ben and Cal.", True),
        ("Knaves are Ben.", False),
        ("Ava is a knight; nobody else is.", True),
        ("Ava and Ben are knights; nobody else is.", False),
        ("Ben is a knave, no one else is.", False),
    ],
)
def test_role_lists_and_nobody_else(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": KNIGHTS, "response": f"{response}\n{KNIGHTS_ANSWER_LINE}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "verified"),
    [
        # a placement that another clue makes by itself is not what the cited clue gives
        ("Red is in house 1 (clue 1).", True),
        ("Red is in house 1 (clue 3).", False),
        ("Per clue #2, green is in house 2.", True),
        ("Per clue #4, green is in house 2.", False),
        # a clue cited by its place in the list
        ("The first clue says red is in house 1.", True),
        ("The third clue says the dog is in house 1.", False),
    ],
)
def test_the_clue_that_gives_a_placement(response: str, verified: bool) -> None:
    result = check_logic_job({"reference": ZEBRA, "response": f"{response}\n{ZEBRA_ANSWER}"})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])


@pytest.mark.parametrize(
    ("response", "reference", "verified"),
    [
        # a formula and its value after a dash
        ("So ¬r ∨ q — true.", PROP5, True),
        ("So r ∨ ¬q — false.", PROP5, False),
        ("So r ∨ ¬q — true.", PROP5, True),
        # a statement that "can never be true" is false whatever the roles
        ("Hana's statement can never be true, so Hana is a knave.", THREE, True),
        ("Cleo's statement can never be true.", THREE, False),
        # a plan names whom to look at: no claim
        ("Start with Cleo.", THREE, True),
    ],
)
def test_dash_values_never_true_and_plans(response: str, reference: dict[str, Any], verified: bool) -> None:
    answer = PROP5_ANSWER if reference is PROP5 else THREE_ANSWER
    result = check_logic_job({"reference": reference, "response": response + answer})
    assert (result["status"] == "verified") == verified, (result["evidence"], result["steps"])
