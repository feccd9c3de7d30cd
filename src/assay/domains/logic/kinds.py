"""The puzzle kinds, by the name a reference gives in its "kind" field.

A kind is the puzzle and the readers of a response to it, each module with the same functions across
kinds. The puzzle module offers validate, build (the puzzle as a `Csp`), violations (the answer checked
against the constraints directly, without a solver), format_answer, prompt, and brute_count (a second
solver that shares no code with the SAT path). The step reader offers read_clause (one clause of a
response as asserted formulas, None for prose, or why a claim-like clause cannot be read; see `read.py`)
and, where the kind has them, REASON (clauses that claim nothing, see `guard.claim_guard`) and
grid_claims (grids drawn anywhere). The answer reader offers parse_answer (the answer from the answer
text and the facts asserted in it). For most kinds one module reads both steps and answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

from assay.domains.logic import (
    knights,
    knights_read,
    nonogram,
    nonogram_read,
    propositional,
    propositional_read,
    sudoku,
    sudoku_read,
    zebra,
    zebra_answer,
    zebra_read,
)
from assay.errors import InputError


@dataclass(frozen=True)
class Kind:
    """One puzzle kind: its puzzle module, and the modules that read a response's steps and answer."""

    puzzle: ModuleType
    steps: ModuleType
    answer: ModuleType


KINDS: dict[str, Kind] = {
    "sudoku": Kind(sudoku, sudoku_read, sudoku_read),
    "knights": Kind(knights, knights_read, knights_read),
    "zebra": Kind(zebra, zebra_read, zebra_answer),
    "propositional": Kind(propositional, propositional_read, propositional_read),
    "nonogram": Kind(nonogram, nonogram_read, nonogram_read),
}


def kind_of(reference: Any) -> Kind:
    if not isinstance(reference, dict):
        raise InputError("'reference' must be an object")
    kind = reference.get("kind")
    if kind not in KINDS:
        raise InputError(f"'reference.kind' must be one of {sorted(KINDS)}, not {kind!r}")
    return KINDS[kind]
