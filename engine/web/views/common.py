"""What every page handler needs: the submitted form (CSRF checked), the evaluated verdict, redirects."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import FormData

from netralitas.api.problems import from_error, request_lang
from netralitas.api.security import check_csrf
from netralitas.errors import NetralitasError
from netralitas.evaluation.verdict import Verdict
from netralitas.web import verdict_view


async def form(request: Request) -> FormData:
    """The submitted form, refused (403) unless it carries this browser's CSRF token."""
    data = await request.form()
    token = data.get("csrf")
    check_csrf(request, token if isinstance(token, str) else None)
    return data


def multi(data: FormData) -> dict[str, list[str]]:
    """Every text field with all its values."""
    found: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if isinstance(value, str):
            found.setdefault(key, []).append(value)
    return found


def view(verdict: Verdict, request: Request) -> dict[str, Any]:
    """The verdict page's view of a verdict."""
    lang = request_lang(request)
    return {"state": verdict_view.state(verdict), "headline": verdict_view.headline(verdict, lang),
            "extras": verdict_view.extras(verdict, lang)}


def problems_of(error: NetralitasError, request: Request) -> list[dict[str, Any]]:
    """The located problems of an error, for a page."""
    found = from_error(error, request_lang(request))
    return found.errors or [{"place": "", "detail": found.detail.get(request_lang(request))}]


def see_other(url: str) -> RedirectResponse:
    """Redirect after a successful POST."""
    return RedirectResponse(url, status_code=303)
