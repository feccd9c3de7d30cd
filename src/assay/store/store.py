"""The Store: records in and out of a SQL database (SQLite by default, PostgreSQL by URL).

Writes are idempotent upserts keyed by the records' content-hash ids, so re-running a stage never
duplicates anything. Reads stream in pages by keyset pagination (`WHERE id > last ORDER BY id LIMIT
page_size`), so no read ever loads a whole table, on either database, and each page is one indexed range
read (schema.KEYSET_INDEXES), so reading n rows costs O(n) however the read is filtered.

The streaming readers (for stage drivers and export; each holds one page in memory at a time):

    iter_problem_pages / iter_candidate_pages / iter_verdict_pages   lists of records, page by page
    iter_problems / iter_candidates / iter_verdicts                  the same, one record at a time

and, for a page in hand, the lookups `problems_by_id`, `candidates_by_id`, `verdicts_for` and
`attempts_for` (bounded by what they are given, queried in chunks of BATCH ids).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import Engine, Table, and_, create_engine, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from assay.errors import NotFoundError, StoreError
from assay.records import (
    Attempt,
    Candidate,
    Problem,
    Review,
    Score,
    Status,
    Step,
    StepResult,
    Verdict,
    from_json,
    to_json,
)
from assay.store import schema
from assay.store.migrations import migrate

BATCH = 500  # rows per write statement and ids per IN (...) lookup
PAGE_SIZE = 500  # rows per page of a streaming read (Store(page_size=...) changes it)


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


_SCALARS = (str, int, float, bool, type(None))  # (a StrEnum is a str: it writes as its value)


def _flat_records_json(records: Sequence[Any]) -> str:
    """The stored JSON of a candidate's or verdict's steps: the same text as
    `_dumps([to_json(r) for r in records])`, without to_json's deep copy and JSON round trip per
    record, which made serialising steps most of what the driver spends writing a verdict. A record
    with anything but scalar fields takes the general path."""
    rows = []
    for record in records:
        row = {f.name: getattr(record, f.name) for f in fields(record)}
        if not all(isinstance(value, _SCALARS) for value in row.values()):
            row = to_json(record)
        rows.append(row)
    return _dumps(rows)


def make_engine(url: str) -> Engine:
    """An engine for url; SQLite gets WAL, a busy timeout and foreign-key pragmas on every connection.

    A SQLite file that cannot be written (a read-only file, folder or filesystem) is opened read-only,
    so reading it (`assay export`, `assay show`) works; writing then fails with a StoreError."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    read_only = False
    path = sqlite_path(url)
    if path is not None and path.exists() and not _writable(path):
        read_only = True
        # SQLite needs to make `<db>-shm` beside a WAL database; in a folder nobody can write to it
        # cannot, and nobody can change the database either, so it may treat the file as immutable.
        immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
        url = f"sqlite:///file:{quote(str(path))}?mode=ro{immutable}&uri=true"
    try:
        engine = create_engine(url, future=True)
    except (SQLAlchemyError, ImportError) as exc:
        hint = ""
        if "psycopg" in str(exc):
            hint = " (install the PostgreSQL driver: pip install 'assay[postgres]')"
        raise StoreError(f"cannot open database {url!r}: {short(exc)}{hint}") from exc
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # first: switching a fresh file to WAL needs its lock, and must wait for another process's
            # migration as long as every other statement does (not the driver's 5 s default)
            cursor.execute("PRAGMA busy_timeout=30000")
            if not read_only:  # the journal mode is part of the file: a reader cannot set it
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases and for :memory:)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix + ":memory:" or url.startswith(prefix + "file:"):
        return None
    return Path(unquote(url[len(prefix) :].split("?", 1)[0]))


def _writable(path: Path) -> bool:
    """Whether SQLite can write the database: the file, and the folder for its journal/WAL files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def short(exc: BaseException) -> str:
    """The first line of a database error: the driver's own message, without the SQL and the link."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def _migrate_when_free(engine: Engine) -> None:
    """migrate(engine); on SQLite, tried again for up to a minute while another process holds the file.
    The busy timeout covers most waits, but SQLite answers some at once without waiting (a switch to WAL,
    a read turning into a write while a peer migrates a fresh file): many processes opening one new
    workspace at the same time saw "database is locked" from those."""
    attempts = 0
    while True:
        try:
            migrate(engine)
            return
        except OperationalError as exc:
            attempts += 1
            if engine.dialect.name != "sqlite" or "locked" not in str(exc) or attempts >= 120:
                raise
            engine.dispose()  # a fresh connection next time, with no transaction left half open
            time.sleep(0.5)


