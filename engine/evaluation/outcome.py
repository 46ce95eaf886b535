"""The overall consequence when several findings coincide.

PP 94/2021 Pasal 35 ayat (1): a PNS who commits several disciplinary violations receives only
one disciplinary sanction, the heaviest. Kode etik (sanksi moral), dismissal under the ASN
law and criminal referral are separate channels and are listed alongside.
"""

from __future__ import annotations

from netralitas.evaluation.explain import PIDANA, citation_out
from netralitas.evaluation.verdict import Finding, Outcome
from netralitas.lang.labels import TIER_LABELS
from netralitas.lang.models import Category, Tier
from netralitas.rulebook import Rulebook
from netralitas.text import bi

DISIPLIN_ORDER = (Tier.RINGAN, Tier.SEDANG, Tier.BERAT)


def overall_outcome(findings: list[Finding], rulebook: Rulebook, schemes_used: set[str]) -> Outcome:
    """Combine findings into one administrative outcome plus the other channels."""
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
    if not parts_id:
        summary = bi("tidak ditemukan pelanggaran", "no violation found")
    else:
        summary = bi("; ".join(parts_id), "; ".join(parts_en))
    return Outcome(summary=summary, disiplin_tier=heaviest, moral_sanction=moral, dismissal=dismissal,
                   criminal_referrals=criminal, basis=basis)
