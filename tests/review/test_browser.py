"""The review app in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright
against the real app served by uvicorn on 127.0.0.1, over a small SQLite workspace made here.

One server and one browser for the module; each user gets their own browser context (cookie jar).
Under CI=true a missing Playwright or Chromium fails. `ASSAY_UPDATE_SCREENSHOT=1` rewrites
docs/review/screenshot.png (the README's picture) from the review page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assay.domains.math.tasks import LinearEquation
from assay.records import Candidate, Problem, Score
from assay.review.accounts import add_user
from assay.review.decisions import iter_decisions
from assay.review.queues import QueueSpec, build_queue
from assay.stages.sample import read_response
from assay.store import Store
from assay.verifiers import Verifiers
from assay.workers import WorkerPool
from tests.conftest import require, require_module

sync_api = require_module("playwright.sync_api")
uvicorn = require_module("uvicorn")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "correct horse battery"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "review" / "screenshot.png"

# what LLMs write: markdown-bold steps and LaTeX; one with a planted error in step 2
GOOD = (
    "**Step 1:** Start from the equation $2x - 5 = 3$.\n"
    "**Step 2:** Add 5 to both sides: $2x = 8$.\n"
    "**Step 3:** Divide both sides by 2: $x = \\frac{8}{2} = 4$.\n\n"
    "Therefore $x = \\boxed{4}$."
)
WRONG = (
    "**Step 1:** Start from the equation $2x - 5 = 3$.\n"
    "**Step 2:** Add 5 to both sides: $2x = 9$.\n"
    "**Step 3:** Divide both sides by 2: $x = \\frac{9}{2}$.\n\n"
    "Therefore $x = \\boxed{\\frac{9}{2}}$."
)
PLAIN = "1. $2x - 5 = 3$\n2. $2x = 8$\n3. $x = 8/2$\n4. So $x = 4$."
# every way a model output could try to run something in the reviewer's page
HOSTILE = (
    "Step 1: <script>window.pwned = 1; alert(1)</script> 2x - 5 = 3 </textarea><script>alert(7)</script>\n"
    'Step 2: <img src=x onerror="window.pwned = 2; alert(2)"> [click me](javascript:alert(3)) 2x = 8\n'
    "Step 3: $\\href{javascript:alert(4)}{x} = 4$ <svg onload=alert(5)> <iframe src=javascript:alert(6)>\n"
    # TeX that would hide words from the reviewer: shown anyway
    "Step 4: $\\phantom{x = 5}\\color{white}{y = 7}\\textcolor{white}{w = 1}$ "
    "$\\def\\phantom#1{}\\phantom{z = 9}$\n"
    "Answer: 4"
)


@dataclass(frozen=True)
class Site:
    base: str
    url: str  # the database
    queues: dict[str, str]  # name → id
    requests: list[str]  # every URL any page asked for
    dialogs: list[str]  # every alert/confirm a page opened


def _candidate(problem: Problem, text: str, index: int) -> Candidate:
    answer, steps = read_response(problem, text)
    return Candidate(problem.id, text, answer, steps, generator="test-llm", sample_index=index)


def _seed(url: str, verifiers: Verifiers) -> dict[str, str]:
    """Four scored candidates of one linear problem (a queue of overlap 2), one hostile output in a
    queue of its own, four users; verdicts come from the real math verifier."""
    store = Store(url)
    problem = LinearEquation().generate(1, 0)  # Solve for x: 2x - 5 = 3
    main = [_candidate(problem, text, i) for i, text in enumerate((GOOD, WRONG, PLAIN, GOOD + "\n"))]
    hostile = _candidate(problem, HOSTILE, 9)
    showcase = _candidate(problem, WRONG + "\n\n", 10)  # the README's screenshot
    every = [*main, hostile, showcase]
    store.add_problems([problem])
    store.add_candidates(every)
    store.add_verdicts(verifiers.verify_many([(problem, c) for c in every]))
    scores = [
        Score(c.id, "reward@1", 0.9 - i / 10, tuple(0.9 - i / 10 for _ in c.steps))
        for i, c in enumerate(main)
    ]
    store.add_scores(
        [
            *scores,
            Score(hostile.id, "hostile@1", 0.5),
            Score(showcase.id, "showcase@1", 0.8, (0.9, 0.2, 0.3, 0.3)),
        ]
    )
    for name, role in (("ada", "admin"), ("rita", "reviewer"), ("rob", "reviewer"), ("judy", "adjudicator")):
        add_user(store.engine, name, role, PASSWORD, n=2**4)
    queues = {
        "main": build_queue(store.engine, QueueSpec("main", "reward", top=4, overlap=2), "ada")[0],
        "hostile": build_queue(store.engine, QueueSpec("hostile", "hostile", top=1), "ada")[0],
        "showcase": build_queue(store.engine, QueueSpec("showcase", "showcase", top=1), "ada")[0],
    }
    store.close()
    return queues


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pool: WorkerPool) -> Iterator[Site]:
    from assay.review.app import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('review-browser') / 'assay.db'}"
    with Verifiers(pool=pool) as verifiers:  # the session's warm workers check the seed and every edit
        queues = _seed(url, verifiers)
        app = create_app(url, secure_cookies=False, verifiers=verifiers)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:  # waits for a state, not for a duration
            if not thread.is_alive():
                pytest.fail("the review app did not start")
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        try:
            yield Site(f"http://127.0.0.1:{port}", url, queues, [], [])
        finally:
            server.should_exit = True
            thread.join()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[Any]:
    require(Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def login(browser: Any, site: Site) -> Iterator[Callable[..., Any]]:
    """login(name, form=False) → a page logged in as that user (one context each, opened once): through
    the login form, or through POST /api/login (what a script does; quicker than rendering pages)."""
    contexts: dict[str, Any] = {}

    def open_as(name: str, form: bool = False) -> Any:
        if name not in contexts:
            context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
            context.set_default_timeout(15_000)  # a failure shows in seconds, not after Playwright's 30
            context.on("request", lambda request: site.requests.append(request.url))
            page = context.new_page()
            page.on("dialog", lambda dialog: (site.dialogs.append(dialog.message), dialog.dismiss()))
            if form:
                page.goto(site.base + "/")
                assert page.url == site.base + "/login"  # no session: sent to the login page
                page.fill("input[name=name]", name)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(site.base + "/")
            else:
                token = context.request.get(site.base + "/api/login").json()["csrf"]
                answer = context.request.post(
                    site.base + "/api/login",
                    headers={"X-CSRF-Token": token},
                    data={"name": name, "password": PASSWORD},
                )
                assert answer.ok, answer.text()
            contexts[name] = page
        return contexts[name]

    yield open_as
    for page in contexts.values():
        page.context.close()


def _ready(page: Any) -> None:
    page.wait_for_selector("body[data-ready='1']", state="attached")


def _review(page: Any, site: Site, queue: str) -> None:
    """Open a queue: its page (a GET, which takes nothing) shows the item held, or offers to take the
    next one, which is a POST (the page's form, sent with n)."""
    page.goto(f"{site.base}/review/{site.queues[queue]}")
    _ready(page)
    if page.locator("#take-next").count():
        page.keyboard.press("n")
        page.wait_for_url(f"{site.base}/review/{site.queues[queue]}/items/*")
    _ready(page)


def _decisions(site: Site) -> list[dict[str, Any]]:
    store = Store(site.url)
    try:
        return list(iter_decisions(store.engine))
    finally:
        store.close()


def test_login_refuses_a_wrong_password_and_shows_the_queues(browser: Any, site: Site, login: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site.base + "/login")
        page.fill("input[name=name]", "rita")
        page.fill("input[name=password]", "not the password")
        page.click("button[type=submit]")
        assert page.inner_text("#login-error") == "wrong name or password"
        assert page.url == site.base + "/login"
    finally:
        context.close()
    page = login("rita", form=True)
    assert "rita · reviewer" in page.inner_text("header")
    assert page.locator("a[href='/admin']").count() == 0  # a reviewer is not offered the admin page
    rows = page.locator("table.grid tbody tr")
    assert sorted(rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())) == [
        "hostile",
        "main",
        "showcase",
    ]


