"""durable-rules tells true, undetermined and false apart itself, exactly as the Kleene reference does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from netralitas import Evaluator, Incident, Rulebook
from netralitas.facts.normalise import normalise
from netralitas.matching.backends import Classification, PythonBackend, durable
from netralitas.matching.backends.to_durable import (
    dnf_terms,
    fact_message,
    falsity_pattern,
    key,
    read_paths,
    rule_pattern,
    second_pattern,
)
from netralitas.matching.checks import condition_check
from netralitas.matching.compiler import compile_rulebook
from tests.conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from incidents import IncidentGenerator

REFERENCE = Evaluator(backend="python")
COMPILED = REFERENCE.compiled


def _facts(data: dict) -> tuple:  # type: ignore[type-arg]
    incident = Incident.model_validate(data)
    election, _ = REFERENCE._election(incident.election)
    return normalise(incident, REFERENCE.rulebook.calendars, election).facts


def _kleene(facts: tuple) -> Classification:  # type: ignore[type-arg]
    """The reference: every candidate's condition evaluated in three-valued logic."""
    holds, undetermined = set(), set()
    for fact in facts:
        for rule in COMPILED.candidates(fact.subject, fact.values.get("act.kind")):
            value = True if rule.condition is None else condition_check(rule.condition)(fact.values)
            if value is True:
                holds.add((rule.index, fact.index))
            elif value is None:
                undetermined.add((rule.index, fact.index))
    return Classification(frozenset(holds), frozenset(undetermined))


def _incidents() -> list[dict]:  # type: ignore[type-arg]
    generated = [data for _, data in zip(range(1500), IncidentGenerator(seed=11), strict=False)]
    from netralitas import load_incident

    samples = [load_incident(p).model_dump(mode="json", by_alias=True, exclude_none=True)
               for p in sorted(EXAMPLES.glob("*.yaml"))]
    return samples + generated


INCIDENTS = _incidents()


def test_python_backend_classifies_as_the_reference() -> None:
    backend = PythonBackend(COMPILED)
    for data in INCIDENTS:
        facts = _facts(data)
        assert backend.classify(facts) == _kleene(facts), data.get("id")


def test_durable_rules_classifies_as_the_reference() -> None:
    if not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    backend = durable.DurableBackend(COMPILED)
    undetermined_seen = 0
    for data in INCIDENTS:
        facts = _facts(data)
        got = backend.classify(facts)
        assert got == _kleene(facts), data.get("id")
        assert got.holds == backend.match(facts)
        undetermined_seen += len(got.undetermined)
    assert undetermined_seen > 500  # the generator leaves facts unknown: the test is not vacuous


def test_each_rule_gets_the_smaller_second_pattern() -> None:
    optimistic = falsity = 0
    for rule in COMPILED.rules:
        second = second_pattern(rule)
        if second is None:
            continue
        chosen = dnf_terms(second[1])
        other = dnf_terms(falsity_pattern(rule) if second[0] else rule_pattern(rule, optimistic=True))
        assert chosen <= other
        optimistic += second[0]
        falsity += not second[0]
    assert falsity  # the bundled rulebook's conditions are mostly conjunctions: their negations stay small


ANY_OF_ALLS = {"any": [
    {"all": [{"fact": "person.employment_status", "equals": "pns"}, {"fact": "act.target.standing", "equals": "calon"},
             {"fact": "person.is_asn", "equals": True}]},
    {"all": [{"fact": "person.employment_status", "equals": "pppk"}, {"fact": "election.kind", "equals": "pemilu"},
             {"fact": "act.target.standing", "equals": "bakal_calon"}]},
    {"all": [{"fact": "person.employment_status", "equals": "cpns"}, {"fact": "election.kind", "equals": "pemilihan"},
             {"fact": "person.is_asn", "equals": True}]},
]}


