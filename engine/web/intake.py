"""The guided intake: questions from fact paths, an incident from the answers, next questions from the verdict.

It starts with who, what act, when and which election; after every answer the incident is evaluated and the next
questions are exactly the facts the verdict names as missing (mapped from derived paths to what a person can
answer: an act's phase comes from its date and the election, an election's kind from its calendar). Each
question is worded from the fact path's label (`netralitas.facts.paths`), with "not known" always allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netralitas.evaluation.verdict import Verdict
from netralitas.facts.paths import FIELDS_BY_PATH, FieldSpec
from netralitas.text import Lang, LocalizedText, bi

CALENDAR = "election.calendar"
CLTN = "person.cltn"
NONE = "__none__"
START = ("person.employment_status", "person.position_class", "person.office", CALENDAR, "election.race",
         "act.kind", "act.date", "act.target.kind")
FREE_TEXT: dict[str, LocalizedText] = {
    "title": bi("Judul singkat laporan", "Short title of the report"),
    "person.name": bi("Nama ASN yang dilaporkan", "Name of the reported ASN"),
    "person.agency": bi("Instansi ASN", "The ASN's agency"),
    "act.description": bi("Uraian perbuatan seperti dilaporkan", "The act as reported"),
}
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "act.phase": ("act.date", CALENDAR),
    "election.kind": (CALENDAR,),
    "person.is_asn": ("person.employment_status",),
    "person.on_cltn": (CLTN,),
    "election.incumbent_window_start": ("election.determination_date",),
}


@dataclass(frozen=True)
class Choice:
    """One answer a question offers."""

    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question of the intake, in the reader's language."""

    path: str
    text: str
    kind: str  # enum | bool | date | set | text | cltn
    choices: tuple[Choice, ...]
    answer: Any

    @property
    def field_id(self) -> str:
        """The HTML id of the question's input."""
        return "q-" + self.path.replace(".", "-")


def _sentence(spec: FieldSpec, lang: Lang) -> str:
    label = spec.label.get(lang)
    if spec.type == "bool":
        who = {"person": bi("orang yang dilaporkan", "the reported person"),
               "act": bi("perbuatan itu", "the act")}[spec.scope].get(lang)
        return f"Apakah {who} {label}?" if lang == "id" else f"Is it so for {who}: {label}?"
    if spec.type == "date":
        return f"Kapan {label}?" if lang == "id" else f"When was it: {label}?"
    if spec.type == "set":
        return f"Pilih {label} (boleh lebih dari satu)" if lang == "id" else f"Choose the {label} (any number)"
    return f"Pilih {label}" if lang == "id" else f"Choose the {label}"


def question(path: str, answers: Mapping[str, Any], lang: Lang, calendars: Mapping[str, LocalizedText]) -> Question:
    """The question asking for `path`, with the current answer."""
    answer = answers.get(path)
    if path == CALENDAR:
        choices = tuple(Choice(key, name.get(lang)) for key, name in sorted(calendars.items()))
        text = "Pemilihan yang mana?" if lang == "id" else "Which election?"
        return Question(path, text, "enum", choices, answer)
    if path == CLTN:
        text = ("Apakah ASN sedang cuti di luar tanggungan negara (CLTN) pada tanggal perbuatan?" if lang == "id"
                else "Was the ASN on unpaid leave (CLTN) on the act's date?")
        choices = (Choice("never", "tidak pernah CLTN" if lang == "id" else "never on CLTN"),
                   Choice("on", "sedang CLTN" if lang == "id" else "on CLTN"))
        return Question(path, text, "cltn", choices, answer)
    if path in FREE_TEXT:
        return Question(path, FREE_TEXT[path].get(lang), "text", (), answer)
    spec = FIELDS_BY_PATH[path]
    if spec.type == "bool":
        choices = (Choice("true", "ya" if lang == "id" else "yes"), Choice("false", "tidak" if lang == "id" else "no"))
    elif spec.type == "set":
        choices = (*(Choice(v, spec.value_label(v).get(lang)) for v in spec.values),
                   Choice(NONE, "tidak ada sama sekali" if lang == "id" else "none at all"))
    else:
        choices = tuple(Choice(v, spec.value_label(v).get(lang)) for v in spec.values)
    return Question(path, _sentence(spec, lang), spec.type, choices, answer)


def askable(path: str) -> tuple[str, ...]:
    """The paths a person answers to decide `path` (derived paths map to their sources)."""
    if path in DERIVED_FROM:
        return DERIVED_FROM[path]
    spec = FIELDS_BY_PATH.get(path)
    if spec is None or spec.derived:
        return ()
    return (path,)


def missing_paths(verdict: Verdict | None) -> list[str]:
    """The askable paths the verdict's undetermined provisions are missing, in order of first mention."""
    if verdict is None:
        return []
    found: dict[str, None] = {}
    for item in verdict.undetermined:
        for fact in item.missing:
            for path in askable(fact.path):
                found.setdefault(path, None)
    return list(found)


def answers_from_form(form: Mapping[str, list[str]]) -> dict[str, Any]:
    """The answers in a submitted form (field name = fact path); empty means not known."""
    answers: dict[str, Any] = {}
    for path, values in form.items():
        if path in FREE_TEXT or path in (CALENDAR, CLTN) or path in FIELDS_BY_PATH:
            spec = FIELDS_BY_PATH.get(path)
            kept = [v.strip() for v in values if v.strip()]
            if spec is not None and spec.type == "set":
                if kept:
                    answers[path] = [] if NONE in kept else kept
            elif kept:
                answers[path] = kept[-1][:2000]
    return answers


def _put(data: dict[str, Any], parts: list[str], value: Any) -> None:
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def _value(path: str, raw: Any) -> Any:
    spec = FIELDS_BY_PATH.get(path)
    if spec is not None and spec.type == "bool":
        return raw == "true"
    return raw


def incident_data(answers: Mapping[str, Any], incident_id: str) -> dict[str, Any]:
    """The incident document the answers describe (one act)."""
    data: dict[str, Any] = {"id": incident_id, "person": {}}
    act: dict[str, Any] = {}
    for path, raw in answers.items():
        root, *rest = path.split(".")
        if path == CLTN:
            start = answers.get("act.date") or answers.get("incident.date") or dt.date.today().isoformat()
            data["person"]["cltn"] = [] if raw == "never" else [{"start": start}]
        elif path == "title":
            data["title"] = raw
        elif root == "incident":
            data["date"] = raw
        elif root == "act":
            _put(act, rest, _value(path, raw))
        elif root == "election":
            _put(data.setdefault("election", {}), rest, _value(path, raw))
        else:
            _put(data["person"], rest, _value(path, raw))
    if act:
        act.setdefault("id", "act-1")
        data["acts"] = [act]
    return data


def questions(answers: Mapping[str, Any], verdict: Verdict | None, lang: Lang,
              calendars: Mapping[str, LocalizedText]) -> tuple[list[Question], list[Question]]:
    """The questions to show: those already answered or asked at the start, and the next ones the verdict needs."""
    first = [question(p, answers, lang, calendars) for p in START]
    shown = set(START)
    earlier = [question(p, answers, lang, calendars) for p in answers if p not in shown and p not in FREE_TEXT]
    shown.update(answers)
    upcoming = [question(p, answers, lang, calendars) for p in missing_paths(verdict) if p not in shown]
    return first + earlier, upcoming


def free_text(answers: Mapping[str, Any], lang: Lang) -> list[Question]:
    """The free-text questions (not needed by the rulebook, kept with the incident)."""
    return [question(p, answers, lang, {}) for p in FREE_TEXT]

