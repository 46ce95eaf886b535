"""Running a scenario test and saying why it failed: expected vs got, and why the engine decided.

Everything is said in both languages (`LocalizedText`) so `netralitas rules test` can report in
Bahasa Indonesia or English; the pytest plugin reports in English. The "why" part is limited to the
rules the scenario is about (the rules it names and the findings the engine made), so a failure reads
as a short story rather than a dump of the whole verdict.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from netralitas.authoring.scenarios import Expectation, LoadedScenario, rules_exercised
from netralitas.evaluation import Evaluator
from netralitas.evaluation.verdict import Verdict
from netralitas.facts.models import Incident
from netralitas.lang.models import Tier
from netralitas.rulebook import Rulebook
from netralitas.text import Lang, LocalizedText, bi


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario run: the differences from its expectation (empty: passed) and the verdict."""

    loaded: LoadedScenario
    differences: tuple[LocalizedText, ...]
    verdict: Verdict

    @property
    def passed(self) -> bool:
        """Whether the verdict met every expectation."""
        return not self.differences


def run(evaluator: Evaluator, loaded: LoadedScenario) -> ScenarioResult:
    """Evaluate one scenario against its expectation (explained, so that a failure can say why)."""
    verdict = evaluator.evaluate(loaded.incident, explain=True)
    return ScenarioResult(loaded, tuple(check(verdict, loaded.scenario.expect)), verdict)


def _ids(ids: list[str] | set[str]) -> str:
    return ", ".join(sorted(ids)) or "-"


def _citation_names(verdict: Verdict, rule_id: str) -> set[str]:
    names: set[str] = set()
    for finding in verdict.findings:
        if finding.rule_id == rule_id:
            names |= {f"{c.instrument_short} {c.reference}".strip() for c in finding.citations + finding.sanction.basis}
    return names


def _findings(verdict: Verdict, expect: Expectation) -> list[LocalizedText]:
    if expect.findings is None:
        return []
    got = {f.rule_id for f in verdict.findings}
    wanted = {f if isinstance(f, str) else f.rule for f in expect.findings}
    lines = []
    if wanted - got:
        lines.append(bi(f"temuan yang diharapkan tidak muncul: {_ids(wanted - got)}",
                        f"expected findings missing: {_ids(wanted - got)}"))
    if got - wanted:
        lines.append(bi(f"temuan yang tidak diharapkan: {_ids(got - wanted)}",
                        f"unexpected findings: {_ids(got - wanted)}"))
    for item in expect.findings:
        if isinstance(item, str):
            continue
        matches = [f for f in verdict.findings if f.rule_id == item.rule and (item.act is None or f.act_id == item.act)]
        if not matches:
            if item.act is not None and item.rule in got:
                lines.append(bi(f"{item.rule}: bukan temuan untuk perbuatan '{item.act}'",
                                f"{item.rule}: not a finding for act '{item.act}'"))
            continue
        finding = matches[0]
        if item.category is not None and finding.category is not item.category:
            lines.append(bi(f"{item.rule}: kategori diharapkan {item.category}, hasil {finding.category}",
                            f"{item.rule}: category expected {item.category}, got {finding.category}"))
        if item.tier is not None and finding.sanction.tier is not item.tier:
            lines.append(bi(f"{item.rule}: tingkat sanksi diharapkan {item.tier}, hasil {finding.sanction.tier}",
                            f"{item.rule}: tier expected {item.tier}, got {finding.sanction.tier}"))
        have = _citation_names(verdict, item.rule)
        for citation in item.citations:
            if citation not in have:
                lines.append(bi(f"{item.rule}: kutipan '{citation}' tidak ada; yang dikutip: {_ids(have)}",
                                f"{item.rule}: citation '{citation}' missing; cited: {_ids(have)}"))
    return lines


def _outcome_tier(verdict: Verdict) -> Tier | None:
    tier = verdict.outcome.dismissal or verdict.outcome.disiplin_tier
    if tier is None and verdict.outcome.moral_sanction:
        tier = Tier.SANKSI_MORAL
    return tier


def check(verdict: Verdict, expect: Expectation) -> list[LocalizedText]:
    """Differences between the verdict and the expectation, as readable lines (empty: passed)."""
    lines = _findings(verdict, expect)
    got = {f.rule_id for f in verdict.findings}
    for rule_id in expect.not_findings:
        if rule_id in got:
            lines.append(bi(f"{rule_id} seharusnya bukan temuan, tetapi menjadi temuan",
                            f"{rule_id} must not be a finding, but is"))
    for label, wanted_ids, have_ids in (
        ("set_aside", expect.set_aside, {s.rule_id for s in verdict.set_aside}),
        ("permitted", expect.permitted, {p.rule_id for p in verdict.permitted}),
        ("undetermined", expect.undetermined, {u.rule_id for u in verdict.undetermined}),
        ("not_checked", expect.not_checked, {u.rule_id for u in verdict.not_checked}),
        ("conditional", expect.conditional, {f.rule_id for f in verdict.findings if f.unless}),
    ):
        if wanted_ids is not None and set(wanted_ids) != have_ids:
            lines.append(bi(f"{label}: diharapkan {_ids(set(wanted_ids))}, hasil {_ids(have_ids)}",
                            f"{label}: expected {_ids(set(wanted_ids))}, got {_ids(have_ids)}"))
    if expect.in_scope is not None and verdict.scope.in_scope is not expect.in_scope:
        lines.append(bi(f"in_scope: diharapkan {expect.in_scope}, hasil {verdict.scope.in_scope}",
                        f"in_scope: expected {expect.in_scope}, got {verdict.scope.in_scope}"))
    state = verdict.outcome.state
    if expect.outcome_state is not None and state is not expect.outcome_state:
        lines.append(bi(f"keadaan akhir: diharapkan {expect.outcome_state}, hasil {state}",
                        f"outcome state: expected {expect.outcome_state}, got {state}"))
    tier = _outcome_tier(verdict)
    if expect.outcome_tier is not None and tier is not expect.outcome_tier:
        lines.append(bi(f"tingkat akhir: diharapkan {expect.outcome_tier}, hasil {tier or '-'}",
                        f"outcome tier: expected {expect.outcome_tier}, got {tier or '-'}"))
    return lines


