"""The fact paths rules may test: their types, allowed values and labels.

This is the contract between incident facts and rule conditions. The normaliser produces
exactly these paths; the rule loader checks every condition against them.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from netralitas.facts import vocabulary as v
from netralitas.facts.labels import label
from netralitas.text import LocalizedText, bi

FieldType = Literal["enum", "bool", "date", "set"]
Scope = Literal["person", "act"]


@dataclass(frozen=True)
class FieldSpec:
    """One testable fact path."""

    path: str
    type: FieldType
    scope: Scope
    label: LocalizedText
    values: tuple[str, ...] = ()
    derived: bool = False
    vocabulary: builtins.type[StrEnum] | None = None

    def value_label(self, value: str) -> LocalizedText:
        """How a value of this path reads for people (the vocabulary's label, else the value itself)."""
        if self.vocabulary is not None and value in self.values:
            return label(self.vocabulary(value))
        return LocalizedText(id=str(value), en=str(value))


def _enum(path: str, enum: type[StrEnum], scope: Scope, label: LocalizedText, derived: bool = False) -> FieldSpec:
    return FieldSpec(path, "enum", scope, label, tuple(e.value for e in enum), derived, enum)


def _set(path: str, enum: type[StrEnum], label: LocalizedText) -> FieldSpec:
    return FieldSpec(path, "set", "act", label, tuple(e.value for e in enum), vocabulary=enum)


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("incident.date", "date", "person", bi("tanggal insiden", "incident date")),
    _enum("person.employment_status", v.EmploymentStatus, "person", bi("status kepegawaian", "employment status")),
    _enum("person.position_class", v.PositionClass, "person", bi("jenis jabatan", "position class")),
    _enum("person.office", v.Office, "person", bi("jabatan khusus", "specific office")),
    FieldSpec("person.is_asn", "bool", "person", bi("berstatus ASN", "is an ASN"), derived=True),
    FieldSpec("person.party.member", "bool", "person",
              bi("anggota/pengurus partai politik", "party member or officer")),
    _enum("person.party.role", v.PartyRole, "person", bi("kedudukan dalam partai", "role in the party")),
    FieldSpec("person.party.since", "date", "person", bi("tanggal menjadi anggota partai", "party membership since")),
    _enum("person.candidacy.race", v.Race, "person", bi("pencalonan diri: jenis pemilihan", "own candidacy: race")),
    FieldSpec("person.candidacy.determined_on", "date", "person",
              bi("tanggal ditetapkan sebagai calon", "date determined as candidate")),
    FieldSpec("person.candidacy.resigned", "bool", "person",
              bi("telah mengundurkan diri secara tertulis", "resigned in writing")),
    FieldSpec("person.candidacy.resigned_on", "date", "person", bi("tanggal pengunduran diri", "resignation date")),
    FieldSpec("person.spouse.is_candidate", "bool", "person",
              bi("suami/istri adalah calon", "spouse is a candidate")),
    FieldSpec("person.on_cltn", "bool", "person",
              bi("sedang cuti di luar tanggungan negara (CLTN)", "on unpaid leave (CLTN)"), derived=True),
    _enum("election.kind", v.ElectionKind, "person", bi("jenis pemilihan", "election kind"), derived=True),
    _enum("election.race", v.Race, "person", bi("jenis kontestasi", "race")),
    FieldSpec("election.determination_date", "date", "person",
              bi("tanggal penetapan calon", "candidate determination date")),
    FieldSpec("election.incumbent_window_start", "date", "person",
              bi("6 bulan sebelum penetapan pasangan calon", "6 months before candidate determination"), derived=True),
    FieldSpec("election.campaign_start", "date", "person", bi("awal masa kampanye", "campaign start")),
    FieldSpec("election.campaign_end", "date", "person", bi("akhir masa kampanye", "campaign end")),
    FieldSpec("election.quiet_start", "date", "person", bi("awal masa tenang", "quiet period start")),
    FieldSpec("election.quiet_end", "date", "person", bi("akhir masa tenang", "quiet period end")),
    FieldSpec("election.voting_day", "date", "person", bi("hari pemungutan suara", "voting day")),
    _enum("act.kind", v.ActKind, "act", bi("jenis perbuatan", "act kind")),
    FieldSpec("act.date", "date", "act", bi("tanggal perbuatan", "act date")),
    _enum("act.phase", v.Phase, "act", bi("tahapan pemilihan", "election phase"), derived=True),
    _enum("act.target.kind", v.TargetKind, "act", bi("sasaran dukungan", "target kind")),
    _enum("act.target.standing", v.Standing, "act", bi("status sasaran (bakal calon/calon)", "target standing")),
    FieldSpec("act.target.independent", "bool", "act", bi("calon perseorangan", "independent candidate")),
    FieldSpec("act.target.is_spouse", "bool", "act", bi("sasaran adalah suami/istri sendiri", "target is own spouse")),
    _enum("act.channel", v.Channel, "act", bi("saluran", "channel")),
    FieldSpec("act.publicly_accessible", "bool", "act", bi("dapat diakses publik", "publicly accessible")),
    FieldSpec("act.active_support", "bool", "act", bi("memberikan dukungan aktif", "active support")),
    _set("act.gestures", v.Gesture, bi("gestur", "gestures")),
    _set("act.attributes", v.Attribute, bi("atribut", "attributes")),
    _set("act.audience", v.Audience, bi("sasaran kegiatan", "audience")),
    _set("act.forms", v.PartisanForm, bi("bentuk kegiatan", "forms of activity")),
    _enum("act.role", v.CampaignRole, "act", bi("peran dalam tim", "campaign role")),
    _enum("act.effect", v.Effect, "act", bi("akibat keputusan/tindakan", "effect")),
    _enum("act.facility", v.Facility, "act", bi("fasilitas negara", "state facility")),
    FieldSpec("act.accompanying_spouse", "bool", "act", bi("mendampingi suami/istri", "accompanying spouse")),
    FieldSpec("act.ministerial_approval", "bool", "act",
              bi("dengan persetujuan tertulis Menteri", "with the Minister's written approval")),
)

