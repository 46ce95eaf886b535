"""Statistics like those the agencies publish, with no personal data: counts by dimension, follow-up rate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from netralitas.registry.models import Case, StoredVerdict, Transition, unpipe
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
    ids = query(session, filters, (Case.id,)).subquery()
    stmt = select(func.count(distinct(Transition.case_id))).where(Transition.to_status == status.value,
                                                                   Transition.case_id.in_(select(ids.c.id)))
    return session.scalar(stmt) or 0


def statistics(session: Session, filters: Filters | None = None) -> Statistics:
    """Counts of the cases matching `filters` (default: all)."""
    filters = filters or Filters()
    columns = (Case.status, Case.source, Case.election, Case.agency, Case.province, Case.position_group,
               Case.act_kinds, StoredVerdict.categories, StoredVerdict.tiers, StoredVerdict.outcome_state,
               Case.received_on)
    counters: dict[str, Counter[str]] = {d: Counter() for d in DIMENSIONS}
    total = 0
    for row in session.execute(query(session, filters, columns)):
        total += 1
        single = {"status": row.status, "source": row.source, "election": row.election, "agency": row.agency,
                  "province": row.province, "position_group": row.position_group, "outcome": row.outcome_state,
                  "received_month": row.received_on.strftime("%Y-%m") if row.received_on else None}
        for name, value in single.items():
            counters[name][value or UNKNOWN] += 1
        for name, piped in (("violation_form", row.act_kinds), ("category", row.categories), ("tier", row.tiers)):
            for value in unpipe(piped or "") or [UNKNOWN]:
                counters[name][value] += 1
    counts = {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for name, c in counters.items()}
    return Statistics(total, _reached(session, filters, Status.RECOMMENDATION_ISSUED),
                      _reached(session, filters, Status.SANCTION_IMPOSED), counts)


__all__ = ["DIMENSIONS", "Statistics", "statistics"]
