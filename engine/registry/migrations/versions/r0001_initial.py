"""Initial registry schema: cases, reporters, officers, evidence, verdicts, transitions, hash-chained audit log.

Revision ID: r0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("verdicts", "transitions", "audit_log")
GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table("reporters", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(200)), sa.Column("contact", sa.String(200)))
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False, index=True),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("election", sa.String(64), index=True),
        sa.Column("additional_information", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reporter_id", sa.Integer, sa.ForeignKey("reporters.id")),
        sa.Column("asn_name", sa.String(200)),
        sa.Column("nip", sa.String(18), index=True),
        sa.Column("employment_status", sa.String(32)),
        sa.Column("position", sa.String(200)),
        sa.Column("position_group", sa.String(32)),
        sa.Column("agency", sa.String(200), index=True),
        sa.Column("region", sa.String(200)),
        sa.Column("occurred_on", sa.Date),
        sa.Column("place", sa.String(300)),
        sa.Column("account", sa.Text, nullable=False, server_default=""),
        sa.Column("incident_json", sa.Text, nullable=False),
        sa.Column("incident_schema_version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table("case_officers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("officer", sa.String(200), nullable=False),
                    sa.UniqueConstraint("case_id", "officer"))
    op.create_table("evidence", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("name", sa.String(300), nullable=False), sa.Column("link", sa.String(1000)),
                    sa.Column("sha256", sa.String(64)))
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("rulebook_hash", sa.String(64), nullable=False),
        sa.Column("engine_version", sa.String(32), nullable=False),
        sa.Column("input_hash", sa.String(64), nullable=False),
        sa.Column("verdict_json", sa.Text, nullable=False),
        sa.Column("summary_id", sa.Text, nullable=False),
        sa.Column("summary_en", sa.Text, nullable=False),
        sa.Column("outcome_state", sa.String(16), nullable=False),
        sa.Column("categories", sa.String(300), nullable=False, server_default=""),
        sa.Column("tiers", sa.String(200), nullable=False, server_default=""),
        sa.Column("instruments", sa.String(1000), nullable=False, server_default=""),
    )
    op.create_table(
        "transitions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("details", sa.JSON, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("case_number", sa.String(32), index=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    head = op.create_table("audit_head", sa.Column("id", sa.Integer, primary_key=True),
                           sa.Column("last_id", sa.Integer, nullable=False),
                           sa.Column("last_hash", sa.String(64), nullable=False))
    op.bulk_insert(head, [{"id": 1, "last_id": 0, "last_hash": GENESIS}])
    _append_only_triggers()


def _append_only_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION netralitas_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$")
        for table in APPEND_ONLY:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION netralitas_append_only()")
        return
    for table in APPEND_ONLY:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")


def downgrade() -> None:
    for table in ("audit_head", "audit_log", "transitions", "verdicts", "evidence", "case_officers", "cases",
                  "reporters"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION netralitas_append_only()")
