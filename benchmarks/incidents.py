"""A seeded generator of synthetic incidents whose mix follows the reported statistics.

The weights come from `shared/legal/sources.md` §9 (KASN 2020-2022 reports, Mendagri to DPR
March 2024, Bawaslu Pilkada 2024): social-media interaction is the largest behaviour (about
30%), then partisan activities, campaign attendance, partisan photos, declarations, banners,
decisions favouring a candidate and party approaches; fungsional and pelaksana staff are the
largest position classes, then JPT, administrator, pengawas and camat/lurah; most reported
acts fall after candidate determination (Bawaslu 2024: 314 of 433 reports were violations).
About one fact in seven is left unknown, so verdicts also exercise undetermined rules.
Incidents are plain JSON-able dicts, exactly what `netralitas evaluate` reads from JSON Lines.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BEHAVIOURS: dict[str, float] = {
    "social_media_like": 8.0, "social_media_comment": 6.0, "social_media_share": 6.0, "social_media_post": 6.0,
    "social_media_follow": 2.0, "social_media_join_group": 2.0, "social_media_campaign": 11.3,
    "partisan_activity": 14.8, "attend_campaign": 12.9, "partisan_photo": 12.6, "attend_declaration": 10.9,
    "banner_installation": 8.0, "favouring_decision": 9.0, "party_approach": 5.6, "self_declaration": 4.0,
    "campaign_team_role": 2.0, "state_facility_use": 2.0, "mobilise_asn": 1.0, "support_letter_with_id": 1.0,
    "accompany_spouse": 1.0, "party_event_speaker": 1.0,
}
"""Act kinds, weighted by the share of reported behaviours (sources.md §9)."""

POSITIONS: dict[tuple[str, str | None], float] = {
    ("fungsional", None): 20.0, ("fungsional", "guru"): 6.5, ("pelaksana", None): 17.2,
    ("jpt_pratama", "kepala_dinas"): 9.0, ("jpt_pratama", "sekretaris_daerah"): 2.7, ("jpt_madya", None): 4.0,
    ("administrator", None): 7.4, ("administrator", "camat"): 6.0, ("pengawas", None): 7.8,
    ("pengawas", "lurah"): 4.0,
}
"""(position class, office) pairs, weighted by the share of reported ASN (sources.md §9)."""

EMPLOYMENT: dict[str, float] = {"pns": 84.0, "pppk": 9.0, "cpns": 4.0, "non_asn": 3.0}
PARTY_MEMBER_SHARE = 0.071
"""Mendagri 2024: 7.1% of proven cases were party members or officers."""
POST_DETERMINATION_SHARE = 0.72
"""Share of acts after candidate determination (Bawaslu Pilkada 2024: 314 of 433)."""
UNKNOWN_SHARE = 0.14
ELECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pemilu-2024", ("presiden", "dpr", "dprd_kabkota")), ("pilkada-2024", ("bupati", "gubernur", "wali_kota")),
    ("pilkada-2020", ("bupati", "wali_kota")), ("pemilu-2019", ("presiden", "dpr")),
)
DETERMINATION = {"pemilu-2024": date(2023, 11, 13), "pilkada-2024": date(2024, 9, 22),
                 "pilkada-2020": date(2020, 9, 23), "pemilu-2019": date(2018, 9, 20)}
ACT_COUNTS = (1, 1, 1, 1, 1, 1, 1, 2, 2, 3)
GESTURES = ("thumb_up", "index_finger", "peace_sign", "three_fingers", "finger_heart", "clenched_fist")
ATTRIBUTES = ("party", "asn", "candidate", "campaign_props", "partisan_background")
ROLES = ("pelaksana_kampanye", "tim_kampanye", "tim_pemenangan", "tim_ahli", "juru_kampanye")


class IncidentGenerator:
    """Synthetic incidents, reproducible from a seed."""

    def __init__(self, seed: int = 2024) -> None:
        self.random = random.Random(seed)
        self._kinds, self._kind_weights = list(BEHAVIOURS), list(BEHAVIOURS.values())
        self._positions, self._position_weights = list(POSITIONS), list(POSITIONS.values())
        self._statuses, self._status_weights = list(EMPLOYMENT), list(EMPLOYMENT.values())

    def _known(self) -> bool:
        return self.random.random() >= UNKNOWN_SHARE

    def _date(self, calendar: str) -> str:
        determination = DETERMINATION[calendar]
        if self.random.random() < POST_DETERMINATION_SHARE:
            day = determination + timedelta(days=self.random.randint(0, 140))
        else:
            day = determination - timedelta(days=self.random.randint(1, 200))
        return day.isoformat()

    def _act(self, calendar: str, label: str) -> dict[str, Any]:
        rnd = self.random
        kind = rnd.choices(self._kinds, self._kind_weights)[0]
        act: dict[str, Any] = {"id": label, "kind": kind, "date": self._date(calendar)}
        if self._known():
            act["target"] = {"kind": rnd.choices(("candidate", "party", "campaign_team"), (80, 12, 8))[0]}
        if kind.startswith("social_media"):
            act["channel"] = "social_media"
            if self._known():
                act["publicly_accessible"] = rnd.random() < 0.85
        if kind in ("partisan_photo", "attend_campaign", "attend_declaration", "banner_installation"):
            if self._known():
                act["attributes"] = _listed(rnd.sample(ATTRIBUTES, rnd.randint(0, 2)))
            if self._known():
                act["gestures"] = _listed(rnd.sample(GESTURES, rnd.randint(0, 2)))
            if self._known():
                act["active_support"] = rnd.random() < 0.6
        if kind == "favouring_decision" and self._known():
            act["effect"] = rnd.choice(("favours", "harms"))
        if kind == "campaign_team_role" and self._known():
            act["role"] = rnd.choice(ROLES)
        if kind in ("attend_campaign", "attend_declaration", "accompany_spouse") and self._known():
            act["accompanying_spouse"] = rnd.random() < 0.1
        return act

    def incident(self, number: int) -> dict[str, Any]:
        """The incident numbered `number` in this generator's sequence."""
        rnd = self.random
        position, office = rnd.choices(self._positions, self._position_weights)[0]
        person: dict[str, Any] = {"name": f"ASN {number}"}
        if self._known():
            person["employment_status"] = rnd.choices(self._statuses, self._status_weights)[0]
        if self._known():
            person["position_class"] = position
        if office is not None:
            person["office"] = office
        if self._known():
            person["party"] = {"member": rnd.random() < PARTY_MEMBER_SHARE}
        if rnd.random() < 0.05:
            person["spouse"] = {"is_candidate": True}
        if self._known():
            person["cltn"] = []
        calendar, races = rnd.choice(ELECTIONS)
        election: dict[str, Any] = {"calendar": calendar}
        if self._known():
            election["race"] = rnd.choice(races)
        acts = [self._act(calendar, f"a{k + 1}") for k in range(rnd.choice(ACT_COUNTS))]
        return {"id": f"syn-{number:07d}", "person": person, "election": election, "acts": acts}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        number = 0
        while True:
            number += 1
            yield self.incident(number)


def generate(count: int, seed: int = 2024) -> list[dict[str, Any]]:
    """`count` synthetic incidents from `seed`."""
    generator = iter(IncidentGenerator(seed))
    return [next(generator) for _ in range(count)]


def write_jsonl(path: Path, count: int, seed: int = 2024) -> None:
    """Write `count` synthetic incidents to `path` as JSON Lines, streaming."""
    generator = iter(IncidentGenerator(seed))
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            out.write(json.dumps(next(generator), ensure_ascii=False) + "\n")


def _listed(items: list[str]) -> list[str] | dict[str, Any]:
    """Every form a report gives a list in: `[]` (none), one item as exactly these, two as at least these."""
    return {"items": items, "complete": True} if len(items) == 1 else items
