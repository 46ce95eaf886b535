"""Incident facts: what a case officer knows about a person, an election and the acts reported.

Unknown is representable and distinct from false: every optional fact is `None` when
unknown (omit it, or write `unknown`), and `false` only when it is known to be false.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from netralitas.facts.vocabulary import (
    ActKind,
    Appointment,
    Attribute,
    Audience,
    CampaignRole,
    Channel,
    Effect,
    EmploymentStatus,
    Facility,
    Gesture,
    MaterialUse,
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


class DateRange(FactModel):
    """A date known only within a range (both ends included): `{from: 2019-02-01, to: 2019-02-28}`, or `2019-02`.

    Evaluated when the whole range falls on one side of every date that matters (phase, candidate
    determination, the provision in force); otherwise undetermined, naming the date that splits it.
    """

    model_config = ConfigDict(populate_by_name=True)

    from_: dt.date = Field(alias="from", description="First day the act may have happened")
    to: dt.date = Field(description="Last day the act may have happened")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.to < self.from_:
            raise ValueError(f"range ends ({self.to}) before it starts ({self.from_})")
        return self


def _partial_date(value: Any) -> Any:
    """`2019-02` (a month) or `2019` (a year) as a DateRange; anything else unchanged."""
    value = _unknown_to_none(value)
    if isinstance(value, int) and 1900 <= value <= 2200:
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        parts = text.split("-")
        if len(parts) == 1 and text.isdigit() and len(text) == 4:
            year = int(text)
            return {"from": dt.date(year, 1, 1), "to": dt.date(year, 12, 31)}
        if len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[0]) == 4 and 1 <= int(parts[1]) <= 12:
            year, month = int(parts[0]), int(parts[1])
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return {"from": dt.date(year, month, 1), "to": following - dt.timedelta(days=1)}
    return value


_ACT_DATE_SCHEMA: dict[str, Any] = {"anyOf": [
    {"type": "string", "format": "date"},
    {"type": "string", "pattern": "^[0-9]{4}(-(0[1-9]|1[0-2]))?$", "description": "a month (2019-02) or a year"},
    {"type": "object", "additionalProperties": False, "required": ["from", "to"],
     "properties": {"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}},
    {"type": "string", "enum": sorted(UNKNOWN_WORDS)},
    {"type": "null"}]}

ActDate = Annotated[dt.date | DateRange | None, BeforeValidator(_partial_date), WithJsonSchema(_ACT_DATE_SCHEMA)]
"""An act's date: exact (`2024-10-14`), a month (`2019-02`), a year (`2019`) or a range (`{from: .., to: ..}`)."""


class Listed(FactModel, Generic[T]):
    """A list as a report gives it: `items`, and whether they are all there are (`complete: true`).

    A plain list in an incident is read the same way: `[]` says "none" (complete), a non-empty list says
    "at least these" (a report rarely says it lists everything). Only a complete list lets "none of these"
    be decided; for an incomplete one it stays undetermined.
    """

    items: list[T] = Field(description="The items the report names")
    complete: StrictBool = Field(False, description="true: exactly these, nothing else; false (default): at least "
                                                   "these, others not reported")


def _list_form(value: Any) -> str:
    """Which form a list fact is written in, so that a bad value gets the one error of its own form."""
    return "Listed[]" if isinstance(value, dict | Listed) else "list[]"


_AS_LIST, _AS_LISTED, _BY_FORM = Tag("list[]"), Tag("Listed[]"), Discriminator(_list_form)

# List-valued facts: `[a, b]` (at least these), `[]` (none), or `{items: [a, b], complete: true}` (exactly these).
GestureList = Annotated[Annotated[list[Gesture], _AS_LIST] | Annotated[Listed[Gesture], _AS_LISTED], _BY_FORM] | None
AttributeList = Annotated[Annotated[list[Attribute], _AS_LIST] | Annotated[Listed[Attribute], _AS_LISTED],
                          _BY_FORM] | None
AudienceList = Annotated[Annotated[list[Audience], _AS_LIST] | Annotated[Listed[Audience], _AS_LISTED],
                         _BY_FORM] | None
FormList = Annotated[Annotated[list[PartisanForm], _AS_LIST] | Annotated[Listed[PartisanForm], _AS_LISTED],
                     _BY_FORM] | None


