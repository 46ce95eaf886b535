"""The latest verdict's search columns on each case, and indexes for search, filters, overdue and statistics.

`cases.latest_outcome`, `latest_categories`, `latest_tiers` and `latest_instruments` copy the newest verdict's
columns (filled here from the verdicts already stored; the verdict rows are not touched). Indexes cover every
column a filter or a statistic reads, `(status, due_on)` the overdue filter and `(to_status, case_id)` the
follow-up counts.

Revision ID: r0004
Revises: r0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0004"
down_revision = "r0003"
branch_labels = None
depends_on = None

LATEST = (("latest_outcome", "outcome_state", sa.String(16), None), ("latest_categories", "categories",
          sa.String(300), ""), ("latest_tiers", "tiers", sa.String(200), ""),
          ("latest_instruments", "instruments", sa.String(1000), ""))
CASE_INDEXES = ("source", "received_on", "position_group", "region", "occurred_on", "act_kinds",
                *(name for name, *_ in LATEST))


def upgrade() -> None:
    for name, _source, kind, default in LATEST:
        if default is None:
            op.add_column("cases", sa.Column(name, kind))
        else:
            op.add_column("cases", sa.Column(name, kind, nullable=False, server_default=default))
    assignments = ", ".join(
        f"{name} = COALESCE((SELECT v.{source} FROM verdicts v WHERE v.case_id = cases.id ORDER BY v.id DESC"
        f" LIMIT 1), {'NULL' if default is None else repr(default)})" for name, source, _kind, default in LATEST)
    op.execute(f"UPDATE cases SET {assignments} WHERE EXISTS (SELECT 1 FROM verdicts v WHERE v.case_id = cases.id)")
    for column in CASE_INDEXES:
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_index("ix_cases_status_due_on", "cases", ["status", "due_on"])
    op.create_index("ix_transitions_to_status_case_id", "transitions", ["to_status", "case_id"])


def downgrade() -> None:
    op.drop_index("ix_transitions_to_status_case_id", "transitions")
    op.drop_index("ix_cases_status_due_on", "cases")
    for column in CASE_INDEXES:
        op.drop_index(f"ix_cases_{column}", "cases")
    for name, *_ in reversed(LATEST):
        op.drop_column("cases", name)
