"""Errors as RFC 9457 problem details, in the caller's language, each naming the place of the problem.

Every error a caller can cause is a 4xx: invalid incidents and case files (422, with file:line:column and the
field), unknown cases (404), refused transitions (409), missing or wrong credentials (401), forbidden actions
(403), oversized bodies (413), too many requests (429). A busy database is 503 with `Retry-After`. Nothing
ever answers with a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from netralitas.errors import NetralitasError, Problem, ProblemsError
from netralitas.messages import message as problem_message
from netralitas.messages import render as render_problem
from netralitas.registry.errors import CaseNotFound, DatabaseError, DatabaseLocked, RegistryError, TransitionRefused
from netralitas.text import Lang, LocalizedText, bi

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "/api/v1/problems/"
LOG = logging.getLogger("netralitas.api")

TITLES: dict[int, LocalizedText] = {
    400: bi("permintaan tidak sah", "bad request"),
    401: bi("perlu masuk", "authentication required"),
    403: bi("tidak diizinkan", "forbidden"),
    404: bi("tidak ditemukan", "not found"),
    405: bi("metode tidak diizinkan", "method not allowed"),
    406: bi("format tidak tersedia", "not acceptable"),
    409: bi("bertentangan dengan keadaan perkara", "conflict with the case's state"),
    413: bi("permintaan terlalu besar", "request too large"),
    415: bi("jenis isi tidak didukung", "unsupported media type"),
    422: bi("isi tidak sah", "invalid content"),
    429: bi("terlalu banyak permintaan", "too many requests"),
    500: bi("kesalahan pada server", "server error"),
    503: bi("layanan sementara tidak tersedia", "service temporarily unavailable"),
}


@dataclass
class ApiProblem(Exception):
    """An error to answer with a problem document."""

    status: int
    code: str
    detail: LocalizedText
    errors: list[dict[str, Any]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def request_lang(request: Request) -> Lang:
    """The caller's language: `?lang=`, the web application's `lang` cookie, then (API only) `Accept-Language`;
    Bahasa Indonesia by default (pages never follow the browser's language, only an explicit choice)."""
    chosen = request.query_params.get("lang") or request.cookies.get("lang")
    if chosen in ("id", "en"):
        return "en" if chosen == "en" else "id"
    if not request.url.path.startswith("/api/"):
        return "id"
    accept = request.headers.get("accept-language", "").strip().lower()
    return "en" if accept.startswith("en") else "id"


def problem_body(status: int, code: str, detail: str, lang: Lang, instance: str,
                 errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The problem document."""
    title = TITLES.get(status, TITLES[400 if status < 500 else 500]).get(lang)
    body: dict[str, Any] = {"type": TYPE_BASE + code, "title": title, "status": status, "detail": detail,
                            "instance": instance}
    if errors:
        body["errors"] = errors
    return body


def problem_response(status: int, code: str, detail: str, lang: Lang, instance: str,
                     errors: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> Response:
    """A problem document as a response."""
    body = problem_body(status, code, detail, lang, instance, errors)
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type=MEDIA_TYPE,
                    headers={"Content-Language": lang, **(headers or {})})


def located(problem: Problem, lang: Lang) -> dict[str, Any]:
    """One located problem: where (file:line:column), the field and the message."""
    item: dict[str, Any] = {"place": problem.where(), "detail": problem_message(problem, lang),
                            "text": render_problem(problem, lang)}
    for name in ("line", "column", "rule_id", "suggestion"):
        value = getattr(problem, name)
        if value is not None:
            item[name] = value
    if problem.path or problem.field:
        item["field"] = problem.path or problem.field
    return item


def _registry_status(error: RegistryError) -> int:
    if isinstance(error, CaseNotFound):
        return 404
    if isinstance(error, TransitionRefused):
        return 409
    if isinstance(error, DatabaseError):
        return 503
    return 422


def from_error(error: Exception, lang: Lang) -> ApiProblem:
    """The problem for an error netralitas raised on purpose."""
    if isinstance(error, ApiProblem):
        return error
    if isinstance(error, ProblemsError):
        first = error.problems[0] if error.problems else Problem(str(error))
        detail = render_problem(first, lang)
        return ApiProblem(422, "invalid-input", bi(detail, detail), [located(p, lang) for p in error.problems])
    if isinstance(error, RegistryError):
        status = _registry_status(error)
        headers = {"Retry-After": "5"} if isinstance(error, DatabaseLocked) else {}
        code = {404: "not-found", 409: "transition-refused", 503: "database-unavailable"}.get(status, "invalid-input")
        return ApiProblem(status, code, error.text, headers=headers)
    text = str(error)
    return ApiProblem(422, "invalid-input", bi(text, text))


def _validation_errors(error: RequestValidationError, lang: Lang) -> list[dict[str, Any]]:
    items = []
    for item in error.errors():
        loc = [str(p) for p in item.get("loc", ())]
        place = "/".join(loc) or "<request>"
        msg = str(item.get("msg", ""))
        items.append({"place": place, "field": ".".join(loc[1:]) or place,
                      "detail": msg if lang == "en" else f"nilai tidak sah: {msg}"})
    return items


HtmlRenderer = Callable[[Request, int, str, list[dict[str, Any]]], Response]


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and request.app.state.html_errors is not None


def _answer(request: Request, problem: ApiProblem) -> Response:
    lang = request_lang(request)
    errors = problem.errors
    detail = problem.detail.get(lang)
    if _wants_html(request):
        renderer: HtmlRenderer = request.app.state.html_errors
        response = renderer(request, problem.status, detail, errors)
        response.headers.update(problem.headers)
        return response
    return problem_response(problem.status, problem.code, detail, lang, request.url.path, errors, problem.headers)


def install(app: FastAPI) -> None:
    """Answer every error with a problem document (or the web application's error page)."""
    app.state.html_errors = None

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, error: ApiProblem) -> Response:
        return _answer(request, error)

    @app.exception_handler(NetralitasError)
    async def _netralitas(request: Request, error: NetralitasError) -> Response:
        return _answer(request, from_error(error, request_lang(request)))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError) -> Response:
        lang = request_lang(request)
        errors = _validation_errors(error, lang)
        first = errors[0] if errors else {"place": "<request>", "detail": ""}
        text = f"{first['place']}: {first['detail']}"
        return _answer(request, ApiProblem(422, "invalid-request", bi(text, text), errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        status = error.status_code if 400 <= error.status_code < 600 else 400
        where = request.url.path
        detail = bi(f"{TITLES.get(status, TITLES[400]).id}: {where}", f"{TITLES.get(status, TITLES[400]).en}: {where}")
        return _answer(request, ApiProblem(status, {404: "not-found", 405: "method-not-allowed"}.get(status, "http"),
                                           detail, headers=dict(error.headers or {})))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        LOG.exception("unexpected error on %s %s", request.method, request.url.path)
        detail = bi("kesalahan tak terduga pada server; sudah dicatat di log server, tidak ada yang diubah",
                    "unexpected server error; it is in the server log and nothing was changed")
        return _answer(request, ApiProblem(500, "server-error", detail))
