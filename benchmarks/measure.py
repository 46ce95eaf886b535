"""The measurements `run.py` reports, each a small function over the same incidents.

Throughputs are incidents per second over a list of incident dicts (JSON as read from a
file), so the pipeline figure includes validation; the raw figures start from facts that
were normalised beforehand, outside the timed loop. Verdicts are dropped as they are made,
as a batch run does. Times are CPU time of this process (`time.process_time`), so that
other work on a shared machine does not count; garbage collection does count.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from benchmarks.incidents import IncidentGenerator
from benchmarks.synthetic import synthetic_rulebook
from benchmarks.to_zen import ZenMatcher
from netralitas.evaluation import Evaluator
from netralitas.facts.models import Incident
from netralitas.facts.normalise import Fact, normalise
from netralitas.matching.backends import BackendName, durable
from netralitas.matching.backends.durable import DurableBackend, RulesetRefused, rule_groups, ruleset_definition
from netralitas.matching.backends.python import PythonBackend
from netralitas.matching.backends.to_durable import fact_message
from netralitas.matching.compiler import compile_rulebook
from netralitas.rulebook import Rulebook
from netralitas.rulebook.parse_cache import CACHE_ENV

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
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    median = statistics.median(times)
    return Throughput(count / median, median, count)


def load_compile_ms(passes: int, parse_cache: bool = True) -> float:
    """Median milliseconds to load, validate and compile the bundled rulebook: with its files' parse cached (in a
    private folder, filled by a first load that is not timed), or parsed afresh each time."""
    import os
    import tempfile

    times = []
    saved = os.environ.get(CACHE_ENV)
    with tempfile.TemporaryDirectory(prefix="netralitas-parsed-") as folder:
        os.environ[CACHE_ENV] = folder if parse_cache else ""
        try:
            Rulebook.load()
            for _ in range(passes):
                start = time.process_time()
                compiled = compile_rulebook(Rulebook.load())
                for rules in rule_groups(compiled).values():
                    ruleset_definition(rules)
                times.append(time.process_time() - start)
        finally:
            if saved is None:
                os.environ.pop(CACHE_ENV, None)
            else:
                os.environ[CACHE_ENV] = saved
    return statistics.median(times) * 1000


@dataclass(frozen=True)
class Startup:
    """CPU milliseconds of a fresh `netralitas evaluate FILE` (user + system, as `/usr/bin/time -f %U+%S`) and of
    a fresh interpreter importing the CLI, with bytecode caches (as pip installs a package) and without (every
    netralitas module compiled from source, as under PYTHONDONTWRITEBYTECODE in a development checkout)."""

    evaluate_ms: float
    imports_ms: float
    evaluate_uncached_ms: float
    evaluate_unparsed_ms: float
    """With bytecode caches but without the rulebook's parse cache (`NETRALITAS_CACHE_DIR=""`): a first run, or
    one after the rule files changed."""


EXAMPLE = Path(__file__).resolve().parent.parent / "facts" / "examples" / "camat-kades.yaml"
_IMPORTS = "import time; import netralitas.cli; print(time.process_time())"


def _child_cpu_ms(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU milliseconds (user + system) that `command` took as a child process, and its standard output."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120, env=env,
                          cwd=EXAMPLE.parent.parent.parent)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu * 1000, done.stdout


def startup(passes: int, example: Path = EXAMPLE) -> Startup:
    """Fresh interpreters running `python -m netralitas evaluate FILE` (text output), and importing the CLI
    (their own `time.process_time`, interpreter start-up included); medians of `passes` runs each.

    Bytecode and the rulebook's parse cache go to private folders (PYTHONPYCACHEPREFIX, NETRALITAS_CACHE_DIR),
    filled by a first run that is not timed, so the checkout is not written to; for the uncached figure
    netralitas's own bytecode is removed and none is written.
    """
    import os
    import shutil
    import sys
    import tempfile

    evaluate = [sys.executable, "-m", "netralitas", "evaluate", str(example)]
    imports = [sys.executable, "-c", _IMPORTS]
    with tempfile.TemporaryDirectory(prefix="netralitas-pyc-") as cache:
        cached = {**os.environ, "PYTHONPYCACHEPREFIX": cache, CACHE_ENV: str(Path(cache) / "parsed")}
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        _child_cpu_ms(evaluate, cached)  # fills the caches
        evaluate_ms = [_child_cpu_ms(evaluate, cached)[0] for _ in range(passes)]
        unparsed_ms = [_child_cpu_ms(evaluate, {**cached, CACHE_ENV: ""})[0] for _ in range(passes)]
        imports_ms = [float(_child_cpu_ms(imports, cached)[1]) * 1000 for _ in range(passes)]
        for package in [p for p in Path(cache).rglob("netralitas") if p.is_dir()]:
            shutil.rmtree(package)  # netralitas's own bytecode only: other packages keep theirs
        uncached = {**cached, "PYTHONDONTWRITEBYTECODE": "1"}
        uncached_ms = [_child_cpu_ms(evaluate, uncached)[0] for _ in range(passes)]
    return Startup(statistics.median(evaluate_ms), statistics.median(imports_ms), statistics.median(uncached_ms),
                   statistics.median(unparsed_ms))


def normalised_facts(evaluator: Evaluator, incidents: Iterable[dict[str, Any]]) -> list[tuple[Fact, ...]]:
    """Each incident's normalised facts, prepared outside any timed loop."""
    out = []
    for data in incidents:
        incident = Incident.model_validate(data)
        election, _ = evaluator._election(incident.election)
        out.append(normalise(incident, evaluator.rulebook.calendars, election).facts)
    return out


