"""Shared fixtures: the bundled rulebook and evaluators on each backend."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netralitas import Evaluator, Rulebook
from netralitas.matching.backends import durable

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


def expected_backend() -> str | None:
    return os.environ.get("NETRALITAS_EXPECT_BACKEND")

from tests.browser import browser  # noqa: E402, F401  (a fixture for every browser test)
