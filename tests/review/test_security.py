"""What the review app refuses: no session, the wrong role, another reviewer's items, a missing CSRF
token, too many wrong passwords; and what its cookies, headers and password hashes look like."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import require_module

require_module("fastapi")
httpx = require_module("httpx")

from fastapi import FastAPI  # noqa: E402
from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from starlette.routing import Mount  # noqa: E402

from assay.cli.review_cmd import server_config  # noqa: E402
from assay.review import accounts, auth  # noqa: E402
from assay.review.accounts import add_user, check_password, hash_password  # noqa: E402
from assay.review.app import PUBLIC_PATHS, create_app  # noqa: E402
from assay.review.load import TLS, serving  # noqa: E402
from assay.store import schema  # noqa: E402
from tests.review.api_fixtures import PASSWORD, TEST_COST, seed  # noqa: E402
from tests.review.test_api import login  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'assay.db'}"
    seed(url)
    made = create_app(url, secure_cookies=False)
    yield made
    made.state.review.close()


@pytest.fixture(scope="module")
def queue_id(app: FastAPI) -> str:
    answer = login(app, "ada").post("/api/queues", json={"name": "q", "scorer": "verifier", "top": 6})
    return str(answer.json()["id"])


def _dependency_calls(dependant: Any) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependency_calls(sub)


def _flat(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, Any, list[Any]]]:
    """(full path, route, dependency calls added where its router was included) for every route,
    through included routers (FastAPI keeps those as wrappers with the original router inside)."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            context = route.include_context
            extra = [d.dependency for d in context.dependencies]
            for path, found, calls in _flat(inner.routes, prefix + context.prefix):
                yield path, found, calls + extra
        else:
            yield prefix + getattr(route, "path", ""), route, []


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path with parameters filled in) for every route but the public ones."""
    out = []
    for path, route, _calls in _flat(app.routes):
        if isinstance(route, APIRoute) and path not in PUBLIC_PATHS:
            filled = re.sub(r"\{[^}]+\}", "x", path)
            out.extend((method, filled) for method in sorted(route.methods))
    return out


def test_every_route_but_login_and_static_takes_a_role_dependency(app: FastAPI) -> None:
    checked = 0
    for path, route, calls in _flat(app.routes):
        if isinstance(route, Mount):
            assert path == "/static", f"unexpected mount {path}"
            continue
        assert isinstance(route, APIRoute), f"{route} is not an APIRoute: it would bypass the role checks"
        if path in PUBLIC_PATHS:
            continue
        roles = [getattr(call, "review_role", None) for call in [*_dependency_calls(route.dependant), *calls]]
        assert any(roles), f"{sorted(route.methods)} {path} has no role dependency"
        checked += 1
    assert checked >= 14  # the API's routes at least (pages add more)


def test_every_route_refuses_a_request_without_a_session(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    for method, path in _routes(app):
        answer = client.request(method, path)
        if path.startswith("/api/"):
            assert answer.status_code == 401, (method, path, answer.status_code)
            assert answer.json() == {"error": "log in first (POST /api/login)"}
        else:
            assert answer.status_code == 303 and answer.headers["location"] == "/login", (method, path)


def test_a_forged_or_stale_session_cookie_opens_nothing(app: FastAPI) -> None:
    client = TestClient(app)
    client.cookies.set(auth.SESSION_COOKIE, "made-up-token")
    assert client.get("/api/me").status_code == 401
    rita = login(app, "rita")
    token = rita.cookies[auth.SESSION_COOKIE]
    assert rita.post("/api/logout").status_code == 200
    replay = TestClient(app)
    replay.cookies.set(auth.SESSION_COOKIE, token)
    assert replay.get("/api/me").status_code == 401  # logged out means the token is dead


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/users"),
        ("POST", "/api/users"),
        ("GET", "/api/stats"),
        ("GET", "/api/export"),
        ("POST", "/api/queues"),
        ("GET", "/api/adjudication"),
        ("POST", "/api/adjudication/x"),
    ],
)
def test_a_reviewer_cannot_reach_admin_or_adjudicator_routes(app: FastAPI, method: str, path: str) -> None:
    answer = login(app, "rob").request(
        method, path, json={"name": "evil", "role": "admin", "password": "x" * 9}
    )
    assert answer.status_code == 403 and "role" in answer.json()["error"]


def test_an_adjudicator_cannot_reach_admin_routes(app: FastAPI) -> None:
    judy = login(app, "judy")
    assert judy.get("/api/users").status_code == 403
    assert judy.get("/api/adjudication").status_code == 200


def test_a_reviewer_cannot_read_or_decide_another_reviewers_item(app: FastAPI, queue_id: str) -> None:
    rita, rob = login(app, "rita"), login(app, "rob")
    item = rita.post(f"/api/queues/{queue_id}/next").json()["item_id"]
    assert rita.get(f"/api/items/{item}").status_code == 200
    assert rob.get(f"/api/items/{item}").status_code == 404
    assert rob.post(f"/api/items/{item}/decision", json={"decision": "reject"}).status_code == 409
    assert login(app, "judy").get(f"/api/items/{item}").status_code == 200  # adjudicators read any item


def test_state_changes_need_the_sessions_csrf_token(app: FastAPI, queue_id: str) -> None:
    rita, rob = login(app, "rita"), login(app, "rob")
    own = rita.headers.pop("X-CSRF-Token")
    assert rita.post(f"/api/queues/{queue_id}/next").status_code == 403  # none
    wrong = rob.headers["X-CSRF-Token"]  # another session's token is no good either
    assert rita.post(f"/api/queues/{queue_id}/next", headers={"X-CSRF-Token": wrong}).status_code == 403
    assert rita.post(f"/api/queues/{queue_id}/next", headers={"X-CSRF-Token": own}).status_code == 200
    # a plain HTML form carries it as the `csrf` field
    form = rita.post(
        "/api/logout", content=f"csrf={own}", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert form.status_code == 200


def test_a_get_takes_no_item_and_taking_one_is_a_csrf_checked_post(app: FastAPI) -> None:
    """A link preview or a prefetch (a GET) must never take an item from the queue."""
    qid = (
        login(app, "ada")
        .post("/api/queues", json={"name": "pages", "scorer": "verifier", "top": 2, "overlap": 1})
        .json()["id"]
    )
    add_user(app.state.review.engine, "pat", "reviewer", PASSWORD, n=TEST_COST)
    pat, rob = login(app, "pat"), login(app, "rob")

    def leases() -> list[tuple[str, str]]:
        table = schema.review_leases
        with app.state.review.engine.connect() as conn:
            rows = conn.execute(select(table.c.item_id, table.c.reviewer).where(table.c.queue_id == qid))
            return sorted((r.item_id, r.reviewer) for r in rows)

    page = pat.get(f"/review/{qid}", follow_redirects=False)
    assert page.status_code == 200 and f'action="/review/{qid}/next"' in page.text and leases() == []
    token = pat.headers.pop("X-CSRF-Token")
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert pat.post(f"/review/{qid}/next", follow_redirects=False).status_code == 403  # no token
    assert pat.post(f"/review/{qid}/next", content="csrf=forged", headers=form).status_code == 403
    assert leases() == []
    taken = pat.post(f"/review/{qid}/next", content=f"csrf={token}", headers=form, follow_redirects=False)
    assert taken.status_code == 303
    [(item, who)] = leases()
    assert who == "pat" and taken.headers["location"] == f"/review/{qid}/items/{item}"
    again = pat.get(f"/review/{qid}", follow_redirects=False)  # the held item, nothing new taken
    assert again.status_code == 303 and again.headers["location"] == taken.headers["location"]
    assert f'data-item="{item}"' in pat.get(taken.headers["location"]).text and len(leases()) == 1
    assert rob.get(taken.headers["location"]).status_code == 404  # not held by rob
    assert pat.get(f"/review/{queue_id_other(app)}/items/{item}").status_code == 404  # another queue
    assert leases() == [(item, "pat")]


def queue_id_other(app: FastAPI) -> str:
    answer = login(app, "ada").post("/api/queues", json={"name": "other", "scorer": "verifier", "top": 1})
    return str(answer.json()["id"])


def test_a_login_needs_the_pre_session_token_of_its_cookie(app: FastAPI) -> None:
    client = TestClient(app)
    body = {"name": "rita", "password": PASSWORD}
    assert client.post("/api/login", json=body).status_code == 403  # no token at all
    token = client.get("/api/login").json()["csrf"]
    assert client.cookies[auth.CSRF_COOKIE] == token
    assert client.post("/api/login", json=body, headers={"X-CSRF-Token": token + "x"}).status_code == 403
    stranger = TestClient(app)  # the token without its cookie (what a forged cross-site form has)
    assert stranger.post("/api/login", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    assert client.post("/api/login", json=body, headers={"X-CSRF-Token": token}).status_code == 200


def test_wrong_passwords_are_rate_limited(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = hash_password("unguessable", n=TEST_COST)  # (unknown names check against this: at test cost)
    monkeypatch.setattr(auth, "dummy_hash", lambda: cheap)
    add_user(app.state.review.engine, "victim", "reviewer", PASSWORD, n=TEST_COST)
    client = TestClient(app)
    token = client.get("/api/login").json()["csrf"]

    def attempt(name: str, password: str) -> int:
        return client.post(
            "/api/login", json={"name": name, "password": password}, headers={"X-CSRF-Token": token}
        ).status_code

    assert [attempt("victim", f"guess-{i}") for i in range(5)] == [401] * 5
    assert attempt("victim", PASSWORD) == 429  # even the right password, until the window passes
    assert attempt("nobody-at-all", "x") == 401  # unknown names answer like wrong passwords
    assert attempt("bad\x00name", "x") == 401


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"])
def test_a_forged_forwarded_for_header_does_not_dodge_the_login_rate_limit(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch, trusted: str
) -> None:
    """The limit keys on the client address: `assay review serve` trusts X-Forwarded-For only from
    the proxies --forwarded-allow-ips names (uvicorn's own default trusts it from loopback)."""
    require_module("uvicorn")
    cheap = hash_password("unguessable", n=TEST_COST)
    monkeypatch.setattr(auth, "dummy_hash", lambda: cheap)
    name = f"proxied-{'trusting' if trusted else 'plain'}"
    add_user(app.state.review.engine, name, "reviewer", PASSWORD, n=TEST_COST)
    served = create_app(app.state.review.store.url, secure_cookies=False)  # (its own: closed at the end)
    with (
        serving(server_config(served, "127.0.0.1", 0, trusted)) as base,
        httpx.Client(base_url=base, verify=TLS) as client,
    ):
        token = client.get("/api/login").json()["csrf"]
        codes = [
            client.post(
                "/api/login",
                json={"name": name, "password": f"guess-{i}"},
                headers={"X-CSRF-Token": token, "X-Forwarded-For": f"203.0.113.{i}"},  # a new "address" each
            ).status_code
            for i in range(auth.LOGIN_FAILURES + 1)
        ]
    # untrusted: every guess counts against 127.0.0.1, and the sixth is refused; trusted (the flag
    # names this proxy), each header is a client of its own
    assert codes == [401] * auth.LOGIN_FAILURES + ([401] if trusted else [429])


def test_many_names_from_one_address_are_rate_limited(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = hash_password("unguessable", n=TEST_COST)
    monkeypatch.setattr(auth, "dummy_hash", lambda: cheap)
    engine = app.state.review.engine
    codes = []
    for i in range(auth.ADDRESS_FAILURES + 1):
        try:
            auth.authenticate(engine, f"spray{i}", "x" * 9, "10.0.0.9")
        except auth.Refused as refused:
            codes.append(refused.status)
    assert codes == [401] * auth.ADDRESS_FAILURES + [429]
    with pytest.raises(auth.Refused) as other:  # another address is not affected
        auth.authenticate(engine, "spray0", "x" * 9, "10.0.0.10")
    assert other.value.status == 401


def test_sessions_expire_after_twelve_idle_hours(app: FastAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    rita = login(app, "rita")
    assert rita.get("/api/me").status_code == 200
    later = auth.now() + auth.SESSION_IDLE_SECONDS + 1
    monkeypatch.setattr(auth, "now", lambda: later)
    assert rita.get("/api/me").status_code == 401


@pytest.mark.parametrize("secure", [False, True])
def test_cookies_are_http_only_same_site_strict_and_secure_when_asked(
    tmp_path_factory: pytest.TempPathFactory, secure: bool
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('cookies') / 'assay.db'}"
    made = create_app(url, secure_cookies=secure)
    add_user(made.state.review.engine, "ann", "reviewer", PASSWORD, n=TEST_COST)
    client = TestClient(made, base_url="https://testserver")
    first = client.get("/api/login")
    answer = client.post(
        "/api/login",
        json={"name": "ann", "password": PASSWORD},
        headers={"X-CSRF-Token": first.json()["csrf"]},
    )
    made.state.review.close()
    headers = first.headers.get_list("set-cookie") + answer.headers.get_list("set-cookie")
    assert [h.split("=")[0] for h in headers] == [auth.CSRF_COOKIE, auth.SESSION_COOKIE, auth.CSRF_COOKIE]
    for header in headers:  # (the last one deletes the pre-session cookie: with the same flags)
        flags = {part.strip().lower() for part in header.split(";")}
        assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
        assert ("secure" in flags) is secure


def test_responses_carry_a_strict_content_security_policy(app: FastAPI) -> None:
    answer = login(app, "rita").get("/api/me")
    policy = answer.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["cache-control"] == "no-store"


def test_the_openapi_document_needs_a_session_and_lists_the_api(app: FastAPI) -> None:
    assert TestClient(app).get("/api/openapi.json").status_code == 401
    document = login(app, "rita").get("/api/openapi.json").json()
    assert "/api/items/{item_id}/decision" in document["paths"]


def test_the_user_list_never_shows_password_hashes(app: FastAPI) -> None:
    users = login(app, "ada").get("/api/users").json()
    assert users and all(set(u) == {"name", "role", "created_at"} for u in users)


@pytest.mark.parametrize(
    ("stored", "ok"),
    [
        ("scrypt$16$8$1$00$00", False),  # wrong hash
        ("bcrypt$whatever", False),  # not ours
        ("scrypt$1099511627776$8$1$00$" + "00" * 32, False),  # a cost built to exhaust memory
        ("scrypt$17$8$1$00$" + "00" * 32, False),  # not a power of two
        ("scrypt$x$8$1$00$00", False),
    ],
)
def test_malformed_or_hostile_hashes_never_match(stored: str, ok: bool) -> None:
    assert check_password(PASSWORD, stored) is ok


def test_password_hashes_are_salted_scrypt() -> None:
    first, second = hash_password(PASSWORD, n=TEST_COST), hash_password(PASSWORD, n=TEST_COST)
    assert first.startswith(f"scrypt${TEST_COST}$8$1$") and first != second  # a fresh salt each time
    assert check_password(PASSWORD, first) and check_password(PASSWORD, second)
    assert not check_password(PASSWORD + " ", first)
    # the default cost is OWASP's minimum for scrypt (N=2^17, r=8, p=1); not computed here (seconds)
    assert accounts.SCRYPT_N == 2**17 and inspect.signature(hash_password).parameters["n"].default is None
