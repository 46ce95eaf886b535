"""`netralitas rules check` and `netralitas rules test`: their real output, in both languages, and exit codes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.rulebook import bundled_rules_dir
from tests.rulebook.test_errors import FIXTURES, bad_book
from tests.rulebook_copy import copy_bundled, edit_rules, rule_named

runner = CliRunner()
LOCATED = re.compile(r"^(?P<file>\S+\.yaml):(?P<line>\d+):(?P<column>\d+): ")


def _check(*args: str) -> tuple[int, str]:
    """`netralitas rules check --rules FIRST REST...`."""
    return _rules("check", "--rules", *args)


def _rules(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["rules", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# --- rules check -------------------------------------------------------------------------------------------


def test_check_bundled_rulebook_passes_with_warnings_in_indonesian() -> None:
    code, output = _rules("check")
    assert code == 0, output
    assert re.search(r"^0 galat, \d+ peringatan$", output, re.MULTILINE), output
    warnings = [line for line in output.splitlines() if ": peringatan: " in line]
    assert all(LOCATED.match(line) and " aturan " in line and " kolom 'rules." in line for line in warnings), warnings


def test_check_in_english() -> None:
    code, output = _rules("check", "--lang", "en")
    assert code == 0
    assert re.search(r"^0 errors, \d+ warnings$", output, re.MULTILINE), output
    assert ": peringatan: " not in output and "galat" not in output


def test_check_reports_every_broken_file_at_once(tmp_path: Path) -> None:
    book = bad_book(FIXTURES / "unknown-field.yaml", tmp_path)
    shutil.copy(FIXTURES / "bad-category.yaml", book / "second.yaml")
    shutil.copy(FIXTURES / "unknown-instrument.yaml", book / "third.yaml")
    code, output = _rules("check", "--rules", str(book))
    assert code == 3
    errors = [line for line in output.splitlines() if ": galat: " in line]
    assert {Path(LOCATED.match(line)["file"]).name for line in errors} == {"bad.yaml", "second.yaml", "third.yaml"}
    assert "kolom 'rules.0.confidense': kolom 'confidense' tidak dikenal" in output
    assert "(maksud Anda 'confidence'?)" in output
    assert "(maksud Anda 'disiplin'?)" in output
    assert re.search(r"^4 galat, \d+ peringatan$", output, re.MULTILINE), output


def test_one_broken_file_does_not_make_its_rules_unknown_elsewhere(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)

    def misspell(rules: list[dict[str, Any]]) -> None:
        condition = rule_named(rules, "pp94.5n2.campaign-with-attributes")["when"]["all"][0]
        condition["equal"] = condition.pop("equals")

    edit_rules(book / "pp-94-2021" / "pasal-5-huruf-n.yaml", misspell)
    code, output = _rules("check", "--rules", str(book), "--lang", "en")
    assert code == 3
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert len(errors) == 1, errors
    assert re.search(r"pasal-5-huruf-n\.yaml:\d+:\d+: error: rule pp94\.5n2\.campaign-with-attributes: "
                     r"field 'rules\.\d+\.when\.all\.0\.equal': unknown field 'equal' \(did you mean 'equals'\?\)",
                     errors[0])


def test_check_locates_unknown_rules_named_by_scenarios(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)
    (book / "typo.tests.yaml").write_text(
        "scenarios:\n  - name: typo\n    rule: pp94.5n5.favoring-decision\n    incident: {person: {}}\n"
        "    expect:\n      not_findings: [pp94.5n5.favouring-decision, pp94.5n5.favouring-decison]\n",
        encoding="utf-8")
    code, output = _rules("check", "--rules", str(book), "--lang", "en")
    assert code == 3
    assert ("typo.tests.yaml:3:5: error: field 'rule': scenario 'typo' names unknown rule "
            "'pp94.5n5.favoring-decision' (did you mean 'pp94.5n5.favouring-decision'?)") in output
    assert ("typo.tests.yaml:6:51: error: field 'expect.not_findings.1': scenario 'typo' names unknown rule "
            "'pp94.5n5.favouring-decison' (did you mean 'pp94.5n5.favouring-decision'?)") in output


def test_check_line_names_file_line_column_rule_and_yaml_path(tmp_path: Path) -> None:
    code, output = _check(str(bad_book(FIXTURES / "date-compared-with-number.yaml", tmp_path)), "--lang",
                          "en")
    assert code == 3
    line = next(line for line in output.splitlines() if ": error: " in line)
    match = re.match(r"^(\S+/bad\.yaml):(\d+):(\d+): error: rule bad\.rule: field 'rules\.0\.when\.\S+': ", line)
    assert match, line


def test_check_fact_types(tmp_path: Path) -> None:
    code, output = _check(str(bad_book(FIXTURES / "date-op-on-enum.yaml", tmp_path)), "--lang", "en")
    assert code == 3
    assert "compares dates" in output
    assert "1 error, 0 warnings" in output


def test_check_instrument_registry(tmp_path: Path) -> None:
    code, output = _check(str(bad_book(FIXTURES / "before-instrument.yaml", tmp_path)))
    assert code == 3
    assert "aturan berlaku 2020-01-01..now tetapi PP 94/2021 berlaku 2021-08-31" in output.replace("sekarang", "now")
    code, output = _check(str(bad_book(FIXTURES / "unknown-instrument.yaml", tmp_path / "b")))
    assert code == 3
    assert "tidak dikenal (tidak ada di" in output


def test_check_static_analysis(tmp_path: Path) -> None:
    code, output = _check(str(bad_book(FIXTURES / "same-conditions-different-outcome.yaml", tmp_path)),
                          "--lang", "en")
    assert code == 3
    assert "same conditions as rule bad.rule" in output and "exception_to" in output
    code, output = _check(str(bad_book(FIXTURES / "contradictory-equals.yaml", tmp_path / "b")), "--lang",
                          "en")
    assert code == 3
    assert "can never fire" in output


WEAK_RULE = """\
rules:
  - id: weak.rule
    title: {id: Judul, en: Title}
    category: disiplin
    topic: weak
    act_kinds: [favouring_decision]
    basis:
      - {instrument: pp-94-2021, text: Teks, address: "https://example.org/a"}
    when: {fact: act.effect, equals: favours}
    sanction: {tier: unassigned}
    in_force: {from: 2021-08-31}
    confidence: confirmed
