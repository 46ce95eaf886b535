"""Evaluate incidents: normalise, match, then apply validity by date, exceptions and conflicts.

The data path: Incident -> normalised facts -> backend match -> per-rule three-valued trace ->
in force on the date? -> exceptions (set aside) -> conflicts -> findings and outcome -> Verdict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import orjson
from pydantic import BaseModel

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
    span_boundary,
    version_text,
)
from netralitas.evaluation.memo import Memo
from netralitas.evaluation.outcome import Open, overall_outcome
from netralitas.evaluation.verdict import (
    FORMAT_VERSION,
    CitationOut,
    ConditionOut,
    Conflict,
    ElectionOut,
    Finding,
    InstrumentOut,
    MissingFact,
    NotApplicable,
    OutcomeState,
    Permission,
    Presumption,
    Provenance,
    RuleRef,
    SanctionOut,
    Scope,
    SetAside,
    Undetermined,
    Unless,
    Verdict,
    build,
)
from netralitas.facts.elections import ResolvedElection, resolve_election
from netralitas.facts.loading import incident_from_data
from netralitas.facts.models import ElectionRef, Incident
from netralitas.facts.normalise import Fact, NormalisedIncident, normalise
from netralitas.facts.paths import FIELDS_BY_PATH, TOPICS
from netralitas.lang.conditions import Atom
from netralitas.lang.models import Category
from netralitas.lang.registry import Instrument
from netralitas.matching.backends import Backend, BackendName, make_backend
from netralitas.matching.backends.base import Classification
from netralitas.matching.compiler import CompiledRule, CompiledRulebook, compile_rulebook
from netralitas.rulebook import Rulebook
from netralitas.suggestions import suggest
from netralitas.text import LocalizedText, bi
from netralitas.version import __version__

MEMO_LIMIT = 4096
"""Keys per memo before it is cleared: bounds memory over any number of evaluations."""

ASN_CHANNELS = frozenset({Category.DISIPLIN, Category.KODE_ETIK, Category.PEMBERHENTIAN})
"""Categories that bind only an ASN: for a non-ASN they are neither findings nor open questions."""


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
    compact_citations: list[CitationOut]
    """The citations as a compact verdict gives them (without the instruments' full titles)."""
    compact_sanction: SanctionOut
    version: LocalizedText
    date_path: str
    missing_date: list[MissingFact]

    def cited(self, explain: bool) -> tuple[list[CitationOut], SanctionOut]:
        """The citations and sanction as an explained (or a compact) verdict gives them."""
        return (self.citations, self.sanction) if explain else (self.compact_citations, self.compact_sanction)


@dataclass(frozen=True)
class _DayParts:
    """The parts of a verdict that depend only on the reference date."""

    instruments: list[InstrumentOut]
    body: LocalizedText | None


def canonical_bytes(incident: BaseModel) -> bytes:
    """An incident's canonical byte form: JSON of the fields that differ from their defaults, under the names
    incident files use, keys sorted, no whitespace, UTF-8. Adding a field with a default leaves it unchanged."""
    data = incident.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)


def input_hash(incident: BaseModel) -> str:
    """SHA-256 of an incident's (or a group incident's) canonical byte form (`canonical_bytes`)."""
    return hashlib.sha256(canonical_bytes(incident)).hexdigest()


