"""Export and its gates, at the edges the mutation target `export-gates` (tools/mutation.py) found
unheld: the defaults of `Gates`, progress per row, text written as UTF-8, the card's account of an
empty or filtered export, parquet exports larger than one batch, and the database's own files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from assay.errors import AssayError, OutputError
from assay.export import Gates, card_path, export
from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store


def _store(tmp_path: Path, texts: list[str], prompt: str = "Solve for x: x + 1 = 2") -> Store:
    """One math problem and a verified candidate per text (the same text twice is two candidates)."""
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    problem = Problem("math", "linear", prompt, {"answer": "1"}, "source-é")
    store.add_problems([problem])
    candidates = [
        Candidate(problem.id, text, None, generator="g", sample_index=i) for i, text in enumerate(texts)
    ]
    store.add_candidates(candidates)
    store.add_verdicts([Verdict(c.id, "math-steps@27", Status.VERIFIED, "ok") for c in candidates])
    return store


def test_default_gates_drop_duplicates_and_ask_for_no_human_share(tmp_path: Path) -> None:
    store = _store(tmp_path, ["x = 1", "x = 1", "x equals 1, since 1 + 1 = 2"])
    out = tmp_path / "out.jsonl"
    assert export(store, out, "jsonl", gates=Gates()) == 2
    card = card_path(out).read_text()
    assert "- exact duplicates removed: 1" in card
    assert "- human share: 0.0% (minimum 0.0%)" in card and "override" not in card
    store.close()


def test_a_low_human_share_is_written_only_when_allowed_and_the_card_says_so(tmp_path: Path) -> None:
    store = _store(tmp_path, ["x = 1"])
    out = tmp_path / "out.jsonl"
    with pytest.raises(AssayError, match="below the minimum"):
        export(store, out, "jsonl", gates=Gates(min_human_share=0.25))
    assert not out.exists()
    assert export(store, out, "jsonl", gates=Gates(min_human_share=0.25, allow_low_human_share=True)) == 1
    assert "(minimum 25.0%, below it by explicit override)" in card_path(out).read_text()
    store.close()


def test_gates_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Gates().dedup = False  # type: ignore[misc]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_progress_advances_once_per_row_and_text_stays_utf8(tmp_path: Path, fmt: str) -> None:
    store = _store(tmp_path, ["x = 1", "x = 1 (vérifié)"], prompt="Résous : x + 1 = 2")
    out = tmp_path / f"out.{fmt}"
    ticks: list[None] = []
    assert export(store, out, fmt, on_row=lambda: ticks.append(None)) == 2  # type: ignore[arg-type]
    assert len(ticks) == 2
    if fmt == "jsonl":
        data = out.read_bytes()
        assert "Résous".encode() in data and "source-é".encode() in data
    else:
        provenance = pq.read_table(out).column("provenance").to_pylist()
        assert all("source-é" in p for p in provenance)
    store.close()


def test_a_parquet_export_larger_than_a_batch_keeps_every_row_once(tmp_path: Path) -> None:
    texts = [f"x = 1 (attempt {i})" for i in range(1201)]  # two full batches of 500 and a part
    store = _store(tmp_path, texts)
    out = tmp_path / "out.parquet"
    assert export(store, out, "parquet") == 1201
    rows = pq.read_table(out).to_pylist()
    assert sorted(r["messages"][1]["content"] for r in rows) == sorted(texts)
    store.close()


def test_the_card_of_an_empty_and_of_a_filtered_export(tmp_path: Path) -> None:
    store = _store(tmp_path, ["x = 1", "x = 1, checked"])
    empty, some = tmp_path / "empty.jsonl", tmp_path / "some.jsonl"
    assert export(store, empty, "jsonl", status=Status.TIMEOUT) == 0
    card = card_path(empty).read_text().splitlines()
    assert "  - (no rows)" in card and "- status: timeout" in card
    assert export(store, some, "jsonl", generation=0) == 2
    card = card_path(some).read_text().splitlines()
    assert "  - (no rows)" not in card
    assert "  - math: math-steps@27 (2 rows)" in card
    assert "- generation: 0; generator: all" in card
    assert "- status: verified" in card
    store.close()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_an_export_never_writes_over_the_database_or_its_files(tmp_path: Path, suffix: str) -> None:
    store = _store(tmp_path, ["x = 1"])
    target = tmp_path / f"x.db{suffix}"
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(OutputError, match="database"):
        export(store, target, "jsonl")
    assert (target.read_bytes() if target.exists() else None) == before
    store.close()


def test_rows_from_human_generators_count_as_human(tmp_path: Path) -> None:
    store = _store(tmp_path, ["x = 1"])
    problem = Problem("math", "linear", "Solve for x: x + 2 = 3", {"answer": "1"}, "human:file")
    human = Candidate(problem.id, "x = 1, since 1 + 2 = 3", None, generator="human:file", sample_index=0)
    store.add_problems([problem])
    store.add_candidates([human])
    store.add_verdicts([Verdict(human.id, "math-steps@27", Status.VERIFIED, "ok")])
    out = tmp_path / "out.jsonl"
    assert export(store, out, "jsonl", gates=Gates(min_human_share=0.5)) == 2
    assert "- human share: 50.0% (minimum 50.0%)" in card_path(out).read_text()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["provenance"]["generator"] for r in rows} == {"g", "human:file"}
    store.close()
