"""The review app: `create_app(store_url, secure_cookies=...)` makes the FastAPI application.

Every route depends on one of auth's role dependencies (reviewer < adjudicator < admin) except the
login routes and /static; tests walk the route table to hold that. The JSON API lives under /api; the
pages (pages.py, server-rendered) call the same ReviewService methods the API does. Errors are
`{"error": "one line"}` with a 4xx status; a page request without a session is sent to /login.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assay._version import __version__
from assay.errors import AssayError, NotFoundError
from assay.review import auth
from assay.review.auth import Adjudicator, Admin, AnyUser, NotLoggedIn
from assay.review.db import Refused
from assay.review.decisions import iter_decisions
from assay.review.service import ReviewService
from assay.stages.verify import VerifierSettings
from assay.verifiers import Verifiers

STATIC = Path(__file__).parent / "static"
PUBLIC_PATHS = frozenset({"/login", "/api/login"})  # (and /static/*): readable without a session
# Pages load scripts, styles and fonts from /static only; KaTeX writes style attributes, hence
# 'unsafe-inline' for styles (never for scripts).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def service(request: Request) -> ReviewService:
    """The app's ReviewService (for pages.py)."""
    found: ReviewService = request.app.state.review
    return found


def create_app(
    store_url: str,
    *,
    secure_cookies: bool,
    verifiers: Verifiers | None = None,
    verifier_settings: VerifierSettings | None = None,
) -> FastAPI:
    """The review app over the database at store_url. secure_cookies: mark cookies Secure (serve over
    HTTPS). verifiers / verifier_settings: how edits are re-verified (see ReviewService)."""
    review = ReviewService(
        store_url, secure_cookies=secure_cookies, verifiers=verifiers, verifier_settings=verifier_settings
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            review.close()

    app = FastAPI(
        title="assay review",
        version=__version__,
        lifespan=lifespan,
        openapi_url=None,  # served below, behind a session like everything else
        docs_url=None,
        redoc_url=None,
    )
    app.state.review = review
    _handlers(app)
    app.add_middleware(SecurityHeaders, secure=secure_cookies)
    _api(app)
    if importlib.util.find_spec("assay.review.pages") is not None:
        pages = importlib.import_module("assay.review.pages")
        app.include_router(pages.router)
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(NotLoggedIn)
    async def not_logged_in(request: Request, _exc: NotLoggedIn) -> Response:
        if request.url.path.startswith("/api/"):
            return _error(401, "log in first (POST /api/login)")
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused) -> Response:
        return _error(exc.status, exc.message)

    @app.exception_handler(NotFoundError)
    async def not_found(_request: Request, exc: NotFoundError) -> Response:
        return _error(404, str(exc))

    @app.exception_handler(AssayError)
    async def assay_error(_request: Request, exc: AssayError) -> Response:
        return _error(422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        return _error(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return _error(exc.status_code, str(exc.detail))


_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Security headers on every response (no-store under /api), and the pre-session CSRF cookie
    when auth.csrf_token made one. Plain ASGI: BaseHTTPMiddleware would add a task and a stream to
    every request, a real share of a small request's cost."""

    def __init__(self, app: ASGIApp, secure: bool) -> None:
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith("/api/")

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                have = {name.lower() for name, _ in headers}
                extra = [*_HEADERS, *([(b"cache-control", b"no-store")] if api else [])]
                headers.extend((name, value) for name, value in extra if name not in have)
                fresh = scope.get("state", {}).get("new_csrf_cookie", "")
                if fresh:
                    cookie = Response()
                    cookie.set_cookie(
                        auth.CSRF_COOKIE,
                        fresh,
                        path="/",
                        httponly=True,
                        samesite="strict",
                        secure=self.secure,
                    )
                    headers.extend((k, v) for k, v in cookie.raw_headers if k == b"set-cookie")
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


async def _body(request: Request) -> Any:
    """The JSON body (Refused 422 for anything else, 413 for a body over auth.MAX_BODY_BYTES); forms are
    read by auth.read_form."""
    form = await auth.read_form(request)
    if form:
        return form
    raw = await auth.read_body(request)  # (Refused 413 past auth.MAX_BODY_BYTES)
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise Refused(422, "the body must be JSON") from None
    except RecursionError:  # nesting deeper than the parser recurses: no request needs that
        raise Refused(422, "the body is nested too deeply") from None


def _api(app: FastAPI) -> None:
    @app.get("/api/login")
    async def login_token(request: Request) -> dict[str, str]:
        """The pre-session CSRF token (also set as the assay_review_csrf cookie) that a login sends."""
        return {"csrf": await run_in_threadpool(auth.csrf_token, request)}

    @app.post("/api/login")
    async def login(request: Request) -> Response:
        await auth.check_login_csrf(request)
        body = await _body(request)
        name = body.get("name") if isinstance(body, dict) else None
        password = body.get("password") if isinstance(body, dict) else None
        if not isinstance(name, str) or not isinstance(password, str):
            raise Refused(422, "send {name, password}")
        user = await run_in_threadpool(auth.login, request, name, password)
        token, csrf = await run_in_threadpool(auth.new_session, request, user)
        response = JSONResponse({"name": user.name, "role": user.role.value, "csrf": csrf})
        auth.set_session_cookie(request, response, token)
        return response

    @app.post("/api/logout")
    async def logout(request: Request, _user: AnyUser) -> Response:
        response = JSONResponse({})
        await run_in_threadpool(auth.end_session, request, response)
        return response

    @app.get("/api/me")
    async def me(request: Request, user: AnyUser) -> dict[str, str]:
        return {"name": user.name, "role": user.role.value, "csrf": auth.csrf_token(request)}

    @app.get("/api/openapi.json", include_in_schema=False)
    async def openapi(_user: AnyUser) -> dict[str, Any]:
        return app.openapi()

    @app.get("/api/queues")
    async def list_queues(request: Request, user: AnyUser) -> list[dict[str, Any]]:
        return await run_in_threadpool(service(request).queues_for, user)

    @app.post("/api/queues")
    async def build_queue(request: Request, user: Admin) -> dict[str, Any]:
        """{name, scorer, top, overlap, gold_share, min_score?, domain?, lease_minutes?} → {id, items}"""
        return await run_in_threadpool(service(request).build_queue, user, await _body(request))

    @app.post("/api/queues/{queue_id}/next")
    async def next_item(request: Request, queue_id: str, user: AnyUser) -> Response:
        """The item this reviewer works on now (the same one while they hold its lease); 204: none left."""
        found = await run_in_threadpool(service(request).next_item, user, queue_id)
        if found is None:
            return Response(status_code=204)
        return JSONResponse(found)

    @app.get("/api/items/{item_id}")
    async def item(request: Request, item_id: str, user: AnyUser) -> dict[str, Any]:
        return await run_in_threadpool(service(request).item, user, item_id)

    @app.post("/api/items/{item_id}/decision")
    async def decide(request: Request, item_id: str, user: AnyUser) -> dict[str, Any]:
        """{decision: accept|reject|edit, text?, step_ratings?, first_wrong_step?, note?, seconds?}"""
        return await run_in_threadpool(service(request).decide, user, item_id, await _body(request))

    @app.get("/api/adjudication")
    async def adjudication(request: Request, _user: Adjudicator) -> list[dict[str, Any]]:
        return await run_in_threadpool(service(request).adjudication)

    @app.post("/api/adjudication/{item_id}")
    async def adjudicate(request: Request, item_id: str, user: Adjudicator) -> dict[str, Any]:
        return await run_in_threadpool(service(request).adjudicate, user, item_id, await _body(request))

    @app.get("/api/stats")
    async def stats(request: Request, _user: Admin) -> dict[str, Any]:
        return await run_in_threadpool(service(request).stats)

    @app.get("/api/users")
    async def users(request: Request, _user: Admin) -> list[dict[str, str]]:
        return await run_in_threadpool(service(request).users)

    @app.post("/api/users")
    async def add_user(request: Request, _user: Admin) -> dict[str, str]:
        return await run_in_threadpool(service(request).add_user, await _body(request))

    @app.get("/api/export")
    async def export(request: Request, _user: Admin) -> StreamingResponse:
        """Every decision ever made, one JSON object a line. ASCII only: a raw U+2028, U+2029 or U+0085
        in a note or an edit would be a line break to a reader that splits with str.splitlines(), so a
        reviewer could forge export lines; escaped, every line break is the writer's own."""
        engine = service(request).engine

        def lines() -> Iterator[str]:
            for row in iter_decisions(engine):
                yield json.dumps(row, ensure_ascii=True) + "\n"

        return StreamingResponse(lines(), media_type="application/x-ndjson")
