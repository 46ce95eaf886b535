"""Every bundled sample incident gives the verdict its scenario calls for."""

from __future__ import annotations

import pytest

from netralitas import Evaluator, load_incident
from netralitas.evaluation.verdict import OutcomeState
from netralitas.lang.models import Category, Tier
from tests.conftest import EXAMPLES

D, K, P, L, PID = Category.DISIPLIN, Category.KODE_ETIK, Category.PEMBERHENTIAN, Category.LARANGAN_PEMILU, \
    Category.PIDANA_PEMILIHAN

# sample file -> its exact findings, in verdict order: (rule id, category, tier). One sample per §11 behaviour.
CASES: dict[str, list[tuple[str, Category, Tier]]] = {
    # decision favouring a ticket (Pilkada): PP 94 angka 5 + UU 10/2016 Pasal 71(1) jo 188
    "camat-kades.yaml": [("pp94.5n5.favouring-decision", D, Tier.BERAT),
                         ("uu10.71-1.188.favouring-decision", PID, Tier.PIDANA)],
    # like before determination: kode etik
    "guru-like.yaml": [("skb2022.ke.social-media-interaction", K, Tier.SANKSI_MORAL)],
    # campaign with party attributes: sedang
    "kampanye-atribut.yaml": [("pp94.5n2.campaign-with-attributes", D, Tier.SEDANG)],
    # party membership before / after 31 Oct 2023
    "anggota-partai-uu5.yaml": [("uu5.87-4c.party-membership", P, Tier.PTDH)],
    "anggota-partai-uu20.yaml": [("uu20.52-3j.party-membership", P, Tier.PTDH)],
    # campaign team after determination (Pemilu): berat + Pasal 280(3) jo 494
    "tim-kampanye.yaml": [("skb2022.dis.campaign-team-after-determination", D, Tier.BERAT),
                          ("uu7.280-3.494.campaign-team", Category.PIDANA_PEMILU, Tier.PIDANA)],
    # social-media campaign for a calon: B2 berat
    "lurah-tiktok-calon.yaml": [("skb2022.dis.social-media-campaign", D, Tier.BERAT)],
    # billboard for a bakal calon: A1 kode etik
    "baliho-bakal-calon.yaml": [("skb2022.ke.banner", K, Tier.SANKSI_MORAL)],
    # photo with a calon and a two-finger pose: B7 berat
    "foto-salam-dua-jari.yaml": [("skb2022.dis.partisan-photo", D, Tier.BERAT)],
    # speech at a bakal calon's declaration: A3 kode etik
    "deklarasi-bakal-calon.yaml": [("skb2022.ke.declaration-active-support", K, Tier.SANKSI_MORAL)],
    # passive attendance at a calon's campaign: PP 94 angka 1, no tier
    "kampanye-dengar-visi-misi.yaml": [("pp94.5n1.campaign-attendance", D, Tier.UNASSIGNED)],
    # mobilising staff: angka 3 berat
    "kadis-kerahkan-pegawai.yaml": [("pp94.5n3.mobilise-pns", D, Tier.BERAT)],
    # official car carrying a ticket's banners: angka 4 berat
    # (the effect "favours" is implied by the act's nature: UU 10/2016 Pasal 71(1) jo 188 applies too)
    "mobil-dinas-spanduk.yaml": [("pp94.5n4.state-facility", D, Tier.BERAT),
                                 ("uu10.71-1.188.favouring-decision", PID, Tier.PIDANA)],
    # camat's partisan meeting (Pemilu): angka 6 berat + UU 7/2017 Pasal 283
    "camat-ajak-warga-pilpres.yaml": [("pp94.5n6.partisan-activity", D, Tier.BERAT),
                                      ("uu7.283.partisan-activity", L, Tier.UNASSIGNED)],
    # support letter + KTP for an independent bakal calon: B11 berat
    "ktp-calon-perseorangan.yaml": [("skb2022.dis.support-letter-bakal-calon", D, Tier.BERAT)],
    # approaching a party without CLTN: B3 sedang
    "kadis-daftar-partai.yaml": [("skb2022.dis.party-approach", D, Tier.SEDANG)],
    # PNS on the DCT without resigning: UU 20/2023 Pasal 59(3), PDH
    "caleg-tidak-mundur.yaml": [("uu20.59-3.candidate-without-resigning", P, Tier.PDH)],
    # spouse on CLTN posting for her husband: SE 18/2023 limit + B6 berat
    "istri-calon-posting.yaml": [("se18.spouse.social-media", D, Tier.UNASSIGNED),
                                 ("skb2022.dis.social-media-interaction", D, Tier.BERAT)],
    # acting bupati replacing officials in the 6-month window: Pasal 71(2),(4) jo 188
    "pj-bupati-mutasi.yaml": [("uu10.71-2.official-replacement", PID, Tier.PIDANA)],
    # office photo with a ballot-number gesture and no candidate: BKN guidance, no tier
    "foto-gestur-kantor.yaml": [("bkn2023.photo.prohibited-gesture", K, Tier.UNASSIGNED)],
    # PPPK sharing a capres video: UU 20/2023 Pasal 24, no tier
    "pppk-bagikan-video.yaml": [("uu20.24.pppk-neutrality", D, Tier.UNASSIGNED)],
    # PPPK party officer in 2022: PP 49/2018 Pasal 53(3)c / 63, termination without honour
    "pppk-pengurus-partai-2022.yaml": [("pp49.53-3c.pppk-party-membership", P, Tier.PTDH)],
    # two acts by one camat: a favouring decision in a meeting, then a campaign post; each act has its findings
    "camat-rapat-dan-unggahan.yaml": [("pp94.5n5.favouring-decision", D, Tier.BERAT),
                                      ("uu10.71-1.188.favouring-decision", PID, Tier.PIDANA),
                                      ("skb2022.dis.social-media-campaign", D, Tier.BERAT)],
    # Pilkada 2020 (PP 53/2010 era): office car at a campaign, berat
    "pilkada-2020-mobil-dinas.yaml": [("pp53.4-15b.office-facility", D, Tier.BERAT),
                                      ("uu10.71-1.188.favouring-decision", PID, Tier.PIDANA)],
    # Pilkada 2020 (before the SKB 2022): social media, PP 42/2004 kode etik
    "pilkada-2020-share.yaml": [("pp42.pre-skb2022.neutrality-ethics", K, Tier.SANKSI_MORAL)],
    # a post dated only "February 2019": the whole month lies in one phase and one era, so it is decided
    "unggah-februari-2019.yaml": [("pp42.pre-skb2022.neutrality-ethics", K, Tier.SANKSI_MORAL)],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_sample_findings(evaluator: Evaluator, name: str) -> None:
    expected = CASES[name]
    verdict = evaluator.evaluate(load_incident(EXAMPLES / name))
    assert [(f.rule_id, f.category, f.sanction.tier) for f in verdict.findings] == expected
    for finding in verdict.findings:
        assert finding.citations and all(c.text and c.address.startswith("http") for c in finding.citations)
        assert finding.conditions_held, "a finding must say which facts decided it"
    assert verdict.scope.in_scope


def test_every_sample_is_covered() -> None:
    names = {p.name for p in EXAMPLES.glob("*.yaml")}
    assert names == set(CASES) | set(STATES)


# samples whose point is the outcome state: file -> (state, findings, conditional findings, undetermined rules)
STATES: dict[str, tuple[OutcomeState, list[str], list[str], list[str]]] = {
    "pasangan-cltn.yaml": (OutcomeState.NO_VIOLATION, [], [], []),
    "bukan-asn.yaml": (OutcomeState.OUT_OF_SCOPE, [], [], []),
    "petahana-bansos.yaml": (OutcomeState.VIOLATION,
                             ["uu10.71-3.programme-use", "uu10.71-5.incumbent-disqualification"], [], []),
    # a spouse on CLTN at her husband's rally; active support, gestures and attributes unreported
    "pasangan-cltn-bersyarat.yaml": (OutcomeState.CONDITIONAL, ["skb2022.ke.spouse-campaign"],
                                     ["skb2022.ke.spouse-campaign"],
                                     ["pp94.5n1.campaign-attendance", "pp94.5n2.campaign-with-attributes",
                                      "se18.spouse.attributes", "skb2022.dis.declaration-active-support"]),
    # a teacher at a rally, no election named: the headline is "belum dapat diputuskan"
    "guru-hadir-tanpa-pemilihan.yaml": (OutcomeState.UNDETERMINED, [], [],
                                        ["pp94.5n1.campaign-attendance", "pp94.5n2.campaign-with-attributes",
                                         "skb2022.dis.declaration-active-support",
                                         "skb2022.ke.campaign-participation"]),
    # a banner in 2013, before every provision encoded for banners
    "baliho-2013.yaml": (OutcomeState.OUT_OF_SCOPE, [], [], []),
    # a photo whose gestures are listed as "at least these": no prohibited gesture cannot be decided
    "foto-kepal-tangan-sebagian.yaml": (OutcomeState.UNDETERMINED, [], [], ["skb2022.dis.partisan-photo"]),
}


@pytest.mark.parametrize("name", sorted(STATES))
def test_sample_outcome_states(evaluator: Evaluator, name: str) -> None:
    state, findings, conditional, undetermined = STATES[name]
    verdict = evaluator.evaluate(load_incident(EXAMPLES / name))
    assert verdict.outcome.state is state
    assert [f.rule_id for f in verdict.findings] == findings
    assert [f.rule_id for f in verdict.findings if f.unless] == conditional
    assert verdict.outcome.undetermined_rules == undetermined


def test_every_finding_sample_is_a_plain_violation(evaluator: Evaluator) -> None:
    for name in CASES:
        assert evaluator.evaluate(load_incident(EXAMPLES / name)).outcome.state is OutcomeState.VIOLATION, name


def test_person_provisions_the_report_does_not_touch_are_not_checked(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "camat-kades.yaml"))
    assert verdict.undetermined == []
    assert {u.rule_id for u in verdict.not_checked} == {
        "pp11.254.candidate-without-resigning", "pp11.346.candidate-without-resigning",
        "uu20.52-3j.party-membership", "uu20.59-3.candidate-without-resigning"}
    data = load_incident(EXAMPLES / "camat-kades.yaml").model_dump(mode="json")
    data["person"]["party"] = {"party": "Partai Contoh"}   # the report says something about a party
    verdict = evaluator.evaluate(data)
    assert [u.rule_id for u in verdict.undetermined] == ["uu20.52-3j.party-membership"]
    assert verdict.outcome.state is OutcomeState.VIOLATION
    assert "belum dapat diputuskan" in verdict.outcome.summary.id and "undetermined" in verdict.outcome.summary.en


