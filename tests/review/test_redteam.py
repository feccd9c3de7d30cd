"""Red-team tests of the review app: attacks a hostile client or a hostile model output would try.

Every attack here is expected to be refused; an attack that works is kept as a strict xfail naming the
hole, so the fix flips it to a pass (and strict makes the xfail fail, prompting its removal).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from tests.conftest import require_module

require_module("fastapi")
require_module("httpx")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from starlette.types import Message  # noqa: E402

from assay.records import Candidate, Problem, Score, Status, Step, StepKind, StepResult, StepStatus, Verdict  # noqa: E402
from assay.review import auth, db, decisions, queues  # noqa: E402
from assay.review.accounts import add_user, hash_password  # noqa: E402
from assay.review.app import create_app  # noqa: E402
from assay.store import Store  # noqa: E402
from tests.review.api_fixtures import PASSWORD, TEST_COST, seed  # noqa: E402
from tests.review.test_api import login  # noqa: E402

# --- hostile model text ----------------------------------------------------------------------------

BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Trojan source"
PAYLOADS = [
    "<script>alert('s1')</script>",
    '<img src=x onerror="alert(2)">',
    "[click me](javascript:alert(3))",
    "![pixel](http://evil.example/track.png)",
    "<https://evil.example/autolink>",
    "[ref]\n\n[ref]: javascript:alert(4)",
    "$\\href{javascript:alert(5)}{x}$",
    "$$\\url{javascript:alert(6)}$$",
    "\\(\\includegraphics{http://evil.example/i.png}\\)",
    "&lt;script&gt;alert(7)&lt;/script&gt; &#60;img src=x onerror=alert(8)&#62; &#x6A;avascript:",
    '" onmouseover="alert(9)" x="',
    "<svg/onload=alert(10)>",
    '```js" onclick="alert(11)\ncode\n```',
    "\\(</span><script>alert(12)</script>\\)",
    '$x" onclick="alert(13)$',
    "<a href='javascript:alert(14)'>a</a>",
    "<iframe src=//evil.example></iframe><style>body{display:none}</style>",
    "{{ 7*7 }} {% raw %} ${7*7}",
    f"x = 12 {BIDI}21 = x",
]
HOSTILE = "\n\n".join(PAYLOADS)
QUEUE_NAME = "<script>alert('queue')</script><img src=x onerror=alert(1)>"

# tags the templates and safe markdown can produce; anything else came from the text
ALLOWED_TAGS = frozenset(
    {
        "html",
        "head",
        "meta",
        "title",
        "link",
        "script",
        "body",
        "header",
        "a",
        "nav",
        "form",
        "input",
        "span",
        "button",
        "main",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "progress",
        "article",
        "p",
        "ol",
        "ul",
        "li",
        "aside",
        "details",
        "summary",
        "pre",
        "code",
        "textarea",
        "label",
        "noscript",
        "kbd",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "em",
        "strong",
        "blockquote",
        "hr",
        "br",
        "small",
        "select",
        "option",
    }
)
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background"})


class _Audit(HTMLParser):
    """Everything in a page that could run script, load something, or hide text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.bidi_outside_raw: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"handler {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and not (value.startswith("/") and not value.startswith("//")):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            if BIDI in value:
                self.bidi_outside_raw.append(f"{tag}[{name}]")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.problems.append("inline <script>")
        if tag not in ("meta", "link", "input", "br", "hr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        if "script" in self.stack and data.strip():
            self.problems.append(f"script content {data[:40]!r}")
        raw = "pre" in self.stack or "textarea" in self.stack  # "exactly as stored" views
        if BIDI in data and not raw:
            self.bidi_outside_raw.append(f"text in <{self.stack[-1] if self.stack else '?'}>")


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit


def _hostile_candidate(url: str) -> str:
    """A candidate whose prompt, text, steps, answer and evidence all carry the payloads; scored above
    every seeded one, so a queue of top=1 holds it."""
    store = Store(url)
    problem = Problem("math", "linear", HOSTILE, {"answer": "1"}, "redteam")
    steps = tuple(Step(i + 1, p, StepKind.CLAIM, p) for i, p in enumerate(PAYLOADS))
    candidate = Candidate(
        problem.id, HOSTILE, f"{BIDI}21 <script>alert('ans')</script>", steps, generator="evil"
    )
    results = tuple(StepResult(s.index, StepStatus.UNKNOWN, f"quoted: {s.text}") for s in steps)
    store.add_problems([problem])
    store.add_candidates([candidate])
    store.add_verdicts(
        [Verdict(candidate.id, "math-steps@test", Status.UNKNOWN, f"quoted: {HOSTILE}", results)]
    )
    store.add_scores([Score(candidate.id, "verifier@1", 5.0, tuple(0.5 for _ in steps))])
    store.close()
    return candidate.id


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url = f"sqlite:///{tmp_path_factory.mktemp('redteam') / 'assay.db'}"
    seed(url)
    _hostile_candidate(url)
    for name in ("mallory", "eve", "walt", "vic"):
        add_user(Store(url).engine, name, "reviewer", PASSWORD, n=TEST_COST)
    made = create_app(url, secure_cookies=False)
    yield made
    made.state.review.close()


@pytest.fixture(scope="module")
def hostile(app: FastAPI) -> tuple[str, str]:
    """A queue of the hostile item alone, named hostilely, decided both ways (so it is disputed); and
    the review page its first reviewer saw. (queue id, page)"""
    ada = login(app, "ada")
    answer = ada.post("/api/queues", json={"name": QUEUE_NAME, "scorer": "verifier", "top": 1, "overlap": 2})
    assert answer.status_code == 200, answer.text
    qid = str(answer.json()["id"])
    seen = ""
    for name, decision in (("mallory", "accept"), ("eve", "reject")):
        client = login(app, name)
        seen = seen or client.post(f"/review/{qid}/next").text  # (a POST takes it, then its page)
        item = client.post(f"/api/queues/{qid}/next").json()["item_id"]  # the same item, held
        note = f'{PAYLOADS[1]} {PAYLOADS[0]}\u2028{{"forged": true}}\n{{"forged": 2}}'
        decided = client.post(f"/api/items/{item}/decision", json={"decision": decision, "note": note})
        assert decided.status_code == 200, decided.text
    return qid, seen


@pytest.fixture(scope="module")
def hostile_queue(hostile: tuple[str, str]) -> str:
    return hostile[0]


@pytest.fixture(scope="module")
def plain_queue(app: FastAPI) -> str:
    answer = login(app, "ada").post("/api/queues", json={"name": "plain", "scorer": "verifier", "top": 6})
    return str(answer.json()["id"])


# --- authentication bypass --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/openapi.json",
        "/docs",
        "/redoc",
        "/docs/oauth2-redirect",
        "/api/openapi.json",
        "/api/docs",
        "/api/openapi.json/",
        "/API/openapi.json",
        "/api//me",
        "/api/me/",
        "/api/%6De",
        "/admin/",
        "//admin",
        "/adjudicate?x=/login",
        "/login/../admin",
        "/static/../admin",
    ],
)
def test_nothing_but_login_and_static_answers_without_a_session(app: FastAPI, path: str) -> None:
    answer = TestClient(app, follow_redirects=False).get(path)
    assert answer.status_code in (303, 307, 401, 404, 405), (path, answer.status_code)
    if answer.status_code == 303:
        assert answer.headers["location"] == "/login", path
    assert '"paths"' not in answer.text and "ada" not in answer.text


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e/app.py",
        "/static/%2e%2e%2fapp.py",
        "/static/%252e%252e%252fapp.py",
        "/static/..%5capp.py",
        "/static/katex/../../app.py",
        "/static/katex/..%2f..%2fapp.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/....//app.py",
        "/static/..;/app.py",
        "/static/app.js%00.py",
        "/static/",
        "/static/katex/",
    ],
)
def test_static_files_never_leave_the_static_folder(app: FastAPI, path: str) -> None:
    answer = TestClient(app, follow_redirects=False).get(path)
    assert answer.status_code in (400, 401, 404, 405), (path, answer.status_code)
    assert "create_app" not in answer.text and "root:" not in answer.text


