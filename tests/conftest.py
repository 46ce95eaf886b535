"""Shared fixtures: the bundled rulebook and evaluators on each backend."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from netralitas import Evaluator, Rulebook
from netralitas.matching.backends import durable
from netralitas.rulebook.parse_cache import CACHE_ENV
from tests.api.support import PgRegistry
from tests.databases import BACKENDS, pg_or_skip

os.environ.setdefault(CACHE_ENV, tempfile.mkdtemp(prefix="netralitas-test-parsed-"))
"""The rulebook's parse cache in a folder of this run's own (subprocesses inherit it), never the user's."""

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "facts" / "examples"


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return Rulebook.load()


@pytest.fixture(scope="session")
def evaluator(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook)


@pytest.fixture(scope="session")
def python_evaluator(rulebook: Rulebook) -> Evaluator:
    return Evaluator(rulebook, backend="python")


@pytest.fixture(scope="session")
def durable_evaluator(rulebook: Rulebook) -> Evaluator:
    if not durable.available():
        pytest.skip(f"durable-rules not importable here: {durable.IMPORT_ERROR}")
    return Evaluator(rulebook, backend="durable")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--pg-url", default=None, help="PostgreSQL URL for the registry, API and browser tests")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `every_database` get their `registry` (and `fresh`) registry on SQLite and on PostgreSQL."""
    marker = metafunc.definition.get_closest_marker("every_database")
    if marker is None:
        return
    for name in ("registry", "fresh"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, BACKENDS, indirect=True, scope=marker.kwargs.get("scope", "function"))


@pytest.fixture(scope="session")
def pg_registry(request: pytest.FixtureRequest) -> PgRegistry:
    """The session's PostgreSQL registry (skipped, or failed under NETRALITAS_REQUIRE_PG=1, without one)."""
    return PgRegistry(pg_or_skip(request.config))


def expected_backend() -> str | None:
    return os.environ.get("NETRALITAS_EXPECT_BACKEND")

from tests.browser import browser  # noqa: E402, F401  (a fixture for every browser test)
