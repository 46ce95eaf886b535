"""The YAML rule language, as pydantic models.

These models are the single source of truth for rule files: validation, the JSON Schema
editors use for completion, and the documentation of every field.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

from netralitas.facts.paths import FIELDS
from netralitas.facts.vocabulary import ActKind
from netralitas.text import LocalizedText

RULE_ID = r"^[a-z0-9][a-z0-9._-]*$"
Scalar = StrictBool | StrictStr
"""A value compared with `equals`: `true`/`false` or text, never coerced (`1` and `"yes"` are not booleans)."""


class StrictModel(BaseModel):
    """Base for rule-language models: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Category(StrEnum):
    """Which channel a provision belongs to."""

    KODE_ETIK = "kode_etik"
    DISIPLIN = "disiplin"
    PEMBERHENTIAN = "pemberhentian"
    PIDANA_PEMILU = "pidana_pemilu"
    PIDANA_PEMILIHAN = "pidana_pemilihan"
    LARANGAN_PEMILU = "larangan_pemilu"
    BUKAN_PELANGGARAN = "bukan_pelanggaran"


class Tier(StrEnum):
    """The sanction tier a finding recommends."""

    NONE = "none"
    SANKSI_MORAL = "sanksi_moral"
    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"
    PDH = "pdh"
    PTDH = "ptdh"
    PIDANA = "pidana"
    UNASSIGNED = "unassigned"


class Confidence(StrEnum):
    """How sure we are of a mapping: the law's own text, a secondary source, or unconfirmed."""

    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    UNCONFIRMED = "unconfirmed"


class Period(StrictModel):
    """Days a provision is in force, both ends included; no `until` means still in force."""

    from_: date = Field(alias="from")
    until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.until is not None and self.until < self.from_:
            raise ValueError(f"'until' ({self.until}) is before 'from' ({self.from_}): empty validity window")
        return self

    def contains(self, day: date) -> bool:
        """Whether `day` is inside the period."""
        return self.from_ <= day and (self.until is None or day <= self.until)

    def within(self, other: Period) -> bool:
        """Whether this whole period lies inside `other`."""
        ends_in = other.until is None or (self.until is not None and self.until <= other.until)
        return other.from_ <= self.from_ and ends_in


class Citation(StrictModel):
    """A precise reference to a provision, with its quoted text.

    `huruf` and `angka` are cited in the order they are written, because articles nest them both ways
    (PP 94/2021 Pasal 5 huruf n angka 5; PP 53/2010 Pasal 4 angka 12 huruf a).
    """

    instrument: str = Field(description="Key of the instrument in rules/instruments.yaml, e.g. pp-94-2021")
    lampiran: str | None = Field(None, description="Lampiran (annex), e.g. II")
    bagian: str | None = Field(None, description="Part of an annex, e.g. B")
    pasal: str | None = None
    ayat: str | None = None
    huruf: str | None = None
    angka: str | None = None
    text: str = Field(min_length=1, description="The quoted text, in Indonesian")
    address: str = Field(
        pattern=r"^https?://\S+$", description="A public address where the text can be read"
    )
    confidence: Confidence | None = Field(
        None, description="Confidence in this quotation, if it differs from the rule's"
    )
    note: str | None = None
    _angka_first: bool = PrivateAttr(default=False)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_order(cls, data: object, handler: ModelWrapValidatorHandler[Citation]) -> Citation:
        citation = handler(data)
        if isinstance(data, dict):
            keys = [k for k in data if k in ("huruf", "angka")]
            citation._angka_first = keys == ["angka", "huruf"]
        return citation

    def reference(self) -> str:
        """E.g. 'Pasal 5 huruf n angka 5' or 'Lampiran II huruf B angka 6'."""
        parts = []
        if self.lampiran:
            parts.append(f"Lampiran {self.lampiran}")
        if self.bagian:
            parts.append(f"huruf {self.bagian}")
        if self.pasal:
            parts.append(f"Pasal {self.pasal}")
        if self.ayat:
            parts.append(f"ayat ({self.ayat})")
        subdivisions = [f"huruf {self.huruf}" if self.huruf else "", f"angka {self.angka}" if self.angka else ""]
        if self._angka_first:
            subdivisions.reverse()
        return " ".join([*parts, *filter(None, subdivisions)])


