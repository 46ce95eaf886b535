"""Importing many cases at once: JSON Lines, one case file (as `cases add` reads it) per line.

Each line is validated (case file, incident, NIP) and evaluated before any lock is taken; then a batch of lines
is stored in one write transaction with exactly the rows `add_case` followed by `evaluate_case` writes: the case,
its received transition, its verdict, and the audit entries `case.add` and `verdict.add` chained in the same
order, plus one `cases.import` entry naming the file and its lines. A bad line is reported with its line
number; by default the import stops there, every line before it stored (`from_line` resumes after the fix);
with `keep_going` the bad lines are skipped and the others stored. A batch that fails in the database is rolled
back as a whole; the batches before it stay stored.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import defaultdict, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from netralitas import Incident
from netralitas.errors import NetralitasError, ProblemsError
from netralitas.evaluation.collector import tune_collector
from netralitas.io.json_source import parse_json
from netralitas.io.limits import DEFAULT_LIMITS
from netralitas.io.reading import LocatedProblems
from netralitas.messages import message, render
from netralitas.registry import audit
from netralitas.registry.casefile import CaseFile, canonical_incident, parse_case_file, stored_incident
from netralitas.registry.cases import added_payload, check_nip, last_sequence, new_case_row
from netralitas.registry.db import write_session
from netralitas.registry.errors import DatabaseError, RegistryError
from netralitas.registry.lifecycle import received_transition, set_due
from netralitas.registry.models import Base, Case, StoredVerdict, Transition
from netralitas.registry.verdicts import evaluator, mark_latest, to_row, verdict_columns, verdict_payload
from netralitas.text import LocalizedText, bi

BATCH_SIZE = 500
MAX_LINE_CHARS = 1_000_000


@dataclass(frozen=True)
class LineProblem:
    """A line that was not stored, and why."""

    line: int
    text: LocalizedText


@dataclass(frozen=True)
class Prepared:
    """A valid line, evaluated, ready to store."""

    line: int
    case: CaseFile
    incident: Incident
    received: dt.date
    verdict: dict[str, str] | None
    """The verdict's `verdict_columns`."""


