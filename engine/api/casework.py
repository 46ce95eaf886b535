"""Case operations as the API and the web application offer them: the registry's services behind access rules.

Every function takes the caller (`Account`) and applies the officer's agency scope; a case outside it is
answered as not found, so an id reveals nothing. Stored verdicts are only ever added, never changed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netralitas.api.problems import ApiProblem
from netralitas.api.security import may_see, not_found, scope_agency
from netralitas.api.services import Services, evaluating
from netralitas.evaluation.verdict import Verdict
from netralitas.registry import verdicts
from netralitas.registry.accounts import Account
from netralitas.registry.advance import advance
from netralitas.registry.casefile import parse_case_file, validation_message
from netralitas.registry.cases import CaseEdit, add_case, edit_case, find
from netralitas.registry.db import read_session
from netralitas.registry.errors import CaseNotFound
from netralitas.registry.lifecycle import Sanction, allowed
from netralitas.registry.search import Filters, Page, search
from netralitas.registry.stats import Statistics, statistics
from netralitas.registry.views import case_detail
from netralitas.registry.vocabulary import Status
from netralitas.text import bi


class SanctionIn(BaseModel):
    """The sanction actually imposed."""

    model_config = ConfigDict(extra="forbid")
    tier: str = Field(max_length=20)
    sanction: str = Field(min_length=1, max_length=500)
    decree_number: str = Field(min_length=1, max_length=100)
    decree_date: dt.date


class AdvanceIn(BaseModel):
    """A status change: the target, why, on which day, and its details."""

    model_config = ConfigDict(extra="forbid")
    to: Status
    reason: str = Field(min_length=1, max_length=2000)
    on: dt.date | None = None
    sanction: SanctionIn | None = None
    summons_on: dt.date | None = None


class EditIn(BaseModel):
    """Changes to a case and why."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    edit: CaseEdit
    reason: str = Field(min_length=1, max_length=2000)


def detail(services: Services, who: Account | None, number: str, today: dt.date | None = None) -> dict[str, Any]:
    """Everything about a case the caller may see, with its latest verdict in full and the allowed next steps."""
    try:
        with read_session(services.engine) as session:
            found = case_detail(session, number, today)
            case_row = find(session, number)
            latest = verdicts.latest(session, case_row)
            found["latest_verdict"] = json.loads(latest.verdict_json) if latest is not None else None
    except CaseNotFound:
        raise not_found(number) from None
    if not may_see(who, found):
        raise not_found(number)
    found["next_steps"] = [s.value for s in allowed(Status(found["status"]))]
    return found


def scoped(who: Account | None, filters: Filters) -> Filters:
    """`filters` limited to the caller's agency scope."""
    agency = scope_agency(who)
    if agency is None:
        return filters
    return replace(filters, visible_to=agency)


def find_cases(services: Services, who: Account | None, filters: Filters, page: int, per_page: int) -> Page:
    """One page of the cases the caller may see that match `filters`."""
    with read_session(services.engine) as session:
        return search(session, scoped(who, filters), page, per_page)


def counts(services: Services, who: Account | None, filters: Filters) -> Statistics:
    """Statistics over the cases the caller may see."""
    with read_session(services.engine) as session:
        return statistics(session, scoped(who, filters))


def create(services: Services, who: Account, data: Any, today: dt.date | None = None) -> str:
    """Register a case from case-file data; an officer's own agency always keeps access to it."""
    case, incident = parse_case_file(data, "<request>")
    agency = scope_agency(who)
    if agency is not None:
        if not (case.asn.agency or incident.person.agency):
            case = case.model_copy(update={"asn": case.asn.model_copy(update={"agency": agency})})
        elif (case.asn.agency or incident.person.agency) != agency and agency not in case.forwarded_to:
            case = case.model_copy(update={"forwarded_to": [*case.forwarded_to, agency]})
    return add_case(services.engine, case, incident, who.username, today)


M = TypeVar("M", bound=BaseModel)


def _body(model: type[M], data: Any) -> M:
    """The request body as `model`, or the package's located error."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise validation_message(error, "<request>") from None


def edit(services: Services, who: Account, number: str, data: Any) -> dict[str, Any]:
    """Apply an edit to a case the caller may see."""
    detail(services, who, number)
    change = _body(EditIn, data)
    return edit_case(services.engine, number, change.edit, who.username, change.reason)


def evaluate(services: Services, who: Account, number: str) -> verdicts.Evaluation:
    """Evaluate a case under the server's rulebook and keep the verdict."""
    detail(services, who, number)
    with evaluating():
        return verdicts.evaluate_case(services.engine, number, who.username, services.settings.rules)


def move(services: Services, who: Account, number: str, data: Any) -> dict[str, str]:
    """Move a case along its lifecycle."""
    detail(services, who, number)
    step = _body(AdvanceIn, data)
    sanction = Sanction(**step.sanction.model_dump()) if step.sanction else None
    return advance(services.engine, number, step.to, who.username, step.reason, step.on, sanction, step.summons_on)


def reevaluate_all(services: Services, who: Account, dry_run: bool) -> list[verdicts.Evaluation]:
    """Re-run every open case under the server's rulebook (the route admits administrators only)."""
    with evaluating():
        return verdicts.reevaluate_open(services.engine, who.username, services.settings.rules, dry_run)


def stored_verdict(services: Services, who: Account | None, number: str, verdict_id: int) -> Verdict:
    """One kept verdict of a case the caller may see."""
    detail(services, who, number)
    with read_session(services.engine) as session:
        for row in verdicts.history(session, find(session, number)):
            if row.id == verdict_id:
                return verdicts.load_verdict(row)
    raise ApiProblem(404, "not-found", bi(f"perkara {number} tidak memiliki putusan {verdict_id}",
                                          f"case {number} has no verdict {verdict_id}"))
