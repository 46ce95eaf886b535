"""Group incidents: several persons in one report, sharing the election and (some of) the acts.

Reports often concern officials acting together (a camat and the lurah at one rally, village
officials at one declaration). A group incident lists the `persons`, each with an `id`, and the
acts; an act names who did it with `by: [person ids]`, and is done by every person when `by` is
omitted. Evaluation splits the group into one ordinary incident per person (`split_group`), with
the id `<group id>/<person id>`; the law is applied to each person on their own acts only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator

from netralitas.errors import IncidentError, Problem
from netralitas.facts.loading import incident_from_located, is_group, load_located, relocate
from netralitas.facts.models import MAX_ACTS, Act, ElectionRef, FactModel, Incident, Maybe, Person
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.yaml_source import Located, problems_from_validation
from netralitas.suggestions import suggest

MAX_PERSONS = 100
"""Persons in one group incident: a report about more officials than this is several reports."""
PERSON_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$"
_PERSON_ID = re.compile(PERSON_ID_PATTERN)
GROUP_ID_MAX = 139
"""A group's id is at most this long, so that `<group id>/<person id>` fits an incident id (200)."""


class GroupPerson(Person):
    """One person of a group incident: the person's facts as in an incident, and an id the acts refer to."""

    id: str = Field(json_schema_extra={"pattern": PERSON_ID_PATTERN},
                    description="A short id the acts' `by` lists and the verdict use (letters, digits, '.', '_', '-')")

    @field_validator("id")
    @classmethod
    def _short_name(cls, value: str) -> str:
        """A person id becomes part of an incident id (`<group>/<person>`): a plain short word."""
        if not _PERSON_ID.match(value):
            raise ValueError(f"person id '{value}' must be one word of letters, digits, '.', '_' or '-' (at most 60 "
                             "characters, starting with a letter or digit)")
        return value


class GroupAct(Act):
    """One reported act of a group incident, and who did it."""

    by: list[str] | None = Field(None, description="Ids of the persons who did this act; omit when every person "
                                                   "of the group did it")


class GroupIncident(FactModel):
    """Several persons in one incident: the persons, the shared election and date, and the acts reported."""

    id: str = Field(min_length=1, max_length=GROUP_ID_MAX, description="The group incident's id")
    title: str | None = Field(None, description="A one-line summary (for the record)")
    date: Maybe[dt.date] = Field(None, description="Reference date; defaults to each person's latest exact act date")
    persons: list[GroupPerson] = Field(max_length=MAX_PERSONS, json_schema_extra={"minItems": 1},
                                       description="The civil servants the incident is about, each with an id")
    election: ElectionRef | None = Field(None, description="The election; omit if the report does not say")
    acts: list[GroupAct] = Field(default_factory=list, max_length=MAX_ACTS, description="The acts reported")
    notes: str | None = Field(None, description="Free notes (for the record)")

    def acts_of(self, person_id: str) -> list[int]:
        """Positions of the acts `person_id` took part in."""
        return [i for i, act in enumerate(self.acts) if act.by is None or person_id in act.by]

    def act_label(self, index: int) -> str:
        """The act's id, or its position when it has none (as in an incident)."""
        return self.acts[index].id or f"act-{index + 1}"


def _problem(message: str, message_id: str, path: str, field: str | None = None) -> Problem:
    return Problem(message, field=field or path, path=path, message_id=message_id)


def cross_check(group: GroupIncident) -> list[Problem]:
    """What the models alone cannot see: no persons, repeated ids, and `by` naming no one or someone unknown."""
    problems: list[Problem] = []
    if not group.persons:
        problems.append(_problem("a group incident needs at least one person in 'persons'",
                                 "insiden kelompok memerlukan sedikitnya satu orang dalam 'persons'", "persons"))
    seen: dict[str, int] = {}
    for index, person in enumerate(group.persons):
        if person.id in seen:
            problems.append(_problem(
                f"person id '{person.id}' is used twice (first by persons.{seen[person.id]})",
                f"id orang '{person.id}' dipakai dua kali (pertama oleh persons.{seen[person.id]})",
                f"persons.{index}.id"))
        seen.setdefault(person.id, index)
    labels: set[str] = set()
    for index, act in enumerate(group.acts):
        label = group.act_label(index)  # an unnamed act is `act-N` in every person's verdict
        if label in labels:
            problems.append(_problem(f"act ids must be unique; repeated: {label}",
                                     f"id perbuatan harus unik; berulang: {label}",
                                     f"acts.{index}.id" if act.id else f"acts.{index}"))
        labels.add(label)
        problems.extend(_by_problems(act, index, seen))
    return problems


