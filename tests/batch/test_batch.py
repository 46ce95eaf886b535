"""Batch evaluation: folders, JSON Lines and CSV in; JSON Lines and CSV out; order, bad lines, memory."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from benchmarks.incidents import write_jsonl
from netralitas.cli import EXIT_SOME_INVALID, app
from netralitas.io.yaml_source import load_yaml_file
from tests.conftest import EXAMPLES

runner = CliRunner()
INCIDENT: dict[str, Any] = {
    "person": {"employment_status": "pns", "position_class": "administrator", "office": "camat"},
    "election": {"calendar": "pilkada-2024", "race": "bupati"},
    "acts": [{"id": "a1", "kind": "favouring_decision", "date": "2024-10-14", "effect": "favours",
              "target": {"kind": "candidate"}}],
}


def _netralitas(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netralitas", "evaluate", *args], capture_output=True, text=True)


def _ids(jsonl: str) -> list[str]:
    return [json.loads(line).get("incident_id") or json.loads(line)["error"]["incident_id"]
            for line in jsonl.splitlines()]


def test_order_is_kept_with_two_workers(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    write_jsonl(path, 400, seed=7)
    expected = [json.loads(line)["id"] for line in path.read_text().splitlines()]
    parallel = _netralitas(str(path), "--workers", "2", "--backend", "python")
    assert parallel.returncode == 0, parallel.stderr
    assert _ids(parallel.stdout) == expected
    single = runner.invoke(app, ["evaluate", str(path), "--backend", "python"])
    assert single.exit_code == 0, single.output
    assert single.stdout == parallel.stdout


def test_bad_lines_are_reported_with_line_numbers_and_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    bad_kind = {**INCIDENT, "id": "bad-kind", "acts": [{"kind": "dancing"}]}
    lines = [json.dumps({**INCIDENT, "id": "ok-1"}), "{not json", "", json.dumps(bad_kind), "[1, 2]",
             json.dumps({**INCIDENT, "id": "ok-2"})]
    path.write_text("\n".join(lines) + "\n")
    for workers in ("1", "2"):
        result = _netralitas(str(path), "--workers", workers)
        assert result.returncode == EXIT_SOME_INVALID, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r.get("incident_id") for r in records] == ["ok-1", None, None, None, "ok-2"]
        errors = [r["error"] for r in records if "error" in r]
        assert [(e["line"], e["incident_id"]) for e in errors] == [(2, None), (4, "bad-kind"), (5, None)]
        assert records[0]["findings"] and records[-1]["findings"]
        for line in (2, 4, 5):
            assert f"{path}:{line}:" in result.stderr
        assert "galat" in result.stderr
        assert "3 dari 5 insiden tidak sah" in result.stderr
        assert "Traceback" not in result.stderr


def test_csv_input_and_csv_output(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "id,person.employment_status,person.position_class,election.calendar,election.race,acts.0.kind,acts.0.date,"
        "acts.0.effect,acts.0.target.kind,acts.0.attributes\n"
        "c1,pns,administrator,pilkada-2024,bupati,favouring_decision,2024-10-14,favours,candidate,\n"
        "c2,non_asn,,pilkada-2024,bupati,social_media_like,2024-10-14,,candidate,[]\n"
        "c3,pns,,pilkada-2024,bupati,dancing,2024-10-14,,,\n"
        ",pns,,pilkada-2024,bupati,partisan_photo,2024-10-14,,candidate,\"[\"\"party\"\"]\"\n"
    )
    result = runner.invoke(app, ["evaluate", str(path), "--format", "csv", "--lang", "en"])
    assert result.exit_code == EXIT_SOME_INVALID
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    first = {r["rule_id"]: r for r in rows if r["incident_id"] == "c1"}["pp94.5n5.favouring-decision"]
    assert first["status"] == "violation" and first["act_id"] == "act-1"
    assert first["tier"] == "berat" and "Pasal 5 huruf n angka 5" in first["basis"] and first["line"] == "2"
    second = [r for r in rows if r["incident_id"] == "c2"]
    assert len(second) == 1 and second[0]["status"] == "out_of_scope" and second[0]["rule_id"] == ""
    assert second[0]["status_label"] == "outside the encoded law"
    bad = [r for r in rows if r["status"] == "error"]
    assert len(bad) == 1 and bad[0]["incident_id"] == "c3" and bad[0]["line"] == "4"
    assert "acts.0.kind" in bad[0]["error"]
    last = [r for r in rows if r["line"] == "5"]
    assert last and last[0]["incident_id"] == "cases-5" and last[0]["status"] != "error"


# one sample incident per outcome state (their states are asserted in tests/evaluation/test_examples.py)
FIVE_STATES = {"camat-kades.yaml": "violation", "pasangan-cltn-bersyarat.yaml": "conditional",
               "guru-hadir-tanpa-pemilihan.yaml": "undetermined", "pasangan-cltn.yaml": "no_violation",
               "bukan-asn.yaml": "out_of_scope"}


def _csv_states(folder: Path, lang: str) -> dict[str, set[tuple[str, str]]]:
    result = runner.invoke(app, ["evaluate", str(folder), "--format", "csv", "--lang", lang])
    assert result.exit_code == 0, result.stdout
    states: dict[str, set[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(result.stdout)):
        states.setdefault(Path(row["source"]).name, set()).add((row["status"], row["status_label"]))
    return states


def test_csv_status_shows_the_five_outcome_states_in_the_output_language(tmp_path: Path) -> None:
    for name in FIVE_STATES:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    english, indonesian = _csv_states(tmp_path, "en"), _csv_states(tmp_path, "id")
    assert {name: {code for code, _ in rows} for name, rows in english.items()} == {
        name: {code} for name, code in FIVE_STATES.items()}
    assert {name: {code for code, _ in rows} for name, rows in indonesian.items()} == {
        name: {code} for name, code in FIVE_STATES.items()}
    assert english["guru-hadir-tanpa-pemilihan.yaml"] == {("undetermined", "undetermined")}
    assert indonesian["guru-hadir-tanpa-pemilihan.yaml"] == {("undetermined", "belum dapat diputuskan")}
    assert indonesian["bukan-asn.yaml"] == {("out_of_scope", "di luar lingkup hukum yang dikodekan")}
    assert indonesian["pasangan-cltn.yaml"] == {("no_violation", "tidak ditemukan pelanggaran")}
    assert len({label for rows in indonesian.values() for _, label in rows}) == 5


def test_csv_input_to_jsonl_output(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("id,date,person.employment_status,person.party.member\np1,2024-01-01,pns,true\n")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["findings"][0]["rule_id"] == "uu20.52-3j.party-membership"


def test_folder_input(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "cases")
    (tmp_path / "cases" / "more.jsonl").write_text(json.dumps({**INCIDENT, "id": "from-jsonl"}) + "\n")
    (tmp_path / "cases" / "notes.txt").write_text("not an incident")
    result = runner.invoke(app, ["evaluate", str(tmp_path / "cases"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    examples = {p.stem: p for p in EXAMPLES.glob("*.yaml")}
    persons = sum(len(load_yaml_file(p).data["persons"]) for p in EXAMPLES.glob("groups/*.yaml"))
    ids = _ids(result.stdout)
    assert len(ids) == len(examples) + persons + 1 and "from-jsonl" in ids
    assert "camat-lurah-kampanye-akbar/lurah-mekarsari" in ids  # a group incident: one verdict per person


def test_single_file_keeps_text_output_and_batch_rejects_text() -> None:
    example = str(EXAMPLES / "camat-kades.yaml")
    result = runner.invoke(app, ["evaluate", example, "--format", "jsonl"])
    assert result.exit_code == 0 and json.loads(result.stdout)["incident_id"] == "camat-kumpulkan-kades"
    rejected = runner.invoke(app, ["evaluate", example, "--workers", "2", "--format", "text"])
    assert rejected.exit_code == 2


def test_output_file_and_fail_on_violation(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["evaluate", str(EXAMPLES / "camat-kades.yaml"), "--format", "csv", "-o", str(out),
                                 "--fail-on-violation"])
    assert result.exit_code == 1
    assert "pp94.5n5.favouring-decision" in out.read_text()


_MEASURE = """
import re, resource, sys
from pathlib import Path
from netralitas.cli import main
if __name__ == "__main__":
    sys.argv = ["netralitas", "evaluate", *sys.argv[1:]]
    try:
        main()
    except SystemExit as exit:
        code = exit.code
    own = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)
    print("RSS", own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code, file=sys.stderr)
