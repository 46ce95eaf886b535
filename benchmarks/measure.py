"""The measurements `run.py` reports, each a small function over the same incidents.

Throughputs are incidents per second over a list of incident dicts (JSON as read from a
file), so the pipeline figure includes validation; the raw figures start from facts that
were normalised beforehand, outside the timed loop.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import re
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.incidents import IncidentGenerator
from benchmarks.synthetic import synthetic_rulebook
from benchmarks.to_zen import ZenMatcher
from netralitas.backends import durable
from netralitas.backends.durable import DurableBackend, ruleset_definition
from netralitas.backends.python import PythonBackend
from netralitas.backends.to_durable import fact_message
from netralitas.compiler import compile_rulebook
from netralitas.evaluation import Evaluator
from netralitas.facts.models import Incident
from netralitas.facts.normalise import Fact, normalise
from netralitas.rulebook import Rulebook

Facts = Sequence[Fact]


@dataclass(frozen=True)
class Throughput:
    """Incidents per second: the median of `repeats` timed passes."""

    per_second: float
    seconds: float
    count: int


def timed(passes: int, count: int, run: Callable[[], Any]) -> Throughput:
    """Time `run()` (which handles `count` incidents) `passes` times and keep the median."""
    times = []
    for _ in range(passes):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return Throughput(count / median, median, count)


def load_compile_ms(passes: int) -> float:
    """Median milliseconds to load, validate and compile the bundled rulebook."""
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        compiled = compile_rulebook(Rulebook.load())
        ruleset_definition(compiled)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def normalised_facts(evaluator: Evaluator, incidents: Iterable[dict[str, Any]]) -> list[tuple[Fact, ...]]:
    """Each incident's normalised facts, prepared outside any timed loop."""
    out = []
    for data in incidents:
        incident = Incident.model_validate(data)
        election, _ = evaluator._election(incident.election)
        out.append(normalise(incident, evaluator.rulebook.calendars, election).facts)
    return out


def pipeline(evaluator: Evaluator, incidents: Sequence[dict[str, Any]], passes: int) -> Throughput:
    """Validate + evaluate + explained verdict, one process."""
    evaluate = evaluator.evaluate
    return timed(passes, len(incidents), lambda: [evaluate(i) for i in incidents])


def matching(match: Callable[[Facts], Any], facts: Sequence[Facts], passes: int) -> Throughput:
    """A backend's matching alone, on facts normalised beforehand."""
    return timed(passes, len(facts), lambda: [match(f) for f in facts])


_RAW_IDS = itertools.count(10**9)


def raw_durable(backend: DurableBackend, facts: Sequence[Facts], passes: int) -> Throughput:
    """durable-rules alone on the same ruleset: assert the facts, collect the matches, delete the state."""
    from durable import engine

    host, ruleset, results = durable._host(), backend.ruleset, durable._RESULTS
    candidates = backend.compiled.candidates
    times = []
    for _ in range(passes):
        batches = []
        for incident in facts:
            eval_id = next(_RAW_IDS)
            batches.append((f"raw{eval_id}", eval_id,
                            [fact_message(f, eval_id, f"raw{eval_id}") for f in incident
                             if candidates(f.subject, f.values.get("act.kind"))]))
        gc.collect()
        start = time.perf_counter()
        for sid, eval_id, messages in batches:
            if not messages:
                continue
            try:
                for message in messages:
                    with contextlib.suppress(engine.MessageNotHandledException):
                        host.assert_fact(ruleset, message)
            finally:
                host.delete_state(ruleset, sid)
                results.pop(eval_id, None)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return Throughput(len(facts) / median, median, len(facts))


def zen_agreement(zen: ZenMatcher, facts: Sequence[Facts]) -> tuple[int, int]:
    """(incidents where zen's matches equal the Python backend's, incidents compared)."""
    reference = PythonBackend(zen.compiled)
    same = sum(zen.match(f) == reference.match(f) for f in facts)
    return same, len(facts)


def latency_us(evaluator: Evaluator, incidents: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """p50 and p99 of single-incident pipeline latency, in microseconds."""
    evaluate = evaluator.evaluate
    samples = []
    for data in incidents:
        start = time.perf_counter_ns()
        evaluate(data)
        samples.append((time.perf_counter_ns() - start) / 1000)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[98]


@dataclass(frozen=True)
class Scale:
    """Per-incident cost with a synthetic rulebook of `rules` rules."""

    rules: int
    backend: str
    pipeline_us: float
    match_us: float
    note: str = ""


def scaling(base: Rulebook, sizes: Sequence[int], incidents: Sequence[dict[str, Any]], passes: int) -> list[Scale]:
    """Pipeline and matching time per incident for each synthetic rulebook size."""
    out = []
    for size in sizes:
        book, note = synthetic_rulebook(base, size), ""
        try:
            evaluator = Evaluator(book)
        except Exception as error:  # durable-rules' own limits, reported rather than hidden
            note = f"durable-rules refused the ruleset ({error}); python backend used"
            evaluator = Evaluator(book, backend="python")
        for data in incidents[:200]:
            evaluator.evaluate(data)
        facts = normalised_facts(evaluator, incidents)
        full = pipeline(evaluator, incidents, passes)
        match = matching(evaluator.backend.match, facts, passes)
        out.append(Scale(size, evaluator.backend.name, 1e6 / full.per_second, 1e6 / match.per_second, note))
    return out


def rss_mb() -> float:
    """This process's resident set size in MB (Linux /proc; else the peak from getrusage)."""
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"VmRSS:\s+(\d+)", status.read_text())
        if found:
            return int(found.group(1)) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class Memory:
    """RSS before and after `evaluations` pipeline evaluations of fresh synthetic incidents."""

    evaluations: int
    before_mb: float
    after_mb: float
    seconds: float


def memory(evaluator: Evaluator, evaluations: int, seed: int = 99) -> Memory:
    """Evaluate `evaluations` fresh incidents in this process and compare RSS before and after."""
    generator = iter(IncidentGenerator(seed))
    for _ in range(2_000):
        evaluator.evaluate(next(generator))
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for _ in range(evaluations):
        evaluator.evaluate(next(generator))
    seconds = time.perf_counter() - start
    gc.collect()
    return Memory(evaluations, before, rss_mb(), seconds)
