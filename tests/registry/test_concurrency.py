"""Concurrent writers lose nothing: processes on one SQLite file, connections (threads) on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from netralitas.registry.audit import verify
from netralitas.registry.db import make_engine, read_session
from netralitas.registry.models import AuditEntry, Case, StoredVerdict, Transition

from .conftest import ROOT
from .workers import write

WORKERS, CASES = 4, 6


def _check(url: str) -> None:
    engine = make_engine(url)
    with read_session(engine) as session:
        counts = [session.scalar(select(func.count()).select_from(t)) for t in (Case, StoredVerdict, Transition,
                                                                                 AuditEntry)]
        numbers = set(session.scalars(select(Case.number)))
        report = verify(session)
    total = WORKERS * CASES
    assert counts == [total, total, 2 * total, 3 * total]
    assert numbers == {f"NET-2024-{i:06d}" for i in range(1, total + 1)}
    assert report.intact, report.problems


def test_concurrent_writers_lose_nothing(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        processes = [subprocess.Popen([sys.executable, "-m", "tests.registry.workers", db_url, str(w), str(CASES)],
                                      cwd=ROOT) for w in range(WORKERS)]
        assert [p.wait(timeout=300) for p in processes] == [0] * WORKERS
    else:
        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(lambda w: write(db_url, w, CASES), range(WORKERS)))
    _check(db_url)
