"""Accounts, sessions, CSRF and the login rate limit of the review app.

Passwords: see accounts.py (re-exported here). A login for a name that does not exist still computes a
hash, so the answer time does not say which names exist.

A session is a random token in an HttpOnly, SameSite=Strict cookie; the server keeps only its SHA-256,
so a copy of the database opens no session. Every state-changing request carries the session's CSRF
token (header `X-CSRF-Token` or form field `csrf`); a login carries the pre-session token of the
double-submit cookie `assay_review_csrf`. This module never renders pages.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import Depends, Request, Response
from sqlalchemy import Engine, bindparam, delete, insert, select, update
from starlette.concurrency import run_in_threadpool

from assay.review import accounts
from assay.review.accounts import (
    Role,
    User,
    add_user,
    check_password,
    check_user,
    dummy_hash,
    hash_password,
    list_users,
)
from assay.review.db import Refused, now, read, write_transaction
from assay.store import schema

__all__ = [
    "Adjudicator",
    "Admin",
    "AnyUser",
    "LoginRefused",
    "NotLoggedIn",
    "Refused",
    "Reviewer",
    "Role",
    "User",
    "add_user",
    "check_password",
    "check_user",
    "csrf_token",
    "end_session",
    "hash_password",
    "list_users",
    "login",
    "read_form",
    "start_session",
]

SESSION_COOKIE = "assay_review_session"
CSRF_COOKIE = "assay_review_csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_IDLE_SECONDS = 12 * 3600
TOUCH_EVERY = 60.0  # seconds: a session's last_seen is written at most this often (no write per request)
LOGIN_FAILURES = 5  # failed logins per name + address ...
ADDRESS_FAILURES = 30  # ... or failed logins from one address, whatever the names
LOGIN_WINDOW = 300.0  # ... within these seconds, then 429 until the oldest leaves the window
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class NotLoggedIn(Exception):
    """No valid session: 401 under /api, a redirect to /login for pages."""


LoginRefused = Refused  # a failed login: 401 (wrong name or password) or 429 (too many failures)


def Forbidden(message: str) -> Refused:
    """A session without the role, or a state-changing request without the CSRF token: 403."""
    return Refused(403, message)


# --- login and sessions ------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(engine: Engine, name: str, password: str, client: str) -> User:
    """The user with this name and password, or LoginRefused: 401, or 429 after LOGIN_FAILURES
    failures for this name from this address (guessing one password) or ADDRESS_FAILURES from this
    address (trying many names) within LOGIN_WINDOW seconds."""
    valid = accounts.valid_name(name)
    key = f"{name if valid else '?'} {client}"  # (an invalid name may hold anything, a NUL included)
    failures = schema.review_login_failures
    at = now()
    with read(engine) as conn:
        recent = [
            r.key
            for r in conn.execute(
                select(failures.c.key).where(
                    failures.c.at > at - LOGIN_WINDOW, failures.c.key.endswith(f" {client}", autoescape=True)
                )
            )
        ]
        row = None
        if valid:
            row = conn.execute(select(schema.review_users).where(schema.review_users.c.name == name)).first()
    if recent.count(key) >= LOGIN_FAILURES or len(recent) >= ADDRESS_FAILURES:
        raise LoginRefused(429, "too many failed logins; wait a few minutes")
    ok = check_password(password, row.password_hash if row is not None else dummy_hash())
    if row is None or not ok:
        with write_transaction(engine) as conn:
            conn.execute(delete(failures).where(failures.c.at < at - LOGIN_WINDOW))
            conn.execute(insert(failures).values(id=secrets.token_hex(16), key=key[:300], at=at))
        raise LoginRefused(401, "wrong name or password")
    return User(row.name, Role(row.role))


def login(request: Request, name: str, password: str) -> User:
    """authenticate() for this request's client address."""
    client = request.client.host if request.client else "?"
    return authenticate(_engine(request), name, password, client)


def start_session(request: Request, response: Response, user: User) -> str:
    """A new session for user: sets the session cookie on response; returns the session's CSRF token."""
    token, csrf = new_session(request, user)
    set_session_cookie(request, response, token)
    return csrf


def new_session(request: Request, user: User) -> tuple[str, str]:
    """A new session in the database: (cookie token, CSRF token). A login always gets a new token, so
    a token planted before login (session fixation) is never the one that becomes logged in."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with write_transaction(_engine(request)) as conn:
        conn.execute(
            insert(schema.review_sessions).values(
                id=_digest(token), user_name=user.name, csrf=csrf, last_seen=now()
            )
        )
    return token, csrf


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """A browser-session cookie (no Max-Age): the server ends it after SESSION_IDLE_SECONDS idle, so
    an active reviewer is never logged out mid-queue by a fixed expiry."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )
    _forget(request, response, CSRF_COOKIE)


def end_session(request: Request, response: Response) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        with write_transaction(_engine(request)) as conn:
            conn.execute(delete(schema.review_sessions).where(schema.review_sessions.c.id == _digest(token)))
    _forget(request, response, SESSION_COOKIE)


