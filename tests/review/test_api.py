"""The review API end to end, in process, on SQLite and PostgreSQL: queues, leases, decisions, edits
re-verified, adjudication, stats, export and the kept set."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import require_module

require_module("fastapi")
require_module("httpx")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from assay.review import db as db_module  # noqa: E402
from assay.review import decisions as decisions_module  # noqa: E402
from assay.review import queues as queues_module  # noqa: E402
from assay.review.accounts import add_user  # noqa: E402
from assay.review.app import create_app  # noqa: E402
from assay.review.decisions import kept  # noqa: E402
from assay.review.queues import progress  # noqa: E402
from assay.verifiers import Verifiers  # noqa: E402
from assay.workers import WorkerPool  # noqa: E402
from tests.review.api_fixtures import PASSWORD, TEST_COST, Seeded, database, seed  # noqa: E402


def login(app: FastAPI, name: str, password: str = PASSWORD) -> TestClient:
    """A client logged in as name, sending its CSRF token on every request."""
    client = TestClient(app)
    token = client.get("/api/login").json()["csrf"]
    answer = client.post(
        "/api/login", json={"name": name, "password": password}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 200, answer.text
    client.headers["X-CSRF-Token"] = answer.json()["csrf"]
    return client


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pool: WorkerPool
) -> Iterator[tuple[FastAPI, Seeded]]:
    """One seeded database per backend for the module; each test makes its own queue and people, so
    tests never see each other's decisions."""
    with database(request.param, tmp_path_factory.mktemp("api"), request) as url:
        seeded = seed(url)
        verifiers = Verifiers(pool=pool)
        app = create_app(url, secure_cookies=False, verifiers=verifiers)
        yield app, seeded
        app.state.review.close()
        verifiers.close()


