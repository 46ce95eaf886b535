"""The HTML rulebook works in a real browser: headless Debian Chromium driven by Playwright.

The browser is the system's `chromium` (Debian package), never one Playwright downloads. Without
it the test is skipped with the reason, unless NETRALITAS_REQUIRE_BROWSER is set (CI sets it), in
which case a missing browser is a failure: CI can never skip this test silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netralitas.cli import app


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = CliRunner().invoke(app, ["rules", "doc", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out



@pytest.fixture()
def page(browser: Any, site: Path) -> Iterator[Any]:
    opened = browser.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto((site / "index.html").as_uri())
    yield opened
    opened.close()
    assert not errors, f"JavaScript errors: {errors}"


def _visible(page: Any, selector: str) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        selector, "nodes => nodes.filter(n => n.offsetParent !== null).map(n => n.textContent)")
    return texts


def test_search_box_filters_the_provisions(page: Any) -> None:
    everything = _visible(page, ".provision")
    assert len(everything) > 10
    page.fill("#search", "")
    page.type("#search", "gestur")
    shown = _visible(page, ".provision")
    assert 0 < len(shown) < len(everything)
    assert all("gestur" in text.lower() for text in shown)
    assert page.text_content("#search-count").startswith(f"{len(shown)} / {len(everything)}")
    assert "bkn2023.photo.prohibited-gesture" in " ".join(_visible(page, ".rule code"))


def test_several_words_must_all_match(page: Any) -> None:
    page.type("#search", "Kampanye  atribut")
    shown = _visible(page, ".provision")
    assert shown
    assert all("kampanye" in text.lower() and "atribut" in text.lower() for text in shown)
    page.fill("#search", "kampanye")
    assert len(_visible(page, ".provision")) > len(shown)


def test_a_rule_id_finds_its_provision_and_hides_other_instruments(page: Any) -> None:
    instruments = len(_visible(page, ".instrument"))
    page.type("#search", "pp94.5n5.favouring-decision")
    assert "PP 94/2021 Pasal 5 huruf n angka 5" in _visible(page, ".provision h3")
    assert page.locator("[id='rule-pp94.5n5.favouring-decision']").is_visible()
    assert 0 < len(_visible(page, ".instrument")) < instruments


def test_no_match_hides_everything_and_clearing_shows_all_again(page: Any) -> None:
    total = len(_visible(page, ".provision"))
    page.type("#search", "zzzz-tidak-ada")
    assert _visible(page, ".provision") == []
    assert page.text_content("#search-count").startswith(f"0 / {total}")
    page.fill("#search", "")
    assert len(_visible(page, ".provision")) == total


def test_query_in_the_address_is_searched(browser: Any, site: Path) -> None:
    page = browser.new_page()
    page.goto((site / "index.html").as_uri() + "?q=cltn")
    assert page.input_value("#search") == "cltn"
    shown = _visible(page, ".provision")
    assert shown and all("cltn" in text.lower() for text in shown)
    page.close()


def test_coverage_page_links_back_to_provisions(page: Any) -> None:
    page.click("nav >> text=Cakupan")
    assert page.url.endswith("coverage.html")
    link = page.locator("a[href^='index.html#']").first
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert page.url.endswith(f"#{target}")
    assert page.locator(f"[id='{target}']").is_visible()
