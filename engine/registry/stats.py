"""Statistics like those the agencies publish, with no personal data: counts by dimension, follow-up rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, distinct, func, literal, select, union_all
from sqlalchemy.orm import Session

from netralitas.registry.models import Case, Transition, unpipe
from netralitas.registry.search import Filters, query
from netralitas.registry.vocabulary import Status

UNKNOWN = "(tidak diketahui)"
DIMENSIONS = ("status", "source", "election", "agency", "province", "position_group", "violation_form", "category",
              "tier", "outcome", "received_month")


@dataclass(frozen=True)
class Statistics:
    """Counts per dimension (value → cases) and the follow-up rate."""

    total: int
    recommended: int
    sanctioned: int
    counts: dict[str, dict[str, int]]

    @property
    def follow_up_rate(self) -> float | None:
        """Share of recommended cases in which a sanction was imposed."""
        return self.sanctioned / self.recommended if self.recommended else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"total": self.total, "recommended": self.recommended, "sanctioned": self.sanctioned,
                "follow_up_rate": self.follow_up_rate, "counts": self.counts}


def _reached(session: Session, filters: Filters, status: Status) -> int:
    stmt = select(func.count(distinct(Transition.case_id))).where(Transition.to_status == status.value)
    if filters.as_dict():
        ids = query(session, filters, (Case.id,)).subquery()
        stmt = stmt.where(Transition.case_id.in_(select(ids.c.id)))
    return session.scalar(stmt) or 0


SINGLE = ("status", "source", "election", "agency", "province", "position_group", "outcome")
PIPED = ("violation_form", "category", "tier")
COLUMNS: dict[str, Any] = {
    "status": Case.status, "source": Case.source, "election": Case.election, "agency": Case.agency,
    "province": Case.province, "position_group": Case.position_group, "outcome": Case.latest_outcome,
    "violation_form": Case.act_kinds, "category": Case.latest_categories, "tier": Case.latest_tiers,
    "received_month": Case.received_on}


def _grouped(session: Session, filters: Filters) -> dict[str, list[tuple[Any, int]]]:
    """(stored value, cases) per dimension among the cases matching `filters`, counted by GROUP BY.

    Over every case, one GROUP BY per dimension, each read from its column's index. Over a subset, the matching
    rows are read once (a CTE, materialized) and grouped by each dimension in one UNION ALL statement.
    """
    grouped: dict[str, list[tuple[Any, int]]] = {name: [] for name in COLUMNS}
    if not filters.as_dict():
        for name, column in COLUMNS.items():
            grouped[name] = [(value, count) for value, count in session.execute(
                query(session, filters, (column, func.count())).group_by(column))]
        return grouped
    subset = query(session, filters, tuple(cast(c, String).label(n) for n, c in COLUMNS.items())).cte("subset")
    if session.get_bind().dialect.name == "postgresql":
        subset = subset.prefix_with("MATERIALIZED")
    parts = [select(literal(name).label("dimension"), subset.c[name], func.count()).group_by(subset.c[name])
             for name in COLUMNS]
    for dimension, value, count in session.execute(union_all(*parts)):
        grouped[dimension].append((value, count))
    return grouped


def statistics(session: Session, filters: Filters | None = None) -> Statistics:
    """Counts of the cases matching `filters` (default: all), counted in the database.

    A multi-valued column (forms, categories, tiers) is grouped by its stored set, then each set's count is
    added to every value in it; months are folded from the counts per day.
    """
    filters = filters or Filters()
    grouped = _grouped(session, filters)
    counters: dict[str, Counter[str]] = {d: Counter() for d in DIMENSIONS}
    for name in SINGLE:
        for value, count in grouped[name]:
            counters[name][value or UNKNOWN] += count
    for name in PIPED:
        for piped, count in grouped[name]:
            for value in unpipe(piped or "") or [UNKNOWN]:
                counters[name][value] += count
    for day, count in grouped["received_month"]:
        counters["received_month"][str(day)[:7] if day else UNKNOWN] += count  # a date, or its ISO text
    total = sum(counters["status"].values())
    counts = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in counters.items()}
    return Statistics(total, _reached(session, filters, Status.RECOMMENDATION_ISSUED),
                      _reached(session, filters, Status.SANCTION_IMPOSED), counts)


__all__ = ["DIMENSIONS", "Statistics", "statistics"]
