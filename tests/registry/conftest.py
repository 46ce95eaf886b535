"""Registry fixtures: every database test runs on a real SQLite file and on a real PostgreSQL.

PostgreSQL is reached at `--pg-url` or `$NETRALITAS_TEST_PG_URL`. Without one the PostgreSQL half is skipped,
unless `NETRALITAS_REQUIRE_PG=1`, when an unreachable or unset PostgreSQL fails the run instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, create_engine, text

from netralitas.registry.casefile import parse_case_file
from netralitas.registry.cases import add_case
from netralitas.registry.db import make_engine
from netralitas.registry.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "facts" / "examples"
VALID_NIP = "198503122010011002"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--pg-url", default=None, help="PostgreSQL URL for the registry tests")


def pg_url(config: pytest.Config) -> str | None:
    """The PostgreSQL URL to test against, if any."""
    return config.getoption("--pg-url") or os.environ.get("NETRALITAS_TEST_PG_URL")


def _pg_or_skip(config: pytest.Config) -> str:
    url = pg_url(config)
    required = os.environ.get("NETRALITAS_REQUIRE_PG") == "1"
    if url is None:
        if required:
            pytest.fail("NETRALITAS_REQUIRE_PG=1 but no PostgreSQL URL (--pg-url / NETRALITAS_TEST_PG_URL)")
        pytest.skip("no PostgreSQL URL (--pg-url / NETRALITAS_TEST_PG_URL)")
    try:
        probe = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with probe.connect():
            pass
        probe.dispose()
    except Exception as error:
        if required:
            pytest.fail(f"NETRALITAS_REQUIRE_PG=1 but PostgreSQL at {url} is unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    return url


def fresh_pg(url: str) -> str:
    """Empty the PostgreSQL test database (its public schema) and return its URL."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
        connection.execute(text("DROP FUNCTION IF EXISTS netralitas_append_only() CASCADE"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    return fresh_pg(_pg_or_skip(request.config))


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
