"""`netralitas evaluate` on a group incident: the group's outcome, then a section per person; JSON; exit codes."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from netralitas.authoring.schemas import SCHEMAS
from netralitas.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()
CAMPAIGN = str(EXAMPLES / "groups" / "camat-lurah-kampanye.yaml")
TEACHERS = str(EXAMPLES / "groups" / "guru-hadir-deklarasi.yaml")


def test_text_output_gives_the_group_outcome_then_each_person_in_indonesian() -> None:
    result = runner.invoke(app, ["evaluate", CAMPAIGN])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Insiden kelompok camat-lurah-kampanye-akbar (3 orang)" in out
    assert "Keadaan kelompok: DITEMUKAN PELANGGARAN" in out
    assert ("Akibat bagi kelompok: ditemukan pelanggaran: camat, lurah-sukamaju; belum dapat diputuskan: "
            "lurah-mekarsari") in out
    sections = [out.index(f"▶ Orang {p}") for p in ("camat (Hendra Wijaya)", "lurah-sukamaju", "lurah-mekarsari")]
    assert sections == sorted(sections) and out.index("Keadaan kelompok") < sections[0]
    camat, sukamaju, mekarsari = (out[a:b] for a, b in zip(sections, [*sections[1:], len(out)], strict=True))
    assert "perbuatan: orasi-di-panggung" in camat and "skb2022.dis.declaration-active-support" in camat
    assert "hukuman disiplin berat" in camat and "kaos-paslon" not in camat
    assert "pp94.5n1.campaign-attendance · perbuatan kaos-paslon" in sukamaju
    assert "Keadaan: BELUM DAPAT DIPUTUSKAN" in mekarsari and "dukungan aktif" in mekarsari
    assert "Jejak kelompok: rulebook" in mekarsari


def test_text_output_in_english() -> None:
    result = runner.invoke(app, ["evaluate", TEACHERS, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Group incident dua-guru-hadir-deklarasi (2 persons)" in result.stdout
    assert "Group state: CANNOT BE DECIDED YET" in result.stdout
    assert "Outcome for the group: cannot be decided yet: guru-olahraga; no violation found: guru-matematika" \
        in result.stdout
    assert "▶ Person guru-matematika — acts: hadir-menonton" in result.stdout
    assert "State: NO VIOLATION FOUND" in result.stdout


def test_json_output_is_the_group_verdict_and_matches_its_schema() -> None:
    result = runner.invoke(app, ["evaluate", CAMPAIGN, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kind"] == "group" and data["outcome"]["state"] == "violation"
    assert data["outcome"]["persons_by_state"] == {"violation": ["camat", "lurah-sukamaju"],
                                                   "undetermined": ["lurah-mekarsari"]}
    assert [p["verdict"]["incident_id"] for p in data["persons"]] == [
        "camat-lurah-kampanye-akbar/camat", "camat-lurah-kampanye-akbar/lurah-sukamaju",
        "camat-lurah-kampanye-akbar/lurah-mekarsari"]
    assert len(data["provenance"]["input_hash"]) == 64
    assert not list(Draft202012Validator(SCHEMAS["group-verdict"]()).iter_errors(data))


def test_fail_on_violation_counts_every_persons_findings() -> None:
    assert runner.invoke(app, ["evaluate", CAMPAIGN, "--fail-on-violation"]).exit_code == 1
    assert runner.invoke(app, ["evaluate", TEACHERS, "--fail-on-violation"]).exit_code == 0


def test_a_group_and_a_single_incident_together_in_json() -> None:
    result = runner.invoke(app, ["evaluate", TEACHERS, str(EXAMPLES / "camat-kades.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    group, single = json.loads(result.stdout)
    assert group["kind"] == "group" and "kind" not in single and single["incident_id"] == "camat-kumpulkan-kades"


def test_stdin_takes_a_group_incident() -> None:
    with open(TEACHERS, encoding="utf-8") as handle:
        result = runner.invoke(app, ["evaluate", "-", "--format", "json"], input=handle.read())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outcome"]["state"] == "undetermined"


def test_a_batch_gives_one_verdict_per_person() -> None:
    result = runner.invoke(app, ["evaluate", CAMPAIGN, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [v["incident_id"] for v in lines] == [
        "camat-lurah-kampanye-akbar/camat", "camat-lurah-kampanye-akbar/lurah-sukamaju",
        "camat-lurah-kampanye-akbar/lurah-mekarsari"]
    csv = runner.invoke(app, ["evaluate", CAMPAIGN, "--format", "csv"])
    assert csv.exit_code == 0 and csv.stdout.count("camat-lurah-kampanye-akbar/") == 3


def test_schema_command_prints_the_group_schemas() -> None:
    result = runner.invoke(app, ["schema", "group-facts"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "netralitas group incident" and "persons" in schema["required"]
    assert schema["properties"]["persons"]["minItems"] == 1