class PartyMembership(FactModel):
    """Membership of, or office in, a political party."""

    member: Maybe[StrictBool] = Field(None, description="Member or officer (pengurus) of a political party")
    role: Maybe[PartyRole] = Field(None, description="member (anggota) or officer (pengurus)")
    party: str | None = Field(None, description="The party's name (for the record; no rule turns on it)")
    since: Maybe[dt.date] = Field(None, description="Date the person became a member or officer")
    until: Maybe[dt.date] = Field(None, description="Date the membership or office ended; omit if ongoing or unknown")

    @model_validator(mode="after")
    def _consistent(self) -> PartyMembership:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"membership ends ({self.until}) before it starts ({self.since})")
        return self


class Candidacy(FactModel):
    """The person's own candidacy for an elected office."""

    race: Maybe[Race] = Field(None, description="The race the person stands in")
    registered_on: Maybe[dt.date] = Field(None, description="Date the person registered as a candidate")
    determined_on: Maybe[dt.date] = Field(None, description="Date KPU determined the person as a candidate")
    resigned: Maybe[StrictBool] = Field(None, description="Resigned in writing from ASN status")
    resigned_on: Maybe[dt.date] = Field(None, description="Date of the written resignation")


class SpouseCandidacy(FactModel):
    """A spouse who is a candidate (SE Menpan RB 18/2023)."""

    is_candidate: Maybe[StrictBool] = Field(None, description="The person's spouse is a candidate (or bakal calon)")
    race: Maybe[Race] = Field(None, description="The race the spouse stands in")
    name: str | None = Field(None, description="The spouse's name (for the record)")


class Person(FactModel):
    """The civil servant the incident is about."""

    name: str | None = Field(None, description="Name (for the record)")
    nip: str | None = Field(None, description="NIP (for the record)")
    employment_status: Maybe[EmploymentStatus] = Field(
        None, description="pns, cpns, pppk, pppk_paruh_waktu (ASN from 13 Jan 2025) or non_asn; decides which law "
                          "applies at all")
    position_class: Maybe[PositionClass] = Field(None, description="Jenis jabatan (JPT, administrator, ...)")
    office: Maybe[Office] = Field(None, description="A specific office some provisions name (camat, lurah, "
                                                    "kepala daerah, ...)")
    agency: str | None = Field(None, description="Agency (for the record)")
    region: str | None = Field(None, description="Region (for the record)")
    party: PartyMembership | None = Field(None, description="Party membership; omit if the report says nothing")
    candidacy: Candidacy | None = Field(None, description="The person's own candidacy; omit if none is reported")
    spouse: SpouseCandidacy | None = Field(None, description="A spouse who is a candidate; omit if not reported")
    cltn: list[DatePeriod] | None = Field(
        None, description="Periods of unpaid leave (CLTN); [] = never on CLTN; omit if unknown"
    )
    on_cltn: Maybe[StrictBool] = Field(
        None, description="On CLTN at the time of the acts, when the period is not known (true), or plainly not on "
                          "CLTN (false); `cltn` periods win when both are given")


class ElectionRef(FactModel):
    """The election: a bundled calendar by id, a race, and optionally explicit dates."""

    calendar: str | None = Field(None, description="Calendar id, e.g. pemilu-2024, pilkada-2024")
    race: Maybe[Race] = Field(
        None, description="The race; `dprd` or `legislatif` when only partly known; omit if unknown (dates then come "
                          "from the calendar when every race shares them)")
    determination_date: Maybe[dt.date] = Field(None, description="Candidate determination (penetapan) date")
    campaign_start: Maybe[dt.date] = Field(None, description="First day of the campaign period")
    campaign_end: Maybe[dt.date] = Field(None, description="Last day of the campaign period")
    quiet_start: Maybe[dt.date] = Field(None, description="First day of the quiet period (masa tenang)")
    quiet_end: Maybe[dt.date] = Field(None, description="Last day of the quiet period")
    voting_day: Maybe[dt.date] = Field(None, description="Voting day")


class Target(FactModel):
    """Whom an act supports or harms."""

    kind: Maybe[TargetKind] = Field(None, description="candidate, party or campaign_team")
    name: str | None = Field(None, description="Name (for the record)")
    standing: Maybe[Standing] = Field(
        None, description="bakal_calon or calon at the act's date; derived from the calendar if omitted"
    )
    independent: Maybe[StrictBool] = Field(None, description="Independent (perseorangan) candidate")
    is_spouse: Maybe[StrictBool] = Field(
        None, description="The target is the person's own spouse (SE MenPANRB 18/2023); omit if unknown")
    incumbent: Maybe[StrictBool] = Field(None, description="The target is an incumbent (petahana); recorded, no "
                                                           "encoded provision turns on it yet")
    party: str | None = Field(None, description="The target's party (for the record)")