"""
# Peak RSS in kB of the batch process (VmHWM: ru_maxrss would carry pytest's over exec) and of its workers.


def _peak_rss_kb(path: Path, out: Path) -> tuple[int, int]:
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(path), "--workers", "2", "--backend", "python",
                             "--format", "csv", "-o", str(out)], capture_output=True, text=True)
    words = result.stderr.split("RSS")[-1].split()
    assert words[2] in ("0", "None"), result.stderr
    return int(words[0]), int(words[1])


def test_constant_memory_over_200000_incidents(tmp_path: Path) -> None:
    """Peak memory of a 200,000-incident batch stays within a few MB of a 1,000-incident one."""
    line = json.dumps(INCIDENT)
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text((line + "\n") * 1_000)
    large.write_text((line + "\n") * 200_000)
    out = tmp_path / "out.csv"
    base_self, base_children = _peak_rss_kb(small, out)
    with out.open() as rows:
        per_thousand = sum(1 for _ in rows) - 1
    peak_self, peak_children = _peak_rss_kb(large, out)
    with out.open() as rows:
        assert sum(1 for _ in rows) - 1 == 200 * per_thousand
    held = 200_000 * 2_000 // 1024  # KB: even a 2 kB verdict each would need ~390 MB held
    assert peak_self - base_self < 40_000 < held, (base_self, peak_self)
    assert peak_children - base_children < 40_000, (base_children, peak_children)


def test_stdin_in_a_batch() -> None:
    result = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", "-", "--format", "csv"],
                            input=json.dumps({**INCIDENT, "id": "piped"}), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["source"] == "<stdin>" and rows[0]["incident_id"] == "piped" and rows[0]["status"] == "violation"
