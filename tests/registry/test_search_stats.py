"""Filters, full-text search, pagination, statistics without personal data, audited exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from sqlalchemy import Engine, select

from netralitas.registry.advance import advance
from netralitas.registry.cases import CaseEdit, edit_case
from netralitas.registry.db import read_session
from netralitas.registry.export import ExportFormat, export
from netralitas.registry.lifecycle import Sanction
from netralitas.registry.models import AuditEntry
from netralitas.registry.search import Filters, search
from netralitas.registry.stats import statistics
from netralitas.registry.verdicts import evaluate_case
from netralitas.registry.vocabulary import Status

from .conftest import VALID_NIP, new_case


def _archive(engine: Engine) -> list[str]:
    numbers = [new_case(engine, "camat-kades.yaml", asn={"province": "Jawa Tengah", "nip": VALID_NIP}),
               new_case(engine, "kampanye-atribut.yaml", asn={"province": "Sulawesi Selatan"}),
               new_case(engine, "guru-like.yaml", source="media", asn={"province": "Jawa Tengah"}),
               new_case(engine, "bukan-asn.yaml")]
    for number in numbers:
        evaluate_case(engine, number, "andi")
    return numbers


def _find(engine: Engine, **filters: object) -> list[str]:
    with read_session(engine) as session:
        return sorted(r.number for r in search(session, Filters(**filters), per_page=100).rows)  # type: ignore[arg-type]


def test_filters_on_case_fields_and_the_latest_verdict(engine: Engine) -> None:
    a, b, c, d = _archive(engine)
    assert _find(engine, province="Jawa Tengah") == [a, c]
    assert _find(engine, source="media") == [c]
    assert _find(engine, tier="berat") == [a]
    assert _find(engine, category="disiplin") == sorted([a, b])
    assert _find(engine, instrument="pp-94-2021") == sorted([a, b])
    assert _find(engine, outcome="violation", province="Jawa Tengah") == [a, c]
    assert d not in _find(engine, outcome="violation")
    assert _find(engine, outcome="out_of_scope") == [d]  # not an ASN: the verdict's own state, never "no violation"
    assert _find(engine, outcome="no_violation") == []
    assert _find(engine, status=("received",)) == sorted([a, b, c, d])
    assert _find(engine, election="pilkada-2024", tier="sedang") == []


def test_full_text_search_matches_whole_words_the_same_on_both_databases(engine: Engine) -> None:
    a, *_ = _archive(engine)
    assert _find(engine, text="KEPALA desa") == [a]
    assert _find(engine, text="kepala zebra") == []
    edit_case(engine, a, CaseEdit(account="Laporan baru tentang baliho"), "andi", "account corrected")
    assert _find(engine, text="kepala desa") == [] and _find(engine, text="baliho") == [a]


def test_pages_carry_the_total(engine: Engine) -> None:
    numbers = _archive(engine)
    with read_session(engine) as session:
        first = search(session, Filters(), page=1, per_page=3)
        second = search(session, Filters(), page=2, per_page=3)
    assert (first.total, second.total) == (4, 4)
    assert [r.number for r in first.rows + second.rows] == list(reversed(numbers))


def test_statistics_count_and_carry_no_personal_data(engine: Engine) -> None:
    a, b, *_ = _archive(engine)
    for number in (a, b):
        for step in (Status.VERIFICATION, Status.EXAMINATION, Status.RECOMMENDATION_ISSUED, Status.PPK_FOLLOW_UP):
            advance(engine, number, step, "andi", "next")
    advance(engine, a, Status.SANCTION_IMPOSED, "andi", "sk", None, Sanction("berat", "x", "1/2024", dt.date.today()))
    with read_session(engine) as session:
        stats = statistics(session)
    assert (stats.total, stats.recommended, stats.sanctioned, stats.follow_up_rate) == (4, 2, 1, 0.5)
    counts = stats.counts
    assert counts["status"] == {"ppk_follow_up": 1, "received": 2, "sanction_imposed": 1}
    assert counts["province"]["Jawa Tengah"] == 2 and counts["position_group"]["camat_lurah"] == 1
    assert counts["tier"]["berat"] == 1 and counts["violation_form"]["favouring_decision"] == 1
    text = json.dumps(stats.as_dict())
    assert "Budi Santoso" not in text and VALID_NIP not in text


def test_statistics_of_a_subset_are_counted_like_those_of_every_case(engine: Engine) -> None:
    _archive(engine)
    advance(engine, _archive(engine)[0], Status.VERIFICATION, "andi", "next")
    with read_session(engine) as session:
        every = statistics(session)
        subset = statistics(session, Filters(received_to=dt.date(2099, 1, 1)))  # every case, through the filter
        central_java = statistics(session, Filters(province="Jawa Tengah"))
    assert subset.as_dict() == every.as_dict() and every.total == 8
    assert central_java.total == 4 and central_java.counts["province"] == {"Jawa Tengah": 4}
    assert central_java.counts["received_month"] == {"2024-10": 4}
    assert central_java.counts["status"] == {"received": 3, "verification": 1}
    assert sum(central_java.counts["violation_form"].values()) >= 4


def test_exports_are_written_and_audited(engine: Engine) -> None:
    _archive(engine)
    stream = io.StringIO()
    assert export(engine, "cases", Filters(province="Jawa Tengah"), ExportFormat.CSV, stream, "andi") == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert [r["province"] for r in rows] == ["Jawa Tengah"] * 2 and "reporter" not in rows[0]
    stream = io.StringIO()
    export(engine, "stats", Filters(), ExportFormat.JSONL, stream, "andi")
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert records[0] == {"dimension": "total", "value": "", "cases": 4}
    with read_session(engine) as session:
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))]
    assert actions == ["export", "export"]
