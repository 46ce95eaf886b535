"""Statistics: the registry's counts as server-drawn SVG charts, each with its table (no personal data)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from netralitas.api import casework
from netralitas.api.problems import request_lang
from netralitas.api.routes.cases import SearchFilters
from netralitas.api.security import Permission, require
from netralitas.api.services import services
from netralitas.lang.labels import CATEGORY_LABELS, TIER_LABELS
from netralitas.registry.vocabulary import OUTCOME_LABELS, SOURCE_LABELS, STATUS_LABELS
from netralitas.text import LocalizedText, bi
from netralitas.web.charts import Bar, bar_chart
from netralitas.web.pages import labelled, page

router = APIRouter()
TITLES: dict[str, LocalizedText] = {
    "status": bi("Menurut status", "By status"), "agency": bi("Menurut instansi", "By agency"),
    "province": bi("Menurut provinsi", "By province"), "violation_form": bi("Menurut bentuk pelanggaran",
                                                                            "By violation form"),
    "tier": bi("Menurut tingkat hukuman", "By sanction tier"), "category": bi("Menurut kategori", "By category"),
    "outcome": bi("Menurut hasil evaluasi", "By outcome"), "election": bi("Menurut pemilihan", "By election"),
    "position_group": bi("Menurut kelompok jabatan", "By position group"), "source": bi("Menurut sumber",
                                                                                         "By source"),
    "received_month": bi("Menurut bulan diterima", "By month received"),
}
LABELS: dict[str, Mapping[Any, LocalizedText]] = {
    "status": STATUS_LABELS, "tier": TIER_LABELS, "category": CATEGORY_LABELS, "outcome": OUTCOME_LABELS,
          "source": SOURCE_LABELS}
ORDER = ("status", "agency", "province", "violation_form", "tier", "category", "outcome", "election",
         "position_group", "source", "received_month")


@router.get("/stats")
def statistics_page(request: Request, filters: SearchFilters) -> Response:
    """Every dimension as a chart and a table."""
    who = require(request, Permission.STATISTICS)
    lang = request_lang(request)
    stats = casework.counts(services(request), who, filters)
    charts = []
    for index, name in enumerate(d for d in ORDER if d in stats.counts):
        table: dict[Any, LocalizedText] = dict(LABELS.get(name, {}))
        rows = [(labelled(table, value, lang) if table else value, count)
                for value, count in stats.counts[name].items()]
        if name == "received_month":
            rows.sort()
        title = TITLES.get(name, bi(name, name)).get(lang)
        charts.append({"name": name, "title": title, "rows": rows,
                       "svg": bar_chart(title, [Bar(label, count) for label, count in rows], index)})
    rate = stats.follow_up_rate
    return page(request, "stats.html.j2", stats=stats, charts=charts,
                rate=None if rate is None else f"{rate * 100:.0f}%")
