"""Turn a validated incident into flat facts, one per subject, ready for matching.

Each fact is a dict from fact path (see `paths.py`) to a plain value: an enum's string value,
a bool, a date, or a frozenset of strings. Unknown facts are simply absent. Derived values
(phase, target standing, CLTN at the date, ASN status) are computed here and recorded with
an explanation, so the verdict can say where each value came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from netralitas.facts.elections import Calendar, ResolvedElection, resolve_election
from netralitas.facts.models import Act, Incident, Listed, Person
from netralitas.facts.vocabulary import PPPK_PARUH_WAKTU_FROM, ActKind, EmploymentStatus, Standing, TargetKind
from netralitas.text import LocalizedText, bi

Subject = Literal["person", "act"]


@dataclass(frozen=True)
class Derivation:
    """A value the engine derived rather than read."""

    path: str
    value: Any
    reason: LocalizedText
    presumed: bool = False
    """A presumption for a fact reports rarely state (listed in the verdict), not a derivation from reported facts."""


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
    span: tuple[dt.date, dt.date] | None = None
    """The first and last day of an act dated only by a range (then `date` is None)."""


@dataclass(frozen=True)
class NormalisedIncident:
    """An incident as the engine sees it."""

    incident: Incident
    election: ResolvedElection
    reference_date: date | None
    facts: tuple[Fact, ...]
    hints: tuple[LocalizedText, ...] = ()
    """What the officer could add to decide more (e.g. the race, when races were determined on different days)."""


class AtLeast(frozenset[str]):
    """A set fact known only in part: at least these members; whether others belong is unknown."""

    __slots__ = ()


def listed(value: list[Any] | Listed[Any] | None) -> frozenset[str] | None:
    """A list fact as a set: complete (`[]`, or `complete: true`), `AtLeast` (a non-empty plain list), or unknown."""
    if value is None:
        return None
    items, complete = (value.items, value.complete) if isinstance(value, Listed) else (value, not value)
    members = frozenset(str(v.value if isinstance(v, Enum) else v) for v in items)
    if complete:
        return members
    return AtLeast(members) if members else None


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
    if person.cltn is None:
        return person.on_cltn
    if day is None:
        return None
    return any(p.contains(day) for p in person.cltn)


def _on_cltn_over(person: Person, span: tuple[date, date]) -> bool | None:
    """CLTN status over a whole range of days, when it is the same on every day of it."""
    lo, hi = span
    first, last = _on_cltn(person, lo), _on_cltn(person, hi)
    if first is None or first != last:
        return None
    inside = [d for p in person.cltn or () for d in (p.start, p.end) if d is not None and lo < d < hi]
    return None if inside else first


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
    if person.employment_status is EmploymentStatus.PPPK_PARUH_WAKTU:
        values["person.is_asn"] = True
    if person.candidacy:
        race = person.candidacy.race
        _put(values, "person.candidacy.race", race if race is None or race.covers == (race,) else None)
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


def _values_on(person: Person, common: dict[str, Any], day: date | None,
               span: tuple[date, date] | None = None) -> tuple[dict[str, Any], list[Derivation]]:
    """The person's facts on `day` (or over `span`): the common ones plus CLTN status, with its derivation."""
    values = dict(common)
    status = _status_on(person, values, day, span)
    if person.cltn is None:
        if person.on_cltn is not None:
            values["person.on_cltn"] = person.on_cltn
        return values, status
    on = _on_cltn_over(person, span) if span else _on_cltn(person, day)
    if on is None or (day is None and span is None):
        return values, status
    values["person.on_cltn"] = on
    start = span[0] if span else day
    assert start is not None
    return values, [*status, _cltn_derivation(on, start, span)]


