"""The NIP (Nomor Induk Pegawai) of a PNS: 18 digits with an embedded birth date, appointment month and gender.

Layout: 1–8 birth date YYYYMMDD, 9–14 appointment (TMT CPNS) YYYYMM, 15 gender (1 male, 2 female),
16–18 sequence number. Each impossible part is named in the error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from netralitas.registry.errors import InvalidNip
from netralitas.text import bi


@dataclass(frozen=True)
class Nip:
    """A validated NIP and what it encodes."""

    value: str
    birth_date: dt.date
    appointed: tuple[int, int]
    gender: str
    sequence: int


def parse_nip(text: str) -> Nip:
    """Validate `text` as a NIP (spaces and dots allowed between groups) or raise `InvalidNip`."""
    value = text.replace(" ", "").replace(".", "")
    if len(value) != 18 or not value.isascii() or not value.isdigit():
        raise InvalidNip(bi(f"NIP '{text}' harus terdiri dari 18 angka (kini {len(value)} karakter)",
                            f"NIP '{text}' must be 18 digits (got {len(value)} characters)"))
    try:
        birth = dt.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(bi(f"NIP {value}: tanggal lahir (angka 1–8, {value[0:8]}) bukan tanggal yang sah",
                            f"NIP {value}: birth date (digits 1–8, {value[0:8]}) is not a valid date")) from None
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip(bi(f"NIP {value}: bulan TMT pengangkatan (angka 13–14, {value[12:14]}) harus 01–12",
                            f"NIP {value}: appointment month (digits 13–14, {value[12:14]}) must be 01–12"))
    if year < birth.year + 15:
        raise InvalidNip(bi(f"NIP {value}: tahun TMT pengangkatan (angka 9–12, {year}) tidak mungkin untuk kelahiran "
                            f"{birth.year}", f"NIP {value}: appointment year (digits 9–12, {year}) is impossible for "
                            f"someone born in {birth.year}"))
    if value[14] not in "12":
        raise InvalidNip(bi(f"NIP {value}: kode jenis kelamin (angka 15, '{value[14]}') harus 1 (laki-laki) atau 2 "
                            "(perempuan)", f"NIP {value}: gender digit (digit 15, '{value[14]}') must be 1 (male) or "
                            "2 (female)"))
    if value[15:] == "000":
        raise InvalidNip(bi(f"NIP {value}: nomor urut (angka 16–18) tidak boleh 000",
                            f"NIP {value}: sequence number (digits 16–18) cannot be 000"))
    return Nip(value, birth, (year, month), "male" if value[14] == "1" else "female", int(value[15:]))
