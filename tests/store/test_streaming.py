"""The store's streaming readers: every row exactly once, a page at a time, each page one indexed read."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from assay.errors import StoreError
from assay.records import Candidate, Problem, Status, Step, StepKind, StepResult, StepStatus, Verdict
from assay.store import Store, schema
from tests.conftest import postgres_schema

# Ids chosen to trip a cursor that compares badly: equal prefixes, a prefix of another id, digits
# before letters, and the same letters in another case.
TRICKY_IDS = ["a", "aa", "aaa", "aab", "ab", "a0", "a00", "b", "0", "00", "0a", "A", "Aa", "z" * 40]


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened = Store(f"sqlite:///{tmp_path / 'assay.db'}")
        yield opened
        opened.close()
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as url:
        opened = Store(url)
        yield opened
        opened.close()


def _problem() -> Problem:
    return Problem("math", "linear", "Solve x + 1 = 2.", {"answer": "1"}, "t")


def _candidates(ids: list[str], generation: int = 0) -> list[Candidate]:
    problem = _problem()
    return [
        Candidate(problem.id, f"text {i}", "1", generator="g", generation=generation, sample_index=i, id=cid)
        for i, cid in enumerate(ids)
    ]


def _selects(store: Store, table: str) -> list[str]:
    """Every SELECT sent to the database from now on that reads `table` (the list fills as it runs)."""
    seen: list[str] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append(statement)

    return seen


@pytest.mark.parametrize("size", [1, 2, 3, 5, 13, 14, 500])
def test_candidate_pages_hold_every_row_exactly_once(store: Store, size: int) -> None:
    store.add_candidates(_candidates(TRICKY_IDS))
    pages = list(store.iter_candidate_pages(size=size))
    ids = [c.id for page in pages for c in page]
    assert sorted(ids) == sorted(TRICKY_IDS)  # each once
    assert len(ids) == len(set(ids))
    assert all(1 <= len(page) <= size for page in pages)
    assert len(pages) == math.ceil(len(TRICKY_IDS) / size)
    assert ids == sorted(ids)  # in the database's id order, the order the cursor follows


@pytest.mark.parametrize("size", [1, 4, 500])
def test_records_one_at_a_time_match_the_pages(store: Store, size: int) -> None:
    store.add_candidates(_candidates(TRICKY_IDS))
    one_by_one = [c.id for c in store.iter_candidates(batch=size)]
    assert one_by_one == [c.id for page in store.iter_candidate_pages(size=size) for c in page]


@pytest.mark.parametrize("size", [1, 3, 500])
def test_an_empty_table_gives_no_page_after_one_query(store: Store, size: int) -> None:
    queries = _selects(store, "candidates")
    assert list(store.iter_candidate_pages(size=size)) == []
    assert list(store.iter_problem_pages(size=size)) == []
    assert list(store.iter_verdict_pages(size=size)) == []
    assert len(queries) == 1


@pytest.mark.parametrize(("rows", "size"), [(10, 1), (10, 3), (10, 10), (10, 500), (1, 1)])
def test_a_read_of_n_rows_is_n_over_size_pages_each_one_bounded_query(
    store: Store, rows: int, size: int
) -> None:
    store.add_candidates(_candidates([f"{i:040x}" for i in range(rows)]))
    queries = _selects(store, "candidates")
    assert sum(len(page) for page in store.iter_candidate_pages(size=size)) == rows
    # one query per page, and one that finds nothing after the last
    assert len(queries) == math.ceil(rows / size) + 1
    assert all("LIMIT" in q.upper() for q in queries)


def test_the_store_page_size_is_the_default(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'p.db'}", page_size=4)
    store.add_candidates(_candidates([f"{i:040x}" for i in range(9)]))
    assert [len(p) for p in store.iter_candidate_pages()] == [4, 4, 1]
    with pytest.raises(StoreError, match="at least 1"):
        list(store.iter_candidate_pages(size=0))
    store.close()
    with pytest.raises(StoreError, match="at least 1"):
        Store(f"sqlite:///{tmp_path / 'q.db'}", page_size=0)


@pytest.mark.parametrize("size", [1, 2, 500])
def test_filters_page_through_only_their_rows(store: Store, size: int) -> None:
    zero = _candidates(["a", "ab", "b", "c"], generation=0)
    one = [
        Candidate(c.problem_id, c.text + "!", "1", generator="h", generation=1, sample_index=9, id=c.id + "1")
        for c in zero
    ]
    store.add_candidates([*zero, *one])
    got = [c.id for page in store.iter_candidate_pages(generation=1, size=size) for c in page]
    assert got == sorted(c.id for c in one)
    assert [c.id for c in store.iter_candidates(generator="g", batch=size)] == sorted(c.id for c in zero)
    assert list(store.iter_candidate_pages(generation=1, generator="g", size=size)) == []
    store.add_problems([_problem(), Problem("math", "other", "p", {}, "t", id="aa")])
    assert [p.id for p in store.iter_problems(task="other", batch=size)] == ["aa"]
    store.add_verdicts(
        [Verdict(c.id, "v@1", Status.VERIFIED if i % 2 else Status.REFUTED, "") for i, c in enumerate(zero)]
    )
    verified = [v.candidate_id for page in store.iter_verdict_pages(Status.VERIFIED, size=size) for v in page]
    assert sorted(verified) == sorted(c.id for i, c in enumerate(zero) if i % 2)


def test_rows_written_while_reading_are_never_read_twice(store: Store) -> None:
    """A stage writes while it reads (verdicts beside candidates, or candidates into the table read):
    the cursor moves on by id, so every row present at the start is read once, and a row added past the
    cursor is read once too."""
    store.add_candidates(_candidates(["b", "d", "f"]))
    seen = []
    for candidate in store.iter_candidates(batch=1):
        seen.append(candidate.id)
        if candidate.id == "b":
            store.add_candidates(_candidates(["a", "e"]))  # one behind the cursor, one ahead
    assert seen == ["b", "d", "e", "f"]


# --- each page is one indexed range read (SQLite's plan says so; no timing involved) ----------------


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [("candidates", "generation", 0), ("verdicts", "status", "verified"), ("problems", "task", "linear")],
)
def test_filtered_pages_need_no_sort(tmp_path: Path, table: str, column: str, value: object) -> None:
    """With an index on the filter column alone, SQLite sorts every matching row for each page (a read
    of n rows costs n²/page); the (filter, id) index hands each page over in order."""
    store = Store(f"sqlite:///{tmp_path / 'plan.db'}")
    t = schema.metadata.tables[table]
    query = select(t).where(t.c.id > "x").where(t.c[column] == value).order_by(t.c.id).limit(500)
    sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    store.close()
    assert "TEMP B-TREE" not in plan, plan
    assert f"ix_{table}_{column}_id" in plan, plan


# --- steps are written as to_json wrote them ----------------------------------------------------------


@pytest.mark.parametrize(
    "records",
    [
        (),
        tuple(
            StepResult(i, status, f'evidence {i} ∑ δ "quoted" \\ \n') for i, status in enumerate(StepStatus)
        ),
        tuple(
            Step(i, f"line {i}: x = {i} [why]", kind, math=f"x = {i}", reason="why ü")
            for i, kind in enumerate(StepKind)
        ),
        (StepResult(0, StepStatus.UNKNOWN, ""), StepResult(10**12, StepStatus.VERIFIED, "\u2028\x00")),
    ],
)
def test_steps_are_stored_as_to_json_wrote_them(records: tuple[Any, ...]) -> None:
    """The fast path for flat records must write the very text the general one did (rows written
    before and after it must compare equal, and exports read them back)."""
    from assay.records import to_json
    from assay.store.store import _dumps, _flat_records_json

    assert _flat_records_json(records) == _dumps([to_json(r) for r in records])


def test_0004_replaces_the_filter_only_indexes_of_an_older_database(tmp_path: Path) -> None:
    """A database made before 0004 has single-column indexes on the filter columns; opening it with
    this assay swaps them for (filter, id) ones and records the migration once."""
    from sqlalchemy import inspect

    from assay.store.migrations import applied

    path = tmp_path / "old.db"
    store = Store(f"sqlite:///{path}")
    store.add_candidates(_candidates(["a", "b"]))
    with store.engine.begin() as conn:  # make it look as 0003 left it
        for index in schema.KEYSET_INDEXES:
            conn.exec_driver_sql(f"DROP INDEX {index.name}")
        conn.exec_driver_sql("CREATE INDEX ix_problems_task ON problems (task)")
        conn.exec_driver_sql("CREATE INDEX ix_candidates_generation ON candidates (generation)")
        conn.exec_driver_sql("CREATE INDEX ix_verdicts_status ON verdicts (status)")
        conn.exec_driver_sql("DELETE FROM assay_migrations WHERE name = '0004_keyset_indexes'")
    store.close()
    store = Store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        found = {
            table: {i["name"] for i in inspect(conn).get_indexes(table)}
            for table in ("problems", "candidates", "verdicts")
        }
    assert "ix_candidates_generation_id" in found["candidates"]
    assert "ix_candidates_generation" not in found["candidates"]
    assert "ix_verdicts_status_id" in found["verdicts"] and "ix_verdicts_status" not in found["verdicts"]
    assert "ix_problems_task_id" in found["problems"] and "ix_problems_task" not in found["problems"]
    assert applied(store.engine).count("0004_keyset_indexes") == 1
    assert [c.id for c in store.iter_candidates(generation=0, batch=1)] == ["a", "b"]
    store.close()
