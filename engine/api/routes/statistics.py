"""Statistics over the cases the caller may see (no personal data), and exports of cases and statistics."""

from __future__ import annotations

import io
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from netralitas.api import casework
from netralitas.api.routes.cases import SearchFilters
from netralitas.api.security import Permission, require, signed_in
from netralitas.api.services import services
from netralitas.registry.export import ExportFormat, export

router = APIRouter(tags=["statistics"])
MEDIA = {ExportFormat.CSV: "text/csv; charset=utf-8", ExportFormat.JSONL: "application/jsonl"}


@router.get("/statistics", summary="Counts by status, agency, province, position group, violation form, tier ...")
def statistics(request: Request, filters: SearchFilters) -> dict[str, Any]:
    """The registry's statistics for the cases matching the filters (an officer: their agency's)."""
    who = require(request, Permission.STATISTICS)
    return casework.counts(services(request), who, filters).as_dict()


@router.get("/exports/{what}", summary="Export cases or statistics as CSV or JSON Lines")
def export_records(request: Request, what: Literal["cases", "statistics"], filters: SearchFilters,
                   format: ExportFormat = ExportFormat.CSV) -> Response:
    """Every matching record (cases never include the reporter); each export is written to the audit log."""
    who = signed_in(request, Permission.EXPORT)
    out = io.StringIO()
    export(services(request).engine, "cases" if what == "cases" else "stats", casework.scoped(who, filters), format,
           out, who.username)
    name = f"netralitas-{what}.{format.value}"
    return Response(out.getvalue(), media_type=MEDIA[format],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
