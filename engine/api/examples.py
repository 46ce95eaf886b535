"""Examples for the OpenAPI description, taken from the bundled sample incidents (so they always validate)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import yaml

from netralitas.io.package_data import data_folder

SAMPLES = ("camat-kades", "guru-like", "foto-salam-dua-jari")
GROUP_SAMPLES = ("groups/camat-lurah-kampanye",)


@cache
def sample_text(name: str) -> str:
    """A bundled sample incident as written (YAML)."""
    return (data_folder("netralitas.facts", "examples") / f"{name}.yaml").read_text(encoding="utf-8")


def sample(name: str) -> dict[str, Any]:
    """A bundled sample incident as data (JSON-ready: dates as text)."""
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(sample_text(name)), default=str))
    return data


def incident_examples() -> dict[str, dict[str, Any]]:
    """OpenAPI `examples` of incidents as JSON."""
    return {name: {"summary": sample(name).get("title", name), "value": sample(name)} for name in SAMPLES}


def group_examples() -> dict[str, dict[str, Any]]:
    """OpenAPI `examples` of group incidents as JSON (named after the sample file)."""
    return {name.rsplit("/", 1)[-1]: {"summary": sample(name).get("title", name), "value": sample(name)}
            for name in GROUP_SAMPLES}


def jsonl_example() -> str:
    """A JSON Lines batch: two incidents and one bad line."""
    return "\n".join([json.dumps(sample("camat-kades")), json.dumps(sample("guru-like")), "{not json"]) + "\n"


CASE_EXAMPLE: dict[str, Any] = {
    "source": "public_report",
    "received_on": "2024-10-16",
    "reporter": {"name": "Warga Contoh", "contact": "warga@example.org"},
    "asn": {"nip": "198503122010011002", "agency": "Pemerintah Kabupaten Contoh", "province": "Jawa Tengah"},
    "place": "Kantor Kecamatan Contoh",
    "account": "Camat mengumpulkan kepala desa dan mengarahkan dukungan kepada paslon nomor urut 1.",
    "evidence": [{"name": "foto-rapat.jpg", "sha256": "0" * 64}],
    "incident": None,
}

EDIT_EXAMPLE: dict[str, Any] = {"edit": {"place": "Aula Kantor Kecamatan Contoh", "add_forwards": ["BKN"]},
                                "reason": "tempat kejadian diperbaiki sesuai berita acara"}

ADVANCE_EXAMPLE: dict[str, Any] = {"to": "verification", "reason": "laporan memenuhi syarat formal dan materiel",
                                   "on": "2024-10-17"}

SANCTION_EXAMPLE: dict[str, Any] = {"to": "sanction_imposed", "reason": "keputusan PPK", "on": "2025-01-10",
                                    "sanction": {"tier": "sedang", "sanction": "pemotongan tunjangan kinerja 25%"
                                                 " selama 6 bulan", "decree_number": "800/123/2025",
                                                 "decree_date": "2025-01-10"}}
