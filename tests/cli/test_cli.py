"""The command line: verdicts in Indonesian and English, JSON, stdin, schemas, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from netralitas.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def test_evaluate_prints_indonesian_by_default() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "camat-kades.yaml")])
    assert result.exit_code == 0, result.output
    for words in ("pp94.5n5.favouring-decision", "Tingkat sanksi", "berat", "Pasal 5 huruf n angka 5",
                  "Mengapa", "Jalur penanganan", "Badan Kepegawaian Negara"):
        assert words in result.output


def test_evaluate_in_english_with_explanations() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "anggota-partai-uu20.yaml"), "--lang", "en", "--explain"])
    assert result.exit_code == 0, result.output
    for words in ("Sanction tier", "dismissal without honour (PTDH)", "Why", "Provisions that do not apply",
                  "uu5.87-4c.party-membership", "employment status is civil servant (PNS)", "Provenance"):
        assert words in result.output


def test_json_output_is_the_verdict() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "tim-kampanye.yaml"), "--format", "json"])
    data = json.loads(result.stdout)
    pidana = {f["rule_id"]: f for f in data["findings"]}["uu7.280-3.494.campaign-team"]
    assert pidana["sanction"]["penalty"]["id"].startswith("pidana kurungan")
    assert len(data["provenance"]["rulebook_hash"]) == 64


def test_stdin_and_json_incident() -> None:
    incident = {"id": "stdin", "date": "2024-01-01", "person": {"employment_status": "pns",
                                                               "party": {"member": True}}}
    result = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", "-", "--format", "json"],
                            input=json.dumps(incident), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"][0]["rule_id"] == "uu20.52-3j.party-membership"


def test_json_incident_file(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps({"person": {"employment_status": "non_asn"}}))
    result = runner.invoke(app, ["evaluate", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["incident_id"] == "case" and data["scope"]["in_scope"] is False


def test_fail_on_violation_exit_code() -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "camat-kades.yaml"), "--fail-on-violation"])
    assert result.exit_code == 1
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "pasangan-cltn.yaml"), "--fail-on-violation"])
    assert result.exit_code == 0


def test_invalid_rulebook_exit_code(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "camat-kades.yaml"), "--rules", str(tmp_path)])
    assert result.exit_code == 3


def test_schemas() -> None:
    for which in ("facts", "rules"):
        result = runner.invoke(app, ["schema", which])
        assert result.exit_code == 0
        schema = json.loads(result.output)
        assert schema["$schema"].endswith("2020-12/schema")
    assert "acts" in json.loads(runner.invoke(app, ["schema", "facts"]).output)["properties"]
    assert runner.invoke(app, ["schema", "nonsense"]).exit_code == 2
