"""Test helper: a private copy of the bundled rulebook (and the sample incidents its scenarios use).

The copy keeps the repository layout (`rules/` next to `facts/examples/`) so that the scenario
files' `incident_file: ../../facts/examples/...` paths still resolve inside the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from netralitas.authoring.rulediff import bundled_incidents_dir
from netralitas.rulebook import bundled_rules_dir


def copy_bundled(tmp_path: Path, name: str = "copy") -> Path:
    """Copy the bundled rulebook to `tmp_path/name/rules`; the copy's rules folder."""
    root = tmp_path / name
    shutil.copytree(bundled_rules_dir(), root / "rules", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    shutil.copytree(bundled_incidents_dir(), root / "facts" / "examples")
    return root / "rules"


def edit_rules(path: Path, edit: Any) -> None:
    """Rewrite a rule file: `edit` receives the list of rules (dicts) and changes it in place."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["rules"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rule_named(rules: list[dict[str, Any]], rule_id: str) -> dict[str, Any]:
    """The rule with id `rule_id` in a list of rule dicts."""
    return next(rule for rule in rules if rule["id"] == rule_id)