def _by_problems(act: GroupAct, index: int, known: dict[str, int]) -> list[Problem]:
    if act.by is None:
        return []
    if not act.by:
        return [_problem("'by' names no person; omit it when every person did the act",
                         "'by' tidak menyebut seorang pun; hilangkan bila semua orang melakukan perbuatan ini",
                         f"acts.{index}.by")]
    problems = []
    named: set[str] = set()
    listed = ", ".join(known) or "-"
    for position, person_id in enumerate(act.by):
        path = f"acts.{index}.by.{position}"
        if person_id in named:
            problems.append(_problem(f"person '{person_id}' is named twice in 'by'",
                                     f"orang '{person_id}' disebut dua kali dalam 'by'", path))
        elif person_id not in known:
            problems.append(Problem(f"'by' names unknown person '{person_id}' (persons: {listed})",
                                    field=path, path=path, suggestion=suggest(person_id, list(known)),
                                    message_id=f"'by' menyebut orang yang tidak dikenal '{person_id}' "
                                               f"(orang dalam insiden: {listed})"))
        named.add(person_id)
    return problems


def group_from_located(located: Located, default_id: str | None = None) -> GroupIncident:
    """Validate a loaded document as a group incident; every problem located in its file."""
    data = located.data
    if not isinstance(data, dict):  # pragma: no cover - is_group() already asked for a mapping
        raise IncidentError([Problem("an incident must be a mapping with 'person' and 'acts'", located.file, 1, 1)])
    if "id" not in data and default_id:
        data = {"id": default_id[:GROUP_ID_MAX], **data}
    try:
        group = GroupIncident.model_validate(data)
    except ValidationError as exc:
        raise IncidentError(problems_from_validation(exc, located, GroupIncident)) from None
    problems = cross_check(group)
    if problems:
        raise relocate(IncidentError(problems), located)
    return group


def load_group(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> GroupIncident:
    """Load one group incident file (YAML or JSON); the file stem is its id when it has none."""
    return group_from_located(load_located(path, limits), Path(path).stem)


def group_from_data(data: Any, name: str = "<input>") -> GroupIncident:
    """Validate a group incident given as Python data (a dict); problems name their field path."""
    return group_from_located(Located(data, name, {}))


def _plain_act(act: GroupAct, label: str) -> Act:
    return Act(**{name: getattr(act, name) for name in act.model_fields_set if name not in ("by", "id")}, id=label)


def member_incident(group: GroupIncident, person_index: int) -> Incident:
    """The incident of one person of the group: the shared facts, the person's facts, the acts they took part in
    (an act without an id is given its label in the group, `act-N`, so that every verdict names it alike)."""
    member = group.persons[person_index]
    person = Person(**{name: getattr(member, name) for name in member.model_fields_set if name != "id"})
    acts = [_plain_act(group.acts[i], group.act_label(i)) for i in group.acts_of(member.id)]
    shared = {name: getattr(group, name) for name in ("title", "date", "election", "notes")
              if name in group.model_fields_set}
    return Incident(id=f"{group.id}/{member.id}", person=person, acts=acts, **shared)


def group_problem(problem: Problem, group: GroupIncident, person_index: int) -> Problem:
    """A problem found in one person's incident, with its path in the group document (`person.x` ->
    `persons.N.x`, `acts.i.x` -> the act's position in the group), so that the loader can locate it."""
    if not problem.path:
        return problem
    parts = problem.path.split(".")
    if parts[0] == "person":
        parts[0:1] = ["persons", str(person_index)]
    elif parts[0] == "acts" and len(parts) > 1 and parts[1].isdigit():
        acts = group.acts_of(group.persons[person_index].id)
        if int(parts[1]) < len(acts):
            parts[1] = str(acts[int(parts[1])])
    path = ".".join(parts)
    return replace(problem, path=path, field=path if problem.field == problem.path else problem.field)


def split_group(group: GroupIncident) -> list[Incident]:
    """One incident per person, in the order the persons are listed."""
    return [member_incident(group, i) for i in range(len(group.persons))]


def incidents_from_located(located: Located, default_id: str | None = None) -> list[Incident]:
    """The incidents a loaded document describes: itself, or one per person of a group incident."""
    if is_group(located.data):
        return split_group(group_from_located(located, default_id))
    return [incident_from_located(located, default_id)]
