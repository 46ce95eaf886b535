"""Rule-language features on small purpose-built rulebooks: relative dates, unknowns, exceptions, conflicts."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas import Evaluator, Rulebook
from netralitas.lang.conditions import All, AnyOf, Atom, Not, holds, nnf
from netralitas.rulebook import bundled_rules_dir

HEADER = """rules:
"""


def rule(rule_id: str, when: str, *, topic: str = "t", category: str = "disiplin", tier: str = "berat",
         extra: str = "", kinds: str = "[favouring_decision]") -> str:
    scheme = "pp-94-2021" if tier in ("ringan", "sedang", "berat") else None
    sanction = f"{{tier: {tier}, scheme: {scheme}}}" if scheme else f"{{tier: {tier}}}"
    return f"""  - id: {rule_id}
    title: {{id: Judul {rule_id}, en: Title {rule_id}}}
    category: {category}
    topic: {topic}
    act_kinds: {kinds}
    basis:
      - {{instrument: pp-94-2021, pasal: "5", text: Teks, address: "https://example.org/{rule_id}"}}
    when: {when}
    sanction: {sanction}
    in_force: {{from: 2021-08-31}}
    confidence: confirmed
{extra}"""


def book(tmp_path: Path, *rules: str) -> Evaluator:
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("instruments.yaml", "sanctions.yaml"):
        shutil.copy(bundled_rules_dir() / name, folder / name)
    (folder / "test.yaml").write_text(HEADER + "".join(rules), encoding="utf-8")
    return Evaluator(Rulebook.load(folder), backend="auto")


def incident(**act: Any) -> dict[str, Any]:
    return {"id": "i", "person": {"employment_status": "pns"},
            "election": {"calendar": "pilkada-2024", "race": "bupati"},
            "acts": [{"kind": "favouring_decision", "id": "a", **act}]}


def test_dates_relative_to_calendar_dates(tmp_path: Path) -> None:
    evaluator = book(tmp_path, rule("late", "{fact: act.date, on_or_after: election.campaign_start, offset_days: 10}"))
    assert [f.rule_id for f in evaluator.evaluate(incident(date="2024-10-05")).findings] == ["late"]
    assert evaluator.evaluate(incident(date="2024-10-04")).findings == []
    undetermined = evaluator.evaluate({**incident(date="2024-10-05"), "election": {"race": "bupati"}}).undetermined
    assert [m.path for m in undetermined[0].missing] == ["election.campaign_start"]


def test_known_and_unknown(tmp_path: Path) -> None:
    evaluator = book(tmp_path, rule("unknown-effect", "{fact: act.effect, known: false}"))
    assert [f.rule_id for f in evaluator.evaluate(incident(date="2024-10-05")).findings] == ["unknown-effect"]
    assert evaluator.evaluate(incident(date="2024-10-05", effect="favours")).findings == []


def test_not_and_any_with_unknown_is_undetermined(tmp_path: Path) -> None:
    evaluator = book(tmp_path, rule("r", "{all: [{not: {fact: act.effect, equals: harms}}, "
                                         "{any: [{fact: act.active_support, equals: true}, "
                                         "{fact: act.attributes, contains_any: [party]}]}]}"))
    verdict = evaluator.evaluate(incident(date="2024-10-05", effect="favours"))
    assert verdict.findings == []
    assert sorted(m.path for m in verdict.undetermined[0].missing) == ["act.active_support", "act.attributes"]
    assert [f.rule_id for f in evaluator.evaluate(incident(date="2024-10-05", effect="favours",
                                                           attributes=["party"])).findings] == ["r"]
    na = evaluator.evaluate(incident(date="2024-10-05", effect="harms"), explain=True).not_applicable
    assert na[0].reasons[0].description.en == "effect is not harms"
    assert na[0].reasons[0].facts == {"act.effect": "harms"}


def test_exception_sets_aside_and_reports_why(tmp_path: Path) -> None:
    evaluator = book(
        tmp_path,
        rule("base", "{fact: act.effect, in: [favours, harms]}"),
        rule("allowed", "{fact: act.active_support, equals: false}", category="bukan_pelanggaran", tier="none",
             extra="    exception_to: [base]\n"),
    )
    verdict = evaluator.evaluate(incident(date="2024-10-05", effect="favours", active_support=False))
    assert verdict.findings == []
    assert [(s.rule_id, s.by_rule) for s in verdict.set_aside] == [("base", "allowed")]
    assert [f.rule_id for f in evaluator.evaluate(incident(date="2024-10-05", effect="favours",
                                                           active_support=True)).findings] == ["base"]


def test_unordered_conflict_is_reported_never_settled(tmp_path: Path) -> None:
    evaluator = book(
        tmp_path,
        rule("heavy", "{fact: act.effect, equals: favours}", topic="same-question"),
        rule("light", "{fact: act.effect, equals: favours}", topic="same-question", tier="sedang"),
    )
    verdict = evaluator.evaluate(incident(date="2024-10-05", effect="favours"))
    assert [(c.topic, c.rule_ids) for c in verdict.conflicts] == [("same-question", ["heavy", "light"])]
    assert all(f.in_conflict for f in verdict.findings)
    assert sorted(f.rule_id for f in verdict.findings) == ["heavy", "light"]


def test_several_violations_cite_pp94_pasal_35(tmp_path: Path) -> None:
    evaluator = book(tmp_path, rule("one", "{fact: act.effect, equals: favours}", topic="a"),
                     rule("two", "{fact: act.effect, equals: favours}", topic="b", tier="sedang"))
    outcome = evaluator.evaluate(incident(date="2024-10-05", effect="favours")).outcome
    assert outcome.disiplin_tier is not None and outcome.disiplin_tier.value == "berat"
    assert [c.reference for c in outcome.basis] == ["Pasal 35 ayat (1)"]


def test_rule_not_in_force_on_the_act_date(tmp_path: Path) -> None:
    evaluator = book(tmp_path, rule("r", "{fact: act.effect, equals: favours}"))
    verdict = evaluator.evaluate(incident(date="2021-08-30", effect="favours"), explain=True)
    assert verdict.findings == [] and "outside" in verdict.not_applicable[0].reasons[0].description.en


paths = st.sampled_from(["a", "b", "c"])
atoms = st.builds(Atom, paths, st.sampled_from(["eq", "ne", "known", "unknown"]), st.sampled_from([1, 2]))
trees = st.recursive(atoms, lambda inner: st.one_of(
    st.builds(lambda xs: All(tuple(xs)), st.lists(inner, min_size=1, max_size=3)),
    st.builds(lambda xs: AnyOf(tuple(xs)), st.lists(inner, min_size=1, max_size=3)),
    st.builds(Not, inner)), max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(trees, st.dictionaries(paths, st.sampled_from([1, 2])))
def test_negation_normal_form_keeps_three_valued_meaning(tree: Any, values: dict[str, int]) -> None:
    assert holds(nnf(tree), values) == holds(tree, values)
    negated = holds(nnf(Not(tree)), values)
    original = holds(tree, values)
    assert negated == (None if original is None else not original)


@pytest.mark.parametrize("bad", ["{fact: act.effect, equals: favours, known: true}", "{all: [], any: []}"])
def test_condition_shape_errors(tmp_path: Path, bad: str) -> None:
    from netralitas import RulebookError

    with pytest.raises(RulebookError):
        book(tmp_path, rule("r", bad))
