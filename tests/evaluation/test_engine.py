"""Backends agree, evaluation is thread-safe, sessions never pile up, verdicts are reproducible."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings

from netralitas import Evaluator, Incident, load_incident
from netralitas.matching.backends import durable
from tests.conftest import EXAMPLES, expected_backend
from tests.evaluation.strategies import incidents


@settings(max_examples=300, deadline=None)
@given(incidents)
def test_backends_give_identical_verdicts(data: dict) -> None:
    if not durable.available():
        return
    incident = Incident.model_validate(data)
    assert _DURABLE.evaluate(incident).to_json() == _PYTHON.evaluate(incident).to_json()


_PYTHON = Evaluator(backend="python")
_DURABLE = Evaluator(backend="durable") if durable.available() else _PYTHON


def test_auto_backend_matches_the_platform(evaluator: Evaluator) -> None:
    expected = expected_backend() or ("durable-rules" if durable.available() else "python")
    assert evaluator.backend.name == ("durable-rules" if expected == "durable-rules" else expected)


def test_sixteen_threads_agree_with_one(evaluator: Evaluator) -> None:
    samples = [load_incident(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    serial = [evaluator.evaluate(i).to_json() for i in samples] * 20
    barrier = threading.Barrier(16)

    def work(offset: int) -> list[str]:
        barrier.wait()
        return [evaluator.evaluate(samples[(offset + k) % len(samples)]).to_json() for k in range(len(serial))]

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(work, range(16)))
    for offset, result in enumerate(results):
        expected = [serial[(offset + k) % len(samples)] for k in range(len(serial))]
        assert result == expected


def test_five_thousand_evaluations_never_hit_the_session_cap(evaluator: Evaluator) -> None:
    unmatched = Incident.model_validate({"id": "u", "person": {"employment_status": "non_asn"},
                                         "acts": [{"kind": "party_event_speaker", "date": "2024-01-01"}]})
    matched = load_incident(EXAMPLES / "camat-kades.yaml")
    for k in range(5000):
        verdict = evaluator.evaluate(matched if k % 2 else unmatched)
        assert bool(verdict.findings) == bool(k % 2)


def test_verdict_is_reproducible(evaluator: Evaluator, rulebook) -> None:  # type: ignore[no-untyped-def]
    incident = load_incident(EXAMPLES / "camat-kades.yaml")
    first, second = evaluator.evaluate(incident), Evaluator(backend="python").evaluate(incident)
    assert first.to_json() == second.to_json()
    assert first.provenance.rulebook_hash == rulebook.content_hash and len(rulebook.content_hash) == 64
    assert first.provenance.engine_version == __import__("netralitas").__version__


def test_a_rulebook_durable_rules_refuses_falls_back_to_python_on_auto(rulebook) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import synthetic_rulebook

    big = synthetic_rulebook(rulebook, 3000)  # 1,000 rules load since rulesets are split by act kind
    auto = Evaluator(big)
    assert auto.backend.name == "python"
    incident = load_incident(EXAMPLES / "camat-kades.yaml")
    last_copy = 3000 // len(rulebook.rules) - 1  # every bundled rule is cloned at least this many times
    assert f"pp94.5n5.favouring-decision~{last_copy}" in {f.rule_id for f in auto.evaluate(incident).findings}
    if durable.available():
        import pytest

        with pytest.raises(durable.RulesetRefused, match="error code: 107"):
            Evaluator(synthetic_rulebook(rulebook, 3000), backend="durable")


def test_durable_rules_loads_a_1000_rule_rulebook(rulebook) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import synthetic_rulebook

    if not durable.available():
        import pytest

        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    big = Evaluator(synthetic_rulebook(rulebook, 1000), backend="durable")
    incident = load_incident(EXAMPLES / "camat-kades.yaml")
    last_copy = 1000 // len(rulebook.rules) - 1  # every bundled rule is cloned at least this many times
    assert f"pp94.5n5.favouring-decision~{last_copy}" in {f.rule_id for f in big.evaluate(incident).findings}


def test_compiled_checks_equal_the_reference_semantics(rulebook) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.incidents import generate
    from netralitas.facts.normalise import normalise
    from netralitas.lang.conditions import atom_value, atoms, holds
    from netralitas.matching.checks import atom_check, condition_check
    from netralitas.matching.compiler import compile_rulebook

    compiled = compile_rulebook(rulebook)
    rules = [r for r in compiled.rules if r.condition is not None]
    checks = [(r.condition, condition_check(r.condition), [(a, atom_check(a)) for a in atoms(r.condition)])
              for r in rules if r.condition is not None]
    compared = 0
    for data in generate(300, seed=3):
        incident = Incident.model_validate(data)
        for fact in normalise(incident, rulebook.calendars).facts:
            for condition, check, atom_checks in checks:
                assert check(fact.values) == holds(condition, fact.values)
                for atom, one in atom_checks:
                    assert one(fact.values) == atom_value(atom, fact.values)
                compared += 1
    assert compared > 10_000