class Store:
    """Records in a database. `Store(url)` migrates the schema on open."""

    def __init__(self, url: str, home: Path | None = None, page_size: int = PAGE_SIZE) -> None:
        """home: the workspace folder this database belongs to, when opened through one (exports may
        write into its artifacts/, and into no other workspace's). page_size: rows per page of the
        streaming readers (what a reader holds in memory at once)."""
        if page_size < 1:
            raise StoreError(f"a page holds at least 1 row, not {page_size}")
        self.url = url
        self.home = home
        self.page_size = page_size
        self.engine = make_engine(url)
        try:
            _migrate_when_free(self.engine)
        except SQLAlchemyError as exc:
            self.engine.dispose()
            where = self.engine.url.render_as_string(hide_password=True)
            raise StoreError(f"cannot open or migrate the database at {where}: {short(exc)}") from exc
        except StoreError:
            self.engine.dispose()
            raise

    @property
    def database_path(self) -> Path | None:
        """The SQLite file of this store (None for PostgreSQL), so no output is ever written over it."""
        return sqlite_path(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ---

    def _upsert(self, table: Table, rows: Sequence[dict[str, Any]], update: bool) -> None:
        if not rows:
            return
        dialect = self.engine.dialect.name
        insert_fn = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert_fn(table)
        if update:
            columns = {c.name: statement.excluded[c.name] for c in table.columns if c.name != "id"}
            statement = statement.on_conflict_do_update(index_elements=["id"], set_=columns)
        else:
            statement = statement.on_conflict_do_nothing(index_elements=["id"])
        try:
            with self.engine.begin() as conn:
                for start in range(0, len(rows), BATCH):
                    conn.execute(statement, list(rows[start : start + BATCH]))
        except SQLAlchemyError as exc:
            raise StoreError(f"could not write to {table.name}: {short(exc)}") from exc

    def add_problems(self, problems: Iterable[Problem]) -> None:
        rows = [
            {
                "id": p.id,
                "domain": p.domain,
                "task": p.task,
                "prompt": p.prompt,
                "reference": _dumps(dict(p.reference)),
                "source": p.source,
            }
            for p in problems
        ]
        self._upsert(schema.problems, rows, update=False)

    def add_candidates(self, candidates: Iterable[Candidate]) -> None:
        rows = [
            {
                "id": c.id,
                "problem_id": c.problem_id,
                "text": c.text,
                "answer": c.answer,
                "steps": _flat_records_json(c.steps),
                "generator": c.generator,
                "generation": c.generation,
                "sample_index": c.sample_index,
                "seed": c.seed,
                "params": _dumps(dict(c.params)),
            }
            for c in candidates
        ]
        self._upsert(schema.candidates, rows, update=False)

    def add_verdicts(self, verdicts: Iterable[Verdict]) -> None:
        rows = [
            {
                "id": v.id,
                "candidate_id": v.candidate_id,
                "verifier": v.verifier,
                "status": v.status.value,
                "evidence": v.evidence,
                "steps": _flat_records_json(v.steps),
                "seconds": v.seconds,
            }
            for v in verdicts
        ]
        self._upsert(schema.verdicts, rows, update=True)

    def add_scores(self, scores: Iterable[Score]) -> None:
        rows = [
            {
                "id": s.id,
                "candidate_id": s.candidate_id,
                "scorer": s.scorer,
                "value": s.value,
                "step_values": _dumps(list(s.step_values)),
            }
            for s in scores
        ]
        self._upsert(schema.scores, rows, update=True)

    def add_reviews(self, reviews: Iterable[Review]) -> None:
        rows = [
            {
                "id": r.id,
                "candidate_id": r.candidate_id,
                "reviewer": r.reviewer,
                "decision": r.decision.value,
                "step_ratings": _dumps(list(r.step_ratings)),
                "finish_reason": r.finish_reason,
                "edited_text": r.edited_text,
                "created_at": r.created_at,
            }
            for r in reviews
        ]
        self._upsert(schema.reviews, rows, update=True)

    def add_attempts(self, attempts: Iterable[Attempt]) -> None:
        rows = [
            {
                "id": a.id,
                "problem_id": a.problem_id,
                "generator": a.generator,
                "sample_index": a.sample_index,
                "seed": a.seed,
                "status": a.status,
                "candidate_id": a.candidate_id,
                "error": a.error,
                "settings": a.settings,
                "prompt_tokens": a.prompt_tokens,
                "completion_tokens": a.completion_tokens,
                "cost": a.cost,
                "cached": int(a.cached),
            }
            for a in attempts
        ]
        self._upsert(schema.attempts, rows, update=True)

    def attempts_for(self, ids: Iterable[str]) -> dict[str, Attempt]:
        return {
            row["id"]: Attempt(
                row["problem_id"],
                row["generator"],
                row["sample_index"],
                row["seed"],
                row["status"],
                row["candidate_id"],
                row["error"],
                row["settings"],
                row["prompt_tokens"],
                row["completion_tokens"],
                row["cost"],
                bool(row["cached"]),
            )
            for row in self._rows_in(schema.attempts, "id", ids)
        }

    def count_where(self, table_name: str, column: str, value: object) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(table).where(table.c[column] == value)
            return int(conn.execute(query).scalar_one())

    # --- reading ---

    def _pages(self, table: Table, where: Any = None, size: int | None = None) -> Iterator[list[Any]]:
        """The rows of table (matching where), a page of `size` rows at a time, in id order.

        Keyset, not OFFSET: each page starts after the last id of the one before, so a page costs the
        same at row 10 as at row 10 million, and no row is read twice (nor skipped) while other rows are
        written meanwhile. Each page gets its own connection, so a long read holds no
        transaction open against the writers (SQLite WAL, PostgreSQL vacuum)."""
        size = self.page_size if size is None else size
        if size < 1:
            raise StoreError(f"a page holds at least 1 row, not {size}")
        last = ""  # ids are non-empty hex strings, all greater than ""
        while True:
            query = select(table).where(table.c.id > last).order_by(table.c.id).limit(size)
            if where is not None:
                query = query.where(where)
            with self.engine.connect() as conn:
                rows = list(conn.execute(query).mappings().all())
            if not rows:
                return
            yield rows
            last = rows[-1]["id"]

    def iter_problem_pages(self, task: str | None = None, size: int | None = None) -> Iterator[list[Problem]]:
        where = schema.problems.c.task == task if task else None
        for rows in self._pages(schema.problems, where, size):
            yield [_problem(row) for row in rows]

    def iter_candidate_pages(
        self, generation: int | None = None, generator: str | None = None, size: int | None = None
    ) -> Iterator[list[Candidate]]:
        conditions = []
        if generation is not None:
            conditions.append(schema.candidates.c.generation == generation)
        if generator is not None:
            conditions.append(schema.candidates.c.generator == generator)
        where = and_(*conditions) if conditions else None
        for rows in self._pages(schema.candidates, where, size):
            yield [_candidate(row) for row in rows]

    def iter_verdict_pages(
        self, status: Status | None = None, size: int | None = None
    ) -> Iterator[list[Verdict]]:
        where = schema.verdicts.c.status == status.value if status is not None else None
        for rows in self._pages(schema.verdicts, where, size):
            yield [_verdict(row) for row in rows]

    def iter_problems(self, task: str | None = None, batch: int | None = None) -> Iterator[Problem]:
        for page in self.iter_problem_pages(task, batch):
            yield from page

    def iter_candidates(
        self, generation: int | None = None, generator: str | None = None, batch: int | None = None
    ) -> Iterator[Candidate]:
        for page in self.iter_candidate_pages(generation, generator, batch):
            yield from page

    def iter_verdicts(self, status: Status | None = None, batch: int | None = None) -> Iterator[Verdict]:
        for page in self.iter_verdict_pages(status, batch):
            yield from page

    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def problem(self, problem_id: str) -> Problem:
        row = self._one(schema.problems, problem_id)
        return _problem(row)

    def candidate(self, candidate_id: str) -> Candidate:
        return _candidate(self._one(schema.candidates, candidate_id))

    def problems_by_id(self, ids: Iterable[str]) -> dict[str, Problem]:
        return {row["id"]: _problem(row) for row in self._rows_in(schema.problems, "id", ids)}

    def candidates_by_id(self, ids: Iterable[str]) -> dict[str, Candidate]:
        return {row["id"]: _candidate(row) for row in self._rows_in(schema.candidates, "id", ids)}

    def verdicts_for(self, candidate_ids: Iterable[str]) -> dict[str, list[Verdict]]:
        out: dict[str, list[Verdict]] = {}
        for row in self._rows_in(schema.verdicts, "candidate_id", candidate_ids):
            out.setdefault(row["candidate_id"], []).append(_verdict(row))
        for verdicts in out.values():
            verdicts.sort(key=lambda v: v.verifier)  # a stable order for exports
        return out

    def _rows_in(self, table: Table, column: str, values: Iterable[str]) -> list[Any]:
        """Rows whose column is one of values, fetched in batches of BATCH ids."""
        wanted = sorted(set(values))
        rows: list[Any] = []
        with self.engine.connect() as conn:
            for start in range(0, len(wanted), BATCH):
                query = select(table).where(table.c[column].in_(wanted[start : start + BATCH]))
                rows.extend(conn.execute(query).mappings().all())
        return rows

    def candidates_for(self, problem_id: str) -> list[Candidate]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(schema.candidates)
                    .where(schema.candidates.c.problem_id == problem_id)
                    .order_by(schema.candidates.c.id)
                )
                .mappings()
                .all()
            )
        return [_candidate(r) for r in rows]

    def find(self, record_id: str) -> tuple[str, Any]:
        """(kind, record) for any id: problem, candidate or verdict."""
        for name, table, build in (
            ("problem", schema.problems, _problem),
            ("candidate", schema.candidates, _candidate),
            ("verdict", schema.verdicts, _verdict),
        ):
            with self.engine.connect() as conn:
                row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
            if row is not None:
                return name, build(row)
        raise NotFoundError(f"no problem, candidate or verdict with id {record_id!r}")

    def _one(self, table: Table, record_id: str) -> Any:
        with self.engine.connect() as conn:
            row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no {table.name[:-1]} with id {record_id!r}")
        return row

    def scores_for(self, candidate_ids: Iterable[str], scorer: str | None = None) -> dict[str, list[Score]]:
        """The stored scores of these candidates (only `scorer`'s when given), sorted by scorer id."""
        out: dict[str, list[Score]] = {}
        for row in self._rows_in(schema.scores, "candidate_id", candidate_ids):
            if scorer is None or row["scorer"] == scorer:
                out.setdefault(row["candidate_id"], []).append(_score(row))
        for scores in out.values():
            scores.sort(key=lambda s: s.scorer)
        return out


def _problem(row: Any) -> Problem:
    return Problem(
        row["domain"], row["task"], row["prompt"], json.loads(row["reference"]), row["source"], row["id"]
    )


def _candidate(row: Any) -> Candidate:
    return Candidate(
        problem_id=row["problem_id"],
        text=row["text"],
        answer=row["answer"],
        steps=tuple(from_json(Step, s) for s in json.loads(row["steps"])),
        generator=row["generator"],
        generation=row["generation"],
        sample_index=row["sample_index"],
        seed=row["seed"],
        params=json.loads(row["params"]),
        id=row["id"],
    )


def _verdict(row: Any) -> Verdict:
    return Verdict(
        candidate_id=row["candidate_id"],
        verifier=row["verifier"],
        status=Status(row["status"]),
        evidence=row["evidence"],
        steps=tuple(from_json(StepResult, s) for s in json.loads(row["steps"])),
        seconds=row["seconds"],
        id=row["id"],
    )


def _score(row: Any) -> Score:
    return Score(
        candidate_id=row["candidate_id"],
        scorer=row["scorer"],
        value=row["value"],
        step_values=tuple(json.loads(row["step_values"])),
        id=row["id"],
    )
