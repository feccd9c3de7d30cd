"""What the walk (`walk.py`) records for each clause: a `Claim` made in a mode (a fact, under an
assumption, under a conditional, or in the conditional mood), and the `Event`s in order (a claim, an
assumption opened or closed, a retraction, an unreadable claim). A `Frame` is an assumption in force
while the walk reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assay.domains.logic.read import Formula

# "would": a claim in the conditional mood outside any case ("so Kai would be a knave")
Mode = Literal["fact", "assumed", "conditional", "would"]


@dataclass
class Claim:
    """One readable claim: formulas (a conjunction), the mode it was made in, and its context."""

    line: int
    formulas: list[Formula]
    mode: Mode
    context: list[Formula]  # the assumptions in force (empty for facts)
    text: str
    # how many formulas at the end of context are this case's own earlier claims: a refuted case checks
    # a claim from its assumptions alone, never from them (see `closure.py`)
    chained: int = 0
    # the premises or clues the clause cites by number ("by clue 3"): the claim must follow from them
    # and the facts before it, not only from the whole puzzle (`check.py`)
    cited: tuple[int, ...] = ()
    # the clause says what a cited clue or premise says ("Clue 2 says ...", "Clue 1: ..."): a restatement,
    # which the cited ones must give without the puzzle's other placements (`zebra.cited_gives`)
    restated: bool = False
    # the citation says the cited ones give the claim themselves ("premise 4 forces it", "(clue 5 alone)")
    forced: bool = False
    # a fact said after a conditional on the same line ("If p were true, s is false. Premise 1 becomes
    # false"): it may still be said under the condition, so a false one is unknown, not refuted
    after_conditional: bool = False
    # a formula given as the reason before "so" or after "Since" ("Since p → ¬s, s is false"): the claim
    # must follow from it and the steps before (`check._unfounded`)
    because: list[Formula] = field(default_factory=list)


EventKind = Literal["claim", "open", "close-contradiction", "close-consistent", "unknown", "end", "retract"]
Closing = Literal["close-contradiction", "close-consistent", "end"]


@dataclass
class Event:
    """What one clause did, in order: a claim, an opened or closed assumption, or an unreadable claim."""

    line: int
    what: EventKind
    claim: Claim | None = None
    note: str = ""
    frame: int = 0
    retracts: Claim | None = None  # for "retract": the claim taken back (the very object)


@dataclass
class Frame:
    """An assumption in force: what it assumes (None when unreadable) and the claims made under it."""

    id: int
    line: int
    assumptions: list[Formula] | None  # None: the assumption itself was unreadable
    derived: list[Formula] = field(default_factory=list)
    soft: bool = False  # a conditional's scope: ends at the first plain assertion


def frame_claim(frame: Frame, outer: Sequence[Frame]) -> Claim | None:
    """The frame's assumption as a claim, in the context of the frames around it."""
    if frame.assumptions is None:
        return None
    context: list[Formula] = []
    for other in outer:
        if other.assumptions is None:
            return None
        context += other.assumptions + other.derived
    return Claim(frame.line, frame.assumptions, "assumed", context, "")
