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
            Verdict(good.id, "math-steps@27", Status.VERIFIED, "ok"),
            Verdict(bad.id, "math-steps@27", Status.REFUTED, "no"),
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


# --- each problem's own domain verifier selects its rows ----------------------------------------------


def _mixed(tmp_path: Path) -> Store:
    """A verified math row, a verified code row, a code row refuted, and a row of a domain no installed
    verifier checks (whose verdict, from a verifier since removed, says verified)."""
    store = Store(f"sqlite:///{tmp_path / 'mixed.db'}")
    math = Problem("math", "linear", "Solve for x: x + 1 = 2", {"answer": "1"}, "test")
    code = Problem("code", "functions", "Write f(x) = x + 1", {"tests": "assert f(1) == 2"}, "test")
    other = Problem("colour", "mix", "Blue and yellow?", {"answer": "green"}, "test")
    rows = [
        (math, "x = 1", "math-steps@27", Status.VERIFIED),
        (code, "def f(x): return x + 1", "code-tests@22", Status.VERIFIED),
        (code, "def f(x): return x", "code-tests@22", Status.REFUTED),
        (other, "green", "colour-check@1", Status.VERIFIED),
    ]
    store.add_problems([math, code, other])
    for i, (problem, text, verifier, status) in enumerate(rows):
        candidate = Candidate(problem.id, text, None, generator="g", sample_index=i)
        store.add_candidates([candidate])
        store.add_verdicts([Verdict(candidate.id, verifier, status, "")])
    return store


@pytest.mark.parametrize(
    ("verifier", "by_domain", "exported", "card_lines"),
    [
        # default: each domain's own verifier; code rows are exported as readily as math ones
        (
            None,
            None,
            ["x = 1", "def f(x): return x + 1"],
            ["  - code: code-tests@22 (1 rows)", "  - math: math-steps@27 (1 rows)"],
        ),
        # [verify] chose another math verifier: math rows verified by math-steps alone are not selected
        (
            None,
            {"math": "math-answer@27", "code": "code-tests@22"},
            ["def f(x): return x + 1"],
            ["  - code: code-tests@22 (1 rows)"],
        ),
        # one verifier for every row, as --verifier asks
        (
            "math-steps@27",
            None,
            ["x = 1"],
            ["- selected by the verifier given:", "  - math: math-steps@27 (1 rows)"],
        ),
    ],
)
def test_export_selects_each_row_by_its_domains_verifier(
    tmp_path: Path,
    verifier: str | None,
    by_domain: dict[str, str] | None,
    exported: list[str],
    card_lines: list[str],
) -> None:
    from assay.export import card_path

    store = _mixed(tmp_path)
    out = tmp_path / "out.jsonl"
    assert export(store, out, "jsonl", verifier=verifier, by_domain=by_domain) == len(exported)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["messages"][1]["content"] for r in rows) == sorted(exported)
    assert "colour" not in {r["provenance"]["domain"] for r in rows}  # no installed verifier: never verified
    card = card_path(out).read_text().splitlines()
    for line in card_lines:
        assert line in card
    store.close()


def test_iter_rows_defaults_to_each_domains_verifier(tmp_path: Path) -> None:
    from assay.export_rows import domain_verifiers, iter_rows

    assert {"math": "math-steps@27", "code": "code-tests@22", "logic": "logic-steps@20"}.items() <= (
        domain_verifiers().items()
    )
    store = _mixed(tmp_path)
    assert sorted(r["provenance"]["domain"] for r in iter_rows(store)) == ["code", "math"]
    assert len(list(iter_rows(store, status=None))) == 4  # any status: every row, its verdicts in provenance
    store.close()
