"""Cases: the list with filters, facets and full-text search; the case page; its next steps; a kept verdict."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from netralitas.api import casework
from netralitas.api.routes.cases import SearchFilters
from netralitas.api.security import Permission, require, signed_in
from netralitas.api.services import services
from netralitas.evaluation.verdict import Verdict
from netralitas.lang.models import Tier
from netralitas.registry.lifecycle import SANCTION_TIERS
from netralitas.registry.vocabulary import OutcomeState, Status
from netralitas.web.pages import page
from netralitas.web.views.common import form, see_other, view

router = APIRouter()
FACETS = ("status", "outcome", "tier", "agency", "province")


@router.get("/cases")
def case_list(request: Request, filters: SearchFilters, page_number: int = 1) -> Response:
    """Cases matching the filters (GET form, so a search is a link), with facet counts."""
    who = require(request, Permission.READ_CASES)
    number = max(1, min(page_number, 100_000))
    found = casework.find_cases(services(request), who, filters, number, 25)
    stats = casework.counts(services(request), who, filters)
    facets = {name: list(stats.counts.get(name, {}).items())[:8] for name in FACETS}
    query = {k: v for k, v in request.query_params.multi_items() if k != "page_number"}
    return page(request, "cases.html.j2", found=found, filters=filters, facets=facets, query=query,
                statuses=[s.value for s in Status], outcomes=[o.value for o in OutcomeState],
                tiers=[t.value for t in Tier], pages=(found.total + 24) // 25)


def _stored(request: Request, number: str) -> tuple[dict[str, Any], list[tuple[dict[str, Any], Verdict]]]:
    who = request.state.account
    found = casework.detail(services(request), who, number)
    kept = [(item, casework.stored_verdict(services(request), who, number, item["id"])) for item in found["verdicts"]]
    return found, kept


@router.get("/cases/{number}")
def case_page(request: Request, number: str) -> Response:
    """The case: facts, timeline, deadlines, verdicts over time, the latest verdict and the allowed next steps."""
    require(request, Permission.READ_CASES)
    found, kept = _stored(request, number)
    latest = kept[-1][1] if kept else None
    can_write = request.state.account.role.value in ("admin", "officer")
    return page(request, "case.html.j2", case=found, kept=kept, latest=latest,
                view=view(latest, request) if latest else None, can_write=can_write,
                sanction_tiers=SANCTION_TIERS, today=dt.date.today().isoformat())


@router.get("/cases/{number}/verdicts/{verdict_id}")
def kept_verdict(request: Request, number: str, verdict_id: int) -> Response:
    """One kept verdict, printable."""
    who = require(request, Permission.READ_CASES)
    verdict = casework.stored_verdict(services(request), who, number, verdict_id)
    return page(request, "verdict.html.j2", verdict=verdict, view=view(verdict, request), case_number=number)


@router.post("/cases/{number}/evaluate")
async def evaluate(request: Request, number: str) -> Response:
    """Evaluate the case again under the current rulebook (a new verdict is added)."""
    await form(request)
    who = signed_in(request, Permission.WRITE_CASES)
    await run_in_threadpool(casework.evaluate, services(request), who, number)
    return see_other(f"/cases/{number}#verdicts")


def _text(data: Any, name: str) -> str | None:
    value = data.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


@router.post("/cases/{number}/advance")
async def advance(request: Request, number: str) -> Response:
    """Move the case to the step chosen, with the reason and (for a sanction) the decree."""
    data = await form(request)
    who = signed_in(request, Permission.WRITE_CASES)
    body: dict[str, Any] = {"to": _text(data, "to"), "reason": _text(data, "reason") or "", "on": _text(data, "on")}
    if body["to"] == Status.SANCTION_IMPOSED.value:
        body["sanction"] = {"tier": _text(data, "tier") or "", "sanction": _text(data, "sanction") or "",
                            "decree_number": _text(data, "decree_number") or "",
                            "decree_date": _text(data, "decree_date") or _text(data, "on")}
    casework.move(services(request), who, number, {k: v for k, v in body.items() if v is not None})
    return see_other(f"/cases/{number}#timeline")