@dataclass
class ImportReport:
    """What an import stored (line → case number), the lines it refused, and where and why it stopped."""

    source: str
    stored: list[tuple[int, str]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    stopped_at: int | None = None
    failure: LocalizedText | None = None
    """A database failure that ended the import (its batch was rolled back)."""

    @property
    def complete(self) -> bool:
        """Every line was stored."""
        return not self.problems and self.failure is None


def _problem(line: int, where: str, error: NetralitasError) -> LineProblem:
    """The problem of a line, its message starting with the line's place."""
    if isinstance(error, ProblemsError):
        return LineProblem(line, bi("; ".join(render(p, "id") for p in error.problems),
                                    "; ".join(render(p, "en") for p in error.problems)))
    text = error.text if isinstance(error, RegistryError) else bi(str(error), str(error))
    if text.en.startswith(where):
        return LineProblem(line, text)
    return LineProblem(line, bi(f"{where}: {text.id}", f"{where}: {text.en}"))


def prepare(line: int, text: str, where: str, base: Path | None, rules: Path | None, evaluate: bool,
            today: dt.date) -> Prepared:
    """Validate and (unless told not to) evaluate one line; a `NetralitasError` names the line when it is bad."""
    if len(text) > MAX_LINE_CHARS:
        raise RegistryError(bi(f"{where}: baris lebih dari {MAX_LINE_CHARS:,} karakter",
                               f"{where}: the line is longer than {MAX_LINE_CHARS:,} characters"))
    try:
        data = parse_json(text, where, DEFAULT_LIMITS)
    except LocatedProblems as error:  # syntax, nesting, too many values, a lone surrogate, a huge number
        problem = error.problems[0]
        at_id, at_en = (f" (kolom {problem.column})", f" (column {problem.column})") if problem.column else ("", "")
        raise RegistryError(bi(f"{where}: JSON tidak sah{at_id}: {message(problem, 'id')}",
                               f"{where}: invalid JSON{at_en}: {message(problem, 'en')}")) from None
    case, incident = parse_case_file(data, where, base)
    check_nip(case.asn.nip or incident.person.nip)
    stored = stored_incident(canonical_incident(incident))  # evaluated as `evaluate_case` reads it back
    verdict = verdict_columns(evaluator(rules).evaluate(stored)) if evaluate else None
    return Prepared(line, case, incident, case.received_on or today, verdict)


@dataclass(frozen=True)
class _Job:
    """What preparing lines needs besides the lines (sent to worker processes)."""

    source: str
    base: Path | None
    rules: Path | None
    evaluate: bool
    today: dt.date


def _prepare_chunk(job: _Job, chunk: list[tuple[int, str]]) -> list[Prepared | LineProblem]:
    results: list[Prepared | LineProblem] = []
    for number, text in chunk:
        where = f"{job.source}:{number}"
        try:
            results.append(prepare(number, text, where, job.base, job.rules, job.evaluate, job.today))
        except NetralitasError as error:
            results.append(_problem(number, where, error))
    return results


def _chunks(lines: Iterable[str], from_line: int, size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, text in enumerate(lines, start=1):
        if number < from_line or not text.strip():
            continue
        chunk.append((number, text))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepared(job: _Job, chunks: Iterator[list[tuple[int, str]]], jobs: int
              ) -> Generator[Prepared | LineProblem, None, None]:
    """Each line prepared, in order; with `jobs` > 1 in that many worker processes, a few chunks ahead."""
    evaluator(job.rules)  # loaded once (and inherited by the workers)
    tune_collector()
    if jobs <= 1:
        for chunk in chunks:
            yield from _prepare_chunk(job, chunk)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
    try:
        pending: deque[Future[list[Prepared | LineProblem]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_prepare_chunk, job, chunk))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:  # also when the import stops early: chunks not started are dropped
        pool.shutdown(cancel_futures=True)


def _give_ids(session: Session, objects: list[Base]) -> None:
    """Number new rows as SQLite would (max + 1): it cannot return a multi-row insert's ids in order, so
    without them the ORM inserts row by row. Safe because the write lock is held; PostgreSQL returns the ids."""
    if session.get_bind().dialect.name != "sqlite":
        return
    by_model: dict[type[Base], list[Any]] = defaultdict(list)
    for item in objects:
        by_model[type(item)].append(item)
    for model, items in by_model.items():
        start = session.scalar(select(func.max(model.__table__.c.id))) or 0
        for offset, item in enumerate(items, start=1):
            item.id = start + offset


def _children(case: Case) -> list[Base]:
    reporter: list[Base] = [case.reporter] if case.reporter is not None else []
    return [*reporter, case, *case.officers, *case.evidence, *case.forwards]


def store(session: Session, batch: list[Prepared], officer: str, source: str) -> list[str]:
    """Store a batch of prepared lines in the open write transaction; their case numbers, in order."""
    sequences: dict[int, int] = {}
    cases: list[Case] = []
    transitions: list[Transition] = []
    verdicts: list[StoredVerdict | None] = []
    for item in batch:
        year = item.received.year
        if year not in sequences:
            sequences[year] = last_sequence(session, year)
        sequences[year] += 1
        row = new_case_row(item.case, item.incident, officer, item.received, sequences[year])
        transition = received_transition(row, officer)
        set_due(row, [transition])
        verdict = to_row(row, item.verdict, officer) if item.verdict is not None else None
        if verdict is not None:
            mark_latest(row, verdict)
        cases.append(row)
        transitions.append(transition)
        verdicts.append(verdict)
    _give_ids(session, [child for row in cases for child in _children(row)])
    session.add_all(cases)
    session.flush()  # case ids (with their officers, evidence, forwards)
    stored = [v for v in verdicts if v is not None]
    for row, transition, verdict in zip(cases, transitions, verdicts, strict=True):
        transition.case_id = row.id
        if verdict is not None:
            verdict.case_id = row.id
    _give_ids(session, [*transitions, *stored])
    session.add_all([*transitions, *stored])
    session.flush()  # verdict ids
    entries: list[audit.Pending] = []
    for row, verdict in zip(cases, verdicts, strict=True):
        entries.append((officer, "case.add", row.number, added_payload(row)))
        if verdict is not None:
            entries.append((officer, "verdict.add", row.number, verdict_payload(verdict, changed=False)))
    entries.append((officer, "cases.import", None, {"source": source, "lines": [batch[0].line, batch[-1].line],
                                                    "cases": len(cases)}))
    audit.append_many(session, entries)
    return [row.number for row in cases]


def _flush(engine: Engine, batch: list[Prepared], officer: str, report: ImportReport) -> bool:
    if not batch:
        return True
    try:
        with write_session(engine) as session:
            numbers = store(session, batch, officer, report.source)
    except DatabaseError as error:
        report.failure, report.stopped_at = error.text, batch[0].line
        return False
    except DBAPIError as error:  # a value the database refuses: the batch is rolled back, the ones before kept
        lines = f"{batch[0].line}–{batch[-1].line}"
        report.failure = bi(f"{report.source}: basis data menolak baris {lines} (tidak ada yang disimpan dari baris"
                            f" itu): {error.orig}", f"{report.source}: the database refused lines {lines} (none of"
                            f" them stored): {error.orig}")
        report.stopped_at = batch[0].line
        return False
    report.stored += [(item.line, number) for item, number in zip(batch, numbers, strict=True)]
    batch.clear()
    return True


def import_cases(engine: Engine, lines: Iterable[str], officer: str, source: str = "<stdin>",
                 base: Path | None = None, rules: Path | None = None, evaluate: bool = True,
                 keep_going: bool = False, from_line: int = 1, batch_size: int = BATCH_SIZE, jobs: int = 1,
                 today: dt.date | None = None) -> ImportReport:
    """Import the JSON Lines `lines` (from `source`, whose folder `base` resolves `incident_file`).

    `jobs` > 1 validates and evaluates in that many worker processes; storing stays in this one, in line order.
    """
    job = _Job(source, base, rules, evaluate, today or dt.date.today())
    with closing(_prepared(job, _chunks(lines, from_line, min(batch_size, 100)), jobs)) as prepared:
        return _store_all(engine, prepared, officer, ImportReport(source), keep_going, batch_size)


def _store_all(engine: Engine, prepared: Iterator[Prepared | LineProblem], officer: str, report: ImportReport,
               keep_going: bool, batch_size: int) -> ImportReport:
    batch: list[Prepared] = []
    for item in prepared:
        if isinstance(item, LineProblem):
            report.problems.append(item)
            if not keep_going:
                report.stopped_at = item.line
                _flush(engine, batch, officer, report)
                return report
            continue
        batch.append(item)
        if len(batch) >= batch_size and not _flush(engine, batch, officer, report):
            return report
    _flush(engine, batch, officer, report)
    return report


__all__ = ["ImportReport", "LineProblem", "Prepared", "import_cases", "prepare", "store"]
