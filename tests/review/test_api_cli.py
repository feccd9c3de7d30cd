"""`assay review user add | queue build | export` on a real workspace (in process: click's runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from assay.cli import cli
from assay.errors import InputError, OutputError
from assay.review import accounts
from assay.review.accounts import User
from assay.review.auth import Role
from assay.review.decisions import record
from assay.review.queues import QueueSpec, build_queue, take_next
from assay.store import Store, schema
from assay.workspace import Workspace
from tests.review.api_fixtures import TEST_COST, seed


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(accounts, "SCRYPT_N", TEST_COST)  # the CLI's users at test cost
    root = tmp_path / "ws"
    seed(Workspace.init(root).database_url, scored=4, gold_each=2)
    return root


def test_user_add_reads_the_password_from_stdin_and_stores_only_a_hash(workspace: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["review", "user", "add", "boss", "--role", "admin", "--password-stdin", "-w", str(workspace)],
        input="a long secret\n",
    )
    assert result.exit_code == 0, result.output
    assert "user boss (admin)" in result.output
    store = Workspace.open(workspace).store()
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(schema.review_users.c.password_hash).where(schema.review_users.c.name == "boss")
        ).scalar_one()
    store.close()
    assert stored.startswith(f"scrypt${TEST_COST}$") and "a long secret" not in stored
    assert accounts.check_password("a long secret", stored)
    short = runner.invoke(
        cli, ["review", "user", "add", "x", "--password-stdin", "-w", str(workspace)], input="short\n"
    )
    assert isinstance(short.exception, InputError) and "at least 8" in str(short.exception)


def test_queue_build_then_export_every_decision(workspace: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(
        cli,
        [
            "review",
            "queue",
            "build",
            "-w",
            str(workspace),
            "--name",
            "q",
            "--scorer",
            "verifier",
            "--top",
            "4",
            "--overlap",
            "1",
            "--gold-share",
            "0.5",
        ],
    )
    assert built.exit_code == 0, built.output
    queue_id = built.output.split()[1].rstrip(":")
    assert "8 items" in built.output  # 4 scored + 4 gold
    store = Store(Workspace.open(workspace).database_url)
    reviewer = User("rita", Role.REVIEWER)

    def decide(item: str, decision: str) -> None:
        record(store, lambda p, c: pytest.fail("no edit here"), reviewer.name, item, {"decision": decision})

    first = take_next(store.engine, queue_id, reviewer.name)
    assert first is not None
    decide(first[0], "accept")
    second = take_next(store.engine, queue_id, reviewer.name)
    assert second is not None and second[0] != first[0]
    decide(second[0], "reject")
    decide(second[0], "accept")  # a changed mind (the lease still holds) adds a record
    store.close()
    out = tmp_path / "decisions.jsonl"
    exported = runner.invoke(cli, ["review", "export", "-w", str(workspace), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["item_id"], r["decision"]) for r in rows] == [
        (first[0], "accept"),
        (second[0], "reject"),
        (second[0], "accept"),
    ]
    assert {r["reviewer"] for r in rows} == {"rita"} and all(r["queue_id"] == queue_id for r in rows)
    refused = runner.invoke(
        cli, ["review", "export", "-w", str(workspace), "--out", str(workspace / "assay.db")]
    )
    assert isinstance(refused.exception, OutputError)  # never over the workspace's database


def test_queue_build_names_what_is_missing(workspace: Path) -> None:
    result = CliRunner().invoke(
        cli, ["review", "queue", "build", "-w", str(workspace), "--name", "q", "--scorer", "orm"]
    )
    assert isinstance(result.exception, InputError)
    assert "no candidate has a score from scorer 'orm'" in str(result.exception)
    assert "assay score" in str(result.exception)


def test_a_database_from_before_the_review_app_gets_its_tables_on_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    with store.engine.begin() as conn:  # as assay left it before 0005
        for table in reversed(schema.REVIEW_TABLES):
            table.drop(conn)
        conn.exec_driver_sql("DELETE FROM assay_migrations WHERE name >= '0005_review'")
    store.close()
    reopened = Store(url)
    with reopened.engine.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM assay_migrations ORDER BY name")]
        assert conn.exec_driver_sql("SELECT count(*) FROM review_decisions").scalar_one() == 0
    reopened.close()
    assert names[-2:] == ["0005_review", "0006_review_frontier"] and len(set(names)) == len(names)


def test_0006_fills_in_the_item_counters_from_the_decisions_so_far(workspace: Path) -> None:
    """A database from before 0006: its items get `decided` and `is_open` from the decisions made,
    so assignment (which reads only open items) goes on where it was."""
    space = Workspace.open(workspace)
    store = space.store()
    engine = store.engine
    qid, _ = build_queue(engine, QueueSpec("m", "verifier", top=3, overlap=2), "test")
    items_t = schema.review_items
    with engine.connect() as conn:
        ids = [
            r.id
            for r in conn.execute(
                select(items_t.c.id).where(items_t.c.queue_id == qid).order_by(items_t.c.position)
            )
        ]
    # item 0: both reviewers decided (closed); item 1: one of two (open); item 2: adjudicated (closed)
    for item_id, reviewer in ((ids[0], "rita"), (ids[0], "rob"), (ids[1], "rita")):
        item, _ = take_next(engine, qid, reviewer) or ("", 0.0)
        assert item == item_id
        record(store, _no_verify, reviewer, item_id, {"decision": "accept"})
    record(store, _no_verify, "judy", ids[2], {"decision": "reject"}, kind="adjudication")
    expected = {ids[0]: (2, 0), ids[1]: (1, 1), ids[2]: (0, 0)}
    assert _counters(engine, qid) == expected  # kept by each decision
    with engine.begin() as conn:  # as a database before 0006 would hold them
        conn.execute(items_t.update().values(decided=0, is_open=1))
        conn.exec_driver_sql("DELETE FROM assay_migrations WHERE name = '0006_review_frontier'")
    store.close()
    reopened = Store(space.database_url)
    assert _counters(reopened.engine, qid) == expected
    reopened.close()


def _no_verify(_problem: object, _candidate: object) -> object:
    raise AssertionError("no edit here")


def _counters(engine: object, qid: str) -> dict[str, tuple[int, int]]:
    items_t = schema.review_items
    with engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(
            select(items_t.c.id, items_t.c.decided, items_t.c.is_open).where(items_t.c.queue_id == qid)
        )
        return {r.id: (r.decided, r.is_open) for r in rows}
