"""Turn a validated incident into flat facts, one per subject, ready for matching.

Each fact is a dict from fact path (see `paths.py`) to a plain value: an enum's string value,
a bool, a date, or a frozenset of strings. Unknown facts are simply absent. Derived values
(phase, target standing, CLTN at the date, ASN status) are computed here and recorded with
an explanation, so the verdict can say where each value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from netralitas.facts.calendars import Calendar, ResolvedElection, resolve_election
from netralitas.facts.models import Act, Incident, Person
from netralitas.facts.vocabulary import EmploymentStatus, Standing, TargetKind
from netralitas.text import LocalizedText, bi

Subject = Literal["person", "act"]


@dataclass(frozen=True)
class Derivation:
    """A value the engine derived rather than read."""

    path: str
    value: Any
    reason: LocalizedText


@dataclass(frozen=True)
class Fact:
    """The flat facts about one subject: the person, or one act."""

    index: int
    subject: Subject
    label: str
    values: dict[str, Any]
    date: date | None
    act_index: int | None = None
    derivations: tuple[Derivation, ...] = field(default=())


@dataclass(frozen=True)
class NormalisedIncident:
    """An incident as the engine sees it."""

    incident: Incident
    election: ResolvedElection
    reference_date: date | None
    facts: tuple[Fact, ...]


def _put(values: dict[str, Any], path: str, value: Any) -> None:
    if value is None:
        return
    if isinstance(value, list):
        values[path] = frozenset(str(v) for v in value)
    elif hasattr(value, "value") and isinstance(value.value, str):
        values[path] = value.value
    else:
        values[path] = value


def _on_cltn(person: Person, day: date | None) -> bool | None:
    if person.cltn is None or day is None:
        return None
    return any(p.contains(day) for p in person.cltn)


def _person_values(incident: Incident, election: ResolvedElection, day: date | None) -> dict[str, Any]:
    person = incident.person
    values: dict[str, Any] = {}
    _put(values, "incident.date", incident.reference_date())
    _put(values, "person.employment_status", person.employment_status)
    _put(values, "person.position_class", person.position_class)
    _put(values, "person.office", person.office)
    if person.employment_status is not None:
        values["person.is_asn"] = person.employment_status is not EmploymentStatus.NON_ASN
    if person.party:
        _put(values, "person.party.member", person.party.member)
        _put(values, "person.party.role", person.party.role)
        _put(values, "person.party.since", person.party.since)
    if person.candidacy:
        _put(values, "person.candidacy.race", person.candidacy.race)
        _put(values, "person.candidacy.determined_on", person.candidacy.determined_on)
        _put(values, "person.candidacy.resigned", person.candidacy.resigned)
        _put(values, "person.candidacy.resigned_on", person.candidacy.resigned_on)
    if person.spouse:
        _put(values, "person.spouse.is_candidate", person.spouse.is_candidate)
    _put(values, "person.on_cltn", _on_cltn(person, day))
    _put(values, "election.kind", election.kind)
    _put(values, "election.race", election.race)
    for name in ("determination_date", "campaign_start", "campaign_end", "quiet_start", "quiet_end", "voting_day"):
        _put(values, f"election.{name}", getattr(election, name))
    return values


def _cltn_derivation(person: Person, day: date | None, values: dict[str, Any]) -> list[Derivation]:
    if "person.on_cltn" not in values or day is None:
        return []
    on = values["person.on_cltn"]
    return [Derivation("person.on_cltn", on, bi(
        f"pada {day.isoformat()} {'sedang' if on else 'tidak sedang'} CLTN menurut periode CLTN yang dilaporkan",
        f"on {day.isoformat()} {'on' if on else 'not on'} CLTN according to the reported CLTN periods"))]


def _act_values(act: Act, election: ResolvedElection) -> tuple[dict[str, Any], list[Derivation]]:
    values: dict[str, Any] = {}
    derivations: list[Derivation] = []
    _put(values, "act.kind", act.kind)
    _put(values, "act.date", act.date)
    for name in ("channel", "publicly_accessible", "active_support", "gestures", "attributes", "audience", "forms",
                 "role", "effect", "facility", "accompanying_spouse"):
        _put(values, f"act.{name}", getattr(act, name))
    target = act.target
    if target:
        _put(values, "act.target.kind", target.kind)
        _put(values, "act.target.independent", target.independent)
        _put(values, "act.target.standing", target.standing)
    if act.date is not None:
        phase = election.phase(act.date)
        if phase is not None:
            values["act.phase"] = phase.value
            derivations.append(Derivation("act.phase", phase.value, bi(
                f"tanggal {act.date.isoformat()} dibandingkan dengan kalender {election.calendar or 'yang diberikan'}",
                f"date {act.date.isoformat()} compared with the {election.calendar or 'given'} calendar")))
        targets_candidate = target is None or target.kind is not TargetKind.PARTY
        det = election.determination_date
        if "act.target.standing" not in values and det is not None and targets_candidate:
            standing = Standing.BAKAL_CALON if act.date < det else Standing.CALON
            values["act.target.standing"] = standing.value
            derivations.append(Derivation("act.target.standing", standing.value, bi(
                f"tanggal perbuatan {act.date.isoformat()} {'sebelum' if act.date < det else 'pada/setelah'} "
                f"penetapan calon {det.isoformat()}",
                f"act date {act.date.isoformat()} is {'before' if act.date < det else 'on or after'} "
                f"candidate determination on {det.isoformat()}")))
    return values, derivations


def normalise(incident: Incident, calendars: dict[str, Calendar]) -> NormalisedIncident:
    """Flatten an incident into one person fact and one fact per act."""
    election = resolve_election(incident.election, calendars)
    reference = incident.reference_date()
    person_values = _person_values(incident, election, reference)
    facts = [Fact(0, "person", "person", person_values, reference, None,
                  tuple(_cltn_derivation(incident.person, reference, person_values)))]
    for index, act in enumerate(incident.acts):
        values = _person_values(incident, election, act.date)
        own, derivations = _act_values(act, election)
        values.update(own)
        derivations = _cltn_derivation(incident.person, act.date, values) + derivations
        facts.append(Fact(index + 1, "act", incident.act_label(index), values, act.date, index, tuple(derivations)))
    return NormalisedIncident(incident, election, reference, tuple(facts))
