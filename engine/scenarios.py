"""YAML scenario tests written by legal staff: an incident and what the verdict must say.

A scenario file (`*.tests.yaml`, next to the rules it tests) holds a list of scenarios:

    scenarios:
      - name: camat gathers village heads after determination
        rule: pp94.5n5.favouring-decision      # the rule under test (for coverage)
        kind: fires                            # fires | near_miss | boundary
        incident: {...}                        # inline incident, or `incident_file: path`
        expect:
          findings:                            # exactly these findings (rule ids), each optionally detailed
            - rule: pp94.5n5.favouring-decision
              category: disiplin
              tier: berat
              citations: ["PP 94/2021 Pasal 5 huruf n angka 5"]
          not_findings: [...]                  # none of these is a finding
          set_aside: [...]  permitted: [...]  undetermined: [...]
          in_scope: true
          outcome_tier: berat
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from netralitas.errors import IncidentError, InputFileError, Problem, RulebookError
from netralitas.evaluation import Evaluator
from netralitas.facts.loading import incident_from_located, load_incident
from netralitas.facts.models import Incident
from netralitas.lang.models import Category, Tier
from netralitas.verdict import Verdict
from netralitas.yamlsource import Located, LocatedProblems, load_yaml_file, problems_from_validation

SUFFIX = ".tests.yaml"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScenarioKind(StrEnum):
    FIRES = "fires"
    NEAR_MISS = "near_miss"
    BOUNDARY = "boundary"


class ExpectedFinding(_Model):
    """One finding the verdict must contain."""

    rule: str
    act: str | None = None
    category: Category | None = None
    tier: Tier | None = None
    citations: list[str] = Field(default_factory=list, description="e.g. 'PP 94/2021 Pasal 5 huruf n angka 5'")


class Expectation(_Model):
    """What the verdict must say."""

    findings: list[ExpectedFinding | str] | None = None
    not_findings: list[str] = Field(default_factory=list)
    set_aside: list[str] | None = None
    permitted: list[str] | None = None
    undetermined: list[str] | None = None
    in_scope: bool | None = None
    outcome_tier: Tier | None = None


class Scenario(_Model):
    """One scenario test."""

    name: str = Field(min_length=1)
    rule: str | None = None
    kind: ScenarioKind = ScenarioKind.FIRES
    incident: dict[str, Any] | None = None
    incident_file: str | None = None
    expect: Expectation

    @model_validator(mode="after")
    def _one_incident(self) -> Scenario:
        if (self.incident is None) == (self.incident_file is None):
            raise ValueError("give exactly one of 'incident' or 'incident_file'")
        return self


class ScenarioFile(_Model):
    scenarios: list[Scenario] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario with where it was written and its incident."""

    scenario: Scenario
    file: str
    line: int | None
    incident: Incident


def load_scenarios(path: Path) -> list[LoadedScenario]:
    """Load and validate a scenario file; raise RulebookError with located problems."""
    try:
        located = load_yaml_file(path)
    except LocatedProblems as exc:
        raise RulebookError(exc.problems) from None
    except InputFileError as exc:
        raise RulebookError([Problem(str(exc), str(path))]) from None
    try:
        parsed = ScenarioFile.model_validate(located.data or {})
    except ValidationError as exc:
        raise RulebookError(problems_from_validation(exc, located, ScenarioFile)) from None
    loaded = []
    for index, scenario in enumerate(parsed.scenarios):
        line, _ = located.position(("scenarios", index))
        try:
            if scenario.incident_file is not None:
                incident = load_incident(path.parent / scenario.incident_file)
            else:
                sub = Located(scenario.incident, located.file, {
                    loc[3:]: pos for loc, pos in located.positions.items()
                    if loc[:3] == ("scenarios", index, "incident")})
                incident = incident_from_located(sub, f"{path.stem}-{index + 1}")
        except IncidentError as exc:
            raise RulebookError([Problem(f"scenario '{scenario.name}': {p.message}", p.file or str(path),
                                         p.line or line, p.column, field=p.field, suggestion=p.suggestion)
                                 for p in exc.problems]) from None
        loaded.append(LoadedScenario(scenario, str(path), line, incident))
    return loaded


def _citation_names(verdict: Verdict, rule_id: str) -> set[str]:
    names: set[str] = set()
    for finding in verdict.findings:
        if finding.rule_id == rule_id:
            names |= {f"{c.instrument_short} {c.reference}".strip() for c in finding.citations + finding.sanction.basis}
    return names