def test_a_disjunctive_rule_uses_the_optimistic_pattern_and_classifies_as_the_reference(tmp_path: Path) -> None:
    """Any of three conjunctions of three atoms: its negation would expand to 27 terms, the optimistic form to 24."""
    if not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    from tests.rulebook_copy import copy_bundled, edit_rules, rule_named

    rules = copy_bundled(tmp_path)
    edit_rules(rules / "pp-94-2021" / "pasal-5-huruf-n.yaml",
               lambda items: rule_named(items, "pp94.5n3.mobilise-pns").update(when=ANY_OF_ALLS))
    compiled = compile_rulebook(Rulebook.load(rules))
    rule = next(r for r in compiled.rules if r.id == "pp94.5n3.mobilise-pns")
    assert second_pattern(rule) is not None and second_pattern(rule)[0] is True  # type: ignore[index]
    backend, reference = durable.DurableBackend(compiled), PythonBackend(compiled)
    seen = {"holds": 0, "undetermined": 0}
    for data in INCIDENTS:
        facts = _facts(data)
        got = backend.classify(facts)
        assert got == reference.classify(facts), data.get("id")
        seen["holds"] += any(i == rule.index for i, _ in got.holds)
        seen["undetermined"] += any(i == rule.index for i, _ in got.undetermined)
    assert seen["holds"] and seen["undetermined"], seen


def test_dnf_terms_counts_conjunctions() -> None:
    two_by_three = {"$and": [{"$or": [{"a": 1}, {"b": 1}]}, {"$or": [{"c": 1}, {"d": 1}, {"e": 1}]}]}
    assert dnf_terms(two_by_three) == 6
    assert dnf_terms({"$or": [two_by_three, {"f": 1}]}) == 7
    assert dnf_terms({"a": 1}) == 1


def test_each_act_kind_has_its_own_ruleset() -> None:
    if not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    backend = durable.DurableBackend(compile_rulebook(Rulebook.load(Path(REFERENCE.rulebook.root))))
    assert set(backend.rulesets) == {"person", *COMPILED.by_kind}
    assert all(len(rules) < len(COMPILED.rules) for rules in backend.groups.values())


def _properties(pattern: object) -> set[str]:
    """Every fact property a durable-rules pattern tests."""
    if isinstance(pattern, list):
        return {name for item in pattern for name in _properties(item)}
    if not isinstance(pattern, dict):
        return set()
    found: set[str] = set()
    for name, value in pattern.items():
        if name.startswith("$"):  # an operator: its operands (a list of patterns, or {property: value})
            if isinstance(value, dict):
                found |= {n for n in value if not n.startswith("$")}
            found |= _properties(value)
        else:
            found.add(name)
            found |= _properties(value)
    return found


def test_a_fact_is_asserted_with_exactly_the_values_its_group_can_test() -> None:
    """Messages carry only the paths the group's rules read (`read_paths`): every property any of its patterns
    tests is one of them (or the subject), so leaving the others out changes no match."""
    groups = durable.rule_groups(COMPILED)
    for group, rules in groups.items():
        reads = read_paths(rules)
        allowed = {"subject"} | {key(p) for p in reads}
        for rule in rules:
            second = second_pattern(rule)
            for pattern in (rule_pattern(rule), *((second[1],) if second else ())):
                tested = {name.split("___")[0] for name in _properties(pattern)}
                assert tested <= allowed, (group, rule.id, tested - allowed)
    person = _facts(INCIDENTS[0])[0]
    reads = read_paths(groups["person"])
    message, everything = fact_message(person, 1, "s", reads), fact_message(person, 1, "s")
    assert {n.split("___")[0] for n in message} - {"sid", "eval_id", "fact_index", "subject"} <= {key(p) for p in reads}
    assert set(message) < set(everything)
    assert all(message[n] == everything[n] for n in message)


def test_a_fact_durable_rules_cannot_match_is_refused_or_left_to_the_reference() -> None:
    """A very large ruleset (the 1,000-rule book grown in depth: 214 rules on one act kind) makes durable-rules
    fail at assert time (error 303): `durable` says so, `auto` classifies that incident with the reference."""
    if not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    from synthetic import synthetic_rulebook

    book = synthetic_rulebook(REFERENCE.rulebook, 1000)
    strict, auto, python = (Evaluator(book, backend=b) for b in ("durable", "auto", "python"))  # type: ignore[arg-type]
    incidents = [data for _, data in zip(range(40), IncidentGenerator(seed=5), strict=False)]
    refused = 0
    for data in incidents:
        try:
            strict.evaluate(data)
        except durable.RulesetRefused as error:
            refused += 1
            assert "error code: 303" in str(error) and "--backend python" in str(error)
        assert auto.evaluate(data) == python.evaluate(data)
    assert refused > 0 and isinstance(auto.backend, durable.DurableBackend) and auto.backend.fallbacks == refused
