"""The verdict page's headline for every outcome state, and a page that tolerates compact verdicts."""

from __future__ import annotations

from typing import Any

import pytest

from netralitas import Evaluator, load_incident
from netralitas.evaluation.verdict import OutcomeState
from netralitas.web import verdict_view
from netralitas.web.pages import environment, words
from tests.conftest import EXAMPLES

# sample -> (state, the headline in Bahasa Indonesia, in English)
HEADLINES = {
    "camat-kades": ("violation", "pelanggaran ditemukan", "violation found"),
    "pasangan-cltn-bersyarat": (
        "conditional",
        "pelanggaran, kecuali Mendampingi suami/istri calon saat CLTN, tanpa dukungan aktif, atribut atau gestur "
        "keberpihakan (belum diketahui: memberikan dukungan aktif, atribut, gestur)",
        "violation, unless Accompanying a candidate spouse while on CLTN, without active support, attributes or "
        "partisan gestures (not yet known: active support, attributes, gestures)"),
    "guru-hadir-tanpa-pemilihan": (
        "undetermined",
        "belum dapat diputuskan: bergantung pada memberikan dukungan aktif, atribut, tahapan pemilihan, status "
        "sasaran (bakal calon/calon)",
        "not yet decidable: depends on active support, attributes, election phase, target standing"),
    "pasangan-cltn": ("no_violation", "tidak ditemukan pelanggaran", "no violation found"),
    "bukan-asn": ("out_of_scope", "di luar lingkup hukum yang dikodekan", "outside the encoded law"),
}


@pytest.mark.parametrize("name", sorted(HEADLINES))
def test_the_headline_names_the_state_and_what_decides_it(evaluator: Evaluator, name: str) -> None:
    state, indonesian, english = HEADLINES[name]
    verdict = evaluator.evaluate(load_incident(EXAMPLES / f"{name}.yaml"))
    assert verdict_view.state(verdict) == state
    assert verdict_view.headline(verdict, "id") == indonesian
    assert verdict_view.headline(verdict, "en") == english


def _render(verdict: Any) -> str:
    view = {"state": verdict_view.state(verdict), "headline": verdict_view.headline(verdict, "id"),
            "extras": verdict_view.extras(verdict, "id")}
    return environment().get_template("verdict.html.j2").render(
        lang="id", w=words("id"), label=lambda kind, value: value or "", csrf="", user=None, path="/",
        outcome_states=[], verdict=verdict, view=view, case_number=None)


def test_a_compact_verdict_renders(evaluator: Evaluator) -> None:
    """Verdicts not explained carry no titles or reasons for what does not apply, no conditions for what is open."""
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "guru-hadir-tanpa-pemilihan.yaml"))
    compact = verdict.model_copy(update={
        "not_applicable": [n.model_copy(update={"title": None, "reasons": None}) for n in verdict.not_applicable],
        "undetermined": [u.model_copy(update={"conditions_held": None}) for u in verdict.undetermined],
        "not_checked": [u.model_copy(update={"conditions_held": None}) for u in verdict.not_checked]})
    html = _render(compact)
    assert "belum dapat diputuskan: bergantung pada" in html
    assert all(n.rule_id in html for n in verdict.not_applicable)
    assert 'class="not-checked"' in html and "Keterangan lain" not in html


def test_out_of_scope_has_no_recommending_body(evaluator: Evaluator) -> None:
    verdict = evaluator.evaluate(load_incident(EXAMPLES / "camat-kades.yaml"))
    assert verdict.recommending_body is not None and 'class="recommending"' in _render(verdict)
    outside = verdict.outcome.model_copy(update={"state": OutcomeState.OUT_OF_SCOPE})
    html = _render(verdict.model_copy(update={"outcome": outside}))
    assert 'class="recommending"' not in html
    assert "di luar lingkup hukum yang dikodekan" in html
