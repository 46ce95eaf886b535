"""What a process holds for its requests: settings, the database, the rulebook and one evaluator.

durable-rules keeps one host per process and is not thread-safe, and FastAPI runs synchronous routes in a
thread pool: every evaluation (direct, batch, or of a stored case) goes through `evaluating()`, one at a time
per process. Throughput comes from worker processes (`--workers`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from fastapi import Request
from sqlalchemy import Engine

from netralitas.api.settings import Settings
from netralitas.evaluation import Evaluator
from netralitas.matching.backends import BackendName
from netralitas.registry.migrate import open_database
from netralitas.rulebook import Rulebook

_LOCK = threading.Lock()


@contextmanager
def evaluating() -> Iterator[None]:
    """Hold the process's evaluation lock."""
    with _LOCK:
        yield


@dataclass(frozen=True)
class Services:
    """The shared, read-only parts of one process."""

    settings: Settings
    engine: Engine
    rulebook: Rulebook
    evaluator: Evaluator


def build(settings: Settings) -> Services:
    """Open the database (refusing an outdated one) and load the rulebook."""
    engine = open_database(settings.db)
    rulebook = Rulebook.load(settings.rules)
    return Services(settings, engine, rulebook, Evaluator(rulebook, backend=cast(BackendName, settings.backend)))


def services(request: Request) -> Services:
    """The services of the application serving `request`."""
    found: Services = request.app.state.services
    return found
