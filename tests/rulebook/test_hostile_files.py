"""Hostile rulebook files (issue 11): every failure located, exit 3, never an internal error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas import Rulebook, RulebookError
from netralitas.cli import app
from netralitas.rulebook import bundled_rules_dir
from tests.rulebook_copy import copy_bundled

runner = CliRunner()
RULE = (Path(__file__).resolve().parents[1] / "fixtures" / "bad_rules" / "in-null.yaml").read_text(
    encoding="utf-8").splitlines()[1:-1]


def _book(tmp_path: Path, last_line: str) -> Path:
    book = tmp_path / "rules"
    book.mkdir()
    for name in ("instruments.yaml", "sanctions.yaml"):
        shutil.copy(bundled_rules_dir() / name, book / name)
    (book / "bad.yaml").write_text("\n".join([*RULE, last_line]) + "\n", encoding="utf-8")
    return book


@pytest.mark.parametrize(("last_line", "where", "words"), [
    ("    when: {fact: act.\x1bkind, known: true}", "bad.yaml:12:22:", "U+001B"),
    ("    when: {fact: act.\x00kind, known: true}", "bad.yaml:12:22:", "U+0000"),
    ("    when: {fact: act.\x7fkind, known: true}", "bad.yaml:12:22:", "U+007F"),
    (f"    when: {{fact: act.date, after: act.date, offset_days: {'9' * 5000}}}", "bad.yaml:12:58:",
     "4,300 digits"),
    ("    when: {fact: act.date, after: !!float x}", "bad.yaml:12:35:", "!!float"),
    ("    when: " + "[" * 3000, "bad.yaml:", "levels deep"),
])
def test_hostile_rule_file_is_located_in_every_command(tmp_path: Path, last_line: str, where: str,
                                                       words: str) -> None:
    book = _book(tmp_path, last_line)
    with pytest.raises(RulebookError) as raised:
        Rulebook.load(book)
    assert any(where in p.render() and words in p.message for p in raised.value.problems), raised.value
    for command in (["rules", "check", "--rules", str(book)], ["rules", "test", str(book), "--rules", str(book)],
                    ["rules", "doc", "--out", str(tmp_path / "doc"), "--rules", str(book)],
                    ["evaluate", "--rules", str(book), "-"]):
        result = runner.invoke(app, [*command, "--lang", "en"], input="id: x\nperson: {}\n")
        if command[:2] == ["rules", "test"]:  # no scenario file in this book: nothing to run, rulebook not loaded
            assert result.exit_code in (1, 3), result.output
            continue
        assert result.exit_code == 3, (command, result.output)
        assert where in result.output and "internal error" not in result.output, result.output


def test_unknown_instrument_in_sanction_scheme_is_located(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)
    text = (book / "sanctions.yaml").read_text(encoding="utf-8")
    first = text.index("\n    instrument:") + len("\n    ")
    value_start = first + len("instrument:")
    value_end = text.index("\n", value_start)
    (book / "sanctions.yaml").write_text(text[:value_start] + " no-such-instrument" + text[value_end:],
                                         encoding="utf-8")
    with pytest.raises(RulebookError) as raised:
        Rulebook.load(book)
    problem = next(p for p in raised.value.problems if "no-such-instrument" in p.message)
    assert problem.line == text.count("\n", 0, first) + 1 and problem.column is not None


def test_bad_calendar_is_located(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)
    calendars = book / "calendars"
    calendars.mkdir(exist_ok=True)
    (calendars / "broken.yaml").write_text("id: broken\nvoting_day: \x07\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "check", "--rules", str(book), "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert "broken.yaml:2:13:" in result.output
