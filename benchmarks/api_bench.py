"""Benchmark (not a test): POST /api/v1/evaluate on loopback, and search/statistics latency on a large registry.

    python benchmarks/api_bench.py [--requests 2000] [--clients 50] [--workers 2] [--seconds 60] [--cases 100000]

Starts `uvicorn` with N workers on 127.0.0.1 (a free port), sends at most --requests requests from --clients
concurrent clients for at most --seconds, and reports requests per second, p50 and p99, and the ratio to the
in-process pipeline (load + evaluate) measured in the same run. Then fills a SQLite registry with --cases generated
cases (bulk insert through the registry's models) and times search and statistics through the API. Nothing leaves
the loopback interface.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

from netralitas import Evaluator, load_incident_text
from netralitas.registry.db import make_engine, write_session
from netralitas.registry.migrate import upgrade
from netralitas.registry.models import Case

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "facts" / "examples" / "camat-kades.yaml").read_text()


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(db: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _port()
    env = {**os.environ, "NETRALITAS_DB": db, "NETRALITAS_RATE_LIMIT": "0", "NETRALITAS_SECRET_KEY": "bench" * 8}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "netralitas.web.app:app_from_env",
                                "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                                "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/api/v1/rulebook", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("server did not start")


async def _load(base: str, total: int, clients: int, seconds: float) -> tuple[list[float], float]:
    latencies: list[float] = []
    remaining = total
    deadline = time.monotonic() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining
        while remaining > 0 and time.monotonic() < deadline:
            remaining -= 1
            start = time.perf_counter()
            response = await http.post("/api/v1/evaluate", content=SAMPLE,
                                       headers={"Content-Type": "application/yaml"})
            response.raise_for_status()
            latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return latencies, time.perf_counter() - began


def _in_process(count: int) -> float:
    evaluator = Evaluator()
    start = time.perf_counter()
    for _ in range(count):
        evaluator.evaluate(load_incident_text(SAMPLE, "<bench>"))
    return count / (time.perf_counter() - start)


def _fill(db: str, cases: int) -> None:
    import datetime as dt

    engine = make_engine(db)
    incident = json.dumps(json.loads(json.dumps(__import__("yaml").safe_load(SAMPLE), default=str)))
    words = ["camat", "lurah", "kepala", "desa", "video", "kampanye", "spanduk", "mobil", "dinas", "foto"]
    batch = 5_000
    for start in range(0, cases, batch):
        with write_session(engine) as session:
            session.add_all([Case(number=f"NET-2024-{i + 1:06d}", year=2024, sequence=i + 1, source="media",
                                  status="received", received_on=dt.date(2024, 1 + i % 12, 1 + i % 28),
                                  agency=f"Instansi {i % 40}", province=f"Provinsi {i % 34}",
                                  account=" ".join(words[(i + k) % len(words)] for k in range(6)),
                                  act_kinds="|favouring_decision|", incident_json=incident,
                                  incident_schema_version=1) for i in range(start, min(cases, start + batch))])


def _timed(http: httpx.Client, path: str, token: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        http.get(path, headers={"Authorization": f"Bearer {token}"}).raise_for_status()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="netralitas-bench-"))
    db = f"sqlite:///{folder / 'registry.sqlite3'}"
    upgrade(make_engine(db))
    process, base = _serve(db, args.workers)
    try:
        latencies, elapsed = asyncio.run(_load(base, args.requests, args.clients, args.seconds))
    finally:
        process.terminate()
        process.wait(timeout=30)
    ordered = sorted(latencies)
    rps = len(ordered) / elapsed
    local = _in_process(min(2000, max(200, len(ordered))))
    print(f"evaluate: {len(ordered)} requests, {args.clients} clients, {args.workers} workers: {rps:.0f} req/s,"
          f" p50 {ordered[len(ordered) // 2] * 1000:.1f} ms, p99 {ordered[int(len(ordered) * 0.99) - 1] * 1000:.1f} ms;"
          f" in-process {local:.0f}/s (ratio {rps / local:.2f})")
    from netralitas.registry.accounts import Role, add_user, create_token

    engine = make_engine(db)
    add_user(engine, "bench", "bench-password-1", Role.SUPERVISOR, None, "bench")
    token = create_token(engine, "bench", "bench", "bench")
    start = time.perf_counter()
    _fill(db, args.cases)
    print(f"registry: {args.cases} cases inserted in {time.perf_counter() - start:.1f} s")
    process, base = _serve(db, 1)
    try:
        with httpx.Client(base_url=base, timeout=120) as http:
            for label, path in (("search text", "/api/v1/cases?q=video+kampanye"),
                                ("search filter", "/api/v1/cases?agency=Instansi+7&status=received"),
                                ("statistics", "/api/v1/statistics")):
                print(f"{label}: median {_timed(http, path, token):.0f} ms")
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
