"""The red team's four findings (issue 15), fixed as classes: every template reveals hidden characters
outside the raw views, request bodies are capped and never crash the parser, every export line is one
line to any splitter, and gold items are drawn only from candidates the queue's scorer scored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_module

require_module("fastapi")
require_module("httpx")

from click.testing import CliRunner  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import select  # noqa: E402

from assay.cli import cli  # noqa: E402
from assay.review import auth, queues  # noqa: E402
from assay.review.app import create_app  # noqa: E402
from assay.review.auth import Role, User  # noqa: E402
from assay.review.decisions import record  # noqa: E402
from assay.review.pages import TEMPLATES  # noqa: E402
from assay.review.queues import QueueSpec, build_queue, take_next  # noqa: E402
from assay.store import Store, schema  # noqa: E402
from assay.workspace import Workspace  # noqa: E402
from tests.review.api_fixtures import PASSWORD, seed  # noqa: E402
from tests.review.test_api import login  # noqa: E402
from tests.review.test_redteam import BIDI, _audit  # noqa: E402

# every character a line splitter may break on that JSON does not escape by itself
LINE_BREAKERS = "\u2028\u2029\x85"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hardening") / "ws"
    seed(Workspace.init(root).database_url, scored=4, gold_each=2)
    return root


@pytest.fixture(scope="module")
def app(workspace: Path) -> Iterator[FastAPI]:
    made = create_app(Workspace.open(workspace).database_url, secure_cookies=False)
    yield made
    made.state.review.close()


# --- 1. hidden characters: every template, every field --------------------------------------------------


# made by assay, never from text: ids it generates and the Status / StepStatus enum values
_OWN_KEYS = frozenset({"id", "item_id", "queue_id", "status"})


def _hostile(value: Any) -> Any:
    """value with every string carrying a right-to-left override (numbers, None and _OWN_KEYS kept)."""
    if isinstance(value, str):
        return f"{BIDI}{value}"
    if isinstance(value, dict):
        return {k: v if k in _OWN_KEYS else _hostile(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v) for v in value]
    return value


_VERDICT: dict[str, Any] = {"status": "verified", "evidence": "e", "verifier": "math-steps@1", "steps": []}
_CANDIDATE: dict[str, Any] = {
    "id": "c1",
    "text": "x = 1",
    "answer": "1",
    "steps": [{"index": 1, "text": "x = 1", "status": "verified", "evidence": "ok", "scores": []}],
    "verdict": _VERDICT,
}
_SCORE = {"scorer": "orm@1", "value": 0.5, "step_values": [0.5]}
_QUEUE = {"id": "q1", "name": "q", "items": 1, "overlap": 1, "done": 0, "mine_done": 0, "mine_left": 1}
_REVIEWER = {"name": "rita", "decided": 1, "gold_items": 1, "gold_accuracy": 1.0, "seconds_median": 3.0}
CONTEXTS: dict[str, dict[str, Any]] = {
    "review.html": {
        "item": {
            "item_id": "ri_1",
            "queue_id": "q1",
            "position": {"done": 0, "total": 1},
            "problem": {"id": "p1", "domain": "math", "prompt": "Solve"},
            "candidate": _CANDIDATE,
            "scores": [_SCORE],
            "steps": [{**_CANDIDATE["steps"][0], "scores": [{"scorer": "orm@1", "value": 0.5}]}],
        }
    },
    "adjudicate.html": {
        "items": [
            {
                "item_id": "ri_1",
                "queue_id": "q1",
                "agreement": 0.0,
                "problem": {"id": "p1", "domain": "math", "prompt": "Solve"},
                "candidate": _CANDIDATE,
                "decisions": [
                    {
                        "reviewer": "rita",
                        "decision": "edit",
                        "note": "n",
                        "text": "x = 2",
                        "verdict": _VERDICT,
                    },
                    {"reviewer": "rob", "decision": "accept", "note": "m", "text": None, "verdict": None},
                ],
            }
        ]
    },
    "home.html": {"queues": [_QUEUE]},
    "admin.html": {
        "queues": [_QUEUE],
        "users": [{"name": "rita", "role": "reviewer"}],
        "stats": {
            "alpha": 0.5,
            "kappa_pairs": [{"a": "rita", "b": "rob", "kappa": 0.5, "n": 2}],
            "reviewers": [{**_REVIEWER, "rushed": 0}],
            "rushed_seconds_per_step": 2.0,
            "queues": [_QUEUE],
        },
    },
    "login.html": {"error": "no such user", "name": ""},
    "done.html": {"queue_id": "q1"},
}


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_no_template_shows_a_hidden_character_outside_the_raw_views(template: str) -> None:
    user = User(f"{BIDI}rita", Role.ADMIN)
    context = _hostile(CONTEXTS[template])
    if template == "login.html":
        context["name"] = ""  # (the login form's name box is an edit box: it keeps what was typed)
    html = TEMPLATES.env.get_template(template).render(
        user=user, csrf="t", is_adjudicator=True, is_admin=True, **context
    )
    audit = _audit(html)
    assert audit.bidi_outside_raw == [] and audit.problems == []
    assert "⟨U+202E⟩" in html  # revealed, not dropped


def test_the_raw_views_keep_the_exact_stored_text() -> None:
    html = TEMPLATES.env.get_template("review.html").render(
        user=None, csrf="t", **_hostile(CONTEXTS["review.html"])
    )
    assert f"<pre>{BIDI}x = 1</pre>" in html and f">{BIDI}x = 1</textarea>" in html
    assert 'data-tex="⟨U+202E⟩1"' in html  # the parsed answer is revealed in the TeX too


# --- 2. request bodies: capped, and never a crash -------------------------------------------------------


def _login_post(app: FastAPI, **kwargs: Any) -> Any:
    client = TestClient(app, raise_server_exceptions=False)
    token = client.get("/api/login").json()["csrf"]
    headers = {"X-CSRF-Token": token, "content-type": "application/json", **kwargs.pop("headers", {})}
    return client.post("/api/login", headers=headers, **kwargs)


def _padded(size: int) -> bytes:
    """ada's login as a JSON body of exactly `size` bytes (white space after the object)."""
    login = json.dumps({"name": "ada", "password": PASSWORD}).encode()
    return login + b" " * (size - len(login))


