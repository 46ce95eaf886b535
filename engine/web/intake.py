"""The guided intake: questions from fact paths, an incident from the answers, next questions from the verdict.

It starts with who, what act, when and which election; after every answer the incident is evaluated and the next
questions are exactly the facts the verdict names as missing (mapped from derived paths to what a person can
answer: an act's phase comes from its date and the election, an election's kind from its calendar). Each
question is worded from the fact path's label (`netralitas.facts.paths`), with "not known" always allowed.

An incident may have several acts: the officer adds, edits and removes them, each act's answers are in fields
named `acts.N.<path>` (N from 1, the act's id `act-N`), and each act is asked only what the provisions still open
for that act are missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from netralitas.evaluation.verdict import Verdict
from netralitas.facts.paths import FIELDS_BY_PATH, FieldSpec
from netralitas.text import Lang, LocalizedText, bi

CALENDAR = "election.calendar"
CLTN = "person.cltn"
NONE = "__none__"
ACT = "act."
ACT_FIELDS = "acts."
MAX_ACTS = 20
START = ("person.employment_status", "person.position_class", "person.office", CALENDAR, "election.race")
ACT_START = ("act.kind", "act.date", "act.target.kind")
DESCRIPTION = "act.description"
FREE_TEXT: dict[str, LocalizedText] = {
    "title": bi("Judul singkat laporan", "Short title of the report"),
    "person.name": bi("Nama ASN yang dilaporkan", "Name of the reported ASN"),
    "person.agency": bi("Instansi ASN", "The ASN's agency"),
    DESCRIPTION: bi("Uraian perbuatan seperti dilaporkan", "The act as reported"),
}
DERIVED_FROM: dict[str, tuple[str, ...]] = {
    "act.phase": ("act.date", CALENDAR),
    "election.kind": (CALENDAR,),
    "person.is_asn": ("person.employment_status",),
    "person.on_cltn": (CLTN,),
    "election.incumbent_window_start": ("election.determination_date",),
}


def field_name(path: str, act: int | None) -> str:
    """The form field of `path`: the path itself, or `acts.N.<rest>` for the N-th act (from 1)."""
    return path if act is None else f"{ACT_FIELDS}{act}.{path.removeprefix(ACT)}"


def act_id(number: int) -> str:
    """The id the intake gives its N-th act (what the verdict's `act_id` names)."""
    return f"act-{number}"


@dataclass
class Answers:
    """What the officer has answered: facts about the person and the election, and each act's own facts."""

    common: dict[str, Any] = field(default_factory=dict)
    acts: list[dict[str, Any]] = field(default_factory=lambda: [{}])

    def first_date(self) -> str | None:
        """The first act date given (what a CLTN answer is dated by)."""
        return next((a["act.date"] for a in self.acts if a.get("act.date")), None)


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
    act: int | None = None
    """The act (numbered from 1) the question is about; None for the person, the election and the report."""

    @property
    def name(self) -> str:
        """The form field's name."""
        return field_name(self.path, self.act)

    @property
    def field_id(self) -> str:
        """The HTML id of the question's input."""
        return "q-" + self.name.replace(".", "-")


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


def question(path: str, answers: Mapping[str, Any], lang: Lang, calendars: Mapping[str, LocalizedText],
             act: int | None = None) -> Question:
    """The question asking for `path` (of the N-th act when `act` is given), with the current answer."""
    answer = answers.get(path)
    if path == CALENDAR:
        choices = tuple(Choice(key, name.get(lang)) for key, name in sorted(calendars.items()))
        text = "Pemilihan yang mana?" if lang == "id" else "Which election?"
        return Question(path, text, "enum", choices, answer, act)
    if path == CLTN:
        text = ("Apakah ASN sedang cuti di luar tanggungan negara (CLTN) pada tanggal perbuatan?" if lang == "id"
                else "Was the ASN on unpaid leave (CLTN) on the act's date?")
        choices = (Choice("never", "tidak pernah CLTN" if lang == "id" else "never on CLTN"),
                   Choice("on", "sedang CLTN" if lang == "id" else "on CLTN"))
        return Question(path, text, "cltn", choices, answer, act)
    if path in FREE_TEXT:
        return Question(path, FREE_TEXT[path].get(lang), "text", (), answer, act)
    spec = FIELDS_BY_PATH[path]
    if spec.type == "bool":
        choices = (Choice("true", "ya" if lang == "id" else "yes"), Choice("false", "tidak" if lang == "id" else "no"))
    elif spec.type == "set":
        choices = (*(Choice(v, spec.value_label(v).get(lang)) for v in spec.values),
                   Choice(NONE, "tidak ada sama sekali" if lang == "id" else "none at all"))
    else:
        choices = tuple(Choice(v, spec.value_label(v).get(lang)) for v in spec.values)
    return Question(path, _sentence(spec, lang), spec.type, choices, answer, act)


def askable(path: str) -> tuple[str, ...]:
    """The paths a person answers to decide `path` (derived paths map to their sources)."""
    if path in DERIVED_FROM:
        return DERIVED_FROM[path]
    spec = FIELDS_BY_PATH.get(path)
    if spec is None or spec.derived:
        return ()
    return (path,)


@dataclass
class Missing:
    """The askable paths the verdict's undetermined provisions are missing: about the person and election, and
    about each act (by number), each in order of first mention."""

    common: dict[str, None] = field(default_factory=dict)
    acts: dict[int, dict[str, None]] = field(default_factory=dict)


def missing_paths(verdict: Verdict | None, act_count: int) -> Missing:
    """What the verdict still needs, an act's facts grouped under the act the provision was open for."""
    found = Missing()
    if verdict is None:
        return found
    numbers = {act_id(n): n for n in range(1, act_count + 1)}
    for item in verdict.undetermined:
        number = numbers.get(item.act_id or "")
        for fact in item.missing:
            for path in askable(fact.path):
                if path.startswith(ACT) and number is not None:
                    found.acts.setdefault(number, {}).setdefault(path, None)
                elif not path.startswith(ACT):
                    found.common.setdefault(path, None)
    return found


def _answer(path: str, values: list[str]) -> Any:
    """One question's answer from its submitted values; None when not known."""
    spec = FIELDS_BY_PATH.get(path)
    kept = [v.strip() for v in values if v.strip()]
    if spec is not None and spec.type == "set":
        return ([] if NONE in kept else kept) if kept else None
    return kept[-1][:2000] if kept else None


def _askable_name(path: str) -> bool:
    return path in FREE_TEXT or path in (CALENDAR, CLTN) or path in FIELDS_BY_PATH


def _count(values: list[str] | None) -> int:
    raw = (values or [""])[-1]
    return int(raw) if raw.isdigit() else 0


def answers_from_form(form: Mapping[str, list[str]]) -> Answers:
    """The answers in a submitted form (field name = fact path, `acts.N.<rest>` for act N); empty = not known."""
    common: dict[str, Any] = {}
    acts: dict[int, dict[str, Any]] = {}
    for name, values in form.items():
        number: int | None = None
        path = name
        if name.startswith(ACT_FIELDS):
            index, _, rest = name.removeprefix(ACT_FIELDS).partition(".")
            if not index.isdigit() or not 1 <= int(index) <= MAX_ACTS:
                continue
            number, path = int(index), ACT + rest
        elif name.startswith(ACT):
            continue
        if not _askable_name(path):
            continue
        value = _answer(path, values)
        if value is not None:
            (common if number is None else acts.setdefault(number, {}))[path] = value
    count = min(MAX_ACTS, max([_count(form.get("acts")), 1, *acts]))
    return Answers(common, [acts.get(n, {}) for n in range(1, count + 1)])


def edit_acts(answers: Answers, action: str) -> int | None:
    """Apply an intake action that adds (`add-act`) or removes (`remove-act-N`) an act; the act to focus next."""
    if action == "add-act" and len(answers.acts) < MAX_ACTS:
        answers.acts.append({})
        return len(answers.acts)
    number = action.removeprefix("remove-act-")
    if number.isdigit() and 1 <= int(number) <= len(answers.acts) and len(answers.acts) > 1:
        del answers.acts[int(number) - 1]
        return min(int(number), len(answers.acts))
    return None
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


def _act_data(answers: Mapping[str, Any], number: int) -> dict[str, Any]:
    act: dict[str, Any] = {"id": act_id(number)}
    for path, raw in answers.items():
        _put(act, path.removeprefix(ACT).split("."), _value(path, raw))
    return act


def incident_data(answers: Answers, incident_id: str) -> dict[str, Any]:
    """The incident document the answers describe: the person, the election and every act with an answer."""
    data: dict[str, Any] = {"id": incident_id, "person": {}}
    for path, raw in answers.common.items():
        root, *rest = path.split(".")
        if path == CLTN:
            start = answers.first_date() or answers.common.get("incident.date") or dt.date.today().isoformat()
            data["person"]["cltn"] = [] if raw == "never" else [{"start": start}]
        elif path == "title":
            data["title"] = raw
        elif root == "incident":
            data["date"] = raw
        elif root == "election":
            _put(data.setdefault("election", {}), rest, _value(path, raw))
        else:
            _put(data["person"], rest, _value(path, raw))
    acts = [_act_data(act, n) for n, act in enumerate(answers.acts, 1) if act]
    if acts:
        data["acts"] = acts
    return data


@dataclass(frozen=True)
class ActQuestions:
    """One act's questions: those asked at the start or already answered, then the ones the verdict needs."""

    number: int
    asked: list[Question]
    upcoming: list[Question]
    description: Question


@dataclass(frozen=True)
class Questions:
    """Everything the intake page asks."""

    first: list[Question]
    upcoming: list[Question]
    acts: list[ActQuestions]
    free: list[Question]

    def first_upcoming(self) -> Question | None:
        """The first question the rulebook newly needs (where the keyboard goes after a step)."""
        for group in (self.upcoming, *(a.upcoming for a in self.acts)):
            if group:
                return group[0]
        return None


def _group(start: tuple[str, ...], answers: Mapping[str, Any], needed: Mapping[str, None], lang: Lang,
           calendars: Mapping[str, LocalizedText], act: int | None) -> tuple[list[Question], list[Question]]:
    shown = set(start)
    asked = [question(p, answers, lang, calendars, act) for p in start]
    asked += [question(p, answers, lang, calendars, act) for p in answers if p not in shown and p not in FREE_TEXT]
    shown.update(answers)
    upcoming = [question(p, answers, lang, calendars, act) for p in needed if p not in shown]
    return asked, upcoming


def questions(answers: Answers, verdict: Verdict | None, lang: Lang,
              calendars: Mapping[str, LocalizedText]) -> Questions:
    """The questions to show: for the person and election and for each act, those already answered or asked at
    the start, and the next ones the verdict needs; the free-text questions beside them."""
    missing = missing_paths(verdict, len(answers.acts))
    first, upcoming = _group(START, answers.common, missing.common, lang, calendars, None)
    acts = []
    for number, act in enumerate(answers.acts, 1):
        asked, needed = _group(ACT_START, act, missing.acts.get(number, {}), lang, calendars, number)
        acts.append(ActQuestions(number, asked, needed, question(DESCRIPTION, act, lang, calendars, number)))
    free = [question(p, answers.common, lang, calendars) for p in FREE_TEXT if not p.startswith(ACT)]
    return Questions(first, upcoming, acts, free)
