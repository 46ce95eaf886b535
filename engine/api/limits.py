"""Request size and rate limits, as ASGI middleware answering with problem documents.

The body is read up to its limit before the application sees it (a `Content-Length` over the limit is refused
before reading), so an oversized request is refused whole and nothing of it is stored. The rate limit is a
sliding one-minute window per client (token, session or address) in each process: with N workers a client gets
at most N times the limit; put a shared limiter in front for a strict deployment-wide limit.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from netralitas.api.problems import problem_response
from netralitas.text import Lang

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]
WINDOW_S = 60.0
MAX_CLIENTS = 10_000


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _lang(scope: Scope, headers: dict[str, str]) -> Lang:
    query = scope.get("query_string", b"").decode("latin-1")
    if "lang=en" in query:
        return "en"
    if "lang=id" in query:
        return "id"
    return "en" if headers.get("accept-language", "").lower().startswith("en") else "id"


async def _refuse(scope: Scope, send: Send, status: int, code: str, detail: tuple[str, str],
                  headers: dict[str, str] | None = None) -> None:
    lang = _lang(scope, _headers(scope))
    response = problem_response(status, code, detail[1] if lang == "en" else detail[0], lang, scope.get("path", ""),
                                headers=headers)
    await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}


class BodyLimit:
    """Refuse bodies over `limit(path)` bytes with 413, and malformed lengths with 400."""

    def __init__(self, app: App, limit: Callable[[str], int]) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(scope.get("path", ""))
        too_big = (f"isi permintaan melebihi batas {limit:,} bita".replace(",", "."),
                   f"the request body exceeds the limit of {limit:,} bytes")
        length = _headers(scope).get("content-length")
        if length is not None:
            if not length.isdigit():
                await _refuse(scope, send, 400, "bad-length", ("header Content-Length tidak sah",
                                                               "invalid Content-Length header"))
                return
            if int(length) > limit:
                await _refuse(scope, send, 413, "too-large", too_big)
                return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                await _refuse(scope, send, 413, "too-large", too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class RateLimit:
    """At most `per_minute` requests per client in a sliding minute (429 with Retry-After); 0 disables."""

    def __init__(self, app: App, per_minute: int, exempt: tuple[str, ...] = ("/static/",)) -> None:
        self.app, self.per_minute, self.exempt = app, per_minute, exempt
        self.seen: dict[str, deque[float]] = {}

    def _client(self, scope: Scope) -> str:
        headers = _headers(scope)
        auth = headers.get("authorization")
        if auth:
            return "t:" + auth[-16:]
        client = scope.get("client") or ("?", 0)
        return f"a:{client[0]}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not self.per_minute or path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        now = time.monotonic()
        key = self._client(scope)
        window = self.seen.setdefault(key, deque())
        while window and window[0] <= now - WINDOW_S:
            window.popleft()
        if len(window) >= self.per_minute:
            retry = max(1, int(window[0] + WINDOW_S - now) + 1)
            await _refuse(scope, send, 429, "rate-limited",
                          (f"lebih dari {self.per_minute} permintaan per menit; coba lagi dalam {retry} detik",
                           f"more than {self.per_minute} requests per minute; try again in {retry} s"),
                          {"Retry-After": str(retry)})
            return
        window.append(now)
        if len(self.seen) > MAX_CLIENTS:
            for stale in [k for k, w in self.seen.items() if not w or w[-1] <= now - WINDOW_S]:
                del self.seen[stale]
        await self.app(scope, receive, send)
