"""The incident date decides the version of the law: UU 5/2014 until 30 Oct 2023, UU 20/2023 from 31 Oct 2023."""

from __future__ import annotations

import pytest

from netralitas import Evaluator

MEMBER = {"employment_status": "pns", "party": {"member": True}}


@pytest.mark.parametrize(("day", "rule", "instrument", "body"), [
    ("2023-10-30", "uu5.87-4c.party-membership", "UU 5/2014", "KASN"),
    ("2023-10-31", "uu20.52-3j.party-membership", "UU 20/2023", "KASN"),
    ("2024-08-22", "uu20.52-3j.party-membership", "UU 20/2023", "KASN"),
    ("2024-08-23", "uu20.52-3j.party-membership", "UU 20/2023", "BKN"),
])
def test_party_membership_switches_on_the_right_day(evaluator: Evaluator, day: str, rule: str, instrument: str,
                                                    body: str) -> None:
    verdict = evaluator.evaluate({"id": "p", "date": day, "person": MEMBER}, explain=True)
    assert [f.rule_id for f in verdict.findings] == [rule]
    assert verdict.findings[0].citations[0].instrument_short == instrument
    assert verdict.recommending_body is not None and body in verdict.recommending_body.id
    shorts = {i.short for i in verdict.instruments_in_force}
    assert instrument in shorts
    other = "UU 20/2023" if instrument == "UU 5/2014" else "UU 5/2014"
    assert other not in shorts
    not_in_force = [n for n in verdict.not_applicable
                    if n.rule_id in ("uu5.87-4c.party-membership", "uu20.52-3j.party-membership")]
    assert len(not_in_force) == 1 and "outside" in not_in_force[0].reasons[0].description.en


def test_pppk_is_not_covered_by_uu5_pasal_87(evaluator: Evaluator) -> None:
    """UU 5/2014 Pasal 87(4)(c) names PNS only; a PPPK party member falls under PP 49/2018 until UU 20/2023."""
    before = evaluator.evaluate({"id": "p", "date": "2023-10-30",
                                 "person": {"employment_status": "pppk", "party": {"member": True}}})
    after = evaluator.evaluate({"id": "p", "date": "2023-10-31",
                                "person": {"employment_status": "pppk", "party": {"member": True}}})
    assert [f.rule_id for f in before.findings] == ["pp49.53-3c.pppk-party-membership"]
    assert before.findings[0].citations[0].instrument_short == "PP 49/2018"
    assert [f.rule_id for f in after.findings] == ["uu20.52-3j.party-membership"]