def _raw_get(app: FastAPI, path: str) -> tuple[int, bytes]:
    """GET with scope["path"] exactly as given: an HTTP client removes `..` before sending, a raw
    request line (or a proxy that decodes %2e%2e) does not."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("192.0.2.1", 1234),
        "server": ("testserver", 80),
    }
    sent: list[Message] = []
    asked: list[bool] = []

    async def exchange() -> None:
        answered = asyncio.Event()  # (made in the loop that runs the app)

        async def receive() -> Message:
            if not asked:  # the (empty) body once; then a disconnect once the response is complete
                asked.append(True)
                return {"type": "http.request", "body": b"", "more_body": False}
            await answered.wait()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                answered.set()

        # a bound far above need, so a hang fails this test instead of stalling the suite
        await asyncio.wait_for(app(scope, receive, send), timeout=120)

    asyncio.run(exchange())
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/../../review/app.py",
        "/static/katex/../../app.py",
        "/static/../templates/base.html",
        "/static/..\\app.py",
        "/static/%2e%2e/app.py",
        "/static/" + "../" * 12 + "etc/passwd",
        "/static//etc/passwd",
        "/static/app.js/../../app.py",
        "/static/\x00../app.py",
        "/../src/assay/review/app.py",
        "/api/../admin",
        "/static/../api/users",
    ],
)
def test_raw_dot_dot_paths_reach_nothing(app: FastAPI, path: str) -> None:
    assert _raw_get(app, "/static/app.js")[0] == 200  # (the raw request itself works)
    status, body = _raw_get(app, path)
    assert status in (303, 400, 401, 404, 405), (path, status)
    assert b"create_app" not in body and b"root:" not in body and b"{% block" not in body


def test_static_assets_are_served_with_the_security_headers(app: FastAPI) -> None:
    answer = TestClient(app).get("/static/app.js")
    assert answer.status_code == 200 and "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"


# --- CSRF ---------------------------------------------------------------------------------------------


def test_csrf_missing_wrong_or_foreign_tokens_are_refused(app: FastAPI, plain_queue: str) -> None:
    walt, vic = login(app, "walt"), login(app, "vic")
    own = walt.headers.pop("X-CSRF-Token")
    target = f"/api/queues/{plain_queue}/next"
    form = {"content-type": "application/x-www-form-urlencoded"}
    attempts = [
        walt.post(target),
        walt.post(target, headers={"X-CSRF-Token": ""}),
        walt.post(target, headers={"X-CSRF-Token": own[:-1]}),
        walt.post(target, headers={"X-CSRF-Token": own + "A"}),
        walt.post(target, headers={"X-CSRF-Token": own.upper() if own != own.upper() else own.lower()}),
        walt.post(target, headers={"X-CSRF-Token": vic.headers["X-CSRF-Token"]}),  # another session's
        walt.post(target, content=f"csrf={vic.headers['X-CSRF-Token']}", headers=form),
        walt.post(target, content="csrf=", headers=form),
        walt.post(target, json={"csrf": own}),  # in a JSON body is not where it goes
        walt.post(f"{target}?csrf={own}"),  # nor in the query string (it would leak into logs)
        walt.post(target, headers={"X-CSRF-Token": walt.cookies[auth.SESSION_COOKIE]}),  # the cookie itself
        walt.post("/logout", content="csrf=nope", headers=form),
        walt.post("/api/logout"),
    ]
    assert [a.status_code for a in attempts] == [403] * len(attempts)
    assert walt.get("/api/me").status_code == 200  # the failed logouts did nothing
    # a pre-session (login) token is no session token
    pre = TestClient(app).get("/api/login").json()["csrf"]
    assert walt.post(target, headers={"X-CSRF-Token": pre}).status_code == 403
    assert walt.post(target, headers={"X-CSRF-Token": own}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/logout"),
        ("GET", "/logout"),
        ("GET", "/api/queues/{q}/next"),
        ("GET", "/api/items/x/decision"),
        ("GET", "/api/adjudication/x"),
        ("PUT", "/api/items/x/decision"),
        ("DELETE", "/api/users"),
        ("PATCH", "/api/users"),
    ],
)
def test_state_changing_routes_take_no_other_method(
    app: FastAPI, plain_queue: str, method: str, path: str
) -> None:
    ada = login(app, "ada")
    ada.headers.pop("X-CSRF-Token")
    answer = ada.request(method, path.replace("{q}", plain_queue), json={"name": "x1", "role": "admin"})
    assert answer.status_code in (404, 405), (method, path, answer.status_code)
    assert ada.get("/api/me").status_code == 200  # still logged in


def test_method_override_headers_and_fields_are_ignored(app: FastAPI) -> None:
    ada = login(app, "ada")
    ada.headers.pop("X-CSRF-Token")
    for header in ("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"):
        answer = ada.get("/api/users?_method=POST", headers={header: "POST"})
        assert answer.status_code == 200 and isinstance(answer.json(), list)  # a plain read, nothing added
    added = ada.get(
        "/api/users", params={"_method": "POST", "name": "ghost", "role": "admin", "password": "x" * 12}
    )
    assert all(u["name"] != "ghost" for u in added.json())
    form = ada.get("/logout", headers={"X-HTTP-Method-Override": "POST"})
    assert form.status_code in (404, 405) and ada.get("/api/me").status_code == 200


def test_login_csrf_cannot_be_satisfied_by_an_attacker_without_the_cookie(app: FastAPI) -> None:
    body = {"name": "walt", "password": PASSWORD}
    victim = TestClient(app)
    victim.get("/api/login")
    # the attacker's own (valid) token, pushed into the victim's browser as header or form field
    attacker_token = TestClient(app).get("/api/login").json()["csrf"]
    assert victim.post("/api/login", json=body, headers={"X-CSRF-Token": attacker_token}).status_code == 403
    form = f"name=walt&password={PASSWORD}&csrf={attacker_token}"
    answer = victim.post(
        "/login",
        content=form,
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert answer.status_code == 403 and auth.SESSION_COOKIE not in answer.cookies
    # an empty cookie and an empty token are not a match
    empty = TestClient(app)
    empty.cookies.set(auth.CSRF_COOKIE, "")
    assert empty.post("/api/login", json=body, headers={"X-CSRF-Token": ""}).status_code == 403


# --- session fixation and cookies ---------------------------------------------------------------------


def test_a_planted_session_cookie_is_never_the_one_logged_in(app: FastAPI) -> None:
    planted = "attacker-chosen-session-token-0123456789abcdef"
    for via_form in (False, True):
        client = TestClient(app, follow_redirects=False)
        client.cookies.set(auth.SESSION_COOKIE, planted)
        token = client.get("/api/login").json()["csrf"]
        if via_form:
            answer = client.post(
                "/login",
                content=f"name=walt&password={PASSWORD.replace(' ', '+')}&csrf={token}",
                headers={"content-type": "application/x-www-form-urlencoded"},
            )
            assert answer.status_code == 303
        else:
            answer = client.post(
                "/api/login", json={"name": "walt", "password": PASSWORD}, headers={"X-CSRF-Token": token}
            )
            assert answer.status_code == 200
        fresh = answer.cookies.get(auth.SESSION_COOKIE)
        assert fresh and fresh != planted
        attacker = TestClient(app)
        attacker.cookies.set(auth.SESSION_COOKIE, planted)
        assert attacker.get("/api/me").status_code == 401


def test_the_session_csrf_token_is_new_at_login(app: FastAPI) -> None:
    client = TestClient(app)
    pre = client.get("/api/login").json()["csrf"]
    answer = client.post(
        "/api/login", json={"name": "walt", "password": PASSWORD}, headers={"X-CSRF-Token": pre}
    )
    assert answer.json()["csrf"] != pre


def test_form_login_cookies_are_http_only_strict_and_secure(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('redteam-cookies') / 'assay.db'}"
    made = create_app(url, secure_cookies=True)
    add_user(made.state.review.engine, "ann", "reviewer", PASSWORD, n=TEST_COST)
    client = TestClient(made, base_url="https://testserver", follow_redirects=False)
    page = client.get("/login")
    token = client.cookies[auth.CSRF_COOKIE]
    answer = client.post(
        "/login",
        content=f"name=ann&password={PASSWORD.replace(' ', '+')}&csrf={token}",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    out = client.post(
        "/logout",
        content=f"csrf={client.get('/api/me').json()['csrf']}",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    made.state.review.close()
    assert answer.status_code == 303 and out.status_code == 303
    headers = [
        *page.headers.get_list("set-cookie"),
        *answer.headers.get_list("set-cookie"),
        *out.headers.get_list("set-cookie"),
    ]
    assert any(h.startswith(auth.SESSION_COOKIE + "=") for h in headers)
    for header in headers:
        flags = {part.strip().lower() for part in header.split(";")}
        assert {"httponly", "samesite=strict", "secure", "path=/"} <= flags, header
        assert not any(f.startswith("domain=") for f in flags), header


# --- login rate limit -----------------------------------------------------------------------------------


@pytest.fixture()
def fresh_app(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    """An app of its own: the address lock-out must not reach the module's other tests."""
    cheap = hash_password("unguessable", n=TEST_COST)
    monkeypatch.setattr(auth, "dummy_hash", lambda: cheap)
    url = f"sqlite:///{tmp_path_factory.mktemp('redteam-limit') / 'assay.db'}"
    made = create_app(url, secure_cookies=False)
    for name in ("victim", "other"):
        add_user(made.state.review.engine, name, "reviewer", PASSWORD, n=TEST_COST)
    yield made
    made.state.review.close()


