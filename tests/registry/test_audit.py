"""The audit chain: every change appended and chained; `db verify` names an altered or deleted entry."""

from __future__ import annotations

from sqlalchemy import Engine, select, text

from netralitas.registry.audit import verify
from netralitas.registry.db import is_sqlite, read_session
from netralitas.registry.models import AuditEntry
from netralitas.registry.verdicts import evaluate_case

from .conftest import new_case


def _without_triggers(engine: Engine, statement: str) -> None:
    """Tamper as someone with direct database access would: drop the append-only guard, then change a row."""
    with engine.begin() as connection:
        if is_sqlite(engine):
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
        connection.execute(text(statement))


def _report(engine: Engine) -> list[str]:
    with read_session(engine) as session:
        return [p.en for p in verify(session).problems]


def test_every_change_is_chained_and_the_chain_verifies(engine: Engine) -> None:
    number = new_case(engine)
    evaluate_case(engine, number, "andi")
    with read_session(engine) as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        report = verify(session)
    assert [e.action for e in entries] == ["case.add", "verdict.add"]
    assert entries[1].prev_hash == entries[0].hash and report.intact and report.entries == 2


def test_an_altered_entry_is_named(engine: Engine) -> None:
    for _ in range(3):
        new_case(engine)
    _without_triggers(engine, "UPDATE audit_log SET actor = 'mallory' WHERE id = 2")
    assert _report(engine) == ["audit entry 2: its content was altered (hash mismatch)"]


def test_a_deleted_entry_is_named(engine: Engine) -> None:
    for _ in range(3):
        new_case(engine)
    _without_triggers(engine, "DELETE FROM audit_log WHERE id = 2")
    assert _report(engine) == ["audit entries 2–2 are missing (deleted)"]


def test_a_deleted_last_entry_is_noticed(engine: Engine) -> None:
    for _ in range(2):
        new_case(engine)
    _without_triggers(engine, "DELETE FROM audit_log WHERE id = 2")
    assert any("trailing entries deleted" in p for p in _report(engine))
