"""A writer process for the concurrency test: adds cases, evaluates and advances them."""

from __future__ import annotations

import sys

from netralitas.registry.advance import advance
from netralitas.registry.db import make_engine
from netralitas.registry.verdicts import evaluate_case
from netralitas.registry.vocabulary import Status
from tests.registry.conftest import new_case


def write(url: str, worker: int, cases: int) -> None:
    """Add `cases` cases as officer `worker-N`, each evaluated and moved to verification."""
    engine = make_engine(url)
    for _ in range(cases):
        number = new_case(engine, officer=f"worker-{worker}")
        evaluate_case(engine, number, f"worker-{worker}")
        advance(engine, number, Status.VERIFICATION, f"worker-{worker}", "concurrent")
    engine.dispose()


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