def pipeline(evaluator: Evaluator, incidents: Sequence[dict[str, Any]], passes: int,
             explain: bool = False) -> Throughput:
    """Validate + evaluate + verdict (compact unless `explain`) + its JSON, one process."""
    evaluate = evaluator.evaluate

    def run() -> None:
        for incident in incidents:
            evaluate(incident, explain=explain).to_json(indent=None)

    return timed(passes, len(incidents), run)


def verdict_bytes(evaluator: Evaluator, incidents: Sequence[dict[str, Any]], explain: bool) -> float:
    """The median size in bytes of a verdict's JSON line."""
    return statistics.median(len(evaluator.evaluate(i, explain=explain).to_json(indent=None).encode())
                             for i in incidents)


@dataclass(frozen=True)
class CliRun:
    """`netralitas evaluate FILE.jsonl -o OUT` in a child process: its CPU time and wall time."""

    workers: int
    count: int
    cpu_seconds: float
    wall_seconds: float

    @property
    def per_cpu_second(self) -> float:
        return self.count / self.cpu_seconds


def cli_jsonl(incidents: Sequence[dict[str, Any]], backend: BackendName, workers: int, folder: Path) -> CliRun:
    """Run the CLI on a JSON Lines file of `incidents` as a user would (start-up included), JSON Lines out."""
    source = folder / "incidents.jsonl"
    if not source.exists():
        source.write_bytes(b"".join(orjson.dumps(i) + b"\n" for i in incidents))
    out = folder / f"verdicts-{backend}-{workers}.jsonl"
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "netralitas", "evaluate", str(source), "--backend", backend,
                           "--workers", str(workers), "-o", str(out)], check=False, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = sum(1 for _ in out.open("rb")) if out.exists() else 0
    if lines != len(incidents):
        raise RuntimeError(f"the CLI wrote {lines} verdicts for {len(incidents)} incidents: {done.stderr[-500:]}")
    return CliRun(workers, len(incidents), cpu, wall)


def matching(match: Callable[[Facts], Any], facts: Sequence[Facts], passes: int) -> Throughput:
    """A backend's matching alone, on facts normalised beforehand."""

    def run() -> None:
        for incident in facts:
            match(incident)

    return timed(passes, len(facts), run)


