"""Render a verdict for people, in Bahasa Indonesia (default) or English."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from netralitas.evaluation.verdict import ConditionOut, MissingFact, Verdict
from netralitas.lang.conditions import show_value
from netralitas.lang.labels import CATEGORY_LABELS, CONFIDENCE_LABELS, TIER_LABELS
from netralitas.text import Lang

_HEAD: dict[str, dict[str, Any]] = {
    "id": {"findings": "Pelanggaran yang ditemukan", "none": "Tidak ditemukan pelanggaran.",
           "outcome": "Akibat keseluruhan",
           "why": "Mengapa", "tier": "Tingkat sanksi", "options": "Pilihan sanksi", "path": "Jalur penanganan",
           "basis": "Dasar hukum", "undetermined": "Belum dapat diputuskan (fakta yang kurang)",
           "aside": "Dikecualikan", "permitted": "Diperbolehkan", "conflicts": "Konflik antaraturan",
           "scope": "Lingkup", "na": "Ketentuan yang tidak berlaku", "missing": "perlu fakta",
           "provenance": "Jejak", "confidence": "Keyakinan", "body": "Lembaga pemberi rekomendasi",
           "instruments": "Peraturan yang berlaku pada tanggal insiden", "act": "perbuatan", "person": "orang",
           "penalty": "Ancaman pidana", "version": "Versi", "state": "Keadaan",
           "unless": "Kecuali (pengecualian yang faktanya belum diketahui)",
           "not_checked": "Tidak diperiksa: fakta tidak dilaporkan", "presumed": "Praduga yang dipakai",
           "hints": "Petunjuk", "reading": "Bacaan hukum atas pilihan sanksi",
           "range": "rentang tanggal",
           "states": {"violation": "DITEMUKAN PELANGGARAN", "conditional": "PELANGGARAN, KECUALI ...",
                      "undetermined": "BELUM DAPAT DIPUTUSKAN", "no_violation": "TIDAK DITEMUKAN PELANGGARAN",
                      "out_of_scope": "DI LUAR LINGKUP HUKUM YANG DIKODEKAN"}},
    "en": {"findings": "Violations found", "none": "No violation found.", "outcome": "Overall outcome",
           "why": "Why", "tier": "Sanction tier", "options": "Sanction options", "path": "Competent path",
           "basis": "Legal basis", "undetermined": "Undetermined (missing facts)", "aside": "Set aside",
           "permitted": "Permitted", "conflicts": "Conflicts between rules", "scope": "Scope",
           "na": "Provisions that do not apply", "missing": "needs", "provenance": "Provenance",
           "confidence": "Confidence", "body": "Recommending body",
           "instruments": "Instruments in force at the incident date", "act": "act", "person": "person",
           "penalty": "Criminal penalty", "version": "Version", "state": "State",
           "unless": "Unless (exceptions whose facts are unknown)",
           "not_checked": "Not checked: facts not reported", "presumed": "Presumptions used", "hints": "Hints",
           "reading": "Reading of the sanction options",
           "range": "date range",
           "states": {"violation": "VIOLATIONS FOUND", "conditional": "VIOLATION, UNLESS ...",
                      "undetermined": "CANNOT BE DECIDED YET", "no_violation": "NO VIOLATION FOUND",
                      "out_of_scope": "OUTSIDE THE ENCODED LAW"}},
}


STATE_STYLE = {"violation": "red", "conditional": "magenta", "undetermined": "yellow", "no_violation": "green",
          "out_of_scope": "cyan"}


def state_label(state: str, lang: Lang) -> str:
    """The headline of an outcome state, as a verdict prints it."""
    label: str = _HEAD[lang]["states"][state]
    return label


def _facts(missing: list[MissingFact], lang: Lang) -> str:
    return ", ".join(f"{m.label.get(lang)} [{m.path}]" for m in missing)


def _conditions(items: list[ConditionOut], lang: Lang) -> str:
    lines = []
    for item in items:
        values = ", ".join(f"{k}={'-' if v is None else show_value(v)}" for k, v in item.facts.items())
        line = f"• {item.description.get(lang)} [{values}]"
        for derived in item.derived:
            line += f"\n    ↳ {derived.get(lang)}"
        lines.append(line)
    return "\n".join(lines)


def _finding_box(console: Console, title: str, subtitle: str, rows: list[tuple[str, str]], style: str,
                 piped: bool) -> None:
    """A finding as a framed table on a terminal; as plain labelled lines in a file or pipe."""
    if piped:
        console.print(Text(f"■ {title} — {subtitle}", style="bold " + style))
        for label, value in rows:
            console.print(f"  {label}: " + value.replace("\n", "\n    "))
        return
    body = Table.grid(padding=(0, 1))
    body.add_column(style="bold", no_wrap=True)
    body.add_column()
    for label, value in rows:
        body.add_row(label, value)
    console.print(Panel(body, title=title, subtitle=subtitle, border_style=style))


def render_verdict(verdict: Verdict, console: Console, lang: Lang = "id", explain: bool = False) -> None:
    """Print `verdict` readably."""
    h = _HEAD[lang]
    title = f"{verdict.incident_id}"
    if verdict.reference_date:
        title += f" — {verdict.reference_date.isoformat()}"
    piped = not console.is_terminal  # a file gets whole lines: no rule or box stretched to the width
    if piped:
        console.print(Text(f"── {title} ──", style="bold"))
    else:
        console.rule(Text(title, style="bold"))
    if verdict.scope.notes:
        console.print(Panel("\n".join(n.get(lang) for n in verdict.scope.notes), title=h["scope"], style="yellow",
                            expand=not piped))
    state = verdict.outcome.state.value
    console.print(Text(f"{h['state']}: ", style="bold") + Text(h["states"][state], style="bold " + STATE_STYLE[state]))
    console.print(Text(f"{h['outcome']}: ", style="bold") + Text(verdict.outcome.summary.get(lang)))
    for citation in verdict.outcome.basis:
        console.print(f"  {citation.instrument_short} {citation.reference}: “{citation.text}”")
    if not verdict.findings and state == "no_violation":
        console.print(h["none"])
    elif verdict.findings:
        console.print(Text(h["findings"], style="bold underline"))
    for finding in verdict.findings:
        subject = f"{h['act']} {finding.act_id}" if finding.act_id else h["person"]
        tier, category = TIER_LABELS[finding.sanction.tier], CATEGORY_LABELS[finding.category]
        note = f" — {finding.note.get(lang)}" if finding.note else ""
        rows: list[tuple[str, str | None]] = [
            (h["tier"], f"{tier.get(lang)} ({category.get(lang)})"),
            (h["options"], "\n".join(f"- {o.get(lang)}" for o in finding.sanction.options) or None),
            (h["reading"], finding.sanction.note.get(lang) if finding.sanction.note else None),
            (h["penalty"], finding.sanction.penalty.get(lang) if finding.sanction.penalty else None),
            (h["basis"], "\n".join(f"{c.instrument_short} {c.reference}: “{c.text}”\n  {c.address}"
                                   for c in finding.citations + finding.sanction.basis)),
            (h["version"], finding.version.get(lang) + (
                f" ({h['range']} {finding.date_range[0].isoformat()} – {finding.date_range[1].isoformat()})"
                if finding.date_range else "")),
            (h["path"], finding.competent_path.get(lang)),
            (h["why"], _conditions(finding.conditions_held, lang)),
            (h["confidence"], CONFIDENCE_LABELS[finding.confidence].get(lang) + note),
            (h["unless"], "\n".join(f"- {u.title.get(lang)} [{u.rule_id}]: {h['missing']} " + _facts(u.missing, lang)
                                    for u in finding.unless) or None),
        ]
        _finding_box(console, f"{finding.rule_id} · {subject}", finding.title.get(lang),
                     [(label, value) for label, value in rows if value is not None],
                     "red" if not finding.in_conflict else "magenta", piped)
    sections: list[tuple[str, list[str]]] = [
        (h["permitted"], [f"{p.rule_id} ({p.act_id or h['person']}): {p.title.get(lang)}" for p in verdict.permitted]),
        (h["aside"], [f"{s.rule_id} ({s.act_id or h['person']}) ← {s.by_rule}: {s.reason.get(lang)}"
                      for s in verdict.set_aside]),
        (h["conflicts"], [f"{c.topic} ({c.act_id or h['person']}): {', '.join(c.rule_ids)} → {', '.join(c.outcomes)}"
                          for c in verdict.conflicts]),
        (h["undetermined"], [f"{u.rule_id} ({u.act_id or h['person']}): {h['missing']} {_facts(u.missing, lang)}"
                             + (f" — {u.boundary.get(lang)}" if u.boundary else "") for u in verdict.undetermined]),
        (h["not_checked"], [f"{u.rule_id} ({u.act_id or h['person']}): {h['missing']} {_facts(u.missing, lang)}"
                            for u in verdict.not_checked]),
        (h["presumed"], [f"{p.act_id or h['person']}: {p.label.get(lang)} = {show_value(p.value)} — "
                         f"{p.reason.get(lang)}" for p in verdict.presumptions]),
        (h["hints"], [hint.get(lang) for hint in verdict.hints]),
    ]
    if explain:
        sections.append((h["na"], [f"{n.rule_id} ({n.act_id or h['person']}): "
                                   + "; ".join(r.description.get(lang) for r in n.reasons or [])
                                   for n in verdict.not_applicable]))
    for heading, lines in sections:
        if lines:
            console.print(Text(heading, style="bold underline"))
            console.print(Group(*(Text("• " + line) for line in lines)))
    if verdict.recommending_body:
        console.print(f"{h['body']}: {verdict.recommending_body.get(lang)}")
    console.print(f"{h['instruments']}: {', '.join(i.short for i in verdict.instruments_in_force) or '-'}",
                  style="dim")
    p = verdict.provenance
    console.print(f"{h['provenance']}: rulebook {p.rulebook_hash[:16]} · engine {p.engine_version} · "
                  f"input {p.input_hash[:16]}", style="dim")
