"""`netralitas rules doc` and `netralitas rules diff`: their real output on the bundled rulebook and edited copies."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netralitas.authoring.rulediff import bundled_incidents_dir
from netralitas.cli import app
from netralitas.rulebook import Rulebook, bundled_rules_dir
from tests.rulebook_copy import copy_bundled, edit_rules, rule_named

runner = CliRunner()
PP94 = "pp-94-2021/pasal-5-huruf-n.yaml"


def _rules(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["rules", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# --- rules doc ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("md")
    code, output = _rules("doc", "--format", "md", "--out", str(out))
    assert code == 0, output
    assert f"Ditulis: {out / 'index.md'}, {out / 'coverage.md'}" in output
    return out


def test_markdown_is_by_instrument_and_article_with_quoted_text(markdown: Path) -> None:
    index = (markdown / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# Buku aturan netralitas ASN")
    assert "## PP 94/2021 — " in index
    section = index[index.index("### PP 94/2021 Pasal 5 huruf n angka 5"):]
    section = section[: section.index("\n### ", 1)]
    assert "> PNS dilarang: ... n. memberikan dukungan kepada calon" in section
    assert "#### `pp94.5n5.favouring-decision` — Membuat keputusan" in section
    for words in ("| Tingkat sanksi | **berat** |", "| Keyakinan | confirmed |", "| Kategori | disiplin |",
                  f"| Berkas | `{PP94}:", "**Syarat:**", "status kepegawaian adalah PNS",
                  "**Skenario uji:**", "camat favours a paslon after determination (fires, "):
        assert words in section, words


def test_markdown_articles_follow_natural_order(markdown: Path) -> None:
    index = (markdown / "index.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### PP 94/2021 Pasal 5 huruf n angka (\d+)$", index, re.MULTILINE)
    assert headings == sorted(headings, key=int) and len(headings) >= 3


def test_markdown_coverage_page(markdown: Path) -> None:
    coverage = (markdown / "coverage.md").read_text(encoding="utf-8")
    for heading in ("## Ketentuan yang dikutip tetapi belum diuji", "## Jalur fakta yang tidak dipakai aturan mana pun",
                    "## Jenis perbuatan yang tidak dipakai aturan mana pun",
                    "## Aturan dan kutipan dengan keyakinan rendah"):
        assert heading in coverage
    untested = coverage.split("## Ketentuan yang dikutip tetapi belum diuji")[1].split("\n## ")[0]
    assert "PP 94/2021 Pasal 5 huruf n angka 5" not in untested  # exercised by the bundled scenarios
    low = coverage.split("## Aturan dan kutipan dengan keyakinan rendah")[1]
    assert "`pp94.5n1.campaign-attendance` — secondary" in low


def test_coverage_lists_provisions_no_scenario_exercises(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)
    for scenarios in book.rglob("*.tests.yaml"):
        scenarios.unlink()
    code, _ = _rules("doc", "--format", "md", "--out", str(tmp_path / "out"), "--rules", str(book))
    assert code == 0
    coverage = (tmp_path / "out" / "coverage.md").read_text(encoding="utf-8")
    untested = coverage.split("## Ketentuan yang dikutip tetapi belum diuji")[1].split("\n## ")[0]
    assert "- [PP 94/2021 Pasal 5 huruf n angka 5](index.md#pp-94-2021-pasal-5-huruf-n-angka-5)" in untested
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert '<a id="pp-94-2021-pasal-5-huruf-n-angka-5"></a>' in index
    assert "**Skenario uji:** *belum diuji*" in index


def test_markdown_in_english(tmp_path: Path) -> None:
    code, output = _rules("doc", "--format", "md", "--out", str(tmp_path), "--lang", "en")
    assert code == 0 and "Wrote: " in output
    index = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# ASN neutrality rulebook")
    assert "| Sanction tier | **berat** |" in index and "**Conditions:**" in index
    assert "## Provisions cited but untested" in (tmp_path / "coverage.md").read_text(encoding="utf-8")


def test_html_is_static_and_searchable(tmp_path: Path) -> None:
    code, _ = _rules("doc", "--out", str(tmp_path))
    assert code == 0
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<input id="search" type="search"' in index
    assert 'id="rule-pp94.5n5.favouring-decision"' in index
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", index), "the page must need nothing else"
    ids = re.findall(r' id="([^"]+)"', index)
    assert len(ids) == len(set(ids)), "duplicate element ids"
    coverage = (tmp_path / "coverage.html").read_text(encoding="utf-8")
    for anchor in re.findall(r'href="index\.html#([^"]+)"', coverage):
        assert f'id="{anchor}"' in index


def test_doc_refuses_a_broken_rulebook(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path)
    (book / "bad.yaml").write_text("rules: [\n", encoding="utf-8")
    code, output = _rules("doc", "--out", str(tmp_path / "out"), "--rules", str(book))
    assert code == 3
    assert "bad.yaml:" in output and "kesalahan sintaks YAML" in output
    assert not (tmp_path / "out").exists()


# --- rules diff --------------------------------------------------------------------------------------------

def _block(output: str, incident: str) -> str:
    """The lines `rules diff` prints under one incident."""
    return re.split(r"\n(?=\S|  \S)", output.split(f"\n  {incident}\n", 1)[1])[0]


NEW_RULE_ID = "pp94.5n2.campaign-with-attributes-test-copy"


def _edit(rules: list[dict[str, Any]]) -> None:
    rule_named(rules, "pp94.5n2.campaign-with-attributes")["sanction"]["tier"] = "berat"
    favouring = rule_named(rules, "pp94.5n5.favouring-decision")
    rules.remove(favouring)
    added = copy.deepcopy(rule_named(rules, "pp94.5n2.campaign-with-attributes"))
    added.update(id=NEW_RULE_ID, topic="test-copy")
    added["sanction"]["tier"] = "ringan"
    added["when"]["all"] = [c for c in added["when"]["all"] if c.get("fact") != "act.attributes"]
    rules.append(added)


@pytest.fixture()
def edited(tmp_path: Path) -> Path:
    book = copy_bundled(tmp_path, "new")
    assert not any("pp94.5n5.favouring-decision" in r.rule.exception_to for r in Rulebook.load(book).rules), (
        "another rule is an exception to pp94.5n5.favouring-decision: pick another rule to delete")
    edit_rules(book / PP94, _edit)
    return book


def test_diff_names_added_removed_and_changed_rules_and_verdicts(edited: Path) -> None:
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(edited))
    assert code == 0, output
    assert f"Aturan ditambahkan (1): {NEW_RULE_ID}" in output
    assert "Aturan dihapus (1): pp94.5n5.favouring-decision" in output
    changed = output.split("Aturan diubah")[1].split("Putusan yang berubah")[0]
    assert "  pp94.5n2.campaign-with-attributes\n    sanction.tier: sedang → berat\n" in changed
    changes = re.search(r"Putusan yang berubah \(dari (\d+) insiden\): (\d+)", output)
    assert changes and int(changes[1]) >= 8 and int(changes[2]) >= 2, output
    camat = _block(output, "camat-kades.yaml")
    assert "- pp94.5n5.favouring-decision [rapat-kades] disiplin/berat" in camat
    attributes = _block(output, "kampanye-atribut.yaml")
    assert "- pp94.5n2.campaign-with-attributes [kampanye-lapangan] disiplin/sedang" in attributes
    assert "+ pp94.5n2.campaign-with-attributes [kampanye-lapangan] disiplin/berat" in attributes
    assert f"+ {NEW_RULE_ID} [kampanye-lapangan] disiplin/ringan" in attributes
    assert "akibat keseluruhan: hukuman disiplin sedang → hukuman disiplin berat" in attributes


def test_diff_tells_condition_changes_in_plain_language(tmp_path: Path) -> None:
    book = copy_bundled(tmp_path, "new")

    def narrow(rules: list[dict[str, Any]]) -> None:
        conditions = rule_named(rules, "pp94.5n5.favouring-decision")["when"]["all"]
        next(c for c in conditions if c.get("fact") == "act.effect")["in"] = ["favours"]

    edit_rules(book / PP94, narrow)
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(book), "--lang", "en")
    assert code == 0
    assert "Rules added (0): none" in output and "Rules removed (0): none" in output
    assert "    when - effect is one of favours, harms\n    when + effect is one of favours\n" in output


def test_diff_over_a_chosen_incident_folder(edited: Path, tmp_path: Path) -> None:
    folder = tmp_path / "incidents"
    folder.mkdir()
    (folder / "camat.yaml").write_bytes((bundled_incidents_dir() / "camat-kades.yaml").read_bytes())
    (folder / "broken.yaml").write_text("id: x\nperson: {employment_status: pnss}\n", encoding="utf-8")
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(edited), "--incidents", str(folder),
                          "--lang", "en")
    assert code == 0
    assert "Verdicts that change (over 2 incidents): 1" in output
    assert "  camat.yaml\n    - pp94.5n5.favouring-decision [rapat-kades] disiplin/berat" in output
    assert re.search(r"Incidents skipped: \S*broken\.yaml:\d+:\d+: .*pnss", output), output


def test_identical_rulebooks_change_nothing(tmp_path: Path) -> None:
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(copy_bundled(tmp_path)))
    assert code == 0
    assert "Aturan diubah (0):" in output and "Tidak ada putusan yang berubah (dari" in output


def test_diff_of_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(tmp_path / "nowhere"))
    assert code == 3
    assert "folder buku aturan tidak ditemukan" in output


@pytest.mark.parametrize(("args", "words"), [
    (["diff", "{book}", "--rules", "{book}", "--incidents", "{tmp}/nowhere"],
     "Berkas atau folder tidak ditemukan: {tmp}/nowhere"),
    (["doc", "--out", "{tmp}/a-file"], "Tidak dapat menulis ke {tmp}/a-file"),
    (["test", "{tmp}/nowhere.tests.yaml"], "Berkas atau folder tidak ditemukan: {tmp}/nowhere.tests.yaml"),
])
def test_bad_paths_are_clear_errors(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    fill = {"book": str(bundled_rules_dir()), "tmp": str(tmp_path)}
    code, output = _rules(*(a.format(**fill) for a in args))
    assert code == 2
    assert words.format(**fill) in output


def test_diff_compares_each_person_of_a_group_incident(edited: Path) -> None:
    code, output = _rules("diff", str(bundled_rules_dir()), "--rules", str(edited), "--lang", "en")
    assert code == 0, output
    assert "Incidents skipped" not in output, output
    sukamaju = _block(output, "camat-lurah-kampanye.yaml [lurah-sukamaju]")
    assert f"+ {NEW_RULE_ID} [kaos-paslon] disiplin/ringan" in sukamaju
