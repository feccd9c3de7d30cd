"""An export that selects nothing because its verdicts are from an older verifier says so, and the fix."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assay.export import card_path, export
from assay.export_rows import Unselected
from assay.export_trl import TRL_KINDS, TrlKind, export_trl
from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store

CURRENT = {"math": "math-steps@9"}  # the verifier that selects math rows in these tests


def test_candidates_with_only_older_verdicts_are_counted_and_named_on_the_card(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    problem = Problem("math", "linear", "Solve for x: x + 1 = 2", {"answer": "1"}, "test")
    texts = ["x = 1", "x = 1 so", "x = 1 thus", "x = 1 hence", "x = 2"]
    old1, old2, both, none, refuted = (
        Candidate(problem.id, t, "1", generator="g", sample_index=i) for i, t in enumerate(texts)
    )
    store.add_problems([problem])
    store.add_candidates([old1, old2, both, none, refuted])
    store.add_verdicts(
        [
            Verdict(old1.id, "math-steps@7", Status.VERIFIED, "ok"),
            Verdict(old2.id, "math-steps@8", Status.VERIFIED, "ok"),
            Verdict(old2.id, "math-answer@9", Status.VERIFIED, "ok"),  # another verifier: not a version
            Verdict(both.id, "math-steps@8", Status.VERIFIED, "ok"),
            Verdict(both.id, "math-steps@9", Status.VERIFIED, "ok"),
            Verdict(refuted.id, "math-steps@9", Status.REFUTED, "no"),
        ]
    )
    unselected = Unselected()
    out = tmp_path / "out.jsonl"
    try:
        assert export(store, out, "jsonl", by_domain=CURRENT, unselected=unselected) == 1
    finally:
        store.close()
    assert unselected.stale == {"math-steps@9": 2}  # old1, old2 (not both: it has a current verdict)
    assert unselected.found == {"math-steps@9": {"math-steps@7", "math-steps@8"}}
    assert unselected.unverified == {"math-steps@9": 1}  # none (refuted has its verdict: not counted)
    line = "2 candidates have verdicts only from math-steps@7, math-steps@8, not math-steps@9"
    assert unselected.lines() == [line]
    assert f"- not selected: {line} (`assay verify` re-verifies them)" in card_path(out).read_text()


def test_a_current_store_adds_nothing_to_the_card(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    problem = Problem("math", "linear", "Solve for x: x + 1 = 2", {"answer": "1"}, "test")
    good = Candidate(problem.id, "x = 1", "1", generator="g", sample_index=0)
    store.add_problems([problem])
    store.add_candidates([good])
    store.add_verdicts([Verdict(good.id, "math-steps@9", Status.VERIFIED, "ok")])
    unselected = Unselected()
    out = tmp_path / "out.jsonl"
    try:
        assert export(store, out, "jsonl", by_domain=CURRENT, unselected=unselected) == 1
    finally:
        store.close()
    assert unselected == Unselected()
    assert "not selected" not in card_path(out).read_text()


@pytest.mark.parametrize("kind", TRL_KINDS)
def test_every_trl_format_counts_and_names_the_stale_candidates_too(tmp_path: Path, kind: TrlKind) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    problem = Problem("math", "linear", "Solve for x: x + 1 = 2", {"answer": "1"}, "test")
    old, current, bare = (
        Candidate(problem.id, t, "1", generator="g", sample_index=i)
        for i, t in enumerate(["x = 1", "x = 1 so", "x = 1 thus"])
    )
    store.add_problems([problem])
    store.add_candidates([old, current, bare])
    store.add_verdicts(
        [
            Verdict(old.id, "math-steps@8", Status.VERIFIED, "ok"),
            Verdict(current.id, "math-steps@9", Status.VERIFIED, "ok"),
        ]
    )
    unselected = Unselected()
    out = tmp_path / "out.jsonl"
    try:
        export_trl(store, out, kind, "jsonl", by_domain=CURRENT, unselected=unselected)
    finally:
        store.close()
    assert unselected.stale == {"math-steps@9": 1}
    assert unselected.unverified == {"math-steps@9": 1}
    line = "1 candidates have verdicts only from math-steps@8, not math-steps@9"
    assert f"- not selected: {line} (`assay verify` re-verifies them)" in card_path(out).read_text()


def _assay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "assay", *args], capture_output=True, text=True, timeout=300)


def test_the_cli_names_the_command_that_selects_them_and_it_does(tmp_path: Path) -> None:
    ws = str(tmp_path / "run")
    assert _assay("init", ws).returncode == 0
    made = _assay("generate", "problems", "-w", ws, "--task", "linear", "--n", "20", "--seed", "1")
    assert made.returncode == 0, made.stderr
    checked = _assay("verify", "-w", ws)
    assert checked.returncode == 0, checked.stderr
    # as if the math verifiers had been upgraded since: every verdict is from an older version
    db = sqlite3.connect(tmp_path / "run" / "assay.db")
    with db:
        current = db.execute("SELECT DISTINCT verifier FROM verdicts").fetchall()
        assert len(current) == 1
        (name, _, version) = current[0][0].partition("@")
        db.execute("UPDATE verdicts SET verifier = ?", (f"{name}@0",))
        (n,) = db.execute("SELECT count(*) FROM candidates").fetchone()
    db.close()
    out = tmp_path / "out.jsonl"
    stale = _assay("export", "jsonl", "-w", ws, "--out", str(out), "--no-dedup")
    assert stale.returncode == 0, stale.stderr
    assert stale.stdout.startswith("0 samples written")
    note = f"note: {n:,} candidates have verdicts only from {name}@0, not {name}@{version}; `assay verify -w"
    assert note in stale.stderr, stale.stderr
    again = _assay("verify", "-w", ws)
    assert again.returncode == 0 and f"{n} checked" in again.stdout, again.stdout + again.stderr
    fresh = _assay("export", "jsonl", "-w", ws, "--out", str(out), "--no-dedup")
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stdout.startswith(f"{n} samples written") and "note:" not in fresh.stderr
