"""`netralitas cases import FILE.jsonl`: many cases at once, one case file (JSON) per line.

Exit codes: 0 every line stored; 2 a line was refused (the import stopped there, every line before it stored;
or, with `--keep-going`, every other line stored); 5 the database failed (the batches before stay stored).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from netralitas.cli.console import make_console
from netralitas.cli.options import LangOption, Language, RulesOption
from netralitas.cli.registry_options import (
    DbOption,
    FormatOption,
    OfficerOption,
    OutFormat,
    echo_json,
    handled,
    officer_name,
)
from netralitas.registry.bulk import BATCH_SIZE, MAX_LINE_CHARS, ImportReport, import_cases
from netralitas.registry.errors import EXIT_DATABASE, CaseFileError
from netralitas.registry.migrate import open_database
from netralitas.rulebook.location import resolve_rules_dir
from netralitas.text import Lang, bi


@contextmanager
def _opened(file: str) -> Iterator[TextIO]:
    if file == "-":
        yield sys.stdin
        return
    try:
        with Path(file).open(encoding="utf-8") as stream:
            yield stream
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "bukan teks UTF-8 / not UTF-8 text"
        raise CaseFileError(bi(f"{file}: tidak dapat dibaca: {reason}", f"{file}: cannot be read: {reason}")) from None


def _lines_within(stream: TextIO, limit: int) -> Iterator[str]:
    """The lines of `stream`, none held whole when longer than `limit` characters: such a line is passed on cut at
    `limit` + 1 (so that the import refuses it by its length, at its own line number) and the rest of it skipped."""
    while line := stream.readline(limit + 1):
        yield line
        rest = line
        while len(rest) > limit and not rest.endswith("\n"):
            rest = stream.readline(limit + 1)


def import_command(
    file: Annotated[str, typer.Argument(help="JSON Lines file, one case file per line ('-': standard input)")],
    keep_going: Annotated[bool, typer.Option("--keep-going", help="Skip bad lines (reported) instead of stopping")
                          ] = False,
    from_line: Annotated[int, typer.Option("--from-line", min=1, help="Start at this line (resume after a fix)")
                         ] = 1,
    evaluate: Annotated[bool, typer.Option("--evaluate/--no-evaluate", help="Evaluate each case as it is stored")
                        ] = True,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=64, help="Processes that validate and evaluate")] = 1,
    batch: Annotated[int, typer.Option("--batch", min=1, max=10_000, help="Cases per transaction")] = BATCH_SIZE,
    rules: RulesOption = None, officer: OfficerOption = None, db: DbOption = None, lang: LangOption = Language.ID,
    output: FormatOption = OutFormat.TEXT,
) -> None:
    """Import cases from JSON Lines: validated, evaluated and stored in batches, each line's case number reported."""
    with handled(lang):
        engine = open_database(db)
        rules_dir = resolve_rules_dir(rules)
        with _opened(file) as stream:
            base = None if file == "-" else Path(file).resolve().parent
            report = import_cases(engine, _lines_within(stream, MAX_LINE_CHARS), officer_name(officer), file, base,
                                  rules_dir, evaluate, keep_going, from_line, batch, jobs)
    _print(report, lang, output)
    if report.failure is not None:
        raise typer.Exit(EXIT_DATABASE)
    if report.problems:
        raise typer.Exit(2)


def _print(report: ImportReport, lang: Language, output: OutFormat) -> None:
    code: Lang = "id" if lang is Language.ID else "en"
    if output is OutFormat.JSON:
        echo_json({"source": report.source, "stored": [{"line": n, "number": c} for n, c in report.stored],
                   "problems": [{"line": p.line, "message": p.text.get(code)} for p in report.problems],
                   "stopped_at": report.stopped_at, "failure": report.failure.get(code) if report.failure else None})
        return
    console, errors = make_console(), make_console(stderr=True)
    if report.stored:
        first, last = report.stored[0], report.stored[-1]
        console.print(bi(f"{len(report.stored)} perkara dicatat dari {report.source}: {first[1]} (baris {first[0]})"
                         f" sampai {last[1]} (baris {last[0]})",
                         f"{len(report.stored)} cases registered from {report.source}: {first[1]} (line {first[0]})"
                         f" to {last[1]} (line {last[0]})").get(code))
    else:
        console.print(bi("tidak ada perkara yang dicatat", "no case was registered").get(code))
    for problem in report.problems:
        errors.print(problem.text.get(code), style="red")
    if report.failure is not None:
        errors.print(report.failure.get(code), style="red")
    if report.stopped_at is not None:
        errors.print(bi(f"impor berhenti pada baris {report.stopped_at}; baris sebelumnya tersimpan. Perbaiki lalu"
                        f" lanjutkan dengan --from-line {report.stopped_at}",
                        f"the import stopped at line {report.stopped_at}; the lines before it are stored. Fix it and"
                        f" resume with --from-line {report.stopped_at}").get(code), style="red")