def _forget(request: Request, response: Response, name: str) -> None:
    """Delete a cookie with the same flags it was set with (a browser matches on them)."""
    response.set_cookie(
        name, "", max_age=0, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str


def session_of(request: Request) -> Session | None:
    """The request's live session (cached on request.state), or None."""
    if hasattr(request.state, "review_session"):
        cached: Session | None = request.state.review_session
        return cached
    found = _lookup(_engine(request), request.cookies.get(SESSION_COOKIE, ""))
    request.state.review_session = found
    return found


_sessions, _users = schema.review_sessions, schema.review_users
# built once: every request runs it, and building a statement costs more than SQLite takes to run it
_SESSION = (
    select(_sessions.c.id, _sessions.c.csrf, _sessions.c.last_seen, _users.c.name, _users.c.role)
    .join(_users, _users.c.name == _sessions.c.user_name)
    .where(_sessions.c.id == bindparam("id"))
)


def _lookup(engine: Engine, token: str) -> Session | None:
    if not token:
        return None
    sessions = _sessions
    at = now()
    with read(engine) as conn:
        row = conn.execute(_SESSION, {"id": _digest(token)}).first()
    if row is None:
        return None
    if row.last_seen < at - SESSION_IDLE_SECONDS:
        with write_transaction(engine) as conn:
            conn.execute(delete(sessions).where(sessions.c.id == row.id))
        return None
    if row.last_seen < at - TOUCH_EVERY:
        with write_transaction(engine) as conn:
            conn.execute(update(sessions).where(sessions.c.id == row.id).values(last_seen=at))
    return Session(User(row.name, Role(row.role)), row.csrf)


# --- CSRF --------------------------------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    """The token a form or script must send back: the session's, or (before login) the pre-session
    double-submit token, whose cookie the app sets on the response."""
    session = session_of(request)
    if session is not None:
        return session.csrf
    existing = request.cookies.get(CSRF_COOKIE, "")
    if len(existing) >= 32:
        return existing
    fresh = getattr(request.state, "new_csrf_cookie", "")
    if not fresh:
        fresh = secrets.token_urlsafe(32)
        request.state.new_csrf_cookie = fresh  # app.py's middleware sets the cookie
    return fresh


# The largest request body read (413 beyond): the biggest legitimate one, an edit of the 200,000
# characters the edit box allows (at most 4 UTF-8 bytes each) plus a note, fits well under it.
MAX_BODY_BYTES = 1 << 20


async def read_body(request: Request) -> bytes:
    """The request body, read at most once and never past MAX_BODY_BYTES: Refused(413) for a bigger
    one, whether its Content-Length says so up front or it streams (chunked) past the cap."""
    cached = getattr(request.state, "review_body", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    too_big = Refused(413, f"the request body is over {MAX_BODY_BYTES} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdecimal() and int(declared) > MAX_BODY_BYTES:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise too_big
        chunks.append(chunk)
    body = b"".join(chunks)
    request.state.review_body = body
    return body


async def read_form(request: Request) -> dict[str, str]:
    """An urlencoded form body (the first value of each field); {} for any other content type."""
    cached = getattr(request.state, "review_form", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    form: dict[str, str] = {}
    if request.headers.get("content-type", "").split(";")[0].strip() == "application/x-www-form-urlencoded":
        body = await read_body(request)
        for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            form.setdefault(key, value)
    request.state.review_form = form
    return form


async def _sent_csrf(request: Request) -> str:
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        sent = (await read_form(request)).get("csrf", "")
    return sent


async def check_login_csrf(request: Request) -> None:
    """Forbidden unless a login carries the pre-session token of its double-submit cookie."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = await _sent_csrf(request)
    if not cookie or not hmac.compare_digest(cookie.encode(), sent.encode()):
        raise Forbidden("missing or wrong CSRF token (GET /api/login first, then send it as X-CSRF-Token)")


# --- dependencies: one per role ----------------------------------------------------------------------


def _role_dependency(minimum: Role) -> Any:
    async def dependency(request: Request) -> User:
        session = await run_in_threadpool(session_of, request)  # (a database read: off the event loop)
        if session is None:
            raise NotLoggedIn()
        if request.method in UNSAFE_METHODS:
            sent = await _sent_csrf(request)
            if not hmac.compare_digest(session.csrf.encode(), sent.encode()):
                raise Forbidden("missing or wrong CSRF token")
        if session.user.role.rank < minimum.rank:
            raise Forbidden(f"this needs the {minimum.value} role")
        return session.user

    dependency.__name__ = f"require_{minimum.value}"
    dependency.review_role = minimum  # type: ignore[attr-defined]  # (the route-table test reads it)
    return dependency


require_reviewer = _role_dependency(Role.REVIEWER)
require_adjudicator = _role_dependency(Role.ADJUDICATOR)
require_admin = _role_dependency(Role.ADMIN)
ROLE_DEPENDENCIES = (require_reviewer, require_adjudicator, require_admin)

AnyUser = Annotated[User, Depends(require_reviewer)]
Reviewer = AnyUser
Adjudicator = Annotated[User, Depends(require_adjudicator)]
Admin = Annotated[User, Depends(require_admin)]


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.review.engine
    return engine


def _secure(request: Request) -> bool:
    return bool(request.app.state.review.secure_cookies)