@pytest.mark.parametrize(
    ("size", "status"), [(auth.MAX_BODY_BYTES, 200), (auth.MAX_BODY_BYTES + 1, 413)], ids=["at-cap", "over"]
)
def test_a_body_over_the_cap_is_refused_before_it_is_read(app: FastAPI, size: int, status: int) -> None:
    answer = _login_post(app, content=_padded(size))
    assert answer.status_code == status
    assert ("error" in answer.json()) is (status == 413)  # (at the cap: read whole, logged in)


def test_a_chunked_body_without_a_length_is_capped_too(app: FastAPI) -> None:
    chunk = b" " * 65536

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap must count what streams in
        for _ in range(auth.MAX_BODY_BYTES // len(chunk) + 2):
            yield chunk

    answer = _login_post(app, content=chunks())
    assert answer.status_code == 413 and "error" in answer.json()


@pytest.mark.parametrize(
    "body", ["[" * 100_000, '{"a":' * 50_000, '[{"a":' * 40_000], ids=["lists", "objects", "mixed"]
)
@pytest.mark.parametrize("route", ["/api/queues", "/api/users"])
def test_deep_nesting_is_a_422_on_every_body_route(app: FastAPI, body: str, route: str) -> None:
    admin = login(app, "ada")
    answer = admin.post(route, content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 422 and "nested" in answer.json()["error"]


# --- 3. exports: one record a line for every splitter ---------------------------------------------------


@pytest.fixture(scope="module")
def noted(workspace: Path) -> str:
    """A decision whose note carries every line breaker JSON leaves raw; returns the note."""
    store = Store(Workspace.open(workspace).database_url)
    queue_id, _count = build_queue(store.engine, QueueSpec("notes", "verifier", top=1), "test")
    taken = take_next(store.engine, queue_id, "rita")
    assert taken is not None
    note = "".join(f"line{i}{c}" for i, c in enumerate(LINE_BREAKERS)) + '{"forged": 1}'
    record(
        store,
        lambda p, c: pytest.fail("no edit here"),
        "rita",
        taken[0],
        {"decision": "accept", "note": note},
    )
    store.close()
    return note


def _one_record_a_line(text: str, note: str) -> None:
    assert not any(c in text for c in LINE_BREAKERS)
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == len(text.split("\n")) - 1  # (the last line ends with its newline)
    assert [r["note"] for r in rows if r["note"]] == [note]  # escaped, not lost


def test_the_cli_export_escapes_line_breakers(workspace: Path, noted: str, tmp_path: Path) -> None:
    out = tmp_path / "decisions.jsonl"
    result = CliRunner().invoke(cli, ["review", "export", "-w", str(workspace), "--out", str(out)])
    assert result.exit_code == 0, result.output
    _one_record_a_line(out.read_text(encoding="utf-8"), noted)


def test_the_api_export_escapes_line_breakers(app: FastAPI, noted: str) -> None:
    _one_record_a_line(login(app, "ada").get("/api/export").text, noted)


# --- 4. gold: scored like every other item --------------------------------------------------------------


@pytest.mark.parametrize(
    ("min_score", "gold"),
    [(None, 4), (0.47, 0)],  # gold material scores 0.46..0.43: none reaches a min_score of 0.47
)
def test_gold_comes_only_from_what_the_queue_would_take(
    workspace: Path, min_score: float | None, gold: int
) -> None:
    store = Store(Workspace.open(workspace).database_url)
    spec = QueueSpec("g", "verifier", top=4, gold_share=0.5, min_score=min_score)
    queue_id, count = build_queue(store.engine, spec, "test")
    items, scores = schema.review_items, schema.scores
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(items.c.candidate_id, items.c.gold).where(items.c.queue_id == queue_id)
        ).all()
        scored = set(conn.execute(select(scores.c.candidate_id)).scalars())
    store.close()
    assert count == 4 + gold and sum(1 for r in rows if r.gold) == gold
    assert all(r.candidate_id in scored for r in rows)  # no item lacks the scores the others carry


@pytest.mark.parametrize("queue_id", ["rq_gold0", "rq_gold1", "rq_gold2"])
def test_gold_is_drawn_across_the_queues_own_score_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, queue_id: str
) -> None:
    """Gold used to be the best candidates below the top N, so every gold item scored below every
    reviewed one and sorting by score picked it out. Now gold comes at random from the window the
    queue reviews (the top N plus the gold wanted); only a truth the window lacks (here: refuted, as
    the window is all verified) comes from below it, the tell README names."""
    url = f"sqlite:///{tmp_path / 'gold.db'}"
    seed(url, scored=40, gold_each=10)  # 40 verified scored 1.00..0.61; below: 10 + 10 at 0.10..-0.09
    store = Store(url)
    monkeypatch.setattr(queues, "new_queue_id", lambda: queue_id)  # (the draw is per queue id)
    _, count = build_queue(store.engine, QueueSpec("g", "verifier", top=30, gold_share=0.25), "test")
    items = schema.review_items
    with store.engine.connect() as conn:
        rows = conn.execute(select(items.c.score, items.c.gold).where(items.c.queue_id == queue_id)).all()
    store.close()
    regular = [r.score for r in rows if not r.gold]
    verified = [r.score for r in rows if r.gold == "verified"]
    refuted = [r.score for r in rows if r.gold == "refuted"]
    assert count == 40 and len(regular) == 30 and len(verified) == len(refuted) == 5
    assert min(verified) >= 0.61 and max(verified) > min(regular)  # inside the range, not at its end
    assert max(refuted) < min(regular)  # (from below: the window had none)
