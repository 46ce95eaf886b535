"""Export of cases and statistics as CSV or JSON Lines; every export is written to the audit log.

Case exports carry the reported ASN (officers need it) but never the reporter; statistics carry no personal data.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from enum import StrEnum
from typing import Any, TextIO

from sqlalchemy import Engine

from netralitas.registry import audit
from netralitas.registry.db import read_session, write_session
from netralitas.registry.models import Case, StoredVerdict, unpipe
from netralitas.registry.search import Filters, query, with_latest_verdict
from netralitas.registry.stats import statistics

CASE_COLUMNS = ("number", "status", "source", "received_on", "due_on", "election", "asn_name", "nip",
                "employment_status", "position", "position_group", "agency", "region", "province", "occurred_on",
                "place", "act_kinds", "outcome_state", "categories", "tiers", "instruments", "summary_id")


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


def _cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _write(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: ExportFormat, stream: TextIO) -> None:
    if fmt is ExportFormat.CSV:
        writer = csv.DictWriter(stream, fieldnames=list(columns))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
        return
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def case_rows(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """The cases matching `filters`, one flat record each."""
    columns = (*(getattr(Case, c) for c in CASE_COLUMNS[:17]), Case.latest_outcome, Case.latest_categories,
               Case.latest_tiers, Case.latest_instruments, StoredVerdict.summary_id)
    with read_session(engine) as session:
        result = session.execute(with_latest_verdict(query(session, filters, columns)).order_by(Case.id))
        rows = []
        for r in result:
            record = {name: _cell(value) for name, value in zip(CASE_COLUMNS, r, strict=True)}
            for name in ("act_kinds", "categories", "tiers", "instruments"):
                record[name] = unpipe(record[name] or "")
            rows.append(record)
    return rows


def statistic_rows(engine: Engine, filters: Filters) -> list[dict[str, Any]]:
    """The statistics as (dimension, value, cases) records, the totals first."""
    with read_session(engine) as session:
        stats = statistics(session, filters)
    rows: list[dict[str, Any]] = [
        {"dimension": "total", "value": "", "cases": stats.total},
        {"dimension": "recommended", "value": "", "cases": stats.recommended},
        {"dimension": "sanctioned", "value": "", "cases": stats.sanctioned},
    ]
    rows += [{"dimension": d, "value": v, "cases": n} for d, values in stats.counts.items() for v, n in values.items()]
    return rows


def export(engine: Engine, what: str, filters: Filters, fmt: ExportFormat, stream: TextIO, officer: str) -> int:
    """Write `what` ('cases' or 'stats') to `stream`; the number of records. Audited before writing."""
    columns: tuple[str, ...]
    if what == "cases":
        rows, columns = case_rows(engine, filters), CASE_COLUMNS
    else:
        rows, columns = statistic_rows(engine, filters), ("dimension", "value", "cases")
    with write_session(engine) as session:
        audit.append(session, officer, "export", None,
                     {"what": what, "format": fmt.value, "records": len(rows), "filters": filters.as_dict()})
    _write(rows, columns, fmt, stream)
    return len(rows)


__all__ = ["CASE_COLUMNS", "ExportFormat", "export"]