_NOT_YET_PPPK = (
    Derivation("person.employment_status", EmploymentStatus.NON_ASN.value, bi(
        "PPPK paruh waktu baru ada sejak 13 Januari 2025 (KepmenPANRB 16/2025) dan diangkat dari pegawai non-ASN "
        "(diktum KELIMA): sebelum tanggal itu orang ini pegawai non-ASN",
        "PPPK paruh waktu exist only from 13 Jan 2025 (KepmenPANRB 16/2025) and are appointed from non-ASN staff "
        "(diktum KELIMA): before that day this person was a non-ASN employee")),
    Derivation("person.is_asn", False, bi(
        "sebelum 13 Januari 2025 PPPK paruh waktu belum berstatus ASN (KepmenPANRB 16/2025)",
        "before 13 Jan 2025 a PPPK paruh waktu was not yet an ASN (KepmenPANRB 16/2025)")),
)


def _status_on(person: Person, values: dict[str, Any], day: date | None,
               span: tuple[date, date] | None) -> list[Derivation]:
    """A PPPK paruh waktu is an ASN only from 13 Jan 2025: before it non-ASN; unknown when the date does not say."""
    if person.employment_status is not EmploymentStatus.PPPK_PARUH_WAKTU:
        return []
    lo, hi = span if span else (day, day)
    if lo is not None and lo >= PPPK_PARUH_WAKTU_FROM:
        return []
    del values["person.employment_status"], values["person.is_asn"]
    if hi is None or hi >= PPPK_PARUH_WAKTU_FROM:
        return []
    for derivation in _NOT_YET_PPPK:
        values[derivation.path] = derivation.value
    return list(_NOT_YET_PPPK)


@lru_cache(maxsize=4096)
def _cltn_derivation(on: bool, day: date, span: tuple[date, date] | None = None) -> Derivation:
    when = f"{span[0].isoformat()} s.d. {span[1].isoformat()}" if span else day.isoformat()
    when_en = f"{span[0].isoformat()} to {span[1].isoformat()}" if span else day.isoformat()
    return Derivation("person.on_cltn", on, bi(
        f"pada {when} {'sedang' if on else 'tidak sedang'} CLTN menurut periode CLTN yang dilaporkan",
        f"on {when_en} {'on' if on else 'not on'} CLTN according to the reported CLTN periods"))


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


IMPLIED_EFFECT = frozenset({ActKind.STATE_FACILITY_USE, ActKind.PROGRAMME_USE, ActKind.MOBILISE_ASN})
"""Acts whose nature, put to a candidate's use, is a "tindakan yang menguntungkan" (UU 10/2016 Pasal 71 ayat (1))."""

_EFFECT = Derivation("act.effect", "favours", bi(
    "fasilitas negara, program atau pengerahan ASN yang dipakai untuk calon dengan sendirinya menguntungkan calon itu "
    "(UU 10/2016 Pasal 71 ayat (1): \"tindakan yang menguntungkan atau merugikan salah satu pasangan calon\")",
    "state facilities, programmes or mobilised staff put to a candidate's use favour that candidate by their nature "
    "(UU 10/2016 Pasal 71(1): \"an act that favours or harms one of the candidate pairs\")"))

_NO_APPROVAL = Derivation("act.ministerial_approval", False, bi(
    "praduga: tidak ada persetujuan tertulis Menteri karena laporan tidak menyebutnya (UU 10/2016 Pasal 71 ayat (2) "
    "menjadikannya pengecualian yang dibuktikan dengan surat); surat persetujuan akan mengubah putusan ini",
    "presumed: no written approval of the Minister, as the report does not mention one (UU 10/2016 Pasal 71(2) makes "
    "it an exception shown by a letter); an approval letter would change this verdict"), presumed=True)

_ACCOMPANYING = Derivation("act.accompanying_spouse", True, bi(
    "jenis perbuatan 'mendampingi suami/istri calon'", "act kind 'accompanying a candidate spouse'"))

_NOT_SPOUSE = Derivation("act.target.is_spouse", False, bi(
    "suami/istri orang ini dilaporkan bukan calon", "the person's spouse is reported not to be a candidate"))


