"""Transactions for the review app: one write transaction at a time where it matters.

Assignment and decisions read counts and then write on them (how many reviewers hold or decided an
item), so two requests must never both read the same count. SQLite: `BEGIN IMMEDIATE` takes the
database's write lock before the first read (others wait, up to the busy timeout). PostgreSQL: an
ordinary transaction in which the caller locks the rows it decides on (`SELECT ... FOR UPDATE SKIP
LOCKED`), so reviewers working on different items never wait for each other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from assay.errors import StoreError
from assay.store.locking import sqlite_immediate
from assay.store.store import short


class Refused(Exception):
    """A request the review app refuses: status (401, 403, 404, 409, 422, 429) and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def storable(value: str, what: str) -> str:
    """value, if both databases can store it: Refused(422) for a NUL character (PostgreSQL text cannot
    hold one) or a lone surrogate (JSON can carry "\\ud800"; no UTF-8 column can hold it)."""
    if "\x00" in value:
        raise Refused(422, f"{what} holds a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Refused(422, f"{what} holds a lone surrogate, which is not valid Unicode") from None
    return value


# One lock per SQLite engine: the app's request threads queue for the write lock here, in order,
# instead of polling SQLite's busy handler, which sleeps (1 ms, then 2, 5, ... up to 100 ms at a time)
# and so adds up to 100 ms to a wait that should take a millisecond. Other processes still wait
# through the busy timeout.
_WRITERS: WeakKeyDictionary[Engine, threading.RLock] = WeakKeyDictionary()
_WRITERS_LOCK = threading.Lock()


def _writer_lock(engine: Engine) -> threading.RLock:
    with _WRITERS_LOCK:
        lock = _WRITERS.get(engine)
        if lock is None:
            lock = _WRITERS[engine] = threading.RLock()
        return lock


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction: committed at the end, rolled back on any error."""
    try:
        if engine.dialect.name != "sqlite":
            with engine.connect() as conn, conn.begin():
                yield conn
            return
        # (store.locking: BEGIN IMMEDIATE locks before our reads, not at the first write after them)
        with _writer_lock(engine), engine.connect() as conn, sqlite_immediate(conn):
            yield conn
    except SQLAlchemyError as exc:
        raise StoreError(f"review database: {short(exc)}") from exc


@contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    try:
        with engine.connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StoreError(f"review database: {short(exc)}") from exc


def now() -> float:
    return time.time()


def iso(at: float | None = None) -> str:
    return datetime.fromtimestamp(time.time() if at is None else at, UTC).isoformat()
