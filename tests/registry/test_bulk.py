"""Bulk import: the same rows, verdicts and audit chain as case-by-case entry; bad lines located, nothing lost."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.registry import audit
from netralitas.registry.bulk import import_cases
from netralitas.registry.db import read_session
from netralitas.registry.models import AuditEntry, Case, StoredVerdict, Transition
from netralitas.registry.search import Filters, search
from netralitas.registry.verdicts import evaluate_case, latest

from .conftest import VALID_NIP, example, new_case

INCIDENTS = ("camat-kades.yaml", "guru-like.yaml", "lurah-tiktok-calon.yaml")


def line(incident: str = "camat-kades.yaml", **fields: Any) -> str:
    """One JSON Lines case file."""
    data = {"source": "public_report", "received_on": "2024-10-16", "incident": example(incident), **fields}
    return json.dumps(data, default=str)


def lines(count: int) -> list[str]:
    return [line(INCIDENTS[i % len(INCIDENTS)], account=f"laporan nomor {i}", asn={"province": f"P{i % 2}"})
            for i in range(count)]


def test_imported_cases_match_case_by_case_entry_and_the_chain_verifies(engine: Engine) -> None:
    first = new_case(engine)  # numbering continues after cases entered one by one
    report = import_cases(engine, lines(7), "andi", "cases.jsonl", batch_size=3)
    assert report.complete and [n for n, _ in report.stored] == list(range(1, 8))
    numbers = [number for _, number in report.stored]
    assert first == "NET-2024-000001" and numbers == [f"NET-2024-{i:06d}" for i in range(2, 9)]
    assert new_case(engine) == "NET-2024-000009"
    reference = new_case(engine, INCIDENTS[0], account="laporan nomor 0", asn={"province": "P0"})
    evaluate_case(engine, reference, "andi")
    with read_session(engine) as session:
        assert audit.verify(session).intact
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[1:9] == ["case.add", "verdict.add"] * 3 + ["cases.import", "case.add"]
        assert actions.count("cases.import") == 3
        imported, typed = (session.scalar(select(Case).where(Case.number == n)) for n in (numbers[0], reference))
        assert imported is not None and typed is not None
        ours, theirs = latest(session, imported), latest(session, typed)
        assert ours is not None and theirs is not None
        for column in ("rulebook_hash", "input_hash", "engine_version", "outcome_state", "tiers", "categories",
                       "instruments", "summary_id"):
            assert getattr(ours, column) == getattr(theirs, column), column
        for column in ("status", "due_on", "province", "account", "act_kinds", "incident_json", "latest_outcome",
                       "latest_tiers", "latest_categories", "latest_instruments"):
            assert getattr(imported, column) == getattr(typed, column), column
        assert session.scalar(select(func.count()).select_from(Transition).where(
            Transition.case_id == imported.id)) == 1
        assert session.scalar(select(func.count()).select_from(StoredVerdict)) == 8
        page = search(session, Filters(text="nomor", province="P1"))
    assert page.total == 3 and {r.number for r in page.rows} == {numbers[1], numbers[3], numbers[5]}
    assert all(r.summary_id for r in page.rows)


def test_a_bad_line_stops_the_import_there_keeping_every_line_before(engine: Engine) -> None:
    content = lines(5)
    content[3] = "{not json"
    report = import_cases(engine, content, "andi", "in.jsonl", batch_size=2)
    assert [n for n, _ in report.stored] == [1, 2, 3] and report.stopped_at == 4
    assert report.problems[0].line == 4 and report.problems[0].text.en.startswith("in.jsonl:4: invalid JSON")
    content[3] = line(asn={"nip": "1985031220100110"})  # 16 digits
    again = import_cases(engine, content, "andi", "in.jsonl", from_line=4)
    assert again.stored == [] and "in.jsonl:4: NIP" in again.problems[0].text.en
    content[3] = line(asn={"nip": VALID_NIP})
    resumed = import_cases(engine, content, "andi", "in.jsonl", from_line=4)
    assert resumed.complete and [n for n, _ in resumed.stored] == [4, 5]
    with read_session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 5
        assert session.scalar(select(Case.nip).where(Case.number == resumed.stored[0][1])) == VALID_NIP
        assert audit.verify(session).intact


def test_keep_going_skips_bad_lines_and_stores_the_others(engine: Engine) -> None:
    content = lines(6)
    content[1] = line(source="rumour")
    content[4] = json.dumps({"source": "media", "incident": {"person": {}, "acts": [{"kind": "no_such_act"}]}})
    report = import_cases(engine, ["", *content], "andi", "in.jsonl", keep_going=True, batch_size=2)
    assert [n for n, _ in report.stored] == [2, 4, 5, 7] and report.stopped_at is None
    assert [p.line for p in report.problems] == [3, 6]
    assert report.problems[0].text.en.startswith("in.jsonl:3: invalid case file: source")
    assert "in.jsonl:6#incident" in report.problems[1].text.en and "acts.0.kind" in report.problems[1].text.en
    assert report.problems[1].text.id != report.problems[1].text.en
    with read_session(engine) as session:
        assert audit.verify(session).intact


def test_worker_processes_store_the_same_in_line_order(engine: Engine) -> None:
    report = import_cases(engine, lines(9), "andi", "in.jsonl", jobs=2, batch_size=4,
                          today=dt.date(2024, 10, 20))
    assert report.complete and [n for n, _ in report.stored] == list(range(1, 10))
    with read_session(engine) as session:
        rows = session.execute(select(Case.account, Case.latest_outcome).order_by(Case.id)).all()
        assert [r.account for r in rows] == [f"laporan nomor {i}" for i in range(9)]
        assert all(r.latest_outcome for r in rows)
        assert audit.verify(session).intact


def test_the_command_reports_lines_and_exit_codes(db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "kasus.jsonl"
    content = lines(3)
    source.write_text("\n".join([*content[:2], '{"source": "media"}', content[2]]) + "\n", encoding="utf-8")
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, [*args, "--db", db_url], env={"NETRALITAS_OFFICER": "andi"})

    result = invoke("cases", "import", str(source))
    assert result.exit_code == 2 and "2 perkara dicatat" in result.stdout
    assert "NET-2024-000002 (baris 2)" in result.stdout
    assert f"{source}:3" in result.stderr and "--from-line 3" in result.stderr
    result = invoke("cases", "import", str(source), "--from-line", "4", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["stored"] == [{"line": 4, "number": "NET-2024-000003"}]
    result = invoke("cases", "import", str(tmp_path / "missing.jsonl"), "--lang", "en")
    assert result.exit_code == 2 and "cannot be read" in result.stderr
    assert invoke("db", "verify").exit_code == 0
    result = invoke("cases", "list", "--format", "json")
    assert json.loads(result.stdout)["total"] == 3


def test_hostile_lines_are_refused_at_their_line_and_the_others_stored(engine: Engine) -> None:
    """Nesting deeper than Python recurses, a lone surrogate, a number too long to convert: each a located problem
    of its line (read through the same JSON boundary as every other input), never an internal error."""
    content = lines(4)
    content[1] = "[" * 100_000 + "]" * 100_000
    content[2] = '{"source": "public_report", "account": "\\ud800"}'
    content.insert(3, '{"n": ' + "9" * 5000 + "}")
    report = import_cases(engine, content, "andi", "in.jsonl", keep_going=True)
    assert [n for n, _ in report.stored] == [1, 5]
    assert [p.line for p in report.problems] == [2, 3, 4]
    deep, surrogate, long_number = (p.text.en for p in report.problems)
    assert deep.startswith("in.jsonl:2: invalid JSON") and "levels deep" in deep
    assert surrogate.startswith("in.jsonl:3: invalid JSON") and "surrogate" in surrogate
    assert long_number.startswith("in.jsonl:4: invalid JSON") and "too long" in long_number
    assert report.problems[0].text.id.startswith("in.jsonl:2: JSON tidak sah")


def test_the_command_never_holds_an_overlong_line_whole(db_url: str, tmp_path: Path) -> None:
    from netralitas.cli.cases_import import _lines_within
    from netralitas.registry.bulk import MAX_LINE_CHARS

    stream = io.StringIO("ab\n" + "x" * 25 + "\ncd")
    assert list(_lines_within(stream, 10)) == ["ab\n", "x" * 11, "cd"]
    source = tmp_path / "kasus.jsonl"
    content = lines(2)
    source.write_text(f"{content[0]}\n{'x' * (MAX_LINE_CHARS * 3)}\n{content[1]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["cases", "import", str(source), "--keep-going", "--db", db_url, "--lang", "en"],
                                env={"NETRALITAS_OFFICER": "andi"})
    assert result.exit_code == 2 and "2 cases registered" in result.stdout
    assert f"{source}:2: the line is longer than {MAX_LINE_CHARS:,} characters" in result.stderr
