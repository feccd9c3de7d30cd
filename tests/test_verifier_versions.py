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
    # version 6: a misquoted restatement of the problem is refuted or unknown; a value beside a claim
    # ("x = 5 or 6"), "5!!", a value in JSON or a tool call, a set followed by an operator make a line
    # unreadable; retractions must retract (not deny, ask or target a true piece); asides between a verb
    # of result and its math looked through, math with a variable after any word is a claim; a named
    # operation on both sides must match the equation shown; mixed numbers with a gap, named sides in
    # check lines, trailing equation labels and table cells read soundly (and faster: bounded caches)
    "math-answer@6": "bf3248452041dafc",
    "math-steps@6": "bf3248452041dafc",
    # version 5: the code tested is the response's final code or none (a final block the first-line
    # test missed, a fragment, a diff, a prose edit, a second stdin program or a reasoning section after
    # a draft fail closed, with the reason as the unknown verdict's evidence); stdio output compared on
    # ASCII whitespace only, as judges do
    "code-tests@5": "1e60cdbf388d1b79",
    # version 5: a claim said in the same clause as a verdict word ("Then Nora is a knight,
    # contradiction") is checked under its case; zebra house-line brackets are claims; an unquoted
    # report with the writer's own clause is split and the report checked against the speaker's words;
    # premise values by number, "In that case" after a refuted case, and a cited clue that does not
    # exist or says nothing of the claim are unknown; knights puzzles counted by enumeration
    "logic-steps@5": "1ac27144bb26afe1",
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