FIELDS_BY_PATH: dict[str, FieldSpec] = {f.path: f for f in FIELDS}


def paths_for(scope: Scope) -> dict[str, FieldSpec]:
    """The paths a rule about `scope` may test: person rules see person paths; act rules see all."""
    if scope == "act":
        return FIELDS_BY_PATH
    return {p: f for p, f in FIELDS_BY_PATH.items() if f.scope == "person"}


@dataclass(frozen=True)
class Topic:
    """Facts about the person that a report may not touch at all (own party, own candidacy, spouse).

    A provision that needs such a fact, when the report says nothing about the topic, is listed as
    "not checked: facts not reported" instead of making the whole verdict undetermined.
    """

    name: str
    """The `Person` field that holds the topic: the report touches the topic when it gives that field."""
    label: LocalizedText
    paths: tuple[str, ...]
    act_kinds: tuple[str, ...] = ()


TOPICS: tuple[Topic, ...] = (
    Topic("party", bi("keanggotaan partai politik", "party membership"),
          ("person.party.member", "person.party.role", "person.party.since")),
    Topic("candidacy", bi("pencalonan diri sendiri", "own candidacy"),
          ("person.candidacy.race", "person.candidacy.determined_on", "person.candidacy.resigned",
           "person.candidacy.resigned_on"), ("self_declaration", "party_approach")),
    Topic("spouse", bi("suami/istri sebagai calon", "spouse as a candidate"),
          ("person.spouse.is_candidate", "act.target.is_spouse", "act.accompanying_spouse"), ("accompany_spouse",)),
)

TOPIC_OF_PATH: dict[str, Topic] = {p: t for t in TOPICS for p in t.paths}
