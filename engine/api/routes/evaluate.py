"""`POST /evaluate` (one incident or one group incident, JSON or YAML) and `POST /evaluate/batch` (JSON Lines in,
JSON Lines streamed out).

The verdict is exactly what `netralitas evaluate --format json` prints: compact by default (the provisions that
do not apply are listed by id only), explained in full with `explain=true` (as `--explain`).
A group incident (a body that lists `persons`) gets the group verdict (`kind: group`), with the same per person.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from netralitas.api.examples import group_examples, incident_examples, jsonl_example, sample_text
from netralitas.api.problems import ApiProblem, request_lang
from netralitas.api.security import Permission, require
from netralitas.api.services import evaluating, services
from netralitas.batch.output import OutputFormat
from netralitas.batch.runner import RecordEvaluator, json_line_records
from netralitas.errors import IncidentError
from netralitas.evaluation.group import GroupVerdict, evaluate_group
from netralitas.evaluation.verdict import Verdict
from netralitas.facts import Incident
from netralitas.facts.group import GroupIncident, group_from_located
from netralitas.facts.loading import incident_from_located, is_group, located_text, relocate
from netralitas.messages import message as problem_message
from netralitas.text import bi

router = APIRouter(tags=["evaluate"])
INCIDENT_TYPES = ("application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
                  "text/plain")
LINES_TYPES = ("application/jsonl", "application/x-ndjson", "application/json-lines", "text/plain",
               "application/json")
Explain = Annotated[bool, Query(description="Explain every provision: why those that do not apply do not, and the "
                                            "conditions that already hold for undetermined ones")]
LangQuery = Annotated[str | None, Query(pattern="^(id|en)$", description="Language of errors: id (default) or en")]


def body_text(raw: bytes, content_type: str | None, accepted: tuple[str, ...]) -> str:
    """The request body as text, refusing an unsupported media type (415) or bytes that are not UTF-8 (400)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media and media not in accepted:
        raise ApiProblem(415, "unsupported-media-type", bi(
            f"jenis isi '{media}' tidak didukung; gunakan salah satu: {', '.join(accepted)}",
            f"unsupported content type '{media}'; use one of: {', '.join(accepted)}"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiProblem(400, "not-utf8", bi(f"isi bukan UTF-8 (bita ke-{error.start + 1})",
                                             f"the body is not UTF-8 (byte {error.start + 1})")) from None


def evaluate_incident(request: Request, incident: Incident, explain: bool = False) -> Verdict:
    """Evaluate under the process's evaluation lock."""
    with evaluating():
        return services(request).evaluator.evaluate(incident, explain=explain)


def evaluate_group_incident(request: Request, group: GroupIncident, explain: bool = False) -> GroupVerdict:
    """Evaluate every person of a group under the process's evaluation lock (held once for the whole group)."""
    with evaluating():
        return evaluate_group(services(request).evaluator, group, explain=explain)


def _incident_body() -> dict[str, Any]:
    return {"required": True, "content": {
        "application/json": {"schema": {"anyOf": [{"$ref": "#/components/schemas/Incident"},
                                                  {"$ref": "#/components/schemas/GroupIncident"}]},
                             "examples": {**incident_examples(), **group_examples()}},
        "application/yaml": {"schema": {"type": "string"}, "example": sample_text("camat-kades")}}}


@router.post("/evaluate", summary="Evaluate one incident or one group incident", response_model=Verdict | GroupVerdict,
             openapi_extra={"requestBody": _incident_body()},
             responses={415: {"description": "Not JSON or YAML"}, 422: {"description": "Invalid incident, located"}})
async def evaluate(request: Request, lang: LangQuery = None, explain: Explain = False) -> Response:
    """An incident (JSON or YAML) → its verdict; a group incident (it lists `persons`) → the group verdict.
    Invalid incidents get a 422 problem naming line, column and field."""
    require(request, Permission.EVALUATE)
    text = body_text(await request.body(), request.headers.get("content-type"), INCIDENT_TYPES)
    located = located_text(text, "<request>")
    try:
        if is_group(located.data):
            group = await run_in_threadpool(evaluate_group_incident, request, group_from_located(located), explain)
            body = group.to_json(indent=None)
        else:
            verdict = await run_in_threadpool(evaluate_incident, request, incident_from_located(located), explain)
            body = verdict.to_json(indent=None)
    except IncidentError as error:
        raise relocate(error, located) from None
    return Response(body, media_type="application/json", headers={"Content-Language": request_lang(request)})


def _batch_lines(request: Request, text: str, explain: bool) -> Iterator[str]:
    runner = RecordEvaluator(services(request).evaluator, OutputFormat.JSONL, request_lang(request), explain)
    for record in json_line_records(text.splitlines(), "<request>", "line"):
        with evaluating():
            result = runner(record)
        if result.problems:
            data = json.loads(result.output)
            for item, problem in zip(data["error"]["problems"], result.problems, strict=True):
                item["message"] = problem_message(problem, runner.lang)
            yield json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
        else:
            yield result.output


@router.post("/evaluate/batch", summary="Evaluate incidents given as JSON Lines",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/jsonl": {"schema": {"type": "string"}, "example": jsonl_example()}}}},
             responses={200: {"description": "One verdict, or one `{\"error\": ...}` naming the line, per input line",
                              "content": {"application/jsonl": {}}}})
async def evaluate_batch(request: Request, lang: LangQuery = None, explain: Explain = False) -> StreamingResponse:
    """JSON Lines in, JSON Lines streamed out in input order; a bad line gives an error line in its place."""
    require(request, Permission.EVALUATE)
    text = body_text(await request.body(), request.headers.get("content-type"), LINES_TYPES)
    return StreamingResponse(iterate_in_threadpool(_batch_lines(request, text, explain)),
                             media_type="application/jsonl")
