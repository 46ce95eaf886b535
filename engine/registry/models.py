"""The registry's tables as a typed SQLAlchemy 2 ORM (the schema at the head migration).

Multi-valued search columns (categories, tiers, instruments, act kinds) are stored as `|a|b|` so that one
`LIKE '%|a|%'` finds them on SQLite and PostgreSQL alike. Verdicts, transitions and audit entries are
append-only: the application never updates them and database triggers refuse it.

A case carries a copy of its latest verdict's search columns (`latest_*`), written in the transaction that
appends the verdict, so that filters and statistics read one indexed table instead of joining every case to
its newest verdict. The verdict rows themselves stay as stored.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp kept in UTC (naive in the database, aware in Python) on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def now() -> dt.datetime:
    """The current time in UTC, to the microsecond."""
    return dt.datetime.now(dt.UTC)


def pipes(values: list[str] | set[str] | tuple[str, ...]) -> str:
    """`|a|b|` for a set of values (sorted); `` for none."""
    items = sorted(set(values))
    return f"|{'|'.join(items)}|" if items else ""


def unpipe(text: str) -> list[str]:
    """The values of a `|a|b|` column."""
    return [v for v in text.split("|") if v]


class Base(DeclarativeBase):
    """Declarative base of the registry tables."""


class Reporter(Base):
    """The person who reported, kept apart from the case (name and contact optional)."""

    __tablename__ = "reporters"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))


class Case(Base):
    """A report or a finding about one ASN."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_status_due_on", "status", "due_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    election: Mapped[str | None] = mapped_column(String(64), index=True)
    additional_information: Mapped[bool] = mapped_column(Boolean, default=False)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("reporters.id"))
    asn_name: Mapped[str | None] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(18), index=True)
    employment_status: Mapped[str | None] = mapped_column(String(32))
    position: Mapped[str | None] = mapped_column(String(200))
    position_group: Mapped[str | None] = mapped_column(String(32), index=True)
    agency: Mapped[str | None] = mapped_column(String(200), index=True)
    region: Mapped[str | None] = mapped_column(String(200), index=True)
    province: Mapped[str | None] = mapped_column(String(100), index=True)
    occurred_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(300))
    account: Mapped[str] = mapped_column(Text, default="")
    act_kinds: Mapped[str] = mapped_column(String(500), default="", index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    incident_json: Mapped[str] = mapped_column(Text)
    incident_schema_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    latest_outcome: Mapped[str | None] = mapped_column(String(16), index=True)
    latest_categories: Mapped[str] = mapped_column(String(300), default="", index=True)
    latest_tiers: Mapped[str] = mapped_column(String(200), default="", index=True)
    latest_instruments: Mapped[str] = mapped_column(String(1000), default="", index=True)

    reporter: Mapped[Reporter | None] = relationship()
    officers: Mapped[list[CaseOfficer]] = relationship(order_by="CaseOfficer.id", cascade="all")
    evidence: Mapped[list[Evidence]] = relationship(order_by="Evidence.id", cascade="all")
    forwards: Mapped[list[Forward]] = relationship(order_by="Forward.id", cascade="all")


class CaseOfficer(Base):
    """An officer handling a case."""

    __tablename__ = "case_officers"
    __table_args__ = (UniqueConstraint("case_id", "officer"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    officer: Mapped[str] = mapped_column(String(200))


class Evidence(Base):
    """A reference to evidence (name, link, sha256), never the file itself."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(1000))
    sha256: Mapped[str | None] = mapped_column(String(64))


class Forward(Base):
    """An agency the case was forwarded to (the basis of access scoping later)."""

    __tablename__ = "case_forwards"
    __table_args__ = (UniqueConstraint("case_id", "agency"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    agency: Mapped[str] = mapped_column(String(200))
    forwarded_on: Mapped[dt.date | None] = mapped_column(Date)


class StoredVerdict(Base):
    """One evaluation of a case, kept for ever (append-only)."""

    __tablename__ = "verdicts"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    officer: Mapped[str] = mapped_column(String(200))
    rulebook_hash: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(32))
    input_hash: Mapped[str] = mapped_column(String(64))
    verdict_json: Mapped[str] = mapped_column(Text)
    summary_id: Mapped[str] = mapped_column(Text)
    summary_en: Mapped[str] = mapped_column(Text)
    outcome_state: Mapped[str] = mapped_column(String(16))
    categories: Mapped[str] = mapped_column(String(300), default="")
    tiers: Mapped[str] = mapped_column(String(200), default="")
    instruments: Mapped[str] = mapped_column(String(1000), default="")


class Transition(Base):
    """One status change with who, when and why (append-only)."""

    __tablename__ = "transitions"
    __table_args__ = (Index("ix_transitions_to_status_case_id", "to_status", "case_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(32))
    to_status: Mapped[str] = mapped_column(String(32))
    on_date: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    officer: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class AuditEntry(Base):
    """One change, hash-chained to the previous entry (append-only)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    case_number: Mapped[str | None] = mapped_column(String(32), index=True)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The single row naming the last audit entry; every writer locks it first."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
