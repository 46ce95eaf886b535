"""Benchmark netralitas against raw durable-rules and zen-engine: `python benchmarks/run.py`.

Prints one table with every figure of the performance issues and its target, all measured in this run, and
with `--json PATH` writes them as JSON. `--quick` uses fewer incidents (and 20,000 rather
than 1,000,000 evaluations for the memory figure) to finish in under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console
from rich.table import Table

from benchmarks import measure
from benchmarks.incidents import generate
from benchmarks.synthetic import breadth_rulebook, synthetic_rulebook
from benchmarks.to_zen import ZenMatcher
from netralitas.evaluation import Evaluator
from netralitas.evaluation.collector import tune_collector
from netralitas.matching.backends import BackendName
from netralitas.matching.backends.durable import DurableBackend
from netralitas.rulebook import Rulebook


@dataclass(frozen=True)
class Settings:
    """How much work each figure gets."""

    incidents: int
    passes: int
    latency: int
    scaling_incidents: int
    memory_evaluations: int
    memory_warm_up: int
    load_passes: int


QUICK = Settings(incidents=2_000, passes=1, latency=2_000, scaling_incidents=300, memory_evaluations=10_000,
                 memory_warm_up=10_000, load_passes=3)
FULL = Settings(incidents=20_000, passes=3, latency=20_000, scaling_incidents=3_000,
                memory_evaluations=1_000_000, memory_warm_up=50_000, load_passes=7)
SIZES = (50, 200, 1000)
WARM_UP = 2_000
"""Incidents (another seed) evaluated before timing: figures are for a warm evaluator, as in a batch."""


@dataclass(frozen=True)
class Figure:
    """One reported figure and how it compares with its target."""

    name: str
    value: float | str
    unit: str
    target: str = ""
    met: bool | None = None


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {"cpus": os.cpu_count(), "cpu": _cpu(), "python": platform.python_version(),
            "platform": platform.platform(), "durable-rules": _version("durable-rules"),
            "zen-engine": _version("zen-engine"), "netralitas": _version("netralitas")}


def _target(name: str, value: float, unit: str, target: str, met: bool, digits: int = 0) -> Figure:
    return Figure(name, round(value, digits) if digits else round(value), unit, target, met)


def measure_all(settings: Settings, console: Console) -> list[Figure]:
    """Every figure of the performance issues, in one run: CPU time, ratios measured side by side."""
    figures: list[Figure] = []
    say = console.log
    figures.extend(_startup(settings))
    incidents = generate(settings.incidents)
    warm_up = generate(WARM_UP, seed=1)
    evaluator = Evaluator()
    python = Evaluator(evaluator.rulebook, backend="python")
    for data in warm_up:
        evaluator.evaluate(data)
        python.evaluate(data)
    backend = evaluator.backend.name
    facts = measure.normalised_facts(evaluator, incidents)
    say(f"{len(incidents)} synthetic incidents, {len(evaluator.compiled.rules)} rules, backend {backend}")
    say("command line, JSON Lines out")
    figures.extend(_cli(incidents, "durable" if isinstance(evaluator.backend, DurableBackend) else "python"))
    say("library pipeline")
    full = measure.pipeline(evaluator, incidents, settings.passes)
    figures.append(_target(f"library pipeline, compact verdicts as JSON ({backend})", full.per_second,
                           "incidents/s", ">= 4,000/s", full.per_second >= 4000))
    explained = measure.pipeline(evaluator, incidents[: len(incidents) // 4], settings.passes, explain=True)
    figures.append(Figure(f"library pipeline, explained verdicts as JSON ({backend})", round(explained.per_second),
                          "incidents/s"))
    py_full = measure.pipeline(python, incidents, settings.passes)
    figures.append(Figure("library pipeline, compact verdicts as JSON (python backend)", round(py_full.per_second),
                          "incidents/s"))
    if isinstance(evaluator.backend, DurableBackend):
        raw = measure.raw_durable(evaluator.backend, facts, settings.passes)
        figures.append(Figure("raw durable-rules (assert serialised facts, drain matches, delete state)",
                              round(raw.per_second), "incidents/s"))
        batched, differ = measure.batched_durable(evaluator.backend, facts, settings.passes)
        figures.append(Figure("raw durable-rules, 64 incidents per session and one assert_facts per ruleset "
                              "(catch-all pattern, matches traced to facts by parsing)",
                              round(batched.per_second), "incidents/s"))
        figures.append(Figure("of those facts, matched differently than one at a time", differ, "facts"))
        figures.append(Figure("batched / one-at-a-time raw durable-rules throughput",
                              round(batched.per_second / raw.per_second, 2), "x"))
        bound, _ = measure.batched_durable(evaluator.backend, facts, settings.passes, trace=False)
        figures.append(Figure("the same batches, matches drained but not traced to their facts (the engine's bound)",
                              round(bound.per_second), "incidents/s"))
        ratio = raw.per_second / full.per_second
        figures.append(_target("pipeline cost / raw durable-rules cost", ratio, "x", "<= 2x", ratio <= 2, 2))
        versus = py_full.per_second / full.per_second
        figures.append(_target("durable-rules pipeline cost / python-backend pipeline cost", versus, "x", "<= 1.5x",
                               versus <= 1.5, 2))
        matched = measure.matching(evaluator.backend.classify, facts, settings.passes)
        figures.append(Figure("durable-rules classification only (three outcomes)", round(matched.per_second),
                              "incidents/s"))
    else:
        figures.append(Figure("raw durable-rules", "durable-rules not importable here", ""))
    py_match = measure.matching(python.backend.classify, facts, settings.passes)
    figures.append(Figure("python backend classification only", round(py_match.per_second), "incidents/s"))
    typical = measure.verdict_bytes(evaluator, incidents[:2000], explain=False)
    figures.append(_target("compact verdict JSON, median incident", typical, "bytes", "<= 4,096 bytes",
                           typical <= 4096))
    figures.append(Figure("explained verdict JSON, median incident",
                          round(measure.verdict_bytes(evaluator, incidents[:500], explain=True)), "bytes"))
    say("zen-engine")
    figures.extend(_zen(evaluator, facts, full.per_second, settings))
    say("latency")
    p50, p99 = measure.latency_us(evaluator, generate(settings.latency, seed=11))
    figures.append(Figure("single-incident latency p50", round(p50, 1), "µs"))
    figures.append(_target("single-incident latency p99", p99, "µs", "< 1,000 µs", p99 < 1000, 1))
    say("scaling")
    figures.extend(_scaling(evaluator, incidents[: settings.scaling_incidents], settings.passes))
    say("library pipeline with the collector tuned (as the CLI's batches run)")
    tune_collector()
    tuned = measure.pipeline(evaluator, incidents, settings.passes)
    figures.append(_target(f"library pipeline, compact verdicts as JSON ({backend}), tune_collector()",
                           tuned.per_second, "incidents/s", ">= 4,000/s", tuned.per_second >= 4000))
    if isinstance(evaluator.backend, DurableBackend):
        ratio = raw.per_second / tuned.per_second
        figures.append(_target("pipeline cost / raw durable-rules cost, tune_collector()", ratio, "x", "<= 2x",
                               ratio <= 2, 2))
    p50, p99 = measure.latency_us(evaluator, generate(settings.latency, seed=11))
    figures.append(_target("single-incident latency p99, tune_collector()", p99, "µs", "< 1,000 µs", p99 < 1000, 1))
    say(f"memory over {settings.memory_warm_up:,} + {settings.memory_evaluations:,} evaluations")
    mem = measure.memory(settings.memory_evaluations, settings.memory_warm_up)
    label = f"over {mem.evaluations:,} evaluations" + (" (quick run; the target is over 1,000,000)"
                                                       if mem.evaluations < 1_000_000 else "")
    figures.append(Figure("RSS after the first evaluation (fresh process)", round(mem.first_mb, 1), "MB"))
    figures.append(Figure(f"RSS after {mem.warm_up:,} more (bounded memos filled)", round(mem.before_mb, 1), "MB"))
    figures.append(Figure(f"RSS after {mem.evaluations:,} more", round(mem.after_mb, 1), "MB"))
    growth_mb = mem.after_mb - mem.before_mb
    figures.append(_target(f"RSS growth {label}", growth_mb, "MB", "<= 5 MB", growth_mb <= 5, 1))
    return figures


def _cli(incidents: Sequence[dict[str, Any]], backend: BackendName) -> list[Figure]:
    """`netralitas evaluate FILE.jsonl` with one and two workers, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        one = measure.cli_jsonl(incidents, backend, 1, Path(folder))
        two = measure.cli_jsonl(incidents, backend, 2, Path(folder))
    speedup = one.wall_seconds / two.wall_seconds
    return [
        _target(f"CLI JSON Lines, one process ({backend})", one.per_cpu_second, "incidents/CPU-s", ">= 3,000/s",
                one.per_cpu_second >= 3000),
        Figure("CLI JSON Lines, one process, wall time", round(one.wall_seconds, 2), "s"),
        Figure("CLI JSON Lines, --workers 2, wall time", round(two.wall_seconds, 2), "s"),
        _target("--workers 2 speed-up over one process (wall time; needs idle cores)", speedup, "x", ">= 1.6x",
                speedup >= 1.6, 2),
    ]


