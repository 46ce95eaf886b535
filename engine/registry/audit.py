"""The audit log: every change appended, each entry chained to the previous by sha256 over canonical JSON.

Callers append inside `db.write_session`, which has locked the chain head row, so entries are numbered and
chained in one order even with concurrent writers. `verify` recomputes the chain and names each broken row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from netralitas.registry.models import AuditEntry, AuditHead, now
from netralitas.text import LocalizedText, bi

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(entry_id: int, at: str, actor: str, action: str, case_number: str | None, payload: str,
               prev_hash: str) -> str:
    """The hash of one entry's content and its predecessor's hash."""
    body = {"id": entry_id, "at": at, "actor": actor, "action": action, "case_number": case_number,
            "payload": payload, "prev_hash": prev_hash}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def _chained(entry_id: int, prev: str, actor: str, action: str, case_number: str | None,
             payload: dict[str, Any]) -> dict[str, Any]:
    at, text = now().isoformat(), canonical(payload)
    return {"id": entry_id, "at": at, "actor": actor, "action": action, "case_number": case_number, "payload": text,
            "prev_hash": prev, "hash": entry_hash(entry_id, at, actor, action, case_number, text, prev)}


def append(session: Session, actor: str, action: str, case_number: str | None, payload: dict[str, Any]) -> AuditEntry:
    """Append one entry after the current head (the head row must be locked by this transaction)."""
    head = session.get_one(AuditHead, 1)
    entry = AuditEntry(**_chained(head.last_id + 1, head.last_hash, actor, action, case_number, payload))
    session.add(entry)
    head.last_id, head.last_hash = entry.id, entry.hash
    session.flush()
    return entry


Pending = tuple[str, str, str | None, dict[str, Any]]
"""An entry to append: actor, action, case number, payload."""


def append_many(session: Session, entries: list[Pending]) -> None:
    """Append `entries` in order after the current head with one multi-row INSERT (the head row must be locked)."""
    if not entries:
        return
    head = session.get_one(AuditHead, 1)
    rows, entry_id, prev = [], head.last_id, head.last_hash
    for actor, action, case_number, payload in entries:
        entry_id += 1
        rows.append(_chained(entry_id, prev, actor, action, case_number, payload))
        prev = rows[-1]["hash"]
    session.execute(insert(AuditEntry), rows)
    head.last_id, head.last_hash = entry_id, prev
    session.flush()


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain: entries checked and each problem found."""

    entries: int
    problems: tuple[LocalizedText, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(session: Session) -> ChainReport:
    """Recompute every hash and link; report altered, deleted, inserted or truncated entries by id."""
    problems: list[LocalizedText] = []
    expected_id, prev, count = 1, GENESIS, 0
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        count += 1
        if entry.id != expected_id:
            problems.append(bi(f"entri audit {expected_id}–{entry.id - 1} hilang (dihapus)",
                               f"audit entries {expected_id}–{entry.id - 1} are missing (deleted)"))
        elif entry.prev_hash != prev:
            problems.append(bi(f"entri audit {entry.id}: tidak tersambung dengan entri sebelumnya",
                               f"audit entry {entry.id}: not linked to the previous entry"))
        recomputed = entry_hash(entry.id, entry.at, entry.actor, entry.action, entry.case_number, entry.payload,
                                entry.prev_hash)
        if recomputed != entry.hash:
            problems.append(bi(f"entri audit {entry.id}: isinya diubah (hash tidak cocok)",
                               f"audit entry {entry.id}: its content was altered (hash mismatch)"))
        expected_id, prev = entry.id + 1, entry.hash
    head = session.get_one(AuditHead, 1)
    if head.last_id != expected_id - 1 or head.last_hash != prev:
        problems.append(bi(f"ujung rantai audit menunjuk entri {head.last_id}, tetapi entri terakhir adalah "
                           f"{expected_id - 1} (entri akhir dihapus)",
                           f"the audit chain head names entry {head.last_id} but the last entry is {expected_id - 1}"
                           " (trailing entries deleted)"))
    return ChainReport(count, tuple(problems))