"""


def test_check_warns_about_missing_article_sanction_and_tests(tmp_path: Path) -> None:
    book = bad_book(FIXTURES / "unknown-field.yaml", tmp_path)
    (book / "bad.yaml").write_text(WEAK_RULE, encoding="utf-8")
    code, output = _rules("check", "--rules", str(book), "--lang", "en")
    assert code == 0, output
    assert ("bad.yaml:8:9: warning: rule weak.rule: field 'rules.0.basis.0': citation of pp-94-2021 names no pasal"
            in output)
    assert "field 'rules.0.sanction.tier': no sanction tier is assigned yet ('unassigned')" in output
    assert "bad.yaml:2:5: warning: rule weak.rule: field 'rules.0.id': no scenario test exercises this rule" in output
    assert "0 errors, 3 warnings" in output
    assert _rules("check", "--rules", str(book), "--strict")[0] == 3


def test_check_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, output = _rules("check", "--rules", str(tmp_path / "nowhere"))
    assert code == 3
    assert "folder buku aturan tidak ditemukan" in output


# --- rules test --------------------------------------------------------------------------------------------

FAILING = """\
# yaml-language-server: $schema=../../../docs/schema/scenarios.schema.json
scenarios:
  - name: camat thought to be sedang
    rule: pp94.5n5.favouring-decision
    incident_file: ../../facts/examples/camat-kades.yaml
    expect:
      findings:
        - rule: pp94.5n5.favouring-decision
          tier: sedang
          citations: ["PP 94/2021 Pasal 99"]
        - uu10.71-1.188.favouring-decision
  - name: a campaign with no act reported
    incident:
      person: {employment_status: pns}
    expect:
      findings: [pp94.5n2.campaign-with-attributes]
  - name: this one passes
    incident_file: ../../facts/examples/kampanye-atribut.yaml
    expect:
      not_findings: [pp94.5n5.favouring-decision]
