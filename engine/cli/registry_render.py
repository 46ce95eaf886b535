"""Text rendering of registry records for people (the JSON twin prints the same records)."""

from __future__ import annotations

from typing import Any

from netralitas.cli.console import make_console
from netralitas.registry.search import Page
from netralitas.registry.stats import Statistics
from netralitas.registry.vocabulary import OUTCOME_LABELS, SOURCE_LABELS, STATUS_LABELS, OutcomeState, Source, Status
from netralitas.text import Lang

_WORDS: dict[str, tuple[str, str]] = {
    "case": ("Perkara", "Case"), "status": ("Status", "Status"), "source": ("Sumber", "Source"),
    "received": ("Diterima", "Received"), "asn": ("ASN terlapor", "Reported ASN"), "agency": ("Instansi", "Agency"),
    "place": ("Waktu dan tempat", "Time and place"), "account": ("Uraian", "Account"),
    "lifecycle": ("Riwayat status", "Lifecycle"), "deadlines": ("Tenggat", "Deadlines"),
    "verdicts": ("Putusan", "Verdicts"), "latest": ("terbaru", "latest"), "changes": ("Perubahan", "Changes"),
    "none": ("tidak ada", "none"), "overdue": ("LEWAT TENGGAT", "OVERDUE"), "due": ("batas", "due"),
    "no_due": ("tanpa batas waktu dalam peraturan", "no deadline in law"), "total": ("jumlah", "total"),
    "page": ("halaman", "page"), "follow": ("Tingkat tindak lanjut", "Follow-up rate"),
    "evidence": ("Bukti", "Evidence"), "election": ("pemilihan", "election"), "officers": ("Petugas", "Officers"),
    "same": ("sama", "unchanged"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key][0 if lang == "id" else 1]


def _label(table: Any, cls: Any, value: str | None, lang: Lang) -> str:
    if value is None:
        return "-"
    return str(table[cls(value)].get(lang))


def render_case(detail: dict[str, Any], lang: Lang) -> None:
    """A case page: fields, lifecycle, deadlines, verdicts and the latest change."""
    out = make_console().print
    out(f"{_w('case', lang)} {detail['number']}  [{_label(STATUS_LABELS, Status, detail['status'], lang)}]"
        + (f"  {_w('overdue', lang)}" if detail["overdue"] else ""))
    out(f"  {_w('source', lang)}: {_label(SOURCE_LABELS, Source, detail['source'], lang)}; {_w('received', lang)}: "
        f"{detail['received_on']}; {_w('election', lang)}: {detail['election'] or '-'}")
    out(f"  {_w('asn', lang)}: {detail['asn_name'] or '-'} (NIP {detail['nip'] or '-'}), {detail['position'] or '-'},"
        f" {detail['employment_status'] or '-'}")
    out(f"  {_w('agency', lang)}: {detail['agency'] or '-'}; {detail['region'] or '-'}; {detail['province'] or '-'}")
    out(f"  {_w('place', lang)}: {detail['occurred_on'] or '-'}, {detail['place'] or '-'}")
    out(f"  {_w('account', lang)}: {detail['account']}")
    out(f"  {_w('officers', lang)}: {', '.join(detail['officers'])}; {_w('evidence', lang)}: "
        f"{', '.join(e['name'] for e in detail['evidence']) or _w('none', lang)}")
    out(f"{_w('lifecycle', lang)}:")
    for t in detail["transitions"]:
        extra = ", ".join(f"{k}={v}" for k, v in sorted(t["details"].items()) if not k.endswith(("_id", "_en")))
        out(f"  {t['on']} {_label(STATUS_LABELS, Status, t['to'], lang)} — {t['officer']}: {t['reason']}"
            + (f" ({extra})" if extra else ""))
    out(f"{_w('deadlines', lang)}:")
    for d in detail["deadlines"] or []:
        due = f"{_w('due', lang)} {d['due']}" if d["due"] else _w("no_due", lang)
        flag = f" {_w('overdue', lang)}" if d["overdue"] else ""
        out(f"  {d['step'][lang]}: {due}{flag} — {d['basis']} [{d['confidence']}]")
    if not detail["deadlines"]:
        out(f"  {_w('none', lang)}")
    out(f"{_w('verdicts', lang)}:")
    for v in reversed(detail["verdicts"]):
        out(f"  #{v['id']} {v['created_at'][:19]} {v['officer']}: {v['summary'][lang]} (rulebook "
            f"{v['rulebook_hash'][:12]}, input {v['input_hash'][:12]})")
    if not detail["verdicts"]:
        out(f"  {_w('none', lang)}")
    change = detail["latest_vs_previous"]
    if change is not None:
        out(f"{_w('changes', lang)} ({_w('latest', lang)}):" if change["changed"]
            else f"{_w('changes', lang)}: {_w('same', lang)}")
        for line in change["removed"]:
            out(f"  - {line}")
        for line in change["added"]:
            out(f"  + {line}")
        if change["changed"]:
            out(f"  {change['outcome_old'][lang]} → {change['outcome_new'][lang]}")


def render_page(page: Page, lang: Lang) -> None:
    """A result list, one case a line, with the total."""
    out = make_console().print
    for row in page.rows:
        outcome = _label(OUTCOME_LABELS, OutcomeState, row.outcome, lang)
        flag = f" {_w('overdue', lang)}" if row.overdue else ""
        out(f"{row.number}  {row.received_on}  {_label(STATUS_LABELS, Status, row.status, lang)}{flag}  "
            f"{row.agency or '-'}  {outcome}{' ' + '/'.join(row.tiers) if row.tiers else ''}")
    out(f"{_w('total', lang)} {page.total}; {_w('page', lang)} {page.page} "
        f"({len(page.rows)} / {page.per_page})")


def render_stats(stats: Statistics, lang: Lang) -> None:
    """Statistics as indented counts."""
    out = make_console().print
    out(f"{_w('total', lang)}: {stats.total}")
    rate = f"{stats.follow_up_rate:.1%}" if stats.follow_up_rate is not None else "-"
    out(f"{_w('follow', lang)}: {rate} ({stats.sanctioned} / {stats.recommended})")
    for dimension, values in stats.counts.items():
        out(f"{dimension}:")
        for value, count in values.items():
            out(f"  {value}: {count}")
