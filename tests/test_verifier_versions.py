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
    # version 7: a step must be one operation on both sides (a named one exactly; a step whose variable
    # cancels is unknown), case-split lines must cover the roots, a result said without a relation (a
    # count, math after an arrow or a word of consequence) is unknown, a word problem's answer must use
    # every number the prompt writes; labelled chains, answer sentences, mid-line retractions, verbal
    # arithmetic, counted nouns, method facts, Qwen headers and a sentence restating the final answer
    # read; blank runs cut (no quadratic reading); `4,5` alone is unknown
    "math-answer@7": "7044798921973348",
    "math-steps@7": "7044798921973348",
    # version 6: the interpreter state tests and candidate share is mirrored at every crossing and state
    # that cannot be mirrored keeps a task from verified; the candidate's recursion limit is the
    # program's; final code in a form assay cannot run (inline statements, another language called
    # final, transcripts, quoted fences, code in reasoning after the code) fails closed; alternative
    # programs are each tested; a corrected second stdin program is the one tested
    "code-tests@6": "e4aab2122092aac0",
    # version 6: a value after a compound is said of the compound; value letters that are atoms are
    # atoms; reported speech, counterfactuals, premise rewrites, chained values and names that are
    # English words read; zebra case routes judged on the givens, counterfactual and JSON-list zebra,
    # sudoku and nonogram method sentences read
    "logic-steps@6": "66baa441c2844d06",
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