class Condition(StrictModel):
    """A test over fact paths: `all`/`any`/`not`, or `fact` with exactly one operator."""

    all: list[Condition] | None = Field(None, min_length=1, description="Every condition holds")
    any: list[Condition] | None = Field(None, min_length=1, description="At least one condition holds")
    not_: Condition | None = Field(None, alias="not", description="The condition does not hold (and is known)")
    fact: str | None = Field(None, description="A fact path, e.g. act.kind or person.employment_status",
                             json_schema_extra={"enum": [spec.path for spec in FIELDS]})
    equals: Scalar | None = None
    not_equals: Scalar | None = None
    in_: list[str] | None = Field(None, alias="in", min_length=1)
    not_in: list[str] | None = Field(None, min_length=1)
    before: str | None = Field(None, description="A date (YYYY-MM-DD) or a date fact path")
    after: str | None = None
    on_or_before: str | None = None
    on_or_after: str | None = None
    offset_days: StrictInt | None = Field(None, description="Days added to a date fact path used as comparison value")
    contains_any: list[str] | None = Field(None, min_length=1)
    contains_all: list[str] | None = Field(None, min_length=1)
    contains_none: list[str] | None = Field(None, min_length=1)
    known: StrictBool | None = Field(None, description="true: the fact is known; false: it is unknown")

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        given = self.model_fields_set
        empty = [name for name in given if getattr(self, name) is None]
        if empty:
            name = "in" if empty[0] == "in_" else "not" if empty[0] == "not_" else empty[0]
            raise ValueError(f"'{name}' needs a value; null (empty) is not allowed here")
        logical = [name for name in ("all", "any", "not_") if name in given]
        operators = [name for name in OPERATORS if name in given]
        if logical:
            if len(logical) > 1 or "fact" in given or operators or "offset_days" in given:
                raise ValueError("a condition is either one of all/any/not, or a 'fact' with one operator")
            return self
        if "fact" not in given:
            raise ValueError("a condition needs 'fact' (with an operator) or one of all/any/not")
        if len(operators) != 1:
            names = ", ".join(OPERATOR_NAMES)
            raise ValueError(f"'fact' needs exactly one operator, one of: {names}")
        if "offset_days" in given and operators[0] not in ("before", "after", "on_or_before", "on_or_after"):
            raise ValueError("'offset_days' only goes with before/after/on_or_before/on_or_after")
        return self


OPERATORS = ("equals", "not_equals", "in_", "not_in", "before", "after", "on_or_before", "on_or_after",
             "contains_any", "contains_all", "contains_none", "known")
OPERATOR_NAMES = tuple("in" if o == "in_" else o for o in OPERATORS)


class Sanction(StrictModel):
    """The recommended sanction: tier, the options the law lists, and their basis."""

    tier: Tier
    scheme: str | None = Field(None, description="Key in rules/sanctions.yaml whose options for this tier apply")
    options: list[LocalizedText] | None = Field(None, description="Explicit options, instead of the scheme's")
    penalty: LocalizedText | None = Field(None, description="Criminal penalty, for pidana rules")
    basis: list[Citation] = Field(default_factory=list, description="Provisions that set the tier")


class Rule(StrictModel):
    """One encoded provision."""

    id: str = Field(pattern=RULE_ID)
    title: LocalizedText
    category: Category
    subject: Literal["act", "person"] = Field("act", description="Tested against each act, or against the person")
    act_kinds: list[ActKind] | None = Field(None, min_length=1, description="Acts this rule is about (act rules)")
    topic: str = Field(pattern=RULE_ID, description="Rules with the same topic answer the same legal question")
    basis: list[Citation] = Field(min_length=1)
    when: Condition | None = None
    exception_to: list[str] = Field(default_factory=list, description="Rules this one sets aside when it applies")
    sanction: Sanction
    in_force: Period
    dated_by: str | None = Field(None, description="Date fact deciding which version applies (default act.date)")
    confidence: Confidence
    note: LocalizedText | None = None

    @model_validator(mode="after")
    def _shape(self) -> Rule:
        if self.subject == "act" and not self.act_kinds:
            raise ValueError("an act rule needs 'act_kinds'")
        if self.subject == "person" and self.act_kinds:
            raise ValueError("a person rule takes no 'act_kinds'")
        if self.confidence is not Confidence.CONFIRMED and self.note is None:
            raise ValueError(f"confidence '{self.confidence}' needs a 'note' saying what is uncertain")
        if self.category is Category.BUKAN_PELANGGARAN and self.sanction.tier is not Tier.NONE:
            raise ValueError("a rule that finds no violation (bukan_pelanggaran) takes sanction tier 'none'")
        return self

    def date_path(self) -> str:
        """The fact path whose date decides whether this rule is in force."""
        return self.dated_by or ("act.date" if self.subject == "act" else "incident.date")


class RuleFile(StrictModel):
    """A rule file: a list of rules."""

    rules: list[Rule] = Field(min_length=1)