def _joined(texts: list[LocalizedText]) -> LocalizedText:
    return bi("; ".join(t.id for t in texts) or "-", "; ".join(t.en for t in texts) or "-")


def _act(act_id: str | None) -> str:
    return f" [{act_id}]" if act_id else ""


def _unmentioned(rule_id: str, rulebook: Rulebook, incident: Incident) -> LocalizedText:
    """Why a rule is nowhere in the verdict: it does not exist, or no act of its kinds was reported."""
    try:
        rule = rulebook.rule(rule_id).rule
    except KeyError:
        return bi(f"{rule_id}: tidak ada aturan dengan id ini di buku aturan",
                  f"{rule_id}: there is no rule with this id in the rulebook")
    kinds = ", ".join(k.value for k in rule.act_kinds or ())
    reported = ", ".join(sorted({a.kind.value for a in incident.acts})) or "-"
    if rule.subject == "act" and not any(a.kind in (rule.act_kinds or ()) for a in incident.acts):
        return bi(f"{rule_id}: tidak dipertimbangkan; aturan ini tentang perbuatan {kinds}, "
                  f"insiden melaporkan {reported}",
                  f"{rule_id}: not considered; it is about acts {kinds}, the incident reports {reported}")
    return bi(f"{rule_id}: tidak dipertimbangkan", f"{rule_id}: not considered")


def _statements(verdict: Verdict) -> Iterator[tuple[str, str | None, LocalizedText]]:
    """(rule id, act id, what the verdict says of that rule) for every rule the verdict mentions."""
    for f in verdict.findings:
        yield f.rule_id, f.act_id, _concat(bi(f"temuan, {f.sanction.tier}, karena ", f"finding, {f.sanction.tier}, "
                                              "because "), _joined([c.description for c in f.conditions_held]))
    for n in verdict.not_applicable:
        yield n.rule_id, n.act_id, _concat(bi("tidak berlaku, karena ", "does not apply, because "),
                                           _joined([c.description for c in n.reasons or []]))
    for u in verdict.undetermined:
        label = bi("belum dapat diputuskan, fakta kurang: ", "undetermined, facts missing: ")
        yield u.rule_id, u.act_id, _concat(label, _joined([m.label for m in u.missing]))
    for s in verdict.set_aside:
        yield s.rule_id, s.act_id, _concat(bi(f"dikesampingkan oleh {s.by_rule}: ", f"set aside by {s.by_rule}: "),
                                           s.reason)
    for p in verdict.permitted:
        yield p.rule_id, p.act_id, bi("perbuatan ini dibolehkan", "this act is permitted")


def why(result: ScenarioResult, rulebook: Rulebook) -> list[LocalizedText]:
    """Why the engine decided as it did, for the rules the scenario is about."""
    verdict = result.verdict
    relevant = rules_exercised(result.loaded.scenario) | {f.rule_id for f in verdict.findings}
    said: dict[str, list[LocalizedText]] = {rule_id: [] for rule_id in sorted(relevant)}
    for rule_id, act_id, text in _statements(verdict):
        if rule_id in said:
            subject = f"{rule_id}{_act(act_id)}: "
            said[rule_id].append(_concat(bi(subject, subject), text))
    lines: list[LocalizedText] = []
    for rule_id, texts in said.items():
        lines.extend(texts or [_unmentioned(rule_id, rulebook, result.loaded.incident)])
    return lines


def _concat(first: LocalizedText, second: LocalizedText) -> LocalizedText:
    return bi(first.id + second.id, first.en + second.en)


HEADINGS = {"expected": bi("diharapkan vs hasil:", "expected vs got:"),
            "why": bi("mengapa mesin memutuskan demikian:", "why the engine decided:")}


def report(result: ScenarioResult, rulebook: Rulebook, lang: Lang) -> list[str]:
    """A failed scenario, as indented lines: the differences, then why the engine decided."""
    return [f"  {HEADINGS['expected'].get(lang)}", *(f"    {d.get(lang)}" for d in result.differences),
            f"  {HEADINGS['why'].get(lang)}", *(f"    {w.get(lang)}" for w in why(result, rulebook))]
