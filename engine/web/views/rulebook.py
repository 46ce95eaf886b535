"""The rulebook as `netralitas rules doc` renders it, plus a server-side search that works without a script."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from netralitas.api.problems import request_lang
from netralitas.api.security import Permission, require
from netralitas.api.services import services
from netralitas.authoring.docgen import Document, build, render
from netralitas.authoring.scenarios import LoadedScenario, load_scenarios, scenario_files
from netralitas.rulebook import Rulebook
from netralitas.text import Lang
from netralitas.web.pages import page

router = APIRouter()
DOC_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


def _scenarios(book: Rulebook) -> list[LoadedScenario]:
    found: list[LoadedScenario] = []
    for file in scenario_files(book.root):
        found.extend(load_scenarios(file))
    return found


_DOCUMENTS: dict[tuple[str, Lang], Document] = {}
_PAGES: dict[tuple[str, Lang], str] = {}


def _document(book: Rulebook, lang: Lang) -> Document:
    key = (book.content_hash, lang)
    if key not in _DOCUMENTS:
        _DOCUMENTS[key] = build(book, _scenarios(book), lang)
    return _DOCUMENTS[key]


def _html(book: Rulebook, lang: Lang) -> str:
    key = (book.content_hash, lang)
    if key not in _PAGES:
        _PAGES[key] = _page_html(book, lang)
    return _PAGES[key]


def _page_html(book: Rulebook, lang: Lang) -> str:
    nav = ('<p class="app-nav"><a href="/intake">netralitas</a> · <a href="/rulebook/search">'
           + ("Cari tanpa skrip" if lang == "id" else "Search without a script") + "</a></p>")
    return render(_document(book, lang), "html", "index").replace("<body>", "<body>" + nav, 1)


@router.get("/rulebook")
def rulebook_page(request: Request) -> Response:
    """The rendered rulebook: by instrument and provision; every verdict citation links to its anchor here."""
    require(request, Permission.RULEBOOK)
    html = _html(services(request).rulebook, request_lang(request))
    return HTMLResponse(html, headers={"Content-Security-Policy": DOC_CSP})


@router.get("/rulebook/search")
def rulebook_search(request: Request, q: str = "") -> Response:
    """Provisions whose heading, text or rules contain every word of `q`."""
    require(request, Permission.RULEBOOK)
    document = _document(services(request).rulebook, request_lang(request))
    terms = [t for t in q.lower().split() if t][:10]
    hits = []
    for instrument in document.instruments:
        for provision in instrument.provisions:
            text = " ".join([instrument.short, provision.heading, provision.text,
                             *(f"{r.id} {r.title}" for r in provision.rules)]).lower()
            if terms and all(t in text for t in terms):
                hits.append((instrument, provision))
    return page(request, "rulebook_search.html.j2", q=q[:200], hits=hits)
