"""Batch evaluation: read incidents from folders, JSON Lines and CSV, stream verdicts, in order.

Sources (each argument of `netralitas evaluate`):
- a folder: every `*.yaml`, `*.yml`, `*.json`, `*.jsonl`, `*.ndjson` and `*.csv` file under it, in
  sorted path order;
- a `.jsonl` / `.ndjson` file: one incident per non-blank line;
- a `.csv` file: one incident per row, columns named by dotted paths (see `netralitas.batch.output`
  for the mapping, shared with CSV output);
- any other file: one YAML or JSON incident.

An incident without an `id` gets the file stem (YAML/JSON files) or `<stem>-<line>` (JSON Lines
and CSV). Reading is lazy and results are written as they come, so memory stays constant
however long the input. With `workers > 1` each worker process (started with `spawn`, so
no durable-rules host is ever inherited across a fork) builds its own `Evaluator` once;
at most a few chunks per worker are in flight, and results are yielded in input order.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress

from netralitas.batch.output import OutputFormat, csv_header, csv_record, format_error, format_verdict
from netralitas.errors import IncidentError, InputFileError, NetralitasError, Problem
from netralitas.evaluation import Evaluator
from netralitas.facts.loading import incident_from_located
from netralitas.io.yaml_source import Located, LocatedProblems, load_yaml_file, load_yaml_text
from netralitas.matching.backends import BackendName
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


def _folder_files(folder: Path) -> list[Path]:
    suffixes = DOCUMENT_SUFFIXES | BATCH_SUFFIXES
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)


def _files(names: Iterable[str]) -> Iterator[Path]:
    for name in names:
        path = Path(name)
        if path.is_dir():
            yield from _folder_files(path)
        else:
            yield path


def _unreadable(path: Path, error: str, line: int | None = None) -> Record:
    return Record(str(path), line, None, problems=(Problem(error, str(path), line),))


def json_line_records(lines: Iterable[str], source: str, stem: str) -> Iterator[Record]:
    """One record per non-blank JSON line (numbered from 1); a line that is not JSON is a record with its problem."""
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Record(source, number, None, problems=(
                Problem(f"not valid JSON: {exc.msg} (column {exc.colno})", source, number),))
            continue
        yield Record(source, number, Located(data, source, {}), f"{stem}-{number}")


def _json_lines(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        yield from json_line_records(lines, str(path), path.stem)


def _csv_rows(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            return
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                try:
                    data = csv_record(header, row)
                except ValueError as exc:
                    yield _unreadable(path, str(exc), start)
                else:
                    yield Record(str(path), start, Located(data, str(path), {}), f"{path.stem}-{start}")
            start = reader.line_num + 1


def _document(path: Path) -> Record:
    try:
        located = load_yaml_file(path)
    except LocatedProblems as exc:
        return Record(str(path), exc.problems[0].line if exc.problems else None, None, problems=tuple(exc.problems))
    except InputFileError as exc:
        return _unreadable(path, str(exc))
    return Record(str(path), 1, located, path.stem)


def _stdin() -> Record:
    try:
        located = load_yaml_text(sys.stdin.read(), "<stdin>")
    except LocatedProblems as exc:
        return Record("<stdin>", exc.problems[0].line if exc.problems else None, None, problems=tuple(exc.problems))
    return Record("<stdin>", 1, located)


def read_records(names: Iterable[str]) -> Iterator[Record]:
    """Every incident of every source, lazily, in order; `-` is one YAML or JSON incident on standard input."""
    for path in _files(names):
        suffix = path.suffix.lower()
        if str(path) == "-":
            yield _stdin()
        elif not path.is_file():
            yield _unreadable(path, "file not found")
        elif suffix in LINE_SUFFIXES:
            yield from _json_lines(path)
        elif suffix == CSV_SUFFIX:
            yield from _csv_rows(path)
        else:
            yield _document(path)


def count_records(names: Iterable[str]) -> int:
    """How many incidents `read_records` will yield, counted cheaply (for a progress bar)."""
    total = 0
    for path in _files(names):
        suffix = path.suffix.lower()
        if suffix in BATCH_SUFFIXES and path.is_file():
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip()) - (suffix == CSV_SUFFIX)
        else:
            total += 1
    return max(total, 0)


class RecordEvaluator:
    """Validates, evaluates and formats one record; never raises for a bad incident."""

    def __init__(self, evaluator: Evaluator, output: OutputFormat, lang: Lang = "id") -> None:
        self.evaluator = evaluator
        self.output = output
        self.lang = lang

    def __call__(self, record: Record) -> Result:
        data = record.located.data if record.located else None
        incident_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        try:
            if record.problems or record.located is None:
                raise IncidentError(list(record.problems))
            incident = incident_from_located(record.located, record.default_id)
            incident_id = incident.id
            verdict = self.evaluator.evaluate(incident)
        except NetralitasError as error:
            problems = tuple(_located(p, record) for p in getattr(error, "problems", [Problem(str(error))]))
            return Result(format_error(record.source, record.line, incident_id, problems, self.output), 0, problems)
        return Result(format_verdict(verdict, record.source, record.line, self.output, self.lang),
                      len(verdict.findings))

    def many(self, records: Iterable[Record]) -> list[Result]:
        """Results for a chunk of records."""
        return [self(r) for r in records]


def _located(problem: Problem, record: Record) -> Problem:
    if record.located is not None and not record.located.positions:  # a JSON line or CSV row
        return replace(problem, file=record.source, line=record.line, column=None)
    if problem.line is None or problem.file is None:
        return replace(problem, file=problem.file or record.source, line=problem.line or record.line)
    return problem


_WORKER: RecordEvaluator | None = None


def _init_worker(rules: str | None, backend: BackendName, output: OutputFormat, lang: Lang) -> None:
    global _WORKER
    _WORKER = RecordEvaluator(Evaluator(Rulebook.load(rules), backend=backend), output, lang)


def _work(chunk: list[Record]) -> list[Result]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.many(chunk)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def evaluate_parallel(records: Iterable[Record], workers: int, init: tuple[Any, ...],
                      chunk: int = CHUNK) -> Iterator[Result]:
    """Results in input order from `workers` processes; `init` = (rules, backend, output, lang)."""
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


def run_batch(names: list[str], out: TextIO, rules: Path | None, backend: BackendName, output: OutputFormat,
              lang: Lang, workers: int, console: Console, progress: bool) -> Summary:
    """Evaluate every incident of `names`, writing results to `out` as they come.

    Problems of invalid incidents go to `console` (standard error) as `file:line: ...`. Raises
    `RulebookError` before reading any incident when the rulebook is invalid.
    """
    rulebook = Rulebook.load(rules)
    evaluator = None if workers > 1 else RecordEvaluator(Evaluator(rulebook, backend=backend), output, lang)
    init = (str(rules) if rules is not None else None, backend, output, lang)
    if output is OutputFormat.CSV:
        out.write(csv_header())
    summary = Summary()
    total = count_records(names) if progress else None
    with Progress(*Progress.get_default_columns(), MofNCompleteColumn(), console=console,
                  disable=not progress, transient=False) as bar:
        task = bar.add_task("evaluating", total=total)
        for result in evaluate_records(read_records(names), evaluator, workers, init):
            out.write(result.output)
            summary.incidents += 1
            summary.with_findings += result.findings > 0
            if result.problems:
                summary.invalid += 1
                for problem in result.problems:
                    bar.console.print(problem.render(), style="red", markup=False, highlight=False, soft_wrap=True)
            bar.advance(task)
    out.flush()
    return summary
