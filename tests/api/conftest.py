"""Fixtures of the API tests: a SQLite registry per test module (PostgreSQL: one per session, emptied between
tests), a client per test. Modules marked `every_database` run on both (see `tests.databases`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.support import PgRegistry, Registry, client, make_registry, registry_on
from tests.databases import sqlite_url


@pytest.fixture(scope="module")
def sqlite_registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return make_registry(sqlite_url(tmp_path_factory.mktemp("registry")))


@pytest.fixture()
def registry(request: pytest.FixtureRequest) -> Registry:
    """The module's SQLite registry, or (parametrized by `every_database`) the PostgreSQL one, emptied per test."""
    if getattr(request, "param", "sqlite") == "sqlite":
        found: Registry = request.getfixturevalue("sqlite_registry")
        return found
    shared: PgRegistry = request.getfixturevalue("pg_registry")
    return shared.cleaned()


@pytest.fixture()
def api(registry: Registry) -> Iterator[TestClient]:
    with client(registry) as test_client:
        yield test_client


@pytest.fixture()
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Registry:
    return registry_on(request, tmp_path)
