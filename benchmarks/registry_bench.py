"""Case-registry benchmark (not a test): insert and evaluate N generated cases, then search and statistics latency.

    python benchmarks/registry_bench.py --count 100000                  # SQLite file in a temporary folder
    python benchmarks/registry_bench.py --count 100000 --pg postgresql://user@127.0.0.1:5432/db   # also PostgreSQL

Each case goes through the service functions officers use (`add_case`, then `evaluate_case`: two write
transactions, each audited and hash-chained). Cases cycle over the bundled sample incidents with varied agency,
province and account text. Times are wall-clock (database work is I/O), medians of 5 runs for each query.
The PostgreSQL database given is emptied first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics as pystats
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import text

from netralitas.registry.casefile import parse_case_file
from netralitas.registry.cases import add_case
from netralitas.registry.db import make_engine, read_session
from netralitas.registry.migrate import upgrade
from netralitas.registry.search import Filters, search
from netralitas.registry.stats import statistics
from netralitas.registry.verdicts import evaluate_case

EXAMPLES = Path(__file__).resolve().parents[1] / "facts" / "examples"
PROVINCES = ("Jawa Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Jawa Timur", "Banten", "Lampung")
WORDS = ("kampanye", "baliho", "rapat", "video", "foto", "bantuan", "desa", "sekolah", "kantor", "media")


def _incidents() -> list[dict[str, Any]]:
    loaded = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    return [d for d in loaded if isinstance(d, dict)]


def _median_ms(run: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return pystats.median(times)


def bench(url: str, count: int) -> dict[str, float]:
    """Insert + evaluate `count` cases on `url`, then time the typical queries."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
                                    " DROP FUNCTION IF EXISTS netralitas_append_only() CASCADE"))
    upgrade(engine)
    incidents = _incidents()
    start = time.perf_counter()
    for i in range(count):
        data = {"source": "public_report", "received_on": dt.date(2024, 9, 1) + dt.timedelta(days=i % 90),
                "incident": incidents[i % len(incidents)],
                "asn": {"province": PROVINCES[i % len(PROVINCES)], "agency": f"Pemerintah Kabupaten {i % 500}"},
                "account": f"Laporan {i}: {WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} oleh ASN"}
        case, incident = parse_case_file(data, "bench")
        evaluate_case(engine, add_case(engine, case, incident, "bench"), "bench")
    elapsed = time.perf_counter() - start

    def query(filters: Filters) -> Callable[[], object]:
        def run() -> object:
            with read_session(engine) as session:
                return search(session, filters)
        return run

    def stats() -> object:
        with read_session(engine) as session:
            return statistics(session)

    figures = {
        "insert+evaluate cases/s": count / elapsed,
        "search by province+tier, page 1 (ms)": _median_ms(query(Filters(province="Jawa Tengah", tier="berat"))),
        "full-text search 2 words, page 1 (ms)": _median_ms(query(Filters(text="baliho desa"))),
        "overdue filter, page 1 (ms)": _median_ms(query(Filters(overdue=True))),
        "statistics over all cases (ms)": _median_ms(stats),
    }
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pg", help="PostgreSQL URL (emptied first)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        targets = [("SQLite", f"sqlite:///{Path(folder) / 'bench.sqlite3'}")]
        if args.pg:
            targets.append(("PostgreSQL", args.pg))
        for name, url in targets:
            for figure, value in bench(url, args.count).items():
                print(f"{name}\t{args.count}\t{figure}\t{value:,.1f}")


if __name__ == "__main__":
    main()
