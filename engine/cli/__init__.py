"""The `netralitas` command: evaluate incidents and print JSON Schemas.

Exit codes: 0 evaluated; 1 violations found (only with --fail-on-violation); 2 bad input
(incident file, arguments); 3 invalid rulebook; 4 batch finished but some incidents were
invalid (reported on standard error and as error records in the output; takes precedence
over 1); 70 internal error.

Batch mode (`netralitas.batch`) is used when an argument is a folder, a `.jsonl` or `.csv`
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
from rich.console import Console

from netralitas.backends import BackendName
from netralitas.batch import is_batch_source, run_batch
from netralitas.batch_output import OutputFormat
from netralitas.cli.options import BackendChoice, BackendOption, LangOption, Language
from netralitas.cli.render import render_verdict
from netralitas.cli.rules import app as rules_app
from netralitas.errors import NetralitasError, ProblemsError
from netralitas.evaluation import Evaluator
from netralitas.facts.loading import load_incident, load_incident_text
from netralitas.facts.models import Incident
from netralitas.rulebook import Rulebook
from netralitas.schemas import SCHEMAS
from netralitas.text import Lang

app = typer.Typer(add_completion=False, no_args_is_help=True, help="netralitas: ASN political neutrality rules engine.")
app.add_typer(rules_app, name="rules")
EXIT_VIOLATION = 1
EXIT_SOME_INVALID = 4
EXIT_INTERNAL = 70


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"


def _fail(error: NetralitasError) -> NoReturn:
    console = Console(stderr=True)
    if isinstance(error, ProblemsError):
        for problem in error.problems:
            console.print(problem.render(), style="red", markup=False, highlight=False)
    else:
        console.print(str(error), style="red", markup=False, highlight=False)
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
    rules: Annotated[Path | None, typer.Option("--rules", help="Rulebook folder (default: bundled)")] = None,
    backend: BackendOption = BackendChoice.AUTO,
    explain: Annotated[bool, typer.Option("--explain", help="Also list provisions that do not apply")] = False,
    fail_on_violation: Annotated[bool, typer.Option(help="Exit 1 when any violation is found")] = False,
) -> None:
    """Evaluate incidents and print verdicts."""
    language: Lang = lang.value
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
        verdicts = [evaluator.evaluate(incident) for incident in _incidents(files)]
    except NetralitasError as error:
        _fail(error)
    if output is Format.JSON:
        payload = [json.loads(v.to_json()) for v in verdicts]
        typer.echo(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2,
                              sort_keys=True))
    else:
        console = Console()
        for verdict in verdicts:
            render_verdict(verdict, console, language, explain)
    if fail_on_violation and any(v.findings for v in verdicts):
        raise typer.Exit(EXIT_VIOLATION)


def _batch(files: list[str], rules: Path | None, backend: BackendName, output: OutputFormat, lang: Lang, workers: int,
           out: Path | None, fail_on_violation: bool) -> None:
    stderr = Console(stderr=True)
    try:
        with out.open("w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
            summary = run_batch(files, stream, rules, backend, output, lang,
                                workers, stderr, progress=stderr.is_terminal)
    except NetralitasError as error:
        _fail(error)
    except OSError as error:
        stderr.print(f"cannot write {out}: {error.strerror}", style="red", markup=False)
        raise typer.Exit(2) from None
    if summary.invalid:
        stderr.print(f"{summary.invalid} of {summary.incidents} incidents were invalid", style="red", markup=False,
                     soft_wrap=True)
        raise typer.Exit(EXIT_SOME_INVALID)
    if fail_on_violation and summary.with_findings:
        raise typer.Exit(EXIT_VIOLATION)


@app.command()
def schema(which: Annotated[str, typer.Argument(help="facts, rules, instruments, sanctions or scenarios")]) -> None:
    """Print a JSON Schema (for editors and validators)."""
    if which not in SCHEMAS:
        raise typer.BadParameter(f"choose one of: {', '.join(SCHEMAS)}", param_hint="WHICH")
    typer.echo(json.dumps(SCHEMAS[which](), indent=2, ensure_ascii=False))


def main() -> None:
    """Console entry point: no traceback for any bad input."""
    try:
        app()
    except NetralitasError as error:  # pragma: no cover - commands handle their own
        Console(stderr=True).print(str(error), markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # an engine bug: say so without a traceback
        Console(stderr=True).print(f"internal error: {type(error).__name__}: {error}", markup=False)
        sys.exit(EXIT_INTERNAL)
