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

# (0005) The review app (assay.review): accounts, sessions, queues, leases and decisions. Decisions are
# append-only: a changed mind, an edit or an adjudication adds a row (the highest seq counts), and no
# row is ever updated, so the export holds every decision ever made.
review_users = Table(
    "review_users",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("role", String(20), nullable=False),  # reviewer · adjudicator · admin
    Column("password_hash", Text, nullable=False),  # scrypt$n$r$p$salt$hash (assay.review.auth)
    Column("created_at", String(40), nullable=False),
)

review_sessions = Table(
    "review_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie's token: a leaked table opens nothing
    Column("user_name", String(200), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("last_seen", Float, nullable=False),  # Unix seconds; idle sessions expire
)

review_login_failures = Table(
    "review_login_failures",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("key", String(300), nullable=False, index=True),  # name + client address
    Column("at", Float, nullable=False),
)

review_queues = Table(
    "review_queues",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("scorer", String(200), nullable=False),
    Column("top", Integer, nullable=False),
    Column("overlap", Integer, nullable=False),  # reviewers per item
    Column("gold_share", Float, nullable=False),
    Column("min_score", Float),
    Column("domain", String(40)),
    Column("lease_seconds", Float, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
)

review_items = Table(
    "review_items",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("queue_id", String(40), nullable=False),  # indexed with position: assignment reads in order
    Column("position", Integer, nullable=False),
    Column("candidate_id", String(40), nullable=False),
    Column("score", Float),  # the queue's scorer's value (None for gold items picked without one)
    Column("gold", String(20), nullable=False),  # "" · verified · refuted: the known truth, never shown
    # (0006) kept up to date by each decision, so assignment reads only the open items, not the queue:
    # reviewers with a review decision, and 1 while fewer than the overlap decided and no adjudicator did
    Column("decided", Integer, nullable=False, server_default="0"),
    Column("is_open", Integer, nullable=False, server_default="1"),
    Index("ix_review_items_queue_position", "queue_id", "position"),
)

review_leases = Table(
    "review_leases",
    metadata,
    Column("item_id", String(40), primary_key=True),
    Column("reviewer", String(200), primary_key=True),
    Column("queue_id", String(40), nullable=False, index=True),
    Column("started", Float, nullable=False),  # Unix seconds
    Column("expires", Float, nullable=False),
)

review_decisions = Table(
    "review_decisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # the order decisions were made in
    Column("id", String(40), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),  # review · adjudication
    Column("queue_id", String(40), nullable=False, index=True),
    Column("item_id", String(40), nullable=False, index=True),
    Column("candidate_id", String(40), nullable=False),
    Column("reviewer", String(200), nullable=False),
    Column("decision", String(20), nullable=False),  # accept · reject · edit
    Column("text", Text, nullable=False),  # the edited text ("" unless edit)
    Column("step_ratings", Text, nullable=False),  # JSON list of +1/0/-1
    Column("first_wrong_step", Integer),
    Column("note", Text, nullable=False),
    Column("seconds", Float),  # time spent on the item
    Column("verdict_status", String(20)),  # an edit's re-verification
    Column("verdict_evidence", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
)

# (0006) What the review app's hot paths look up: the open items of a queue in order (assignment),
# a reviewer's leases and decisions in a queue (the item held, progress), decisions per item and reviewer.
REVIEW_INDEXES = (
    Index(
        "ix_review_items_queue_open_position",
        review_items.c.queue_id,
        review_items.c.is_open,
        review_items.c.position,
    ),
    Index("ix_review_leases_reviewer_queue", review_leases.c.reviewer, review_leases.c.queue_id),
    Index(
        "ix_review_decisions_reviewer_queue",
        review_decisions.c.reviewer,
        review_decisions.c.queue_id,
        review_decisions.c.kind,
        review_decisions.c.item_id,
    ),
    Index("ix_review_decisions_item_reviewer", review_decisions.c.item_id, review_decisions.c.reviewer),
)

REVIEW_TABLES = (
    review_users,
    review_sessions,
    review_login_failures,
    review_queues,
    review_items,
    review_leases,
    review_decisions,
)
