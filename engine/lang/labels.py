"""How a rule's category, sanction tier and confidence read for people, in both languages."""

from __future__ import annotations

from netralitas.lang.models import Category, Confidence, Tier
from netralitas.text import LocalizedText, bi

CATEGORY_LABELS: dict[Category, LocalizedText] = {
    Category.KODE_ETIK: bi("kode etik", "code of ethics"),
    Category.DISIPLIN: bi("disiplin", "discipline"),
    Category.PEMBERHENTIAN: bi("pemberhentian", "dismissal"),
    Category.PIDANA_PEMILU: bi("pidana pemilu", "election offence (Pemilu)"),
    Category.PIDANA_PEMILIHAN: bi("pidana pemilihan", "election offence (Pilkada)"),
    Category.LARANGAN_PEMILU: bi("larangan pemilu/pemilihan (administratif)",
                                 "election prohibition (administrative)"),
    Category.BUKAN_PELANGGARAN: bi("bukan pelanggaran", "not a violation"),
}

TIER_LABELS: dict[Tier, LocalizedText] = {
    Tier.NONE: bi("tidak ada", "none"),
    Tier.SANKSI_MORAL: bi("sanksi moral", "moral sanction"),
    Tier.RINGAN: bi("hukuman disiplin ringan", "light disciplinary sanction"),
    Tier.SEDANG: bi("hukuman disiplin sedang", "moderate disciplinary sanction"),
    Tier.BERAT: bi("hukuman disiplin berat", "severe disciplinary sanction"),
    Tier.PDH: bi("pemberhentian dengan hormat (PDH)", "honourable discharge (PDH)"),
    Tier.PTDH: bi("pemberhentian tidak dengan hormat (PTDH)", "dismissal without honour (PTDH)"),
    Tier.PIDANA: bi("pidana", "criminal penalty"),
    Tier.UNASSIGNED: bi("belum ditetapkan dalam sumber hukum", "not set by the encoded sources"),
}

CONFIDENCE_LABELS: dict[Confidence, LocalizedText] = {
    Confidence.CONFIRMED: bi("terkonfirmasi (teks resmi)", "confirmed (official text)"),
    Confidence.SECONDARY: bi("sumber sekunder", "secondary source"),
    Confidence.UNCONFIRMED: bi("belum terkonfirmasi", "unconfirmed"),
}
