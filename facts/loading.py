"""Load incidents from YAML or JSON with located, readable errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from netralitas.errors import IncidentError, InputFileError, Problem
from netralitas.facts.models import Incident
from netralitas.io.limits import DEFAULT_LIMITS, Limits
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


def incident_from_data(data: Any, name: str = "<input>") -> Incident:
    """Validate a document given as Python data (a dict); problems name their field path."""
    return incident_from_located(Located(data, name, {}))


def relocate(error: IncidentError, located: Located) -> IncidentError:
    """`error` with each problem placed in `located`'s file by its field path, where it has no line yet."""
    problems = []
    for problem in error.problems:
        if problem.line is None and problem.path:
            loc = tuple(int(p) if p.isdigit() else p for p in problem.path.split("."))
            line, column = located.position(loc)
            problem = replace(problem, file=problem.file or located.file, line=line, column=column)
        problems.append(replace(problem, file=problem.file or located.file))
    return IncidentError(problems)


def load_located(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Located:
    """Read one incident file (YAML or JSON) with positions, every failure an `IncidentError`."""
    path = Path(path)
    try:
        return load_yaml_file(path, limits)
    except LocatedProblems as exc:
        raise IncidentError(exc.problems) from None
    except InputFileError as exc:
        raise IncidentError([Problem(str(exc).removeprefix(f"{path}: "), str(path))]) from None


def load_incident(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Incident:
    """Load one incident file (YAML or JSON)."""
    return incident_from_located(load_located(path, limits), Path(path).stem)


def load_incident_text(text: str, name: str = "<stdin>", limits: Limits = DEFAULT_LIMITS) -> Incident:
    """Load one incident from YAML or JSON text."""
    return incident_from_located(located_text(text, name, limits))


def located_text(text: str, name: str = "<stdin>", limits: Limits = DEFAULT_LIMITS) -> Located:
    """Parse one incident document given as text, every failure an `IncidentError`."""
    try:
        return load_yaml_text(text, name, limits)
    except LocatedProblems as exc:
        raise IncidentError(exc.problems) from None


def is_group(data: Any) -> bool:
    """Whether a loaded document is a group incident (it lists `persons`)."""
    return isinstance(data, dict) and "persons" in data
