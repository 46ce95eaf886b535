"""The registry's closed vocabularies, each value with its label for people."""

from __future__ import annotations

from enum import StrEnum

from netralitas.evaluation.verdict import OutcomeState as OutcomeState  # re-exported: the states cases are counted by
from netralitas.text import LocalizedText, bi


class Source(StrEnum):
    """Where a case came from."""

    PUBLIC_REPORT = "public_report"
    BAWASLU_FINDING = "bawaslu_finding"
    AGENCY_INTERNAL = "agency_internal"
    MEDIA = "media"


class Status(StrEnum):
    """The stage of a case (see `lifecycle` for the allowed transitions)."""

    RECEIVED = "received"
    VERIFICATION = "verification"
    EXAMINATION = "examination"
    RECOMMENDATION_ISSUED = "recommendation_issued"
    PPK_FOLLOW_UP = "ppk_follow_up"
    SANCTION_IMPOSED = "sanction_imposed"
    NOT_PROVEN = "not_proven"
    DATA_BLOCKED = "data_blocked"
    CANCELLED = "cancelled"
    CLOSED = "closed"




SOURCE_LABELS: dict[Source, LocalizedText] = {
    Source.PUBLIC_REPORT: bi("laporan masyarakat", "public report"),
    Source.BAWASLU_FINDING: bi("temuan Bawaslu", "Bawaslu finding"),
    Source.AGENCY_INTERNAL: bi("temuan internal instansi", "agency internal finding"),
    Source.MEDIA: bi("pemberitaan media", "media report"),
}

STATUS_LABELS: dict[Status, LocalizedText] = {
    Status.RECEIVED: bi("diterima", "received"),
    Status.VERIFICATION: bi("verifikasi bersama", "joint verification"),
    Status.EXAMINATION: bi("pemeriksaan/klarifikasi", "examination/klarifikasi"),
    Status.RECOMMENDATION_ISSUED: bi("rekomendasi diterbitkan", "recommendation issued"),
    Status.PPK_FOLLOW_UP: bi("tindak lanjut PPK", "PPK follow-up"),
    Status.SANCTION_IMPOSED: bi("sudah dijatuhi hukuman", "sanction imposed"),
    Status.NOT_PROVEN: bi("tidak terbukti", "not proven"),
    Status.DATA_BLOCKED: bi("data kepegawaian diblokir", "personnel data blocked"),
    Status.CANCELLED: bi("dibatalkan", "cancelled"),
    Status.CLOSED: bi("ditutup", "closed"),
}

OUTCOME_LABELS: dict[OutcomeState, LocalizedText] = {
    OutcomeState.VIOLATION: bi("pelanggaran", "violation"),
    OutcomeState.CONDITIONAL: bi("pelanggaran, kecuali pengecualian berlaku", "violation, unless an exception holds"),
    OutcomeState.UNDETERMINED: bi("belum dapat diputuskan", "undetermined"),
    OutcomeState.NO_VIOLATION: bi("tidak ada pelanggaran", "no violation"),
    OutcomeState.OUT_OF_SCOPE: bi("di luar lingkup hukum yang dikodekan", "outside the encoded law"),
}
"""The verdict's own outcome states (`netralitas.evaluation.verdict.OutcomeState`), as the registry counts them."""


def position_group(position_class: str | None, office: str | None) -> str | None:
    """The group agencies count by: jpt, administrator, pengawas, fungsional, pelaksana or camat_lurah."""
    if office in ("camat", "lurah"):
        return "camat_lurah"
    if position_class and position_class.startswith("jpt"):
        return "jpt"
    return position_class


def election_kind(calendar: str | None) -> str | None:
    """`pemilu` or `pilkada` from a calendar id such as `pilkada-2024`."""
    if not calendar:
        return None
    kind = calendar.split("-", 1)[0]
    return kind if kind in ("pemilu", "pilkada") else None