def _derived_dates(act: Act, election: ResolvedElection, targets_candidate: bool, values: dict[str, Any],
                   derivations: list[Derivation]) -> None:
    """Phase and target standing from the calendar, for an exact date or a range lying within one phase."""
    span = act.span
    lo, hi = span if span else (act.day, act.day)
    if lo is None or hi is None:
        return
    dates = [d for _, d in election.determination_races]
    if election.determination_date is None and dates and (lo >= max(dates) or hi < min(dates)):
        # the race is not known, but the act falls on one side of every race's determination
        election = election.model_copy(update={"determination_date": max(dates) if lo >= max(dates) else min(dates)})
    phase = election.phase(lo)
    if phase is not None and election.phase(hi) is phase:
        values["act.phase"] = phase.value
        derivations.append(_phase_derivation(phase.value, lo, election.calendar) if span is None
                           else _span_derivation("act.phase", phase.value, lo, hi, election.calendar))
    det = election.determination_date
    if "act.target.standing" not in values and det is not None and targets_candidate and (hi < det or lo >= det):
        if span is None:
            derived = _standing_derivation(lo, det)
        else:
            standing = Standing.BAKAL_CALON if hi < det else Standing.CALON
            derived = _span_derivation("act.target.standing", standing.value, lo, hi, election.calendar)
        values["act.target.standing"] = derived.value
        derivations.append(derived)


@lru_cache(maxsize=4096)
def _span_derivation(path: str, value: str, lo: date, hi: date, calendar: str | None) -> Derivation:
    return Derivation(path, value, bi(
        f"seluruh rentang tanggal {lo.isoformat()} s.d. {hi.isoformat()} berada dalam tahapan yang sama menurut "
        f"kalender {calendar or 'yang diberikan'}",
        f"the whole date range {lo.isoformat()} to {hi.isoformat()} falls within one phase of the "
        f"{calendar or 'given'} calendar"))


def _act_values(act: Act, election: ResolvedElection, person: Person) -> tuple[dict[str, Any], list[Derivation]]:
    values: dict[str, Any] = {}
    derivations: list[Derivation] = []
    _put(values, "act.kind", act.kind)
    _put(values, "act.date", act.day)
    for name in ("channel", "publicly_accessible", "active_support", "role", "effect", "facility",
                 "accompanying_spouse", "ministerial_approval"):
        _put(values, f"act.{name}", getattr(act, name))
    for name in ("gestures", "attributes", "audience", "forms"):
        members = listed(getattr(act, name))
        if members is not None:
            values[f"act.{name}"] = members
    target = act.target
    if target:
        _put(values, "act.target.kind", target.kind)
        _put(values, "act.target.independent", target.independent)
        _put(values, "act.target.is_spouse", target.is_spouse)
        _put(values, "act.target.standing", target.standing)
    targets_candidate = target is None or target.kind is not TargetKind.PARTY
    if act.effect is None and act.kind in IMPLIED_EFFECT and target is not None and target.kind is TargetKind.CANDIDATE:
        values["act.effect"] = _EFFECT.value
        derivations.append(_EFFECT)
    if act.ministerial_approval is None and act.kind is ActKind.OFFICIAL_REPLACEMENT:
        values["act.ministerial_approval"] = _NO_APPROVAL.value
        derivations.append(_NO_APPROVAL)
    if act.accompanying_spouse is None and act.kind is ActKind.ACCOMPANY_SPOUSE:
        values["act.accompanying_spouse"] = True
        derivations.append(_ACCOMPANYING)
    if "act.target.is_spouse" not in values and person.spouse and person.spouse.is_candidate is False:
        values["act.target.is_spouse"] = False
        derivations.append(_NOT_SPOUSE)
    _derived_dates(act, election, targets_candidate, values, derivations)
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
        values, derivations = _values_on(incident.person, common, act.day, act.span)
        own, act_derivations = _act_values(act, election, incident.person)
        values.update(own)
        facts.append(Fact(index + 1, "act", incident.act_label(index), values, act.day, index,
                          (*derivations, *act_derivations), act.span))
    hints = _status_hints(incident)
    hint = election.determination_hint()
    dates = [d for _, d in election.determination_races]
    spans = [a.span or (a.day, a.day) for a in incident.acts if a.span or a.day]
    straddles = any(not (lo >= max(dates) or hi < min(dates)) for lo, hi in spans if lo and hi) if dates else False
    hints += [hint] if hint and straddles else []
    for index, act in enumerate(incident.acts):
        split = _split(act.span, election) if act.span else None
        if split is not None:
            hints.append(bi(f"perbuatan {incident.act_label(index)}: rentang tanggal terbelah oleh {split[1].id} "
                            f"({split[0].isoformat()}); perlu tanggal yang lebih tepat",
                            f"act {incident.act_label(index)}: the date range is split by {split[1].en} "
                            f"({split[0].isoformat()}); a more precise date is needed"))
    return NormalisedIncident(incident, election, reference, tuple(facts), tuple(hints))


