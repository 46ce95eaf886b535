"""The `netralitas` command: evaluate incidents and print JSON Schemas.

Exit codes: 0 evaluated; 1 violations found (only with --fail-on-violation); 2 bad input
(incident file, arguments); 3 invalid rulebook; 4 batch finished but some incidents were
invalid (reported on standard error and as error records in the output; takes precedence
over 1); 70 internal error.

Batch mode (`netralitas.batch.runner`) is used when an argument is a folder, a `.jsonl` or `.csv`
file, or when `--format` is `jsonl` or `csv`, or `--workers` is above 1.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from netralitas.authoring.schemas import SCHEMAS
from netralitas.batch.output import OutputFormat
from netralitas.batch.runner import is_batch_source, run_batch
from netralitas.cli.about import version_lines
from netralitas.cli.cases import app as cases_app
from netralitas.cli.console import make_console, note_rulebook
from netralitas.cli.db import app as db_app
from netralitas.cli.options import BackendChoice, BackendOption, LangOption, Language, RulesOption
from netralitas.cli.render import render_verdict
from netralitas.cli.rules import app as rules_app
from netralitas.cli.server import serve, tokens_app, users_app
from netralitas.errors import NetralitasError, ProblemsError
from netralitas.evaluation import Evaluator
from netralitas.facts.loading import load_incident, load_incident_text
from netralitas.facts.models import Incident
from netralitas.matching.backends import BackendName
from netralitas.rulebook import Rulebook
from netralitas.rulebook.location import resolve_rules_dir
from netralitas.text import Lang

app = typer.Typer(add_completion=False, no_args_is_help=True, help="netralitas: ASN political neutrality rules engine.")


def _version(value: bool) -> None:
    if value:
        for line in version_lines(resolve_rules_dir(None)):
            typer.echo(line)
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Package, rulebook and engine versions")] = False) -> None:
    """netralitas: ASN political neutrality rules engine."""

app.add_typer(rules_app, name="rules")
app.add_typer(cases_app, name="cases")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.command()(serve)
EXIT_VIOLATION = 1
EXIT_SOME_INVALID = 4
EXIT_INTERNAL = 70


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


def _fail(error: NetralitasError) -> NoReturn:
    stderr = make_console(stderr=True)
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            stderr.print(problem.render(), style="red")
    else:
        stderr.print(str(error), style="red")
    raise typer.Exit(error.exit_code)


def _incidents(files: list[str]) -> list[Incident]:
    incidents = []
    for name in files:
        if name == "-":
            incidents.append(load_incident_text(sys.stdin.read(), "<stdin>"))
        else:
            incidents.append(load_incident(Path(name)))
    return incidents


@app.command()
def evaluate(
    files: Annotated[list[str], typer.Argument(
        help="Incident files (YAML or JSON), folders, .jsonl or .csv files; '-' reads one incident from stdin")],
    lang: LangOption = Language.ID,
    output: Annotated[Format | None, typer.Option(
        "--format", help="text or json; jsonl or csv stream a batch (default: text, or jsonl for a batch)")] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for a batch")] = 1,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write batch results here, not stdout")] = None,
    rules: RulesOption = None,
    backend: BackendOption = BackendChoice.AUTO,
    explain: Annotated[bool, typer.Option("--explain", help="Also list provisions that do not apply")] = False,
    fail_on_violation: Annotated[bool, typer.Option(help="Exit 1 when any violation is found")] = False,
) -> None:
    """Evaluate incidents and print verdicts."""
    language: Lang = lang.value
    rules = resolve_rules_dir(rules)
    if output in (Format.JSONL, Format.CSV) or workers > 1 or any(is_batch_source(f) for f in files):
        if output in (Format.TEXT, Format.JSON):
            raise typer.BadParameter("a batch streams 'jsonl' or 'csv'", param_hint="--format")
        _batch(files, rules, backend.value, OutputFormat(output or Format.JSONL), language, workers, out,
               fail_on_violation)
        return
    if out is not None:
        raise typer.BadParameter("--output is for batches (--format jsonl or csv)", param_hint="--output")
    try:
        evaluator = Evaluator(Rulebook.load(rules), backend=backend.value)
        note_rulebook(evaluator.rulebook, language)
        verdicts = [evaluator.evaluate(incident) for incident in _incidents(files)]
    except NetralitasError as error:
        _fail(error)
    if output is Format.JSON:
        payload = [json.loads(v.to_json()) for v in verdicts]
        typer.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2,
                              sort_keys=True))
    else:
        stdout = make_console()
        for verdict in verdicts:
            render_verdict(verdict, stdout, language, explain)
    if fail_on_violation and any(v.findings for v in verdicts):
        raise typer.Exit(EXIT_VIOLATION)


def _batch(files: list[str], rules: Path, backend: BackendName, output: OutputFormat, lang: Lang, workers: int,
           out: Path | None, fail_on_violation: bool) -> None:
    stderr = make_console(stderr=True)
    try:
        with out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
            summary = run_batch(files, stream, rules, backend, output, lang,
                                workers, stderr, progress=stderr.is_terminal)
    except NetralitasError as error:
        _fail(error)
    except OSError as error:
        stderr.print(f"cannot write {out}: {error.strerror}", style="red")
        raise typer.Exit(2) from None
    if summary.invalid:
        stderr.print(f"{summary.invalid} of {summary.incidents} incidents were invalid", style="red")
        raise typer.Exit(EXIT_SOME_INVALID)
    if fail_on_violation and summary.with_findings:
        raise typer.Exit(EXIT_VIOLATION)


@app.command()
def schema(
    which: Annotated[str, typer.Argument(help="facts, rules, instruments, sanctions, scenarios or verdict")],
) -> None:
    """Print a JSON Schema (for editors and validators)."""
    if which not in SCHEMAS:
        raise typer.BadParameter(f"choose one of: {', '.join(SCHEMAS)}", param_hint="WHICH")
    typer.echo(json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False))


def main() -> None:
    """Console entry point: no traceback for any bad input."""
    try:
        app()
    except NetralitasError as error:  # pragma: no cover - commands handle their own
        make_console(stderr=True).print(str(error))
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # an engine bug: say so without a traceback
        make_console(stderr=True).print(f"internal error: {type(error).__name__}: {error}")
        sys.exit(EXIT_INTERNAL)
