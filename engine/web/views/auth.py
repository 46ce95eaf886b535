"""Signing in and out of the web application."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from netralitas.api.problems import request_lang
from netralitas.api.security import SESSION_COOKIE, account, set_cookie
from netralitas.api.services import services
from netralitas.registry.accounts import SESSION_HOURS, authenticate, close_session, open_session
from netralitas.web.pages import page
from netralitas.web.views.common import form, see_other

router = APIRouter()


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/cases"


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    """The sign-in form."""
    return page(request, "login.html.j2", failed=None, next_url=_safe_next(next))


@router.post("/login")
async def login(request: Request) -> Response:
    """Check the password; open a session (a new cookie value, so no session id is ever fixed by someone else)."""
    data = await form(request)
    username, password = str(data.get("username", ""))[:100], str(data.get("password", ""))[:200]
    who = await run_in_threadpool(authenticate, services(request).engine, username, password)
    if who is None:
        failed = {"id": "nama pengguna atau kata sandi salah", "en": "wrong username or password"}
        return page(request, "login.html.j2", 401, failed=failed[request_lang(request)],
                    next_url=_safe_next(str(data.get("next", ""))))
    secret = open_session(services(request).engine, who)
    response = see_other(_safe_next(str(data.get("next", ""))) if who.role.value != "legal" else "/rulebook")
    set_cookie(response, request, SESSION_COOKIE, secret, SESSION_HOURS * 3600)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session."""
    await form(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    who = account(request)
    if cookie and who is not None:
        close_session(services(request).engine, cookie, who.username)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
