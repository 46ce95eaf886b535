"""Who is calling and what they may do: bearer tokens, browser sessions, roles, agency scope and CSRF.

- admin: everything, including users and tokens of others;
- officer: cases of their own agency and those forwarded to it (read, create, edit, evaluate, advance), and the
  statistics and exports of those cases;
- supervisor: every case read-only, statistics and exports across agencies;
- legal staff: the rulebook and evaluation (no cases);
- anonymous: evaluation and the rulebook only, unless `anonymous` is switched off.

A wrong or expired token is refused (401), never treated as anonymous. Browser sessions are random ids in a
`Secure`, `HttpOnly`, `SameSite=Strict` cookie, stored hashed. Every unsafe request authenticated by a cookie
carries a CSRF token: an HMAC, under the server's secret, of a random per-browser cookie (`nid`); forms send it
as the `csrf` field, scripts as the `X-CSRF-Token` header.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum
from typing import Any

from fastapi import Request
from sqlalchemy import Engine

from netralitas.api.problems import ApiProblem
from netralitas.registry.accounts import Account, Role, session_account, token_account
from netralitas.text import bi

SESSION_COOKIE = "netralitas_session"
BROWSER_COOKIE = "nid"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Permission(StrEnum):
    """What a request needs."""

    EVALUATE = "evaluate"
    RULEBOOK = "rulebook"
    READ_CASES = "read_cases"
    WRITE_CASES = "write_cases"
    STATISTICS = "statistics"
    EXPORT = "export"
    ADMIN = "admin"


P = Permission
GRANTS: dict[Role | None, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OFFICER: frozenset({P.EVALUATE, P.RULEBOOK, P.READ_CASES, P.WRITE_CASES, P.STATISTICS, P.EXPORT}),
    Role.SUPERVISOR: frozenset({P.EVALUATE, P.RULEBOOK, P.READ_CASES, P.STATISTICS, P.EXPORT}),
    Role.LEGAL: frozenset({P.EVALUATE, P.RULEBOOK}),
    None: frozenset({P.EVALUATE, P.RULEBOOK}),
}


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise ApiProblem(401, "bad-credentials", bi("header Authorization harus berbentuk 'Bearer <token>'",
                                                    "the Authorization header must read 'Bearer <token>'"),
                         headers={"WWW-Authenticate": "Bearer"})
    return value.strip()


def account(request: Request) -> Account | None:
    """The signed-in user of this request (token first, then session cookie), or None for anonymous."""
    if hasattr(request.state, "account"):
        found: Account | None = request.state.account
        return found
    token = _bearer(request)
    found = None
    if token is not None:
        found = token_account(_engine(request), token)
        if found is None:
            raise ApiProblem(401, "bad-credentials", bi("token API tidak dikenal, dicabut atau kedaluwarsa",
                                                        "the API token is unknown, revoked or expired"),
                             headers={"WWW-Authenticate": "Bearer"})
        request.state.via_cookie = False
    elif (cookie := request.cookies.get(SESSION_COOKIE)) is not None:
        found = session_account(_engine(request), cookie)
        request.state.via_cookie = found is not None
    request.state.account = found
    return found


def require(request: Request, permission: Permission) -> Account | None:
    """The caller, if they hold `permission`; otherwise 401 (not signed in) or 403 (signed in, not allowed)."""
    who = account(request)
    if who is None and not request.app.state.settings.anonymous:
        raise ApiProblem(401, "sign-in-required", bi("akses anonim dimatikan di server ini; masuk terlebih dahulu",
                                                     "anonymous access is switched off on this server; sign in"),
                         headers={"WWW-Authenticate": "Bearer"})
    if permission in GRANTS[who.role if who else None]:
        if request.method in UNSAFE and getattr(request.state, "via_cookie", False) and not getattr(
                request.state, "csrf_ok", False):
            check_csrf(request, request.headers.get(CSRF_HEADER))
        return who
    if who is None:
        raise ApiProblem(401, "sign-in-required", bi("masuk terlebih dahulu (token API atau sesi peramban)",
                                                     "sign in first (API token or browser session)"),
                         headers={"WWW-Authenticate": "Bearer"})
    raise ApiProblem(403, "forbidden", bi(f"peran '{who.role.value}' tidak diizinkan: {permission.value}",
                                          f"role '{who.role.value}' may not: {permission.value}"))


def signed_in(request: Request, permission: Permission) -> Account:
    """Like `require`, for actions that always need a user."""
    who = require(request, permission)
    if who is None:
        raise ApiProblem(401, "sign-in-required", bi("masuk terlebih dahulu", "sign in first"),
                         headers={"WWW-Authenticate": "Bearer"})
    return who


def scope_agency(who: Account | None) -> str | None:
    """The agency an officer is limited to (None: not limited)."""
    return who.agency if who is not None and who.role is Role.OFFICER else None


def may_see(who: Account | None, case: dict[str, Any]) -> bool:
    """Whether `who` may see the case `case_detail` describes."""
    agency = scope_agency(who)
    if agency is None:
        return True
    return case.get("agency") == agency or any(f["agency"] == agency for f in case.get("forwarded_to", []))


def not_found(number: str) -> ApiProblem:
    """The answer for a case that does not exist or that the caller may not see (the same, to reveal nothing)."""
    return ApiProblem(404, "not-found", bi(f"perkara {number} tidak ditemukan", f"case {number} not found"))


def browser_id(request: Request) -> str:
    """The random per-browser id of this request (a new one when the browser has none yet)."""
    current = request.cookies.get(BROWSER_COOKIE)
    if not current or len(current) > 100:
        if not hasattr(request.state, "new_browser_id"):
            request.state.new_browser_id = secrets.token_urlsafe(24)
        value: str = request.state.new_browser_id
        return value
    return current


def csrf_token(request: Request) -> str:
    """The CSRF token for this browser."""
    key = request.app.state.settings.secret_key.encode()
    return hmac.new(key, browser_id(request).encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, given: str | None) -> None:
    """Refuse an unsafe request whose CSRF token is missing or wrong (403)."""
    if request.cookies.get(BROWSER_COOKIE) and given and hmac.compare_digest(given, csrf_token(request)):
        request.state.csrf_ok = True
        return
    raise ApiProblem(403, "csrf", bi("token CSRF tidak ada atau salah; muat ulang halaman lalu kirim lagi",
                                     "the CSRF token is missing or wrong; reload the page and send again"))


def set_cookie(response: Any, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    """Set a Secure, HttpOnly, SameSite=Strict cookie."""
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict", path="/",
                        secure=request.app.state.settings.cookie_secure)
