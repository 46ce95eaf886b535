"""Group incidents that cannot be read: located errors in Bahasa Indonesia by default, English on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netralitas import Evaluator, IncidentError
from netralitas.cli import app
from netralitas.evaluation.group import evaluate_group
from netralitas.facts.group import GroupAct, GroupIncident, GroupPerson, group_from_data
from netralitas.messages import render

runner = CliRunner()

# file text -> [(line, column, field, Indonesian words, English words)] for every problem it must report
BAD: dict[str, tuple[str, list[tuple[int, int, str, str, str]]]] = {
    "no-persons": ("id: g\npersons: []\nacts:\n  - {kind: attend_campaign}\n", [
        (2, 1, "persons", "insiden kelompok memerlukan sedikitnya satu orang dalam 'persons'",
         "a group incident needs at least one person in 'persons'")]),
    "duplicate-person": ("id: g\npersons:\n  - id: camat\n    employment_status: pns\n  - id: camat\n"
                         "    employment_status: pns\n", [
        (5, 5, "persons.1.id", "id orang 'camat' dipakai dua kali (pertama oleh persons.0)",
         "person id 'camat' is used twice (first by persons.0)")]),
    "unknown-by": ("id: g\npersons:\n  - id: camat\n  - id: lurah\nacts:\n  - kind: attend_campaign\n"
                   "    by: [camat, lurahh]\n", [
        (7, 17, "acts.0.by.1", "'by' menyebut orang yang tidak dikenal 'lurahh' (orang dalam insiden: camat, lurah)",
         "'by' names unknown person 'lurahh' (persons: camat, lurah)")]),
    "empty-by": ("id: g\npersons:\n  - id: camat\nacts:\n  - kind: attend_campaign\n    by: []\n", [
        (6, 5, "acts.0.by", "'by' tidak menyebut seorang pun", "'by' names no person")]),
    "twice-in-by": ("id: g\npersons:\n  - id: camat\nacts:\n  - kind: attend_campaign\n    by: [camat, camat]\n", [
        (6, 17, "acts.0.by.1", "orang 'camat' disebut dua kali dalam 'by'", "person 'camat' is named twice in 'by'")]),
    "repeated-act-id": ("id: g\npersons:\n  - id: a\nacts:\n  - {id: x, kind: attend_campaign}\n"
                        "  - {id: x, kind: attend_campaign}\n", [
        (6, 6, "acts.1.id", "id perbuatan harus unik; berulang: x", "act ids must be unique; repeated: x")]),
    "act-label-taken": ("id: g\npersons:\n  - id: a\nacts:\n  - {kind: attend_campaign}\n"
                        "  - {id: act-1, kind: attend_campaign}\n", [
        (6, 6, "acts.1.id", "id perbuatan harus unik; berulang: act-1", "act ids must be unique; repeated: act-1")]),
    "person-without-id": ("id: g\npersons:\n  - employment_status: pns\n", [
        (3, 5, "persons.0.id", "kolom wajib belum diisi", "required field is missing")]),
    "person-field-typo": ("id: g\npersons:\n  - id: a\n    employment_satus: pns\n", [
        (4, 5, "persons.0.employment_satus", "kolom 'employment_satus' tidak dikenal", "unknown field")]),
    "bad-person-id": ("id: g\npersons:\n  - id: 'camat dan lurah'\n", [
        (3, 5, "persons.0.id", "id orang 'camat dan lurah' harus satu kata dari huruf, angka",
         "person id 'camat dan lurah' must be one word of letters, digits")]),
    "unknown-calendar": ("id: g\npersons:\n  - id: a\n    employment_status: pns\nelection:\n"
                         "  calendar: pilkada-2042\nacts:\n  - {kind: attend_campaign}\n", [
        (6, 3, "election.calendar", "kalender pemilihan 'pilkada-2042' tidak dikenal",
         "unknown election calendar 'pilkada-2042'")]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_group_incident_is_a_located_error_in_both_languages(tmp_path: Path, name: str) -> None:
    text, expected = BAD[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    indonesian = runner.invoke(app, ["evaluate", str(path)])
    english = runner.invoke(app, ["evaluate", str(path), "--lang", "en"])
    assert indonesian.exit_code == english.exit_code == 2, indonesian.output
    assert "Traceback" not in indonesian.output + english.output
    for line, column, field, words_id, words_en in expected:
        assert f"{path}:{line}:{column}: galat: kolom '{field}': " in indonesian.output, indonesian.output
        assert words_id in indonesian.output, indonesian.output
        assert f"{path}:{line}:{column}: error: field '{field}': " in english.output, english.output
        assert words_en in english.output, english.output


def test_a_typo_in_by_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(BAD["unknown-by"][0], encoding="utf-8")
    assert "(did you mean 'lurah'?)" in runner.invoke(app, ["evaluate", str(path), "--lang", "en"]).output


def test_groups_given_as_data_raise_incident_error_with_paths(evaluator: Evaluator) -> None:
    with pytest.raises(IncidentError) as raised:
        evaluate_group(evaluator, {"id": "g", "persons": [{"id": "a"}], "acts": [{"kind": "attend_campaign",
                                                                                  "by": ["b"]}]})
    [problem] = raised.value.problems
    assert problem.path == "acts.0.by.0" and "'by' menyebut orang yang tidak dikenal 'b'" in render(problem, "id")
    with pytest.raises(IncidentError) as missing:
        group_from_data({"id": "g"})
    assert [p.path for p in missing.value.problems] == ["persons"]


def test_a_group_built_in_code_is_checked_too(evaluator: Evaluator) -> None:
    group = GroupIncident(id="g", persons=[GroupPerson(id="a")], acts=[GroupAct(kind="attend_campaign", by=["z"])])
    with pytest.raises(IncidentError) as raised:
        evaluate_group(evaluator, group)
    assert raised.value.problems[0].path == "acts.0.by.0"
    with pytest.raises(IncidentError):
        evaluate_group(evaluator, GroupIncident(id="g", persons=[]))


def test_an_error_in_one_persons_incident_points_into_the_group(evaluator: Evaluator) -> None:
    """The calendar is checked per person; the problem names the group's field, once."""
    with pytest.raises(IncidentError) as raised:
        evaluate_group(evaluator, {"id": "g", "persons": [{"id": "a"}, {"id": "b"}],
                                   "election": {"calendar": "pilkada-2024", "race": "presiden"}})
    assert [p.path for p in raised.value.problems] == ["election.race"]