def test_conditional_finding_names_the_exception_and_its_deciding_facts(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "pasangan-cltn-bersyarat.yaml"))
    (unless,) = verdict.findings[0].unless
    assert unless.rule_id == "se18.spouse-accompany-on-cltn"
    assert [m.path for m in unless.missing] == ["act.active_support", "act.attributes", "act.gestures"]
    assert "kecuali" in verdict.outcome.summary.id and "unless" in verdict.outcome.summary.en
    assert "se18.spouse-accompany-on-cltn" not in {u.rule_id for u in verdict.undetermined}


def test_act_before_the_encoded_law_gets_a_scope_statement(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "baliho-2013.yaml"))
    assert not verdict.scope.in_scope and verdict.recommending_body is None
    assert "tidak diterapkan surut" in verdict.outcome.summary.id
    assert "before the provisions encoded for act kind 'banner_installation'" in verdict.outcome.summary.en


def test_incumbent_programme_use_is_in_scope_though_not_an_asn(evaluator: Evaluator) -> None:
    """An elected bupati is not an ASN; UU 10/2016 Pasal 71(3) jo 188 and 71(5) still apply to the incumbent."""
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "petahana-bansos.yaml"))
    assert verdict.scope.in_scope
    assert any("bukan ASN" in n.id and "also bind non-ASN officials" in n.en for n in verdict.scope.notes)
    assert [(f.rule_id, f.category, f.sanction.tier) for f in verdict.findings] == [
        ("uu10.71-3.programme-use", PID, Tier.PIDANA),
        ("uu10.71-5.incumbent-disqualification", L, Tier.UNASSIGNED)]
    assert any("pembatalan" in o.id for o in verdict.findings[1].sanction.options)


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
    assert verdict.findings == [] and verdict.undetermined == [] and verdict.not_checked == []
    assert verdict.recommending_body is None and verdict.outcome.state is OutcomeState.OUT_OF_SCOPE
    assert any("bukan ASN" in n.id and "not an ASN" in n.en for n in verdict.scope.notes)


def test_sedang_options_follow_pp94_pasal_42(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "kampanye-atribut.yaml"))
    sanction = verdict.findings[0].sanction
    assert any("gaji berkala" in o.id for o in sanction.options)
    assert any(c.instrument_short == "PP 94/2021" and c.reference == "Pasal 42" for c in sanction.basis)