"""


def _failing_book(tmp_path: Path) -> Path:
    book = copy_bundled(tmp_path)
    (book / "pp-94-2021" / "failing.tests.yaml").write_text(FAILING, encoding="utf-8")
    return book


def test_bundled_scenarios_pass() -> None:
    code, output = _rules("test")
    assert code == 0, output
    assert re.search(r"^\d+ lulus, 0 gagal$", output, re.MULTILINE), output


def test_failing_scenario_shows_expected_vs_got_and_why(tmp_path: Path) -> None:
    book = _failing_book(tmp_path)
    code, output = _rules("test", str(book / "pp-94-2021" / "failing.tests.yaml"))
    assert code == 1
    for words in ("GAGAL ", "failing.tests.yaml:3: camat thought to be sedang", "diharapkan vs hasil:",
                  "pp94.5n5.favouring-decision: tingkat sanksi diharapkan sedang, hasil berat",
                  "kutipan 'PP 94/2021 Pasal 99' tidak ada; yang dikutip: ", "mengapa mesin memutuskan demikian:",
                  "pp94.5n5.favouring-decision [rapat-kades]: temuan, berat, karena status kepegawaian adalah PNS",
                  "temuan yang diharapkan tidak muncul: pp94.5n2.campaign-with-attributes",
                  "tidak dipertimbangkan; aturan ini tentang perbuatan attend_campaign, insiden melaporkan -"):
        assert words in output, words
    assert re.search(r"^1 lulus, 2 gagal$", output, re.MULTILINE), output


def test_failing_scenario_in_english(tmp_path: Path) -> None:
    book = _failing_book(tmp_path)
    code, output = _rules("test", str(book / "pp-94-2021" / "failing.tests.yaml"), "--lang", "en")
    assert code == 1
    assert "FAIL " in output and "expected vs got:" in output and "why the engine decided:" in output
    assert "pp94.5n5.favouring-decision: tier expected sedang, got berat" in output
    assert "expected findings missing: pp94.5n2.campaign-with-attributes" in output
    assert re.search(r"^1 passed, 2 failed$", output, re.MULTILINE), output


def test_pytest_collects_scenario_files_through_the_plugin(tmp_path: Path) -> None:
    book = _failing_book(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
                             str(tmp_path), str(book / "pp-94-2021" / "failing.tests.yaml")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 failed, 1 passed" in result.stdout
    assert "tier expected sedang, got berat" in result.stdout
    assert "why the engine decided:" in result.stdout


def test_broken_scenario_file_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.tests.yaml"
    path.write_text("scenarios:\n  - name: x\n    incident: {person: {}}\n    exepct: {}\n", encoding="utf-8")
    code, output = _rules("test", str(path), "--rules", str(bundled_rules_dir()))
    assert code == 3
    assert "broken.tests.yaml:4:5: galat: kolom 'scenarios.0.exepct'" in output
    assert "(maksud Anda 'expect'?)" in output


def test_folder_without_scenarios(tmp_path: Path) -> None:
    code, output = _rules("test", str(tmp_path))
    assert code == 1
    assert "Tidak ada skenario uji di" in output


def test_schema_command_prints_the_scenarios_schema() -> None:
    result = runner.invoke(app, ["schema", "scenarios"])
    assert result.exit_code == 0
    assert '"title": "netralitas scenario tests"' in result.output
    assert "ScenarioIncident" in result.output
