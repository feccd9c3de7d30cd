"""Export streams: the same bytes as before it paged (pinned in tests/export_golden), a page of
candidates at a time, and curation gates that decide exactly as the in-memory Curator."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import event

from assay._version import __version__
from assay.export import Gates, card_path, export
from assay.export_gates import SpilledCurator
from assay.loop.curation import Curator, Example
from assay.records import Candidate, Problem, Status, Verdict
from assay.store import Store
from tests.export_golden.build import BY_DOMAIN, CASES, EVAL_PROMPTS, HERE, build, run


@pytest.fixture(scope="module")
def golden_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "golden.db"
    store = Store(f"sqlite:///{path}")
    build(store)
    store.close()
    return path


@pytest.mark.parametrize("size", [1, 3, 7, 500])
@pytest.mark.parametrize("case", sorted(CASES))
def test_export_is_byte_for_byte_the_pinned_one(
    golden_db: Path, tmp_path: Path, case: str, size: int
) -> None:
    """The pinned files were written by the export before it paged and spilled its gates to disk."""
    store = Store(f"sqlite:///{golden_db}", page_size=size)
    out = tmp_path / f"{case}.jsonl"
    count = run(store, out, case)
    store.close()
    assert out.read_bytes() == (HERE / f"{case}.jsonl").read_bytes()
    card = card_path(out).read_text(encoding="utf-8").replace(__version__, "<version>")
    assert card == (HERE / f"{case}.jsonl.README.md").read_text(encoding="utf-8")
    assert count == len(out.read_bytes().splitlines())


def test_the_pinned_exports_exercise_every_gate() -> None:
    """(So the byte comparison above cannot pass on a store where the gates have nothing to do.)"""
    card = (HERE / "verified-gated.jsonl.README.md").read_text(encoding="utf-8")
    for gate in ("exact duplicates removed", "near-duplicates removed", "contaminated rows removed"):
        line = next(line for line in card.splitlines() if gate in line)
        assert not line.endswith(": 0"), line


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_cards_per_domain_counts_add_up_to_the_rows_written(case: str) -> None:
    import re

    card = (HERE / f"{case}.jsonl.README.md").read_text(encoding="utf-8")
    written = len((HERE / f"{case}.jsonl").read_bytes().splitlines())
    assert f"\n{written} rows of SFT chat data" in card
    assert sum(int(n) for n in re.findall(r"\((\d+) rows\)", card)) == written


def test_parquet_holds_the_same_rows_as_jsonl(golden_db: Path, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{golden_db}", page_size=2)
    gates = Gates(eval_prompts=EVAL_PROMPTS, eval_sources=("eval.jsonl",))
    export(store, tmp_path / "a.parquet", "parquet", gates=gates, by_domain=BY_DOMAIN)
    store.close()
    rows = pq.read_table(tmp_path / "a.parquet").to_pylist()
    pinned = [json.loads(line) for line in (HERE / "verified-gated.jsonl").read_text().splitlines()]
    assert [{"messages": r["messages"], "provenance": json.loads(r["provenance"])} for r in rows] == pinned


# --- the export reads in pages ----------------------------------------------------------------------------


def _big(path: Path, n: int, page: int) -> Store:
    store = Store(f"sqlite:///{path}", page_size=page)
    problems = [Problem("math", "t", f"What is {i} plus {i}?", {"answer": str(2 * i)}, "s") for i in range(n)]
    candidates = [
        Candidate(p.id, f"{i} + {i} = {2 * i}", str(2 * i), generator="g") for i, p in enumerate(problems)
    ]
    store.add_problems(problems)
    store.add_candidates(candidates)
    store.add_verdicts(Verdict(c.id, "math-steps@27", Status.VERIFIED, "") for c in candidates)
    return store


@pytest.mark.parametrize(("n", "page"), [(50, 7), (64, 8), (30, 1)])
def test_export_reads_candidates_a_page_at_a_time(tmp_path: Path, n: int, page: int) -> None:
    """More candidates than page × k: the export asks for them in pages, and every lookup it makes for a
    page names at most that page's ids (memory is bounded by the page, not the table)."""
    store = _big(tmp_path / "big.db", n, page)
    statements: list[tuple[str, Any]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _record(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    count = export(store, tmp_path / "out.jsonl", "jsonl", by_domain={"math": "math-steps@27"})
    store.close()
    assert count == n
    reads = [s for s, _ in statements if "FROM candidates" in s]
    assert len(reads) == math.ceil(n / page) + 1  # one per page, one that finds the end
    assert all("LIMIT" in s.upper() for s in reads)
    lookups = [p for s, p in statements if "FROM verdicts" in s or "FROM problems" in s]
    assert len(lookups) == 2 * math.ceil(n / page)  # a page's verdicts and problems, once per page
    assert all(len(p) <= page for p in lookups)


def test_the_gates_scratch_file_goes_away(golden_db: Path, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{golden_db}")
    out = tmp_path / "out" / "a.jsonl"
    export(store, out, "jsonl", gates=Gates(), by_domain=BY_DOMAIN)
    with pytest.raises(Exception, match="below the minimum"):
        export(
            store, out.with_name("b.jsonl"), "jsonl", gates=Gates(min_human_share=0.9), by_domain=BY_DOMAIN
        )
    store.close()
    assert sorted(p.name for p in out.parent.iterdir()) == ["a.jsonl", "a.jsonl.README.md"]


# --- SpilledCurator decides as Curator does ------------------------------------------------------------


def _stream(seed: int, n: int) -> list[Example]:
    """Examples built to hit every gate: exact repeats, repeats that differ only in case and spacing,
    near-copies with one word changed, eval prompts inside longer prompts, unicode, empty responses."""
    rng = random.Random(seed)
    words = [
        "the",
        "sum",
        "of",
        "two",
        "and",
        "three",
        "is",
        "five",
        "apples",
        "seven",
        "oranges",
        "∑",
        "naïve",
        "δ",
        "step",
        "answer",
        "therefore",
    ]
    base = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) for _ in range(max(4, n // 4))]
    out = []
    for _ in range(n):
        text = rng.choice(base)
        roll = rng.random()
        if roll < 0.2:
            text = text.upper().replace(" ", "  \n")
        elif roll < 0.5 and " " in text:
            parts = text.split(" ")
            parts[rng.randrange(len(parts))] = rng.choice(words)
            text = " ".join(parts)
        elif roll < 0.55:
            text = ""
        prompt = rng.choice(["Q1: add them.", "Q2: " + rng.choice(base), "Please solve: " + EVAL_PROMPTS[0]])
        out.append(Example(prompt, text, rng.choice(["human", "model", "model"])))
    return out


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("dedup", [True, False])
def test_spilled_curator_decides_as_curator(tmp_path: Path, seed: int, dedup: bool) -> None:
    examples = _stream(seed, 300)
    memory = Curator(EVAL_PROMPTS, dedup=dedup)
    with SpilledCurator(EVAL_PROMPTS, dedup=dedup, folder=tmp_path) as spilled:
        assert [spilled.admit(e) for e in examples] == [memory.admit(e) for e in examples]
        assert spilled.counts == memory.counts
    assert list(tmp_path.iterdir()) == []  # its scratch folder is gone
    if dedup:
        assert memory.counts.exact_duplicates and memory.counts.near_duplicates and memory.counts.contaminated


def test_spilled_curator_commits_in_chunks_and_still_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assay.export_gates

    monkeypatch.setattr(assay.export_gates, "COMMIT_EVERY", 7)
    examples = _stream(99, 200)
    memory = Curator()
    with SpilledCurator(folder=tmp_path) as spilled:
        assert [spilled.admit(e) for e in examples] == [memory.admit(e) for e in examples]
