"""Hypothesis strategies for incidents, shared by the differential and the outcome property tests."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from netralitas.facts import vocabulary as v


def _maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def _enum(enum: type) -> st.SearchStrategy:
    return st.sampled_from([e.value for e in enum])


dates = st.dates(min_value=datetime.date(2012, 1, 1), max_value=datetime.date(2026, 1, 1))

acts = st.fixed_dictionaries({"kind": _enum(v.ActKind)}, optional={
    "date": dates.map(str),
    "target": st.fixed_dictionaries({}, optional={"kind": _enum(v.TargetKind), "standing": _enum(v.Standing),
                                                  "independent": st.booleans()}),
    "active_support": st.booleans(),
    "accompanying_spouse": st.booleans(),
    "gestures": st.lists(_enum(v.Gesture), max_size=3),
    "attributes": st.lists(_enum(v.Attribute), max_size=3),
    "role": _enum(v.CampaignRole),
    "effect": _enum(v.Effect),
    "publicly_accessible": st.booleans(),
})

incidents = st.fixed_dictionaries({
    "id": st.just("generated"),
    "person": st.fixed_dictionaries({}, optional={
        "employment_status": _enum(v.EmploymentStatus),
        "party": st.fixed_dictionaries({}, optional={"member": st.booleans()}),
        "spouse": st.fixed_dictionaries({}, optional={"is_candidate": st.booleans()}),
        "cltn": st.lists(st.fixed_dictionaries({"start": st.just("2023-01-01"), "end": st.just("2024-12-31")}),
                         max_size=1),
    }),
    "acts": st.lists(acts, max_size=4),
}, optional={
    "date": dates.map(str),
    "election": st.sampled_from([
        {"calendar": "pemilu-2024", "race": "presiden"}, {"calendar": "pemilu-2024", "race": "dpr"},
        {"calendar": "pilkada-2024", "race": "bupati"}, {"calendar": "pilkada-2020", "race": "gubernur"},
        {"calendar": "pemilu-2019", "race": "dprd_kabkota"}, {"race": "wali_kota"}]),
})
