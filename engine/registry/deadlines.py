"""Deadlines of each step, from the law, in working days (Indonesian public holidays and cuti bersama) or days.

Holidays come from the `holidays` package (`Indonesia`, categories public and government: the latter holds cuti
bersama, and election voting days are in public). Not covered: regional holidays, holidays or cuti bersama decreed
after the installed `holidays` release, and office closures. A working day is Monday–Friday and not such a holiday.
A period of n days "sejak/setelah" a date starts counting the next day.

Texts are from the legal research notes (December 2026): UU 7/2017 Pasal 454, Perppu 1/2014 (UU 1/2015, as
amended) Pasal 134, PP 94/2021 Pasal 26 and 37. A step for which no day count was found in any regulation carries
no due date and `confidence: unconfirmed`; it is never reported overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import holidays

from netralitas.text import LocalizedText, bi


class DayKind(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class Basis:
    """A deadline's legal basis: the provision, its words, the count and how sure we are."""

    days: int | None
    kind: DayKind
    citation: str
    text: str
    confidence: Confidence
    note: LocalizedText | None = None


@dataclass(frozen=True)
class Deadline:
    """One deadline of a case: what must happen by when, why, and whether it is missed."""

    step: LocalizedText
    start: dt.date | None
    due: dt.date | None
    basis: Basis
    met_on: dt.date | None = None

    def overdue(self, today: dt.date) -> bool:
        """Whether the due date passed without the step being done (or was done late); never for a target that is
        not confirmed as law."""
        if self.due is None or self.basis.confidence is Confidence.UNCONFIRMED:
            return False
        return (self.met_on or today) > self.due


_DAY_KIND_NOTE = bi("teks UU menyebut 'hari' (bukan 'hari kerja'); definisi 'Hari' dalam Perbawaslu belum "
                    "dikonfirmasi",
                    "the statute says 'hari' (not 'hari kerja'); a Perbawaslu definition of 'Hari' is unconfirmed")

PEMILU_REPORT = Basis(7, DayKind.WORKING, "UU 7/2017 Pasal 454 ayat (6)",
                      "Laporan pelanggaran Pemilu sebagaimana dimaksud pada ayat (4) disampaikan paling lama 7 (tujuh) "
                      "hari kerja sejak diketahui terjadinya dugaan pelanggaran Pemilu.", Confidence.CONFIRMED,
                      bi("dihitung dari tanggal kejadian (tanggal diketahui tidak dicatat)",
                         "counted from the date of the incident (the date it became known is not recorded)"))
PEMILU_HANDLING = Basis(7, DayKind.CALENDAR, "UU 7/2017 Pasal 454 ayat (7)",
                        "Temuan dan laporan pelanggaran Pemilu ... wajib ditindaklanjuti oleh Bawaslu ... "
                        "paling lama 7 (tujuh) hari setelah temuan dan laporan diterima dan diregistrasi.",
                        Confidence.CONFIRMED,
                        _DAY_KIND_NOTE)
PEMILU_HANDLING_EXTRA = Basis(14, DayKind.WORKING, "UU 7/2017 Pasal 454 ayat (8)",
                              "Dalam hal Bawaslu ... memerlukan keterangan tambahan mengenai tindak lanjut sebagaimana "
                              "dimaksud pada ayat (7), keterangan tambahan dan kajian dilakukan paling lama 14 (empat "
                              "belas) hari kerja setelah temuan dan laporan diterima dan diregistrasi.",
                              Confidence.CONFIRMED,
                              bi("14 hari kerja seluruhnya (bukan 7 + 7)", "14 working days in all (not 7 + 7)"))
PILKADA_REPORT = Basis(7, DayKind.CALENDAR, "Perppu 1/2014 (UU 1/2015) Pasal 134 ayat (4)",
                       "Laporan pelanggaran Pemilihan ... disampaikan paling lama 7 (tujuh) hari sejak diketahui "
                       "dan/atau ditemukannya pelanggaran Pemilihan.", Confidence.CONFIRMED, _DAY_KIND_NOTE)
PILKADA_HANDLING = Basis(3, DayKind.CALENDAR, "Perppu 1/2014 (UU 1/2015) Pasal 134 ayat (5)",
                         "... wajib menindaklanjuti laporan paling lama 3 (tiga) hari setelah laporan diterima.",
                         Confidence.CONFIRMED, _DAY_KIND_NOTE)
PILKADA_HANDLING_EXTRA = Basis(5, DayKind.CALENDAR, "Perppu 1/2014 (UU 1/2015) Pasal 134 ayat (5) dan (6)",
                               "... dapat meminta keterangan tambahan dari pelapor dalam waktu paling lama 2 (dua) "
                               "hari.", Confidence.SECONDARY,
                               bi("3 + 2 hari adalah bacaan praktik; teks tidak menyatakan perpanjangan secara tegas",
                                  "3 + 2 days is the reading in practice; the text does not say in terms that the "
                                  "3 days are extended"))
SATGAS_VERIFICATION = Basis(7, DayKind.CALENDAR, "pernyataan BKN, 3 Okt 2024 (Satgas Netralitas, SBT)",
                            "verifikasi bersama oleh Satgas, \"waktu maksimal 7 hari\"", Confidence.UNCONFIRMED,
                            bi("target administratif, tidak ditemukan dalam peraturan",
                               "an administrative target, not found in any regulation"))
NO_DEADLINE = Basis(None, DayKind.CALENDAR, "UU 5/2014 Pasal 32 ayat (3); Perpres 116/2022 Pasal 19",
                    "... disampaikan kepada Pejabat Pembina Kepegawaian dan Pejabat yang Berwenang untuk wajib "
                    "ditindaklanjuti", Confidence.UNCONFIRMED,
                    bi("tidak ada batas waktu dalam peraturan untuk tindak lanjut PPK",
                       "no deadline in law for the PPK's follow-up"))
PP94_EXAMINATION = Basis(7, DayKind.WORKING, "PP 94/2021 Pasal 26 ayat (2)",
                         "Jarak waktu antara tanggal surat panggilan dengan tanggal pemeriksaan paling lambat 7 "
                         "(tujuh) hari kerja.", Confidence.CONFIRMED)
PP94_DELIVERY = Basis(14, DayKind.WORKING, "PP 94/2021 Pasal 37 ayat (3)",
                      "Penyampaian keputusan Hukuman Disiplin sebagaimana dimaksud pada ayat (2) dilakukan paling "
                      "lambat 14 (empat belas) hari kerja sejak keputusan ditetapkan.", Confidence.CONFIRMED)


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("ID", years=year, categories=("public", "government"))


def holiday_name(day: dt.date) -> str | None:
    """The public holiday or cuti bersama on `day`, if any."""
    name = _holidays(day.year).get(day)
    return None if name is None else str(name)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a national holiday or cuti bersama."""
    return day.weekday() < 5 and holiday_name(day) is None


def add_days(start: dt.date, days: int, kind: DayKind) -> dt.date:
    """The last day of a period of `days` days of `kind` counted from the day after `start`."""
    if kind is DayKind.CALENDAR:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def deadline(step: LocalizedText, start: dt.date | None, basis: Basis, met_on: dt.date | None = None) -> Deadline:
    """The deadline of `step` counted from `start` under `basis` (no due date without a start or a count)."""
    due = add_days(start, basis.days, basis.kind) if start is not None and basis.days is not None else None
    return Deadline(step, start, due, basis, met_on)
