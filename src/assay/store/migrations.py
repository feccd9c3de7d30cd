"""Ordered, named schema migrations, recorded in the `assay_migrations` table.

Add a migration by appending a function to MIGRATIONS; never edit or reorder one that has shipped.
Each runs in its own transaction, and its name is recorded in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from assay.store import schema


def m0001_initial(conn: Connection) -> None:
    for table in (schema.problems, schema.candidates, schema.verdicts, schema.scores, schema.reviews):
        table.create(conn, checkfirst=True)


def m0002_attempts(conn: Connection) -> None:
    schema.attempts.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", m0001_initial),
    ("0002_attempts", m0002_attempts),
]


def migrate(engine: Engine) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    with engine.begin() as conn:
        schema.migrations.create(conn, checkfirst=True)
    applied_now: list[str] = []
    for name, function in MIGRATIONS:
        with engine.begin() as conn:
            done = conn.execute(
                select(schema.migrations.c.name).where(schema.migrations.c.name == name)
            ).first()
            if done is not None:
                continue
            function(conn)
            conn.execute(
                schema.migrations.insert().values(name=name, applied_at=datetime.now(UTC).isoformat())
            )
        applied_now.append(name)
    return applied_now


def applied(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [
            row[0]
            for row in conn.execute(select(schema.migrations.c.name).order_by(schema.migrations.c.name))
        ]
