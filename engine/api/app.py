"""The FastAPI application of the HTTP API: routes under `/api/v1`, problems, limits, security headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from starlette.responses import Response

from netralitas.api import problems
from netralitas.api.limits import BodyLimit, RateLimit
from netralitas.api.routes import accounts, cases, evaluate, rulebook, statistics
from netralitas.api.security import BROWSER_COOKIE, set_cookie
from netralitas.api.services import Services, build
from netralitas.api.settings import Settings
from netralitas.facts import Incident
from netralitas.facts.group import GroupIncident
from netralitas.registry.casefile import CaseFile
from netralitas.version import __version__

PREFIX = "/api/v1"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
YEAR_S = 365 * 24 * 3600


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def build_schema() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (Incident, GroupIncident, CaseFile):
                found = model.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
                components.update(found.pop("$defs", {}))
                components[model.__name__] = found
            app.openapi_schema = schema
        return app.openapi_schema

    return build_schema


def _headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def _secure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        new_id = getattr(request.state, "new_browser_id", None)
        if new_id is not None:
            set_cookie(response, request, BROWSER_COOKIE, new_id, YEAR_S)
        return response


def create_app(settings: Settings | None = None, shared: Services | None = None) -> FastAPI:
    """The API application for `settings` (default: from the environment)."""
    settings = settings or Settings()
    shared = shared or build(settings)
    app = FastAPI(title="netralitas", version=__version__, docs_url=f"{PREFIX}/docs", redoc_url=None,
                  openapi_url=f"{PREFIX}/openapi.json",
                  description="Evaluate incidents against the Indonesian law on ASN political neutrality, read the "
                              "rulebook, and keep cases in the registry. Errors are RFC 9457 problem details in the "
                              "caller's language (`?lang=en` or `Accept-Language: en`; Bahasa Indonesia by default).")
    app.state.settings = settings
    app.state.services = shared
    app.state.engine = shared.engine
    problems.install(app)
    for module in (evaluate, rulebook, cases, statistics, accounts):
        app.include_router(module.router, prefix=PREFIX)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    _headers(app)

    def limit(path: str) -> int:
        return settings.max_batch_bytes if path.endswith("/evaluate/batch") else settings.max_body_bytes

    app.add_middleware(BodyLimit, limit=limit)
    app.add_middleware(RateLimit, per_minute=settings.rate_limit)
    return app
