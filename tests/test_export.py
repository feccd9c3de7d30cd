import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from assay.export import export
from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store


def _store(tmp_path: Path) -> tuple[Store, list[Candidate]]:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    problem = Problem("math", "linear", "Solve for x: x + 1 = 2", {"answer": "1"}, "test")
    good = Candidate(problem.id, "x = 1", "1", generator="g", sample_index=0)
    bad = Candidate(problem.id, "x = 2", "2", generator="g", sample_index=1)
    store.add_problems([problem])
    store.add_candidates([good, bad])
    store.add_verdicts(
        [
            Verdict(good.id, "math-steps@1", Status.VERIFIED, "ok"),
            Verdict(bad.id, "math-steps@1", Status.REFUTED, "no"),
        ]
    )
    return store, [good, bad]


def test_only_the_selected_status_is_exported(tmp_path: Path) -> None:
    store, (good, _) = _store(tmp_path)
    out = tmp_path / "out.jsonl"
    assert export(store, out, "jsonl") == 1
    row = json.loads(out.read_text())
    assert row["messages"][1]["content"] == "x = 1"
    assert row["provenance"]["candidate_id"] == good.id
    assert row["provenance"]["problem_source"] == "test"
    assert export(store, out, "jsonl", status=None) == 2
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_parquet_has_messages_and_provenance(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    out = tmp_path / "out.parquet"
    assert export(store, out, "parquet", status=Status.REFUTED) == 1
    table = pq.read_table(out).to_pylist()
    assert table[0]["messages"][0] == {"role": "user", "content": "Solve for x: x + 1 = 2"}
    assert json.loads(table[0]["provenance"])["verdicts"][0]["status"] == "refuted"


def test_empty_export_is_a_valid_file(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    out = tmp_path / "none.parquet"
    assert export(store, out, "parquet", status=Status.TIMEOUT) == 0
    assert pq.read_table(out).num_rows == 0


def test_each_export_has_its_own_card_and_a_refused_export_keeps_both(tmp_path: Path) -> None:
    from assay.errors import AssayError
    from assay.export import Gates, card_path

    store, _ = _store(tmp_path)
    first, second = tmp_path / "out" / "a.jsonl", tmp_path / "out" / "b.jsonl"
    assert export(store, first, "jsonl", gates=Gates()) == 1
    assert export(store, second, "jsonl", status=None) == 2
    assert card_path(first) == tmp_path / "out" / "a.jsonl.README.md"
    assert "1 rows" in card_path(first).read_text() and "2 rows" in card_path(second).read_text()
    before = (first.read_bytes(), card_path(first).read_text())
    with pytest.raises(AssayError, match="below the minimum"):
        export(store, first, "jsonl", gates=Gates(min_human_share=0.5))
    assert (first.read_bytes(), card_path(first).read_text()) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "a.jsonl",
        "a.jsonl.README.md",
        "b.jsonl",
        "b.jsonl.README.md",
    ]
