"""The officer's commands end to end: Indonesian by default, English and JSON on request, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netralitas.cli import app
from netralitas.registry.db import make_engine
from netralitas.registry.migrate import head_revision, upgrade

from .conftest import EXAMPLES

Invoke = Callable[..., tuple[int, str, str]]

CASE = """source: public_report
received_on: 2024-10-16
reporter: {name: Siti Aminah}
asn: {nip: "198503122010011002", province: Jawa Tengah}
incident_file: %s
"""


@pytest.fixture
def run(db_url: str) -> Invoke:
    runner = CliRunner()

    def invoke(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [*args, "--db", db_url], env={"NETRALITAS_OFFICER": "andi"})
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_an_officer_walks_a_case_through(run: Invoke, tmp_path: Path) -> None:
    invoke = run
    case = tmp_path / "kasus.yaml"
    case.write_text(CASE % (EXAMPLES / "camat-kades.yaml"), encoding="utf-8")
    code, out, _ = invoke("cases", "add", str(case), "--evaluate")
    assert code == 0 and "perkara NET-2024-000001 dicatat" in out and "hukuman disiplin berat" in out
    code, out, err = invoke("cases", "advance", "NET-2024-000001", "closed", "--reason", "x")
    assert code == 2 and "yang diizinkan: verification" in err
    code, out, _ = invoke("cases", "advance", "NET-2024-000001", "verification", "--reason", "ok",
                          "--lang", "en")
    assert code == 0 and "joint verification" in out
    code, out, _ = invoke("cases", "show", "NET-2024-000001", "--format", "json")
    assert code == 0 and json.loads(out)["status"] == "verification"
    code, out, _ = invoke("cases", "search", "kepala desa", "--province", "Jawa Tengah")
    assert code == 0 and "NET-2024-000001" in out and "jumlah 1;" in out
    code, out, _ = invoke("cases", "list", "--tier", "berat", "--format", "json")
    assert json.loads(out)["total"] == 1
    code, out, _ = invoke("cases", "stats")
    assert code == 0 and "Tingkat tindak lanjut" in out and "Siti" not in out
    code, out, _ = invoke("cases", "export", "stats", "--to", "csv")
    assert code == 0 and out.startswith("dimension,value,cases")
    code, out, _ = invoke("db", "verify")
    assert code == 0 and "rantai audit utuh: 4 entri" in out


def test_bad_input_exit_codes(run: Invoke, tmp_path: Path) -> None:
    invoke = run
    code, _, err = invoke("cases", "show", "NET-2099-000001")
    assert code == 2 and "tidak ditemukan" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text(CASE.replace("198503122010011002", "198513122010011002") % (EXAMPLES / "camat-kades.yaml"),
                   encoding="utf-8")
    code, _, err = invoke("cases", "add", str(bad), "--lang", "en")
    assert code == 2 and "birth date (digits 1–8" in err
    code, _, _ = invoke("cases", "list", "--received-from", "2024-13-01")
    assert code == 2


def test_an_outdated_database_exits_5_and_upgrade_fixes_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    upgrade(make_engine(url), "r0001")
    runner = CliRunner()
    result = runner.invoke(app, ["cases", "list", "--db", url])
    assert result.exit_code == 5 and "netralitas db upgrade" in result.stderr
    result = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert result.exit_code == 0 and f"r0001 → {head_revision()}" in result.stdout
    assert runner.invoke(app, ["cases", "list", "--db", url]).exit_code == 0
