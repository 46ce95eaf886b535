"""The rulebook, read-only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from netralitas import Rulebook
from netralitas.version import __version__


def test_hash_version_rules_instruments_calendars(api: TestClient) -> None:
    book = Rulebook.load()
    info = api.get("/api/v1/rulebook").json()
    assert info["content_hash"] == book.content_hash and info["engine_version"] == __version__
    rules = api.get("/api/v1/rulebook/rules").json()
    assert len(rules) == len(book.rules) == info["rules"]
    first = rules[0]["id"]
    one = api.get(f"/api/v1/rulebook/rules/{first}").json()
    assert one["id"] == first and one["source"]["line"]
    assert {i["key"] for i in api.get("/api/v1/rulebook/instruments").json()} == set(book.instruments)
    assert {c["id"] for c in api.get("/api/v1/rulebook/calendars").json()} == set(book.calendars)


def test_unknown_rule_suggests_the_nearest(api: TestClient) -> None:
    first = Rulebook.load().rules[0].rule.id
    response = api.get(f"/api/v1/rulebook/rules/{first[:-1]}x")
    assert response.status_code == 404 and first in response.json()["detail"]


def test_schemas(api: TestClient) -> None:
    for name in ("facts", "rules", "verdict"):
        assert api.get(f"/api/v1/schemas/{name}").json()["$schema"].startswith("https://json-schema.org")
    missing = api.get("/api/v1/schemas/nope?lang=en")
    assert missing.status_code == 404 and "known:" in missing.json()["detail"]
