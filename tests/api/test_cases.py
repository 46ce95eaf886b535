"""Cases through the API: create, read, edit, search, evaluate, advance to closing, re-evaluate, statistics, exports."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.api.support import AGENCY_A, Registry, case_body

pytestmark = pytest.mark.every_database


def _new(api: TestClient, registry: Registry, user: str = "admin", **extra: object) -> str:
    response = api.post("/api/v1/cases", json=case_body(**extra), headers=registry.auth(user))
    assert response.status_code == 201, response.text
    number: str = response.json()["number"]
    assert response.headers["location"] == f"/api/v1/cases/{number}"
    return number


def test_a_case_from_creation_to_closing(api: TestClient, registry: Registry) -> None:
    auth = registry.auth("petugas")
    number = _new(api, registry, "petugas")
    evaluated = api.post(f"/api/v1/cases/{number}/evaluate", headers=auth).json()
    assert evaluated["stored"] and evaluated["outcome"] == "violation" and evaluated["first"]
    steps = [("verification", "2024-10-17"), ("examination", "2024-10-21"), ("recommendation_issued", "2024-11-04"),
             ("ppk_follow_up", "2024-11-11")]
    for target, day in steps:
        moved = api.post(f"/api/v1/cases/{number}/advance", json={"to": target, "reason": "lanjut", "on": day},
                         headers=auth)
        assert moved.status_code == 200, moved.text
    assert moved.json()["case"]["status"] == "ppk_follow_up"
    sanction = {"to": "sanction_imposed", "reason": "keputusan PPK", "on": "2024-12-02",
                "sanction": {"tier": "sedang", "sanction": "penurunan jabatan", "decree_number": "800/1/2024",
                             "decree_date": "2024-12-02"}}
    assert api.post(f"/api/v1/cases/{number}/advance", json=sanction, headers=auth).status_code == 200
    closed = api.post(f"/api/v1/cases/{number}/advance", json={"to": "closed", "reason": "selesai"}, headers=auth)
    case = closed.json()["case"]
    assert case["status"] == "closed" and case["next_steps"] == []
    assert [t["to"] for t in case["transitions"]][-2:] == ["sanction_imposed", "closed"]
    assert case["transitions"][3]["details"]["recommending_body"] == "bkn"


def test_a_refused_transition_is_409_naming_the_allowed_ones(api: TestClient, registry: Registry) -> None:
    number = _new(api, registry)
    refused = api.post(f"/api/v1/cases/{number}/advance?lang=en", json={"to": "closed", "reason": "x"},
                       headers=registry.auth("admin"))
    assert refused.status_code == 409 and "allowed: verification" in refused.json()["detail"]
    assert api.get(f"/api/v1/cases/{number}", headers=registry.auth("admin")).json()["status"] == "received"


def test_edit_keeps_verdicts_and_reevaluation_adds_one(api: TestClient, registry: Registry) -> None:
    auth = registry.auth("admin")
    number = _new(api, registry)
    api.post(f"/api/v1/cases/{number}/evaluate", headers=auth)
    before = api.get(f"/api/v1/cases/{number}", headers=auth).json()
    edited = api.patch(f"/api/v1/cases/{number}", json={"edit": {"place": "Aula", "add_forwards": ["BKN"]},
                                                        "reason": "berita acara"}, headers=auth)
    assert edited.status_code == 200 and edited.json()["changes"]["place"] == [None, "Aula"]
    api.post(f"/api/v1/cases/{number}/evaluate", headers=auth)
    after = api.get(f"/api/v1/cases/{number}", headers=auth).json()
    assert after["verdicts"][0] == before["verdicts"][0] and len(after["verdicts"]) == 2
    assert after["latest_verdict"]["incident_id"] == "camat-kumpulkan-kades"
    again = api.post("/api/v1/cases/reevaluate?dry_run=true", headers=auth)
    assert again.status_code == 200 and again.json()["cases"] >= 1


def test_search_filters_and_full_text(api: TestClient, registry: Registry) -> None:
    auth = registry.auth("admin")
    number = _new(api, registry, account="Lurah membagikan video kampanye di grup warga")
    api.post(f"/api/v1/cases/{number}/evaluate", headers=auth)
    found = api.get("/api/v1/cases", params={"q": "VIDEO kampanye"}, headers=auth).json()
    assert [i["number"] for i in found["items"]] == [number]
    assert api.get("/api/v1/cases", params={"q": "video sapi"}, headers=auth).json()["total"] == 0
    by_outcome = api.get("/api/v1/cases", params={"outcome": "violation", "agency": AGENCY_A}, headers=auth).json()
    assert number in [i["number"] for i in by_outcome["items"]]
    bad = api.get("/api/v1/cases", params={"received_from": "kemarin"}, headers=auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "received_from"
    assert api.get("/api/v1/cases", params={"per_page": 1000}, headers=auth).status_code == 422


def test_statistics_and_exports(api: TestClient, registry: Registry) -> None:
    auth = registry.auth("supervisor")
    _new(api, registry)
    stats = api.get("/api/v1/statistics", headers=auth).json()
    assert stats["total"] >= 1 and "received_month" in stats["counts"] and "status" in stats["counts"]
    csv = api.get("/api/v1/exports/cases", headers=auth)
    assert csv.status_code == 200 and csv.text.startswith("number,status") and "attachment" in csv.headers[
        "content-disposition"]
    assert "Warga" not in csv.text  # reporters are never exported
    lines = api.get("/api/v1/exports/statistics?format=jsonl", headers=auth).text.splitlines()
    assert json.loads(lines[0])["dimension"] == "total"


def test_an_unknown_case_and_a_bad_case_file(api: TestClient, registry: Registry) -> None:
    auth = registry.auth("admin")
    assert api.get("/api/v1/cases/NET-1999-000001", headers=auth).status_code == 404
    bad = api.post("/api/v1/cases", json={**case_body(), "source": "rumour"}, headers=auth)
    assert bad.status_code == 422 and "source" in bad.json()["detail"]
    nip = api.post("/api/v1/cases", json={**case_body(), "asn": {"nip": "123"}}, headers=auth)
    assert nip.status_code == 422 and "NIP" in nip.json()["detail"]
