"""Migrations from an empty database and from the previous revision; old, newer and missing databases refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from netralitas.registry.db import make_engine, read_session
from netralitas.registry.errors import DatabaseMissing, SchemaOutdated, SchemaTooNew
from netralitas.registry.migrate import check, current_revision, head_revision, open_database, upgrade
from netralitas.registry.search import Filters, search
from netralitas.registry.stats import statistics

from .conftest import new_case


def test_from_empty_to_head(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert upgrade(engine) == (None, head_revision())
    check(engine)
    assert new_case(engine) == "NET-2024-000001"


def test_from_the_previous_revision_keeps_the_data_and_indexes_it(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine, "r0001")
    with pytest.raises(SchemaOutdated, match="db upgrade"):
        check(engine)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO cases (number, year, sequence, source, status, received_on, additional_information, account,"
            " incident_json, incident_schema_version, created_at, updated_at) VALUES ('NET-2023-000001', 2023, 1,"
            " 'media', 'received', '2023-11-02', false, 'lurah membagikan video kampanye', '{}', 1,"
            " '2023-11-02 08:00:00', '2023-11-02 08:00:00')"))
    assert upgrade(engine) == ("r0001", head_revision())
    with read_session(engine) as session:
        found = search(session, Filters(text="Video kampanye"))
    assert [r.number for r in found.rows] == ["NET-2023-000001"]
    assert new_case(engine) == "NET-2024-000001"


def test_an_old_database_is_not_migrated_without_being_told(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(make_engine(url), "r0001")
    with pytest.raises(SchemaOutdated):
        open_database(url)
    assert current_revision(make_engine(url)) == "r0001"


def test_a_newer_database_is_refused(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'r9999'"))
    with pytest.raises(SchemaTooNew, match="newer netralitas"):
        check(engine)
    with pytest.raises(SchemaTooNew):
        upgrade(engine)


def test_a_missing_database_is_refused_but_the_default_is_created(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DatabaseMissing, match="does not exist"):
        open_database(str(tmp_path / "nowhere.sqlite3"))
    assert not (tmp_path / "nowhere.sqlite3").exists()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NETRALITAS_DB", raising=False)
    engine = open_database()
    assert (tmp_path / "xdg" / "netralitas" / "registry.sqlite3").is_file()
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_from_r0003_the_latest_verdict_is_copied_onto_its_case(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine, "r0003")
    stamp = "'2024-10-16 08:00:00'"
    with engine.begin() as connection:
        for number, sequence in (("NET-2024-000001", 1), ("NET-2024-000002", 2)):
            connection.execute(text(
                "INSERT INTO cases (number, year, sequence, source, status, received_on, additional_information,"
                " account, act_kinds, incident_json, incident_schema_version, created_at, updated_at) VALUES"
                f" ('{number}', 2024, {sequence}, 'media', 'received', '2024-10-16', false, 'akun', '|x|', '{{}}', 1,"
                f" {stamp}, {stamp})"))
        for outcome, tiers in (("undetermined", ""), ("violation", "|berat|")):  # two verdicts on case 1
            connection.execute(text(
                "INSERT INTO verdicts (case_id, created_at, officer, rulebook_hash, engine_version, input_hash,"
                " verdict_json, summary_id, summary_en, outcome_state, categories, tiers, instruments) VALUES"
                f" (1, {stamp}, 'andi', 'r', '0', 'i', '{{}}', 's', 's', '{outcome}', '|disiplin|', '{tiers}',"
                " '|pp-94-2021|')"))
    assert upgrade(engine) == ("r0003", head_revision())
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT number, latest_outcome, latest_tiers, latest_categories,"
                                       " latest_instruments FROM cases ORDER BY id")).all()
        verdicts = connection.execute(text("SELECT outcome_state FROM verdicts ORDER BY id")).scalars().all()
    assert [tuple(r) for r in rows] == [("NET-2024-000001", "violation", "|berat|", "|disiplin|", "|pp-94-2021|"),
                                        ("NET-2024-000002", None, "", "", "")]
    assert verdicts == ["undetermined", "violation"]  # the stored verdicts are untouched
    with read_session(engine) as session:
        assert [r.number for r in search(session, Filters(tier="berat")).rows] == ["NET-2024-000001"]
        assert search(session, Filters(outcome="violation")).rows[0].summary_id == "s"
        counts = statistics(session).counts
    assert counts["tier"] == {"berat": 1, "(tidak diketahui)": 1} and counts["violation_form"] == {"x": 2}
