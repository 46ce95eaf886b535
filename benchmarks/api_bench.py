"""Benchmark (not a test): POST /api/v1/evaluate on loopback, and search/statistics latency on a large registry.

    python benchmarks/api_bench.py [--requests 2000] [--clients 50] [--workers 2] [--seconds 60] [--cases 100000]
                                   [--json FILE]

Starts `uvicorn` with N workers on 127.0.0.1 (a free port), sends at most --requests requests from --clients
concurrent clients for at most --seconds, and reports requests per second, p50 and p99, and the ratio to the
in-process pipeline (load + evaluate + the verdict's JSON, what the endpoint does) measured in the same run, one
thread; `--json` writes these figures to a file. Then (unless `--cases 0`) fills a SQLite registry with --cases
generated cases (bulk insert through the registry's models) and times search and statistics through the API.
Nothing leaves the loopback interface.
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


async def _load(base: str, total: int, clients: int, seconds: float) -> tuple[list[float], float, dict[str, int]]:
    """Latencies of the answered requests, the wall time, and the failed requests by kind (counted, not raised)."""
    latencies: list[float] = []
    failed: dict[str, int] = {}
    remaining = total
    deadline = time.monotonic() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining
        while remaining > 0 and time.monotonic() < deadline:
            remaining -= 1
            start = time.perf_counter()
            try:
                response = await http.post("/api/v1/evaluate", content=SAMPLE,
                                           headers={"Content-Type": "application/yaml"})
            except httpx.HTTPError as error:
                failed[type(error).__name__] = failed.get(type(error).__name__, 0) + 1
                continue
            if response.status_code != 200:
                failed[str(response.status_code)] = failed.get(str(response.status_code), 0) + 1
                continue
            latencies.append(time.perf_counter() - start)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        began = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return latencies, time.perf_counter() - began, failed


def _in_process(count: int) -> float:
    """Incidents per second through load, evaluate and the verdict's JSON, in this process, one thread."""
    evaluator = Evaluator()
    evaluator.evaluate(load_incident_text(SAMPLE, "<warm-up>")).to_json(indent=None)
    start = time.perf_counter()
    for _ in range(count):
        evaluator.evaluate(load_incident_text(SAMPLE, "<bench>")).to_json(indent=None)
    return count / (time.perf_counter() - start)


def _percentile(ordered: list[float], share: float) -> float:
    """The `share` quantile of sorted latencies, in milliseconds (nearest rank)."""
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))] * 1000


def _load_average() -> str:
    """The machine's 1-minute load average (other work on a shared machine slows the server too)."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def _commit() -> str | None:
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() or None


def _evaluate_figures(args: argparse.Namespace, latencies: list[float], elapsed: float, failed: dict[str, int],
                      local: float, load: tuple[str, str]) -> dict[str, object]:
    ordered = sorted(latencies)
    rps = len(ordered) / elapsed
    return {"benchmark": "POST /api/v1/evaluate (camat-kades.yaml as YAML) on 127.0.0.1 via uvicorn",
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": _commit(),
            "python": sys.version.split()[0], "cpus": os.cpu_count(), "workers": args.workers,
            "clients": args.clients, "request_limit": args.requests, "seconds_limit": args.seconds,
            "answered": len(ordered), "failed": sum(failed.values()), "failures": failed,
            "load_average_before_after": list(load), "elapsed_s": round(elapsed, 2),
            "requests_per_s": round(rps, 1), "p50_ms": round(_percentile(ordered, 0.50), 1),
            "p99_ms": round(_percentile(ordered, 0.99), 1), "in_process_per_s": round(local, 1),
            "ratio_to_in_process": round(rps / local, 3)}


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
    parser.add_argument("--cases", type=int, default=100_000, help="registry size (0: skip the registry part)")
    parser.add_argument("--json", type=Path, default=None, help="write the evaluate figures to this file")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="netralitas-bench-"))
    db = f"sqlite:///{folder / 'registry.sqlite3'}"
    upgrade(make_engine(db))
    process, base = _serve(db, args.workers)
    before = _load_average()
    try:
        latencies, elapsed, failed = asyncio.run(_load(base, args.requests, args.clients, args.seconds))
    finally:
        process.terminate()
        process.wait(timeout=30)
    if not latencies:
        raise SystemExit(f"no request was answered (failed: {failed})")
    local = _in_process(min(2000, max(200, len(latencies))))
    figures = _evaluate_figures(args, latencies, elapsed, failed, local, (before, _load_average()))
    print(f"evaluate: {figures['answered']} requests (failed: {failed or 0}), {args.clients} clients, {args.workers} "
          f"workers: {figures['requests_per_s']:.0f} req/s, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms;"
          f" in-process {local:.0f}/s (ratio {figures['ratio_to_in_process']:.2f})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.cases <= 0:
        return
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
