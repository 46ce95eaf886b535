"""POST /evaluate and /evaluate/batch: the CLI's verdict, located errors in the caller's language."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from netralitas.cli import app as cli
from tests.api.support import EXAMPLES, sample


def _cli_verdict(name: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLES / f"{name}.yaml"), "--format", "json", "--explain"])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_yaml_and_json_give_the_cli_verdict(api: TestClient) -> None:
    for name in ("camat-kades", "guru-like", "bukan-asn"):
        expected = _cli_verdict(name)
        as_yaml = api.post("/api/v1/evaluate?explain=true", content=(EXAMPLES / f"{name}.yaml").read_text(),
                           headers={"Content-Type": "application/yaml"})
        as_json = api.post("/api/v1/evaluate?explain=true", json={**sample(name), "id": name})
        assert as_yaml.status_code == as_json.status_code == 200
        assert as_yaml.json() == expected
        assert as_json.json()["findings"] == expected["findings"]


def test_explain_off_lists_what_does_not_apply_by_id_only(api: TestClient) -> None:
    short = api.post("/api/v1/evaluate", json=sample("camat-kades")).json()
    full = api.post("/api/v1/evaluate?explain=true", json=sample("camat-kades")).json()
    assert short["explained"] is False and full["explained"] is True
    assert [n["rule_id"] for n in short["not_applicable"]] == [n["rule_id"] for n in full["not_applicable"]]
    assert all(set(n) == {"rule_id", "subject", "act_id"} for n in short["not_applicable"])
    assert all(n["reasons"] and n["title"] for n in full["not_applicable"])
    assert short["outcome"] == full["outcome"] and short["findings"][0]["conditions_held"]


def test_an_invalid_incident_is_a_located_problem_in_both_languages(api: TestClient) -> None:
    bad = "id: x\nperson: {}\nacts:\n  - kind: tweet\n"
    indonesian = api.post("/api/v1/evaluate", content=bad, headers={"Content-Type": "application/yaml"})
    english = api.post("/api/v1/evaluate?lang=en", content=bad, headers={"Content-Type": "application/yaml"})
    for response in (indonesian, english):
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"
        error = response.json()["errors"][0]
        assert (error["line"], error["column"], error["field"]) == (4, 5, "acts.0.kind")
    assert "bukan salah satu dari" in indonesian.json()["errors"][0]["detail"]
    assert "is not one of" in english.json()["errors"][0]["detail"]
    assert english.json()["title"] == "invalid content" and indonesian.json()["title"] == "isi tidak sah"


def test_accept_language_picks_english(api: TestClient) -> None:
    response = api.post("/api/v1/evaluate", content="[1, 2]", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert response.status_code == 422 and "mapping" in response.json()["detail"]


def test_unsupported_media_and_bad_bytes_are_4xx(api: TestClient) -> None:
    media = api.post("/api/v1/evaluate", content="x", headers={"Content-Type": "image/png"})
    assert media.status_code == 415 and "image/png" in media.json()["detail"]
    latin = api.post("/api/v1/evaluate", content=b"id: \xff\n", headers={"Content-Type": "application/yaml"})
    assert latin.status_code == 400 and "UTF-8" in latin.json()["detail"]


def test_batch_streams_one_line_per_input_with_bad_lines_in_place(api: TestClient) -> None:
    lines = [json.dumps(sample("camat-kades")), "{not json", json.dumps({"id": "x", "person": {}, "acts": "no"}),
             json.dumps(sample("guru-like"))]
    response = api.post("/api/v1/evaluate/batch", content="\n".join(lines) + "\n",
                        headers={"Content-Type": "application/jsonl"})
    assert response.status_code == 200
    out = [json.loads(line) for line in response.text.splitlines()]
    assert [("error" in o) for o in out] == [False, True, True, False]
    assert out[0]["incident_id"] == "camat-kumpulkan-kades" and out[3]["incident_id"] == "guru-like-bakal-calon"
    assert out[1]["error"]["line"] == 2 and "JSON" in out[1]["error"]["problems"][0]["message"]
    assert out[2]["error"]["line"] == 3


def test_openapi_describes_every_body_with_examples(api: TestClient) -> None:
    spec = api.get("/api/v1/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if method in ("post", "patch") and "requestBody" in operation:
                content = operation["requestBody"]["content"]
                has_example = any("example" in c or "examples" in c or "$ref" in c.get("schema", {})
                                  for c in content.values())
                assert has_example, f"{method} {path} has no example"
    assert "Incident" in spec["components"]["schemas"]
    assert api.get("/api/v1/docs").status_code == 200


def test_a_group_incident_gives_the_cli_group_verdict(api: TestClient) -> None:
    path = EXAMPLES / "groups" / "camat-lurah-kampanye.yaml"
    expected = CliRunner().invoke(cli, ["evaluate", str(path), "--format", "json", "--explain"])
    as_yaml = api.post("/api/v1/evaluate?explain=true", content=path.read_text(),
                       headers={"Content-Type": "application/yaml"})
    assert as_yaml.status_code == 200 and as_yaml.json() == json.loads(expected.stdout)
    as_json = api.post("/api/v1/evaluate", json=sample("groups/camat-lurah-kampanye")).json()
    assert as_json["kind"] == "group" and as_json["outcome"] == as_yaml.json()["outcome"]
    assert all(not p["verdict"]["explained"] for p in as_json["persons"])
    assert all(p["verdict"]["explained"] and p["verdict"]["not_applicable"] for p in as_yaml.json()["persons"])


def test_an_invalid_group_incident_is_a_located_problem(api: TestClient) -> None:
    bad = "id: g\npersons:\n  - id: camat\nacts:\n  - kind: attend_campaign\n    by: [lurah]\n"
    for lang, words in (("id", "'by' menyebut orang yang tidak dikenal 'lurah'"),
                        ("en", "'by' names unknown person 'lurah'")):
        response = api.post(f"/api/v1/evaluate?lang={lang}", content=bad, headers={"Content-Type": "application/yaml"})
        assert response.status_code == 422, response.text
        error = response.json()["errors"][0]
        assert (error["line"], error["column"], error["field"]) == (6, 10, "acts.0.by.0")
        assert words in error["detail"]
    calendar = "id: g\npersons:\n  - id: a\nelection:\n  calendar: pilkada-2042\n"
    error = api.post("/api/v1/evaluate?lang=en", content=calendar,
                     headers={"Content-Type": "application/yaml"}).json()["errors"][0]
    assert (error["line"], error["field"]) == (5, "election.calendar")
    assert "unknown election calendar" in error["detail"]


def test_openapi_offers_a_group_incident_body(api: TestClient) -> None:
    spec = api.get("/api/v1/openapi.json").json()
    body = spec["paths"]["/api/v1/evaluate"]["post"]["requestBody"]["content"]["application/json"]
    assert {"$ref": "#/components/schemas/GroupIncident"} in body["schema"]["anyOf"]
    assert "camat-lurah-kampanye" in body["examples"]
    assert "GroupIncident" in spec["components"]["schemas"] and "GroupVerdict" in spec["components"]["schemas"]
