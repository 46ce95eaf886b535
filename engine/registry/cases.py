"""Service functions on cases: add, find, edit. Each write is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from netralitas import Incident
from netralitas.registry import audit
from netralitas.registry.casefile import INCIDENT_SCHEMA_VERSION, CaseFile, EvidenceIn, canonical_incident
from netralitas.registry.db import write_session
from netralitas.registry.errors import CaseFileError, CaseNotFound
from netralitas.registry.lifecycle import record_received, refresh_due
from netralitas.registry.models import Case, CaseOfficer, Evidence, Forward, Reporter, now, pipes
from netralitas.registry.nip import parse_nip
from netralitas.registry.vocabulary import Status, position_group
from netralitas.text import bi

NUMBER_PREFIX = "NET"


def case_number(year: int, sequence: int) -> str:
    """`NET-2026-000123`."""
    return f"{NUMBER_PREFIX}-{year}-{sequence:06d}"


def find(session: Session, number: str) -> Case:
    """The case with `number`, or `CaseNotFound`."""
    case = session.scalar(select(Case).where(Case.number == number.strip().upper()))
    if case is None:
        raise CaseNotFound(number)
    return case


def _value(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value if isinstance(value, Enum) else value)


def _account(case: CaseFile, incident: Incident) -> str:
    if case.account:
        return case.account
    parts = [incident.title or ""] + [a.description or "" for a in incident.acts]
    return "\n".join(p for p in parts if p)


def check_nip(nip: str | None) -> str | None:
    """The NIP validated (None when not given), or `InvalidNip`."""
    return parse_nip(nip).value if nip else None


def new_case_row(case: CaseFile, incident: Incident, officer: str, received: dt.date, sequence: int) -> Case:
    """The row of a new case numbered `sequence` in the year received (NIP checked; not yet in a session)."""
    person, asn = incident.person, case.asn
    nip = check_nip(asn.nip or person.nip)
    reporter = None
    if case.reporter and (case.reporter.name or case.reporter.contact):
        reporter = Reporter(name=case.reporter.name, contact=case.reporter.contact)
    return Case(
        number=case_number(received.year, sequence), year=received.year, sequence=sequence, source=case.source.value,
        status=Status.RECEIVED.value, received_on=received,
        election=case.election or (incident.election.calendar if incident.election else None),
        additional_information=case.additional_information, reporter=reporter,
        asn_name=asn.name or person.name, nip=nip,
        employment_status=asn.employment_status or _value(person.employment_status),
        position=asn.position or _value(person.office) or _value(person.position_class),
        position_group=asn.position_group or position_group(_value(person.position_class), _value(person.office)),
        agency=asn.agency or person.agency, region=asn.region or person.region, province=asn.province,
        occurred_on=case.occurred_on or incident.reference_date(), place=case.place,
        account=_account(case, incident), act_kinds=pipes([a.kind.value for a in incident.acts]),
        incident_json=canonical_incident(incident), incident_schema_version=INCIDENT_SCHEMA_VERSION,
        officers=[CaseOfficer(officer=o) for o in dict.fromkeys([officer, *case.officers])],
        evidence=[Evidence(name=e.name, link=e.link, sha256=e.sha256) for e in case.evidence],
        forwards=[Forward(agency=a, forwarded_on=received) for a in dict.fromkeys(case.forwarded_to)],
    )


def last_sequence(session: Session, year: int) -> int:
    """The highest case sequence number used in `year` (0 for none); call it holding the write lock."""
    return session.scalar(select(func.max(Case.sequence)).where(Case.year == year)) or 0


def added_payload(row: Case) -> dict[str, Any]:
    """What the audit log records of a new case."""
    return {"source": row.source, "received_on": row.received_on, "election": row.election, "agency": row.agency}


def add_case(engine: Engine, case: CaseFile, incident: Incident, officer: str, today: dt.date | None = None) -> str:
    """Register a case; its number."""
    check_nip(case.asn.nip or incident.person.nip)
    received = case.received_on or today or dt.date.today()
    with write_session(engine) as session:
        row = new_case_row(case, incident, officer, received, last_sequence(session, received.year) + 1)
        session.add(row)
        session.flush()
        record_received(session, row, officer)
        audit.append(session, officer, "case.add", row.number, added_payload(row))
    return row.number


class CaseEdit(BaseModel):
    """Changes to a case: fields to set (None = unchanged) and items to add."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    asn_name: str | None = None
    nip: str | None = None
    employment_status: str | None = None
    position: str | None = None
    position_group: str | None = None
    agency: str | None = None
    region: str | None = None
    province: str | None = None
    occurred_on: dt.date | None = None
    place: str | None = None
    account: str | None = None
    election: str | None = None
    additional_information: bool | None = None
    add_officers: list[str] = Field(default_factory=list)
    add_evidence: list[EvidenceIn] = Field(default_factory=list)
    add_forwards: list[str] = Field(default_factory=list)
    incident: Incident | None = None


_FIELDS = ("asn_name", "nip", "employment_status", "position", "position_group", "agency", "region", "province",
           "occurred_on", "place", "account", "election", "additional_information")


def edit_case(engine: Engine, number: str, edit: CaseEdit, officer: str, reason: str) -> dict[str, Any]:
    """Apply `edit`; the changes made (field: [old, new]). Stored verdicts are never touched."""
    if edit.nip:
        edit = edit.model_copy(update={"nip": parse_nip(edit.nip).value})
    with write_session(engine) as session:
        case = find(session, number)
        changes: dict[str, Any] = {}
        for field in _FIELDS:
            new = getattr(edit, field)
            if new is not None and new != getattr(case, field):
                changes[field] = [getattr(case, field), new]
                setattr(case, field, new)
        if edit.incident is not None:
            text = canonical_incident(edit.incident)
            if text != case.incident_json:
                changes["incident"] = "replaced"
                case.incident_json, case.incident_schema_version = text, INCIDENT_SCHEMA_VERSION
                case.act_kinds = pipes([a.kind.value for a in edit.incident.acts])
        known = {o.officer for o in case.officers}
        for name in dict.fromkeys(edit.add_officers):
            if name not in known:
                case.officers.append(CaseOfficer(officer=name))
                changes.setdefault("officers_added", []).append(name)
        for item in edit.add_evidence:
            case.evidence.append(Evidence(name=item.name, link=item.link, sha256=item.sha256))
            changes.setdefault("evidence_added", []).append(item.name)
        agencies = {f.agency for f in case.forwards}
        for agency in dict.fromkeys(edit.add_forwards):
            if agency not in agencies:
                case.forwards.append(Forward(agency=agency, forwarded_on=dt.date.today()))
                changes.setdefault("forwarded_to", []).append(agency)
        if not changes:
            raise CaseFileError(bi(f"perkara {case.number}: tidak ada perubahan",
                                   f"case {case.number}: nothing to change"))
        case.updated_at = now()
        refresh_due(session, case)
        session.flush()
        audit.append(session, officer, "case.edit", case.number, {"reason": reason, "changes": changes})
    return changes
