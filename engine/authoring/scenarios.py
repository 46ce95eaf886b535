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
          not_checked: [...]                   # provisions listed as "not checked: facts not reported"
          conditional: [...]                   # findings that an open exception may still set aside
          in_scope: true
          outcome_tier: berat
          outcome_state: violation             # violation | conditional | undetermined | no_violation | out_of_scope
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from netralitas.errors import IncidentError, InputFileError, Problem, RulebookError
from netralitas.evaluation.verdict import OutcomeState
from netralitas.facts.loading import incident_from_located, load_incident
from netralitas.facts.models import Incident
from netralitas.io.yaml_source import Loc, Located, LocatedProblems, load_yaml_file, problems_from_validation
from netralitas.lang.models import Category, Tier

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
    not_checked: list[str] | None = None
    conditional: list[str] | None = None
    in_scope: bool | None = None
    outcome_tier: Tier | None = None
    outcome_state: OutcomeState | None = None


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
    positions: Mapping[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int | None, int | None, str]:
        """Line, column and full YAML path of `loc` inside this scenario (or of the scenario itself)."""
        at: Loc = loc
        while at and at not in self.positions:
            at = at[:-1]
        line, column = self.positions.get(at, (self.line, None)) if at else (self.line, None)
        return line, column, ".".join(map(str, loc))


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
            raise RulebookError([_in_scenario(p, scenario, index, located) for p in exc.problems]) from None
        own = {loc[2:]: pos for loc, pos in located.positions.items() if loc[:2] == ("scenarios", index)}
        loaded.append(LoadedScenario(scenario, str(path), line, incident, own))
    return loaded


def _in_scenario(problem: Problem, scenario: Scenario, index: int, located: Located) -> Problem:
    """An incident problem said of its scenario; at the scenario's `incident_file` when that file is unreadable."""
    message = f"scenario '{scenario.name}': {problem.message}"
    if problem.line is not None:
        return Problem(message, problem.file, problem.line, problem.column, field=problem.field,
                       suggestion=problem.suggestion, path=problem.path)
    loc = ("scenarios", index, "incident_file" if scenario.incident_file is not None else "incident")
    line, column = located.position(loc)
    return Problem(message, located.file, line, column, field=problem.field, suggestion=problem.suggestion,
                   path=".".join(map(str, loc)))


def scenario_files(root: Path) -> list[Path]:
    """Every scenario file under `root` (or `root` itself)."""
    if root.is_file():
        return [root]
    return sorted(root.rglob(f"*{SUFFIX}"))


def rule_mentions(scenario: Scenario) -> list[tuple[str, Loc]]:
    """Every rule id a scenario names, with its YAML path inside the scenario (e.g. `expect.not_findings.0`)."""
    expect = scenario.expect
    mentions: list[tuple[str, Loc]] = [(scenario.rule, ("rule",))] if scenario.rule else []
    for index, finding in enumerate(expect.findings or ()):
        if isinstance(finding, str):
            mentions.append((finding, ("expect", "findings", index)))
        else:
            mentions.append((finding.rule, ("expect", "findings", index, "rule")))
    for group, ids in (("not_findings", expect.not_findings), ("set_aside", expect.set_aside),
                       ("permitted", expect.permitted), ("undetermined", expect.undetermined),
                       ("not_checked", expect.not_checked), ("conditional", expect.conditional)):
        mentions.extend((rule_id, ("expect", group, index)) for index, rule_id in enumerate(ids or ()))
    return mentions


def rules_exercised(scenario: Scenario) -> set[str]:
    """Every rule id a scenario names: its `rule` and every rule in its expectation."""
    return {rule_id for rule_id, _ in rule_mentions(scenario)}


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
