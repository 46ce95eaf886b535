"""Compact verdicts (format 2): the same decisions as an explained verdict, without the explanation-only parts."""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from typing import Any

import pytest

from netralitas import Evaluator, Incident
from netralitas.evaluation.evaluator import canonical_bytes, input_hash
from netralitas.evaluation.verdict import FORMAT_VERSION, Verdict, build
from netralitas.facts import load_incident
from netralitas.matching.backends import durable
from tests.conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from incidents import generate

EVALUATOR = Evaluator()
EXPLANATION_ONLY = {
    "not_applicable": {"title", "category", "confidence", "note", "reasons"},
    "undetermined": {"conditions_held", "note"},
    "not_checked": {"conditions_held", "note"},
}


def _without_explanations(data: dict[str, Any]) -> dict[str, Any]:
    """An explained verdict's JSON data with every explanation-only field taken out."""
    out = json.loads(json.dumps(data))
    out["explained"] = False
    for section, fields in EXPLANATION_ONLY.items():
        for entry in out[section]:
            for name in fields:
                entry.pop(name, None)
    for item in out["instruments_in_force"]:
        item.pop("title", None)
    for finding in out["findings"] + out["permitted"]:
        for citation in finding["citations"] + finding.get("sanction", {}).get("basis", []):
            citation.pop("instrument_title", None)
    return out


def _incidents() -> list[Any]:
    return [load_incident(p) for p in sorted(EXAMPLES.glob("*.yaml"))] + generate(400, seed=31)


@pytest.mark.parametrize("incident", _incidents(), ids=lambda i: getattr(i, "id", None) or i["id"])
def test_compact_verdict_is_the_explained_one_without_its_explanations(incident: Any) -> None:
    compact = EVALUATOR.evaluate(incident)
    explained = EVALUATOR.evaluate(incident, explain=True)
    assert compact.format_version == explained.format_version == FORMAT_VERSION
    assert (compact.explained, explained.explained) == (False, True)
    assert json.loads(compact.to_json()) == _without_explanations(json.loads(explained.to_json()))
    for entry in explained.not_applicable:
        assert entry.title is not None and entry.reasons
    for entry in compact.not_applicable:
        assert entry.reasons is None and entry.title is None


def test_compact_json_names_every_provision_considered_by_id_alone() -> None:
    verdict = EVALUATOR.evaluate(load_incident(EXAMPLES / "camat-kades.yaml"))
    data = json.loads(verdict.to_json(indent=None))
    assert data["not_applicable"] and all(set(n) == {"rule_id", "subject", "act_id"} for n in data["not_applicable"])
    assert all("conditions_held" not in u for u in data["undetermined"] + data["not_checked"])
    assert all(f["conditions_held"] and f["citations"][0]["text"] for f in data["findings"])


def test_a_format_1_verdict_still_reads_as_format_1() -> None:
    data = json.loads(EVALUATOR.evaluate(load_incident(EXAMPLES / "camat-kades.yaml"), explain=True).to_json())
    del data["format_version"], data["explained"]
    old = Verdict.model_validate(data)
    assert (old.format_version, old.explained) == (1, True)


def test_input_hash_is_pinned_to_the_canonical_byte_form() -> None:
    incident = Incident.model_validate({"id": "x", "date": "2024-01-10", "person": {"employment_status": "pns"}})
    assert canonical_bytes(incident) == b'{"date":"2024-01-10","id":"x","person":{"employment_status":"pns"}}'
    assert input_hash(incident) == hashlib.sha256(canonical_bytes(incident)).hexdigest()


def test_input_hash_does_not_change_when_a_defaulted_field_is_added_or_a_default_is_spelt_out() -> None:
    data = {"id": "x", "date": "2024-01-10", "person": {"employment_status": "pns"}, "acts": []}
    incident = Incident.model_validate(data)

    class Later(Incident):
        """The model as a later version might have it: one more field, with a default."""

        reviewed_by: str | None = None

    assert input_hash(Later.model_validate(data)) == input_hash(incident)
    assert input_hash(Incident.model_validate({k: v for k, v in data.items() if k != "acts"})) == input_hash(incident)


@pytest.mark.skipif(not durable.available(), reason="durable-rules does not import here (Python 3.13)")
def test_the_durable_backend_starts_no_threads() -> None:
    """No durable `Host`: its dispatcher threads ran queued matches behind the evaluation's back."""
    before = threading.active_count()
    evaluator = Evaluator(backend="durable")
    for data in generate(50, seed=5):
        evaluator.evaluate(data)
    assert threading.active_count() == before


def test_build_makes_what_model_construct_makes() -> None:
    """`build` sets a verdict model's state by hand: it must stay what pydantic's own `model_construct` makes."""
    verdict = EVALUATOR.evaluate(load_incident(EXAMPLES / "camat-kades.yaml"), explain=True)
    made: list[tuple[Any, Any]] = []
    for model in [verdict, verdict.outcome, verdict.scope, verdict.provenance, verdict.election,
                  *verdict.findings, *verdict.not_applicable, *verdict.undetermined, *verdict.not_checked,
                  *verdict.instruments_in_force]:
        fields = {name: getattr(model, name) for name in model.model_fields_set}
        made.append((build(type(model), **fields), type(model).model_construct(**fields)))
    for ours, theirs in made:
        assert ours == theirs and ours.model_dump_json() == theirs.model_dump_json()
        assert ours.model_fields_set == set(type(ours).model_fields) and ours.__pydantic_extra__ is None
        assert ours.__pydantic_private__ == theirs.__pydantic_private__
