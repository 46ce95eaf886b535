"""Batches survive every line (issue 11): each failure is an error record at its place; neighbours get verdicts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from benchmarks.incidents import write_jsonl
from netralitas.batch.destination import atomic_output
from netralitas.cli import EXIT_SOME_INVALID, app
from netralitas.evaluation import Evaluator
from tests.batch.test_batch import INCIDENT

runner = CliRunner()
GOOD = json.dumps({**INCIDENT, "id": "ok"})


def _records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


def _run(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = runner.invoke(app, ["evaluate", *args, "--lang", "en", "--backend", "python"])
    return result.exit_code, _records(result.stdout), result.stderr


def _line_errors(path: Path, bad: bytes) -> tuple[list[dict[str, Any]], str]:
    path.write_bytes(GOOD.encode() + b"\n" + bad + b"\n" + GOOD.encode() + b"\n")
    code, records, stderr = _run(str(path))
    assert code == EXIT_SOME_INVALID, stderr
    assert records[0]["findings"] and records[2]["findings"], "the valid neighbours get their verdicts"
    assert records[1]["error"]["line"] == 2 and "internal error" not in stderr
    assert f"{path}:2:" in stderr
    return records, stderr


@pytest.mark.parametrize(("bad", "words"), [
    (b"[" * 50_000, "nested more than 64 levels deep"),
    (b'{"id": ' + b"1" * 5000 + b"}", "number too long"),
    (b'{"id": "caf\xe9", "person": {}}', "not UTF-8 text (byte 0xe9)"),
    (b'{"id": "x", "person": {}, "election": {"calendar": "pilkada-2024", "race": "bupati", '
     b'"determination_date": "0001-06-30"}, "acts": [{"kind": "favouring_decision", "date": "2024-10-14"}]}',
     "outside the years 1945-2100"),
    (b'{"id": "y", "person": {}, "election": {"calendar": "nope"}}', "unknown election calendar"),
])
def test_bad_json_line_is_an_error_record(tmp_path: Path, bad: bytes, words: str) -> None:
    _, stderr = _line_errors(tmp_path / "cases.jsonl", bad)
    assert words in stderr


def test_line_over_the_limit_is_cut_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(GOOD.encode() + b"\n" + b'{"id": "' + b"x" * 5000 + b'"}\n' + GOOD.encode() + b"\n")
    code, records, stderr = _run(str(path), "--max-line-bytes", "1000")
    assert code == EXIT_SOME_INVALID and len(records) == 3 and records[2]["findings"]
    assert "line is larger than the limit of 1,000 bytes (raise it with --max-line-bytes)" in stderr
    code, records, _ = _run(str(path), "--max-line-bytes", "10000")
    assert [r["error"]["line"] for r in records if "error" in r] == [2]  # now read, and invalid as an incident


CSV_HEAD = "id,person.employment_status,election.calendar,election.race,acts.0.kind,acts.0.date,acts.0.effect," \
           "acts.0.target.kind\n"
CSV_OK = "ok,pns,pilkada-2024,bupati,favouring_decision,2024-10-14,favours,candidate\n"


@pytest.mark.parametrize(("bad", "words"), [
    ('deep,pns,"' + "[" * 50_000 + '",,,,,\n', "nested too deep"),
    ("long,pns," + "1" * 5000 + ",,,,,\n", "outside"),
    ('cell,pns,"' + "x" * 200_000 + '",,,,,\n', "unknown election calendar"),
])
def test_bad_csv_row_is_an_error_record(tmp_path: Path, bad: str, words: str) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CSV_HEAD + CSV_OK + bad + CSV_OK, encoding="utf-8")
    code, records, stderr = _run(str(path))
    assert code == EXIT_SOME_INVALID, stderr
    assert [r.get("incident_id") for r in records if "error" not in r] == ["ok", "ok"]
    assert [r["error"]["line"] for r in records if "error" in r] == [3]
    assert f"{path}:3:" in stderr and "internal error" not in stderr and "field larger" not in stderr


def test_csv_header_of_list_positions_is_an_error_not_an_assertion(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("0,1\nx,y\n")
    code, records, stderr = _run(str(path))
    assert code == EXIT_SOME_INVALID and records[0]["error"]["line"] == 2
    assert "the header must name incident fields" in stderr


def test_unexpected_failure_on_one_incident_is_an_error_record(tmp_path: Path, monkeypatch: Any) -> None:
    original = Evaluator.evaluate

    def evaluate(self: Evaluator, incident: Any, **options: Any) -> Any:
        if incident.id == "boom":
            raise RuntimeError("engine bug")
        return original(self, incident, **options)

    monkeypatch.setattr(Evaluator, "evaluate", evaluate)
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([GOOD, json.dumps({**INCIDENT, "id": "boom"}), GOOD]) + "\n")
    code, records, stderr = _run(str(path))
    assert code == EXIT_SOME_INVALID
    assert records[1]["error"]["incident_id"] == "boom" and records[2]["findings"]
    assert f"{path}:2: error: internal error while evaluating (RuntimeError: engine bug); please report" in stderr


def test_folder_reports_skipped_entries_and_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "a.json").write_text(GOOD)
    (folder / "dangling.yaml").symlink_to(tmp_path / "missing.yaml")
    os.mkfifo(folder / "pipe.jsonl")
    code, records, stderr = _run(str(folder))
    assert code == EXIT_SOME_INVALID and records[0]["findings"]
    assert f"{folder / 'dangling.yaml'}: error: skipped: not a regular file" in stderr
    assert f"{folder / 'pipe.jsonl'}: error: skipped: not a regular file" in stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "blank.jsonl").write_text("\n\n")
    code, records, stderr = _run(str(empty), str(tmp_path / "blank.jsonl"))
    assert code == EXIT_SOME_INVALID and len(records) == 2
    assert f"no incidents in {empty}" in stderr and "no incidents in" in records[1]["error"]["problems"][0]["message"]


def test_output_equal_to_an_input_is_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(GOOD + "\n")
    (tmp_path / "link.jsonl").symlink_to(path)
    os.link(path, tmp_path / "hard.jsonl")
    for out in (path, tmp_path / "link.jsonl", tmp_path / "hard.jsonl"):
        result = runner.invoke(app, ["evaluate", str(path), "-o", str(out), "--lang", "en"])
        assert result.exit_code == 2 and "is also an input" in result.stderr, result.output
        assert path.read_text() == GOOD + "\n"
    result = runner.invoke(app, ["evaluate", str(tmp_path), "-o", str(path), "--lang", "en"])
    assert result.exit_code == 2 and path.read_text() == GOOD + "\n"


def test_output_replaces_the_old_file_only_when_complete(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    with pytest.raises(RuntimeError), atomic_output(out) as stream:
        stream.write("half")
        raise RuntimeError("interrupted")
    assert out.read_text() == "previous\n" and list(tmp_path.iterdir()) == [out]
    with atomic_output(out) as stream:
        stream.write("new\n")
    assert out.read_text() == "new\n" and list(tmp_path.iterdir()) == [out]


def _spawn(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "netralitas", "evaluate", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kwargs)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_stops_workers_quietly_and_flushes_what_is_done(tmp_path: Path, signum: int, code: int) -> None:
    path = tmp_path / "many.jsonl"
    write_jsonl(path, 20_000, seed=3)
    out = tmp_path / "out.jsonl"
    with out.open("wb") as stdout:
        process = subprocess.Popen([sys.executable, "-m", "netralitas", "evaluate", str(path), "--workers", "2",
                                    "--backend", "python"], stdout=stdout, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while out.stat().st_size == 0 and time.monotonic() < deadline:  # wait until results are flowing
            time.sleep(0.1)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    lines = out.read_text().splitlines()
    assert 0 < len(lines) < 20_000
    assert all(json.loads(line) for line in lines)  # a valid prefix, no half line
    text = stderr.decode()
    assert len(text.strip().splitlines()) == 1 and "dihentikan" in text, text
    assert "Traceback" not in text and "leaked" not in text


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    write_jsonl(path, 2000, seed=5)
    process = _spawn(str(path), "--backend", "python")
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert process.returncode == 141 and "Broken pipe" not in stderr and "Traceback" not in stderr, stderr
