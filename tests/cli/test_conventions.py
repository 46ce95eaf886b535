"""One convention for every command: which rulebook, --version, whole lines when piped, typed JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.rulebook import Rulebook, bundled_rules_dir
from netralitas.rulebook.location import RULES_ENV, checkout_root, default_rules_dir
from tests.conftest import EXAMPLES, ROOT
from tests.rulebook_copy import copy_bundled

runner = CliRunner()
CLI = [sys.executable, "-m", "netralitas"]


def _fake_checkout(tmp_path: Path) -> Path:
    """A folder laid out as a netralitas checkout: pyproject.toml and a copy of the rulebook."""
    checkout = copy_bundled(tmp_path).parent
    (checkout / "pyproject.toml").write_text('[project]\nname = "netralitas"\n', encoding="utf-8")
    return checkout


def test_inside_a_checkout_commands_use_its_rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_ENV, raising=False)
    checkout = _fake_checkout(tmp_path)
    (checkout / "deep" / "er").mkdir(parents=True)
    assert checkout_root(checkout / "deep" / "er") == checkout
    assert default_rules_dir(checkout / "deep" / "er") == checkout / "rules"


def test_outside_a_checkout_the_installed_rulebook_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RULES_ENV, raising=False)
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "something-else"\n', encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "instruments.yaml").write_text("{}", encoding="utf-8")
    assert default_rules_dir(tmp_path) == bundled_rules_dir()


def test_the_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RULES_ENV, str(tmp_path / "elsewhere"))
    assert default_rules_dir(_fake_checkout(tmp_path)) == tmp_path / "elsewhere"


def test_every_rulebook_command_names_the_rulebook_it_used(tmp_path: Path) -> None:
    checkout = _fake_checkout(tmp_path)
    sample = str(EXAMPLES / "camat-kades.yaml")
    expected_hash = Rulebook.load(checkout / "rules").content_hash[:12]
    commands = (["evaluate", sample], ["evaluate", sample, "--format", "json"], ["rules", "doc", "--out", "site"],
                ["rules", "diff", str(checkout / "rules")], ["rules", "test", "rules/pp-94-2021"])
    for args in commands:
        result = subprocess.run([*CLI, *args], cwd=checkout, capture_output=True, text=True, check=False)
        assert result.returncode == 0, (args, result.stderr)
        assert f"buku aturan: {checkout / 'rules'} ({expected_hash})" in result.stderr, (args, result.stderr)
    check = subprocess.run([*CLI, "rules", "check"], cwd=checkout, capture_output=True, text=True, check=False)
    assert f"buku aturan: {checkout / 'rules'}" in check.stderr


def test_an_edit_in_the_checkout_is_not_ignored(tmp_path: Path) -> None:
    checkout = _fake_checkout(tmp_path)
    rule_file = checkout / "rules" / "pp-94-2021" / "pasal-5-huruf-n.yaml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace("tier: berat", "tier: sedang"),
                         encoding="utf-8")
    result = subprocess.run([*CLI, "evaluate", str(EXAMPLES / "camat-kades.yaml"), "--format", "json"],
                            cwd=checkout, capture_output=True, text=True, check=True)
    tiers = {f["rule_id"]: f["sanction"]["tier"] for f in json.loads(result.stdout)["findings"]}
    assert tiers["pp94.5n5.favouring-decision"] == "sedang"


def test_version_names_package_rulebook_and_engines() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("netralitas 0.")
    assert lines[1].startswith("rulebook ") and lines[1].endswith(" rules)")
    assert lines[2].startswith("durable-rules ")
    assert "pydantic" in lines[3] and "Python" in lines[3]


def test_piped_text_keeps_whole_lines() -> None:
    result = subprocess.run([*CLI, "evaluate", str(EXAMPLES / "camat-kades.yaml")], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert "https://github.com/mblonyox/data-peraturan/blob/6f3fa07ff340b6cad53b14e71944d5889f4269f5/pp/2021/94/" \
           "fulltext.md" in result.stdout
    assert "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) > 120  # not wrapped at 80 columns
    assert not any(line.rstrip() != line for line in result.stdout.splitlines())  # no padding to a width


def test_json_keeps_fact_values_typed() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "camat-kades.yaml"), "--format", "json"])
    verdict = json.loads(result.stdout)
    facts: dict[str, object] = {}
    for finding in verdict["findings"]:
        for condition in finding["conditions_held"]:
            facts.update(condition["facts"])
    assert facts["person.is_asn"] is True
    assert facts["person.employment_status"] == "pns"


def test_verdict_schema_is_printed_and_committed() -> None:
    result = runner.invoke(app, ["schema", "verdict"])
    assert result.exit_code == 0
    committed = json.loads((ROOT / "docs" / "schema" / "verdict.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == committed
    assert committed["title"] == "netralitas verdict"
