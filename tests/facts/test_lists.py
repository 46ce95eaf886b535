"""List facts as reports give them: "at least these" (a plain list), "exactly these" (complete), "none" ([])."""

from __future__ import annotations

from typing import Any

import pytest

from netralitas import Evaluator, Incident, load_incident
from netralitas.batch.output import csv_record
from netralitas.evaluation.verdict import OutcomeState
from netralitas.facts.normalise import AtLeast, listed
from netralitas.lang.conditions import Atom, atom_value
from tests.conftest import EXAMPLES

PROHIBITED = frozenset({"peace_sign", "thumb_up"})


def _photo(gestures: Any) -> dict[str, Any]:
    return {"id": "photo", "person": {"employment_status": "pns"},
            "election": {"calendar": "pilkada-2024", "race": "bupati"},
            "acts": [{"kind": "partisan_photo", "date": "2024-10-20", "publicly_accessible": True,
                      "target": {"kind": "candidate"}, "attributes": [], "gestures": gestures}]}


@pytest.mark.parametrize(("written", "expected", "partial"), [
    ([], frozenset(), False),
    (["clenched_fist"], frozenset({"clenched_fist"}), True),
    ({"items": ["clenched_fist"], "complete": True}, frozenset({"clenched_fist"}), False),
    ({"items": ["clenched_fist"]}, frozenset({"clenched_fist"}), True),
    ({"items": [], "complete": True}, frozenset(), False),
])
def test_the_forms_of_a_list(written: Any, expected: frozenset[str], partial: bool) -> None:
    act = Incident.model_validate(_photo(written)).acts[0]
    members = listed(act.gestures)
    assert members == expected and (type(members) is AtLeast) is partial


def test_an_empty_incomplete_list_says_nothing() -> None:
    act = Incident.model_validate(_photo({"items": [], "complete": False})).acts[0]
    assert listed(act.gestures) is None


@pytest.mark.parametrize(("op", "left", "value"), [
    ("none_of", AtLeast({"clenched_fist"}), None),        # "not among these" is undecided for a partial list
    ("none_of", frozenset({"clenched_fist"}), True),      # ... and decided for a complete one
    ("none_of", AtLeast({"peace_sign"}), False),          # a named member decides it either way
    ("any_of", AtLeast({"peace_sign"}), True),
    ("any_of", AtLeast({"clenched_fist"}), None),
    ("any_of", frozenset({"clenched_fist"}), False),
    ("all_of", AtLeast({"peace_sign", "thumb_up"}), True),
    ("all_of", AtLeast({"peace_sign"}), None),
    ("not_all_of", AtLeast({"peace_sign"}), None),
    ("not_all_of", AtLeast({"peace_sign", "thumb_up"}), False),
])
def test_set_operators_on_a_partial_list(op: str, left: frozenset[str], value: bool | None) -> None:
    assert atom_value(Atom("act.gestures", op, PROHIBITED), {"act.gestures": left}) is value


@pytest.mark.parametrize("backend", ["python", "durable"])
def test_an_allowed_pose_is_allowed_only_when_the_list_is_complete(backend: str) -> None:
    from netralitas.matching.backends import durable

    if backend == "durable" and not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    evaluator = Evaluator(backend=backend)
    exactly = evaluator.evaluate(_photo({"items": ["clenched_fist"], "complete": True}))
    assert exactly.outcome.state is OutcomeState.NO_VIOLATION
    assert [p.rule_id for p in exactly.permitted] == ["bkn2023.photo.allowed-gesture"]
    at_least = evaluator.evaluate(_photo(["clenched_fist"]))
    assert at_least.outcome.state is OutcomeState.UNDETERMINED
    assert "skb2022.dis.partisan-photo" in at_least.outcome.undetermined_rules
    (deciding,) = at_least.outcome.deciding_facts
    assert deciding.path == "act.gestures" and "complete list" in deciding.label.en
    named = evaluator.evaluate(_photo(["clenched_fist", "peace_sign"]))  # a prohibited pose named: decided
    assert named.outcome.state is OutcomeState.VIOLATION
    assert "skb2022.dis.partisan-photo" in {f.rule_id for f in named.findings}


def test_the_partial_sample_is_undetermined_and_its_complete_twin_is_not(evaluator: Evaluator) -> None:
    data = load_incident(EXAMPLES / "foto-kepal-tangan-sebagian.yaml").model_dump(mode="json", exclude_none=True)
    assert evaluator.evaluate(data).outcome.state is OutcomeState.UNDETERMINED
    data["acts"][0]["gestures"] = {"items": ["clenched_fist"], "complete": True}
    assert evaluator.evaluate(data).outcome.state is OutcomeState.NO_VIOLATION


def test_a_csv_cell_gives_the_complete_form_as_json() -> None:
    record = csv_record(["id", "acts.0.kind", "acts.0.gestures"],
                        ["c", "partisan_photo", '{"items": ["clenched_fist"], "complete": true}'])
    act = Incident.model_validate({**record, "person": {"employment_status": "pns"}}).acts[0]
    assert listed(act.gestures) == frozenset({"clenched_fist"}) and type(listed(act.gestures)) is frozenset


def test_a_bad_complete_flag_is_one_located_error_in_indonesian(evaluator: Evaluator) -> None:
    from netralitas.errors import IncidentError
    from netralitas.messages import render

    with pytest.raises(IncidentError) as caught:
        evaluator.evaluate(_photo({"items": ["clenched_fist"], "complete": "yes"}))
    (problem,) = caught.value.problems
    assert problem.field == "acts.0.gestures.complete"
    assert "harus bernilai true atau false" in render(problem, "id")
