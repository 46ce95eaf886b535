"""Incidents the law cannot concern or that the library is handed raw (issue 11, issue 10 point 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas import Evaluator, IncidentError
from netralitas.cli import app
from netralitas.messages import render

runner = CliRunner()
DATED = ("id: far\nperson: {{employment_status: pns}}\n"
         "election: {{calendar: pilkada-2024, race: bupati, determination_date: {day}}}\n"
         "acts:\n  - {{kind: favouring_decision, date: 2024-10-14, effect: favours, target: {{kind: candidate}}}}\n")


@pytest.mark.parametrize("day", ["0001-01-01", "0001-06-30", "1900-01-01", "2101-01-01", "9999-12-31"])
def test_dates_outside_the_years_of_the_law_are_a_located_error(tmp_path: Path, day: str) -> None:
    path = tmp_path / "far.yaml"
    path.write_text(DATED.format(day=day), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 2, result.output
    assert f"{path}:3:" in result.output and f"tanggal {day} di luar tahun 1945-2100" in result.output
    english = runner.invoke(app, ["evaluate", str(path), "--lang", "en"])
    assert f"date {day} is outside the years 1945-2100" in english.output


def test_rules_diff_skips_an_incident_with_an_impossible_date(tmp_path: Path) -> None:
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "far.yaml").write_text(DATED.format(day="0001-01-01"), encoding="utf-8")
    (folder / "ok.yaml").write_text(DATED.format(day="2024-09-22"), encoding="utf-8")
    result = runner.invoke(app, ["rules", "diff", "rules", "--incidents", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "far.yaml:3:" in result.output and "over 2 incidents" in result.output


def test_evaluate_dict_raises_incident_error_in_the_projects_words(evaluator: Evaluator) -> None:
    with pytest.raises(IncidentError) as raised:
        evaluator.evaluate({"id": "x"})
    [problem] = raised.value.problems
    assert problem.path == "person" and problem.message == "required field is missing"
    with pytest.raises(IncidentError) as wrong:
        evaluator.evaluate({"id": "x", "person": {"name": 5, "employment_status": "pns"}, "acts": {}})
    text = " ".join(render(p, "en") + render(p, "id") for p in wrong.value.problems)
    assert "must be text" in text and "harus berupa teks" in text and "harus berupa daftar" in text
    assert "Input should" not in text and "pydantic" not in text and "errors.pydantic.dev" not in text


def test_unknown_calendar_and_race_name_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cal.yaml"
    path.write_text("id: c\nperson: {employment_status: pns}\nelection:\n  calendar: pilkada-2042\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(path), "--lang", "en"])
    assert result.exit_code == 2 and f"{path}:4:3: error: field 'election.calendar': unknown election calendar" \
        in result.output, result.output
    assert "(did you mean 'pilkada-2024'?)" in result.output
    indonesian = runner.invoke(app, ["evaluate", str(path)])
    assert f"{path}:4:3: galat: kolom 'election.calendar': kalender pemilihan 'pilkada-2042' tidak dikenal" \
        in indonesian.output
    path.write_text("id: c\nperson: {employment_status: pns}\nelection: {calendar: pilkada-2024, race: presiden}\n",
                    encoding="utf-8")
    race = runner.invoke(app, ["evaluate", str(path), "--lang", "en"])
    assert race.exit_code == 2 and f"{path}:3:" in race.output and "is not part of calendar" in race.output