class Act(FactModel):
    """One reported act."""

    id: str | None = Field(None, description="A short id the verdict uses for this act")
    kind: ActKind = Field(description="What was done (see the vocabulary; rules of thumb in rules/README.md)")
    date: ActDate = Field(None, description="Date of the act: exact, a month (2019-02), a year, or {from, to}")
    description: str | None = Field(None, description="What the report says (for the record)")
    target: Target | None = Field(None, description="Whom the act supports or harms")
    channel: Maybe[Channel] = Field(None, description="How it was done (social media, in person, ...)")
    platform: str | None = Field(None, description="Platform name (for the record)")
    publicly_accessible: Maybe[StrictBool] = Field(None, description="The post or photo can be seen by the public")
    active_support: Maybe[StrictBool] = Field(None, description="Gave active support beyond being present")
    gestures: GestureList = Field(
        None, description="Gestures: [a, b] = at least these; {items: [a, b], complete: true} = exactly these; "
                          "[] = no gesture; omit if unknown")
    attributes: AttributeList = Field(
        None, description="Attributes: [a, b] = at least these; {items: [a, b], complete: true} = exactly these; "
                          "[] = no attribute; omit if unknown")
    audience: AudienceList = Field(
        None, description="Whom the activity was aimed at: a list (at least these) or {items, complete}")
    forms: FormList = Field(
        None, description="Forms of the activity (meeting, invitation, appeal/call, gift, fundraising, coercion): a "
                          "list (at least these) or {items, complete}")
    role: Maybe[CampaignRole] = Field(None, description="Role in a campaign team")
    appointment: Maybe[Appointment] = Field(
        None, description="formal (SK or registered) or informal role; recorded, no encoded provision turns on it yet")
    material: Maybe[MaterialUse] = Field(
        None, description="Campaign material worn, carried, stored or distributed; recorded, no encoded provision "
                          "turns on it yet")
    outside_working_hours: Maybe[StrictBool] = Field(
        None, description="On a day off or outside working hours; recorded only: the neutrality provisions apply at "
                          "any time")
    effect: Maybe[Effect] = Field(
        None, description="The decision or act favours or harms a candidate (UU 10/2016 Pasal 71 ayat (1); PP 94/2021 "
                          "Pasal 5 huruf n angka 5); derived as `favours` for state facilities, programmes or "
                          "mobilisation put to a candidate's use when omitted")
    facility: Maybe[Facility] = Field(None, description="Which state facility was used")
    accompanying_spouse: Maybe[StrictBool] = Field(
        None, description="Present as the spouse of a candidate (derived true for accompany_spouse)")
    ministerial_approval: Maybe[StrictBool] = Field(
        None, description="Written approval of the Minister (Mendagri) for replacing officials (UU 10/2016 Pasal 71 "
                          "ayat (2)); presumed absent when unreported (stated in the verdict)")

    @property
    def day(self) -> dt.date | None:
        """The act's date when known to the day."""
        if isinstance(self.date, DateRange):
            return self.date.from_ if self.date.from_ == self.date.to else None
        return self.date

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the act may have happened, when its date is known only as a range."""
        if isinstance(self.date, DateRange) and self.date.from_ != self.date.to:
            return (self.date.from_, self.date.to)
        return None


class Incident(FactModel):
    """One incident: a person, the election, and the acts reported."""

    id: str = Field(min_length=1, max_length=200, description="The incident's id")
    title: str | None = Field(None, description="A one-line summary (for the record)")
    date: Maybe[dt.date] = Field(None, description="Reference date; defaults to the latest exact act date")
    person: Person = Field(description="The civil servant the incident is about")
    election: ElectionRef | None = Field(None, description="The election; omit if the report does not say")
    acts: list[Act] = Field(default_factory=list, max_length=MAX_ACTS, description="The acts reported")
    notes: str | None = Field(None, description="Free notes (for the record)")

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
        """The incident date, or the latest exactly known act date."""
        if self.date:
            return self.date
        dates = [a.day for a in self.acts if a.day]
        return max(dates) if dates else None