def _attempts(app: FastAPI) -> tuple[TestClient, str]:
    client = TestClient(app, follow_redirects=False)
    return client, client.get("/api/login").json()["csrf"]


def test_name_variants_neither_dodge_the_limit_nor_log_in(fresh_app: FastAPI) -> None:
    client, token = _attempts(fresh_app)

    def api(name: str, password: str, **headers: str) -> int:
        return client.post(
            "/api/login",
            json={"name": name, "password": password},
            headers={"X-CSRF-Token": token, **headers},
        ).status_code

    assert [api("victim", f"guess{i}") for i in range(auth.LOGIN_FAILURES)] == [401] * auth.LOGIN_FAILURES
    assert api("victim", PASSWORD) == 429
    # the same name spelt otherwise is no other account: none of these logs in as victim
    variants = [
        "Victim",
        "VICTIM",
        "victim ",
        " victim",
        "victim\t",
        "ｖｉｃｔｉｍ",
        "vіctim",
        "victim\u200b",
        "victim\x00",
    ]
    assert all(api(v, PASSWORD) in (401, 422, 429) for v in variants)
    # nor does the form login, nor a spoofed forwarding header
    form = client.post(
        "/login",
        content=f"name=victim&password={PASSWORD.replace(' ', '+')}&csrf={token}",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 429 and auth.SESSION_COOKIE not in form.cookies
    assert api("victim", PASSWORD, **{"X-Forwarded-For": "203.0.113.7", "X-Real-IP": "203.0.113.7"}) == 429
    assert api("other", PASSWORD) == 200  # another name from this address is not locked


def test_many_names_from_one_address_lock_the_address_over_http(fresh_app: FastAPI) -> None:
    client, token = _attempts(fresh_app)
    codes = [
        client.post(
            "/api/login",
            json={"name": f"spray{i}", "password": "x"},
            headers={"X-CSRF-Token": token},
        ).status_code
        for i in range(auth.ADDRESS_FAILURES)
    ]
    assert codes == [401] * auth.ADDRESS_FAILURES
    ok = client.post(
        "/api/login",
        json={"name": "other", "password": PASSWORD},
        headers={"X-CSRF-Token": token, "X-Forwarded-For": "198.51.100.1"},
    )
    assert ok.status_code == 429


# --- authorisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin", "/adjudicate", "/api/export", "/api/stats", "/api/users"])
def test_a_reviewer_gets_no_admin_or_adjudicator_page(app: FastAPI, path: str) -> None:
    answer = login(app, "walt").get(path, follow_redirects=False)
    assert answer.status_code == 403
    assert "ada" not in answer.text and "password" not in answer.text


def test_a_reviewer_cannot_read_items_by_guessing_ids(app: FastAPI, plain_queue: str) -> None:
    walt, vic = login(app, "walt"), login(app, "vic")
    held = walt.post(f"/api/queues/{plain_queue}/next").json()["item_id"]
    for path in (
        f"/api/items/{held}",
        f"/api/items/{held.upper()}",
        f"/api/items/{held}%20",
        f"/api/items/{held}/",
    ):
        assert vic.get(path).status_code in (404, 405), path
    assert vic.get(f"/api/items/{held}' OR '1'='1").status_code == 404
    # a decision on it (every kind) is refused, and adjudicating it needs the role
    for body in (
        {"decision": "accept"},
        {"decision": "edit", "text": "Answer: 1"},
        {"decision": "reject", "note": "x"},
    ):
        assert vic.post(f"/api/items/{held}/decision", json=body).status_code == 409
    assert vic.post(f"/api/adjudication/{held}", json={"decision": "reject"}).status_code == 403


def test_an_expired_or_taken_over_lease_decides_nothing(
    app: FastAPI, plain_queue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    walt, vic = login(app, "walt"), login(app, "vic")
    held = walt.post(f"/api/queues/{plain_queue}/next").json()["item_id"]
    later = db.now() + 24 * 3600  # past any lease, inside no session's idle limit (sessions use auth.now)
    monkeypatch.setattr(decisions, "now", lambda: later)
    assert walt.post(f"/api/items/{held}/decision", json={"decision": "accept"}).status_code == 409
    monkeypatch.setattr(queues, "now", lambda: later)
    monkeypatch.setattr(decisions, "now", lambda: later + 1)
    # the abandoned item returns to the queue; whoever takes it holds it, the first holder does not
    taken = [vic.post(f"/api/queues/{plain_queue}/next").json()["item_id"] for _ in range(6)]
    assert walt.post(f"/api/items/{held}/decision", json={"decision": "reject"}).status_code == 409
    assert taken


# --- XSS through model text ------------------------------------------------------------------------------


def _pages(app: FastAPI, review_page: str) -> dict[str, str]:
    ada, judy = login(app, "ada"), login(app, "judy")
    mallory = login(app, "mallory")
    pages = {
        "home (reviewer)": mallory.get("/").text,
        "adjudicate": judy.get("/adjudicate").text,
        "admin": ada.get("/admin").text,
        "home (admin)": ada.get("/").text,
    }
    pages["review"] = review_page
    failed = TestClient(app)
    token = failed.get("/api/login").json()["csrf"]
    pages["login error"] = failed.post(
        "/login",
        content="name=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E&password=x&csrf=" + token,
        headers={"content-type": "application/x-www-form-urlencoded"},
    ).text
    return pages


@pytest.fixture(scope="module")
def pages(app: FastAPI, hostile: tuple[str, str]) -> dict[str, str]:
    return _pages(app, hostile[1])


@pytest.mark.parametrize("page", ["review", "adjudicate", "admin", "home (admin)", "login error"])
def test_model_text_never_becomes_markup(pages: dict[str, str], page: str) -> None:
    html = pages[page]
    assert "alert(" in html, f"the hostile text is not on the {page} page: the test would prove nothing"
    assert _audit(html).problems == []
    assert "<script>alert" not in html


def test_the_review_page_shows_each_payload_as_text(pages: dict[str, str]) -> None:
    html = pages["review"]
    assert "{{ 7*7 }}" in html and "49" not in html.split("{{ 7*7 }}")[0][-5:]  # no template evaluation
    assert "&lt;script&gt;alert(&#39;s1&#39;)&lt;/script&gt;" in html or "&lt;script&gt;alert('s1')" in html
    assert "[click me](javascript:alert(3))" in html  # a link written, not made
    assert (
        'data-tex="\\href{javascript:alert(5)}{x}"' in html
    )  # KaTeX gets the TeX; app.js renders trust: false
    assert "&lt;/span&gt;&lt;script&gt;" in html  # a math span cannot be closed from inside


def test_scripts_render_katex_untrusted() -> None:
    from assay.review.app import STATIC

    script = (STATIC / "app.js").read_text(encoding="utf-8")
    assert "trust: false" in script and "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_bidi_overrides_in_rendered_markdown_are_revealed(pages: dict[str, str]) -> None:
    html = pages["review"]
    assert "⟨U+202E⟩21 = x" in html  # the steps and the prompt (through render.render_markdown)


def test_no_bidi_override_reaches_the_page_outside_the_raw_views(pages: dict[str, str]) -> None:
    assert _audit(pages["review"]).bidi_outside_raw == []


# --- JSON export ---------------------------------------------------------------------------------------


def test_export_lines_cannot_be_forged_by_text(app: FastAPI, hostile_queue: str) -> None:
    answer = login(app, "ada").get("/api/export")
    assert answer.headers["content-type"].startswith("application/x-ndjson")
    assert answer.headers["x-content-type-options"] == "nosniff"
    rows = [json.loads(line) for line in answer.text.split("\n") if line]
    assert not any("forged" in row for row in rows)
    notes = [row["note"] for row in rows if row["queue_id"] == hostile_queue]
    assert len(notes) == 2 and all('{"forged": 2}' in n for n in notes)


def test_export_lines_survive_every_line_splitter(app: FastAPI, hostile_queue: str) -> None:
    text = login(app, "ada").get("/api/export").text
    assert len(text.splitlines()) == len([line for line in text.split("\n") if line])


# --- the auditor itself, and a few more ---------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="//evil.example/">x</a>',
        '<span style="color:white">hidden</span>',
        "<svg onload=alert(1)>",
    ],
)
def test_the_page_audit_would_catch_markup(html: str) -> None:
    assert _audit(html).problems  # (so the page tests above can fail)


