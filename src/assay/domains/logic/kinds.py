"""The puzzle kinds, by the name a reference gives in its "kind" field.

Each kind module offers the same functions: validate, build (the puzzle as a `Csp`), violations (the
answer checked against the constraints directly, without a solver), read_clause (one clause of a
response as asserted formulas, None for prose, or why a claim-like clause cannot be read; see
`read.py`), parse_answer (the answer from the answer text and the facts asserted in it), format_answer,
prompt, and brute_count (a second solver that shares no code with the SAT path).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from assay.domains.logic import knights, nonogram, propositional, sudoku, zebra
from assay.errors import InputError

KINDS: dict[str, ModuleType] = {
    "sudoku": sudoku,
    "knights": knights,
    "zebra": zebra,
    "propositional": propositional,
    "nonogram": nonogram,
}


def kind_of(reference: Any) -> ModuleType:
    if not isinstance(reference, dict):
        raise InputError("'reference' must be an object")
    kind = reference.get("kind")
    if kind not in KINDS:
        raise InputError(f"'reference.kind' must be one of {sorted(KINDS)}, not {kind!r}")
    return KINDS[kind]
