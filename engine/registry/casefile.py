"""The case file officers write for `netralitas cases add` (YAML or JSON), validated.

Everything about the ASN, the time and place and the election defaults to what the incident says; the
incident is nested under `incident:` or referenced by `incident_file:` (relative to the case file).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netralitas import Incident, load_incident
from netralitas.facts.loading import incident_from_data
from netralitas.registry.errors import CaseFileError
from netralitas.registry.vocabulary import Source
from netralitas.text import bi

INCIDENT_SCHEMA_VERSION = 1


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReporterIn(_In):
    """The reporter; both fields optional (anonymous reports are accepted)."""

    name: str | None = Field(None, max_length=200)
    contact: str | None = Field(None, max_length=200)


class AsnIn(_In):
    """The reported ASN as the report names them."""

    name: str | None = Field(None, max_length=200)
    nip: str | None = None
    employment_status: str | None = Field(None, max_length=32)
    position: str | None = Field(None, max_length=200)
    position_group: str | None = Field(None, max_length=32)
    agency: str | None = Field(None, max_length=200)
    region: str | None = Field(None, max_length=200)
    province: str | None = Field(None, max_length=100)


class EvidenceIn(_In):
    """A reference to one piece of evidence."""

    name: str = Field(min_length=1, max_length=300)
    link: str | None = Field(None, max_length=1000)
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")


class CaseFile(_In):
    """A case as filed."""

    source: Source
    received_on: dt.date | None = None
    election: str | None = Field(None, max_length=64)
    additional_information: bool = False
    reporter: ReporterIn | None = None
    asn: AsnIn = Field(default_factory=AsnIn)
    occurred_on: dt.date | None = None
    place: str | None = Field(None, max_length=300)
    account: str = ""
    evidence: list[EvidenceIn] = Field(default_factory=list)
    officers: list[str] = Field(default_factory=list)
    forwarded_to: list[str] = Field(default_factory=list)
    incident: dict[str, Any] | None = None
    incident_file: str | None = None


def validation_message(error: ValidationError, where: str) -> CaseFileError:
    """One line naming each invalid field."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in error.errors()]
    text = "; ".join(parts)
    return CaseFileError(bi(f"{where}: berkas perkara tidak sah: {text}", f"{where}: invalid case file: {text}"))


def parse_case_file(data: Any, where: str, base: Path | None = None) -> tuple[CaseFile, Incident]:
    """Validate a case file's data and load its incident."""
    if not isinstance(data, dict):
        raise CaseFileError(bi(f"{where}: berkas perkara harus berupa pemetaan (mapping)",
                               f"{where}: a case file must be a mapping"))
    try:
        case = CaseFile.model_validate(data)
    except ValidationError as error:
        raise validation_message(error, where) from None
    if (case.incident is None) == (case.incident_file is None):
        raise CaseFileError(bi(f"{where}: isi tepat satu dari 'incident' atau 'incident_file'",
                               f"{where}: give exactly one of 'incident' or 'incident_file'"))
    if case.incident is not None:
        # dates (from YAML) become the strings a JSON incident carries; validated as data, problems name their field
        plain = json.loads(json.dumps(case.incident, default=str))
        incident = incident_from_data(plain, f"{where}#incident")
    else:
        assert case.incident_file is not None
        incident = load_incident((base or Path.cwd()) / case.incident_file)
    return case, incident


def load_case_file(path: Path) -> tuple[CaseFile, Incident]:
    """Read and validate a YAML or JSON case file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CaseFileError(bi(f"{path}: tidak dapat dibaca: {error.strerror}",
                               f"{path}: cannot be read: {error.strerror}")) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CaseFileError(bi(f"{path}: YAML/JSON tidak sah: {error}",
                               f"{path}: invalid YAML/JSON: {error}")) from None
    return parse_case_file(data, str(path), path.parent)


def canonical_incident(incident: Incident) -> str:
    """The incident as stored: canonical JSON (sorted keys, unknown fields omitted)."""
    return json.dumps(incident.model_dump(mode="json", exclude_none=True), ensure_ascii=False, sort_keys=True)


def stored_incident(text: str) -> Incident:
    """The incident of a stored case."""
    return Incident.model_validate_json(text)