def test_any_group_document_is_a_verdict_or_located_problems(evaluator: Evaluator) -> None:
    """Malformed groups (ids repeated, missing or not words; `by` naming anyone) never fail otherwise."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from netralitas.messages import translate

    ids = st.sampled_from(["a", "b", "a b", "", "-x"])
    persons = st.lists(st.fixed_dictionaries({}, optional={"id": ids, "employment_status": st.just("pns")}),
                       max_size=3)
    acts = st.lists(st.fixed_dictionaries({"kind": st.sampled_from(["attend_campaign", "tweet"])}, optional={
        "id": st.sampled_from(["act-1", "x"]), "by": st.lists(st.sampled_from(["a", "b", "c"]), max_size=3)}),
        max_size=3)

    @settings(max_examples=80, deadline=None)
    @given(st.fixed_dictionaries({"id": st.just("g"), "persons": persons, "acts": acts}))
    def check(data: dict[str, Any]) -> None:
        try:
            verdict = evaluate_group(evaluator, data)
        except IncidentError as error:
            assert error.problems and all(p.path for p in error.problems), error.problems
            for problem in error.problems:  # every message has Indonesian words, none is pydantic's
                assert "Input should" not in problem.message
                assert problem.message_id or translate(problem.message) != problem.message, problem.message
        else:
            assert [p.person_id for p in verdict.persons] == [p["id"] for p in data["persons"]]

    check()