def people(app: FastAPI, *roles: str) -> list[TestClient]:
    """New users with these roles (unique names), each logged in."""
    clients = []
    for role in roles:
        name = f"{role[:3]}{uuid.uuid4().hex[:8]}"
        add_user(app.state.review.engine, name, role, PASSWORD, n=TEST_COST)
        client = login(app, name)
        client.name = name  # type: ignore[attr-defined]
        clients.append(client)
    return clients


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, TestClient, str]]:
    """(admin, reviewer, item id the reviewer holds) on one SQLite database for the validation tables
    (what they check does not depend on the database)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('held') / 'assay.db'}"
    seed(url)
    app = create_app(url, secure_cookies=False)
    admin, rita = login(app, "ada"), login(app, "rita")
    qid = build(admin, overlap=1, gold_share=0.0)["id"]
    yield admin, rita, rita.post(f"/api/queues/{qid}/next").json()["item_id"]
    app.state.review.close()


def build(admin: TestClient, **overrides: Any) -> dict[str, Any]:
    body = {"name": "top", "scorer": "verifier", "top": 6, "overlap": 2, "gold_share": 0.25, **overrides}
    answer = admin.post("/api/queues", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_two_reviewers_review_a_queue_then_an_adjudicator_settles_it(
    world: tuple[FastAPI, Seeded],
) -> None:
    app, _seeded = world
    admin, rita, rob, judy = people(app, "admin", "reviewer", "reviewer", "adjudicator")
    queue = build(admin)
    assert queue["items"] == 8  # 6 scored + gold making up a quarter of the queue
    qid = queue["id"]
    assert [q["mine_left"] for q in rita.get("/api/queues").json() if q["id"] == qid] == [8]

    seen: dict[str, list[str]] = {"rita": [], "rob": []}
    for name, client in (("rita", rita), ("rob", rob)):  # rita first, then rob
        while True:
            answer = client.post(f"/api/queues/{qid}/next")
            if answer.status_code == 204:
                break
            item = answer.json()
            again = client.post(f"/api/queues/{qid}/next").json()
            assert again["item_id"] == item["item_id"]  # holding a lease: the same item
            assert item["position"] == {"done": len(seen[name]), "total": 8}
            assert [s["status"] for s in item["candidate"]["steps"]]  # verifier status beside each step
            # rob rejects the second item he sees: one disagreement for the adjudicator
            decision = "reject" if name == "rob" and len(seen[name]) == 1 else "accept"
            answer = client.post(
                f"/api/items/{item['item_id']}/decision", json={"decision": decision, "seconds": 30}
            )
            assert answer.status_code == 200, answer.text
            seen[name].append(item["item_id"])
    assert sorted(seen["rita"]) == sorted(seen["rob"]) and len(set(seen["rita"])) == 8
    assert [q["done"] for q in admin.get("/api/queues").json() if q["id"] == qid] == [8]
    assert progress(app.state.review.engine, qid) == (8, 8)  # what a waiting pipeline stage reads
    assert [q["mine_left"] for q in rita.get("/api/queues").json() if q["id"] == qid] == [0]

    disputed = [d for d in judy.get("/api/adjudication").json() if d["queue_id"] == qid]
    assert [d["item_id"] for d in disputed] == [seen["rob"][1]]
    assert disputed[0]["agreement"] == 0.0
    assert sorted(d["decision"] for d in disputed[0]["decisions"]) == ["accept", "reject"]
    assert (
        judy.post(f"/api/adjudication/{seen['rob'][1]}", json={"decision": "reject", "note": "x"}).status_code
        == 200
    )
    assert [d for d in judy.get("/api/adjudication").json() if d["queue_id"] == qid] == []

    stats = admin.get("/api/stats").json()
    assert [q["done"] for q in stats["queues"] if q["id"] == qid] == [8]
    a, b = sorted((rita.name, rob.name))  # type: ignore[attr-defined]
    (pair,) = [p for p in stats["kappa_pairs"] if (p["a"], p["b"]) == (a, b)]
    assert pair["n"] == 8 and pair["kappa"] == 0.0  # rita used one label only: p_e = p_o
    mine = {r["name"]: r for r in stats["reviewers"]}[rita.name]  # type: ignore[attr-defined]
    assert mine["decided"] == 8 and mine["rushed"] == 0
    assert mine["gold_items"] == 2 and mine["gold_accuracy"] == 0.5  # she accepted the refuted one

    lines = [line for line in admin.get("/api/export").text.splitlines() if qid in line]
    assert len(lines) == 17  # 16 reviews + 1 adjudication, nothing overwritten
    outcome = {o.item_id: o.status for o in kept(app.state.review.engine, qid)}
    assert len(outcome) == 7 and seen["rob"][1] not in outcome


def test_an_edit_is_reverified_and_a_changed_mind_adds_a_record(world: tuple[FastAPI, Seeded]) -> None:
    app, _seeded = world
    admin, rita = people(app, "admin", "reviewer")
    qid = build(admin, overlap=1, gold_share=0.0)["id"]
    item = rita.post(f"/api/queues/{qid}/next").json()
    prompt = item["problem"]["prompt"]  # "Solve for x: {a}x + 3 = {a*x+3}"
    lhs, rhs = prompt.removeprefix("Solve for x: ").split(" = ")
    a = int(lhs.split("x")[0])
    x = (int(rhs) - 3) // a
    right = f"{lhs} = {rhs}\n{a}x = {a * x}\nx = {x}\nAnswer: {x}"
    wrong = f"{lhs} = {rhs}\n{a}x = {a * x + 1}\nx = {x}\nAnswer: {x}"
    url = f"/api/items/{item['item_id']}/decision"
    first = rita.post(url, json={"decision": "edit", "text": wrong, "step_ratings": [1, -1, 0]}).json()
    assert first["verdict"]["status"] == "refuted"
    assert kept(app.state.review.engine, qid) == []  # an edit that does not verify is not kept
    second = rita.post(url, json={"decision": "edit", "text": right, "first_wrong_step": 2}).json()
    assert second["verdict"]["status"] == "verified"
    assert first["decision_id"] != second["decision_id"]
    rows = [r for r in admin.get("/api/export").text.splitlines() if item["item_id"] in r]
    assert len(rows) == 2  # both decisions kept
    (only,) = kept(app.state.review.engine, qid)
    assert only.item_id == item["item_id"] and only.text == right and len(only.reviews) == 2


def test_a_lease_expires_and_the_item_returns_to_the_queue(
    world: tuple[FastAPI, Seeded], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _seeded = world
    admin, rita, rob = people(app, "admin", "reviewer", "reviewer")
    qid = build(admin, overlap=1, gold_share=0.0, top=1)["id"]
    held = rita.post(f"/api/queues/{qid}/next").json()
    assert rob.post(f"/api/queues/{qid}/next").status_code == 204  # the only item is held
    later = db_module.now() + 11 * 60  # (queues and decisions import db's clock by name)
    monkeypatch.setattr(queues_module, "now", lambda: later)
    monkeypatch.setattr(decisions_module, "now", lambda: later)
    taken = rob.post(f"/api/queues/{qid}/next").json()
    assert taken["item_id"] == held["item_id"]  # abandoned: back in the queue
    late = rita.post(f"/api/items/{held['item_id']}/decision", json={"decision": "accept"})
    assert late.status_code == 409 and "lease" in late.json()["error"]
    assert rob.post(f"/api/items/{held['item_id']}/decision", json={"decision": "accept"}).status_code == 200


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"decision": "maybe"}, "decision must be"),
        ({"decision": "edit"}, "needs the edited text"),
        ({"decision": "accept", "text": "x"}, "only an edit"),
        ({"decision": "accept", "step_ratings": [1, 2]}, "step_ratings"),
        ({"decision": "accept", "step_ratings": [True]}, "step_ratings"),
        ({"decision": "accept", "first_wrong_step": 0}, "first_wrong_step"),
        ({"decision": "accept", "first_wrong_step": 5}, "past the trace's 4 steps"),
        ({"decision": "accept", "step_ratings": [1, 1, 1, 1, -1]}, "5 step ratings for a trace of 4"),
        ({"decision": "accept", "seconds": -1}, "seconds"),
        ({"decision": "accept", "reviewer": "rob"}, "unknown field"),
        ([1, 2], "JSON object"),
    ],
)
def test_malformed_decisions_are_refused_with_a_reason(
    held: tuple[TestClient, TestClient, str], body: Any, says: str
) -> None:
    _admin, rita, item_id = held
    answer = rita.post(f"/api/items/{item_id}/decision", json=body)
    assert answer.status_code == 422 and says in answer.json()["error"]


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"scorer": "nobody"}, "has a score from scorer 'nobody'"),
        ({"min_score": 5.0}, "of at least 5.0"),
        ({"overlap": 0}, "overlap"),
        ({"gold_share": 1.0}, "gold_share"),
        ({"top": "ten"}, "wrong type"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_bad_queue_requests_are_refused(
    held: tuple[TestClient, TestClient, str], overrides: dict[str, Any], says: str
) -> None:
    answer = held[0].post("/api/queues", json={"name": "q", "scorer": "verifier", **overrides})
    assert answer.status_code == 422 and says in answer.json()["error"]


def test_gold_items_look_like_any_other(world: tuple[FastAPI, Seeded]) -> None:
    app, seeded = world
    admin, rita = people(app, "admin", "reviewer")
    qid = build(admin, overlap=1, gold_share=0.5)["id"]  # 6 scored + 6 gold
    shapes, candidates = set(), set()
    while (answer := rita.post(f"/api/queues/{qid}/next")).status_code == 200:
        item = answer.json()
        assert "gold" not in answer.text and 'refuted"' not in str(item.get("position"))
        shapes.add(tuple(sorted(item)))
        candidates.add(item["candidate"]["id"])
        rita.post(f"/api/items/{item['item_id']}/decision", json={"decision": "accept"})
    assert len(shapes) == 1
    assert set(seeded.verified) <= candidates and set(seeded.refuted) <= candidates
