"""The headline never clears what the facts do not clear: a property over every kind of incident, on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings

from netralitas import Evaluator, Incident, load_incident
from netralitas.authoring.scenarios import load_all
from netralitas.evaluation.verdict import OutcomeState, Verdict
from netralitas.facts.paths import TOPIC_OF_PATH
from netralitas.lang.models import Category
from netralitas.matching.backends import durable
from netralitas.rulebook.loader import bundled_rules_dir
from tests.conftest import EXAMPLES, expected_backend
from tests.evaluation.strategies import incidents

BACKENDS = ["python", "durable"]


def _evaluator(name: str) -> Evaluator:
    if name == "durable" and not durable.available():
        if expected_backend() == "durable-rules":
            pytest.fail(f"durable-rules expected here but does not import: {durable.IMPORT_ERROR}")
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    return _EVALUATORS.setdefault(name, Evaluator(backend=name))  # type: ignore[arg-type]


_EVALUATORS: dict[str, Evaluator] = {}


def assert_honest(verdict: Verdict) -> None:
    """The invariants of the outcome state."""
    state = verdict.outcome.state
    open_rules = {u.rule_id for u in verdict.undetermined if u.category is not Category.BUKAN_PELANGGARAN}
    about_acts = {u.rule_id for u in verdict.undetermined
                  if u.act_id is not None and u.category is not Category.BUKAN_PELANGGARAN}
    if state is OutcomeState.NO_VIOLATION:
        assert not about_acts, f"no violation while undetermined: {sorted(about_acts)}"
        assert not open_rules and not verdict.findings and verdict.scope.in_scope
        assert verdict.outcome.summary.en == "no violation found"
    else:
        assert "no violation" not in verdict.outcome.summary.en
        assert "tidak ditemukan pelanggaran" not in verdict.outcome.summary.id
    assert set(verdict.outcome.undetermined_rules) == open_rules
    if open_rules:
        assert state in (OutcomeState.VIOLATION, OutcomeState.CONDITIONAL, OutcomeState.UNDETERMINED)
        assert verdict.outcome.deciding_facts
    certain = [f for f in verdict.findings if not f.unless]
    assert (state is OutcomeState.VIOLATION) == bool(certain)
    if state is OutcomeState.CONDITIONAL:
        assert verdict.findings and all(f.unless for f in verdict.findings)
        assert "unless" in verdict.outcome.summary.en and "kecuali" in verdict.outcome.summary.id
    for entry in verdict.not_checked:
        assert any(m.path in TOPIC_OF_PATH for m in entry.missing), entry.rule_id
    if state is OutcomeState.OUT_OF_SCOPE:
        assert verdict.recommending_body is None and not verdict.scope.in_scope


def _generated() -> Iterator[dict[str, Any]]:
    from benchmarks.incidents import generate

    yield from generate(400, seed=11)


def _scenario_incidents() -> list[Incident]:
    loaded, problems = load_all(bundled_rules_dir())
    assert not problems
    return [s.incident for s in loaded]


@pytest.mark.parametrize("backend", BACKENDS)
def test_samples_and_scenarios_never_clear_an_open_case(backend: str) -> None:
    evaluator = _evaluator(backend)
    incidents_ = [load_incident(p) for p in sorted(EXAMPLES.glob("*.yaml"))] + _scenario_incidents()
    assert len(incidents_) > 200
    for incident in incidents_:
        assert_honest(evaluator.evaluate(incident))


@pytest.mark.parametrize("backend", BACKENDS)
def test_generated_incidents_never_clear_an_open_case(backend: str) -> None:
    evaluator = _evaluator(backend)
    states = set()
    for data in _generated():
        verdict = evaluator.evaluate(data)
        assert_honest(verdict)
        states.add(verdict.outcome.state)
    assert {OutcomeState.VIOLATION, OutcomeState.UNDETERMINED, OutcomeState.NO_VIOLATION} <= states


@pytest.mark.parametrize("backend", BACKENDS)
def test_hypothesis_incidents_never_clear_an_open_case(backend: str) -> None:
    evaluator = _evaluator(backend)

    @settings(max_examples=300, deadline=None)
    @given(incidents)
    def check(data: dict[str, Any]) -> None:
        assert_honest(evaluator.evaluate(Incident.model_validate(data)))

    check()