_RAW_IDS = itertools.count(10**9)


def raw_durable(backend: DurableBackend, facts: Sequence[Facts], passes: int) -> Throughput:
    """durable-rules alone on the same rulesets: assert each fact (serialised beforehand), drain its matches
    from the engine, delete the session's state: no validation, normalisation, classification or verdict."""
    handles = backend._handles
    times = []
    for _ in range(passes):
        batches = []
        for incident in facts:
            eval_id = next(_RAW_IDS)
            sid = f"raw{eval_id}"
            batches.append((sid, [(handles[group],
                                   orjson.dumps(fact_message(f, eval_id, sid, backend.reads[group])).decode())
                                  for f in incident if (group := backend._group(f)) in handles]))
        gc.collect()
        drain, delete = durable.drain, durable.delete_state
        start = time.process_time()
        for sid, messages in batches:
            for handle, message in messages:
                drain(handle, message)
            for handle in {h for h, _ in messages}:
                delete(handle, sid)
        times.append(time.process_time() - start)
    median = statistics.median(times)
    return Throughput(len(facts) / median, median, len(facts))


CATCH_ALL = {"all": [{"m": {"$ex": {"sid": 1}}}]}
"""A pattern every fact matches, so that no fact of a batch goes unhandled (which makes `assert_facts` drop the
matches of the whole batch, docs/durable-rules.md)."""

Session = tuple[str, list[tuple[str, str]]]
"""A session id, and each group's facts of the session as one JSON array."""


def batched_durable(backend: DurableBackend, facts: Sequence[Facts], passes: int,
                    per_session: int = 64, trace: bool = True) -> tuple[Throughput, int]:
    """durable-rules fed several incidents per call: `per_session` incidents share one session, each ruleset gets
    their facts in one `assert_facts`, and each match is traced back to its fact by parsing the action message
    (the only place that says which fact matched). Rulesets of their own, with `CATCH_ALL` added. Returns the
    throughput and how many facts match differently when asserted one at a time, as the backend does. Without
    `trace`, matches are drained but not traced to their facts: the engine's own bound (nothing is compared)."""
    import durable_rules_engine as engine  # importable wherever a DurableBackend was built

    handles = {group: int(engine.create_ruleset(f"batch_probe_{next(_RAW_IDS)}_{group}",
                                                orjson.dumps({**ruleset_definition(rules), "any": CATCH_ALL}).decode()))
               for group, rules in backend.groups.items()}
    times: list[float] = []
    differ = 0
    for _ in range(passes):
        sessions: list[Session] = []
        for start in range(0, len(facts), per_session):
            sid = f"batch{next(_RAW_IDS)}"
            by_group: dict[str, list[dict[str, Any]]] = {}
            for incident in facts[start:start + per_session]:
                eval_id = next(_RAW_IDS)
                for fact in incident:
                    if (group := backend._group(fact)) in handles:
                        by_group.setdefault(group, []).append(fact_message(fact, eval_id, sid, backend.reads[group]))
            sessions.append((sid, [(g, orjson.dumps(m).decode()) for g, m in by_group.items()]))
        gc.collect()
        matched: dict[tuple[int, int], list[str]] = {}
        start_time = time.process_time()
        for sid, batches in sessions:
            for group, batch in batches:
                handle = handles[group]
                _, state = engine.assert_facts(handle, batch)
                started = engine.start_action_for_state(handle, state)
                action = started[1] if started else None
                while action:
                    name = action[2:action.index('"', 2)]
                    if trace and name != "any":
                        fact = orjson.loads(action)[name]["m"]
                        matched.setdefault((fact["eval_id"], fact["fact_index"]), []).append(name)
                    action = engine.complete_and_start_action(handle, state)
                engine.delete_state(handle, sid)
        times.append(time.process_time() - start_time)
        differ = _differences(backend, sessions, matched) if trace else 0
    median = statistics.median(times)
    return Throughput(len(facts) / median, median, len(facts)), differ


