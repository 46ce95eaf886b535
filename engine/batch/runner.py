"""Batch evaluation: read incidents from folders, JSON Lines and CSV, stream verdicts, in order.

Sources (each argument of `netralitas evaluate`):
- a folder: every `*.yaml`, `*.yml`, `*.json`, `*.jsonl`, `*.ndjson` and `*.csv` file under it, in
  sorted path order;
- a `.jsonl` / `.ndjson` file: one incident per non-blank line;
- a `.csv` file: one incident per row, columns named by dotted paths (see `netralitas.batch.output`
  for the mapping, shared with CSV output);
- any other file: one YAML or JSON incident.

An incident without an `id` gets the file stem (YAML/JSON files) or `<stem>-<line>` (JSON Lines
and CSV). A group incident (a document that lists `persons`) gives one verdict per person, in the
order listed, with the id `<group id>/<person id>` (`netralitas evaluate FILE` alone gives the
group's own outcome). Reading is lazy and results are written as they come, so memory stays constant
however long the input. With `workers > 1` each worker process (started with `spawn`, so
no durable-rules host is ever inherited across a fork) builds its own `Evaluator` once;
at most a few chunks per worker are in flight, and results are yielded in input order.
"""

from __future__ import annotations

import csv
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress

from netralitas.batch.output import OutputFormat, csv_header, csv_record, format_error, format_verdict
from netralitas.batch.signals import deferred_stop
from netralitas.errors import IncidentError, InputFileError, NetralitasError, Problem, internal_problem
from netralitas.evaluation import Evaluator
from netralitas.evaluation.collector import tune_collector
from netralitas.evaluation.group import evaluate_group
from netralitas.facts.group import group_from_located
from netralitas.facts.loading import incident_from_located, is_group, relocate
from netralitas.io.json_source import parse_json
from netralitas.io.limits import DEFAULT_LIMITS, Limits
from netralitas.io.reading import decode, is_special, read_stdin, too_large
from netralitas.io.yaml_source import Located, LocatedProblems, load_yaml_file, load_yaml_text
from netralitas.matching.backends import BackendName
from netralitas.messages import render
from netralitas.rulebook import Rulebook
from netralitas.text import Lang

LINE_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIX = ".csv"
DOCUMENT_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
BATCH_SUFFIXES = LINE_SUFFIXES | {CSV_SUFFIX}
CHUNK = 64
"""Incidents sent to a worker at a time."""
IN_FLIGHT_PER_WORKER = 4
"""Chunks queued per worker: bounds memory while keeping every worker busy."""


@dataclass(frozen=True)
class Record:
    """One incident as read, not yet validated; `problems` is set when it could not even be read."""

    source: str
    line: int | None
    located: Located | None
    default_id: str | None = None
    problems: tuple[Problem, ...] = ()
    text: str | None = None
    """A JSON line not parsed yet: parsed where it is evaluated (in the worker, with `--workers`)."""
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Result:
    """What evaluating one record produced: formatted output and what the exit code needs."""

    output: str
    findings: int
    problems: tuple[Problem, ...] = ()


def is_batch_source(name: str) -> bool:
    """Whether `name` is a folder, JSON Lines or CSV file (rather than one incident file)."""
    path = Path(name)
    return name != "-" and (path.is_dir() or path.suffix.lower() in BATCH_SUFFIXES)


SKIPPED = "skipped: not a regular file or folder (a broken link, device, FIFO or socket)"


def _folder_entries(folder: Path) -> Iterator[Path | Record]:
    """The incident files under `folder` in sorted order, and a record for each entry that cannot be read."""
    suffixes = DOCUMENT_SUFFIXES | BATCH_SUFFIXES
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in suffixes or path.is_dir():
            continue
        if path.is_file():
            yield path
        else:
            yield _unreadable(path, SKIPPED)


def _sources(names: Iterable[str]) -> Iterator[Path | Record]:
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = False
            for entry in _folder_entries(path):
                found = True
                yield entry
            if not found:
                yield _unreadable(path, f"no incidents in {path}")
        else:
            yield path


