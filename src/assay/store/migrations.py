"""Ordered, named schema migrations, recorded in the `assay_migrations` table.

Add a migration by appending a function to MIGRATIONS; never edit or reorder one that has shipped.

Opening a database first only reads which migrations it has, so an up-to-date workspace needs no write
access (a read-only folder, a read-only database role). Pending migrations then run in one transaction
that holds the database's migration lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction-level
advisory lock) and records each name in that same transaction: two processes opening a fresh workspace
at once never both create the tables (the second waits, then finds them made), and a crash mid-way
leaves the database as it was before.

A database that records a migration this assay does not know was written by a newer assay, and one
whose tables lack a column this assay needs was changed by hand or by another version: both are refused
with one line naming the versions, before any query can fail on them.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from assay._version import __version__
from assay.errors import StoreError
from assay.store import schema
from assay.store.locking import sqlite_immediate


def m0001_initial(conn: Connection) -> None:
    for table in (schema.problems, schema.candidates, schema.verdicts, schema.scores, schema.reviews):
        table.create(conn, checkfirst=True)


def m0002_attempts(conn: Connection) -> None:
    schema.attempts.create(conn, checkfirst=True)


def m0003_attempt_settings_and_usage(conn: Connection) -> None:
    """Attempts record the settings that decided their sample and their usage (tokens, cost, cache)."""
    have = {column["name"] for column in inspect(conn).get_columns("attempts")}
    added = (
        ("settings", "VARCHAR(40) NOT NULL DEFAULT ''"),
        ("prompt_tokens", "INTEGER NOT NULL DEFAULT 0"),
        ("completion_tokens", "INTEGER NOT NULL DEFAULT 0"),
        ("cost", "FLOAT NOT NULL DEFAULT 0"),
        ("cached", "INTEGER NOT NULL DEFAULT 0"),
    )
    for name, definition in added:
        if name not in have:  # a database made after 0003 got them from 0002's create
            conn.exec_driver_sql(f"ALTER TABLE attempts ADD COLUMN {name} {definition}")


def m0004_keyset_indexes(conn: Connection) -> None:
    """Indexes on (filter column, id) for the paged readers; they replace the filter-only ones (see
    schema.KEYSET_INDEXES for why)."""
    for name in ("ix_problems_task", "ix_candidates_generation", "ix_verdicts_status"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for index in schema.KEYSET_INDEXES:
        index.create(conn, checkfirst=True)  # a database made after 0004 got them from 0001's create


def m0005_review(conn: Connection) -> None:
    """The review app's tables (accounts, sessions, queues, leases, append-only decisions)."""
    for table in schema.REVIEW_TABLES:
        table.create(conn, checkfirst=True)


def m0006_review_frontier(conn: Connection) -> None:
    """Review items count their reviewers and say whether they are still open (assignment then reads
    only open items), filled in from the decisions so far; indexes for the review app's lookups."""
    have = {column["name"] for column in inspect(conn).get_columns("review_items")}
    for name, definition in (
        ("decided", "INTEGER NOT NULL DEFAULT 0"),
        ("is_open", "INTEGER NOT NULL DEFAULT 1"),
    ):
        if name not in have:  # a database made after 0006 got them from 0005's create
            conn.exec_driver_sql(f"ALTER TABLE review_items ADD COLUMN {name} {definition}")
    conn.exec_driver_sql(
        "UPDATE review_items SET decided = (SELECT COUNT(DISTINCT d.reviewer) FROM review_decisions d"
        " WHERE d.item_id = review_items.id AND d.kind = 'review')"
    )
    conn.exec_driver_sql(
        "UPDATE review_items SET is_open = CASE WHEN EXISTS (SELECT 1 FROM review_decisions d"
        " WHERE d.item_id = review_items.id AND d.kind = 'adjudication') OR decided >= (SELECT q.overlap"
        " FROM review_queues q WHERE q.id = review_items.queue_id) THEN 0 ELSE 1 END"
    )
    for index in schema.REVIEW_INDEXES:
        index.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", m0001_initial),
    ("0002_attempts", m0002_attempts),
    ("0003_attempt_settings_and_usage", m0003_attempt_settings_and_usage),
    ("0004_keyset_indexes", m0004_keyset_indexes),
    ("0005_review", m0005_review),
    ("0006_review_frontier", m0006_review_frontier),
]

# one advisory-lock key for every assay database on a PostgreSQL server (a 32-bit constant)
_PG_LOCK_KEY = zlib.crc32(b"assay_migrations")


def migrate(engine: Engine) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    if _pending(engine, _recorded(engine)):
        applied_now: list[str] = []
        with _migration_lock(engine) as conn:
            schema.migrations.create(conn, checkfirst=True)
            recorded = {row[0] for row in conn.execute(select(schema.migrations.c.name))}
            for name in _pending(engine, recorded):
                dict(MIGRATIONS)[name](conn)
                conn.execute(
                    schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat())
                )
                applied_now.append(name)
    else:
        applied_now = []
    check_schema(engine)
    return applied_now


def _recorded(engine: Engine) -> set[str]:
    """The migrations the database records, read without writing anything."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(schema.migrations.name):
            return set()
        return {row[0] for row in conn.execute(select(schema.migrations.c.name))}


def _pending(engine: Engine, recorded: set[str]) -> list[str]:
    """Known migrations not in recorded, in order; StoreError if recorded holds one we do not know."""
    known = [name for name, _ in MIGRATIONS]
    unknown = sorted(recorded - set(known))
    if unknown:
        raise StoreError(
            f"the database at {_where(engine)} was written by a newer assay: it has migration(s) "
            f"{unknown}, and assay {__version__} knows only up to {known[-1]}; upgrade assay "
            "(pip install -U assay) to use this workspace"
        )
    return [name for name in known if name not in recorded]


def check_schema(engine: Engine) -> None:
    """StoreError unless every table and column this assay reads and writes is there."""
    with engine.connect() as conn:
        found = inspect(conn)
        for table in schema.metadata.sorted_tables:
            if not found.has_table(table.name):
                _mismatch(engine, f"it has no table {table.name!r}")
            columns = {column["name"] for column in found.get_columns(table.name)}
            missing = sorted(c.name for c in table.columns if c.name not in columns)
            if missing:
                _mismatch(
                    engine, f"table {table.name!r} has no column(s) {missing} (it has {sorted(columns)})"
                )


def _mismatch(engine: Engine, what: str) -> None:
    raise StoreError(
        f"the database at {_where(engine)} does not match assay {__version__} (schema {MIGRATIONS[-1][0]}): "
        f"{what}; it was changed by hand or by another version of assay"
    )


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database's migration lock; committed at the end,
    rolled back on any error."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
                yield conn
            return
        # a CREATE TABLE would otherwise run outside any transaction and unlocked: BEGIN IMMEDIATE takes
        # the write lock first (other processes wait up to busy_timeout)
        with sqlite_immediate(conn):
            yield conn


def applied(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [
            row[0]
            for row in conn.execute(select(schema.migrations.c.name).order_by(schema.migrations.c.name))
        ]
