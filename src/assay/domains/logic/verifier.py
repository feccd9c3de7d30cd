"""The logic verifier `logic-steps`: uniqueness of the puzzle, the answer against its constraints, and
every claimed deduction as entailed by the puzzle and the steps before it (see `check.py`).

Runs in the worker pool like the math verifiers: SAT calls on puzzles from files have a hard
wall-clock limit. A reference names its kind:
    {"kind": "sudoku", "puzzle": "53..7...."}                                 (16, 36 or 81 cells)
    {"kind": "knights", "people": [...], "statements": {...}}
    {"kind": "zebra", "houses": 4, "attributes": {...}, "clues": [...]}
    {"kind": "propositional", "atoms": [...], "premises": [...]}
    {"kind": "nonogram", "rows": [[1, 1], ...], "cols": [...]}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assay.domains.logic.kinds import kind_of
from assay.pooled import PoolVerifier


def check_reference(reference: Mapping[str, Any]) -> None:
    """InputError unless reference is a well-formed puzzle of a known kind (its solutions not counted)."""
    kind_of(reference).puzzle.validate(reference)


class LogicVerifier(PoolVerifier):
    """Checks a logic puzzle answer and each deduction step."""

    name = "logic-steps"
    version = "20"  # a new version whenever a verdict can change (tests/test_verifier_versions.py)
    module = "assay.domains.logic.check"
    job = "check_logic_job"
    check_reference = staticmethod(check_reference)
