"""Migrations under concurrency, and databases this assay must refuse (newer, or changed by hand)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from assay.errors import StoreError
from assay.store import Store, migrations
from assay.store.migrations import MIGRATIONS, applied
from assay.store.store import make_engine
from tests.conftest import postgres_schema


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL with nothing in it yet (PostgreSQL: a fresh schema, dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'assay.db'}"
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as fresh:
        yield fresh


def _open(url: str, barrier: object, results: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        Store(url).close()
        results.put("ok")  # type: ignore[attr-defined]
    except StoreError as exc:
        results.put(str(exc))  # type: ignore[attr-defined]


def test_many_processes_opening_a_fresh_database_at_once_all_succeed(url: str) -> None:
    # Before the migration lock, most of these failed with "table assay_migrations already exists"
    # (SQLite) or a duplicate key on the migrations table (PostgreSQL). What is asserted is the outcome,
    # whatever order the processes happen to run in.
    n = 4
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(n)
    results = context.Queue()
    processes = [context.Process(target=_open, args=(url, barrier, results)) for _ in range(n)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in range(n)]
    for process in processes:
        process.join(timeout=120)
    assert outcomes == ["ok"] * n
    store = Store(url)
    assert applied(store.engine) == [name for name, _ in MIGRATIONS]  # each recorded once
    store.close()


def test_a_database_from_a_newer_assay_is_refused_in_one_line(url: str) -> None:
    Store(url).close()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO assay_migrations VALUES ('0099_from_the_future', 'now')"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(url)
    message = str(caught.value)
    assert "newer assay" in message and "0099_from_the_future" in message
    assert MIGRATIONS[-1][0] in message and "\n" not in message


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("ALTER TABLE candidates RENAME COLUMN generation TO gen", "'generation'"),
        ("ALTER TABLE verdicts RENAME COLUMN status TO state", "'status'"),
        ("DROP TABLE scores", "no table 'scores'"),
    ],
)
def test_a_schema_changed_by_hand_is_refused_in_one_line(url: str, change: str, named: str) -> None:
    Store(url).close()
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(change))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        Store(url)
    message = str(caught.value)
    assert named in message and "does not match assay" in message and "\n" not in message


def test_a_failing_migration_leaves_nothing_half_done(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: Connection) -> None:
        conn.execute(text("CREATE TABLE half_done (id INTEGER)"))
        conn.execute(text("SELECT * FROM no_such_table"))

    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS, ("0100_broken", broken)])
    with pytest.raises(StoreError, match="no_such_table"):
        Store(url)
    monkeypatch.undo()
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    # the migrations before it and the broken one ran in one transaction: none of it stayed
    assert not tables & {"half_done", "problems", "assay_migrations"}
    store = Store(url)  # and the database opens normally afterwards
    assert applied(store.engine) == [name for name, _ in MIGRATIONS]
    store.close()
