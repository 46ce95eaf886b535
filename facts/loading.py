"""Load incidents from YAML or JSON with located, readable errors."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from netralitas.errors import IncidentError, InputFileError, Problem
from netralitas.facts.models import Incident
from netralitas.io.yaml_source import (
    Located,
    LocatedProblems,
    load_yaml_file,
    load_yaml_text,
    problems_from_validation,
)


def incident_from_located(located: Located, default_id: str | None = None) -> Incident:
    """Validate a loaded document as an incident; the file stem is its id when it has none."""
    data = located.data
    if not isinstance(data, dict):
        raise IncidentError([Problem("an incident must be a mapping with 'person' and 'acts'", located.file, 1, 1)])
    if "id" not in data and default_id:
        data = {"id": default_id, **data}
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        raise IncidentError(problems_from_validation(exc, located, Incident)) from None


def load_incident(path: str | Path) -> Incident:
    """Load one incident file (YAML or JSON)."""
    path = Path(path)
    try:
        located = load_yaml_file(path)
    except LocatedProblems as exc:
        raise IncidentError(exc.problems) from None
    except InputFileError as exc:
        raise IncidentError([Problem(str(exc), str(path))]) from None
    return incident_from_located(located, path.stem)


def load_incident_text(text: str, name: str = "<stdin>") -> Incident:
    """Load one incident from YAML or JSON text."""
    try:
        located = load_yaml_text(text, name)
    except LocatedProblems as exc:
        raise IncidentError(exc.problems) from None
    return incident_from_located(located)
