"""Rendering pages: the Jinja2 environment (autoescaped), the words of the interface, the common context."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from netralitas.api.problems import request_lang
from netralitas.api.security import account, csrf_token, set_cookie
from netralitas.authoring.docgen import provision_anchor
from netralitas.lang.labels import CATEGORY_LABELS, TIER_LABELS
from netralitas.registry.accounts import ROLE_LABELS
from netralitas.registry.vocabulary import OUTCOME_LABELS, SOURCE_LABELS, STATUS_LABELS, OutcomeState
from netralitas.text import Lang, LocalizedText

WORDS: dict[str, tuple[str, str]] = {
    "app": ("netralitas — netralitas ASN", "netralitas — ASN neutrality"),
    "intake": ("Asesmen terpandu", "Guided intake"), "evaluate": ("Evaluasi berkas", "Evaluate a file"),
    "cases": ("Perkara", "Cases"), "stats": ("Statistik", "Statistics"), "rulebook": ("Kitab aturan", "Rulebook"),
    "login": ("Masuk", "Sign in"), "logout": ("Keluar", "Sign out"), "username": ("Nama pengguna", "Username"),
    "password": ("Kata sandi", "Password"), "signed_in_as": ("Masuk sebagai", "Signed in as"),
    "language": ("English", "Bahasa Indonesia"), "unknown": ("tidak diketahui", "not known"),
    "next": ("Evaluasi dan lanjutkan", "Evaluate and continue"), "verdict": ("Putusan", "Verdict"),
    "provisional": ("Putusan sementara", "Provisional verdict"), "full_verdict": ("Lihat putusan lengkap",
                                                                                  "Show the full verdict"),
    "download": ("Unduh berkas insiden (YAML)", "Download the incident file (YAML)"),
    "save_case": ("Simpan sebagai perkara", "Save as a case"), "start": ("Pertanyaan awal", "First questions"),
    "needed": ("Pertanyaan berikutnya (dibutuhkan aturan)", "Next questions (the rulebook needs them)"),
    "none_needed": ("Tidak ada fakta lagi yang dibutuhkan aturan.", "The rulebook needs no further facts."),
    "about_report": ("Tentang laporan (tidak memengaruhi putusan)", "About the report (does not affect the verdict)"),
    "findings": ("Temuan", "Findings"), "missing": ("Fakta yang belum diketahui", "Facts not yet known"),
    "undetermined": ("Belum dapat diputuskan", "Not yet decidable"), "set_aside": ("Dikesampingkan", "Set aside"),
    "permitted": ("Diperbolehkan", "Permitted"), "not_applicable": ("Tidak berlaku", "Not applicable"),
    "why": ("Mengapa", "Why"), "tier": ("Tingkat hukuman", "Sanction tier"), "options": ("Pilihan hukuman",
                                                                                       "Sanction options"),
    "basis": ("Dasar hukum", "Legal basis"), "conditions": ("Syarat yang terpenuhi", "Conditions met"),
    "recommending": ("Lembaga pemberi rekomendasi", "Recommending body"), "scope": ("Cakupan", "Scope"),
    "provenance": ("Jejak", "Provenance"), "print": ("Cetak / simpan PDF", "Print / save as PDF"),
    "other": ("Keterangan lain", "Other details"), "competent": ("Jalur penanganan", "Competent path"),
    "conflicts": ("Pertentangan", "Conflicts"), "by_rule": ("oleh", "by"),
    "search": ("Cari", "Search"), "filter": ("Saring", "Filter"), "all": ("semua", "all"),
    "status": ("Status", "Status"), "agency": ("Instansi", "Agency"), "province": ("Provinsi", "Province"),
    "outcome": ("Hasil", "Outcome"), "overdue": ("lewat tenggat", "overdue"), "due": ("Tenggat", "Due"),
    "received": ("Diterima", "Received"), "number": ("Nomor", "Number"), "asn": ("ASN", "ASN"),
    "total": ("Jumlah", "Total"), "timeline": ("Riwayat", "Timeline"), "verdicts": ("Putusan dari waktu ke waktu",
                                                                                 "Verdicts over time"),
    "deadlines": ("Tenggat", "Deadlines"), "next_steps": ("Langkah berikutnya", "Next steps"),
    "reason": ("Alasan", "Reason"), "on": ("Tanggal", "Date"), "evaluate_now": ("Evaluasi ulang sekarang",
                                                                               "Evaluate again now"),
    "source": ("Sumber", "Source"), "account": ("Uraian", "Account"), "evidence": ("Bukti", "Evidence"),
    "officers": ("Petugas", "Officers"), "forwarded": ("Diteruskan ke", "Forwarded to"),
    "reporter": ("Pelapor", "Reporter"), "contact": ("Kontak", "Contact"), "nip": ("NIP", "NIP"),
    "place": ("Tempat", "Place"), "received_on": ("Tanggal diterima", "Date received"),
    "new_case": ("Perkara baru dari asesmen", "New case from the intake"), "page": ("Halaman", "Page"),
    "no_cases": ("Tidak ada perkara yang cocok.", "No matching cases."), "chart_table": ("Tabel", "Table"),
    "follow_up": ("Tingkat tindak lanjut", "Follow-up rate"), "value": ("Nilai", "Value"),
    "count": ("Perkara", "Cases"), "error": ("Ada yang perlu diperbaiki", "Something needs fixing"),
    "sanction_fields": ("Untuk 'sudah dijatuhi hukuman'", "For 'sanction imposed'"),
    "decree_number": ("Nomor keputusan", "Decree number"), "decree_date": ("Tanggal keputusan", "Decree date"),
    "sanction": ("Hukuman", "Sanction"), "incident_text": ("Insiden (YAML atau JSON)", "Incident (YAML or JSON)"),
    "file": ("atau unggah berkas", "or upload a file"), "changed": ("berubah dari putusan sebelumnya",
                                                                   "changed from the previous verdict"),
    "skip": ("Langsung ke isi", "Skip to content"), "rulebook_search": ("Cari ketentuan", "Search provisions"),
    "facets": ("Ringkasan hasil", "Result facets"), "in_force": ("Berlaku", "In force"),
    "officer": ("Petugas", "Officer"), "act": ("Perbuatan", "Act"),
    "add_act": ("Tambah perbuatan", "Add an act"), "remove_act": ("Hapus perbuatan", "Remove act"),
    "needed_act": ("Dibutuhkan aturan untuk perbuatan ini", "The rulebook needs this for this act"),
    "hash": ("Hash kitab aturan", "Rulebook hash"),
    "unless": ("Kecuali (pengecualian yang faktanya belum diketahui)", "Unless (exceptions whose facts are unknown)"),
    "not_checked": ("Tidak diperiksa: fakta tidak dilaporkan", "Not checked: facts not reported"),
    "presumed": ("Praduga yang dipakai", "Presumptions used"), "hints": ("Petunjuk", "Hints"),
}


def words(lang: Lang) -> dict[str, str]:
    """The interface's words in `lang`."""
    index = 0 if lang == "id" else 1
    return {key: pair[index] for key, pair in WORDS.items()}