def test_review_with_the_keyboard(site: Site, login: Any) -> None:
    page = login("rita")
    page.goto(site.base + "/")
    main = page.locator("table.grid tbody tr", has_text="main")
    main.locator("form[method=post] button").click()  # taking an item is a POST, from the queue list
    page.wait_for_url(f"{site.base}/review/{site.queues['main']}/items/*")
    _ready(page)
    first = page.get_attribute("#review", "data-item")
    assert page.inner_text("#position") == "0 of 4 decided"
    assert page.locator("li.step").count() == 4
    assert page.locator("span.math.rendered .katex").count() >= 4  # KaTeX rendered the LaTeX
    assert page.locator("li.step .status").first.inner_text() in ("verified", "refuted")
    for key in ("1", "+", "+", "0", "-"):  # step 1 picked, then each rating moves to the next step
        page.keyboard.press(key)
    assert [page.get_attribute(f"#step-{i}", "data-rating") for i in range(1, 5)] == ["1", "1", "0", "-1"]
    page.keyboard.press("t")  # every formula as its TeX source, and back
    assert page.locator("body.tex-source span.math.rendered .katex").first.is_hidden()
    page.keyboard.press("t")
    assert page.locator("span.math.rendered .katex").first.is_visible()
    page.keyboard.press("n")  # not decided yet: stays, and says why
    page.wait_for_selector("#toast.show:has-text('Decide this item first')")
    page.keyboard.press("a")
    page.wait_for_selector("#saved:has-text('Saved: accept')")
    page.keyboard.press("n")
    # (a selector, not a JavaScript predicate: the page's CSP forbids eval, which a polled predicate needs)
    page.wait_for_selector(f"#review:not([data-item={json.dumps(first)}])")
    _ready(page)
    assert page.inner_text("#position") == "1 of 4 decided"
    mine = [d for d in _decisions(site) if d["reviewer"] == "rita"]
    assert [(d["item_id"], d["decision"], d["step_ratings"], d["first_wrong_step"]) for d in mine] == [
        (first, "accept", [1, 1, 0, -1], 4)
    ]
    assert mine[0]["seconds"] is not None and mine[0]["seconds"] >= 0


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("2x - 5 = 3\n2x = 8\nx = 4", "verified"),
        ("2x - 5 = 3\n2x = 2\nx = 1", "refuted"),
    ],
)
def test_an_edit_is_reverified_and_the_verdict_shown(site: Site, login: Any, text: str, status: str) -> None:
    page = login("rita")
    _review(page, site, "main")
    page.keyboard.press("e")
    editor = page.locator("#edit-text")
    assert editor.is_visible() and editor.evaluate("el => el === document.activeElement")
    editor.fill(text)
    editor.press("Control+Enter")
    page.wait_for_selector("#verdict:not([hidden])")
    assert page.inner_text("#verdict .status") == status
    edits = [d for d in _decisions(site) if d["decision"] == "edit" and d["text"] == text]
    assert [d["verdict"]["status"] for d in edits] == [status]


