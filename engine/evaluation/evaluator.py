"""Evaluate incidents: normalise, match, then apply validity by date, exceptions and conflicts.

The data path: Incident -> normalised facts -> backend match -> per-rule three-valued trace ->
in force on the date? -> exceptions (set aside) -> conflicts -> findings and outcome -> Verdict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from netralitas.errors import IncidentError, Problem
from netralitas.evaluation.explain import (
    AtomOuts,
    Explained,
    RuleExplainer,
    citation_out,
    competent_path,
    derived_reasons,
    missing_out,
    not_in_force,
    sanction_out,
    version_text,
)
from netralitas.evaluation.memo import Memo
from netralitas.evaluation.outcome import overall_outcome
from netralitas.evaluation.verdict import (
    CitationOut,
    ConditionOut,
    Conflict,
    ElectionOut,
    Finding,
    InstrumentOut,
    MissingFact,
    NotApplicable,
    Permission,
    Provenance,
    RuleRef,
    SanctionOut,
    Scope,
    SetAside,
    Undetermined,
    Verdict,
)
from netralitas.facts.elections import ResolvedElection, resolve_election
from netralitas.facts.loading import incident_from_data
from netralitas.facts.models import ElectionRef, Incident
from netralitas.facts.normalise import Fact, NormalisedIncident, normalise
from netralitas.lang.conditions import Atom
from netralitas.lang.models import Category
from netralitas.matching.backends import Backend, BackendName, make_backend
from netralitas.matching.compiler import CompiledRule, CompiledRulebook, compile_rulebook
from netralitas.rulebook import Rulebook
from netralitas.suggestions import suggest
from netralitas.text import LocalizedText, bi
from netralitas.version import __version__

MEMO_LIMIT = 4096
"""Keys per memo before it is cleared: bounds memory over any number of evaluations."""


@dataclass
class _Applicable:
    rule: CompiledRule
    fact: Fact
    explained: Explained
    day: date


@dataclass(frozen=True)
class _RuleParts:
    """The parts of a finding that depend only on the rule."""

    explainer: RuleExplainer
    citations: list[CitationOut]
    sanction: SanctionOut
    version: LocalizedText
    date_path: str
    missing_date: list[MissingFact]


@dataclass(frozen=True)
class _DayParts:
    """The parts of a verdict that depend only on the reference date."""

    instruments: list[InstrumentOut]
    body: LocalizedText | None


def input_hash(incident: Incident) -> str:
    """SHA-256 of the incident's canonical JSON."""
    canonical = json.dumps(incident.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _ref(rule: CompiledRule, fact: Fact, cls: type[Any], **extra: Any) -> Any:
    r = rule.loaded.rule
    return cls(rule_id=r.id, title=r.title, category=r.category, subject=fact.subject,
               act_id=fact.label if fact.subject == "act" else None, confidence=r.confidence, note=r.note, **extra)


class Evaluator:
    """Evaluates incidents against one compiled rulebook. Thread-safe; build once, reuse."""

    def __init__(self, rulebook: Rulebook | None = None, backend: BackendName = "auto") -> None:
        self.rulebook = rulebook if rulebook is not None else Rulebook.load()
        self.compiled: CompiledRulebook = compile_rulebook(self.rulebook)
        self.backend: Backend = make_backend(self.compiled, backend)
        book = self.rulebook
        outs = AtomOuts(MEMO_LIMIT)
        self._parts = [
            _RuleParts(RuleExplainer(rule.index, rule.condition, outs),
                       [citation_out(c, book) for c in spec.basis], sanction_out(spec.sanction, book),
                       version_text(spec.in_force), spec.date_path(),
                       missing_out((_date_atom(spec.date_path()),), _NO_FACT))
            for rule in self.compiled.rules for spec in (rule.loaded.rule,)
        ]
        self._earliest = book.earliest_rule_date()
        self._elections: Memo[ElectionRef | None, tuple[ResolvedElection, ElectionOut]] = Memo(MEMO_LIMIT)
        self._days: Memo[date | None, _DayParts] = Memo(MEMO_LIMIT)
        self._paths: Memo[tuple[Category, date], LocalizedText] = Memo(MEMO_LIMIT)
        self._refs: Memo[Hashable, Any] = Memo(MEMO_LIMIT)
        self._outside: Memo[tuple[int, date], ConditionOut] = Memo(MEMO_LIMIT)

    def evaluate(self, incident: Incident | dict[str, Any]) -> Verdict:
        """The verdict for one incident."""
        if not isinstance(incident, Incident):
            incident = incident_from_data(incident)
        self._check_calendar(incident)
        election, election_out = self._election(incident.election)
        normalised = normalise(incident, self.rulebook.calendars, election)
        matches = self.backend.match(normalised.facts)
        return self._verdict(normalised, matches, election_out)

    def _election(self, ref: ElectionRef | None) -> tuple[ResolvedElection, ElectionOut]:
        def make() -> tuple[ResolvedElection, ElectionOut]:
            e = resolve_election(ref, self.rulebook.calendars)
            return e, ElectionOut(calendar=e.calendar, kind=e.kind, race=e.race,
                                  determination_date=e.determination_date, campaign_start=e.campaign_start,
                                  campaign_end=e.campaign_end, voting_day=e.voting_day)

        return self._elections.get(ref, make)

    def _day(self, day: date | None) -> _DayParts:
        def make() -> _DayParts:
            if day is None:
                return _DayParts([], None)
            book = self.rulebook
            body = book.authority_on(day)
            return _DayParts([InstrumentOut(key=i.key, short=i.short, title=i.title, in_force_from=i.in_force.from_,
                                            in_force_until=i.in_force.until)
                              for i in sorted(book.instruments_in_force(day), key=lambda i: i.key)],
                             body.name if body else None)

        return self._days.get(day, make)

    def evaluate_many(self, incidents: Iterable[Incident | dict[str, Any]]) -> Iterator[Verdict]:
        """Verdicts for many incidents, in order."""
        for incident in incidents:
            yield self.evaluate(incident)

    def _check_calendar(self, incident: Incident) -> None:
        ref = incident.election
        calendars = self.rulebook.calendars
        if ref is None:
            return
        if ref.calendar and ref.calendar not in calendars:
            raise IncidentError([Problem(f"unknown election calendar '{ref.calendar}' (known: "
                                         f"{', '.join(sorted(calendars))})", field="election.calendar",
                                         suggestion=suggest(ref.calendar, calendars),
                                         path="election.calendar")])
        if ref.calendar and ref.race and ref.race not in calendars[ref.calendar].determination:
            raise IncidentError([Problem(f"race '{ref.race}' is not part of calendar '{ref.calendar}'",
                                         field="election.race", path="election.race")])

    def _verdict(self, normalised: NormalisedIncident, matches: set[tuple[int, int]],
                 election: ElectionOut) -> Verdict:
        book = self.rulebook
        applicable: list[_Applicable] = []
        undetermined: list[Undetermined] = []
        not_applicable: list[NotApplicable] = []
        for fact in normalised.facts:
            derived = derived_reasons(fact)
            for rule in self.compiled.candidates(fact.subject, fact.values.get("act.kind")):
                parts = self._parts[rule.index]
                result = parts.explainer.explain(fact, derived)
                if (result.value is True) != ((rule.index, fact.index) in matches):
                    raise RuntimeError(f"backend {self.backend.name} disagrees with the reference evaluation on "
                                       f"rule {rule.id}, fact {fact.label}")
                if result.value is False:
                    not_applicable.append(self._shared_ref(rule, fact, NotApplicable, reasons=result.failed))
                    continue
                date_path = parts.date_path
                day = fact.values.get(date_path)
                if day is not None and not rule.loaded.rule.in_force.contains(day):
                    reason = self._outside.get((rule.index, day), partial(
                        not_in_force, rule.loaded.rule.in_force, date_path, day))
                    not_applicable.append(self._shared_ref(rule, fact, NotApplicable, reasons=[reason]))
                elif result.value is None:
                    undetermined.append(self._shared_ref(rule, fact, Undetermined, missing=result.missing,
                                                         conditions_held=result.held))
                elif day is None:
                    undetermined.append(_ref(rule, fact, Undetermined, missing=parts.missing_date,
                                             conditions_held=result.held))
                else:
                    applicable.append(_Applicable(rule, fact, result, day))

        set_aside = self._exceptions(applicable)
        aside_keys = {(s.rule_id, s.subject, s.act_id) for s in set_aside}
        remaining = [a for a in applicable
                     if (a.rule.id, a.fact.subject, _act_id(a.fact)) not in aside_keys]
        conflicts = self._conflicts(remaining)
        conflicted = {(rid, c.subject, c.act_id) for c in conflicts for rid in c.rule_ids}
        findings: list[Finding] = []
        permitted: list[Permission] = []
        schemes_used: set[str] = set()
        for item in remaining:
            spec = item.rule.loaded.rule
            parts = self._parts[item.rule.index]
            held = item.explained.held
            if spec.category is Category.BUKAN_PELANGGARAN:
                permitted.append(_ref(item.rule, item.fact, Permission, citations=parts.citations,
                                      conditions_held=held))
                continue
            if spec.sanction.scheme:
                schemes_used.add(spec.sanction.scheme)
            findings.append(_ref(
                item.rule, item.fact, Finding, date_used=item.day, version=parts.version,
                citations=parts.citations, sanction=parts.sanction,
                competent_path=self._competent_path(spec.category, item.day), conditions_held=held,
                in_conflict=(spec.id, item.fact.subject, _act_id(item.fact)) in conflicted))

        order = {f.label: f.index for f in normalised.facts}

        def key(ref: RuleRef) -> tuple[int, str]:
            return (order[ref.act_id or "person"], ref.rule_id)

        reference = normalised.reference_date
        day_parts = self._day(reference)
        return Verdict(
            incident_id=normalised.incident.id,
            reference_date=reference,
            election=election,
            scope=self._scope(normalised, findings),
            findings=sorted(findings, key=key),
            outcome=overall_outcome(findings, book, schemes_used),
            permitted=sorted(permitted, key=key),
            set_aside=sorted(set_aside, key=key),
            undetermined=sorted(undetermined, key=key),
            not_applicable=sorted(not_applicable, key=key),
            conflicts=sorted(conflicts, key=lambda c: (order[c.act_id or "person"], c.topic)),
            instruments_in_force=day_parts.instruments,
            recommending_body=day_parts.body,
            provenance=Provenance(rulebook_hash=book.content_hash, engine_version=__version__,
                                  input_hash=input_hash(normalised.incident)),
        )

    def _shared_ref(self, rule: CompiledRule, fact: Fact, cls: type[Any], **parts: list[Any]) -> Any:
        """`_ref`, memoised: one entry object per rule, fact label and identical (memoised) parts.

        The key holds the ids of the part objects; the memoised entry holds the objects
        themselves, so no id in a live key can be reused by another object.
        """
        key = (cls, rule.index, fact.subject, fact.label, *(tuple(map(id, v)) for v in parts.values()))
        return self._refs.get(key, lambda: _ref(rule, fact, cls, **parts))

    def _competent_path(self, category: Category, day: date) -> LocalizedText:
        return self._paths.get((category, day), lambda: competent_path(category, self.rulebook, day))

    def _exceptions(self, applicable: list[_Applicable]) -> list[SetAside]:
        out: list[SetAside] = []
        by_fact: dict[int, dict[str, _Applicable]] = {}
        for item in applicable:
            by_fact.setdefault(item.fact.index, {})[item.rule.id] = item
        for rules in by_fact.values():
            for item in rules.values():
                exception = item.rule.loaded.rule
                for target in exception.exception_to:
                    if target in rules:
                        base = rules[target]
                        reason = exception.note or bi(f"dikecualikan oleh {exception.id}",
                                                      f"set aside by {exception.id}")
                        out.append(_ref(base.rule, base.fact, SetAside, by_rule=exception.id,
                                        by_title=exception.title, reason=reason))
        unique = {(s.rule_id, s.subject, s.act_id): s for s in sorted(out, key=lambda s: s.by_rule)}
        return list(unique.values())

    def _conflicts(self, remaining: list[_Applicable]) -> list[Conflict]:
        groups: dict[tuple[int, str], list[_Applicable]] = {}
        for item in remaining:
            groups.setdefault((item.fact.index, item.rule.loaded.rule.topic), []).append(item)
        conflicts = []
        for (_, topic), items in sorted(groups.items()):
            outcomes = sorted({f"{i.rule.loaded.rule.category}/{i.rule.loaded.rule.sanction.tier}" for i in items})
            if len(outcomes) > 1:
                fact = items[0].fact
                conflicts.append(Conflict(subject=fact.subject, act_id=_act_id(fact), topic=topic,
                                          rule_ids=sorted(i.rule.id for i in items), outcomes=outcomes))
        return conflicts

    def _scope(self, normalised: NormalisedIncident, findings: list[Finding]) -> Scope:
        notes = []
        person = normalised.facts[0].values
        in_scope = True
        if person.get("person.is_asn") is False and findings:
            notes.append(bi("orang ini bukan ASN: ketentuan netralitas ASN tidak berlaku; yang diterapkan hanya "
                            "ketentuan yang juga mengikat pejabat bukan ASN (misalnya kepala daerah petahana)",
                            "this person is not an ASN: the ASN neutrality provisions do not apply; only provisions "
                            "that also bind non-ASN officials (such as an incumbent regional head) were applied"))
        elif person.get("person.is_asn") is False:
            in_scope = False
            notes.append(bi("di luar lingkup: orang ini bukan ASN, sehingga ketentuan netralitas ASN tidak berlaku",
                            "out of scope: this person is not an ASN, so the ASN neutrality provisions do not apply"))
        elif "person.employment_status" not in person:
            notes.append(bi("status kepegawaian tidak diketahui: ketentuan yang bergantung padanya belum dapat "
                            "diputuskan", "employment status unknown: provisions that depend on it cannot be "
                            "decided yet"))
        earliest = self._earliest
        for fact in normalised.facts:
            if earliest and fact.date and fact.date < earliest:
                in_scope = False
                what_id = "perbuatan " + fact.label if fact.subject == "act" else "insiden"
                what_en = "act " + fact.label if fact.subject == "act" else "the incident"
                notes.append(bi(f"{what_id} ({fact.date.isoformat()}) mendahului ketentuan paling awal yang "
                                f"dikodekan ({earliest.isoformat()}); hukum yang berlaku kemudian tidak diterapkan "
                                "surut", f"{what_en} ({fact.date.isoformat()}) predates the earliest encoded "
                                f"provision ({earliest.isoformat()}); later law is not applied retroactively"))
        return Scope(in_scope=in_scope, notes=notes)


def _act_id(fact: Fact) -> str | None:
    return fact.label if fact.subject == "act" else None


def _date_atom(path: str) -> Atom:
    return Atom(path, "known")


_NO_FACT = Fact(0, "person", "person", {}, None)
"""A fact that knows nothing: what a rule's missing date is explained against."""
