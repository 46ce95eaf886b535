"""Every bundled sample incident gives the verdict its scenario calls for."""

from __future__ import annotations

import pytest

from netralitas import Evaluator, load_incident
from netralitas.lang.models import Category, Tier
from tests.conftest import EXAMPLES

CASES = {
    "camat-kades.yaml": (["pp94.5n5.favouring-decision", "uu10.71-1.188.favouring-decision"], Category.DISIPLIN,
                         Tier.BERAT),
    "guru-like.yaml": (["skb2022.ke.social-media-interaction"], Category.KODE_ETIK, Tier.SANKSI_MORAL),
    "kampanye-atribut.yaml": (["pp94.5n2.campaign-with-attributes"], Category.DISIPLIN, Tier.SEDANG),
    "anggota-partai-uu5.yaml": (["uu5.87-4c.party-membership"], Category.PEMBERHENTIAN, Tier.PTDH),
    "anggota-partai-uu20.yaml": (["uu20.52-3j.party-membership"], Category.PEMBERHENTIAN, Tier.PTDH),
    "tim-kampanye.yaml": (["skb2022.dis.campaign-team-after-determination", "uu7.280-3.494.campaign-team"],
                          Category.DISIPLIN, Tier.BERAT),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_findings(evaluator: Evaluator, name: str) -> None:
    rule_ids, category, tier = CASES[name]
    verdict = evaluator.evaluate(load_incident(EXAMPLES / name))
    assert [f.rule_id for f in verdict.findings] == rule_ids
    finding = verdict.findings[0]
    assert finding.category is category
    assert finding.sanction.tier is tier
    assert finding.citations and all(c.text and c.address.startswith("http") for c in finding.citations)
    assert finding.conditions_held, "a finding must say which facts decided it"
    assert verdict.scope.in_scope


def test_every_sample_is_covered() -> None:
    names = {p.name for p in EXAMPLES.glob("*.yaml")}
    assert names == set(CASES) | {"pasangan-cltn.yaml", "bukan-asn.yaml"}


def test_spouse_on_cltn_is_set_aside(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "pasangan-cltn.yaml"))
    assert verdict.findings == []
    assert [(s.rule_id, s.by_rule) for s in verdict.set_aside] == [
        ("pp94.5n1.campaign-attendance", "se18.spouse-accompany-on-cltn"),
        ("skb2022.ke.spouse-campaign", "se18.spouse-accompany-on-cltn")]
    assert [p.rule_id for p in verdict.permitted] == ["se18.spouse-accompany-on-cltn"]


def test_spouse_not_on_cltn_is_a_violation(evaluator: Evaluator) -> None:
    incident = load_incident(EXAMPLES / "pasangan-cltn.yaml").model_copy(deep=True)
    data = incident.model_dump(mode="json")
    data["person"]["cltn"] = []
    verdict = evaluator.evaluate(data)
    assert [f.rule_id for f in verdict.findings] == ["pp94.5n1.campaign-attendance", "skb2022.ke.spouse-campaign"]
    assert verdict.set_aside == []


def test_non_asn_is_out_of_scope(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "bukan-asn.yaml"))
    assert not verdict.scope.in_scope
    assert verdict.findings == []
    assert any("bukan ASN" in n.id and "not an ASN" in n.en for n in verdict.scope.notes)


def test_sedang_options_follow_pp94_pasal_42(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "kampanye-atribut.yaml"))
    sanction = verdict.findings[0].sanction
    assert any("gaji berkala" in o.id for o in sanction.options)
    assert any(c.instrument_short == "PP 94/2021" and c.reference == "Pasal 42" for c in sanction.basis)
