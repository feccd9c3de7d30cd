"""README: a workspace's SQLite database is in WAL mode, and every connection waits for a lock instead of
failing at once. Both are per-connection settings (busy_timeout entirely, WAL as the mode a writer sets),
so each connection the engine hands out is checked, not only the first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assay.backends.openai import ResponseCache
from assay.store import Store
from assay.store import store as store_module
from assay.store.store import make_engine


def _pragmas(connection: object) -> tuple[str, int, int]:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    try:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        busy = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
    finally:
        cursor.close()
    return str(mode).lower(), int(busy), int(synchronous)


def test_every_connection_is_wal_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'assay.db'}")
    try:
        # two connections open at once: the pool cannot hand the same one out twice
        first, second = engine.raw_connection(), engine.raw_connection()
        try:
            # synchronous=NORMAL is 1: safe in WAL mode, and far fewer fsyncs than FULL (2)
            assert _pragmas(first) == _pragmas(second) == ("wal", 30000, 1)
        finally:
            first.close()
            second.close()
    finally:
        engine.dispose()


def test_the_workspace_file_itself_is_wal(tmp_path: Path) -> None:
    path = tmp_path / "assay.db"
    store = Store(f"sqlite:///{path}")
    store.close()
    # a plain sqlite3 connection, none of assay's settings: the mode was written into the file
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_read_only_database_still_waits_for_locks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "assay.db"
    Store(f"sqlite:///{path}").close()
    # as if the file could not be written (root can write a 0444 file, so chmod would prove nothing)
    monkeypatch.setattr(store_module, "_writable", lambda _: False)
    engine = make_engine(f"sqlite:///{path}")
    connection = engine.raw_connection()
    try:
        mode, busy, _ = _pragmas(connection)
        assert (mode, busy) == ("wal", 30000)  # opened read-only, and still waits for a writer's lock
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            connection.cursor().execute("CREATE TABLE t (x)")
    finally:
        connection.close()
        engine.dispose()


def test_the_response_cache_is_wal(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache.db")
    cache.close()
    with sqlite3.connect(tmp_path / "cache.db") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