def _startup(settings: Settings) -> list[Figure]:
    """Issue 12's start-up figures: a fresh `netralitas evaluate FILE`, and loading the rulebook in process."""
    load_ms = measure.load_compile_ms(settings.load_passes)
    fresh_ms = measure.load_compile_ms(settings.load_passes, parse_cache=False)
    cli = measure.startup(settings.load_passes)
    return [
        Figure("load + validate + compile, bundled rulebook (rule files' parse cached)", round(load_ms, 1), "ms",
               "<= 100 ms", load_ms <= 100),
        Figure("load + validate + compile, bundled rulebook, every file parsed afresh", round(fresh_ms, 1), "ms",
               "<= 100 ms", fresh_ms <= 100),
        Figure("netralitas evaluate FILE CPU (fresh process, user + system)", round(cli.evaluate_ms), "ms",
               "<= 350 ms", cli.evaluate_ms <= 350),
        Figure("netralitas evaluate FILE CPU, rulebook parse cache off (a first run, or after an edit)",
               round(cli.evaluate_unparsed_ms), "ms", "<= 350 ms", cli.evaluate_unparsed_ms <= 350),
        Figure("of which interpreter start-up and imports", round(cli.imports_ms), "ms"),
        Figure("netralitas evaluate FILE CPU without bytecode caches (modules compiled from source)",
               round(cli.evaluate_uncached_ms), "ms"),
    ]


