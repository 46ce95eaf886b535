"""The web application in a real browser: Debian's Chromium driven by Playwright against a real uvicorn server.

The server runs on 127.0.0.1 on a free port with its own SQLite registry. Without Chromium or Playwright the tests
are skipped, unless NETRALITAS_REQUIRE_BROWSER is set (CI sets it): then a missing browser fails. Screenshots of
the intake, verdict, case and statistics pages are written to docs/screenshots/ for the README.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netralitas.cli import app as cli_app
from tests.api.support import EXAMPLES, PASSWORD, Registry, case_body, registry_on

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def registry(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Registry:
    """SQLite, or PostgreSQL for the tests marked `every_database` (emptied for each server)."""
    return registry_on(request, tmp_path_factory.mktemp("browser-registry"))


@pytest.fixture(scope="module")
def server(registry: Registry) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "NETRALITAS_DB": registry.url, "NETRALITAS_SECRET_KEY": "browser-test-secret-key-0123",
           "NETRALITAS_RATE_LIMIT": "0"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "netralitas.web.app:app_from_env",
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/rulebook", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the server did not start")
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    opened.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server, "data:")) else None)
    yield opened
    context.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not outside, f"requests outside the application: {outside}"


def _login(page: Any, user: str = "petugas") -> None:
    page.goto("/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()


def _cli_summary(name: str) -> str:
    result = CliRunner().invoke(cli_app, ["evaluate", str(EXAMPLES / f"{name}.yaml"), "--format", "json"])
    summary: str = json.loads(result.stdout)["outcome"]["summary"]["id"]
    return summary


def _answer(page: Any, path: str, value: Any) -> None:
    selector = f'[name="{path}"]'
    kind = page.get_attribute(selector, "type") if page.locator(selector).first.evaluate(
        "n => n.tagName") == "INPUT" else "select"
    if kind == "select":
        page.select_option(selector, str(value))
    elif kind == "radio":
        page.check(f'{selector}[value="{value}"]')
    elif kind == "checkbox":
        for item in value or ["__none__"]:
            page.check(f'{selector}[value="{item}"]')
    else:
        page.fill(selector, str(value))


def _complete(page: Any, answers: dict[str, Any]) -> None:
    """Answer whatever the intake asks that the incident knows, step by step, until it asks nothing new we know."""
    answered: set[str] = set()
    for _ in range(8):
        asked = {p for p in answers if page.locator(f'[name="{p}"]').count()}
        for path in asked:
            _answer(page, path, answers[path])
        page.click("#next")
        page.wait_for_load_state()
        if asked <= answered:
            return
        answered |= asked


# field name -> answer; an act's facts are `acts.N.<path>` (N from 1)
INTAKES = {
    "camat-kades": {"person.employment_status": "pns", "person.position_class": "administrator",
                    "person.office": "camat", "election.calendar": "pilkada-2024", "election.race": "bupati",
                    "acts.1.kind": "favouring_decision", "acts.1.date": "2024-10-14",
                    "acts.1.target.kind": "candidate", "acts.1.effect": "favours", "acts.1.channel": "in_person"},
    "guru-like": {"person.employment_status": "pns", "person.position_class": "fungsional", "person.office": "guru",
                  "election.calendar": "pemilu-2024", "election.race": "presiden", "acts.1.kind": "social_media_like",
                  "acts.1.date": "2023-10-20", "acts.1.target.kind": "candidate", "acts.1.channel": "social_media",
                  "acts.1.publicly_accessible": "true"},
}
TWO_ACTS = {**INTAKES["camat-kades"], "acts.2.kind": "social_media_campaign", "acts.2.date": "2024-10-18",
            "acts.2.target.kind": "candidate", "acts.2.channel": "social_media", "acts.2.publicly_accessible": "true"}


@pytest.mark.parametrize("name", sorted(INTAKES))
def test_the_intake_reaches_the_cli_verdict(page: Any, name: str) -> None:
    page.goto("/intake")
    answers = INTAKES[name]
    _complete(page, answers)
    assert _cli_summary(name) in page.inner_text(".provisional")
    if name == "camat-kades":
        page.screenshot(path=str(SHOTS / "intake.png"), full_page=False)
        page.click('button[value="verdict"]')
        page.wait_for_load_state()
        assert _cli_summary(name) in page.inner_text(".headline")
        page.screenshot(path=str(SHOTS / "verdict.png"), full_page=False)
        link = page.locator(".citations a").first
        assert link.get_attribute("href").startswith("/rulebook#")


def _rule_ids(page: Any, selector: str) -> list[str]:
    return [page.inner_text(f"{selector} >> nth={i} >> code") for i in range(page.locator(selector).count())]


def test_an_intake_with_two_acts_reaches_the_cli_verdict(page: Any) -> None:
    page.goto("/intake")
    page.click("#add-act")
    page.wait_for_load_state()
    assert page.locator("section.act").count() == 2
    _complete(page, TWO_ACTS)
    name = "camat-rapat-dan-unggahan"
    assert _cli_summary(name) in page.inner_text(".provisional")
    # each act is asked only what its own open provisions need: the decision's effect for the first act
    assert page.locator('#act-1 [name="acts.1.effect"]').count() == 1
    assert page.locator('#act-2 [name="acts.2.effect"]').count() == 0
    page.screenshot(path=str(SHOTS / "intake-two-acts.png"), full_page=True)
    cli = json.loads(CliRunner().invoke(cli_app, ["evaluate", str(EXAMPLES / f"{name}.yaml"), "--format",
                                                  "json"]).stdout)
    assert _rule_ids(page, ".provisional .finding") == [f["rule_id"] for f in cli["findings"]]
    assert "act-2" in page.inner_text(".provisional .finding >> nth=2")
    # an act removed is gone from the incident, and the verdict follows
    page.click('button[value="remove-act-1"]')
    page.wait_for_load_state()
    assert page.locator("section.act").count() == 1
    assert page.input_value('[name="acts.1.kind"]') == "social_media_campaign"
    assert "uu10.71-1.188.favouring-decision" not in page.inner_text(".provisional")


def test_the_intake_by_keyboard_alone(page: Any) -> None:
    page.goto("/intake")
    page.focus("#q-person-employment_status")
    page.keyboard.press("ArrowDown")  # the first status: pns
    for _ in range(5):
        page.keyboard.press("Tab")  # position class, office, election, race, act kind
    page.keyboard.press("ArrowDown")  # the first act kind: a social-media post
    page.keyboard.press("Tab")
    page.keyboard.type("10202023")  # the date field takes month, day, year (the browser's en-US locale)
    while page.evaluate("document.activeElement.id") != "next":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.input_value("#q-person-employment_status") == "pns", page.inner_text("main")
    assert page.input_value("#q-acts-1-kind") == "social_media_post", page.inner_text("main")
    assert page.input_value("#q-acts-1-date") == "2023-10-20"
    assert page.locator(".question.upcoming").count() > 0
    assert page.evaluate("document.activeElement.closest('.question.upcoming') !== null")
    assert page.inner_text(".provisional .state")
    # a second act, by keyboard: the add button adds one and takes the keyboard to it
    page.focus("#add-act")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("section.act").count() == 2
    assert page.evaluate("document.activeElement.id") == "q-acts-2-kind"
    # Enter in a field evaluates: it never presses an act's remove button
    page.focus("#q-acts-1-date")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("section.act").count() == 2
    assert page.input_value("#q-acts-1-kind") == "social_media_post"


@pytest.mark.every_database(scope="module")
def test_login_logout_and_a_case_from_creation_to_closing(page: Any) -> None:
    _login(page)
    assert "petugas" in page.inner_text("header")
    page.goto("/intake")
    assert page.locator("#next").count(), page.inner_text("main")
    _complete(page, INTAKES["camat-kades"])
    page.fill("#q-acts-1-description", "Camat meminta para kepala desa memprioritaskan pendukung paslon 1")
    page.click("details.save summary")
    page.select_option("#case-source", "public_report")
    page.fill("#case-received", "2024-10-16")
    page.fill("#case-place", "Kantor Kecamatan Contoh")
    page.click('button[value="save"]')
    page.wait_for_load_state()
    assert "/cases/NET-" in page.url
    number = page.url.rsplit("/", 1)[-1]
    page.screenshot(path=str(SHOTS / "case.png"), full_page=False)
    steps = [("verification", {}), ("examination", {}), ("recommendation_issued", {}), ("ppk_follow_up", {}),
             ("sanction_imposed", {"sanction": "penurunan jabatan", "decree_number": "800/9/2024"}), ("closed", {})]
    for step, extra in steps:
        form = page.locator(f'form:has(button[data-step="{step}"])')
        form.locator('input[name="reason"]').fill(f"langkah {step}")
        for name, value in extra.items():
            form.locator(f'[name="{name}"]').fill(value)
        if step == "sanction_imposed":
            form.locator('[name="tier"]').select_option("sedang")
            form.locator('[name="decree_date"]').fill(form.locator('[name="on"]').input_value())
        form.locator("button").click()
        page.wait_for_load_state()
    assert "ditutup" in page.inner_text("h1")
    assert page.locator("#next-steps").count() == 0
    page.goto("/cases?q=kepala+desa")
    assert number in page.inner_text(".case-list")
    page.goto("/cases?q=tidakadakatainisamasekali")
    assert page.locator(".case-list").count() == 0
    page.click("header form button")
    page.wait_for_load_state()
    assert "/login" in page.url
    page.goto(f"/cases/{number}")
    assert "/login" in page.url


@pytest.mark.every_database(scope="module")
def test_statistics_page(page: Any, server: str, registry: Registry) -> None:
    body = json.dumps(case_body()).encode()
    request = urllib.request.Request(f"{server}/api/v1/cases", data=body, method="POST", headers={
        **registry.auth("petugas"), "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as created:
        assert created.status == 201
    _login(page, "supervisor")
    page.goto("/stats")
    assert int(page.inner_text("#total")) >= 1
    assert page.locator("svg.chart").count() >= 5
    assert page.locator("#chart-status table").count() == 1
    page.screenshot(path=str(SHOTS / "statistics.png"), full_page=False)


def test_printing_a_verdict_to_pdf(page: Any, tmp_path: Path) -> None:
    page.goto("/evaluate")
    page.fill("#incident", (EXAMPLES / "camat-kades.yaml").read_text())
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    (tmp_path / "verdict.pdf").write_bytes(pdf)


def test_english_on_request(page: Any) -> None:
    page.goto("/intake?lang=en")
    assert "Guided intake" in page.inner_text("h1")
    page.goto("/rulebook")
    assert page.locator(".provision").count() > 10


# sample -> (state, words the headline must say in Bahasa Indonesia, in English)
STATES = {
    "camat-kades": ("violation", ["pelanggaran ditemukan"], ["violation found"]),
    "pasangan-cltn-bersyarat": ("conditional",
                                ["pelanggaran, kecuali", "Mendampingi suami/istri calon saat CLTN",
                                 "belum diketahui", "memberikan dukungan aktif", "gestur"],
                                ["violation, unless", "Accompanying a candidate spouse while on CLTN",
                                 "not yet known", "active support", "gestures"]),
    "guru-hadir-tanpa-pemilihan": ("undetermined", ["belum dapat diputuskan", "bergantung pada", "tahapan pemilihan"],
                                   ["not yet decidable", "depends on", "election phase"]),
    "pasangan-cltn": ("no_violation", ["tidak ditemukan pelanggaran"], ["no violation found"]),
    "bukan-asn": ("out_of_scope", ["di luar lingkup hukum yang dikodekan"], ["outside the encoded law"]),
}


@pytest.mark.parametrize("name", sorted(STATES))
def test_the_verdict_page_headline_in_every_outcome_state(page: Any, name: str) -> None:
    state, indonesian, english = STATES[name]
    cli = json.loads(CliRunner().invoke(cli_app, ["evaluate", str(EXAMPLES / f"{name}.yaml"), "--format",
                                                  "json"]).stdout)
    assert cli["outcome"]["state"] == state
    for lang, words in (("id", indonesian), ("en", english)):
        page.goto(f"/evaluate?lang={lang}")
        page.fill("#incident", (EXAMPLES / f"{name}.yaml").read_text())
        page.click("form.stack button[type=submit]")
        page.wait_for_load_state()
        assert page.locator(f".headline.state-{state}").count() == 1
        headline = page.inner_text(".headline .state")
        for word in words:
            assert word.lower() in headline.lower(), (word, headline)
        text = page.inner_text(".verdict")
        assert cli["outcome"]["summary"][lang] in text
        for note in cli["scope"]["notes"]:
            assert note[lang] in page.inner_text(".headline .scope")
        assert page.locator(".headline .recommending").count() == (0 if state == "out_of_scope" else 1)
        assert page.locator("details.not-checked li").count() == len(cli["not_checked"])
        assert page.locator("article.undetermined").count() == len(cli["undetermined"])
        if state == "conditional":
            assert page.locator(".finding .unless li").count() == sum(len(f["unless"]) for f in cli["findings"])
        if lang == "id":
            page.screenshot(path=str(SHOTS / f"verdict-{state.replace('_', '-')}.png"), full_page=False)
