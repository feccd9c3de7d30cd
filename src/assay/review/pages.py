"""The review app's pages: server-rendered HTML that app.js enhances (keyboard, API calls, KaTeX).

Pages read through the same ReviewService methods the JSON API calls (never HTTP to the app itself),
and change state only through the API (app.js sends the session's CSRF token as X-CSRF-Token) or
through a form carrying it as the `csrf` field (login, logout, taking the next item: never a GET).
Every page but /login needs a session: each route takes one of auth's role dependencies, which send a
request without one to /login.

Model and problem text reaches a page only through `render.render_markdown` (escaped, inert) or Jinja's
autoescaping (`{{ … }}`); nothing here marks text safe by itself. Every text field a template shows
outside the markdown goes through the `reveal` filter (render.reveal_invisible: a U+202E or a zero-width
character is written out as `⟨U+202E⟩`, so no text reads differently from what is stored); only the
"exactly as stored" views (the raw-text panel, the edit box) keep the stored characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from assay.review import auth
from assay.review.app import service
from assay.review.auth import Adjudicator, Admin, AnyUser, Role, User
from assay.review.db import Refused
from assay.review.render import render_markdown, reveal_invisible

__all__ = ["router"]

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _reveal(value: object) -> str:
    """The `reveal` filter: any shown value (answer, evidence, names; None shows as nothing) with its
    invisible and reordering characters written out."""
    return "" if value is None else reveal_invisible(str(value))


TEMPLATES.env.filters["markdown"] = render_markdown
TEMPLATES.env.filters["reveal"] = _reveal

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, user: User | None, status: int = 200, **context: Any) -> Response:
    """A page with what every page needs: the user (for the menu) and the CSRF token (for app.js)."""
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "user": user,
            "csrf": auth.csrf_token(request),
            "is_adjudicator": user is not None and user.role.rank >= Role.ADJUDICATOR.rank,
            "is_admin": user is not None and user.role is Role.ADMIN,
            **context,
        },
        status_code=status,
        headers={"Cache-Control": "no-store"},  # pages hold review data: never kept by a shared cache
    )


# --- login and logout: plain forms, so they work before any script has run -------------------------


@router.get("/login")
async def login_page(request: Request) -> Response:
    if await run_in_threadpool(auth.session_of, request) is not None:
        return RedirectResponse("/", status_code=303)  # already logged in
    return await run_in_threadpool(_page, request, "login.html", None, error="")


@router.post("/login")
async def login_form(request: Request) -> Response:
    form = await auth.read_form(request)
    try:
        await auth.check_login_csrf(request)
        user = await run_in_threadpool(auth.login, request, form.get("name", ""), form.get("password", ""))
    except Refused as refused:
        return await run_in_threadpool(
            _page,
            request,
            "login.html",
            None,
            refused.status,
            error=refused.message,
            name=form.get("name", ""),
        )
    response = RedirectResponse("/", status_code=303)
    await run_in_threadpool(auth.start_session, request, response, user)
    return response


@router.post("/logout")
async def logout_form(request: Request, _user: AnyUser) -> Response:
    response = RedirectResponse("/login", status_code=303)
    await run_in_threadpool(auth.end_session, request, response)
    return response


# --- reviewing -----------------------------------------------------------------------------------------


@router.get("/")
async def home(request: Request, user: AnyUser) -> Response:
    queues = await run_in_threadpool(service(request).queues_for, user)
    return await run_in_threadpool(_page, request, "home.html", user, queues=queues)


@router.post("/review/{queue_id}/next")
async def take_next(request: Request, queue_id: str, user: AnyUser) -> Response:
    """Take the next item (or get back the one held): a POST, CSRF-checked like every POST, because
    it changes state (a lease). Then a redirect to the item's page, or to the queue's page when
    nothing is left."""
    item = await run_in_threadpool(service(request).next_item, user, queue_id)
    if item is None:
        return RedirectResponse(f"/review/{quote(queue_id)}", status_code=303)
    return RedirectResponse(f"/review/{quote(queue_id)}/items/{quote(item['item_id'])}", status_code=303)


@router.get("/review/{queue_id}")
async def review(request: Request, queue_id: str, user: AnyUser) -> Response:
    """The queue's page: a redirect to the item this reviewer holds in it, else a button that takes
    the next one. A GET changes nothing: a link preview or a prefetch takes no item."""
    review = service(request)
    held = await run_in_threadpool(review.held_item, user, queue_id)
    if held is not None:
        return RedirectResponse(f"/review/{quote(queue_id)}/items/{quote(held)}", status_code=303)
    mine = [q for q in await run_in_threadpool(review.queues_for, user) if q["id"] == queue_id]
    left = mine[0]["mine_left"] if mine else 0
    return await run_in_threadpool(_page, request, "done.html", user, queue_id=queue_id, left=left)


@router.get("/review/{queue_id}/items/{item_id}")
async def review_item(request: Request, queue_id: str, item_id: str, user: AnyUser) -> Response:
    """An item the reviewer holds (404 otherwise: service.item); reloading shows the same item."""
    item = await run_in_threadpool(service(request).item, user, item_id)
    if item["queue_id"] != queue_id:
        raise Refused(404, f"no item {item_id!r} in queue {queue_id!r}")
    return await run_in_threadpool(_page, request, "review.html", user, item=_view(item))


def _view(item: dict[str, Any]) -> dict[str, Any]:
    """The item with each step's reward scores beside it (scores carry one value per step)."""
    steps = []
    for step in item["candidate"]["steps"]:
        index = step["index"]
        values = [
            {"scorer": s["scorer"], "value": s["step_values"][index - 1]}
            for s in item["scores"]
            if 0 < index <= len(s["step_values"])
        ]
        steps.append({**step, "scores": values})
    return {**item, "steps": steps}


@router.get("/adjudicate")
async def adjudicate(request: Request, user: Adjudicator) -> Response:
    items = await run_in_threadpool(service(request).adjudication)
    return await run_in_threadpool(_page, request, "adjudicate.html", user, items=items)


@router.get("/admin")
async def admin(request: Request, user: Admin) -> Response:
    review = service(request)
    stats = await run_in_threadpool(review.stats)
    users = await run_in_threadpool(review.users)
    queues = await run_in_threadpool(review.queues_for, user)
    return await run_in_threadpool(
        _page, request, "admin.html", user, stats=stats, users=users, queues=queues
    )
