"""JSON Schemas for incident, rulebook and scenario files, generated from the pydantic models.

`netralitas schema NAME` prints them; the copies in docs/schema/ are what the
`# yaml-language-server: $schema=...` first line of every bundled YAML file points to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from netralitas.authoring.scenarios import ScenarioFile
from netralitas.evaluation.group import GroupVerdict
from netralitas.evaluation.verdict import Verdict
from netralitas.facts.group import GroupIncident
from netralitas.facts.models import Incident
from netralitas.lang.models import RuleFile
from netralitas.lang.registry import InstrumentRegistry, SanctionCatalogue

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _finish(schema: dict[str, Any], title: str) -> dict[str, Any]:
    schema["$schema"] = DIALECT
    schema["title"] = title
    return schema


def _schema(model: type[BaseModel], title: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        return _finish(model.model_json_schema(by_alias=True), title)

    return build


def scenarios_schema() -> dict[str, Any]:
    """The schema of `*.tests.yaml` files, with the inline `incident` checked as an incident (its id optional)."""
    schema = ScenarioFile.model_json_schema(by_alias=True)
    incident = Incident.model_json_schema(by_alias=True)
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    for name, definition in incident.pop("$defs", {}).items():
        if defs.setdefault(name, definition) != definition:  # pragma: no cover - a model renamed into a clash
            raise RuntimeError(f"schema definition '{name}' differs between scenarios and incidents")
    incident["required"] = [name for name in incident.get("required", []) if name != "id"]
    incident["title"] = "Incident"
    defs["ScenarioIncident"] = incident
    field = defs["Scenario"]["properties"]["incident"]
    defs["Scenario"]["properties"]["incident"] = {
        "anyOf": [{"$ref": "#/$defs/ScenarioIncident"}, {"type": "null"}],
        "default": field.get("default"),
        "description": "The incident, inline (its id is optional); or give `incident_file` instead.",
    }
    return _finish(schema, "netralitas scenario tests")


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "facts": _schema(Incident, "netralitas incident"),
    "rules": _schema(RuleFile, "netralitas rule file"),
    "instruments": _schema(InstrumentRegistry, "netralitas instrument registry"),
    "sanctions": _schema(SanctionCatalogue, "netralitas sanction catalogue"),
    "scenarios": scenarios_schema,
    "verdict": _schema(Verdict, "netralitas verdict"),
    "group-facts": _schema(GroupIncident, "netralitas group incident"),
    "group-verdict": _schema(GroupVerdict, "netralitas group verdict"),
}