def check(verdict: Verdict, expect: Expectation) -> list[str]:
    """Differences between the verdict and the expectation, as readable lines (empty: passed)."""
    problems: list[str] = []
    got = sorted(f.rule_id for f in verdict.findings)
    if expect.findings is not None:
        wanted = sorted(f if isinstance(f, str) else f.rule for f in expect.findings)
        if got != wanted:
            problems.append(f"findings: expected {wanted}, got {got}")
        for item in expect.findings:
            if isinstance(item, str):
                continue
            matches = [f for f in verdict.findings
                       if f.rule_id == item.rule and (item.act is None or f.act_id == item.act)]
            if not matches:
                continue
            finding = matches[0]
            if item.category is not None and finding.category is not item.category:
                problems.append(f"{item.rule}: category expected {item.category}, got {finding.category}")
            if item.tier is not None and finding.sanction.tier is not item.tier:
                problems.append(f"{item.rule}: tier expected {item.tier}, got {finding.sanction.tier}")
            have = _citation_names(verdict, item.rule)
            for citation in item.citations:
                if citation not in have:
                    problems.append(f"{item.rule}: citation '{citation}' missing; cited: {sorted(have)}")
    for rule_id in expect.not_findings:
        if rule_id in got:
            problems.append(f"{rule_id} must not be a finding, but is")
    for label, wanted_ids, have_ids in (
        ("set_aside", expect.set_aside, [s.rule_id for s in verdict.set_aside]),
        ("permitted", expect.permitted, [p.rule_id for p in verdict.permitted]),
        ("undetermined", expect.undetermined, [u.rule_id for u in verdict.undetermined]),
    ):
        if wanted_ids is not None and sorted(wanted_ids) != sorted(set(have_ids)):
            problems.append(f"{label}: expected {sorted(wanted_ids)}, got {sorted(set(have_ids))}")
    if expect.in_scope is not None and verdict.scope.in_scope is not expect.in_scope:
        problems.append(f"in_scope: expected {expect.in_scope}, got {verdict.scope.in_scope}")
    if expect.outcome_tier is not None:
        tier = verdict.outcome.dismissal or verdict.outcome.disiplin_tier
        if tier is None and verdict.outcome.moral_sanction:
            tier = Tier.SANKSI_MORAL
        if tier is not expect.outcome_tier:
            problems.append(f"outcome tier: expected {expect.outcome_tier}, got {tier}")
    return problems


def explain(verdict: Verdict) -> list[str]:
    """Why the engine decided as it did, for a failure report."""
    lines = [f"finding {f.rule_id} ({f.act_id or 'person'}): " + "; ".join(c.description.en for c in f.conditions_held)
             for f in verdict.findings]
    lines += [f"not applicable {n.rule_id} ({n.act_id or 'person'}): " + "; ".join(r.description.en for r in n.reasons)
              for n in verdict.not_applicable]
    lines += [f"undetermined {u.rule_id} ({u.act_id or 'person'}): missing " + ", ".join(m.path for m in u.missing)
              for u in verdict.undetermined]
    return lines


def run(evaluator: Evaluator, loaded: LoadedScenario) -> tuple[list[str], Verdict]:
    """Evaluate one scenario: (differences, verdict)."""
    verdict = evaluator.evaluate(loaded.incident)
    return check(verdict, loaded.scenario.expect), verdict


def scenario_files(root: Path) -> list[Path]:
    """Every scenario file under `root` (or `root` itself)."""
    if root.is_file():
        return [root]
    return sorted(root.rglob(f"*{SUFFIX}"))


def rules_exercised(scenario: Scenario) -> set[str]:
    """Every rule id a scenario names: its `rule` and every rule in its expectation."""
    expect = scenario.expect
    named = {f if isinstance(f, str) else f.rule for f in expect.findings or ()}
    for group in (expect.not_findings, expect.set_aside, expect.permitted, expect.undetermined):
        named.update(group or ())
    if scenario.rule:
        named.add(scenario.rule)
    return named


def load_all(root: Path) -> tuple[list[LoadedScenario], list[Problem]]:
    """Every scenario under `root`, and the problems of the files that do not load."""
    loaded: list[LoadedScenario] = []
    problems: list[Problem] = []
    for path in scenario_files(root):
        try:
            loaded.extend(load_scenarios(path))
        except RulebookError as exc:
            problems.extend(exc.problems)
    return loaded, problems


def rulebook_dir_for(path: Path) -> Path | None:
    """The rulebook folder holding `path` (the nearest parent with instruments.yaml), if any."""
    for folder in (path, *path.parents):
        if (folder / "instruments.yaml").is_file():
            return folder
    return None
