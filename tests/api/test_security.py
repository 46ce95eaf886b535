"""Access control, CSRF, injection and oversized or malformed input: each refused, nothing stored."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from netralitas.registry.db import read_session
from netralitas.registry.models import AuditEntry, Case
from tests.api.support import AGENCY_B, PASSWORD, Registry, case_body, client, sample

pytestmark = pytest.mark.every_database

SCRIPT = '<script>alert("x")</script>'


def _cases(registry: Registry) -> int:
    with read_session(registry.engine) as session:
        return session.scalar(select(func.count(Case.id))) or 0


def _audit(registry: Registry) -> int:
    with read_session(registry.engine) as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


def test_missing_and_wrong_tokens(api: TestClient, registry: Registry) -> None:
    assert api.get("/api/v1/cases").status_code == 401
    wrong = api.get("/api/v1/cases", headers={"Authorization": "Bearer ntl_not-a-token"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    garbled = api.post("/api/v1/evaluate", json=sample("guru-like"), headers={"Authorization": "Basic abc"})
    assert garbled.status_code == 401  # a bad credential is never treated as anonymous
    assert api.post("/api/v1/cases", json=case_body()).status_code == 401


def test_roles(api: TestClient, registry: Registry) -> None:
    assert api.get("/api/v1/cases", headers=registry.auth("hukum")).status_code == 403
    assert api.get("/api/v1/rulebook", headers=registry.auth("hukum")).status_code == 200
    assert api.post("/api/v1/cases", json=case_body(), headers=registry.auth("supervisor")).status_code == 403
    assert api.get("/api/v1/statistics", headers=registry.auth("supervisor")).status_code == 200


def test_anonymous_can_be_switched_off(registry: Registry) -> None:
    with client(registry, anonymous=False) as closed:
        assert closed.post("/api/v1/evaluate", json=sample("guru-like")).status_code == 401
        assert closed.get("/api/v1/rulebook").status_code == 401
        assert closed.post("/api/v1/evaluate", json=sample("guru-like"),
                           headers=registry.auth("hukum")).status_code == 200


def test_an_officer_never_reaches_another_agencys_case(api: TestClient, registry: Registry) -> None:
    other = api.post("/api/v1/cases", json=case_body(asn={"agency": AGENCY_B}), headers=registry.auth("petugas2"))
    number = other.json()["number"]
    mine = registry.auth("petugas")
    assert api.get(f"/api/v1/cases/{number}", headers=mine).status_code == 404
    assert api.post(f"/api/v1/cases/{number}/evaluate", headers=mine).status_code == 404
    assert api.post(f"/api/v1/cases/{number}/advance", json={"to": "verification", "reason": "x"},
                    headers=mine).status_code == 404
    assert api.patch(f"/api/v1/cases/{number}", json={"edit": {"place": "x"}, "reason": "x"},
                     headers=mine).status_code == 404
    assert number not in [i["number"] for i in api.get("/api/v1/cases?per_page=100", headers=mine).json()["items"]]
    assert number not in api.get("/api/v1/exports/cases", headers=mine).text
    assert api.get(f"/api/v1/cases/{number}", headers=registry.auth("supervisor")).status_code == 200
    # once forwarded to the officer's agency, it is theirs to see
    api.patch(f"/api/v1/cases/{number}", json={"edit": {"add_forwards": ["Pemerintah Kabupaten Contoh"]},
                                               "reason": "diteruskan"}, headers=registry.auth("admin"))
    assert api.get(f"/api/v1/cases/{number}", headers=mine).status_code == 200


def test_no_role_escalation(api: TestClient, registry: Registry) -> None:
    officer = registry.auth("petugas")
    made = api.post("/api/v1/users", json={"username": "boss", "password": PASSWORD, "role": "admin"},
                    headers=officer)
    assert made.status_code == 403
    stolen = api.post("/api/v1/tokens", json={"name": "x", "username": "admin"}, headers=officer)
    assert stolen.status_code == 403
    own = api.post("/api/v1/tokens", json={"name": "laptop"}, headers=officer).json()["token"]
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {own}"}).json()["user"]["role"] == "officer"
    assert api.post("/api/v1/cases/reevaluate", headers=officer).status_code == 403
    extra = api.post("/api/v1/users", json={"username": "x", "password": PASSWORD, "role": "officer",
                                            "is_admin": True}, headers=registry.auth("admin"))
    assert extra.status_code == 422


def _login(api: TestClient, user: str = "petugas") -> str:
    page = api.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    response = api.post("/login", data={"csrf": token.group(1), "username": user, "password": PASSWORD,
                                        "next": "/cases"}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    return token.group(1)


def test_csrf_on_every_form(api: TestClient, registry: Registry) -> None:
    token = _login(api)
    before = (_cases(registry), _audit(registry))
    intake = {"acts.1.kind": "social_media_like", "action": "save", "case.source": "media"}
    assert api.post("/intake", data=intake).status_code == 403
    assert api.post("/intake", data={**intake, "csrf": "0" * 64}).status_code == 403
    assert api.post("/logout", data={}).status_code == 403
    assert api.post("/login", data={"username": "petugas", "password": PASSWORD}).status_code == 403
    # the API behind a cookie session wants the header too
    assert api.post("/api/v1/cases", json=case_body()).status_code == 403
    assert (_cases(registry), _audit(registry)) == before
    assert api.post("/api/v1/cases", json=case_body(), headers={"X-CSRF-Token": token}).status_code == 201


def test_a_wrong_password_opens_no_session(api: TestClient) -> None:
    page = api.get("/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    response = api.post("/login", data={"csrf": token.group(1), "username": "petugas", "password": "salah"})
    assert response.status_code == 401 and "netralitas_session" not in response.headers.get("set-cookie", "")


def test_script_in_every_stored_field_is_rendered_as_text(api: TestClient, registry: Registry) -> None:
    incident = sample("camat-kades")
    incident["title"] = SCRIPT
    incident["person"] = {**incident["person"], "name": SCRIPT, "agency": SCRIPT, "region": SCRIPT}
    incident["acts"][0] = {**incident["acts"][0], "description": SCRIPT, "id": "a1"}
    body = case_body(account=SCRIPT, place=SCRIPT, reporter={"name": SCRIPT, "contact": SCRIPT},
                     evidence=[{"name": SCRIPT, "link": SCRIPT}], officers=[SCRIPT], forwarded_to=[SCRIPT],
                     asn={"position": SCRIPT, "province": SCRIPT, "region": SCRIPT, "agency": SCRIPT})
    body["incident"] = incident
    admin = registry.auth("admin")
    number = api.post("/api/v1/cases", json=body, headers=admin).json()["number"]
    api.post(f"/api/v1/cases/{number}/evaluate", headers=admin)
    api.post(f"/api/v1/cases/{number}/advance", json={"to": "verification", "reason": SCRIPT}, headers=admin)
    _login(api, "admin")
    for path in (f"/cases/{number}", "/cases", f"/cases?q=alert&agency={SCRIPT}", "/stats",
                 f"/cases/{number}/verdicts/1", f"/rulebook/search?q={SCRIPT}"):
        html = api.get(path).text
        assert "<script>alert" not in html, path
    assert "&lt;script&gt;alert" in api.get(f"/cases/{number}").text


@pytest.mark.parametrize("query", ["' OR 1=1 --", '" OR ""="', "x'); DROP TABLE cases; --", "*", "NEAR(a b)",
                                   "kepala AND OR NOT", "\\", "%_%"])
def test_sql_injection_in_search_is_just_text(api: TestClient, registry: Registry, query: str) -> None:
    before = _cases(registry)
    response = api.get("/api/v1/cases", params={"q": query, "agency": query}, headers=registry.auth("admin"))
    assert response.status_code == 200 and response.json()["total"] == 0
    assert _cases(registry) == before


def test_oversized_and_malformed_bodies_store_nothing(fresh: Registry) -> None:
    with client(fresh, max_body_bytes=5_000) as small:
        admin = fresh.auth("admin")
        before = (_cases(fresh), _audit(fresh))
        big = case_body(account="x" * 10_000)
        too_big = small.post("/api/v1/cases", json=big, headers=admin)
        assert too_big.status_code == 413 and too_big.headers["content-type"] == "application/problem+json"

        def chunks() -> object:
            yield b'{"source": "media", "account": "'
            for _ in range(20):
                yield b"y" * 1_000
            yield b'"}'

        streamed = small.post("/api/v1/cases", content=chunks(), headers={**admin, "Content-Type": "application/json"})
        assert streamed.status_code == 413
        for junk in (b"{", b"[]", b'"text"', b"null", b"\xff\xfe"):
            response = small.post("/api/v1/cases", content=junk, headers={**admin, "Content-Type": "application/json"})
            assert 400 <= response.status_code < 500, junk
        no_incident = small.post("/api/v1/cases", json={"source": "media"}, headers=admin)
        assert no_incident.status_code == 422 and "incident" in no_incident.json()["detail"]
        assert (_cases(fresh), _audit(fresh)) == before


def test_rate_limit_answers_429_with_retry_after(fresh: Registry) -> None:
    with client(fresh, rate_limit=3) as limited:
        codes = [limited.get("/api/v1/rulebook").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        last = limited.get("/api/v1/rulebook?lang=en")
        assert last.status_code == 429 and int(last.headers["retry-after"]) >= 1
        assert "per minute" in last.json()["detail"]