def test_unknown_membership_is_undetermined_not_false(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate({"id": "p", "date": "2024-01-01", "person": {"employment_status": "pns"}})
    # the report says nothing about a party: listed as not checked (facts not reported), never as false
    not_checked = {u.rule_id: [m.path for m in u.missing] for u in verdict.not_checked}
    assert not_checked["uu20.52-3j.party-membership"] == ["person.party.member"]
    mentioned = evaluator.evaluate({"id": "p", "date": "2024-01-01",
                                    "person": {"employment_status": "pns", "party": {"party": "Partai Contoh"}}})
    undetermined = {u.rule_id: [m.path for m in u.missing] for u in mentioned.undetermined}
    assert undetermined["uu20.52-3j.party-membership"] == ["person.party.member"]
    known_false = evaluator.evaluate({"id": "p", "date": "2024-01-01",
                                      "person": {"employment_status": "pns", "party": {"member": False}}})
    assert "uu20.52-3j.party-membership" not in {u.rule_id for u in known_false.undetermined}


def test_act_before_encoded_law_says_so(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate({"id": "old", "person": {"employment_status": "pns"},
                                  "acts": [{"kind": "favouring_decision", "date": "2005-01-01"}]})
    assert not verdict.scope.in_scope
    assert any("predates" in n.en for n in verdict.scope.notes)
    assert verdict.findings == []


def test_phase_boundary_at_determination(evaluator: Evaluator) -> None:
    def verdict(day: str) -> list[str]:
        return [f.rule_id for f in evaluator.evaluate({
            "id": "d", "person": {"employment_status": "pns"},
            "election": {"calendar": "pemilu-2024", "race": "presiden"},
            "acts": [{"kind": "social_media_like", "date": day}]}).findings]

    assert verdict("2023-11-12") == ["skb2022.ke.social-media-interaction"]
    assert verdict("2023-11-13") == ["skb2022.dis.social-media-interaction"]


def test_rule_not_in_force_is_not_undetermined(evaluator: Evaluator) -> None:
    """An act before PP 94/2021 took effect never lists PP 94 rules as 'missing facts', however little is known."""
    verdict = evaluator.evaluate({
        "id": "old", "person": {"employment_status": "pns"},
        "election": {"calendar": "pilkada-2020", "race": "bupati"},
        "acts": [{"kind": "favouring_decision", "date": "2020-11-01"}]})
    assert not [u.rule_id for u in verdict.undetermined if u.rule_id.startswith("pp94.")]
    assert any(n.rule_id == "pp94.5n5.favouring-decision" for n in verdict.not_applicable)


def test_findings_without_a_tier_are_named_in_the_outcome(evaluator: Evaluator) -> None:
    """PP 94/2021 Pasal 5 huruf n angka 1 has no tier: the outcome must not read 'no violation'."""
    verdict = evaluator.evaluate({
        "id": "passive", "person": {"employment_status": "pns"},
        "election": {"calendar": "pemilu-2024", "race": "presiden"},
        "acts": [{"kind": "attend_campaign", "date": "2024-01-20", "active_support": False, "attributes": []}]})
    assert [f.rule_id for f in verdict.findings] == ["pp94.5n1.campaign-attendance"]
    assert verdict.outcome.summary.id.startswith("1 pelanggaran tanpa tingkat sanksi")
    assert not verdict.outcome.moral_sanction


@pytest.mark.parametrize(("day", "rule", "new_wording"), [
    ("2024-11-13", "uu10.71-1.188.favouring-decision", False),
    ("2024-11-14", "uu10.71-1.188.favouring-decision-mk136", True),
])
def test_pasal_188_is_quoted_as_mk_136_2024_reads_it_from_its_pronouncement(
        evaluator: Evaluator, day: str, rule: str, new_wording: bool) -> None:
    """Putusan MK 136/PUU-XXII/2024 (14 Nov 2024) adds "pejabat daerah" and "anggota TNI/POLRI" to Pasal 188."""
    verdict = evaluator.evaluate({"id": "p", "person": {"employment_status": "pns", "office": "camat"},
                                  "election": {"calendar": "pilkada-2024", "race": "bupati"},
                                  "acts": [{"kind": "favouring_decision", "date": day, "effect": "favours",
                                            "target": {"kind": "candidate"}}]})
    finding = next(f for f in verdict.findings if f.rule_id.startswith("uu10.71-1.188"))
    assert finding.rule_id == rule
    (pasal_188,) = [c for c in finding.citations if c.reference == "Pasal 188"]
    assert ("pejabat daerah" in pasal_188.text and "anggota TNI/POLRI" in pasal_188.text) is new_wording
    assert "dipidana dengan pidana penjara paling singkat 1 (satu)" in pasal_188.text  # the penalty is unchanged
    cited = {c.instrument_short for c in finding.citations}
    assert ("Putusan MK 136/PUU-XXII/2024" in cited) is new_wording
    in_force = {i.short for i in verdict.instruments_in_force}
    assert ("Putusan MK 136/PUU-XXII/2024" in in_force) is new_wording


def test_a_sedang_sanction_says_which_reading_of_pp_94_pasal_42_it_uses(evaluator: Evaluator) -> None:
    """PP 94/2021 Pasal 42: PP 53/2010 sedang options until a PP on salaries; BKN's 2024 guidance lists tukin cuts."""
    verdict = evaluator.evaluate({"id": "s", "person": {"employment_status": "pns"},
                                  "election": {"calendar": "pilkada-2024", "race": "bupati"},
                                  "acts": [{"kind": "attend_campaign", "date": "2024-10-14", "attributes": ["party"],
                                            "target": {"kind": "candidate"}},
                                           {"kind": "mobilise_asn", "date": "2024-10-14",
                                            "target": {"kind": "candidate"}}]})
    sedang = next(f for f in verdict.findings if f.rule_id == "pp94.5n2.campaign-with-attributes")
    assert sedang.sanction.tier.value == "sedang"
    assert sedang.sanction.options[0].id == "penundaan kenaikan gaji berkala selama 1 (satu) tahun"
    note = sedang.sanction.note
    assert note is not None
    assert "Pasal 42 ayat (2)" in note.id and "PP 53/2010 Pasal 7 ayat (3)" in note.id
    assert "pemotongan tunjangan kinerja 25%" in note.id and "001/RILIS/BKN/II/2024" in note.id
    assert "Other reading in use" in note.en
    berat = next(f for f in verdict.findings if f.rule_id == "pp94.5n3.mobilise-pns")
    assert berat.sanction.note is None
    assert '"note"' in verdict.to_json() and "001/RILIS/BKN/II/2024" in verdict.to_json()


def test_venue_permission_on_equal_terms_is_permitted_from_mk_65_2023(evaluator: Evaluator) -> None:
    """Putusan MK 65/PUU-XXI/2023 (15 Aug 2023): permission on equal terms is lawful; for one participant it favours."""
    def permission(day: str, effect: str) -> dict[str, object]:
        return {"kind": "favouring_decision", "date": day, "effect": effect, "facility": "office", "id": day}

    verdict = evaluator.evaluate({"id": "v", "person": {"employment_status": "pns", "office": "kepala_sekolah"},
                                  "election": {"calendar": "pemilu-2024", "race": "dpr"},
                                  "acts": [permission("2023-08-14", "neither"), permission("2023-08-15", "neither"),
                                           permission("2024-01-10", "favours")]})
    assert [(p.rule_id, p.act_id) for p in verdict.permitted] == [("uu7.280-1h.mk65.venue-permission", "2023-08-15")]
    assert {(f.rule_id, f.act_id) for f in verdict.findings} >= {("pp94.5n5.favouring-decision", "2024-01-10")}
    assert all(f.act_id == "2024-01-10" for f in verdict.findings)
    assert any(c.instrument_short == "Putusan MK 65/PUU-XXI/2023" for c in verdict.permitted[0].citations)