def _status_hints(incident: Incident) -> list[LocalizedText]:
    """What the officer should know when a PPPK paruh waktu acted before, or possibly before, 13 Jan 2025."""
    if incident.person.employment_status is not EmploymentStatus.PPPK_PARUH_WAKTU:
        return []
    first = PPPK_PARUH_WAKTU_FROM.isoformat()
    hints = []
    reference = incident.reference_date()
    dated = [(incident.act_label(i), act.span or (act.day, act.day)) for i, act in enumerate(incident.acts)]
    for label, (lo, hi) in dated or [("-", (reference, reference))]:
        if hi is not None and hi < PPPK_PARUH_WAKTU_FROM:
            hints.append(bi(
                f"perbuatan {label}: sebelum {first} PPPK paruh waktu belum ASN (KepmenPANRB 16/2025); orang ini saat "
                "itu pegawai non-ASN, sehingga ketentuan netralitas ASN tidak berlaku; netralitas pegawai non-ASN "
                "diatur SE MenPANRB 1/2023 (tidak dikodekan). Bila saat itu ia berstatus lain, catat status pada "
                "tanggal perbuatan",
                f"act {label}: before {first} PPPK paruh waktu were not ASN (KepmenPANRB 16/2025); this person was "
                "then a non-ASN employee, so the ASN neutrality provisions do not apply; non-ASN staff neutrality is "
                "governed by SE MenPANRB 1/2023 (not encoded). If the person held another status then, record the "
                "status on the act's date"))
        elif lo is None or lo < PPPK_PARUH_WAKTU_FROM:
            hints.append(bi(
                f"perbuatan {label}: PPPK paruh waktu baru ASN sejak {first} (KepmenPANRB 16/2025); tanpa tanggal "
                "yang menunjukkan perbuatan terjadi pada/sesudah tanggal itu, status ASN orang ini belum diketahui",
                f"act {label}: PPPK paruh waktu are ASN only from {first} (KepmenPANRB 16/2025); without a date "
                "showing the act on or after that day, the person's ASN status is unknown"))
    return hints


def _split(span: tuple[date, date], election: ResolvedElection) -> tuple[date, LocalizedText] | None:
    """The first election date that falls inside a date range (after its first day), if any."""
    lo, hi = span
    checkpoints = ((election.determination_date, bi("penetapan calon", "candidate determination")),
                   (election.campaign_start, bi("awal masa kampanye", "the campaign start")),
                   (election.quiet_start, bi("awal masa tenang", "the quiet period start")),
                   (election.voting_day, bi("hari pemungutan suara", "voting day")))
    inside = sorted((d, label) for d, label in checkpoints if d is not None and lo < d <= hi)
    return inside[0] if inside else None