def _ref(rule: CompiledRule, fact: Fact, cls: type[Any], **extra: Any) -> Any:
    r = rule.loaded.rule
    extra.setdefault("note", r.note)
    return build(cls, rule_id=r.id, title=r.title, category=r.category, subject=fact.subject,
                 act_id=fact.label if fact.subject == "act" else None, confidence=r.confidence, **extra)


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
                       [citation_out(c, book, titled=False) for c in spec.basis],
                       sanction_out(spec.sanction, book, titled=False), version_text(spec.in_force), spec.date_path(),
                       missing_out((_date_atom(spec.date_path()),), _NO_FACT))
            for rule in self.compiled.rules for spec in (rule.loaded.rule,)
        ]
        self._earliest = book.earliest_rule_date()
        self._elections: Memo[ElectionRef | None, tuple[ResolvedElection, ElectionOut]] = Memo(MEMO_LIMIT)
        self._instruments: dict[tuple[str, bool], InstrumentOut] = {}
        self._days: Memo[tuple[date | None, bool], _DayParts] = Memo(MEMO_LIMIT)
        self._paths: Memo[tuple[Category, date], LocalizedText] = Memo(MEMO_LIMIT)
        self._refs: Memo[Hashable, Any] = Memo(MEMO_LIMIT)
        self._outside: Memo[tuple[int, date], ConditionOut] = Memo(MEMO_LIMIT)
        self._uncovered: Memo[tuple[Any, date | None, str], LocalizedText | None] = Memo(MEMO_LIMIT)
        self._exceptions_to: dict[str, list[str]] = {}
        for rule in self.compiled.rules:
            for target in rule.loaded.rule.exception_to:
                self._exceptions_to.setdefault(target, []).append(rule.id)
        self._exception_rules = frozenset(x for xs in self._exceptions_to.values() for x in xs)

    def evaluate(self, incident: Incident | dict[str, Any], *, explain: bool = False) -> Verdict:
        """The verdict for one incident; with `explain`, also why each provision that does not apply does not."""
        if not isinstance(incident, Incident):
            incident = incident_from_data(incident)
        self._check_calendar(incident)
        election, election_out = self._election(incident.election)
        normalised = normalise(incident, self.rulebook.calendars, election)
        classified = self.backend.classify(normalised.facts)
        return self._verdict(normalised, classified, election_out, explain)

    def _election(self, ref: ElectionRef | None) -> tuple[ResolvedElection, ElectionOut]:
        def make() -> tuple[ResolvedElection, ElectionOut]:
            e = resolve_election(ref, self.rulebook.calendars)
            return e, build(ElectionOut, calendar=e.calendar, kind=e.kind, race=e.race,
                            determination_date=e.determination_date, campaign_start=e.campaign_start,
                            campaign_end=e.campaign_end, voting_day=e.voting_day)

        return self._elections.get(ref, make)

    def _day(self, day: date | None, explain: bool) -> _DayParts:
        def make() -> _DayParts:
            if day is None:
                return _DayParts([], None)
            book = self.rulebook
            body = book.authority_on(day)
            return _DayParts([self._instrument(i, explain)
                              for i in sorted(book.instruments_in_force(day), key=lambda i: i.key)],
                             body.name if body else None)

        return self._days.get((day, explain), make)

    def _instrument(self, instrument: Instrument, explain: bool) -> InstrumentOut:
        """One shared entry per instrument (and form), whatever the day."""
        key = (instrument.key, explain)
        found = self._instruments.get(key)
        if found is None:
            found = self._instruments[key] = build(
                InstrumentOut, key=instrument.key, short=instrument.short,
                title=instrument.title if explain else None, in_force_from=instrument.in_force.from_,
                in_force_until=instrument.in_force.until)
        return found

    def evaluate_many(self, incidents: Iterable[Incident | dict[str, Any]], *,
                      explain: bool = False) -> Iterator[Verdict]:
        """Verdicts for many incidents, in order."""
        for incident in incidents:
            yield self.evaluate(incident, explain=explain)

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
        if ref.calendar and ref.race and not any(r in calendars[ref.calendar].determination for r in ref.race.covers):
            raise IncidentError([Problem(f"race '{ref.race}' is not part of calendar '{ref.calendar}'",
                                         field="election.race", path="election.race")])

    def _verdict(self, normalised: NormalisedIncident, classified: Classification, election: ElectionOut,
                 explain: bool) -> Verdict:
        book = self.rulebook
        applicable: list[_Applicable] = []
        undetermined: list[Undetermined] = []
        not_applicable: list[NotApplicable] = []
        holds, open_pairs = classified.holds, classified.undetermined
        noted: dict[str, None] = {} if explain else {"note": None}  # an undetermined rule's note, when explained
        for fact in normalised.facts:
            derived = derived_reasons(fact)
            for rule in self.compiled.candidates(fact.subject, fact.values.get("act.kind")):
                pair = (rule.index, fact.index)
                value = True if pair in holds else None if pair in open_pairs else False
                if value is False and not explain:
                    not_applicable.append(self._considered(rule, fact))
                    continue
                parts = self._parts[rule.index]
                result = parts.explainer.explain(fact, derived, conditions=explain or value is True)
                if result.value is not value:
                    raise RuntimeError(f"backend {self.backend.name} disagrees with the reference evaluation on "
                                       f"rule {rule.id}, fact {fact.label}")
                if value is False:
                    not_applicable.append(self._not_applicable(rule, fact, result.failed))
                    continue
                held = result.held if explain else None
                date_path = parts.date_path
                day = fact.values.get(date_path)
                period = rule.loaded.rule.in_force
                if day is None and fact.span is not None and date_path == "act.date":
                    lo, hi = fact.span
                    if period.contains(lo) and period.contains(hi):
                        day = lo
                    elif hi < period.from_ or (period.until is not None and lo > period.until):
                        not_applicable.append(self._not_in_force(rule, fact, lo, explain))
                        continue
                    else:
                        undetermined.append(_ref(rule, fact, Undetermined, **noted, missing=parts.missing_date,
                                                 conditions_held=held, boundary=span_boundary(period, lo, hi)))
                        continue
                if day is not None and not period.contains(day) and fact.span is None:
                    not_applicable.append(self._not_in_force(rule, fact, day, explain))
                elif result.value is None:
                    undetermined.append(self._shared_ref(rule, fact, Undetermined, **noted, missing=result.missing,
                                                         conditions_held=held))
                elif day is None:
                    undetermined.append(_ref(rule, fact, Undetermined, **noted, missing=parts.missing_date,
                                             conditions_held=held))
                else:
                    applicable.append(_Applicable(rule, fact, result, day))

        if normalised.facts[0].values.get("person.is_asn") is False:
            undetermined = [u for u in undetermined if u.category not in ASN_CHANNELS]
        untouched = _untouched_paths(normalised)
        not_checked = [u for u in undetermined if any(m.path in untouched for m in u.missing)]
        undetermined = [u for u in undetermined if not any(m.path in untouched for m in u.missing)]
        open_exceptions = {(u.rule_id, u.subject, u.act_id): u for u in undetermined
                           if u.rule_id in self._exception_rules}
        set_aside = self._exceptions(applicable)
        aside_keys = {(s.rule_id, s.subject, s.act_id) for s in set_aside}
        remaining = [a for a in applicable
                     if (a.rule.id, a.fact.subject, _act_id(a.fact)) not in aside_keys]
        conflicts = self._conflicts(remaining)
        conflicted = {(rid, c.subject, c.act_id) for c in conflicts for rid in c.rule_ids}
        findings: list[Finding] = []
        permitted: list[Permission] = []
        schemes_used: set[str] = set()
        used_exceptions: set[tuple[str, str, str | None]] = set()
        for item in remaining:
            spec = item.rule.loaded.rule
            parts = self._parts[item.rule.index]
            held = item.explained.held
            if spec.category is Category.BUKAN_PELANGGARAN:
                permitted.append(_ref(item.rule, item.fact, Permission, citations=parts.cited(explain)[0],
                                      conditions_held=held))
                continue
            if spec.sanction.scheme:
                schemes_used.add(spec.sanction.scheme)
            unless = [open_exceptions[k] for k in ((x, item.fact.subject, _act_id(item.fact))
                                                   for x in self._exceptions_to.get(spec.id, ()))
                      if k in open_exceptions]
            citations, sanction = parts.cited(explain)
            findings.append(_ref(
                item.rule, item.fact, Finding, date_used=item.day, version=parts.version,
                citations=citations, sanction=sanction,
                competent_path=self._competent_path(spec.category, item.day), conditions_held=held,
                in_conflict=(spec.id, item.fact.subject, _act_id(item.fact)) in conflicted,
                date_range=item.fact.span,
                unless=[build(Unless, rule_id=u.rule_id, title=u.title, missing=u.missing) for u in unless]))
            used_exceptions.update((u.rule_id, u.subject, u.act_id) for u in unless)

        order = {f.label: f.index for f in normalised.facts}

        def key(ref: RuleRef | NotApplicable) -> tuple[int, str]:
            return (order[ref.act_id or "person"], ref.rule_id)

        undetermined = [u for u in undetermined if (u.rule_id, u.subject, u.act_id) not in used_exceptions]
        pending = [u for u in undetermined if u.category is not Category.BUKAN_PELANGGARAN]
        reference = normalised.reference_date
        day_parts = self._day(reference, explain)
        scope = self._scope(normalised, findings, pending)
        outcome = overall_outcome(findings, book, schemes_used,
                                  Open(pending, [] if scope.in_scope else scope.notes))
        asn = normalised.facts[0].values.get("person.is_asn") is not False
        return build(Verdict,
            format_version=FORMAT_VERSION,
            explained=explain,
            incident_id=normalised.incident.id,
            reference_date=reference,
            election=election,
            scope=scope,
            findings=sorted(findings, key=key),
            outcome=outcome,
            permitted=sorted(permitted, key=key),
            set_aside=sorted(set_aside, key=key),
            undetermined=sorted(undetermined, key=key),
            not_checked=sorted(not_checked, key=key),
            not_applicable=sorted(not_applicable, key=key),
            conflicts=sorted(conflicts, key=lambda c: (order[c.act_id or "person"], c.topic)),
            instruments_in_force=day_parts.instruments,
            recommending_body=day_parts.body if asn and outcome.state is not OutcomeState.OUT_OF_SCOPE else None,
            presumptions=[build(Presumption, subject=f.subject, act_id=_act_id(f), path=d.path,
                                      label=FIELDS_BY_PATH[d.path].label, value=d.value, reason=d.reason)
                          for f in normalised.facts for d in f.derivations if d.presumed],
            hints=list(normalised.hints),
            provenance=build(Provenance, rulebook_hash=book.content_hash, engine_version=__version__,
                                  input_hash=input_hash(normalised.incident)),
        )

    def _shared_ref(self, rule: CompiledRule, fact: Fact, cls: type[Any], **parts: list[Any] | None) -> Any:
        """`_ref`, memoised: one entry object per rule, fact label and identical (memoised) parts.

        The key holds the ids of the part objects; the memoised entry holds the objects
        themselves, so no id in a live key can be reused by another object.
        """
        key = (cls, rule.index, fact.subject, fact.label, *(id(v) for v in parts.values()))
        return self._refs.get(key, lambda: _ref(rule, fact, cls, **parts))

    def _considered(self, rule: CompiledRule, fact: Fact) -> NotApplicable:
        """A provision that does not apply, as a compact verdict lists it: which rule, for which act."""
        key = (NotApplicable, rule.index, fact.subject, fact.label)
        found: NotApplicable = self._refs.get(key, lambda: build(NotApplicable,
            rule_id=rule.id, subject=fact.subject, act_id=_act_id(fact)))
        return found

    def _not_in_force(self, rule: CompiledRule, fact: Fact, day: date, explain: bool) -> NotApplicable:
        """A matching provision whose version is not in force on `day`: compact, or with that as its reason."""
        if not explain:
            return self._considered(rule, fact)
        spec = rule.loaded.rule
        reason = self._outside.get((rule.index, day), partial(not_in_force, spec.in_force, spec.date_path(), day))
        return self._not_applicable(rule, fact, [reason])

    def _not_applicable(self, rule: CompiledRule, fact: Fact, reasons: list[ConditionOut]) -> NotApplicable:
        """A provision that does not apply, explained: the rule and the conditions (or dates) that rule it out."""
        key = (NotApplicable, rule.index, fact.subject, fact.label, id(reasons))

        def make() -> NotApplicable:
            spec = rule.loaded.rule
            return build(NotApplicable,
                rule_id=spec.id, subject=fact.subject, act_id=_act_id(fact), title=spec.title, category=spec.category,
                confidence=spec.confidence, note=spec.note, reasons=reasons)

        found: NotApplicable = self._refs.get(key, make)
        return found

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
                conflicts.append(build(Conflict, subject=fact.subject, act_id=_act_id(fact), topic=topic,
                                          rule_ids=sorted(i.rule.id for i in items), outcomes=outcomes))
        return conflicts

    def _scope(self, normalised: NormalisedIncident, findings: list[Finding], pending: list[Undetermined]) -> Scope:
        notes = []
        person = normalised.facts[0].values
        in_scope = True
        if person.get("person.is_asn") is False and (findings or pending):
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
            if fact.date is not None and earliest and fact.date < earliest:
                in_scope = False
                what_id = "perbuatan " + fact.label if fact.subject == "act" else "insiden"
                what_en = "act " + fact.label if fact.subject == "act" else "the incident"
                notes.append(bi(f"{what_id} ({fact.date.isoformat()}) mendahului ketentuan paling awal yang "
                                f"dikodekan ({earliest.isoformat()}); hukum yang berlaku kemudian tidak diterapkan "
                                "surut", f"{what_en} ({fact.date.isoformat()}) predates the earliest encoded "
                                f"provision ({earliest.isoformat()}); later law is not applied retroactively"))
            elif fact.subject == "act":
                note = self._uncovered.get((fact.values.get("act.kind"), fact.date, fact.label),
                                         partial(self._outside_encoded_law, fact))
                if note is not None:
                    in_scope = False
                    notes.append(note)
        return build(Scope, in_scope=in_scope, notes=notes)

    def _outside_encoded_law(self, fact: Fact) -> LocalizedText | None:
        """A scope statement when no provision encoded for the act's kind is in force on its date."""
        kind = fact.values.get("act.kind")
        rules = [r for r in self.compiled.candidates("act", kind)
                 if r.loaded.rule.category is not Category.BUKAN_PELANGGARAN]
        if not rules:
            return bi(f"perbuatan {fact.label}: belum ada ketentuan yang dikodekan untuk jenis perbuatan '{kind}'; "
                      "catat juga sebagai jenis perbuatan yang dikodekan bila cocok (lihat rules/README.md)",
                      f"act {fact.label}: no provision is encoded for act kind '{kind}'; also record it as an encoded "
                      "act kind where one fits (see rules/README.md)")
        if fact.date is None or any(r.loaded.rule.in_force.contains(fact.date) for r in rules):
            return None
        first = min(r.loaded.rule.in_force.from_ for r in rules)
        day = fact.date.isoformat()
        if fact.date < first:
            return bi(f"perbuatan {fact.label} ({day}) terjadi sebelum ketentuan yang dikodekan untuk jenis perbuatan "
                      f"'{kind}' (paling awal berlaku {first.isoformat()}); hukum yang berlaku kemudian tidak "
                      "diterapkan surut, sehingga tidak ada yang diputuskan tentang perbuatan ini",
                      f"act {fact.label} ({day}) is before the provisions encoded for act kind '{kind}' (the earliest "
                      f"in force from {first.isoformat()}); later law is not applied retroactively, so nothing is "
                      "decided about this act")
        last = max((r.loaded.rule.in_force.until for r in rules if r.loaded.rule.in_force.until), default=None)
        ended_id = f" (yang dikodekan berlaku paling lambat sampai {last.isoformat()})" if last else ""
        ended_en = f" (those encoded are in force until {last.isoformat()} at the latest)" if last else ""
        return bi(f"perbuatan {fact.label} ({day}): tidak ada ketentuan yang dikodekan untuk jenis perbuatan '{kind}' "
                  f"yang berlaku pada tanggal itu{ended_id}; buku aturan tidak mencakup jenis perbuatan ini pada "
                  "masa itu", f"act {fact.label} ({day}): no provision encoded for act kind '{kind}' is in force on "
                  f"that date{ended_en}; the rulebook does not cover this act kind in that period")


def _untouched_paths(normalised: NormalisedIncident) -> frozenset[str]:
    """The paths of person topics (party, own candidacy, spouse) the report says nothing about."""
    facts = normalised.facts
    kinds = {f.values.get("act.kind") for f in facts}
    person = normalised.incident.person
    return frozenset(p for t in TOPICS
                     if not (getattr(person, t.name) is not None or any(q in f.values for f in facts for q in t.paths)
                             or not kinds.isdisjoint(t.act_kinds))
                     for p in t.paths)


def _act_id(fact: Fact) -> str | None:
    return fact.label if fact.subject == "act" else None


def _date_atom(path: str) -> Atom:
    return Atom(path, "known")


_NO_FACT = Fact(0, "person", "person", {}, None)
"""A fact that knows nothing: what a rule's missing date is explained against."""
