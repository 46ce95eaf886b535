"""Province, act kinds, the current step's due date and forwarded-to agencies on cases; full-text search.

SQLite: an FTS5 table kept in step by triggers (and rebuilt for existing cases). PostgreSQL: a GIN index
on `to_tsvector('simple', account)`.

Revision ID: r0002
Revises: r0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0002"
down_revision = "r0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("province", sa.String(100)))
        batch.add_column(sa.Column("act_kinds", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("due_on", sa.Date))
        batch.create_index("ix_cases_province", ["province"])
    op.create_table("case_forwards", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
                    sa.Column("agency", sa.String(200), nullable=False), sa.Column("forwarded_on", sa.Date),
                    sa.UniqueConstraint("case_id", "agency"))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_cases_account_fts ON cases USING gin (to_tsvector('simple', account))")
        return
    op.execute("CREATE VIRTUAL TABLE cases_fts USING fts5(account, content='cases', content_rowid='id')")
    op.execute("CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN "
               "INSERT INTO cases_fts(rowid, account) VALUES (new.id, new.account); END")
    op.execute("CREATE TRIGGER cases_fts_update AFTER UPDATE OF account ON cases BEGIN "
               "INSERT INTO cases_fts(cases_fts, rowid, account) VALUES ('delete', old.id, old.account); "
               "INSERT INTO cases_fts(rowid, account) VALUES (new.id, new.account); END")
    op.execute("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_cases_account_fts")
    else:
        for name in ("cases_fts_update", "cases_fts_insert"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE cases_fts")
    op.drop_table("case_forwards")
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_province")
        batch.drop_column("due_on")
        batch.drop_column("act_kinds")
        batch.drop_column("province")
