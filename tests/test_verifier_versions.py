"""A verifier's version names what it decides, so a changed verifier can never reuse old verdicts.

`assay verify` skips a candidate that already has a verdict of the verifier's `name@version`, and export
trusts that verdict; a verifier whose code changed but whose version did not would therefore keep the
old code's verdicts (a false accept fixed in the code would still be exported). This test pins, for
each built-in verifier's current version, a fingerprint of the sources that decide its verdicts. When it
fails, decide: if the change can turn any verdict, bump the verifier's `version` (stored verdicts of the
old one are then re-verified, and export selects the new ones); if it cannot (speed, comments, names),
pin the new fingerprint below and say why in the commit message.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import assay
from assay.registry import Registry

SOURCES = Path(assay.__file__).parent
# the packages whose code decides each verifier's verdicts (besides the shared floor it is built on)
DECIDED_BY = {
    "math-answer": ("domains/math",),
    "math-steps": ("domains/math",),
    "code-tests": ("domains/code",),
    "logic-steps": ("domains/logic",),
}
PINNED = {
    # version 8: a system's line is one move from the lines before (a multiple of one, two combined to
    # remove a variable, values put in, the move and the equation it names); named quantities
    # (discriminant, Vieta's sum and product, axis, roots, coefficients, LCD) checked, and an uncomputable
    # one unknown; shown arithmetic held to the chain's value; moves out of roots, absolute values,
    # fractions and powers; consequence problems stepped; a named method must show; a word problem's cues
    # for its numbers and the numbers in a step's words held to the prompt; expression restatements
    # checked; GSM-style answers and clauses, ordered pairs and Vieta lines read
    "math-answer@8": "5318db08c6f5daba",
    "math-steps@8": "5318db08c6f5daba",
    # version 7: the candidate's code that can reach the harness's objects (frames, gc, the module table,
    # names computed) is never verified; the setup's data and class attributes are watched; exceptions
    # cross whole; output, warnings and stderr the tests listen to, and the tests' own patches, keep a
    # pass from verified
    "code-tests@7": "3182d13d88f187a1",
    # version 7: sudoku reasons held to the grid so far; a cited premise or clue must say the claim;
    # negation symbols, consistency claims, endorsements after a report, exhaustive lists, statements'
    # tellings and symbolic roles read; own-voice "or", cases run to their clash, zebra placements beside
    # each other, truth tables and nonogram lines read; the reader's own marks in a response are unknown
    "logic-steps@7": "645e3723ec828577",
}


def fingerprint(folders: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((SOURCES / folder).rglob("*.py")):
            digest.update(str(path.relative_to(SOURCES)).encode() + b"\0")
            digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(DECIDED_BY))
def test_a_changed_verifier_comes_with_a_new_version(name: str) -> None:
    verifier_id = Registry.from_entry_points().verifier(name).id
    assert verifier_id in PINNED, f"{verifier_id} is not pinned here: add it with its fingerprint"
    now = fingerprint(DECIDED_BY[name])
    assert now == PINNED[verifier_id], (
        f"the sources of {verifier_id} changed (fingerprint {now}). If a verdict can change, bump "
        f"{name}'s version; if none can, pin {now} for {verifier_id} in this file and say why"
    )


def test_every_built_in_verifier_is_pinned() -> None:
    built_in = {
        name
        for name in Registry.from_entry_points().names("verifiers")
        if Registry.from_entry_points().factory("verifiers", name).__module__.startswith("assay.")
    }
    assert built_in == set(DECIDED_BY)
