"""The test databases: a SQLite file, or the PostgreSQL at `--pg-url` / `$NETRALITAS_TEST_PG_URL`.

Without a PostgreSQL URL the PostgreSQL half of a test is skipped, unless `NETRALITAS_REQUIRE_PG=1`, when an unset
or unreachable PostgreSQL fails the run instead. Used by the registry, API and browser tests alike.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, create_engine, insert, inspect, text

from netralitas.registry.db import make_engine
from netralitas.registry.migrate import head_revision, upgrade

BACKENDS = ("sqlite", "postgresql")
VERSIONS = "alembic_version"


def pg_url(config: pytest.Config) -> str | None:
    """The PostgreSQL URL to test against, if any."""
    found: str | None = config.getoption("--pg-url", default=None) or os.environ.get("NETRALITAS_TEST_PG_URL")
    return found


def pg_or_skip(config: pytest.Config) -> str:
    """The reachable PostgreSQL URL; otherwise skip the test, or fail it when NETRALITAS_REQUIRE_PG=1."""
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


def sqlite_url(folder: Path) -> str:
    """The URL of a (new) SQLite registry file in `folder`."""
    return f"sqlite:///{folder / 'registry.sqlite3'}"


class MigratedPg:
    """A PostgreSQL registry migrated once (per test session) and emptied back to its just-migrated rows on demand.

    `clean()` truncates every table but the `keep` ones (TRUNCATE fires no row trigger, so append-only tables empty
    too) and puts back the rows the migrations seeded; when another test has dropped or downgraded the schema
    meanwhile, it migrates afresh (and says so: the kept tables are empty then).
    """

    def __init__(self, url: str, keep: tuple[str, ...] = ()) -> None:
        self.url = url
        self.keep = frozenset({VERSIONS, *keep})
        self.seeds: dict[str, list[dict[str, Any]]] = {}
        self.migrate()

    def migrate(self) -> None:
        """Empty the database and migrate it afresh (the kept tables are empty then)."""
        engine = make_engine(fresh_pg(self.url))
        upgrade(engine)
        tables = _tables(engine)
        with engine.connect() as connection:
            self.seeds = {name: [dict(row._mapping) for row in connection.execute(table.select())]
                          for name, table in tables.tables.items() if name not in self.keep}
        engine.dispose()

    def _intact(self, engine: Engine) -> bool:
        found = inspect(engine)
        if not all(found.has_table(name) for name in self.keep):
            return False
        with engine.connect() as connection:
            current = connection.execute(text(f"SELECT version_num FROM {VERSIONS}")).scalars().all()
        return current == [head_revision()]

    def clean(self) -> bool:
        """Empty the registry back to its migrated state (the `keep` tables aside); True if it had to be migrated
        afresh."""
        engine = make_engine(self.url)
        try:
            if not self._intact(engine):
                self.migrate()
                return True
            tables = _tables(engine)
            names = ", ".join(f'"{name}"' for name in tables.tables if name not in self.keep)
            with engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                for name, rows in self.seeds.items():
                    if rows:
                        connection.execute(insert(tables.tables[name]), rows)
        finally:
            engine.dispose()
        return False


def _tables(engine: Engine) -> MetaData:
    tables = MetaData()
    tables.reflect(engine)
    return tables
