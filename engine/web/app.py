"""The whole server: the HTTP API plus the web application's pages and its own static files (no CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from netralitas.api.app import create_app as create_api
from netralitas.api.services import Services
from netralitas.api.settings import Settings
from netralitas.io.package_data import data_folder
from netralitas.web.pages import page
from netralitas.web.views import auth, cases, intake, rulebook, stats

ENV_FACTORY = "netralitas.web.app:app_from_env"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")


def _error_page(request: Request, status: int, detail: str, errors: list[dict[str, Any]]) -> Response:
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return page(request, "error.html.j2", status, status=status, detail=detail, errors=errors)


def create_app(settings: Settings | None = None, shared: Services | None = None) -> FastAPI:
    """The API with the web application mounted beside it."""
    app = create_api(settings, shared)
    app.state.html_errors = _error_page
    app.mount("/static", StaticFiles(directory=str(data_folder("netralitas.web", "static"))), name="static")
    for module in (auth, intake, cases, stats, rulebook):
        app.include_router(module.router, include_in_schema=False)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/intake", status_code=303)

    return app


def app_from_env() -> FastAPI:
    """The application configured from `NETRALITAS_*` environment variables (what uvicorn workers start)."""
    return create_app(Settings())