def test_no_cross_origin_reads_and_no_head_bypass(app: FastAPI) -> None:
    anonymous = TestClient(app)
    assert anonymous.head("/api/export").status_code in (401, 405)
    assert anonymous.options("/api/users", headers={"Origin": "https://evil.example"}).status_code in (
        401,
        405,
    )
    answer = login(app, "ada").get("/api/users", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers
    assert answer.headers["cache-control"] == "no-store"


def test_review_pages_are_never_cached(app: FastAPI) -> None:
    answer = login(app, "ada").get("/admin")
    assert answer.headers["cache-control"] == "no-store" and answer.headers["x-frame-options"] == "DENY"


def test_a_deeply_nested_body_is_a_422_not_a_crash(app: FastAPI) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    token = client.get("/api/login").json()["csrf"]
    answer = client.post(
        "/api/login",
        content="[" * 100_000,
        headers={"X-CSRF-Token": token, "content-type": "application/json"},
    )
    assert answer.status_code == 422 and "error" in answer.json()


def test_gold_items_cannot_be_told_apart(app: FastAPI) -> None:
    ada = login(app, "ada")
    built = ada.post(
        "/api/queues", json={"name": "gold", "scorer": "verifier", "top": 6, "gold_share": 0.3, "overlap": 1}
    )
    qid = built.json()["id"]
    add_user(app.state.review.engine, "gilda", "reviewer", PASSWORD, n=TEST_COST)
    gilda = login(app, "gilda")
    unscored: dict[str, bool] = {}
    for _ in range(built.json()["items"]):
        answer = gilda.post(f"/api/queues/{qid}/next")
        assert answer.status_code == 200, answer.text
        item = answer.json()
        unscored[item["item_id"]] = not item["scores"]
        decided = gilda.post(f"/api/items/{item['item_id']}/decision", json={"decision": "accept"})
        assert decided.status_code == 200, decided.text
    rows = [json.loads(line) for line in ada.get("/api/export").text.split("\n") if line]
    gold = {r["item_id"]: bool(r["gold"]) for r in rows if r["queue_id"] == qid}
    assert gold.keys() == unscored.keys() and any(gold.values())  # every item seen; some are gold
    # an item without scores is gold for certain (gold is drawn from candidates the queue's scorer
    # did not rank): a reviewer who takes care only there games the gold accuracy
    without_scores = [item for item, bare in unscored.items() if bare]
    assert not (without_scores and all(gold[item] for item in without_scores))
