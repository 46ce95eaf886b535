"""Election calendars: editable YAML data with sources, and the phase of a date within one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from netralitas.facts.models import ElectionRef
from netralitas.facts.vocabulary import ElectionKind, Phase, Race
from netralitas.io.package_data import data_folder
from netralitas.text import LocalizedText


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """Where a date comes from."""

    title: str
    address: str | None = None


class Span(_Model):
    """A span of days, both ends included."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class Calendar(_Model):
    """The key dates of one election."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: LocalizedText
    kind: ElectionKind
    determination: dict[Race, date] = Field(description="Candidate determination (penetapan) date per race")
    campaign: Span
    quiet_period: Span
    voting_day: date
    sources: list[Source] = Field(min_length=1)
    confidence: str = Field(pattern=r"^(confirmed|secondary|unconfirmed)$")
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Calendar:
        for race, day in self.determination.items():
            if race.election_kind is not self.kind:
                raise ValueError(f"race '{race}' is not part of a {self.kind} election")
            if day > self.campaign.start:
                raise ValueError(f"determination for {race} ({day}) is after the campaign starts")
        if not self.campaign.end < self.quiet_period.start <= self.quiet_period.end < self.voting_day:
            raise ValueError("expected campaign < quiet period < voting day")
        return self


class ResolvedElection(_Model):
    """An election with every date it has, from the calendar and the incident."""

    calendar: str | None
    kind: ElectionKind | None
    race: Race | None
    determination_date: date | None
    campaign_start: date | None
    campaign_end: date | None
    quiet_start: date | None
    quiet_end: date | None
    voting_day: date | None
    determination_races: tuple[tuple[Race, date], ...] = ()
    """When the race is unknown or partly known: the races it may be, with their determination dates."""

    def determination_hint(self) -> LocalizedText | None:
        """Why the determination date is unknown when the races it may be were determined on different days."""
        if self.determination_date is not None or len({d for _, d in self.determination_races}) < 2:
            return None
        listed = ", ".join(f"{r.value} {d.isoformat()}" for r, d in self.determination_races)
        return LocalizedText(
            id=f"tahapan dan status calon belum dapat diturunkan: penetapan calon berbeda menurut jenis kontestasi "
               f"({listed}); sebutkan election.race",
            en=f"phase and candidate standing cannot be derived: candidates were determined on different days by "
               f"race ({listed}); give election.race")

    def phase(self, day: date) -> Phase | None:
        """The election phase `day` falls in, or None where the calendar cannot tell."""
        if self.determination_date is None:
            return None
        if day < self.determination_date:
            return Phase.BEFORE_DETERMINATION
        checkpoints = (self.campaign_start, self.campaign_end, self.quiet_start, self.quiet_end, self.voting_day)
        if any(c is None for c in checkpoints):
            return None
        assert self.campaign_start and self.campaign_end and self.quiet_start and self.quiet_end and self.voting_day
        if day < self.campaign_start:
            return Phase.AFTER_DETERMINATION
        if day <= self.campaign_end:
            return Phase.CAMPAIGN
        if self.quiet_start <= day <= self.quiet_end:
            return Phase.QUIET_PERIOD
        if day == self.voting_day:
            return Phase.VOTING_DAY
        if day > self.voting_day:
            return Phase.AFTER_VOTING
        return None


def calendars_dir() -> Path:
    """The bundled calendars folder."""
    return data_folder("netralitas.facts", "calendars")


def resolve_election(ref: ElectionRef | None, calendars: dict[str, Calendar]) -> ResolvedElection:
    """Merge an incident's election reference with its calendar; explicit dates win."""
    if ref is None:
        return ResolvedElection(calendar=None, kind=None, race=None, determination_date=None, campaign_start=None,
                                campaign_end=None, quiet_start=None, quiet_end=None, voting_day=None)
    cal = calendars[ref.calendar] if ref.calendar else None
    race = ref.race
    kind = race.election_kind if race else (cal.kind if cal else None)
    determination = ref.determination_date or (cal.determination.get(race) if cal and race else None)
    possible: tuple[tuple[Race, date], ...] = ()
    if determination is None and cal is not None:
        # the race is unknown or partly known: the date is known when every race it may be shares it
        # (Pilkada 2024 determined every race on one day); MK 135/PUU-XXII/2024: never assume one day across elections
        covered = race.covers if race else tuple(cal.determination)
        possible = tuple((r, cal.determination[r]) for r in covered if r in cal.determination)
        if possible and len({d for _, d in possible}) == 1:
            determination = possible[0][1]
    return ResolvedElection(
        calendar=ref.calendar,
        kind=kind,
        race=race,
        determination_date=determination,
        determination_races=possible,
        campaign_start=ref.campaign_start or (cal.campaign.start if cal else None),
        campaign_end=ref.campaign_end or (cal.campaign.end if cal else None),
        quiet_start=ref.quiet_start or (cal.quiet_period.start if cal else None),
        quiet_end=ref.quiet_end or (cal.quiet_period.end if cal else None),
        voting_day=ref.voting_day or (cal.voting_day if cal else None),
    )
