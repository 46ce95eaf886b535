"""Facts as real reports give them: partial dates, unknown races, implied effects, presumptions, CLTN periods."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from netralitas import Evaluator, Incident, load_incident
from netralitas.evaluation.verdict import OutcomeState
from tests.conftest import EXAMPLES


def _incident(acts: list[dict[str, Any]], election: dict[str, Any] | None = None, **person: Any) -> dict[str, Any]:
    return {"id": "report", "person": {"employment_status": "pns", **person},
            "election": election or {"calendar": "pilkada-2024", "race": "bupati"}, "acts": acts}


@pytest.mark.parametrize(("written", "lo", "hi"), [
    ("2019-02", date(2019, 2, 1), date(2019, 2, 28)), ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
    ("2020", date(2020, 1, 1), date(2020, 12, 31)), ({"from": "2024-10-01", "to": "2024-10-09"},
                                                     date(2024, 10, 1), date(2024, 10, 9))])
def test_partial_dates_read_as_ranges(written: Any, lo: date, hi: date) -> None:
    act = Incident.model_validate(_incident([{"kind": "social_media_post", "date": written}])).acts[0]
    assert act.span == (lo, hi) and act.day is None


def test_a_month_inside_one_phase_and_era_is_decided(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "unggah-februari-2019.yaml"))
    assert verdict.outcome.state is OutcomeState.VIOLATION
    assert verdict.findings[0].date_range == (date(2019, 2, 1), date(2019, 2, 28))


def test_a_range_split_by_determination_is_undetermined_naming_it(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "favouring_decision", "date": {"from": "2024-09-01",
                                                                                   "to": "2024-10-10"},
                                             "target": {"kind": "candidate"}, "effect": "favours"}]))
    assert verdict.outcome.state is OutcomeState.UNDETERMINED
    assert verdict.outcome.undetermined_rules == ["pp94.5n5.favouring-decision", "uu10.71-1.188.favouring-decision"]
    assert any("candidate determination (2024-09-22)" in h.en and "penetapan calon" in h.id for h in verdict.hints)


def test_a_range_split_by_a_provision_coming_into_force_names_that_day(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident(
        [{"kind": "state_facility_use", "date": {"from": "2021-08-01", "to": "2021-09-10"},
          "target": {"kind": "candidate", "standing": "calon"}}], {"calendar": "pilkada-2020", "race": "bupati"}))
    boundaries = {u.rule_id: u.boundary.en for u in verdict.undetermined if u.boundary}
    assert "2021-08-31, the day this provision comes into force" in boundaries["pp94.5n4.state-facility"]
    assert "2021-08-30, the day this provision ends" in boundaries["pp53.4-15b.office-facility"]
    assert verdict.outcome.state is OutcomeState.VIOLATION  # Pasal 71(1) jo 188 is in force on every day of it


def test_phase_derives_without_a_race_when_every_race_shares_the_date(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "mobilise_asn", "date": "2024-10-10",
                                             "target": {"kind": "candidate"}}], {"calendar": "pilkada-2024"}))
    assert "pp94.5n3.mobilise-pns" in {f.rule_id for f in verdict.findings}


def test_races_determined_on_different_days_give_a_hint_listing_them(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "mobilise_asn", "date": "2023-11-08",
                                             "target": {"kind": "candidate"}}], {"calendar": "pemilu-2024"}))
    assert verdict.outcome.state is OutcomeState.UNDETERMINED
    (hint,) = verdict.hints
    assert "presiden 2023-11-13" in hint.en and "dpr 2023-11-03" in hint.en
    later = evaluator.evaluate(_incident([{"kind": "mobilise_asn", "date": "2024-01-10",
                                           "target": {"kind": "candidate"}}], {"calendar": "pemilu-2024"}))
    assert later.outcome.state is OutcomeState.VIOLATION and later.hints == []


def test_state_facilities_for_a_candidate_imply_the_favouring_effect(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "state_facility_use", "date": "2024-10-10", "facility": "vehicle",
                                             "target": {"kind": "candidate"}}]))
    finding = next(f for f in verdict.findings if f.rule_id == "uu10.71-1.188.favouring-decision")
    derived = [d.en for c in finding.conditions_held for d in c.derived]
    assert any("Pasal 71(1)" in d for d in derived)


def test_programme_use_by_a_non_incumbent_is_a_favouring_act(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "programme_use", "date": "2024-10-10",
                                             "target": {"kind": "candidate"}}], office="kepala_dinas"))
    assert {"pp94.5n5.favouring-decision", "uu10.71-1.188.favouring-decision"} <= {f.rule_id for f in verdict.findings}


def test_the_missing_ministerial_approval_is_a_stated_presumption(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "official_replacement", "date": "2024-06-10"}],
                                           office="penjabat_kepala_daerah"))
    assert [f.rule_id for f in verdict.findings] == ["uu10.71-2.official-replacement"]
    (presumption,) = verdict.presumptions
    assert presumption.path == "act.ministerial_approval" and presumption.value is False
    assert "approval letter would change" in presumption.reason.en


@pytest.mark.parametrize(("on_cltn", "expected"), [(True, []), (False, ["skb2022.dis.party-approach"])])
def test_cltn_known_without_its_period(evaluator: Evaluator, on_cltn: bool, expected: list[str]) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "party_approach", "date": "2024-05-02"}], on_cltn=on_cltn))
    assert [f.rule_id for f in verdict.findings] == expected


def test_a_dprd_race_without_its_level_reaches_the_legislative_provisions(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "attend_campaign", "date": "2019-03-20", "attributes": ["party"],
                                             "target": {"kind": "candidate"}}],
                                           {"calendar": "pemilu-2019", "race": "dprd"}))
    assert "pp53.4-12b.campaign-with-attributes" in {f.rule_id for f in verdict.findings}


def test_an_act_kind_without_encoded_provisions_is_out_of_scope(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "recorded_declaration", "date": "2024-10-10"}]))
    assert verdict.outcome.state is OutcomeState.OUT_OF_SCOPE
    # encoded only for appeals before PP 94/2021 (PP 53/2010 Pasal 4 angka 13 b / 15 d): nothing in force in 2024
    assert ("no provision encoded for act kind 'recorded_declaration' is in force on that date (those encoded are "
            "in force until 2021-08-30 at the latest)") in verdict.outcome.summary.en


def test_part_time_pppk_are_reached_by_the_pppk_provisions(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(_incident([{"kind": "social_media_share", "date": "2025-03-01",
                                             "target": {"kind": "candidate"}}], employment_status="pppk_paruh_waktu"))
    assert "uu20.24.pppk-neutrality" in {f.rule_id for f in verdict.findings}


def test_part_time_pppk_before_13_jan_2025_were_non_asn(evaluator: Evaluator) -> None:
    """KepmenPANRB 16/2025 (13 Jan 2025) appoints PPPK paruh waktu from non-ASN staff: earlier acts are not an ASN's."""
    verdict = evaluator.evaluate(_incident([{"kind": "social_media_share", "date": "2024-10-10",
                                             "target": {"kind": "candidate"}}], employment_status="pppk_paruh_waktu"),
                                 explain=True)
    assert verdict.outcome.state is OutcomeState.OUT_OF_SCOPE and verdict.findings == []
    assert verdict.recommending_body is None
    (hint,) = verdict.hints
    assert "before 2025-01-13 PPPK paruh waktu were not ASN" in hint.en and "SE MenPANRB 1/2023" in hint.id
    share = next(n for n in verdict.not_applicable if n.rule_id == "uu20.24.pppk-neutrality")
    assert any("KepmenPANRB 16/2025" in d.en for c in share.reasons for d in c.derived)


@pytest.mark.parametrize("date_written", [{"from": "2025-01-01", "to": "2025-01-31"}, None])
def test_part_time_pppk_without_a_date_after_13_jan_2025_is_undetermined(evaluator: Evaluator,
                                                                         date_written: Any) -> None:
    act: dict[str, Any] = {"kind": "social_media_share", "target": {"kind": "candidate"}}
    if date_written:
        act["date"] = date_written
    verdict = evaluator.evaluate(_incident([act], employment_status="pppk_paruh_waktu"))
    assert verdict.outcome.state is OutcomeState.UNDETERMINED
    assert "uu20.24.pppk-neutrality" in verdict.outcome.undetermined_rules
    assert "person.employment_status" in {m.path for m in verdict.outcome.deciding_facts}
    assert any("ASN only from 2025-01-13" in h.en for h in verdict.hints)
