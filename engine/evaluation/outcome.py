"""The overall outcome: its state (the headline) and the consequence when several findings coincide.

The state is three-valued and never clears what the facts do not clear: violations found; no
violation (every provision about a reported act decided false, set aside or permitted); or
undetermined (some provision about a reported act needs facts still unknown). Two more states
say why a case cannot be read either way: conditional ("violation unless" an exception whose
facts are unknown) and out of scope (not an ASN, or an act outside every provision encoded for it).

PP 94/2021 Pasal 35 ayat (1): a PNS who commits several disciplinary violations receives only
one disciplinary sanction, the heaviest. Kode etik (sanksi moral), dismissal under the ASN
law and criminal referral are separate channels and are listed alongside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netralitas.evaluation.explain import PIDANA, citation_out
from netralitas.evaluation.verdict import Finding, MissingFact, Outcome, OutcomeState, Undetermined, build
from netralitas.lang.labels import TIER_LABELS
from netralitas.lang.models import Category, Tier
from netralitas.rulebook import Rulebook
from netralitas.text import LocalizedText, bi

DISIPLIN_ORDER = (Tier.RINGAN, Tier.SEDANG, Tier.BERAT)

STATE_LABELS: dict[OutcomeState, LocalizedText] = {
    OutcomeState.VIOLATION: bi("pelanggaran", "violation"),
    OutcomeState.CONDITIONAL: bi("pelanggaran, kecuali pengecualian berlaku", "violation unless an exception applies"),
    OutcomeState.UNDETERMINED: bi("belum dapat diputuskan", "undetermined"),
    OutcomeState.NO_VIOLATION: bi("tidak ditemukan pelanggaran", "no violation found"),
    OutcomeState.OUT_OF_SCOPE: bi("di luar lingkup hukum yang dikodekan", "outside the encoded law"),
}
"""The five outcome states in words, for tables (batch CSV, lists) that show the state beside its code."""


@dataclass(frozen=True)
class Open:
    """What keeps an outcome from being a plain "violation" or "no violation"."""

    pending: list[Undetermined] = field(default_factory=list)
    """Undetermined provisions about reported acts or reported facts."""
    outside: list[LocalizedText] = field(default_factory=list)
    """Why (part of) the incident is outside the encoded law or out of scope."""


def _deciding(findings: list[Finding], pending: list[Undetermined]) -> list[MissingFact]:
    seen: dict[str, MissingFact] = {}
    for missing in [m for u in pending for m in u.missing] + [m for f in findings for x in f.unless
                                                                for m in x.missing]:
        seen.setdefault(missing.path, missing)
    return [seen[p] for p in sorted(seen)]


def _labels(facts: list[MissingFact], lang: str) -> str:
    return ", ".join(m.label.id if lang == "id" else m.label.en for m in facts)


def overall_outcome(findings: list[Finding], rulebook: Rulebook, schemes_used: set[str],
                    open_: Open | None = None) -> Outcome:
    """The state of the incident and the sanctions of its findings, with every open question said alongside."""
    open_ = open_ or Open()
    sanctions = _sanctions(findings, rulebook, schemes_used)
    certain = [f for f in findings if not f.unless]
    conditional = [f for f in findings if f.unless]
    deciding = _deciding(findings, open_.pending)
    pending_ids = sorted({u.rule_id for u in open_.pending})
    if certain:
        state = OutcomeState.VIOLATION
    elif conditional:
        state = OutcomeState.CONDITIONAL
    elif pending_ids:
        state = OutcomeState.UNDETERMINED
    elif open_.outside:
        state = OutcomeState.OUT_OF_SCOPE
    else:
        state = OutcomeState.NO_VIOLATION
    firm = (sanctions if not conditional else _sanctions(certain, rulebook, schemes_used))[0] if certain else None
    parts_id, parts_en = ([firm.id], [firm.en]) if firm else ([], [])
    if conditional:
        exceptions = sorted({(x.rule_id, x.title.id, x.title.en) for f in conditional for x in f.unless})
        rules = ", ".join(sorted({f.rule_id for f in conditional}))
        tier = (sanctions if not certain else _sanctions(conditional, rulebook, schemes_used))[0] or bi("-", "-")
        parts_id.append(f"pelanggaran ({rules}: {tier.id}) kecuali "
                        + "; ".join(f"{t} [{r}]" for r, t, _ in exceptions))
        parts_en.append(f"violation ({rules}: {tier.en}) unless " + "; ".join(f"{t} [{r}]" for r, _, t in exceptions))
    if pending_ids:
        parts_id.append(f"belum dapat diputuskan: {len(pending_ids)} ketentuan ({', '.join(pending_ids)})")
        parts_en.append(f"undetermined: {len(pending_ids)} provision{'s' if len(pending_ids) > 1 else ''} "
                        f"({', '.join(pending_ids)})")
    if deciding:
        parts_id.append(f"fakta penentu: {_labels(deciding, 'id')}")
        parts_en.append(f"deciding facts: {_labels(deciding, 'en')}")
    if open_.outside and (state is OutcomeState.OUT_OF_SCOPE or findings or pending_ids):
        parts_id.extend(n.id for n in open_.outside)
        parts_en.extend(n.en for n in open_.outside)
    if state is OutcomeState.NO_VIOLATION:
        summary = bi("tidak ditemukan pelanggaran", "no violation found")
    else:
        summary = bi("; ".join(parts_id), "; ".join(parts_en))
    return build(Outcome, **{**sanctions[1].__dict__, "state": state, "summary": summary,
                             "undetermined_rules": pending_ids,
                             "conditional_rules": sorted({f.rule_id for f in conditional}), "deciding_facts": deciding})


def _sanctions(findings: list[Finding], rulebook: Rulebook,
               schemes_used: set[str]) -> tuple[LocalizedText | None, Outcome]:
    """The combined sanctions of `findings` (conditional ones included: what applies if they stand)."""
    disiplin = [f.sanction.tier for f in findings if f.category is Category.DISIPLIN and f.sanction.tier in
                DISIPLIN_ORDER]
    heaviest = max(disiplin, key=DISIPLIN_ORDER.index) if disiplin else None
    moral = any(f.category is Category.KODE_ETIK and f.sanction.tier is Tier.SANKSI_MORAL for f in findings)
    untiered = sorted({f.rule_id for f in findings if f.sanction.tier is Tier.UNASSIGNED})
    dismissals = {f.sanction.tier for f in findings if f.sanction.tier in (Tier.PTDH, Tier.PDH)}
    dismissal = Tier.PTDH if Tier.PTDH in dismissals else (Tier.PDH if dismissals else None)
    criminal = sorted({f.rule_id for f in findings if f.category in PIDANA})
    basis = []
    if len(disiplin) > 1:
        for key in sorted(schemes_used):
            rule = rulebook.schemes[key].several_violations
            if rule is not None:
                basis.append(citation_out(rule, rulebook))
    parts_id: list[str] = []
    parts_en: list[str] = []
    if dismissal is not None:
        parts_id.append(TIER_LABELS[dismissal].id)
        parts_en.append(TIER_LABELS[dismissal].en)
    if heaviest is not None:
        several_id = f" (satu hukuman terberat dari {len(disiplin)} pelanggaran)" if len(disiplin) > 1 else ""
        several_en = f" (the single heaviest of {len(disiplin)} violations)" if len(disiplin) > 1 else ""
        parts_id.append(TIER_LABELS[heaviest].id + several_id)
        parts_en.append(TIER_LABELS[heaviest].en + several_en)
    if moral:
        parts_id.append("sanksi moral (kode etik)")
        parts_en.append("moral sanction (code of ethics)")
    if criminal:
        parts_id.append(f"dugaan tindak pidana: {len(criminal)} ketentuan, diteruskan ke Sentra Gakkumdu")
        parts_en.append(f"possible offence: {len(criminal)} provision{'s' if len(criminal) > 1 else ''}, "
                        "referred to Sentra Gakkumdu")
    if untiered:
        parts_id.append(f"{len(untiered)} pelanggaran tanpa tingkat sanksi dalam sumber hukum yang dikodekan, "
                        "diputuskan oleh pejabat yang berwenang")
        parts_en.append(f"{len(untiered)} violation{'s' if len(untiered) > 1 else ''} with no sanction tier in the "
                        "encoded sources, for the competent official to decide")
    summary = bi("; ".join(parts_id), "; ".join(parts_en)) if parts_id else None
    return summary, build(Outcome, state=OutcomeState.NO_VIOLATION, summary=summary or bi("-", "-"),
                            disiplin_tier=heaviest, moral_sanction=moral, dismissal=dismissal,
                            criminal_referrals=criminal, basis=basis)
