"""Group incidents: each sample's exact verdict per person and overall, and a group never cleared while open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas import Evaluator
from netralitas.evaluation.group import STATE_ORDER, GroupVerdict, evaluate_group, group_outcome
from netralitas.evaluation.verdict import OutcomeState
from netralitas.facts import GroupIncident, load_group
from netralitas.facts.group import group_from_located, split_group
from netralitas.facts.loading import load_located
from tests.conftest import EXAMPLES
from tests.evaluation.strategies import acts, incidents
from tests.evaluation.test_outcome import _evaluator, assert_honest

GROUPS = EXAMPLES / "groups"
V, C, U, N, S = (OutcomeState.VIOLATION, OutcomeState.CONDITIONAL, OutcomeState.UNDETERMINED,
                 OutcomeState.NO_VIOLATION, OutcomeState.OUT_OF_SCOPE)

# sample -> (group state, [(person id, state, findings, undetermined rules, acts the person took part in)])
CASES: dict[str, tuple[OutcomeState, list[tuple[str, OutcomeState, list[str], list[str], list[str]]]]] = {
    # a camat speaking on stage, a lurah in the ticket's shirt, a lurah seen in the guest tent (Pilkada 2024)
    "camat-lurah-kampanye.yaml": (V, [
        ("camat", V, ["skb2022.dis.declaration-active-support"], [], ["orasi-di-panggung"]),
        ("lurah-sukamaju", V, ["pp94.5n1.campaign-attendance"], [], ["kaos-paslon"]),
        ("lurah-mekarsari", U, [], ["pp94.5n1.campaign-attendance", "pp94.5n2.campaign-with-attributes",
                                    "skb2022.dis.declaration-active-support"], ["hadir-di-tenda"]),
    ]),
    # a village secretary's speech, a section head present, a village head (not an ASN) at a bakal calon's declaration
    "perangkat-desa-deklarasi.yaml": (V, [
        ("sekdes", V, ["skb2022.ke.declaration-active-support"], ["skb2022.ke.declaration-active-support"],
         ["hadir-deklarasi", "pidato-dukungan"]),
        ("kasi-pemerintahan", U, [], ["skb2022.ke.declaration-active-support"], ["hadir-deklarasi"]),
        ("kades", S, [], [], ["hadir-deklarasi"]),
    ]),
    # two teachers at a declaration: one cleared by the facts, one not: the group cannot be decided yet
    "guru-hadir-deklarasi.yaml": (U, [
        ("guru-matematika", N, [], [], ["hadir-menonton"]),
        ("guru-olahraga", U, [], ["skb2022.ke.declaration-active-support"], ["hadir-barisan-depan"]),
    ]),
}


def _group(name: str) -> GroupIncident:
    return group_from_located(load_located(GROUPS / name))


def test_load_group_names_a_group_after_its_file(tmp_path: Path) -> None:
    text = (GROUPS / "guru-hadir-deklarasi.yaml").read_text(encoding="utf-8")
    text = text.replace("id: dua-guru-hadir-deklarasi\n", "")
    (tmp_path / "tanpa-id.yaml").write_text(text, encoding="utf-8")
    group = load_group(tmp_path / "tanpa-id.yaml")
    assert group.id == "tanpa-id" and [p.id for p in group.persons] == ["guru-matematika", "guru-olahraga"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_group_sample_verdicts(evaluator: Evaluator, name: str) -> None:
    state, expected = CASES[name]
    group = _group(name)
    verdict = evaluate_group(evaluator, group)
    assert verdict.outcome.state is state
    got = [(p.person_id, p.verdict.outcome.state, [f.rule_id for f in p.verdict.findings],
            p.verdict.outcome.undetermined_rules, p.acts) for p in verdict.persons]
    assert got == expected
    assert [f.rule_id for f in verdict.all_findings()] == [r for p in expected for r in p[2]]
    assert [p.verdict.incident_id for p in verdict.persons] == [f"{group.id}/{p[0]}" for p in expected]
    for person in verdict.persons:
        assert_honest(person.verdict)
    by_state = {s: [p[0] for p in expected if p[1] is s] for s in STATE_ORDER}
    assert verdict.outcome.persons_by_state == {s: ids for s, ids in by_state.items() if ids}


def test_every_group_sample_is_covered() -> None:
    assert {p.name for p in GROUPS.glob("*.yaml")} == set(CASES)


def test_each_person_is_judged_on_the_acts_they_did(evaluator: Evaluator) -> None:
    """An act without `by` is everyone's; one with `by` only its persons'; the election and date are shared."""
    group = _group("perangkat-desa-deklarasi.yaml")
    sekdes, kasi, kades = split_group(group)
    assert [a.id for a in sekdes.acts] == ["hadir-deklarasi", "pidato-dukungan"]
    assert [a.id for a in kasi.acts] == [a.id for a in kades.acts] == ["hadir-deklarasi"]
    assert sekdes.election == kasi.election == group.election
    assert kades.person.employment_status is not None and kades.person.employment_status.value == "non_asn"
    alone = evaluator.evaluate(sekdes)
    assert evaluate_group(evaluator, group).persons[0].verdict == alone


def test_an_unnamed_act_has_the_same_label_everywhere(evaluator: Evaluator) -> None:
    """`act-N` counts the group's acts: b's only act is the group's second, and b's verdict calls it act-2."""
    verdict = evaluate_group(evaluator, {
        "id": "g", "persons": [{"id": "a", "employment_status": "pns"}, {"id": "b", "employment_status": "pns"}],
        "election": {"calendar": "pilkada-2024", "race": "bupati"},
        "acts": [{"kind": "attend_campaign", "date": "2024-10-27", "by": ["a"]},
                 {"kind": "attend_campaign", "date": "2024-10-27", "by": ["b"], "active_support": True,
                  "attributes": [], "target": {"kind": "candidate"}}]})
    b = verdict.persons[1]
    assert b.acts == ["act-2"] and [f.act_id for f in b.verdict.findings] == ["act-2"]


def test_group_provenance_hashes_the_whole_group(evaluator: Evaluator) -> None:
    group = _group("guru-hadir-deklarasi.yaml")
    verdict = evaluate_group(evaluator, group)
    assert verdict.provenance.rulebook_hash == evaluator.rulebook.content_hash
    assert verdict.provenance.input_hash not in {p.verdict.provenance.input_hash for p in verdict.persons}
    changed = group.model_copy(update={"title": "another title"})
    assert evaluate_group(evaluator, changed).provenance.input_hash != verdict.provenance.input_hash
    assert GroupVerdict.model_validate_json(verdict.to_json()) == verdict


def test_one_undetermined_person_keeps_the_group_open(evaluator: Evaluator) -> None:
    cleared = {"kind": "attend_declaration", "date": "2024-08-24", "by": ["a"], "active_support": False,
               "gestures": [], "attributes": [], "target": {"kind": "candidate"}}
    open_ = {"kind": "attend_declaration", "date": "2024-08-24", "by": ["b"], "target": {"kind": "candidate"}}
    election = {"calendar": "pilkada-2024", "race": "bupati"}
    both = evaluate_group(evaluator, {"id": "g", "persons": [{"id": "a", "employment_status": "pns"},
                                                             {"id": "b", "employment_status": "pns"}],
                                      "election": election, "acts": [cleared, open_]})
    assert [p.verdict.outcome.state for p in both.persons] == [N, U]
    assert both.outcome.state is U
    assert both.outcome.summary.en.startswith("cannot be decided yet: b")
    assert both.outcome.summary.id.startswith("belum dapat diputuskan: b")
    only_cleared = evaluate_group(evaluator, {"id": "g", "persons": [{"id": "a", "employment_status": "pns"}],
                                              "election": election, "acts": [cleared]})
    assert only_cleared.outcome.state is N and only_cleared.outcome.summary.en == "no violation found: a"


@pytest.mark.parametrize("states", [[V, U], [N, U], [N, C], [S, N], [S, S], [N, N], [C, U], [U, S, N]])
def test_group_state_order(evaluator: Evaluator, states: list[OutcomeState]) -> None:
    """The group takes the least settled state of its persons; "no violation" only when all are."""
    sample = evaluate_group(evaluator, _group("guru-hadir-deklarasi.yaml")).persons[0]
    persons = [sample.model_copy(update={"person_id": f"p{i}", "verdict": sample.verdict.model_copy(update={
        "outcome": sample.verdict.outcome.model_copy(update={"state": s})})}) for i, s in enumerate(states)]
    outcome = group_outcome(persons)
    assert outcome.state is next(s for s in STATE_ORDER if s in states)
    assert (outcome.state is N) == all(s is N for s in states)


person_ids = st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True)


@st.composite
def groups(draw: st.DrawFn) -> dict[str, Any]:
    """Group incidents from the single-incident strategy: persons' facts, a shared election, acts with `by`."""
    ids = draw(person_ids)
    base = draw(incidents)
    persons = [{"id": pid, **draw(incidents)["person"]} for pid in ids]
    group_acts = []
    for act in draw(st.lists(acts, max_size=5)):
        by = draw(st.one_of(st.none(), st.lists(st.sampled_from(ids), min_size=1, unique=True)))
        group_acts.append(act if by is None else {**act, "by": by})
    return {"id": "generated-group", "persons": persons, "acts": group_acts,
            **{k: base[k] for k in ("date", "election") if k in base}}


@pytest.mark.parametrize("backend", ["python", "durable"])
def test_generated_groups_are_never_cleared_while_a_person_is_open(backend: str) -> None:
    evaluator = _evaluator(backend)

    @settings(max_examples=60, deadline=None)
    @given(groups())
    def check(data: dict[str, Any]) -> None:
        verdict = evaluate_group(evaluator, data)
        states = [p.verdict.outcome.state for p in verdict.persons]
        for person in verdict.persons:
            assert_honest(person.verdict)
        assert (verdict.outcome.state is V) == (V in states)
        if verdict.outcome.state is N:
            assert all(s is N for s in states)
        if U in states:
            assert verdict.outcome.state in (V, C, U)
        assert not verdict.outcome.summary.en.startswith("no violation") or verdict.outcome.state is N

    check()