def _unreadable(path: Path | str, error: str, line: int | None = None, column: int | None = None) -> Record:
    return Record(str(path), line, None, problems=(Problem(error, str(path), line, column),))


def _failed(name: str, problems: list[Problem]) -> Record:
    first = problems[0] if problems else None
    return Record(name, first.line if first else None, None, problems=tuple(problems))


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of `handle`, each read up to `limit` bytes; a longer line is None (and skipped to its end)."""
    number = 0
    while line := handle.readline(limit + 2):
        number += 1
        if len(line.rstrip(b"\r\n")) <= limit:
            yield number, line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(limit + 2)
        yield number, None


def _json_lines(path: Path, limits: Limits) -> Iterator[Record]:
    name = str(path)
    with path.open("rb") as handle:
        for number, raw in _lines(handle, limits.line_bytes):
            if raw is None:
                yield _unreadable(path, too_large(name, limits.line_bytes, "line").removeprefix(f"{name}: "), number)
                continue
            try:
                text = decode(raw, name, number)
            except LocatedProblems as exc:
                yield _failed(name, exc.problems)
                continue
            if text.strip():
                yield Record(name, number, None, f"{path.stem}-{number}", text=text, limits=limits)


class _Feed:
    """Decoded lines for `csv.reader`; a line too long or not UTF-8 is noted and fed as a blank line."""

    def __init__(self, path: Path, handle: BinaryIO, limit: int) -> None:
        self.path, self.lines, self.limit = path, _lines(handle, limit), limit
        self.errors: list[Record] = []

    def __iter__(self) -> Iterator[str]:
        name = str(self.path)
        for number, raw in self.lines:
            if raw is None:
                self.errors.append(_unreadable(self.path, too_large(name, self.limit, "line").removeprefix(
                    f"{name}: "), number))
                yield "\n"
                continue
            try:
                yield decode(raw, name, number)
            except LocatedProblems as exc:
                self.errors.append(_failed(name, exc.problems))
                yield "\n"


def json_line_records(lines: Iterable[str], source: str, stem: str,
                      limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """One record per non-blank line of JSON text already decoded (numbered from 1), for callers that hold the
    text (the HTTP API); a line that is too long or not JSON is a record with its problem, in place."""
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        if len(text.encode("utf-8", "surrogatepass")) > limits.line_bytes:
            yield _unreadable(source, too_large(source, limits.line_bytes, "line").removeprefix(f"{source}: "), number)
            continue
        yield Record(source, number, None, f"{stem}-{number}", text=text, limits=limits)


def _csv_rows(path: Path, limits: Limits) -> Iterator[Record]:
    csv.field_size_limit(max(limits.line_bytes, 131_072))
    with path.open("rb") as handle:
        feed = _Feed(path, handle, limits.line_bytes)
        reader = csv.reader(feed)
        header: list[str] | None = None
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield from feed.errors
                feed.errors.clear()
                yield _unreadable(path, f"CSV error: {exc}", start)
                start = reader.line_num + 1
                continue
            yield from feed.errors
            feed.errors.clear()
            if header is None:
                if any(cell.strip() for cell in row):
                    header = row
            elif any(cell.strip() for cell in row):
                try:
                    data = csv_record(header, row)
                except ValueError as exc:
                    yield _unreadable(path, str(exc), start)
                else:
                    yield Record(str(path), start, Located(data, str(path), {}), f"{path.stem}-{start}")
            start = reader.line_num + 1
        yield from feed.errors


def _document(path: Path, limits: Limits) -> Record:
    try:
        located = load_yaml_file(path, limits)
    except LocatedProblems as exc:
        return _failed(str(path), exc.problems)
    except InputFileError as exc:
        return _unreadable(path, str(exc).removeprefix(f"{path}: "))
    return Record(str(path), 1, located, path.stem)


def _stdin(limits: Limits) -> Record:
    try:
        located = load_yaml_text(read_stdin(limits), "<stdin>", limits)
    except LocatedProblems as exc:
        return _failed("<stdin>", exc.problems)
    except InputFileError as exc:
        return _unreadable("<stdin>", str(exc).removeprefix("<stdin>: "))
    return Record("<stdin>", 1, located)


def _records_of(path: Path, limits: Limits) -> Iterator[Record]:
    suffix = path.suffix.lower()
    if str(path) == "-":
        yield _stdin(limits)
    elif is_special(path):
        yield _unreadable(path, SKIPPED)
    elif not path.exists():
        yield _unreadable(path, "file not found")
    elif suffix in LINE_SUFFIXES:
        yield from _json_lines(path, limits)
    elif suffix == CSV_SUFFIX:
        yield from _csv_rows(path, limits)
    else:
        yield _document(path, limits)


def read_records(names: Iterable[str], limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """Every incident of every source, lazily, in order; `-` is one YAML or JSON incident on standard input.

    Nothing a source contains stops the stream: an unreadable file, line or row, and even an unexpected
    failure of a reader, becomes a record with its problems and the place; a source with no incident at
    all becomes a record saying so.
    """
    for source in _sources(names):
        if isinstance(source, Record):
            yield source
            continue
        count = 0
        line: int | None = None
        try:
            for record in _records_of(source, limits):
                count += 1
                line = record.line
                yield record
        except OSError as exc:
            count += 1
            yield _unreadable(source, f"cannot read file: {exc.strerror or exc}", line)
        except Exception as exc:  # a reader bug must not sink the batch: report it at its place
            count += 1
            yield Record(str(source), line, None, problems=(internal_problem(exc, str(source), line),))
        if count == 0:
            yield _unreadable(source, f"no incidents in {source}")


def count_records(names: Iterable[str]) -> int:
    """How many incidents `read_records` will yield, about (for a progress bar)."""
    total = 0
    for source in _sources(names):
        if isinstance(source, Record):
            total += 1
            continue
        suffix = source.suffix.lower()
        if suffix in BATCH_SUFFIXES and source.is_file():
            try:
                with source.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip()) - (suffix == CSV_SUFFIX)
            except OSError:
                total += 1
        else:
            total += 1
    return max(total, 0)


class RecordEvaluator:
    """Validates, evaluates and formats one record; never raises for a bad incident."""

    def __init__(self, evaluator: Evaluator, output: OutputFormat, lang: Lang = "id", explain: bool = False) -> None:
        self.evaluator = evaluator
        self.output = output
        self.lang = lang
        self.explain = explain

    def __call__(self, record: Record) -> Result:
        if record.text is not None:
            try:
                data = parse_json(record.text, record.source, record.limits, record.line or 1)
            except LocatedProblems as exc:
                return self._error(_failed(record.source, exc.problems), None, exc.problems)
            record = replace(record, located=Located(data, record.source, {}), text=None)
        data = record.located.data if record.located else None
        incident_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        try:
            if record.problems or record.located is None:
                raise IncidentError(list(record.problems))
            if is_group(record.located.data):
                group = group_from_located(record.located, record.default_id)
                incident_id = group.id
                verdicts = [p.verdict for p in evaluate_group(self.evaluator, group, explain=self.explain).persons]
            else:
                incident = incident_from_located(record.located, record.default_id)
                incident_id = incident.id
                verdicts = [self.evaluator.evaluate(incident, explain=self.explain)]
            output = "".join(format_verdict(v, record.source, record.line, self.output, self.lang) for v in verdicts)
        except IncidentError as error:
            return self._error(record, incident_id, relocate(error, record.located).problems
                               if record.located else error.problems)
        except NetralitasError as error:
            return self._error(record, incident_id, getattr(error, "problems", [Problem(str(error))]))
        except Exception as error:  # an engine bug: this incident gets an error record, the batch goes on
            return self._error(record, incident_id, [internal_problem(error)])
        return Result(output, sum(len(v.findings) for v in verdicts))

    def _error(self, record: Record, incident_id: str | None, found: list[Problem]) -> Result:
        problems = tuple(_located(p, record) for p in found)
        return Result(format_error(record.source, record.line, incident_id, problems, self.output, self.lang), 0,
                      problems)

    def many(self, records: Iterable[Record]) -> list[Result]:
        """Results for a chunk of records."""
        return [self(r) for r in records]


def _located(problem: Problem, record: Record) -> Problem:
    if record.located is not None and not record.located.positions:  # a JSON line or CSV row
        return replace(problem, file=record.source, line=record.line,
                       column=problem.column if problem.line == record.line else None)
    if problem.line is None or problem.file is None:
        return replace(problem, file=problem.file or record.source, line=problem.line or record.line)
    return problem


_WORKER: RecordEvaluator | None = None


def _init_worker(rules: str | None, backend: BackendName, output: OutputFormat, lang: Lang, explain: bool) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent alone stops the run
    _WORKER = RecordEvaluator(Evaluator(Rulebook.load(rules), backend=backend), output, lang, explain)
    tune_collector()


def _work(chunk: list[Record]) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.many(chunk)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def evaluate_parallel(records: Iterable[Record], workers: int, init: tuple[Any, ...],
                      chunk: int = CHUNK) -> Iterator[Result]:
    """Results in input order from `workers` processes; `init` = (rules, backend, output, lang, explain)."""
    context = multiprocessing.get_context("spawn")
    window: deque[AsyncResult[list[Result]]] = deque()
    with context.Pool(workers, initializer=_init_worker, initargs=init) as pool:
        for part in _chunks(records, chunk):
            window.append(_submit(pool, part))
            if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


def _submit(pool: Pool, part: list[Record]) -> AsyncResult[list[Result]]:
    return pool.apply_async(_work, (part,))


def evaluate_records(records: Iterable[Record], evaluator: RecordEvaluator | None, workers: int,
                     init: tuple[Any, ...]) -> Iterator[Result]:
    """Results in input order: in this process with `evaluator`, or in `workers` processes."""
    if workers > 1:
        return evaluate_parallel(records, workers, init)
    assert evaluator is not None
    return map(evaluator, records)


@dataclass
class Summary:
    """Counts over one batch run."""

    incidents: int = 0
    invalid: int = 0
    with_findings: int = 0


@dataclass(frozen=True)
class BatchRun:
    """How one batch is evaluated: rulebook folder, backend, output format, language, workers, read limits."""

    rules: Path | None
    backend: BackendName
    output: OutputFormat
    lang: Lang
    workers: int = 1
    limits: Limits = DEFAULT_LIMITS
    explain: bool = False


def run_batch(names: list[str], out: TextIO, run: BatchRun, console: Console, progress: bool,
              summary: Summary | None = None, own_process: bool = False) -> Summary:
    """Evaluate every incident of `names`, writing results to `out` as they come.

    Problems of invalid incidents go to `console` (standard error) as `file:line: ...`, in `run.lang`.
    Raises `RulebookError` before reading any incident when the rulebook is invalid. `summary`, when
    given, is kept up to date as results are written (so a caller stopped by a signal knows how far it got).
    `own_process`: the batch is the whole program (the CLI), so the garbage collector may be tuned for it.
    """
    rulebook = Rulebook.load(run.rules)
    evaluator = None if run.workers > 1 else RecordEvaluator(Evaluator(rulebook, backend=run.backend), run.output,
                                                             run.lang, run.explain)
    init = (str(run.rules) if run.rules is not None else None, run.backend, run.output, run.lang, run.explain)
    if own_process:
        tune_collector()
    if run.output is OutputFormat.CSV:
        out.write(csv_header())
    summary = summary if summary is not None else Summary()
    total = count_records(names) if progress else None
    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=console,
                  disable=not progress, transient=False) as bar:
        task = bar.add_task("evaluating", total=total)
        for result in evaluate_records(read_records(names, run.limits), evaluator, run.workers, init):
            with deferred_stop():
                out.write(result.output)
                summary.incidents += 1
                summary.with_findings += result.findings > 0
                if result.problems:
                    summary.invalid += 1
                    for problem in result.problems:
                        bar.console.print(render(problem, run.lang), style="red", markup=False, highlight=False,
                                          soft_wrap=True)
                bar.advance(task)
    with deferred_stop():
        out.flush()
    return summary
