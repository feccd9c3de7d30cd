"""Which premises or clues a clause cites (`citations.cited_numbers`), and a reason named by a number the
reader cannot resolve (`citations.unresolved`), which makes the claim it is given for unknown."""

from __future__ import annotations

import pytest

from assay.domains.logic.citations import UNRESOLVED, cited_numbers, numbered_reason
from assay.domains.logic.read import unfill


@pytest.mark.parametrize(
    ("clause", "numbers"),
    [
        ("s = true (premise 4)", (4,)),
        ("s = true [from premise #2]", (2,)),
        ("s = true (premise three)", (3,)),
        ("Premise three gives s = true", (3,)),
        ("by the second premise, s = true", (2,)),
        ("s = true (P2)", (2,)),
        ("Statement 5 reduces to s", (5,)),  # the prompt numbers one list: "statement 5" is its item
        ("s = true by rule 2", (2,)),
        ("From premises 1 and 2, r = false", (1, 2)),
        ("r = false, from P1, P3, P4", (1, 3, 4)),
        ("P2 and P3 give q = true", (2, 3)),
        ("s = false, by premises 1 and 3 and 4", (1, 3, 4)),
        ("s = true (premise ii)", (UNRESOLVED,)),
        ("s = true (line 2)", (UNRESOLVED,)),
        ("s = true (the 2nd premise)", (UNRESOLVED,)),
        ("s = true (premise no. 2)", (UNRESOLVED,)),
        ("s = true (H2)", (UNRESOLVED,)),
        ("s = true (axiom 2)", (UNRESOLVED,)),
        ("Step 2: s = true", ()),
        ("r3c4 = 7", ()),
        ("house 3 is red", ()),
    ],
)
def test_cited_numbers(clause: str, numbers: tuple[int, ...]) -> None:
    assert cited_numbers(clause) == numbers


@pytest.mark.parametrize(
    ("clause", "numbered"),
    [
        ("Dan is a knight (statement 3)", True),
        ("Dan is a knight (by the third statement)", True),
        ("Dan is a knight (statement three)", True),
        ("Dan is a knight (by Milo's statement)", False),
        ("Step 2: Dan is a knight", False),
    ],
)
def test_a_statement_named_by_number(clause: str, numbered: bool) -> None:
    assert numbered_reason(clause) == numbered


@pytest.mark.parametrize(
    ("clause", "claim"),
    [
        ("r = false, from P1, P3, P4", "r = false"),
        ("r = false, from P1, P3 and P4", "r = false"),
        ("P2 and P3 give q = true", "q = true"),
        ("from P2: q = true", "q = true"),
        ("s = false, by premises 1 and 3 and 4", "s = false"),
        ("house 2 color = red (by C4)", "house 2 color = red (by C4)"),  # the bracket is an aside
        ("P is true", "P is true"),  # an atom named P, not a citation
        ("p2 and q give r", "p2 and q give r"),  # a lowercase label is not a premise's
    ],
)
def test_a_citation_by_label_leaves_the_claim(clause: str, claim: str) -> None:
    assert unfill(clause) == claim
