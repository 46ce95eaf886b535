"""The guided intake's logic without a browser: acts in the form, act edits, questions per act from the verdict."""

from __future__ import annotations

import json

from netralitas import Evaluator
from netralitas.evaluation.verdict import Verdict
from netralitas.facts import load_incident_text
from netralitas.web import intake

CAMAT = {"person.employment_status": ["pns"], "person.position_class": ["administrator"],
         "person.office": ["camat"], "election.calendar": ["pilkada-2024"], "election.race": ["bupati"]}


def _verdict(evaluator: Evaluator, answers: intake.Answers) -> Verdict:
    data = intake.incident_data(answers, "intake")
    return evaluator.evaluate(load_incident_text(json.dumps(data), "<intake>"))


def test_the_form_gives_each_act_its_own_answers() -> None:
    form = {**CAMAT, "acts": ["2"], "acts.1.kind": ["favouring_decision"], "acts.1.date": ["2024-10-14"],
            "acts.2.kind": ["social_media_campaign"], "acts.2.audience": ["__none__"], "acts.2.date": [""],
            "acts.0.kind": ["ignored"], "acts.99.kind": ["ignored"], "act.kind": ["ignored"], "unknown": ["x"]}
    answers = intake.answers_from_form(form)
    assert answers.common == {k: v[0] for k, v in CAMAT.items()}
    assert answers.acts == [{"act.kind": "favouring_decision", "act.date": "2024-10-14"},
                            {"act.kind": "social_media_campaign", "act.audience": []}]
    data = intake.incident_data(answers, "intake")
    assert [a["id"] for a in data["acts"]] == ["act-1", "act-2"]
    assert data["acts"][1] == {"id": "act-2", "kind": "social_media_campaign", "audience": []}


def test_an_empty_act_is_kept_on_the_page_but_not_in_the_incident() -> None:
    answers = intake.answers_from_form({**CAMAT, "acts": ["3"], "acts.2.kind": ["social_media_like"]})
    assert len(answers.acts) == 3
    assert [a["id"] for a in intake.incident_data(answers, "intake")["acts"]] == ["act-2"]


def test_adding_and_removing_acts() -> None:
    answers = intake.Answers({}, [{"act.kind": "a"}, {"act.kind": "b"}])
    assert intake.edit_acts(answers, "add-act") == 3 and len(answers.acts) == 3
    assert intake.edit_acts(answers, "remove-act-1") == 1
    assert answers.acts == [{"act.kind": "b"}, {}]
    assert intake.edit_acts(answers, "remove-act-9") is None and len(answers.acts) == 2
    assert intake.edit_acts(answers, "remove-act-x") is None
    intake.edit_acts(answers, "remove-act-2")
    assert intake.edit_acts(answers, "remove-act-1") is None, "the last act stays (it can be left blank)"
    full = intake.Answers({}, [{} for _ in range(intake.MAX_ACTS)])
    assert intake.edit_acts(full, "add-act") is None and len(full.acts) == intake.MAX_ACTS


def test_each_act_is_asked_only_what_its_open_provisions_miss(evaluator: Evaluator) -> None:
    answers = intake.answers_from_form({
        **CAMAT, "acts": ["2"], "acts.1.kind": ["favouring_decision"], "acts.1.date": ["2024-10-14"],
        "acts.1.target.kind": ["candidate"], "acts.2.kind": ["social_media_campaign"], "acts.2.date": ["2024-10-18"],
        "acts.2.target.kind": ["candidate"]})
    verdict = _verdict(evaluator, answers)
    missing = intake.missing_paths(verdict, 2)
    open_for = {n: {m.path for u in verdict.undetermined if u.act_id == f"act-{n}" for m in u.missing} for n in (1, 2)}
    for number in (1, 2):
        assert set(missing.acts.get(number, {})) <= {p for path in open_for[number] for p in intake.askable(path)}
    assert "act.effect" in missing.acts[1] and "act.effect" not in missing.acts.get(2, {})
    asked = intake.questions(answers, verdict, "id", {})
    assert [q.name for q in asked.acts[0].upcoming] == [intake.field_name(p, 1) for p in missing.acts[1]]
    assert all(q.name.startswith("acts.1.") for q in asked.acts[0].asked + asked.acts[0].upcoming)
    assert asked.acts[1].description.name == "acts.2.description"
    assert asked.first_upcoming() is not None
