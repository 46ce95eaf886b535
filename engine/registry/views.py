"""One case as people and machines see it: a JSON-ready record the text and JSON renderers share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from netralitas.registry.cases import find
from netralitas.registry.compare import compare
from netralitas.registry.deadlines import Deadline
from netralitas.registry.lifecycle import case_deadlines, transitions_of
from netralitas.registry.models import StoredVerdict, unpipe
from netralitas.registry.verdicts import history, load_verdict


def _deadline(item: Deadline, today: dt.date) -> dict[str, Any]:
    basis = item.basis
    return {"step": item.step.model_dump(), "start": item.start, "due": item.due, "met_on": item.met_on,
            "overdue": item.overdue(today), "days": basis.days, "day_kind": basis.kind.value,
            "basis": basis.citation, "text": basis.text, "confidence": basis.confidence.value,
            "note": basis.note.model_dump() if basis.note else None}


def _verdict(row: StoredVerdict) -> dict[str, Any]:
    return {"id": row.id, "created_at": row.created_at.isoformat(), "officer": row.officer,
            "rulebook_hash": row.rulebook_hash, "engine_version": row.engine_version, "input_hash": row.input_hash,
            "outcome": row.outcome_state, "summary": {"id": row.summary_id, "en": row.summary_en},
            "categories": unpipe(row.categories), "tiers": unpipe(row.tiers), "instruments": unpipe(row.instruments)}


def case_detail(session: Session, number: str, today: dt.date | None = None) -> dict[str, Any]:
    """Everything about case `number`: fields, people, evidence, lifecycle, deadlines, verdicts and their change."""
    day = today or dt.date.today()
    case = find(session, number)
    transitions = transitions_of(session, case)
    verdicts = history(session, case)
    change = None
    if len(verdicts) >= 2:
        diff = compare(case.number, load_verdict(verdicts[-2]), load_verdict(verdicts[-1]))
        change = {"changed": diff is not None, "removed": list(diff.removed) if diff else [],
                  "added": list(diff.added) if diff else [],
                  "outcome_old": diff.outcome_old.model_dump() if diff else None,
                  "outcome_new": diff.outcome_new.model_dump() if diff else None}
    fields = ("number", "status", "source", "received_on", "due_on", "election", "additional_information",
              "asn_name", "nip", "employment_status", "position", "position_group", "agency", "region", "province",
              "occurred_on", "place", "account", "incident_schema_version")
    deadlines = case_deadlines(case, transitions)
    return {
        **{name: getattr(case, name) for name in fields},
        "overdue": any(d.overdue(day) and d.met_on is None for d in deadlines),
        "act_kinds": unpipe(case.act_kinds),
        "reporter": {"name": case.reporter.name, "contact": case.reporter.contact} if case.reporter else None,
        "officers": [o.officer for o in case.officers],
        "evidence": [{"name": e.name, "link": e.link, "sha256": e.sha256} for e in case.evidence],
        "forwarded_to": [{"agency": f.agency, "on": f.forwarded_on} for f in case.forwards],
        "transitions": [{"from": t.from_status, "to": t.to_status, "on": t.on_date, "at": t.at.isoformat(),
                         "officer": t.officer, "reason": t.reason, "details": t.details} for t in transitions],
        "deadlines": [_deadline(d, day) for d in deadlines],
        "verdicts": [_verdict(v) for v in verdicts],
        "latest_vs_previous": change,
    }
