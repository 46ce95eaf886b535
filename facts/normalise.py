"""Turn a validated incident into flat facts, one per subject, ready for matching.

Each fact is a dict from fact path (see `paths.py`) to a plain value: an enum's string value,
a bool, a date, or a frozenset of strings. Unknown facts are simply absent. Derived values
(phase, target standing, CLTN at the date, ASN status) are computed here and recorded with
an explanation, so the verdict can say where each value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from netralitas.facts.elections import Calendar, ResolvedElection, resolve_election
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
    if isinstance(value, Enum):
        values[path] = value.value
    elif isinstance(value, list):
        values[path] = frozenset(str(v) for v in value)
    else:
        values[path] = value


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` calendar months earlier (clamped to the month's last day).

    UU 10/2016 Pasal 71 ayat (2)/(3) count "6 (enam) bulan sebelum tanggal penetapan pasangan calon".
    """
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = (following - date.resolution).day
    return date(year, month, min(day.day, last))


def _on_cltn(person: Person, day: date | None) -> bool | None:
    if person.cltn is None or day is None:
        return None
    return any(p.contains(day) for p in person.cltn)


def _person_values(incident: Incident, election: ResolvedElection) -> dict[str, Any]:
    """The person's facts that do not depend on the day (everything but `person.on_cltn`)."""
    person = incident.person
    values: dict[str, Any] = {}
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
    _put(values, "election.kind", election.kind)
    _put(values, "election.race", election.race)
    if election.determination_date is not None:
        values["election.incumbent_window_start"] = months_before(election.determination_date, 6)
    for name in ("determination_date", "campaign_start", "campaign_end", "quiet_start", "quiet_end", "voting_day"):
        _put(values, f"election.{name}", getattr(election, name))
    return values


def _values_on(person: Person, common: dict[str, Any], day: date | None) -> tuple[dict[str, Any], list[Derivation]]:
    """The person's facts on `day`: the common ones plus CLTN status, with its derivation."""
    values = dict(common)
    on = _on_cltn(person, day)
    if on is None or day is None:
        return values, []
    values["person.on_cltn"] = on
    return values, [_cltn_derivation(on, day)]


@lru_cache(maxsize=4096)
def _cltn_derivation(on: bool, day: date) -> Derivation:
    return Derivation("person.on_cltn", on, bi(
        f"pada {day.isoformat()} {'sedang' if on else 'tidak sedang'} CLTN menurut periode CLTN yang dilaporkan",
        f"on {day.isoformat()} {'on' if on else 'not on'} CLTN according to the reported CLTN periods"))


@lru_cache(maxsize=4096)
def _phase_derivation(phase: str, day: date, calendar: str | None) -> Derivation:
    return Derivation("act.phase", phase, bi(
        f"tanggal {day.isoformat()} dibandingkan dengan kalender {calendar or 'yang diberikan'}",
        f"date {day.isoformat()} compared with the {calendar or 'given'} calendar"))


@lru_cache(maxsize=4096)
def _standing_derivation(day: date, det: date) -> Derivation:
    standing = Standing.BAKAL_CALON if day < det else Standing.CALON
    return Derivation("act.target.standing", standing.value, bi(
        f"tanggal perbuatan {day.isoformat()} {'sebelum' if day < det else 'pada/setelah'} "
        f"penetapan calon {det.isoformat()}",
        f"act date {day.isoformat()} is {'before' if day < det else 'on or after'} "
        f"candidate determination on {det.isoformat()}"))


def _act_values(act: Act, election: ResolvedElection) -> tuple[dict[str, Any], list[Derivation]]:
    values: dict[str, Any] = {}
    derivations: list[Derivation] = []
    _put(values, "act.kind", act.kind)
    _put(values, "act.date", act.date)
    for name in ("channel", "publicly_accessible", "active_support", "gestures", "attributes", "audience", "forms",
                 "role", "effect", "facility", "accompanying_spouse", "ministerial_approval"):
        _put(values, f"act.{name}", getattr(act, name))
    target = act.target
    if target:
        _put(values, "act.target.kind", target.kind)
        _put(values, "act.target.independent", target.independent)
        _put(values, "act.target.is_spouse", target.is_spouse)
        _put(values, "act.target.standing", target.standing)
    if act.date is not None:
        phase = election.phase(act.date)
        if phase is not None:
            values["act.phase"] = phase.value
            derivations.append(_phase_derivation(phase.value, act.date, election.calendar))
        targets_candidate = target is None or target.kind is not TargetKind.PARTY
        det = election.determination_date
        if "act.target.standing" not in values and det is not None and targets_candidate:
            derived = _standing_derivation(act.date, det)
            values["act.target.standing"] = derived.value
            derivations.append(derived)
    return values, derivations


def normalise(incident: Incident, calendars: dict[str, Calendar],
              election: ResolvedElection | None = None) -> NormalisedIncident:
    """Flatten an incident into one person fact and one fact per act.

    `election` is the incident's election already resolved against `calendars`, when the
    caller has it (the evaluator caches resolutions); otherwise it is resolved here.
    """
    if election is None:
        election = resolve_election(incident.election, calendars)
    reference = incident.reference_date()
    common = _person_values(incident, election)
    _put(common, "incident.date", reference)
    person_values, person_derivations = _values_on(incident.person, common, reference)
    facts = [Fact(0, "person", "person", person_values, reference, None, tuple(person_derivations))]
    for index, act in enumerate(incident.acts):
        values, derivations = _values_on(incident.person, common, act.date)
        own, act_derivations = _act_values(act, election)
        values.update(own)
        facts.append(Fact(index + 1, "act", incident.act_label(index), values, act.date, index,
                          (*derivations, *act_derivations)))
    return NormalisedIncident(incident, election, reference, tuple(facts))
