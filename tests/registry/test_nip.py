"""NIP validation: the embedded birth date, appointment month, gender and sequence are each checked."""

from __future__ import annotations

import datetime as dt

import pytest

from netralitas.registry.errors import InvalidNip
from netralitas.registry.nip import parse_nip


def test_a_valid_nip_is_parsed_into_its_parts() -> None:
    nip = parse_nip("19850312 201001 1 002")
    assert (nip.value, nip.birth_date, nip.appointed, nip.gender, nip.sequence) == (
        "198503122010011002", dt.date(1985, 3, 12), (2010, 1), "male", 2)
    assert parse_nip("199001012015022001").gender == "female"


@pytest.mark.parametrize(("text", "words"), [
    ("12345", ["18 angka", "5"]),
    ("19850312201001100X", ["18 angka"]),
    ("198513122010011002", ["tanggal lahir", "1–8", "19851312"]),
    ("198502302010011002", ["tanggal lahir", "19850230"]),
    ("198503122010131002", ["bulan TMT", "13–14", "13"]),
    ("198503122010001002", ["bulan TMT", "00"]),
    ("198503121990011002", ["tahun TMT", "1990"]),
    ("198503122010013002", ["jenis kelamin", "angka 15", "'3'"]),
    ("198503122010011000", ["nomor urut", "000"]),
])
def test_each_bad_part_is_named(text: str, words: list[str]) -> None:
    with pytest.raises(InvalidNip) as caught:
        parse_nip(text)
    message = caught.value.message("id")
    assert all(w in message for w in words), message
    assert caught.value.message("en") != message
