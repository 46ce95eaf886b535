"""Malformed rule files and incidents give located errors with suggestions; never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netralitas import IncidentError, Rulebook, RulebookError, load_incident, load_incident_text
from netralitas.authoring.check import check_rulebook
from netralitas.messages import message as message_in
from netralitas.messages import render
from netralitas.rulebook import bundled_rules_dir

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad_rules"


def _expectations(path: Path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect:"), f"{path.name} must start with '# expect: word | word'"
    return [w.strip() for w in first.removeprefix("# expect:").split("|")]


def bad_book(fixture: Path, tmp_path: Path) -> Path:
    book = tmp_path / "rules"
    book.mkdir(parents=True)
    for name in ("instruments.yaml", "sanctions.yaml"):
        shutil.copy(bundled_rules_dir() / name, book / name)
    shutil.copy(fixture, book / "bad.yaml")
    return book


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_rule_file(fixture: Path, tmp_path: Path) -> None:
    problems = check_rulebook(bad_book(fixture, tmp_path))
    errors = [p for p in problems if p.severity == "error"]
    assert errors, f"{fixture.name} was accepted"
    message = "\n".join(render(p, "en") for p in problems)
    assert "bad.yaml:" in message
    expected = _expectations(fixture)
    assert any(w.startswith("line ") for w in expected), f"{fixture.name}: say on which line ('line N:C')"
    if fixture.stem != "syntax-error":
        assert any(w.startswith("field '") for w in expected), f"{fixture.name}: say which field ('field ...')"
    if any(p.suggestion for p in errors):
        assert any(w.startswith("did you mean") for w in expected), f"{fixture.name}: expect the suggestion"
    assert all(p.file and p.line for p in errors), errors
    for words in expected:
        if words.startswith("line "):
            words = f"bad.yaml:{words.removeprefix('line ')}:"
        assert words in message, f"expected {words!r} in:\n{message}"
    for problem in errors:  # every error reads in Bahasa Indonesia too
        assert render(problem, "id") != render(problem, "en")
        assert message_in(problem, "id") != problem.message, f"untranslated: {problem.message}"


def test_loading_alone_rejects_the_loader_fixtures(tmp_path: Path) -> None:
    with pytest.raises(RulebookError) as caught:
        Rulebook.load(bad_book(FIXTURES / "unknown-field.yaml", tmp_path))
    assert "did you mean 'confidence'" in str(caught.value)


def test_there_are_many_bad_rule_fixtures() -> None:
    assert len(list(FIXTURES.glob("*.yaml"))) >= 30


@pytest.mark.parametrize(("text", "words"), [
    ("id: x\nperson: {employment_status: pns}\nacts:\n  - kind: social_media_lik\n", ["line 4", "social_media_like"]),
    ("id: x\nperson: {employment_satus: pns}\n", ["employment_status", "unknown field"]),
    ("id: x\nperson: {}\nacts:\n  - {kind: favouring_decision, date: 2023-02-30}\n", ["2023-02-30", "valid date"]),
    ("id: x\nperson: {}\nperson: {}\n", ["duplicate key 'person'"]),
    ("id: x\nperson: [\n", ["YAML syntax error"]),
    ("- just\n- a list\n", ["mapping"]),
    ("id: x\nperson: {cltn: [{start: 2024-05-01, end: 2024-01-01}]}\n", ["ends", "before it starts"]),
    ("id: x\nperson: {party: {member: yes}}\n", ["person.party.member"]),
    ("id: x\nperson: !!python/object/apply:os.system [echo]\n", ["YAML"]),
])
def test_bad_incident(text: str, words: list[str]) -> None:
    with pytest.raises(IncidentError) as caught:
        load_incident_text(text, "incident.yaml")
    rendered = str(caught.value)
    for word in words:
        assert word.replace("line ", "incident.yaml:") in rendered or word in rendered, rendered


def test_huge_incident_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text("id: x\nnotes: '" + "a" * (6 * 1024 * 1024) + "'\nperson: {}\n")
    with pytest.raises(IncidentError, match="limit"):
        load_incident(path)


def test_unknown_calendar_is_suggested(evaluator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IncidentError, match="pemilu-2024"):
        evaluator.evaluate({"id": "x", "person": {}, "election": {"calendar": "pemilu-2204"}})


@pytest.mark.parametrize("content", ["id: x\nperson: {employment_status: pnss}\n", "::: not yaml [\n"])
def test_cli_reports_bad_input_without_traceback(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    result = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", str(path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "bad.yaml:" in result.stderr
