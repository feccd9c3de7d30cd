"""The tables of a workspace database (SQLAlchemy Core). Changes to them go through migrations.py."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

migrations = Table(
    "assay_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

problems = Table(
    "problems",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("domain", String(40), nullable=False, index=True),
    Column("task", String(100), nullable=False),  # indexed with id: see KEYSET_INDEXES
    Column("prompt", Text, nullable=False),
    Column("reference", Text, nullable=False),  # JSON
    Column("source", Text, nullable=False),
)

candidates = Table(
    "candidates",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("problem_id", String(40), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("answer", Text),
    Column("steps", Text, nullable=False),  # JSON list of Step
    Column("generator", String(200), nullable=False),
    Column("generation", Integer, nullable=False),  # indexed with id: see KEYSET_INDEXES
    Column("sample_index", Integer, nullable=False),
    Column("seed", Integer, nullable=False),
    Column("params", Text, nullable=False),  # JSON
)

verdicts = Table(
    "verdicts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("candidate_id", String(40), nullable=False, index=True),
    Column("verifier", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # indexed with id: see KEYSET_INDEXES
    Column("evidence", Text, nullable=False),
    Column("steps", Text, nullable=False),  # JSON list of StepResult
    Column("seconds", Float, nullable=False),
)

scores = Table(
    "scores",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("candidate_id", String(40), nullable=False, index=True),
    Column("scorer", String(200), nullable=False),
    Column("value", Float, nullable=False),
    Column("step_values", Text, nullable=False),  # JSON
)

attempts = Table(
    "attempts",  # one row per (problem, generator, sample index, seed): done, or failed and why
    metadata,
    Column("id", String(40), primary_key=True),
    Column("problem_id", String(40), nullable=False, index=True),
    Column("generator", String(200), nullable=False),
    Column("sample_index", Integer, nullable=False),
    Column("seed", Integer, nullable=False),
    Column("status", String(20), nullable=False, index=True),  # ok · failed
    Column("candidate_id", String(40)),
    Column("error", Text, nullable=False),
    # (0003) what decided the sample besides generator and seed, and what the attempt used
    Column("settings", String(40), nullable=False, server_default=""),  # records.settings_key
    Column("prompt_tokens", Integer, nullable=False, server_default="0"),
    Column("completion_tokens", Integer, nullable=False, server_default="0"),
    Column("cost", Float, nullable=False, server_default="0"),  # USD at the run config's prices
    Column("cached", Integer, nullable=False, server_default="0"),  # 1: answered from the cache
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("candidate_id", String(40), nullable=False, index=True),
    Column("reviewer", String(200), nullable=False),
    Column("decision", String(20), nullable=False),
    Column("step_ratings", Text, nullable=False),  # JSON
    Column("finish_reason", Text, nullable=False),
    Column("edited_text", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# (0004) The store's readers page by keyset: `WHERE <filter> = ? AND id > ? ORDER BY id LIMIT n`. With an
# index on the filter column alone, SQLite (and PostgreSQL, when the filter matches most rows) reads
# every matching row and sorts them for each page, so a filtered read of n rows costs n²/page. An index
# on (filter, id) hands each page over in id order, already sorted. They replace the single-column
# indexes, which they cover as a prefix (one index fewer to write per row).
KEYSET_INDEXES = (
    Index("ix_problems_task_id", problems.c.task, problems.c.id),
    Index("ix_candidates_generation_id", candidates.c.generation, candidates.c.id),
    Index("ix_verdicts_status_id", verdicts.c.status, verdicts.c.id),
)
