"""Load a rulebook folder into validated, cross-checked models.

A rulebook folder holds `instruments.yaml` (instrument registry and recommending bodies),
`sanctions.yaml` (sanction tiers per instrument), any number of rule files (`*.yaml`), and
scenario tests (`*.tests.yaml`, not loaded here). Calendars come from `calendars/` inside
the folder when present, otherwise from the bundled ones. Every problem in every file is
collected and reported at once, each with file, line, column, rule id and field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from netralitas.errors import InputFileError, Problem, RulebookError
from netralitas.facts.elections import Calendar, calendars_dir
from netralitas.facts.paths import paths_for
from netralitas.io.package_data import data_folder
from netralitas.io.yaml_source import Located, LocatedProblems, problems_from_validation
from netralitas.lang.conditions import Node
from netralitas.lang.models import Citation, Rule, RuleFile
from netralitas.lang.registry import (
    Authority,
    Instrument,
    InstrumentRegistry,
    SanctionCatalogue,
    SanctionScheme,
)
from netralitas.lang.typecheck import ConditionCompiler, report_into
from netralitas.rulebook.parse_cache import load_rule_yaml
from netralitas.suggestions import suggest

REGISTRY_FILE = "instruments.yaml"
SANCTIONS_FILE = "sanctions.yaml"
TESTS_SUFFIX = ".tests.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedRule:
    """A validated rule with its compiled condition and where it was written."""

    rule: Rule
    condition: Node | None
    file: str
    line: int | None


@dataclass(frozen=True)
class Rulebook:
    """Everything the engine needs from a rulebook folder, validated."""

    root: Path
    rules: tuple[LoadedRule, ...]
    instruments: dict[str, Instrument]
    authorities: tuple[Authority, ...]
    schemes: dict[str, SanctionScheme]
    calendars: dict[str, Calendar]
    content_hash: str
    files: tuple[str, ...]

    @classmethod
    def load(cls, path: str | Path | None = None) -> Rulebook:
        """Load the rulebook at `path`, or the bundled one."""
        return load_rulebook(Path(path) if path is not None else bundled_rules_dir())

    def rule(self, rule_id: str) -> LoadedRule:
        """The rule with id `rule_id`."""
        for loaded in self.rules:
            if loaded.rule.id == rule_id:
                return loaded
        raise KeyError(rule_id)

    def instruments_in_force(self, day: date) -> list[Instrument]:
        """Instruments in force on `day`."""
        return [i for i in self.instruments.values() if i.in_force.contains(day)]

    def authority_on(self, day: date) -> Authority | None:
        """The body recommending sanctions to the PPK on `day`."""
        return next((a for a in self.authorities if a.in_force.contains(day)), None)

    def earliest_rule_date(self) -> date | None:
        """The first day any encoded rule is in force."""
        return min((r.rule.in_force.from_ for r in self.rules), default=None)


def bundled_rules_dir() -> Path:
    """The rulebook shipped with the package."""
    return data_folder("netralitas.rules")


def _rule_files(root: Path) -> list[Path]:
    found = [p for p in root.rglob("*.yaml") if p.is_file() and not p.name.endswith(TESTS_SUFFIX)
             and p.name not in (REGISTRY_FILE, SANCTIONS_FILE) and "calendars" not in p.relative_to(root).parts]
    return sorted(found)


def _validate(model: type[M], located: Located, problems: list[Problem],
              rule_id_at: Callable[[tuple[str | int, ...]], str | None] | None = None) -> M | None:
    try:
        return model.model_validate(located.data if located.data is not None else {})
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, located, model, rule_id_at))
        return None


def _read(path: Path, problems: list[Problem]) -> Located | None:
    try:
        return load_rule_yaml(path)
    except LocatedProblems as exc:
        problems.extend(exc.problems)
    except InputFileError as exc:
        problems.append(Problem(str(exc), str(path)))
    return None


def _hash(root: Path, paths: list[Path], calendar_paths: list[Path]) -> str:
    digest = hashlib.sha256()
    named = [(p.relative_to(root).as_posix(), p) for p in paths]
    named += [(f"calendars/{p.name}", p) for p in calendar_paths]
    for name, path in sorted(named):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _check_citations(citations: list[Citation], instruments: dict[str, Instrument], rule: Rule,
                     loc: tuple[str | int, ...], report: Callable[..., None]) -> None:
    for index, citation in enumerate(citations):
        instrument = instruments.get(citation.instrument)
        if instrument is None:
            report(f"unknown instrument '{citation.instrument}' (not in {REGISTRY_FILE})", (*loc, index, "instrument"),
                   "instrument", suggest(citation.instrument, instruments))
        elif not rule.in_force.within(instrument.in_force):
            report(f"rule is in force {_span(rule.in_force.from_, rule.in_force.until)} but {instrument.short} is in "
                   f"force {_span(instrument.in_force.from_, instrument.in_force.until)}", ("in_force",), "in_force",
                   None)


def _span(start: date, end: date | None) -> str:
    return f"{start.isoformat()}..{end.isoformat() if end else 'now'}"


def _check_rule(rule: Rule, loc: tuple[str | int, ...], located: Located, book: dict[str, Any],
                problems: list[Problem]) -> Node | None:
    def position(sub: tuple[str | int, ...]) -> tuple[int | None, int | None]:
        return located.position((*loc, *sub))

    report = report_into(problems, position, located.file, rule.id, loc)

    def say(message: str, sub: tuple[str | int, ...], field: str, suggestion: str | None) -> None:
        report(message, sub, field, suggestion)

    _check_citations(rule.basis, book["instruments"], rule, ("basis",), say)
    _check_citations(rule.sanction.basis, book["instruments"], rule, ("sanction", "basis"), say)
    scheme_key = rule.sanction.scheme
    if scheme_key is not None:
        scheme = book["schemes"].get(scheme_key)
        if scheme is None:
            say(f"unknown sanction scheme '{scheme_key}' (not in {SANCTIONS_FILE})", ("sanction", "scheme"), "scheme",
                suggest(scheme_key, book["schemes"]))
        elif rule.sanction.tier not in scheme.tiers:
            say(f"scheme '{scheme_key}' has no tier '{rule.sanction.tier}' (it has: "
                f"{', '.join(scheme.tiers)})", ("sanction", "tier"), "tier", None)
    scope = rule.subject
    date_path = rule.date_path()
    spec = paths_for(scope).get(date_path)
    if spec is None or spec.type != "date":
        say(f"'{date_path}' is not a date fact a {scope} rule can use", ("dated_by",), "dated_by",
            suggest(date_path, [p for p, s in paths_for(scope).items() if s.type == "date"]))
    if rule.when is None:
        return None
    return ConditionCompiler(scope, report).compile(rule.when, ("when",))


def load_rulebook(root: Path) -> Rulebook:
    """Load, validate and cross-check every file of the rulebook at `root`."""
    if not root.is_dir():
        raise RulebookError([Problem(f"rulebook folder not found: {root}", str(root))])
    problems: list[Problem] = []
    registry_path, sanctions_path = root / REGISTRY_FILE, root / SANCTIONS_FILE
    registry = sanctions = None
    for path in (registry_path, sanctions_path):
        if not path.is_file():
            problems.append(Problem(f"missing {path.name} in the rulebook folder", str(path)))
    if registry_path.is_file() and (located := _read(registry_path, problems)):
        registry = _validate(InstrumentRegistry, located, problems)
    sanctions_located = _read(sanctions_path, problems) if sanctions_path.is_file() else None
    if sanctions_located:
        sanctions = _validate(SanctionCatalogue, sanctions_located, problems)
    instruments = {i.key: i for i in registry.instruments} if registry else {}
    schemes = {s.key: s for s in sanctions.schemes} if sanctions else {}
    calendar_root = root / "calendars" if (root / "calendars").is_dir() else calendars_dir()
    calendar_paths = sorted(calendar_root.glob("*.yaml"))
    calendars: dict[str, Calendar] = {}
    for path in calendar_paths:
        located_cal = _read(path, problems)
        calendar = _validate(Calendar, located_cal, problems) if located_cal else None
        if calendar is not None:
            if calendar.id in calendars:
                problems.append(Problem(f"duplicate calendar id '{calendar.id}'", str(path), 1, 1, field="id"))
            calendars[calendar.id] = calendar

    book = {"instruments": instruments, "schemes": schemes}
    rule_paths = _rule_files(root)
    loaded: list[LoadedRule] = []
    seen: dict[str, str] = {}
    places: dict[str, tuple[Located, int]] = {}
    unvalidated: set[str] = set()  # ids in files that did not validate: not "unknown" to exception_to
    for path in rule_paths:
        located = _read(path, problems)
        if located is None:
            continue
        data = located.data

        def rule_id_at(loc: tuple[str | int, ...], data: Any = data) -> str | None:
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                try:
                    value = data["rules"][loc[1]].get("id")
                    return str(value) if value is not None else None
                except (KeyError, IndexError, TypeError, AttributeError):
                    return None
            return None

        rule_file = _validate(RuleFile, located, problems, rule_id_at)
        if rule_file is None:
            unvalidated.update(_raw_ids(data))
            continue
        for index, rule in enumerate(rule_file.rules):
            loc = ("rules", index)
            line, _ = located.position(loc)
            if rule.id in seen:
                id_line, id_column = located.position((*loc, "id"))
                problems.append(Problem(f"duplicate rule id (first defined at {seen[rule.id]})", located.file,
                                        id_line, id_column, rule.id, "id", path=f"rules.{index}.id"))
                continue
            seen[rule.id] = f"{located.file}:{line}"
            places[rule.id] = (located, index)
            node = _check_rule(rule, loc, located, book, problems)
            loaded.append(LoadedRule(rule, node, located.file, line))

    _check_exceptions(loaded, problems, places, unvalidated)
    for index, scheme in enumerate(sanctions.schemes if sanctions else ()):
        if scheme.instrument not in instruments:
            at = ("schemes", index, "instrument")
            line, column = sanctions_located.position(at) if sanctions_located else (None, None)
            problems.append(Problem(f"sanction scheme '{scheme.key}' names unknown instrument '{scheme.instrument}'",
                                    str(sanctions_path), line, column, field="instrument",
                                    suggestion=suggest(scheme.instrument, instruments), path=".".join(map(str, at))))
    if not loaded and not problems:
        problems.append(Problem("the rulebook folder has no rule files", str(root)))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise RulebookError(problems)
    files_read = [p for p in (registry_path, sanctions_path, *rule_paths)]
    return Rulebook(root, tuple(loaded), instruments, tuple(registry.authorities if registry else ()), schemes,
                    calendars, _hash(root, files_read, calendar_paths),
                    tuple(p.relative_to(root).as_posix() for p in files_read))


def _raw_ids(data: Any) -> set[str]:
    """The rule ids written in a rule file's raw data, whatever else is wrong with it."""
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list):
        return set()
    return {str(r["id"]) for r in rules if isinstance(r, dict) and "id" in r}