def _scaling(evaluator: Evaluator, incidents: Sequence[dict[str, Any]], passes: int) -> list[Figure]:
    figures = []
    backends: list[BackendName] = ["python"]
    if isinstance(evaluator.backend, DurableBackend):
        backends.append("durable")
    real = len(evaluator.rulebook.rules)
    for grown, grow, sizes in (("breadth", breadth_rulebook, (real, 200, 1000)),
                               ("depth", synthetic_rulebook, SIZES)):
        for backend in backends:
            scales = measure.scaling(evaluator.rulebook, sizes, incidents, passes, backend, grow)
            for scale in scales:
                name = f"{scale.rules}-rule rulebook grown in {grown} ({scale.backend})"
                if scale.pipeline_us is None or scale.match_us is None:
                    figures.append(Figure(f"{name}: refused", scale.note, ""))
                    continue
                figures.append(Figure(f"{name}, pipeline per incident", round(scale.pipeline_us, 1), "µs"))
                figures.append(Figure(f"{name}, classification per incident", round(scale.match_us, 1), "µs"))
            first, last = scales[0].pipeline_us, scales[-1].pipeline_us
            if first and last:
                growth = last / first
                target = ("<= 1.5x", growth <= 1.5) if grown == "breadth" else ("", None)
                figures.append(Figure(f"{sizes[-1]}-rule / {sizes[0]}-rule pipeline time, grown in {grown} "
                                      f"({backend})", round(growth, 2), "x", *target))
            elif grown == "breadth":
                figures.append(Figure(f"durable-rules loads the {sizes[-1]}-rule rulebook grown in breadth", "no",
                                      "", "yes", False))
    return figures


