"""Incident facts: what a case officer knows about a person, an election and the acts reported.

Unknown is representable and distinct from false: every optional fact is `None` when
unknown (omit it, or write `unknown`), and `false` only when it is known to be false.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, field_validator, model_validator

from netralitas.facts.vocabulary import (
    ActKind,
    Attribute,
    Audience,
    CampaignRole,
    Channel,
    Effect,
    EmploymentStatus,
    Facility,
    Gesture,
    Office,
    PartisanForm,
    PartyRole,
    PositionClass,
    Race,
    Standing,
    TargetKind,
)

UNKNOWN_WORDS = frozenset({"unknown", "tidak diketahui", "?"})
MAX_ACTS = 500
FIRST_YEAR, LAST_YEAR = 1945, 2100
"""Years an incident's dates may fall in: the law encoded concerns the Republic's civil service (1945 on)."""

T = TypeVar("T")


def _unknown_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
        return None
    return value


Maybe = Annotated[T | None, BeforeValidator(_unknown_to_none)]
"""A fact that may be unknown: omit it or write `unknown`."""


class FactModel(BaseModel):
    """Base for fact models: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _years_the_law_concerns(cls, value: Any) -> Any:
        """A date outside 1945-2100 is a mistake in the incident, never left to crash date arithmetic."""
        if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(f"date {value.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
        return value


class DatePeriod(FactModel):
    """A period of days, both ends included; an open end means 'still ongoing'."""

    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DatePeriod:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self

    def contains(self, day: dt.date) -> bool:
        """Whether `day` falls inside the period."""
        return self.start <= day and (self.end is None or day <= self.end)


class PartyMembership(FactModel):
    """Membership of, or office in, a political party."""

    member: Maybe[StrictBool] = Field(None, description="Member or officer (pengurus) of a political party")
    role: Maybe[PartyRole] = Field(None, description="member (anggota) or officer (pengurus)")
    party: str | None = None
    since: Maybe[dt.date] = Field(None, description="Date the person became a member or officer")
    until: Maybe[dt.date] = None

    @model_validator(mode="after")
    def _consistent(self) -> PartyMembership:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"membership ends ({self.until}) before it starts ({self.since})")
        return self


class Candidacy(FactModel):
    """The person's own candidacy for an elected office."""

    race: Maybe[Race] = None
    registered_on: Maybe[dt.date] = None
    determined_on: Maybe[dt.date] = Field(None, description="Date KPU determined the person as a candidate")
    resigned: Maybe[StrictBool] = Field(None, description="Resigned in writing from ASN status")
    resigned_on: Maybe[dt.date] = None


class SpouseCandidacy(FactModel):
    """A spouse who is a candidate (SE Menpan RB 18/2023)."""

    is_candidate: Maybe[StrictBool] = None
    race: Maybe[Race] = None
    name: str | None = None


class Person(FactModel):
    """The civil servant the incident is about."""

    name: str | None = None
    nip: str | None = None
    employment_status: Maybe[EmploymentStatus] = None
    position_class: Maybe[PositionClass] = None
    office: Maybe[Office] = None
    agency: str | None = None
    region: str | None = None
    party: PartyMembership | None = None
    candidacy: Candidacy | None = None
    spouse: SpouseCandidacy | None = None
    cltn: list[DatePeriod] | None = Field(
        None, description="Periods of unpaid leave (CLTN); [] = never on CLTN; omit if unknown"
    )


class ElectionRef(FactModel):
    """The election: a bundled calendar by id, a race, and optionally explicit dates."""

    calendar: str | None = Field(None, description="Calendar id, e.g. pemilu-2024, pilkada-2024")
    race: Maybe[Race] = None
    determination_date: Maybe[dt.date] = None
    campaign_start: Maybe[dt.date] = None
    campaign_end: Maybe[dt.date] = None
    quiet_start: Maybe[dt.date] = None
    quiet_end: Maybe[dt.date] = None
    voting_day: Maybe[dt.date] = None


class Target(FactModel):
    """Whom an act supports or harms."""

    kind: Maybe[TargetKind] = None
    name: str | None = None
    standing: Maybe[Standing] = Field(
        None, description="bakal_calon or calon at the act's date; derived from the calendar if omitted"
    )
    independent: Maybe[StrictBool] = Field(None, description="Independent (perseorangan) candidate")
    is_spouse: Maybe[StrictBool] = Field(
        None, description="The target is the person's own spouse (SE MenPANRB 18/2023); omit if unknown")
    party: str | None = None


class Act(FactModel):
    """One reported act."""

    id: str | None = None
    kind: ActKind
    date: Maybe[dt.date] = None
    description: str | None = None
    target: Target | None = None
    channel: Maybe[Channel] = None
    platform: str | None = None
    publicly_accessible: Maybe[StrictBool] = None
    active_support: Maybe[StrictBool] = Field(None, description="Gave active support beyond being present")
    gestures: list[Gesture] | None = Field(None, description="[] = no gesture; omit if unknown")
    attributes: list[Attribute] | None = Field(None, description="[] = no attribute; omit if unknown")
    audience: list[Audience] | None = None
    forms: list[PartisanForm] | None = None
    role: Maybe[CampaignRole] = None
    effect: Maybe[Effect] = None
    facility: Maybe[Facility] = None
    accompanying_spouse: Maybe[StrictBool] = None
    ministerial_approval: Maybe[StrictBool] = Field(
        None, description="Written approval of the Minister (Mendagri) for replacing officials (UU 10/2016 Pasal 71 "
                          "ayat (2)); omit if unknown")


class Incident(FactModel):
    """One incident: a person, the election, and the acts reported."""

    id: str = Field(min_length=1, max_length=200)
    title: str | None = None
    date: Maybe[dt.date] = Field(None, description="Reference date; defaults to the latest act date")
    person: Person
    election: ElectionRef | None = None
    acts: list[Act] = Field(default_factory=list, max_length=MAX_ACTS)
    notes: str | None = None

    @model_validator(mode="after")
    def _act_ids_unique(self) -> Incident:
        ids = [a.id for a in self.acts if a.id]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"act ids must be unique; repeated: {', '.join(duplicates)}")
        return self

    def act_label(self, index: int) -> str:
        """The act's id, or its position when it has none."""
        return self.acts[index].id or f"act-{index + 1}"

    def reference_date(self) -> dt.date | None:
        """The incident date, or the latest known act date."""
        if self.date:
            return self.date
        dates = [a.date for a in self.acts if a.date]
        return max(dates) if dates else None
