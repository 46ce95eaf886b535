"""What changed between two rulebook versions, and which verdicts it changes.

`diff_rules` compares the rules by id (added, removed, and the fields that changed, with old and new
values); `diff_verdicts` evaluates a folder of incidents against both versions and lists the
incidents whose findings or overall outcome differ: the impact of an edit before it is published.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netralitas.errors import NetralitasError, Problem, ProblemsError, internal_problem
from netralitas.evaluation import Evaluator
from netralitas.evaluation.verdict import Verdict
from netralitas.facts.group import incidents_from_located
from netralitas.facts.loading import is_group, load_located
from netralitas.facts.models import Incident
from netralitas.io.package_data import data_folder
from netralitas.lang.conditions import atoms, describe, nnf
from netralitas.lang.models import Citation
from netralitas.rulebook import LoadedRule, Rulebook
from netralitas.text import LocalizedText, bi

INCIDENT_SUFFIXES = (".yaml", ".yml", ".json")
_WHOLE = ("when", "basis", "act_kinds", "exception_to", "sanction.basis", "sanction.options")
_LONGEST = 100
RESHAPED = bi("susunan all/any/not berubah, syarat-syaratnya sama", "all/any/not structure changed, same conditions")


@dataclass(frozen=True)
class FieldChange:
    """One field of a rule, before and after (None when absent)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class RuleChange:
    """A rule present in both versions whose content changed.

    `fields` lists the changed fields other than `when`; a changed `when` is told as the
    conditions (in plain language) only the old version has and those only the new one has.
    """

    rule_id: str
    fields: tuple[FieldChange, ...]
    conditions_removed: tuple[LocalizedText, ...] = ()
    conditions_added: tuple[LocalizedText, ...] = ()


@dataclass(frozen=True)
class VerdictChange:
    """An incident whose verdict differs between the two versions."""

    incident: str
    removed: tuple[str, ...]
    added: tuple[str, ...]
    outcome_old: LocalizedText
    outcome_new: LocalizedText


@dataclass(frozen=True)
class RulebookDiff:
    """Everything `netralitas rules diff` reports."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[RuleChange, ...]
    verdicts: tuple[VerdictChange, ...]
    incidents: int
    skipped: tuple[str, ...]


def bundled_incidents_dir() -> Path:
    """The sample incidents shipped with the package."""
    return data_folder("netralitas.facts", "examples")


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict) and prefix not in _WHOLE:
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    return {prefix: value}


def _show(value: Any) -> str | None:
    """A field value in one short line: citations by reference, texts in Indonesian, lists joined."""
    if value is None:
        return None
    if isinstance(value, list):
        return _cut("; ".join(_show(item) or "-" for item in value))
    if isinstance(value, dict):
        if "instrument" in value:
            return f"{value['instrument']} {Citation.model_validate(value).reference()}".strip()
        if "id" in value and "en" in value:
            return _cut(str(value["id"]))
        return _cut(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return _cut(str(value))


def _cut(text: str) -> str:
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def _conditions(loaded: LoadedRule) -> dict[str, LocalizedText]:
    if loaded.condition is None:
        return {}
    return {text.en: text for text in (describe(atom) for atom in atoms(nnf(loaded.condition)))}


def _rule_change(old: LoadedRule, new: LoadedRule) -> RuleChange | None:
    a = _flatten(old.rule.model_dump(mode="json", by_alias=True, exclude_none=True))
    b = _flatten(new.rule.model_dump(mode="json", by_alias=True, exclude_none=True))
    fields = [FieldChange(name, _show(a.get(name)), _show(b.get(name)))
              for name in sorted(a.keys() | b.keys()) if name != "when" and a.get(name) != b.get(name)]
    before, after = _conditions(old), _conditions(new)
    removed = tuple(before[key] for key in before if key not in after)
    added = tuple(after[key] for key in after if key not in before)
    if a.get("when") != b.get("when") and not removed and not added:
        fields.append(FieldChange("when", None, None))
    if not fields and not removed and not added:
        return None
    return RuleChange(old.rule.id, tuple(fields), removed, added)


def rule_changes(old: Rulebook, new: Rulebook) -> tuple[tuple[str, ...], tuple[str, ...], tuple[RuleChange, ...]]:
    """(added ids, removed ids, changed rules) from `old` to `new`."""
    before = {r.rule.id: r for r in old.rules}
    after = {r.rule.id: r for r in new.rules}
    changed = [change for rule_id in sorted(before.keys() & after.keys())
               if (change := _rule_change(before[rule_id], after[rule_id])) is not None]
    return tuple(sorted(after.keys() - before.keys())), tuple(sorted(before.keys() - after.keys())), tuple(changed)


def finding_lines(verdict: Verdict) -> list[str]:
    return sorted(f"{f.rule_id} [{f.act_id or 'person'}] {f.category.value}/{f.sanction.tier.value}"
                  for f in verdict.findings)


def incident_files(folder: Path) -> list[Path]:
    """The incident files in `folder` (or `folder` itself when it is a file)."""
    if folder.is_file():
        return [folder]
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in INCIDENT_SUFFIXES)


def _diff_name(path: Path, incident: Incident, group: bool) -> str:
    """How the diff names an incident: its file, and the person's id for one person of a group incident."""
    return f"{path.name} [{incident.id.rsplit('/', 1)[-1]}]" if group else path.name


def diff(old: Rulebook, new: Rulebook, incidents: Path | None = None) -> RulebookDiff:
    """Compare two rulebooks, and their verdicts over the incidents in `incidents` (default: the samples)."""
    added, removed, changed = rule_changes(old, new)
    evaluators = Evaluator(old), Evaluator(new)
    verdicts: list[VerdictChange] = []
    skipped: list[str] = []
    paths = incident_files(incidents or bundled_incidents_dir())
    for path in paths:
        try:
            located = load_located(path)
            members = incidents_from_located(located, path.stem)
            group = is_group(located.data)
            compared = [(_diff_name(path, incident, group), evaluators[0].evaluate(incident),
                         evaluators[1].evaluate(incident)) for incident in members]
        except ProblemsError as error:
            first_problem = error.problems[0] if error.problems else Problem(str(error), str(path))
            skipped.append(f"{first_problem.where()}: {first_problem.message}")
            continue
        except NetralitasError as error:
            skipped.append(f"{path}: {error}")
            continue
        except Exception as error:  # an engine bug on one incident must not stop the comparison
            skipped.append(f"{path}: {internal_problem(error).message}")
            continue
        for name, first, second in compared:
            a, b = finding_lines(first), finding_lines(second)
            if a != b or first.outcome.summary != second.outcome.summary:
                verdicts.append(VerdictChange(name, tuple(x for x in a if x not in b),
                                              tuple(x for x in b if x not in a), first.outcome.summary,
                                              second.outcome.summary))
    return RulebookDiff(added, removed, changed, tuple(verdicts), len(paths), tuple(skipped))
