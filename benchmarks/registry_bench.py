"""Case-registry benchmark (not a test): import and evaluate N generated cases, then search and statistics latency.

    python benchmarks/registry_bench.py --count 100000 --json benchmarks/registry-100k.json \
        [--pg postgresql://user@127.0.0.1:5432/db] [--jobs 2]

For each database (a SQLite file in a temporary folder; PostgreSQL if `--pg` is given, its public schema
emptied first) it measures:

- **one by one**: `add_case` then `evaluate_case` (two audited write transactions per case) on the first cases;
- **insert only**: the bulk import (`registry.bulk.import_cases`, what `netralitas cases import` runs) without
  evaluation, into a scratch registry;
- **import + evaluate**: the bulk import of all N cases with evaluation, each batch of 500 one transaction with
  the same rows and hash-chained audit entries as case-by-case entry;
- the queries officers run on the full registry, each repeated (`--repeat`, default 20) after one warm-up:
  p50 and p99 of wall-clock time (with 20 samples, p99 is the slowest but one);
- the database size and the bytes per case.

Rates are wall-clock and CPU time of this process (the machine may be shared; the CPU rate excludes the
database server's and the workers' time). `ANALYZE` runs after the import, as autovacuum or `PRAGMA optimize`
would. Cases cycle over the bundled sample incidents with varied province, agency, receipt date and account text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics as pystats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from netralitas.registry.bulk import import_cases
from netralitas.registry.casefile import parse_case_file
from netralitas.registry.cases import add_case
from netralitas.registry.db import make_engine, read_session
from netralitas.registry.migrate import upgrade
from netralitas.registry.search import Filters, search
from netralitas.registry.stats import statistics
from netralitas.registry.verdicts import evaluate_case, evaluator
from netralitas.registry.views import case_detail
from netralitas.version import __version__

EXAMPLES = Path(__file__).resolve().parents[1] / "facts" / "examples"
PROVINCES = ("Jawa Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Jawa Timur", "Banten", "Lampung")
WORDS = ("kampanye", "baliho", "rapat", "video", "foto", "bantuan", "desa", "sekolah", "kantor", "media")
TODAY = dt.date(2024, 11, 1)
"""The day the queries are asked: cases are received from 1 Sept to 29 Nov 2024, so part of them is overdue."""
TARGETS = {"import + evaluate (cases/s)": ">= 500/s on SQLite", "query p50 (ms)": "< 200 ms"}


def _incidents() -> list[dict[str, Any]]:
    loaded = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    return [d for d in loaded if isinstance(d, dict)]


def case_data(i: int, incidents: list[dict[str, Any]]) -> dict[str, Any]:
    """The i-th generated case file."""
    return {"source": "public_report", "received_on": (dt.date(2024, 9, 1) + dt.timedelta(days=i % 90)).isoformat(),
            "incident": incidents[i % len(incidents)],
            "asn": {"province": PROVINCES[i % len(PROVINCES)], "agency": f"Pemerintah Kabupaten {i % 500}"},
            "account": f"Laporan {i}: {WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} oleh ASN"}


def lines(count: int, start: int = 0) -> Iterator[str]:
    """`count` generated cases as JSON Lines."""
    incidents = _incidents()
    for i in range(start, start + count):
        yield json.dumps(case_data(i, incidents), default=str)


def _empty(url: str) -> Engine:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
                                    " DROP FUNCTION IF EXISTS netralitas_append_only() CASCADE"))
    upgrade(engine)
    return engine


def _rate(count: int, run: Callable[[], object]) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"cases": count, "seconds": round(wall, 2), "cases_per_s": round(count / wall, 1),
            "cases_per_cpu_s": round(count / cpu, 1) if cpu else 0.0}


def _one_by_one(engine: Engine, count: int) -> dict[str, float]:
    incidents = _incidents()

    def run() -> None:
        for i in range(count):
            case, incident = parse_case_file(case_data(i, incidents), "bench")
            evaluate_case(engine, add_case(engine, case, incident, "bench"), "bench")

    return _rate(count, run)


def _import(engine: Engine, count: int, evaluate: bool, jobs: int, start: int = 0) -> dict[str, float]:
    def run() -> None:
        report = import_cases(engine, lines(count, start), "bench", "bench.jsonl", evaluate=evaluate, jobs=jobs)
        assert report.complete and len(report.stored) == count, report.problems[:3]

    return _rate(count, run)


def _timed(run: Callable[[], object], repeat: int) -> dict[str, float]:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return {"p50_ms": round(pystats.median(times), 1), "p99_ms": round(p99, 1), "max_ms": round(times[-1], 1)}


def queries(engine: Engine, count: int) -> dict[str, Callable[[], object]]:
    """The queries timed, by name."""
    def over(read: Callable[[Session, Filters], object]) -> Callable[..., Callable[[], object]]:
        def with_filters(**given: Any) -> Callable[[], object]:
            filters = Filters(today=TODAY, **given)

            def run() -> object:
                with read_session(engine) as session:
                    return read(session, filters)
            return run
        return with_filters

    page, stats = over(search), over(statistics)

    def show() -> object:
        with read_session(engine) as session:
            return case_detail(session, f"NET-2024-{count // 2:06d}", TODAY)

    return {
        "list, page 1, no filter": page(),
        "filter province + tier, page 1": page(province="Jawa Tengah", tier="berat"),
        "filter agency + status, page 1": page(agency="Pemerintah Kabupaten 7", status=("received",)),
        "filter received between two dates, page 1": page(received_from=dt.date(2024, 10, 1),
                                                          received_to=dt.date(2024, 10, 7)),
        "full text, 2 words, page 1": page(text="baliho desa"),
        "full text + province, page 1": page(text="kampanye", province="Banten"),
        "overdue, page 1": page(overdue=True),
        "statistics, all cases": stats(),
        "statistics, one province": stats(province="Lampung"),
        "one case (show)": show,
    }


def _size(engine: Engine, url: str) -> int:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return int(connection.execute(text(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                " c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')")).scalar_one())
    path = Path(url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def _analyze(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def bench(name: str, url: str, scratch_url: str, count: int, jobs: int, repeat: int, one_by_one: int,
          insert_only: int) -> dict[str, Any]:
    """Every figure for one database."""
    figures: dict[str, Any] = {"database": name}
    print(f"{name}: one by one ({one_by_one})", file=sys.stderr, flush=True)
    scratch = _empty(scratch_url)
    figures["one by one: add_case + evaluate_case"] = _one_by_one(scratch, one_by_one)
    print(f"{name}: insert only ({insert_only})", file=sys.stderr, flush=True)
    figures["bulk import, insert only"] = _import(scratch, insert_only, False, 1, start=one_by_one)
    scratch.dispose()
    engine = _empty(url)
    print(f"{name}: import + evaluate ({count})", file=sys.stderr, flush=True)
    figures["bulk import + evaluate"] = _import(engine, count, True, jobs)
    figures["bulk import + evaluate"]["jobs"] = jobs
    _analyze(engine)
    size = _size(engine, url)
    figures["database bytes"], figures["bytes per case"] = size, round(size / count)
    figures["queries"] = timed_queries(name, engine, count, repeat)
    return figures


def timed_queries(name: str, engine: Engine, count: int, repeat: int) -> dict[str, dict[str, float]]:
    """p50 and p99 of each query on the registry of `count` cases."""
    figures = {}
    for query, run in queries(engine, count).items():
        print(f"{name}: {query}", file=sys.stderr, flush=True)
        figures[query] = _timed(run, repeat)
    engine.dispose()
    return figures


def _server_version(url: str) -> str:
    engine = make_engine(url)
    with engine.connect() as connection:
        version = str(connection.execute(text("SHOW server_version")).scalar_one())
    engine.dispose()
    return version


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--pg", help="PostgreSQL URL (its public schema is emptied; the scratch runs use it first)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes that validate and evaluate")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--one-by-one", type=int, default=300, help="cases entered one at a time first")
    parser.add_argument("--insert-only", type=int, default=10_000, help="cases imported without evaluation")
    parser.add_argument("--only", choices=("sqlite", "postgresql"), help="run one database only")
    parser.add_argument("--keep", type=Path, help="SQLite: build the registry at this file and keep it")
    parser.add_argument("--queries-only", action="store_true",
                        help="time the queries on the registry already there (--keep FILE or --pg URL)")
    parser.add_argument("--json", type=Path, help="write the figures here (merged into an existing file)")
    args = parser.parse_args()
    evaluator(None)  # the rulebook loads once, outside every timing
    run: dict[str, Any] = {"count": args.count, "date": dt.date.today().isoformat(), "netralitas": __version__,
                           "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                           "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg(), "targets": TARGETS}
    with tempfile.TemporaryDirectory() as folder:
        targets = []
        if args.only in (None, "sqlite"):
            targets.append(("SQLite", f"sqlite:///{args.keep or Path(folder) / 'bench.sqlite3'}",
                            f"sqlite:///{Path(folder) / 'scratch.sqlite3'}"))
        if args.pg and args.only in (None, "postgresql"):
            run["postgresql"] = _server_version(args.pg)
            targets.append(("PostgreSQL", args.pg, args.pg))
        for name, url, scratch in targets:
            figures: dict[str, Any]
            if args.queries_only:
                figures = {"database": name, "queries": timed_queries(name, make_engine(url), args.count, args.repeat)}
            else:
                figures = bench(name, url, scratch, args.count, args.jobs, args.repeat, args.one_by_one,
                                args.insert_only)
            figures["load_average_at_end"] = os.getloadavg()
            run[name] = figures
            print(json.dumps(figures, indent=2), flush=True)
    if args.json:
        previous = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
        args.json.write_text(json.dumps({**previous, **run}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