def _check_exceptions(loaded: list[LoadedRule], problems: list[Problem], places: dict[str, tuple[Located, int]],
                      unvalidated: set[str]) -> None:
    by_id = {r.rule.id: r for r in loaded}

    def say(item: LoadedRule, message: str, target: str | None = None, suggestion: str | None = None) -> None:
        located, index = places[item.rule.id]
        loc: tuple[str | int, ...] = ("rules", index, "exception_to")
        if target is not None:
            loc = (*loc, item.rule.exception_to.index(target))
        line, column = located.position(loc)
        problems.append(Problem(message, item.file, line, column, item.rule.id, "exception_to", suggestion,
                                path=".".join(map(str, loc))))

    for item in loaded:
        for target in item.rule.exception_to:
            other = by_id.get(target)
            if other is None and target not in unvalidated:
                say(item, f"exception_to names unknown rule '{target}'", target, suggest(target, by_id))
            elif other is None:
                continue
            elif target == item.rule.id:
                say(item, "a rule cannot be an exception to itself", target)
            elif other.rule.subject != item.rule.subject:
                say(item, f"exception_to '{target}' tests the {other.rule.subject}, this rule the "
                          f"{item.rule.subject}: exceptions work between rules on the same subject", target)
    # cycles: a rule must not (transitively) be an exception to itself
    graph = {r.rule.id: [t for t in r.rule.exception_to if t in by_id] for r in loaded}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycle = [*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt]
                say(by_id[node], f"exceptions form a cycle: {' -> '.join(cycle)}", nxt)
            elif state.get(nxt) is None:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for rule_id in graph:
        if rule_id not in state:
            visit(rule_id, [rule_id])