def rulebook_link(instrument: str, reference: str) -> str:
    """Where the rulebook page shows a provision."""
    return f"/rulebook#{provision_anchor(instrument, reference)}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates, autoescaped (every stored field is text, never markup)."""
    env = Environment(loader=PackageLoader("netralitas.web", "templates"), autoescape=select_autoescape(
        ["html.j2", "svg.j2"], default=True), trim_blocks=True, lstrip_blocks=True)
    env.globals["rulebook_link"] = rulebook_link
    return env


def labelled(table: dict[Any, LocalizedText], value: str | None, lang: Lang) -> str:
    """A vocabulary value's label (the value itself when the table does not know it)."""
    for key, text in table.items():
        if getattr(key, "value", key) == value:
            return text.get(lang)
    return value or "—"


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A rendered page with the common context (language, words, user, CSRF token, label helpers)."""
    lang = request_lang(request)
    who = account(request)

    def label(kind: str, value: str | None) -> str:
        tables: dict[str, dict[Any, LocalizedText]] = {
            "status": dict(STATUS_LABELS), "source": dict(SOURCE_LABELS), "outcome": dict(OUTCOME_LABELS),
            "tier": dict(TIER_LABELS), "category": dict(CATEGORY_LABELS), "role": dict(ROLE_LABELS)}
        return labelled(tables[kind], value, lang)

    html = environment().get_template(template).render(
        request=request, lang=lang, w=words(lang), user=who, csrf=csrf_token(request), label=label,
        outcome_states=[s.value for s in OutcomeState], path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status_code, headers={"Content-Language": lang})
    chosen = request.query_params.get("lang")
    if chosen in ("id", "en"):
        set_cookie(response, request, "lang", chosen, 365 * 24 * 3600)
    return response
