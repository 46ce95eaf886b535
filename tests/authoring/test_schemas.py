"""Editor support: the committed JSON Schemas are current, every bundled YAML file names one and validates.

Editors (VS Code with the YAML extension) read the `# yaml-language-server: $schema=...` first line of a
file; these tests make sure that line is there, points at a schema that exists, and that the schema
accepts every bundled file and rejects the structural mistakes among the bad-rule fixtures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from netralitas.authoring.check import check_rulebook
from netralitas.authoring.schemas import SCHEMAS
from netralitas.cli import app
from netralitas.io.yaml_source import load_yaml_file
from tests.rulebook.test_errors import FIXTURES, bad_book

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "docs" / "schema"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)$")
BUNDLED = sorted([*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "facts" / "examples").rglob("*.yaml")])
OUTPUTS = {"verdict", "group-verdict"}
"""Schemas of what the engine writes, not of files people write."""

# Fixtures whose mistake is in the shape of the file (a wrong type, an unknown field, a missing
# field, a value outside a closed list): the schema rejects them, so an editor underlines them.
# The others are well-formed but wrong in meaning (facts, dates, conflicts): only `rules check` sees them.
STRUCTURAL = {
    "bad-address", "bad-category", "bad-fact-path", "bad-tier", "date-compared-with-number", "impossible-date",
    "misspelt-operator", "missing-basis", "unknown-field", "known-loose-boolean",
}
# Fixtures that are not YAML at all, or not YAML a JSON validator can see (a duplicate key is
# silently merged by every YAML parser): the loader rejects them before any schema applies.
UNPARSED = {"syntax-error", "duplicate-key"}


def _load(path: Path) -> Any:
    """Read YAML exactly as the engine does: YAML 1.2 booleans (`on` is a string), dates kept as text."""
    return load_yaml_file(path).data


def _schema_for(path: Path) -> Path:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.relative_to(ROOT)} must start with '# yaml-language-server: $schema=...', not {first!r}"
    return (path.parent / match["target"]).resolve()


def _validator(schema_file: Path) -> Draft202012Validator:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("which", sorted(SCHEMAS))
def test_committed_schema_is_what_the_command_prints(which: str) -> None:
    result = CliRunner().invoke(app, ["schema", which])
    assert result.exit_code == 0, result.output
    committed = SCHEMA_DIR / f"{which}.schema.json"
    assert committed.is_file(), f"write it: netralitas schema {which} > docs/schema/{which}.schema.json"
    assert json.loads(result.output) == json.loads(committed.read_text(encoding="utf-8")), (
        f"docs/schema/{which}.schema.json is stale: netralitas schema {which} > docs/schema/{which}.schema.json")


def test_every_committed_schema_has_a_command() -> None:
    assert {p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json")} == set(SCHEMAS)


def test_there_are_bundled_files_of_every_kind() -> None:
    names = {_schema_for(p).name for p in BUNDLED}
    assert names == {f"{which}.schema.json" for which in SCHEMAS if which not in OUTPUTS}


def test_the_verdict_schema_validates_real_verdicts() -> None:
    from netralitas import Evaluator, load_incident

    validator = Draft202012Validator(SCHEMAS["verdict"]())
    evaluator = Evaluator()
    for path in sorted((ROOT / "facts" / "examples").glob("*.yaml")):
        verdict = json.loads(evaluator.evaluate(load_incident(path)).to_json())
        errors = [e.message for e in validator.iter_errors(verdict)]
        assert not errors, (path.name, errors[:3])


def test_the_group_verdict_schema_validates_real_group_verdicts() -> None:
    from netralitas import Evaluator
    from netralitas.evaluation.group import evaluate_group
    from netralitas.facts.group import group_from_located

    validator = Draft202012Validator(SCHEMAS["group-verdict"]())
    evaluator = Evaluator()
    for path in sorted((ROOT / "facts" / "examples" / "groups").glob("*.yaml")):
        verdict = json.loads(evaluate_group(evaluator, group_from_located(load_yaml_file(path))).to_json())
        errors = [e.message for e in validator.iter_errors(verdict)]
        assert not errors, (path.name, errors[:3])


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_file_names_its_schema_and_validates(path: Path) -> None:
    schema_file = _schema_for(path)
    assert schema_file.is_file(), f"{path.relative_to(ROOT)} points at a missing schema {schema_file}"
    assert schema_file.parent == SCHEMA_DIR
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(schema_file).iter_errors(
        _load(path))]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_fixture_is_rejected(fixture: Path, tmp_path: Path) -> None:
    """`rules check` (loader and static analysis) rejects every bad fixture; the schema exactly the structural ones."""
    errors = [p for p in check_rulebook(bad_book(fixture, tmp_path)) if p.severity == "error"]
    assert errors, f"rules check accepts {fixture.name}"
    assert all(p.file and p.file.endswith("bad.yaml") and p.line for p in errors), errors
    if fixture.stem in UNPARSED:
        return
    mistakes = list(_validator(SCHEMA_DIR / "rules.schema.json").iter_errors(_load(fixture)))
    if fixture.stem in STRUCTURAL:
        assert mistakes, f"the rules schema accepts {fixture.name}"
    else:
        assert not mistakes, f"{fixture.name} breaks the schema: add it to STRUCTURAL ({mistakes[0].message})"


def test_schema_rejects_a_misspelt_field_as_an_editor_would() -> None:
    validator = _validator(SCHEMA_DIR / "rules.schema.json")
    rule = {"id": "x", "title": {"id": "a", "en": "a"}, "category": "disiplin", "confidnce": "confirmed"}
    messages = [e.message for e in validator.iter_errors({"rules": [rule]})]
    assert any("confidnce" in m for m in messages), messages


def test_scenario_schema_checks_the_inline_incident() -> None:
    validator = _validator(SCHEMA_DIR / "scenarios.schema.json")
    good = {"scenarios": [{"name": "n", "incident": {"person": {"employment_status": "pns"}},
                           "expect": {"findings": []}}]}
    assert not list(validator.iter_errors(good))
    bad = {"scenarios": [{"name": "n", "incident": {"person": {"employment_status": "pnss"}}, "expect": {}}]}
    assert any("pnss" in e.message for e in validator.iter_errors(bad))
