"""The registry's cases: create, read, edit, search, evaluate, advance, re-evaluate."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from netralitas.api import casework
from netralitas.api.examples import ADVANCE_EXAMPLE, CASE_EXAMPLE, EDIT_EXAMPLE, SANCTION_EXAMPLE, sample
from netralitas.api.security import Permission, require, signed_in
from netralitas.api.services import services
from netralitas.registry.search import Filters
from netralitas.registry.verdicts import Evaluation
from netralitas.registry.vocabulary import OutcomeState, Source, Status

router = APIRouter(tags=["cases"])
Text = Annotated[str | None, Query(max_length=200)]


def search_filters(status: Annotated[list[Status] | None, Query()] = None, source: Source | None = None,
                   agency: Text = None, region: Text = None, province: Text = None, election: Text = None,
                   category: Text = None, tier: Text = None, instrument: Text = None,
                   outcome: OutcomeState | None = None, received_from: dt.date | None = None,
                   received_to: dt.date | None = None, occurred_from: dt.date | None = None,
                   occurred_to: dt.date | None = None, overdue: bool = False, q: Text = None) -> Filters:
    """The registry's filters from query parameters (validated: a bad date or status is a 422 naming it)."""
    return Filters(status=tuple(s.value for s in status or ()), source=source.value if source else None,
                   agency=agency or None, region=region or None, province=province or None, election=election or None,
                   category=category or None, tier=tier or None, instrument=instrument or None,
                   outcome=outcome.value if outcome else None, received_from=received_from, received_to=received_to,
                   occurred_from=occurred_from, occurred_to=occurred_to, overdue=overdue, text=q or None)


SearchFilters = Annotated[Filters, Depends(search_filters)]


def _evaluation(result: Evaluation) -> dict[str, Any]:
    row = result.stored
    change = result.change
    return {"number": result.number, "first": result.first, "stored": row is not None,
            "verdict_id": row.id if row else None, "outcome": row.outcome_state if row else None,
            "changed": change is not None,
            "removed": list(change.removed) if change else [], "added": list(change.added) if change else []}


CASE_BODY = Body(openapi_examples={
    "report": {"summary": "A public report with its incident",
               "value": {**CASE_EXAMPLE, "incident": sample("camat-kades")}}})


@router.post("/cases", summary="Register a case", status_code=201)
def create_case(request: Request, body: Annotated[dict[str, Any], CASE_BODY]) -> JSONResponse:
    """A case file (as for `netralitas cases add`, with the incident inline) → the new case."""
    who = signed_in(request, Permission.WRITE_CASES)
    number = casework.create(services(request), who, body)
    found = casework.detail(services(request), who, number)
    return JSONResponse(jsonable_encoder(found), status_code=201, headers={"Location": f"/api/v1/cases/{number}"})


@router.get("/cases", summary="Search cases")
def search_cases(request: Request, filters: SearchFilters, page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                 per_page: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
    """Filters and full-text search (`q`: every word, whole words, in the account), newest first."""
    who = require(request, Permission.READ_CASES)
    found = casework.find_cases(services(request), who, filters, page, per_page)
    encoded: dict[str, Any] = jsonable_encoder({"total": found.total, "page": found.page, "per_page": found.per_page,
                                                "items": [row.__dict__ for row in found.rows]})
    return encoded


@router.get("/cases/{number}", summary="One case")
def read_case(request: Request, number: str) -> Any:
    """A case with its people, evidence, timeline, deadlines, every verdict and the latest in full."""
    who = require(request, Permission.READ_CASES)
    return jsonable_encoder(casework.detail(services(request), who, number))


@router.patch("/cases/{number}", summary="Edit a case")
def edit_case(request: Request, number: str, body: Annotated[dict[str, Any], Body(openapi_examples={
        "place": {"summary": "Correct the place, forward to BKN", "value": EDIT_EXAMPLE}})]) -> Any:
    """Set fields and add officers, evidence or forwards; stored verdicts are never touched."""
    who = signed_in(request, Permission.WRITE_CASES)
    return jsonable_encoder({"changes": casework.edit(services(request), who, number, body)})


@router.post("/cases/{number}/evaluate", summary="Evaluate a case and keep the verdict")
async def evaluate_case(request: Request, number: str) -> dict[str, Any]:
    """A new verdict row under the current rulebook, with what changed since the previous one."""
    who = signed_in(request, Permission.WRITE_CASES)
    result = await run_in_threadpool(casework.evaluate, services(request), who, number)
    return _evaluation(result)


@router.post("/cases/{number}/advance", summary="Move a case to its next step")
def advance_case(request: Request, number: str, body: Annotated[dict[str, Any], Body(openapi_examples={
        "verify": {"summary": "To joint verification", "value": ADVANCE_EXAMPLE},
        "sanction": {"summary": "Sanction imposed", "value": SANCTION_EXAMPLE}})]) -> Any:
    """One allowed transition, recorded with who, when and why (409 when the current step does not allow it)."""
    who = signed_in(request, Permission.WRITE_CASES)
    details = casework.move(services(request), who, number, body)
    return jsonable_encoder({"details": details, "case": casework.detail(services(request), who, number)})


@router.post("/cases/reevaluate", summary="Re-evaluate every open case (administrators)")
async def reevaluate(request: Request, dry_run: bool = False) -> dict[str, Any]:
    """Re-run open cases under the current rulebook; a verdict is added where the rulebook or input changed."""
    who = signed_in(request, Permission.ADMIN)
    results = await run_in_threadpool(casework.reevaluate_all, services(request), who, dry_run)
    return {"cases": len(results), "changed": [_evaluation(r) for r in results if r.change is not None]}