def _zen(evaluator: Evaluator, facts: Sequence[measure.Facts], pipeline_per_second: float,
         settings: Settings) -> list[Figure]:
    try:
        zen = ZenMatcher(evaluator.compiled)
    except ImportError:
        return [Figure("zen-engine", "not installed (pip install 'netralitas[bench]')", "")]
    same, compared = measure.zen_agreement(zen, facts[:1000])
    speed = measure.matching(zen.match, facts, settings.passes)
    return [
        Figure("zen-engine agrees with the python backend", f"{same}/{compared} incidents", "",
               "all", same == compared),
        Figure("zen-engine matching only (same conditions, JDM decision table)", round(speed.per_second),
               "incidents/s"),
        Figure("full pipeline faster than zen-engine matching", round(pipeline_per_second / speed.per_second, 2),
               "x", "> 1x", pipeline_per_second > speed.per_second),
    ]


def table(figures: list[Figure]) -> Table:
    """The figures as a rich table."""
    out = Table(title="netralitas benchmarks")
    for column in ("figure", "value", "unit", "target", "met"):
        out.add_column(column, justify="right" if column == "value" else "left")
    for f in figures:
        met = "" if f.met is None else ("met" if f.met else "MISSED")
        value = f"{f.value:,}" if isinstance(f.value, (int, float)) else f.value
        out.add_row(f.name, value, f.unit, f.target, met, style="" if f.met is not False else "red")
    return out


def markdown(figures: list[Figure]) -> str:
    """The figures as a Markdown table (what benchmarks/README.md shows)."""
    lines = ["| figure | value | unit | target | met |", "|---|---:|---|---|---|"]
    for f in figures:
        met = "" if f.met is None else ("met" if f.met else "**missed**")
        value = f"{f.value:,}" if isinstance(f.value, (int, float)) else f.value
        lines.append(f"| {f.name} | {value} | {f.unit} | {f.target} | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 0 whether or not targets are met (the table says which)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller run, under a minute")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--memory-evaluations", type=int, help="override the memory figure's evaluation count")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--from-json", type=Path, help="print (and convert) the figures of an earlier --json run")
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        figures = [Figure(**f) for f in saved["figures"]]
        Console(width=None if sys.stdout.isatty() else 150).print(table(figures))
        if args.markdown:
            args.markdown.write_text(markdown(figures), encoding="utf-8")
        return 0
    settings = QUICK if args.quick else FULL
    if args.memory_evaluations:
        settings = Settings(**{**asdict(settings), "memory_evaluations": args.memory_evaluations})
    console = Console(stderr=True)
    start = time.perf_counter()
    Rulebook.load()  # imports and first-load costs are not part of any figure
    figures = measure_all(settings, console)
    Console(width=None if sys.stdout.isatty() else 150).print(table(figures))
    report = {"quick": args.quick, "seconds": round(time.perf_counter() - start, 1), "machine": machine(),
              "settings": asdict(settings), "figures": [asdict(f) for f in figures]}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown(figures), encoding="utf-8")
    console.log(f"done in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
