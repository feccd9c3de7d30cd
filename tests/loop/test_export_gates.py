"""`assay export` with curation gates: the human-share floor, dedup, decontamination, the dataset card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assay.errors import AssayError
from assay.export import Gates, export
from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store
from tests.test_cli import assay


def _store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    problems = [
        Problem("math", "linear", f"Solve for x: {a}x = {a * 2}", {"answer": "2"}, "test")
        for a in range(2, 12)
    ]
    store.add_problems(problems)
    candidates = [
        Candidate(p.id, f"x={p.prompt.split('= ')[1]}/{i + 2}=2", "2", generator="tiny:v1")
        for i, p in enumerate(problems)
    ]
    candidates.append(Candidate(problems[0].id, "2x=4\nx=2", "2", generator="human-style@1"))
    candidates.append(
        Candidate(problems[0].id, "x=4/2=2 ", "2", generator="tiny:v1", sample_index=1)
    )  # duplicate text
    store.add_candidates(candidates)
    store.add_verdicts(Verdict(c.id, "math-steps@27", Status.VERIFIED) for c in candidates)
    return store


def test_export_refuses_below_the_human_share_and_keeps_the_previous_export(tmp_path: Path) -> None:
    store = _store(tmp_path)
    destination = tmp_path / "out" / "data.jsonl"
    destination.parent.mkdir()
    destination.write_text("previous export\n")
    with pytest.raises(AssayError, match="below the minimum"):
        export(store, destination, "jsonl", gates=Gates(min_human_share=0.5))
    assert destination.read_text() == "previous export\n"
    assert not destination.with_name("data.jsonl.partial").exists()
    count = export(store, destination, "jsonl", gates=Gates(min_human_share=0.5, allow_low_human_share=True))
    assert count == 11  # 12 rows, one exact duplicate
    card = (destination.parent / "data.jsonl.README.md").read_text()
    assert (
        "exact duplicates removed: 1" in card and "human share: 9.1%" in card and "explicit override" in card
    )


def test_decontamination_and_the_cli(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    assert assay("init", str(ws)).returncode == 0
    store = _store(tmp_path)
    rows = list(store.iter_candidates())
    store.close()
    # the CLI on a workspace of its own: reuse the same records
    target = Store(f"sqlite:///{ws / 'assay.db'}")
    source = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    target.add_problems(source.problems_by_id(c.problem_id for c in rows).values())
    target.add_candidates(rows)
    target.add_verdicts(v for vs in source.verdicts_for(c.id for c in rows).values() for v in vs)
    target.close()
    source.close()
    evals = tmp_path / "eval.jsonl"
    evals.write_text(json.dumps({"prompt": "Solve for x: 3x = 6"}) + "\n")
    refused = assay(
        "export", "jsonl", "-w", str(ws), "--min-human-share", "0.5", "--decontaminate", str(evals)
    )
    assert refused.returncode == 1 and "below the minimum" in refused.stderr
    ok = assay("export", "jsonl", "-w", str(ws), "--decontaminate", str(evals))
    assert ok.returncode == 0, ok.stderr
    card = (ws / "artifacts" / "exports" / "samples.jsonl.README.md").read_text()
    assert (
        "contaminated rows removed (prompt found in" in card
        and ": 1" in card.split("contaminated")[1].split("\n")[0]
    )


def test_the_dataset_card_never_overwrites_a_readme_of_the_users(tmp_path: Path) -> None:
    store = _store(tmp_path)
    out = tmp_path / "project"
    out.mkdir()
    (out / "README.md").write_text("# My project\n")
    export(store, out / "data.jsonl", "jsonl", gates=Gates())
    assert (out / "README.md").read_text() == "# My project\n"
    card = (out / "data.jsonl.README.md").read_text()
    assert card.startswith("# Dataset card: data.jsonl") and "no eval set given" in card
    # every export keeps its own card: a later export into the same folder never replaces an earlier one
    (tmp_path / "out2").mkdir()
    export(store, tmp_path / "out2" / "a.jsonl", "jsonl", gates=Gates())
    export(store, tmp_path / "out2" / "b.jsonl", "jsonl", gates=Gates())
    assert (tmp_path / "out2" / "a.jsonl.README.md").read_text().startswith("# Dataset card: a.jsonl")
    assert (tmp_path / "out2" / "b.jsonl.README.md").read_text().startswith("# Dataset card: b.jsonl")
    assert not (tmp_path / "out2" / "README.md").exists()
