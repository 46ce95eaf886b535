"""Filtering and full-text search over cases, paginated with the total count.

Category, tier, instrument and outcome filters apply to each case's latest verdict, through the copy of its
search columns the case carries (`Case.latest_*`), so that no filter joins the verdicts. Text search uses SQLite
FTS5 (`cases_fts`) or PostgreSQL `to_tsvector('simple', account)`: both match every word of the query,
case-insensitively, as whole words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select, text
from sqlalchemy.orm import Session

from netralitas.registry.lifecycle import OPEN
from netralitas.registry.models import Case, Forward, StoredVerdict, unpipe


@dataclass(frozen=True)
class Filters:
    """What to look for; every filter given must hold."""

    status: tuple[str, ...] = ()
    source: str | None = None
    agency: str | None = None
    region: str | None = None
    province: str | None = None
    election: str | None = None
    category: str | None = None
    tier: str | None = None
    instrument: str | None = None
    outcome: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    occurred_from: dt.date | None = None
    occurred_to: dt.date | None = None
    overdue: bool = False
    text: str | None = None
    visible_to: str | None = None
    """Only cases of this agency or forwarded to it (an officer's scope)."""
    today: dt.date = field(default_factory=dt.date.today)

    def as_dict(self) -> dict[str, Any]:
        """The filters set, for the audit log and JSON output."""
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()
                if v not in (None, (), False) and k != "today"}


@dataclass(frozen=True)
class CaseRow:
    """One case in a result list."""

    number: str
    status: str
    source: str
    received_on: dt.date
    due_on: dt.date | None
    overdue: bool
    agency: str | None
    province: str | None
    election: str | None
    asn_name: str | None
    outcome: str | None
    tiers: tuple[str, ...]
    summary_id: str | None
    summary_en: str | None


@dataclass(frozen=True)
class Page:
    """A page of results and the total over all pages."""

    total: int
    page: int
    per_page: int
    rows: tuple[CaseRow, ...]


def latest_verdicts() -> Any:
    """A subquery: the latest verdict id of each case."""
    return select(StoredVerdict.case_id, func.max(StoredVerdict.id).label("verdict_id")).group_by(
        StoredVerdict.case_id).subquery()


def words(query: str) -> list[str]:
    """The words of a text query."""
    return re.findall(r"\w+", query.lower())


def _text_condition(session: Session, query: str) -> Any:
    tokens = words(query)
    if session.get_bind().dialect.name == "postgresql":
        # matched first (a materialized CTE): otherwise, for a page in id order, PostgreSQL may walk the primary key
        # computing each account's tsvector until it has a page, which for a rare pair of words is every case
        matches = func.to_tsvector("simple", Case.account).op("@@")(func.plainto_tsquery("simple", " ".join(tokens)))
        matched = select(Case.id).where(matches).cte("text_matches").prefix_with("MATERIALIZED")
        return Case.id.in_(select(matched.c.id))
    match = " ".join(f'"{t}"' for t in tokens)
    return Case.id.in_(select(text("rowid")).select_from(text("cases_fts")).where(text("cases_fts MATCH :q"))
                       .params(q=match))


def _like(column: Any, value: str) -> Any:
    return column.like(f"%|{value}|%")


def with_latest_verdict(stmt: Select[Any]) -> Select[Any]:
    """`stmt` (over cases) outer-joined to each case's latest verdict, for its columns beyond the search ones."""
    latest = latest_verdicts()
    return (stmt.outerjoin(latest, latest.c.case_id == Case.id)
            .outerjoin(StoredVerdict, StoredVerdict.id == latest.c.verdict_id))


def query(session: Session, filters: Filters, columns: tuple[Any, ...]) -> Select[Any]:
    """A select of `columns` over cases with `filters` applied."""
    stmt = select(*columns).select_from(Case)
    f = filters
    equal: dict[Any, str | None] = {
        Case.source: f.source, Case.agency: f.agency, Case.region: f.region, Case.province: f.province,
        Case.election: f.election, Case.latest_outcome: f.outcome}
    for column, value in equal.items():
        if value is not None:
            stmt = stmt.where(column == value)
    if f.status:
        stmt = stmt.where(Case.status.in_(f.status))
    for column, value in ((Case.latest_categories, f.category), (Case.latest_tiers, f.tier),
                          (Case.latest_instruments, f.instrument)):
        if value is not None:
            stmt = stmt.where(_like(column, value))
    ranges: tuple[tuple[Any, dt.date | None, dt.date | None], ...] = (
        (Case.received_on, f.received_from, f.received_to), (Case.occurred_on, f.occurred_from, f.occurred_to))
    for column, low, high in ranges:
        if low is not None:
            stmt = stmt.where(column >= low)
        if high is not None:
            stmt = stmt.where(column <= high)
    if f.overdue:
        stmt = stmt.where(Case.due_on < f.today, Case.status.in_([s.value for s in OPEN]))
    if f.visible_to is not None:
        stmt = stmt.where(or_(Case.agency == f.visible_to,
                              Case.id.in_(select(Forward.case_id).where(Forward.agency == f.visible_to))))
    if f.text and words(f.text):
        stmt = stmt.where(_text_condition(session, f.text))
    return stmt


def search(session: Session, filters: Filters, page: int = 1, per_page: int = 20) -> Page:
    """One page of the cases matching `filters`, newest first, with the total count."""
    total = session.scalar(query(session, filters, (func.count(),))) or 0
    columns = (Case.id, Case.number, Case.status, Case.source, Case.received_on, Case.due_on, Case.agency,
               Case.province, Case.election, Case.asn_name, Case.latest_outcome, Case.latest_tiers)
    stmt = query(session, filters, columns).order_by(Case.id.desc()).limit(per_page).offset((page - 1) * per_page)
    found = list(session.execute(stmt))
    summaries = _summaries(session, [r.id for r in found])
    open_values = {s.value for s in OPEN}
    rows = tuple(
        CaseRow(r.number, r.status, r.source, r.received_on, r.due_on,
                bool(r.due_on and r.due_on < filters.today and r.status in open_values), r.agency, r.province,
                r.election, r.asn_name, r.latest_outcome, tuple(unpipe(r.latest_tiers or "")),
                *summaries.get(r.id, (None, None)))
        for r in found)
    return Page(total, page, per_page, rows)


def _summaries(session: Session, case_ids: list[int]) -> dict[int, tuple[str, str]]:
    """The latest verdict's summary (Indonesian, English) of each of a page of cases."""
    if not case_ids:
        return {}
    newest = (select(func.max(StoredVerdict.id)).where(StoredVerdict.case_id.in_(case_ids))
              .group_by(StoredVerdict.case_id))
    stmt = select(StoredVerdict.case_id, StoredVerdict.summary_id, StoredVerdict.summary_en).where(
        StoredVerdict.id.in_(newest))
    return {r.case_id: (r.summary_id, r.summary_en) for r in session.execute(stmt)}
