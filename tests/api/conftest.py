"""Fixtures of the API tests: a fresh registry per test module, a client per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.support import Registry, client, make_registry


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    return make_registry(tmp_path_factory.mktemp("registry"))


@pytest.fixture()
def api(registry: Registry) -> Iterator[TestClient]:
    with client(registry) as test_client:
        yield test_client


@pytest.fixture()
def fresh(tmp_path: Path) -> Registry:
    return make_registry(tmp_path)
