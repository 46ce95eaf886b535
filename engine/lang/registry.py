"""The instrument registry and the sanction catalogue (rules/instruments.yaml, rules/sanctions.yaml)."""

from __future__ import annotations

from pydantic import Field

from netralitas.lang.models import Citation, Period, StrictModel, Tier
from netralitas.text import LocalizedText


class Instrument(StrictModel):
    """A legal instrument: a law, regulation, joint decree or circular."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    short: str = Field(description="Short name, e.g. 'PP 94/2021'")
    type: str = Field(description="UU, PP, SKB, SE, Perpres, ...")
    number: str
    year: int = Field(ge=1945, le=2100)
    title: LocalizedText
    in_force: Period
    address: str | None = Field(None, pattern=r"^https?://\S+$")
    replaced_by: str | None = None
    note: str | None = None


class Authority(StrictModel):
    """A body that recommends sanctions to the PPK, for a period."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: LocalizedText
    in_force: Period
    basis: list[Citation] = Field(default_factory=list)
    note: str | None = None


class InstrumentRegistry(StrictModel):
    """rules/instruments.yaml."""

    instruments: list[Instrument] = Field(min_length=1)
    authorities: list[Authority] = Field(min_length=1)


class TierOptions(StrictModel):
    """The concrete sanctions the law lists for one tier."""

    options: list[LocalizedText] = Field(min_length=1)
    basis: list[Citation] = Field(min_length=1)
    note: LocalizedText | None = Field(
        None, description="Shown with these options in every verdict: which reading of the law they follow, and any "
                          "other reading in use (e.g. PP 94/2021 Pasal 42 vs Pasal 8 ayat (3) for sedang)")


class SanctionScheme(StrictModel):
    """One instrument's sanction tiers."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    instrument: str
    tiers: dict[Tier, TierOptions] = Field(min_length=1)
    several_violations: Citation | None = Field(
        None, description="What the instrument says when several violations coincide"
    )


class SanctionCatalogue(StrictModel):
    """rules/sanctions.yaml."""

    schemes: list[SanctionScheme] = Field(min_length=1)