def test_model_text_is_shown_never_run(site: Site, login: Any) -> None:
    page = login("rob")
    _review(page, site, "hostile")
    main = page.locator("main")
    shown = main.inner_text()
    for fragment in (
        "<script>window.pwned = 1; alert(1)</script>",
        '<img src=x onerror="window.pwned = 2; alert(2)">',
        "[click me](javascript:alert(3))",
        "<svg onload=alert(5)>",
        "<iframe src=javascript:alert(6)>",
    ):
        assert fragment in shown
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("[...document.scripts].map(s => new URL(s.src).pathname)") == [
        "/static/katex/katex.min.js",
        "/static/app.js",
    ]
    assert main.locator("img, svg:not(.katex svg), iframe, a, [onerror], [onload]").count() == 0
    assert page.locator("li.step span.math.rendered").count() == 3
    assert page.locator(".katex a, .katex [href]").count() == 0  # \href with trust off: shown, not linked
    hiding = page.locator("#step-4")
    assert hiding.locator(".katex-html").first.inner_text().replace("\n", "") == "x=5y=7w=1"
    assert hiding.locator(".katex-html [style*=color]").count() == 0  # no phantom, no white on white
    assert "\\phantom{z = 9}" in hiding.locator(".katex-error").inner_text()  # \def cannot undo it
    page.keyboard.press("e")  # the editor starts from the text exactly as stored, not one script earlier
    assert page.input_value("#edit-text") == HOSTILE
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    page.wait_for_selector("#saved:has-text('Saved: reject')")
    assert site.dialogs == []


