"""Moving a case along its lifecycle: one checked transition, recorded and audited in one transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from netralitas.registry import audit
from netralitas.registry.cases import find
from netralitas.registry.db import write_session
from netralitas.registry.errors import TransitionRefused
from netralitas.registry.lifecycle import Sanction, check, details_for, record
from netralitas.registry.vocabulary import Status
from netralitas.text import bi


def advance(engine: Engine, number: str, target: Status, officer: str, reason: str, on: dt.date | None = None,
            sanction: Sanction | None = None, summons_on: dt.date | None = None) -> dict[str, str]:
    """Move case `number` to `target` on `on` (default today); the details recorded."""
    if not reason.strip():
        raise TransitionRefused(bi("alasan perpindahan status wajib diisi (--reason)",
                                   "a reason for the status change is required (--reason)"))
    day = on or dt.date.today()
    with write_session(engine) as session:
        case = find(session, number)
        current = Status(case.status)
        check(current, target, case.number)
        if day < case.received_on:
            raise TransitionRefused(bi(f"perkara {case.number}: tanggal {day} sebelum tanggal diterima "
                                       f"{case.received_on}", f"case {case.number}: date {day} is before the date"
                                       f" received {case.received_on}"))
        details = details_for(target, day, sanction, summons_on, case.number)
        record(session, case, target, day, officer, reason, details)
        audit.append(session, officer, "case.advance", case.number,
                     {"from": current.value, "to": target.value, "on": day, "reason": reason, **details})
    return details
