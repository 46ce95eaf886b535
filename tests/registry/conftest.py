"""Registry fixtures: every database test runs on a real SQLite file and on a real PostgreSQL.

PostgreSQL is reached at `--pg-url` or `$NETRALITAS_TEST_PG_URL` (see `tests.databases`). Without one the PostgreSQL
half is skipped, unless `NETRALITAS_REQUIRE_PG=1`, when an unreachable or unset PostgreSQL fails the run instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine

from netralitas.registry.casefile import parse_case_file
from netralitas.registry.cases import add_case
from netralitas.registry.db import make_engine
from netralitas.registry.migrate import upgrade
from tests.databases import BACKENDS, fresh_pg, pg_or_skip, sqlite_url

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "facts" / "examples"
VALID_NIP = "198503122010011002"


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database of each kind."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return fresh_pg(pg_or_skip(request.config))


@pytest.fixture
def db_url(empty_url: str) -> str:
    """The URL of a migrated, empty registry."""
    engine = make_engine(empty_url)
    upgrade(engine)
    engine.dispose()
    return empty_url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a migrated, empty registry."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def example(name: str) -> dict[str, Any]:
    """A sample incident as data."""
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def new_case(engine: Engine, incident: str = "camat-kades.yaml", officer: str = "andi", **fields: Any) -> str:
    """Register a case built from a sample incident; its number."""
    data: dict[str, Any] = {"source": "public_report", "received_on": dt.date(2024, 10, 16),
                            "incident": example(incident), **fields}
    case, found = parse_case_file(data, "test")
    return add_case(engine, case, found, officer)
