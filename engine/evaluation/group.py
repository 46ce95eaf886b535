"""Evaluate a group incident: one verdict per person, an outcome per person and for the group.

The group is split into one incident per person (`netralitas.facts.group.split_group`), each
evaluated by the ordinary `Evaluator` on that person's own acts. The group's outcome never clears
what a person's verdict does not clear: the group reads "violation" when any person has one, and
otherwise takes the least settled state of its persons, in this order: conditional, undetermined,
out of scope, and "no violation" only when every person's verdict is "no violation".
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from netralitas.errors import IncidentError
from netralitas.evaluation.evaluator import Evaluator, input_hash
from netralitas.evaluation.verdict import FORMAT_VERSION, Finding, OutcomeState, Provenance, Verdict
from netralitas.facts.group import GroupIncident, cross_check, group_from_data, group_problem, member_incident
from netralitas.text import LocalizedText, bi
from netralitas.version import __version__

STATE_ORDER = (OutcomeState.VIOLATION, OutcomeState.CONDITIONAL, OutcomeState.UNDETERMINED,
               OutcomeState.OUT_OF_SCOPE, OutcomeState.NO_VIOLATION)
"""The group's state is the first of these that any person's verdict has."""

STATE_WORDS: dict[OutcomeState, LocalizedText] = {
    OutcomeState.VIOLATION: bi("ditemukan pelanggaran", "violations found"),
    OutcomeState.CONDITIONAL: bi("pelanggaran, kecuali pengecualian berlaku", "violation, unless an exception holds"),
    OutcomeState.UNDETERMINED: bi("belum dapat diputuskan", "cannot be decided yet"),
    OutcomeState.OUT_OF_SCOPE: bi("di luar lingkup hukum yang dikodekan", "outside the encoded law"),
    OutcomeState.NO_VIOLATION: bi("tidak ditemukan pelanggaran", "no violation found"),
}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class PersonVerdict(_Out):
    """One person of the group: who, which of the group's acts they took part in, and their verdict."""

    person_id: str
    name: str | None
    acts: list[str]
    """The labels (ids, or `act-N` by position in the group) of the acts this person took part in."""
    verdict: Verdict


class GroupOutcome(_Out):
    """The group's headline: its state, a summary naming each person's state, and the persons per state."""

    state: OutcomeState
    summary: LocalizedText
    persons_by_state: dict[OutcomeState, list[str]]
    """Person ids under each state that occurs, in the order the persons are listed."""


class GroupVerdict(_Out):
    """Everything decided about a group incident."""

    format_version: int = FORMAT_VERSION
    kind: Literal["group"] = "group"
    incident_id: str
    title: str | None
    persons: list[PersonVerdict]
    outcome: GroupOutcome
    provenance: Provenance
    """The rulebook and engine, and the hash of the whole group incident (each person's verdict has its own)."""

    def all_findings(self) -> list[Finding]:
        """Every person's findings, person by person."""
        return [f for p in self.persons for f in p.verdict.findings]

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: keys in the model's field order, lists already in a fixed order, UTF-8."""
        return self.model_dump_json(indent=indent)


def group_hash(group: GroupIncident) -> str:
    """SHA-256 of the group incident's canonical byte form (as for one incident)."""
    return input_hash(group)


def group_outcome(persons: list[PersonVerdict]) -> GroupOutcome:
    """The group's state and summary from its persons' verdicts (see the module docstring for the order)."""
    by_state: dict[OutcomeState, list[str]] = {}
    for person in persons:
        by_state.setdefault(person.verdict.outcome.state, []).append(person.person_id)
    state = next(s for s in STATE_ORDER if s in by_state)
    present = [s for s in STATE_ORDER if s in by_state]
    summary = bi("; ".join(f"{STATE_WORDS[s].id}: {', '.join(by_state[s])}" for s in present),
                 "; ".join(f"{STATE_WORDS[s].en}: {', '.join(by_state[s])}" for s in present))
    return GroupOutcome(state=state, summary=summary, persons_by_state={s: by_state[s] for s in present})


def evaluate_group(evaluator: Evaluator, group: GroupIncident | dict[str, Any], *,
                   explain: bool = False) -> GroupVerdict:
    """The verdict of every person of `group` (explained with `explain`), and the group's outcome.

    A problem found while evaluating one person (an unknown calendar, say) is an `IncidentError`
    whose paths point into the group document, so that the loader can give its line and column.
    """
    if not isinstance(group, GroupIncident):
        group = group_from_data(group)
    problems = cross_check(group)  # a model built in code has not been through the loader's checks
    if problems:
        raise IncidentError(problems)
    persons = []
    for index, person in enumerate(group.persons):
        try:
            verdict = evaluator.evaluate(member_incident(group, index), explain=explain)
        except IncidentError as error:
            raise IncidentError([group_problem(p, group, index) for p in error.problems]) from None
        persons.append(PersonVerdict(person_id=person.id, name=person.name, verdict=verdict,
                                     acts=[group.act_label(i) for i in group.acts_of(person.id)]))
    return GroupVerdict(incident_id=group.id, title=group.title, persons=persons, outcome=group_outcome(persons),
                        provenance=Provenance(rulebook_hash=evaluator.rulebook.content_hash,
                                              engine_version=__version__, input_hash=group_hash(group)))
