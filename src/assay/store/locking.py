"""SQLite write transactions that lock before they read: `BEGIN IMMEDIATE` on one connection.

Python's sqlite3 opens a (deferred) transaction by itself, and only at the first INSERT, UPDATE or
DELETE: the reads before it, and any CREATE TABLE, run outside it and unlocked. Code that reads and then
writes on what it read (a migration deciding what to create, review assignment counting reviewers)
must hold the database's write lock from its first statement, so two writers never both read the same
state. Used by store.migrations (the migration lock) and review.db (write transactions).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection


@contextmanager
def sqlite_immediate(conn: Connection) -> Iterator[Connection]:
    """conn (SQLite) inside `BEGIN IMMEDIATE`: committed at the end, rolled back on any error. Other
    connections that want to write wait for it (up to their busy timeout); readers (WAL) do not."""
    # take transaction control for this one connection, and give it back as it was
    driver: Any = conn.connection.driver_connection
    previous = driver.isolation_level
    driver.isolation_level = None
    try:
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")
    finally:
        driver.isolation_level = previous
