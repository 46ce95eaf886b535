"""JSON Schemas for incident files and rulebook files, generated from the pydantic models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netralitas.facts.models import Incident
from netralitas.lang.models import RuleFile
from netralitas.lang.registry import InstrumentRegistry, SanctionCatalogue


def _schema(model: Any, title: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        schema: dict[str, Any] = model.model_json_schema(by_alias=True)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = title
        return schema

    return build


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {
    "facts": _schema(Incident, "netralitas incident"),
    "rules": _schema(RuleFile, "netralitas rule file"),
    "instruments": _schema(InstrumentRegistry, "netralitas instrument registry"),
    "sanctions": _schema(SanctionCatalogue, "netralitas sanction catalogue"),
}
