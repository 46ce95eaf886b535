"""Every behaviour of the legal digest (shared/legal/sources.md §11) maps to rules, and every rule is tested.

The COVERAGE table is the mapping legal staff maintain: one row per §11 row (plus the items issue 3 lists
alongside it), each naming the rule ids that encode it. A gap fails the suite: a row with no rule, a listed
rule id that is not in the bundled rulebook, or a rule without a `fires`, a `near_miss` and a `boundary`
scenario in the `*.tests.yaml` next to it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netralitas import Rulebook
from netralitas.authoring.scenarios import ScenarioKind, load_all, rules_exercised

RULES_DIR = Path(__file__).resolve().parents[2] / "rules"

# §11 row (short name) -> rule ids that encode it. Order follows the §11 table.
COVERAGE: dict[str, list[str]] = {
    # Like/comment/share/post/follow a candidate or winning-team account: PRE kode etik (A4), POST berat (B6).
    "social-media-interaction": ["skb2022.ke.social-media-interaction", "skb2022.dis.social-media-interaction",
                                 "pp42.pre-skb2022.neutrality-ethics"],
    # Social-media campaign / sosialisasi: A2 / B2.
    "social-media-campaign": ["skb2022.ke.social-media-campaign", "skb2022.dis.social-media-campaign",
                              "pp42.pre-skb2022.neutrality-ethics"],
    # Banners, billboards, campaign props: A1 / B1.
    "banner": ["skb2022.ke.banner", "skb2022.dis.banner", "pp42.pre-skb2022.neutrality-ethics"],
    # Photo with candidate / tim sukses with partisan symbol or attribute, posted publicly: A5 / B7.
    "partisan-photo": ["skb2022.ke.partisan-photo", "skb2022.dis.partisan-photo",
                       "pp42.pre-skb2022.neutrality-ethics"],
    # Attend a declaration or campaign and actively support: A3, A6 / B4 (PP 53 era: angka 15 huruf a).
    "declaration-active-support": ["skb2022.ke.declaration-active-support", "skb2022.ke.campaign-participation",
                                   "skb2022.dis.declaration-active-support", "pp53.4-15a.campaign-involvement"],
    # Passive attendance only: tolerated before determination; PP 94 angka 1 (no tier) after.
    "passive-attendance": ["skb2022.ke.passive-attendance-tolerated", "pp94.5n1.campaign-attendance"],
    # Campaign participant wearing party or PNS attributes: PP 94 angka 2 (sedang); PP 53 angka 12 huruf b.
    "campaign-with-attributes": ["pp94.5n2.campaign-with-attributes", "pp53.4-12b.campaign-with-attributes"],
    # Mobilise other PNS: PP 94 angka 3 (berat); PP 53 angka 12 huruf c.
    "mobilise-asn": ["pp94.5n3.mobilise-pns", "pp53.4-12c.mobilise-pns"],
    # Use of state facilities: PP 94 angka 4; PP 53 angka 12 huruf d, 15 huruf b; Pilkada Pasal 71(1) jo 188.
    "state-facility": ["pp94.5n4.state-facility", "pp53.4-12d.state-facility", "pp53.4-15b.office-facility",
                       "uu10.71-1.188.favouring-decision", "uu10.71-1.188.favouring-decision-mk136"],
    # Decision or action favouring or harming a candidate: PP 94 angka 5; SKB B12; UU 7 Ps 282; UU 10 Ps 71(1) jo 188.
    "favouring-decision": ["pp94.5n5.favouring-decision", "skb2022.dis.favouring-decision-party",
                           "uu7.282.favouring-decision", "uu10.71-1.188.favouring-decision",
                           "uu10.71-1.188.favouring-decision-mk136", "pp53.4-13a.favouring-decision",
                           "pp53.4-15c.favouring-decision"],
    # Partisan meetings, invitations, appeals, calls, gifts: PP 94 angka 6; SKB B8; UU 7 Pasal 283.
    "partisan-activity": ["pp94.5n6.partisan-activity", "skb2022.dis.partisan-activity-party",
                          "uu7.283.partisan-activity", "pp53.4-13b.partisan-activity", "pp53.4-15d.partisan-activity"],
    # Support letter with KTP copy: PP 94 angka 7; SKB B11; PP 53 angka 14.
    "support-letter": ["pp94.5n7.support-letter", "skb2022.dis.support-letter-bakal-calon",
                       "pp53.4-14.support-letter"],
    # Approach a party / community to become bakal calon without CLTN: SKB B3 (sedang).
    "party-approach": ["skb2022.dis.party-approach"],
    # Tim ahli / pemenangan / konsultan: B9 (sedang) / B10 (berat); Pemilu Pasal 280(3) jo 494; PP 53 angka 12 huruf a.
    "campaign-team": ["skb2022.dis.campaign-team-before-determination", "skb2022.dis.campaign-team-after-determination",
                      "uu7.280-3.494.campaign-team", "pp53.4-12a.campaign-organiser"],
    # Party member or officer: PTDH (UU 5/2014 Pasal 87(4)c; UU 20/2023 Pasal 52(3)j,(4)), PNS and PPPK.
    "party-membership": ["uu5.87-4c.party-membership", "uu20.52-3j.party-membership",
                         "pp49.53-3c.pppk-party-membership"],
    # Running for office without resigning once determined: PP 11/2017 Pasal 346 / 254; UU 20/2023 Pasal 59(3).
    "candidacy-without-resigning": ["pp11.346.candidate-without-resigning", "pp11.254.candidate-without-resigning",
                                    "uu20.59-3.candidate-without-resigning"],
    # Spouse-candidate: accompany, attend, photo without symbols — allowed on CLTN (SE 18/2023).
    "spouse-allowed-on-cltn": ["se18.spouse-accompany-on-cltn", "se18.spouse-photo-on-cltn"],
    # Spouse-candidate: attributes, social media, speaker, partisan events — prohibited even on CLTN; A7 off CLTN.
    "spouse-prohibited": ["se18.spouse.attributes", "se18.spouse.social-media", "se18.spouse.speaker",
                          "se18.spouse.partisan-activity", "skb2022.ke.spouse-campaign"],
    # Petahana replaces officials / uses programmes in the 6-month window: Pasal 71(2),(3) -> 71(5); Pasal 188
    # (quoted as read by Putusan MK 136/PUU-XXII/2024 from 14 Nov 2024: the -mk136 versions).
    "petahana": ["uu10.71-2.official-replacement", "uu10.71-2.official-replacement-mk136", "uu10.71-3.programme-use",
                 "uu10.71-3.programme-use-mk136", "uu10.71-5.incumbent-disqualification"],
    # Issue 3 items listed alongside §11:
    # BKN photo-gesture guidance: prohibited poses (in the SKB photo rules and on their own) and allowed poses.
    "photo-gestures": ["bkn2023.photo.prohibited-gesture", "bkn2023.photo.allowed-gesture",
                       "skb2022.ke.partisan-photo", "skb2022.dis.partisan-photo"],
    # PPPK: discipline under PP 49/2018 and the work agreement, then UU 20/2023 Pasal 24; party membership; candidacy.
    "pppk": ["pp49.51.pppk-neutrality", "uu20.24.pppk-neutrality", "pp49.53-3c.pppk-party-membership",
             "uu20.52-3j.party-membership", "uu20.59-3.candidate-without-resigning"],
    # Issue 10: campaign venue permission granted on equal terms by an ASN head (Putusan MK 65/PUU-XXI/2023).
    "venue-permission": ["uu7.280-1h.mk65.venue-permission"],
    # Era before PP 94/2021 and before the SKB 2022 (PP 53/2010 discipline; PP 42/2004 kode etik).
    "pre-2021-and-pre-skb2022-eras": ["pp42.pre-skb2022.neutrality-ethics", "pp53.4-12a.campaign-organiser",
                                      "pp53.4-13a.favouring-decision", "pp53.4-15c.favouring-decision"],
    # Issue 10 point 6: before PP 94/2021, an appeal or call to vote for a determined ticket on social media or in a
    # recording under PP 53/2010 Pasal 4 angka 13 b / 15 d (uncertain: SE B/71/2017 classes it as kode etik).
    "pre-2021-online-appeal": ["pp53.4-13b.online-appeal", "pp53.4-15d.online-appeal"],
}

# The recommending body (§11 / issue 3): not a rule but the `authorities` of rules/instruments.yaml.
RECOMMENDING_BODY = {date(2024, 8, 22): "kasn", date(2024, 8, 23): "bkn", date(2019, 1, 1): "kasn",
                     date(2024, 11, 1): "bkn"}


@pytest.fixture(scope="module")
def rule_ids(rulebook: Rulebook) -> set[str]:
    return {r.rule.id for r in rulebook.rules}


def test_every_row_has_a_rule() -> None:
    empty = [row for row, ids in COVERAGE.items() if not ids]
    assert not empty, f"§11 rows with no rule: {empty}"


@pytest.mark.parametrize("row", sorted(COVERAGE))
def test_listed_rules_exist(row: str, rule_ids: set[str]) -> None:
    missing = [rule_id for rule_id in COVERAGE[row] if rule_id not in rule_ids]
    assert not missing, f"row '{row}' names rules not in the bundled rulebook: {missing}"


def test_every_rule_belongs_to_a_row(rule_ids: set[str]) -> None:
    mapped = {rule_id for ids in COVERAGE.values() for rule_id in ids}
    assert rule_ids <= mapped, f"rules not mapped to any §11 row: {sorted(rule_ids - mapped)}"


def test_every_rule_has_fires_near_miss_and_boundary_scenarios(rule_ids: set[str]) -> None:
    loaded, problems = load_all(RULES_DIR)
    assert not problems, [p.message for p in problems]
    kinds: dict[str, set[ScenarioKind]] = {}
    for item in loaded:
        scenario = item.scenario
        if scenario.rule is not None:
            kinds.setdefault(scenario.rule, set()).add(scenario.kind)
        assert scenario.rule is None or scenario.rule in rules_exercised(scenario)
    lacking = {rule_id: sorted(set(ScenarioKind) - kinds.get(rule_id, set()))
               for rule_id in sorted(rule_ids) if kinds.get(rule_id, set()) != set(ScenarioKind)}
    assert not lacking, f"rules lacking scenario kinds (by the scenario's `rule` field): {lacking}"


def test_scenarios_name_only_existing_rules(rule_ids: set[str]) -> None:
    loaded, _ = load_all(RULES_DIR)
    unknown = sorted({rule_id for item in loaded for rule_id in rules_exercised(item.scenario)} - rule_ids)
    assert not unknown, f"scenarios name unknown rules: {unknown}"


@pytest.mark.parametrize("day", sorted(RECOMMENDING_BODY))
def test_recommending_body(rulebook: Rulebook, day: date) -> None:
    body = rulebook.authority_on(day)
    assert body is not None and body.key == RECOMMENDING_BODY[day]


def test_every_rule_has_quoted_citations_and_confidence(rulebook: Rulebook) -> None:
    for loaded in rulebook.rules:
        rule = loaded.rule
        assert rule.basis, rule.id
        for citation in [*rule.basis, *rule.sanction.basis]:
            assert citation.text.strip() and citation.address.startswith(("http://", "https://")), rule.id
        assert rule.confidence is not None, rule.id
        if rule.confidence.value != "confirmed":
            assert rule.note is not None, rule.id
