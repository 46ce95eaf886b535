"""The command for people (issue 11): exact locations, no markup or emoji, escaped control characters, streams."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netralitas import cli
from netralitas.cli import app

runner = CliRunner()


def _netralitas(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netralitas", "evaluate", *args], capture_output=True, text=True,
                          **kwargs)


def test_locations_never_become_emoji_and_lines_are_never_wrapped(tmp_path: Path) -> None:
    folder = tmp_path / ("a-very-long-folder-name-" * 4)
    folder.mkdir()
    path = folder / "incident.yaml"
    path.write_text("id: x\nperson: {}\n" + "notes: n\n" * 0 + "\n" * 96 + "acts:\n - {kind: dancing}\n")
    result = _netralitas(str(path), "--lang", "en")
    assert result.returncode == 2, result.stderr
    line = next(line for line in result.stderr.splitlines() if "dancing" in line)
    assert line.startswith(f"{path}:100:") and len(line) > 120 and "💯" not in result.stderr


def test_control_characters_from_input_are_escaped_in_text_output(tmp_path: Path) -> None:
    path = tmp_path / "esc.json"
    path.write_text('{"id": "x\\u001b[2J\\u001b]0;pwned\\u0007y", "person": {"employment_status": "pns"}}')
    result = _netralitas(str(path))
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "x\\x1b[2J\\x1b]0;pwned" in result.stdout


def test_incident_errors_in_indonesian_by_default_and_english_on_request(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nperson: {name: [1]}\nacts: {}\n")
    indonesian = runner.invoke(app, ["evaluate", str(path)])
    english = runner.invoke(app, ["evaluate", str(path), "--lang", "en"])
    assert indonesian.exit_code == english.exit_code == 2
    assert f"{path}:2:10: galat: kolom 'person.name': harus berupa teks" in indonesian.output
    assert f"{path}:3:1: error: field 'acts': must be a list" in english.output
    for output in (indonesian.output, english.output):
        assert "Input should" not in output and "pydantic" not in output


def test_standard_input_closed_endless_or_not_utf8(tmp_path: Path) -> None:
    closed = subprocess.run(f"{sys.executable} -m netralitas evaluate - --lang en <&-", shell=True,
                            capture_output=True, text=True)
    assert closed.returncode == 2 and "standard input is closed" in closed.stderr, closed.stderr
    endless = subprocess.run(f"yes | {sys.executable} -m netralitas evaluate - --lang en", shell=True,
                             capture_output=True, text=True, timeout=120)
    assert endless.returncode == 2 and "larger than the limit of 5,242,880 bytes" in endless.stderr
    with Path("/dev/null").open("rb") as empty:
        nothing = _netralitas("-", "--lang", "en", stdin=empty)
    assert nothing.returncode == 2 and "Traceback" not in nothing.stderr
    not_utf8 = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", "-", "--lang", "en"],
                              input=b"id: x\nperson: {name: \xff}\n", capture_output=True)
    assert not_utf8.returncode == 2 and b"<stdin>:2:16: error: not UTF-8 text (byte 0xff)" in not_utf8.stderr


def test_devices_are_refused_at_once() -> None:
    result = _netralitas("/dev/zero", "--lang", "en", timeout=60)
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_output_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "facts" / "examples" / "camat-kades.yaml"
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", str(example), "--format", "json",
                                 "--lang", "en"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2 and "cannot write standard output: No space left on device" in result.stderr


def test_internal_error_says_it_is_a_bug_and_where_to_report(monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.setattr(sys, "argv", ["netralitas", "evaluate", "x.yaml", "--lang", "en"])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom; this is a bug, please report it at the netralitas issue" in err
