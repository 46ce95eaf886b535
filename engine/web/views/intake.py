"""The guided intake and the evaluate-a-file page."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from netralitas.api import casework
from netralitas.api.examples import sample_text
from netralitas.api.problems import request_lang
from netralitas.api.routes.evaluate import evaluate_incident
from netralitas.api.security import Permission, require
from netralitas.api.services import services
from netralitas.errors import NetralitasError
from netralitas.evaluation.verdict import Verdict
from netralitas.facts import Incident, load_incident_text
from netralitas.registry.accounts import Role
from netralitas.registry.vocabulary import Source
from netralitas.web import intake
from netralitas.web.pages import page
from netralitas.web.views.common import form, multi, problems_of, see_other, view

router = APIRouter()
WRITERS = (Role.ADMIN, Role.OFFICER)


def _calendars(request: Request) -> dict[str, Any]:
    return {key: c.name for key, c in services(request).rulebook.calendars.items()}


def _incident(answers: intake.Answers) -> Incident:
    data = intake.incident_data(answers, "intake")
    return load_incident_text(json.dumps(data, ensure_ascii=False), "<intake>")


def _focus(asked: intake.Questions, act: int | None) -> str | None:
    """The input the keyboard goes to: a newly added act's first question, else the first newly needed one."""
    if act is not None:
        return asked.acts[act - 1].asked[0].field_id
    upcoming = asked.first_upcoming()
    return upcoming.field_id if upcoming else None


def _intake_page(request: Request, answers: intake.Answers, verdict: Verdict | None,
                 problems: list[dict[str, Any]] | None = None, status: int = 200,
                 act_focus: int | None = None) -> Response:
    lang = request_lang(request)
    asked = intake.questions(answers, verdict, lang, _calendars(request))
    who = request.state.account
    return page(request, "intake.html.j2", status, asked=asked, focus=_focus(asked, act_focus) if verdict or
                act_focus else None, free_open=any(p in answers.common for p in intake.FREE_TEXT),
                verdict=verdict, view=view(verdict, request) if verdict else None, problems=problems or [],
                can_save=who is not None and who.role in WRITERS, sources=[s.value for s in Source])


@router.get("/intake")
def intake_start(request: Request) -> Response:
    """The first questions."""
    require(request, Permission.EVALUATE)
    return _intake_page(request, intake.Answers(), None)


def _case_data(fields: dict[str, list[str]], incident: Incident) -> dict[str, Any]:
    def one(name: str) -> str | None:
        values = [v.strip() for v in fields.get(name, []) if v.strip()]
        return values[-1] if values else None

    data: dict[str, Any] = {"source": one("case.source") or Source.AGENCY_INTERNAL.value,
                            "incident": incident.model_dump(mode="json", exclude_none=True),
                            "asn": {"nip": one("case.nip")}, "place": one("case.place")}
    if one("case.received_on"):
        data["received_on"] = one("case.received_on")
    if one("case.reporter") or one("case.contact"):
        data["reporter"] = {"name": one("case.reporter"), "contact": one("case.contact")}
    return data


@router.post("/intake")
async def intake_step(request: Request) -> Response:
    """Evaluate the answers so far; show the next questions, the full verdict, the file, or save the case."""
    fields = multi(await form(request))
    require(request, Permission.EVALUATE)
    answers = intake.answers_from_form(fields)
    action = (fields.get("action") or ["next"])[-1]
    act_focus = intake.edit_acts(answers, action)
    try:
        incident = _incident(answers)
        verdict = await run_in_threadpool(evaluate_incident, request, incident)
    except NetralitasError as error:
        return _intake_page(request, answers, None, problems_of(error, request), 422, act_focus)
    if action == "download":
        text = yaml.safe_dump(incident.model_dump(mode="json", exclude_none=True), allow_unicode=True,
                              sort_keys=False)
        return Response(text, media_type="application/yaml",
                        headers={"Content-Disposition": f'attachment; filename="insiden-{dt.date.today()}.yaml"'})
    if action == "verdict":
        return page(request, "verdict.html.j2", verdict=verdict, view=view(verdict, request), case_number=None)
    if action == "save":
        who = require(request, Permission.WRITE_CASES)
        assert who is not None
        try:
            number = casework.create(services(request), who, _case_data(fields, incident))
            await run_in_threadpool(casework.evaluate, services(request), who, number)
        except NetralitasError as error:
            return _intake_page(request, answers, verdict, problems_of(error, request), 422)
        return see_other(f"/cases/{number}")
    return _intake_page(request, answers, verdict, act_focus=act_focus)


@router.get("/evaluate")
def evaluate_form(request: Request) -> Response:
    """A text box (or upload) for a whole incident file."""
    require(request, Permission.EVALUATE)
    return page(request, "evaluate.html.j2", text=sample_text("camat-kades"), problems=[])


@router.post("/evaluate")
async def evaluate_file(request: Request) -> Response:
    """The verdict page for the incident given."""
    data = await form(request)
    require(request, Permission.EVALUATE)
    upload = data.get("upload")
    text = data.get("incident")
    body = text if isinstance(text, str) else ""
    if upload is not None and not isinstance(upload, str) and upload.filename:
        raw = await upload.read()
        body = raw.decode("utf-8", errors="replace")
    try:
        verdict = await run_in_threadpool(evaluate_incident, request, load_incident_text(body, "<incident>"), True)
    except NetralitasError as error:
        return page(request, "evaluate.html.j2", 422, text=body, problems=problems_of(error, request))
    return page(request, "verdict.html.j2", verdict=verdict, view=view(verdict, request), case_number=None)