def test_adjudicate_a_disagreement(site: Site, login: Any) -> None:
    # rob rejects everything rita accepted or edited (through the JSON API, with his session's cookie
    # and CSRF token: the pages' own calls are tested above): disagreements
    api = login("rob").request
    headers = {"X-CSRF-Token": api.get(site.base + "/api/me").json()["csrf"]}
    for _ in range(5):
        taken = api.post(f"{site.base}/api/queues/{site.queues['main']}/next", headers=headers)
        if taken.status == 204:
            break
        item_id = taken.json()["item_id"]
        decided = api.post(
            f"{site.base}/api/items/{item_id}/decision", headers=headers, data={"decision": "reject"}
        )
        assert decided.ok, decided.text()
    else:
        pytest.fail("the queue never ran out for rob")
    page = login("judy")
    page.goto(site.base + "/adjudicate")
    _ready(page)
    disputes = page.locator("article.dispute")
    assert disputes.count() >= 1
    first = disputes.first
    item = first.get_attribute("data-item")
    assert "rita" in first.inner_text() and "rob" in first.inner_text()
    first.locator(".adj-note").fill("step 2 is right; rob misread it")
    first.locator("button[data-decision=accept]").click()
    first.locator(".saved:has-text('Settled: accept')").wait_for()
    settled = [d for d in _decisions(site) if d["kind"] == "adjudication"]
    assert [(d["item_id"], d["reviewer"], d["decision"], d["note"]) for d in settled] == [
        (item, "judy", "accept", "step 2 is right; rob misread it")
    ]
    page.reload()
    _ready(page)
    assert item not in [d.get_attribute("data-item") for d in page.locator("article.dispute").all()]


def test_admin_sees_the_dashboard_and_exports_every_decision(site: Site, login: Any) -> None:
    page = login("ada")
    page.goto(site.base + "/admin")
    _ready(page)
    reviewers = page.inner_text("#reviewers")
    assert "rita" in reviewers and "rob" in reviewers
    assert page.locator("#users tbody tr").count() == 4
    with page.expect_download() as info:
        page.click("#export")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    exported = [json.loads(line) for line in lines]
    assert [d["id"] for d in exported] == [d["id"] for d in _decisions(site)]
    assert {d["kind"] for d in exported} == {"review", "adjudication"}


def test_a_reviewer_is_kept_from_admin_and_adjudication_pages(site: Site, login: Any) -> None:
    page = login("rita")
    for path in ("/admin", "/adjudicate"):
        response = page.goto(site.base + path)
        assert response.status == 403


def test_screenshot_of_the_review_page(site: Site, login: Any, tmp_path: Path) -> None:
    page = login("ada")  # an admin reviews too
    _review(page, site, "showcase")
    assert page.inner_text("#step-2 .status") == "refuted"  # the planted error, found by the verifier
    for key in ("+", "-"):
        page.keyboard.press(key)
    page.fill("#note", "step 2: 3 + 5 is 8, not 9")
    page.locator("#note").blur()
    path = SCREENSHOT if os.environ.get("ASSAY_UPDATE_SCREENSHOT") == "1" else tmp_path / "review.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1200, "height": 1060})  # the whole item, the decision bar below it
    page.screenshot(path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_logging_out_ends_the_session(site: Site, login: Any) -> None:
    page = login("rita")
    page.goto(site.base + "/")
    page.click("header button[type=submit]")  # the logout form, with its CSRF field
    page.wait_for_url(site.base + "/login")
    page.goto(f"{site.base}/review/{site.queues['main']}")
    assert page.url == site.base + "/login"


def test_pages_load_nothing_from_anywhere_else(site: Site) -> None:
    # every request every test's pages made (pages, scripts, styles, fonts, API calls) went to the app
    assert len(site.requests) > 20
    outside = [url for url in site.requests if not url.startswith(site.base + "/")]
    assert outside == []
    assert any(re.search(r"/static/katex/fonts/KaTeX_\w+-\w+\.woff2$", url) for url in site.requests)
