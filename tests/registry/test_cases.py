"""Adding and editing cases; each kind of bad input gets a clear error and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine, func, select

from netralitas import IncidentError
from netralitas.registry.casefile import load_case_file, parse_case_file
from netralitas.registry.cases import CaseEdit, edit_case
from netralitas.registry.db import read_session
from netralitas.registry.errors import CaseFileError, CaseNotFound, InvalidNip
from netralitas.registry.models import AuditEntry, Case, StoredVerdict
from netralitas.registry.views import case_detail

from .conftest import VALID_NIP, example, new_case


def _counts(engine: Engine) -> tuple[int, int, int]:
    with read_session(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(t)) or 0  # type: ignore[return-value]
                     for t in (Case, AuditEntry, StoredVerdict))


def test_a_case_is_numbered_and_keeps_what_was_filed(engine: Engine) -> None:
    first = new_case(engine, reporter={"name": "Siti", "contact": "siti@example.org"}, officers=["budi"],
                     asn={"nip": VALID_NIP, "province": "Jawa Tengah"}, forwarded_to=["BKN"],
                     evidence=[{"name": "foto.jpg", "link": "https://example.org/f", "sha256": "a" * 64}])
    second = new_case(engine)
    assert (first, second) == ("NET-2024-000001", "NET-2024-000002")
    with read_session(engine) as session:
        detail = case_detail(session, first)
    assert detail["asn_name"] == "Budi Santoso" and detail["nip"] == VALID_NIP
    assert detail["agency"] == "Pemerintah Kabupaten Contoh" and detail["province"] == "Jawa Tengah"
    assert detail["position_group"] == "camat_lurah" and detail["election"] == "pilkada-2024"
    assert detail["reporter"] == {"name": "Siti", "contact": "siti@example.org"}
    assert detail["officers"] == ["andi", "budi"] and detail["forwarded_to"][0]["agency"] == "BKN"
    assert detail["evidence"] == [{"name": "foto.jpg", "link": "https://example.org/f", "sha256": "a" * 64}]
    assert detail["occurred_on"] == dt.date(2024, 10, 14) and "kepala desa" in detail["account"]
    assert detail["act_kinds"] == ["favouring_decision"] and detail["incident_schema_version"] == 1


def test_a_case_file_with_a_referenced_incident(tmp_path: Path) -> None:
    (tmp_path / "inc.yaml").write_text(yaml.safe_dump(example("guru-like.yaml")), encoding="utf-8")
    (tmp_path / "case.yaml").write_text("source: media\nincident_file: inc.yaml\n", encoding="utf-8")
    case, incident = load_case_file(tmp_path / "case.yaml")
    assert case.source.value == "media" and incident.acts


@pytest.mark.parametrize(("data", "error", "words"), [
    ({"source": "gossip", "incident": {}}, CaseFileError, ["source"]),
    ({"source": "media", "incident": {}, "colour": 1}, CaseFileError, ["colour"]),
    ({"source": "media"}, CaseFileError, ["incident"]),
    ({"source": "media", "incident": {"id": "x"}}, IncidentError, ["person"]),
    ({"source": "media", "incident": {}, "evidence": [{"name": "a", "sha256": "xyz"}]}, CaseFileError, ["sha256"]),
])
def test_bad_case_files_are_refused(data: dict[str, object], error: type[Exception], words: list[str]) -> None:
    with pytest.raises(error) as caught:
        parse_case_file(data, "case.yaml")
    assert all(w in str(caught.value) for w in words), str(caught.value)


def test_bad_input_changes_nothing(engine: Engine) -> None:
    number = new_case(engine)
    before = _counts(engine)
    with pytest.raises(InvalidNip, match="birth date"):
        new_case(engine, asn={"nip": "198513122010011002"})
    with pytest.raises(CaseNotFound):
        edit_case(engine, "NET-2024-999999", CaseEdit(account="x"), "andi", "typo")
    with pytest.raises(InvalidNip):
        edit_case(engine, number, CaseEdit(nip="123"), "andi", "typo")
    with pytest.raises(CaseFileError, match="nothing to change"):
        edit_case(engine, number, CaseEdit(), "andi", "nothing")
    assert _counts(engine) == before


def test_an_edit_is_audited_with_old_and_new_values(engine: Engine) -> None:
    number = new_case(engine)
    changes = edit_case(engine, number, CaseEdit(agency="Dinas Pendidikan", add_officers=["citra"],
                                                 add_forwards=["BKN"]), "andi", "corrected agency")
    assert changes["agency"] == ["Pemerintah Kabupaten Contoh", "Dinas Pendidikan"]
    with read_session(engine) as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.action == "case.edit" and "corrected agency" in entry.payload
        assert case_detail(session, number)["officers"] == ["andi", "citra"]
