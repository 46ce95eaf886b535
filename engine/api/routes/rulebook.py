"""The rulebook, read-only: its hash and version, rules, one rule, instruments, calendars and the JSON Schemas."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from netralitas.api.problems import ApiProblem
from netralitas.api.security import Permission, require
from netralitas.api.services import services
from netralitas.authoring.schemas import SCHEMAS
from netralitas.rulebook.loader import LoadedRule
from netralitas.suggestions import suggest
from netralitas.text import bi
from netralitas.version import __version__

router = APIRouter(tags=["rulebook"])


def rule_data(loaded: LoadedRule) -> dict[str, Any]:
    """One rule as written (JSON-ready), with the file and line it comes from."""
    data: dict[str, Any] = loaded.rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["source"] = {"file": loaded.file, "line": loaded.line}
    return data


@router.get("/rulebook", summary="The rulebook's content hash and the engine version")
def rulebook_info(request: Request) -> dict[str, Any]:
    """What a verdict's provenance refers to."""
    require(request, Permission.RULEBOOK)
    book = services(request).rulebook
    return {"content_hash": book.content_hash, "engine_version": __version__, "rules": len(book.rules),
            "instruments": len(book.instruments), "calendars": sorted(book.calendars)}


@router.get("/rulebook/rules", summary="Every rule")
def rules(request: Request) -> list[dict[str, Any]]:
    """All rules, in rulebook order."""
    require(request, Permission.RULEBOOK)
    return [rule_data(r) for r in services(request).rulebook.rules]


@router.get("/rulebook/rules/{rule_id}", summary="One rule")
def rule(request: Request, rule_id: str) -> dict[str, Any]:
    """One rule by id (404 with a suggestion when unknown)."""
    require(request, Permission.RULEBOOK)
    book = services(request).rulebook
    try:
        return rule_data(book.rule(rule_id))
    except KeyError:
        guess = suggest(rule_id, [r.rule.id for r in book.rules])
        hint_id, hint_en = (f"; maksud Anda '{guess}'?", f"; did you mean '{guess}'?") if guess else ("", "")
        raise ApiProblem(404, "not-found", bi(f"aturan '{rule_id}' tidak ada{hint_id}",
                                              f"no rule '{rule_id}'{hint_en}")) from None


@router.get("/rulebook/instruments", summary="The legal instruments cited")
def instruments(request: Request) -> list[dict[str, Any]]:
    """Instruments with their periods in force."""
    require(request, Permission.RULEBOOK)
    return [i.model_dump(mode="json", by_alias=True, exclude_none=True)
            for i in services(request).rulebook.instruments.values()]


@router.get("/rulebook/calendars", summary="The election calendars")
def calendars(request: Request) -> list[dict[str, Any]]:
    """Election calendars with their sources."""
    require(request, Permission.RULEBOOK)
    return [c.model_dump(mode="json", by_alias=True, exclude_none=True)
            for c in services(request).rulebook.calendars.values()]


@router.get("/schemas/{name}", summary="A JSON Schema: facts, rules, verdict, instruments, sanctions, scenarios ...")
def schema(request: Request, name: str) -> dict[str, Any]:
    """The JSON Schema called `name` (as `netralitas schema NAME` prints it)."""
    require(request, Permission.RULEBOOK)
    if name not in SCHEMAS:
        known = ", ".join(SCHEMAS)
        raise ApiProblem(404, "not-found", bi(f"skema '{name}' tidak ada; yang ada: {known}",
                                              f"no schema '{name}'; known: {known}"))
    return SCHEMAS[name]()