def _differences(backend: DurableBackend, sessions: list[Session], matched: dict[tuple[int, int], list[str]]) -> int:
    """How many facts of `sessions` match differently when asserted one at a time into the backend's rulesets."""
    differ = 0
    for _, batches in sessions:
        for group, batch in batches:
            handle = backend._handles[group]
            for message in orjson.loads(batch):
                sid = message["sid"] = f"check{next(_RAW_IDS)}"
                alone = durable.drain(handle, orjson.dumps(message).decode())
                durable.delete_state(handle, sid)
                differ += sorted(alone) != sorted(matched.get((message["eval_id"], message["fact_index"]), []))
    return differ


def zen_agreement(zen: ZenMatcher, facts: Sequence[Facts]) -> tuple[int, int]:
    """(incidents where zen's matches equal the Python backend's, incidents compared)."""
    reference = PythonBackend(zen.compiled)
    same = sum(zen.match(f) == reference.match(f) for f in facts)
    return same, len(facts)


def latency_us(evaluator: Evaluator, incidents: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """p50 and p99 of single-incident pipeline latency (CPU time), in microseconds."""
    evaluate = evaluator.evaluate
    samples = []
    clock = time.process_time_ns
    for data in incidents:
        start = clock()
        evaluate(data)
        samples.append((clock() - start) / 1000)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[98]


@dataclass(frozen=True)
class Scale:
    """Per-incident cost (µs) with a synthetic rulebook of `rules` rules, on one backend."""

    rules: int
    backend: str
    pipeline_us: float | None
    match_us: float | None
    note: str = ""


def scaling(base: Rulebook, sizes: Sequence[int], incidents: Sequence[dict[str, Any]], passes: int,
            backend: BackendName, grow: Callable[[Rulebook, int], Rulebook] = synthetic_rulebook) -> list[Scale]:
    """Pipeline and matching time per incident for each synthetic rulebook size, on `backend`."""
    out = []
    for size in sizes:
        try:
            evaluator = Evaluator(grow(base, size), backend=backend)
            for data in incidents:
                evaluator.evaluate(data)
        except RulesetRefused as error:  # durable-rules' own limits, reported rather than hidden
            out.append(Scale(size, backend, None, None, str(error.__cause__ or error)))
            continue
        facts = normalised_facts(evaluator, incidents)
        full = pipeline(evaluator, incidents, passes)
        match = matching(evaluator.backend.match, facts, passes)
        out.append(Scale(size, evaluator.backend.name, 1e6 / full.per_second, 1e6 / match.per_second))
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
    """RSS of a fresh process: after one evaluation, after `warm_up` more, after `evaluations` more."""

    warm_up: int
    evaluations: int
    first_mb: float
    before_mb: float
    after_mb: float
    seconds: float


def memory(evaluations: int, warm_up: int, seed: int = 99) -> Memory:
    """Evaluate fresh synthetic incidents in a fresh process and record its RSS along the way.

    The evaluator's memos fill during the warm-up (each is bounded and cleared when full), so
    growth after it is what a long batch adds: a leak would show there.
    """
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_memory_in_this_process, (evaluations, warm_up, seed))


def _memory_in_this_process(evaluations: int, warm_up: int, seed: int) -> Memory:
    evaluator = Evaluator()
    generator = iter(IncidentGenerator(seed))
    evaluator.evaluate(next(generator))
    gc.collect()
    first = rss_mb()
    for _ in range(warm_up):
        evaluator.evaluate(next(generator))
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    for _ in range(evaluations):
        evaluator.evaluate(next(generator))
    seconds = time.perf_counter() - start
    gc.collect()
    return Memory(warm_up, evaluations, first, before, rss_mb(), seconds)
